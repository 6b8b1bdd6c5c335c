"""Hostile style sheets and options: each is refused in one line that names the sheet, the key and
what is allowed, with exit status 2, and never hangs (a FIFO, a device) or crashes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from convert import fonts
from convert.errors import StyleError
from convert.styles import load_style
from tests.conftest import RunCli

SHEETS: dict[str, tuple[str, str]] = {
    "body of 10,000 pt": (
        '[styles.body]\nsize = "10000pt"\n',
        "styles.body.size: '10000pt' is out of range; allowed from 4pt to 144pt",
    ),
    "zero size": (
        '[styles.title]\nsize = "0pt"\n',
        "styles.title.size: '0pt' is out of range; allowed from 4pt to 144pt",
    ),
    "size in em without based-on": (
        '[styles.body]\nsize = "2em"\n',
        "styles.body.size: '2em' is in em, which needs based-on",
    ),
    "negative size": (
        '[styles.body]\nsize = "-3pt"\n',
        "styles.body.size: '-3pt' is not allowed; expected a length such as 10.5pt, 4mm, 1.2cm, 0.5in or 1.5em",
    ),
    "leading of zero": (
        "[styles.body]\nleading = 0\n",
        "styles.body.leading: 0 is out of range; a multiple of the size from 0.8 to 4, or a length from 0.8em to 4em",
    ),
    "leading of 50": (
        "[styles.body]\nleading = 50\n",
        "styles.body.leading: 50 is out of range; a multiple of the size from 0.8 to 4, or a length from 0.8em to 4em",
    ),
    "leading length of zero": (
        '[styles.body]\nleading = "0pt"\n',
        "styles.body.leading: '0pt' is out of range; allowed from 8.8pt to 44pt",
    ),
    "huge space": (
        '[styles.body]\nspace-before = "99999999999999999999pt"\n',
        "styles.body.space-before: '99999999999999999999pt' is out of range; allowed from 0pt to 144pt",
    ),
    "infinite indent": (
        '[styles.body]\nleft-indent = "inf pt"\n',
        "styles.body.left-indent: 'inf pt' is not allowed; expected a length such as 10.5pt, "
        "4mm, 1.2cm, 0.5in or 1.5em",
    ),
    "indents wider than the text": (
        '[styles.body]\nleft-indent = "140pt"\nright-indent = "140pt"\n',
        "styles.title: lines of 22pt type need at least 6em (132pt); the 357.2pt text width "
        "less its indents leaves 77.2pt",
    ),
    "tiny page": (
        '[page]\nsize = "1in x 1in"\n',
        "page: the margins leave 0pt of the 72pt page width; at least 72pt of text is needed",
    ),
    "page smaller than an inch": (
        '[page]\nsize = "10pt x 10pt"\n',
        "page.size (width): '10pt x 10pt' is out of range; allowed from 72pt to 14400pt",
    ),
    "margins larger than the page": (
        '[page]\nmargin-top = "200mm"\nmargin-bottom = "200mm"\n',
        "page: the margins leave 0pt of the 841.9pt page height; at least 72pt of text is needed",
    ),
    "page too short for three lines of the title": (
        (
            '[page]\nsize = "A4"\nmargin-top = "130mm"\nmargin-bottom = "130mm"\n'
            '[styles.title]\nsize = "40pt"\nleading = 2\n'
        ),
        "styles.title.leading: 80pt lines do not fit 3 to the 104.9pt text height",
    ),
    "deeply nested TOML": (
        "description = " + "[" * 50_000 + "\n",
        "not valid TOML for a style sheet: nested too deeply",
    ),
    "extends a device": (
        'extends = "/dev/zero"\n',
        "extends: /dev/zero: cannot read style sheet: not a regular file",
    ),
    "extends a folder": (
        'extends = "/"\n',
        "extends: /: cannot read style sheet: not a regular file",
    ),
}


def write_sheet(folder: Path, text: str, name: str = "sheet.toml") -> str:
    (folder / name).write_text(text, encoding="utf-8")
    return os.fspath(folder / name)


@pytest.mark.parametrize("name", list(SHEETS))
def test_a_sheet_out_of_bounds_is_refused_naming_the_key_and_the_range(tmp_path: Path, name: str) -> None:
    text, reason = SHEETS[name]
    path = write_sheet(tmp_path, text)
    with pytest.raises(StyleError) as caught:
        load_style(path)
    assert caught.value.message == f"{path}: {reason}"


def test_extends_naming_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    path = write_sheet(tmp_path, 'extends = "./pipe"\n')
    with pytest.raises(StyleError) as caught:
        load_style(path)
    assert caught.value.message == f"{path}: extends: ./pipe: cannot read style sheet: not a regular file"


def test_a_sheet_that_starts_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b'\xef\xbb\xbf[styles.body]\nsize = "12pt"\n')
    assert load_style(os.fspath(path)).body.size == 12.0


def _font_file() -> Path:
    return fonts.find_family("Amiri").faces[0].path


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda path: path.write_bytes(b"not a font at all"), "not a TrueType or OpenType font (WOFF and Type 1"),
        (lambda path: path.write_bytes(_font_file().read_bytes()[:20_000]), "truncated: its "),
        (lambda path: path.write_bytes(_font_file().read_bytes()[:100]), "truncated: its table directory is cut short"),
        (lambda path: path.write_bytes(b"\x00\x01\x00\x00" + bytes(8)), "not a usable font: it has no cmap"),
    ],
    ids=["not a font", "truncated tables", "truncated directory", "no tables"],
)  # fmt: skip
def test_font_files_that_are_not_whole_fonts_are_refused(tmp_path: Path, make: object, reason: str) -> None:
    make(tmp_path / "face.ttf")  # type: ignore[operator]
    path = write_sheet(tmp_path, '[font-files.Mine]\nregular = "face.ttf"\n[fonts]\nbody = "Mine"\n')
    with pytest.raises(StyleError) as caught:
        load_style(path)
    assert caught.value.message.startswith(f"{path}: font-files.Mine.regular: face.ttf: {reason}")


@pytest.mark.parametrize(
    ("arguments", "line"),
    [
        (["--lang", "not a tag"], "convert: --lang: 'not a tag' is not a language tag such as en, pt-BR or zh-Hant"),
        (["--lang", "en\udcff"], "convert: --lang: holds the byte 0xFF, which is not UTF-8 text"),
        (["--digest", "--title", "T\udcfe"], "convert: --title: holds the byte 0xFE, which is not UTF-8 text"),
        (["--set", "styles.body.size=\udcff"], "convert: --set: holds the byte 0xFF, which is not UTF-8 text"),
        (
            ["--set", "styles.body.size=900pt"],
            "convert: --set: styles.body.size: '900pt' is out of range; allowed from 4pt to 144pt",
        ),
        (["--style", "/dev/zero"], "convert: /dev/zero: cannot read style sheet: not a regular file"),
        (["--style", "caf\udce9.toml"], "convert: caf\\xe9.toml: cannot read style sheet: No such file or directory"),
    ],
)
def test_bad_options_are_refused_in_one_line_with_exit_status_2(
    run_cli: RunCli, tmp_path: Path, arguments: list[str], line: str
) -> None:
    (tmp_path / "a.txt").write_text("date 2024-01-01 A short article.", encoding="utf-8")
    result = run_cli(
        "a.txt", "--to", "json", *[os.fsencode(argument).decode("utf-8", "surrogateescape") for argument in arguments]
    )
    assert result.returncode == 2
    assert result.stderr.splitlines() == [line]
    assert not (tmp_path / "dist").exists()
