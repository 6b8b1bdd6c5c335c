"""Style sheets: built-in looks, inheritance, overrides and the messages for mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from convert.errors import StyleError
from convert.styles import TEXT_STYLE_NAMES, Color, load_style, style_names
from convert.styles.resolve import DISPLAY_STYLES


def write_sheet(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_built_in_looks_resolve_to_typed_values() -> None:
    assert {"default", "classic", "modern", "large-print"} <= set(style_names())
    for name in style_names():
        style = load_style(name)
        for style_name in TEXT_STYLE_NAMES:
            text_style = getattr(style, style_name)
            assert text_style.size > 0 and text_style.leading >= text_style.size
            assert isinstance(text_style.color, Color)
        assert style.page.width > style.page.margin_left + style.page.margin_right


def test_the_looks_differ() -> None:
    looks = {name: load_style(name) for name in ("default", "classic", "modern", "large-print")}
    assert len({(s.body.family.name, s.body.size, s.body.align, s.page.width) for s in looks.values()}) == 4
    large = looks["large-print"]
    assert large.body.size >= 16 and large.body.color == Color(0, 0, 0)
    assert looks["classic"].body.first_line_indent == pytest.approx(12.0)
    assert looks["classic"].first.first_line_indent == 0


def test_inheritance_follows_based_on_and_units_convert() -> None:
    style = load_style("default", ["styles.body.size=12pt", "styles.body.leading=1.5", "page.margin-left=1in"])
    assert style.body.size == 12 and style.body.leading == 18
    assert style.first.size == 12 and style.first.leading == 18
    assert style.blockquote.left_indent == pytest.approx(24.0)  # 2em of 12pt
    assert style.page.margin_left == 72
    assert style.heading(2).size == 12 and style.heading(9) is style.heading3


@pytest.mark.parametrize("name", style_names())
def test_display_and_navigation_styles_never_take_the_body_s_first_line_indent(name: str) -> None:
    style = load_style(name, ["styles.body.first-line-indent=1.5em"])
    assert style.body.first_line_indent == pytest.approx(1.5 * style.body.size)
    assert style.blockquote.first_line_indent == pytest.approx(1.5 * style.body.size)  # running text
    for display in sorted(DISPLAY_STYLES):
        assert getattr(style, display).first_line_indent == 0, display


def test_a_display_style_keeps_a_first_line_indent_of_its_own() -> None:
    style = load_style("classic", ["styles.toc2.first-line-indent=1em"])
    assert style.toc2.first_line_indent == pytest.approx(style.toc2.size)


def test_a_sheet_extends_another_by_path(tmp_path: Path) -> None:
    write_sheet(tmp_path, "base.toml", 'extends = "modern"\n[styles.body]\ncolor = "#123456"\n')
    child = write_sheet(tmp_path, "child.toml", 'extends = "base.toml"\n[styles.title]\nsize = "30pt"\n')
    style = load_style(str(child))
    assert style.body.color == Color(0x12, 0x34, 0x56)
    assert style.title.size == 30
    assert style.body.family.name == "Noto Sans"  # from modern


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[styles.body]\ncolour = "#000"\n', 'styles.body.colour: unknown key; did you mean "color"?'),
        ('[styles.bodi]\nsize = "9pt"\n', 'styles.bodi: unknown style; did you mean "body"?'),
        ("[pages]\n", 'pages: unknown key; did you mean "page"?'),
        ('[styles.body]\nsize = "-3pt"\n', "styles.body.size: '-3pt' is not allowed"),
        ('[styles.body]\nsize = "big"\n', "styles.body.size: 'big' is not allowed; expected a length such as 10.5pt"),
        (
            '[styles.body]\nalign = "middle"\n',
            'styles.body.align: \'middle\' is not allowed; expected "left" or "right"',
        ),
        ('[styles.body]\ncolor = "#12345"\n', "styles.body.color: '#12345' is not allowed; expected a colour"),
        ('[page]\nsize = "A9"\n', "page.size: 'A9' is not allowed; expected a paper size"),
        ('[fonts]\nbody = "No Such Sans"\n', "unknown font family 'No Such Sans'"),
        ('[styles.first]\nbased-on = "quote"\n[styles.quote]\nbased-on = "first"\n', "based on each other"),
        ("this is = not toml", "not valid TOML"),
        ('extends = "nonexistent"\n', "unknown style 'nonexistent'; available: classic, default"),
    ],
)
def test_bad_sheets_are_refused_naming_the_sheet_and_key(tmp_path: Path, text: str, message: str) -> None:
    sheet = write_sheet(tmp_path, "mine.toml", text)
    with pytest.raises(StyleError) as caught:
        load_style(str(sheet))
    assert message in caught.value.message
    if "unknown style 'nonexistent'" not in message:
        assert caught.value.message.startswith(f"{sheet}: ")


def test_overrides_are_validated() -> None:
    with pytest.raises(StyleError) as caught:
        load_style("default", ["styles.body.sise=12pt"])
    assert caught.value.message == (
        '--set: styles.body.sise: unknown key; did you mean "size"? allowed: '
        + ", ".join(
            [
                "based-on",
                "family",
                "size",
                "leading",
                "color",
                "weight",
                "slant",
                "align",
                "space-before",
                "space-after",
                "first-line-indent",
                "left-indent",
                "right-indent",
                "hyphenate",
                "keep-with-next",
            ]
        )
    )
    with pytest.raises(StyleError, match="expected KEY=VALUE"):
        load_style("default", ["styles.body.size"])
    assert load_style("default", ["styles.body.hyphenate=false"]).body.hyphenate is False


def test_unknown_style_name_lists_the_built_in_ones() -> None:
    with pytest.raises(StyleError) as caught:
        load_style("fancy")
    assert caught.value.message == f"unknown style 'fancy'; available: {', '.join(style_names())}"
