"""Turn a layered style table into the typed Style that writers take."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

from convert.errors import StyleError
from convert.fonts import FontFamily, fallback_families, family_from_files, find_family
from convert.fonts.sfnt import sfnt_info
from convert.styles.types import TEXT_STYLE_NAMES, PageStyle, Style, TextStyle
from convert.styles.units import parse_color, parse_length, parse_paper

_FAMILY_ROLES = ("body", "heading", "monospace")


def resolve_style(table: dict[str, Any], name: str) -> Style:
    """Resolve every named style through its `based-on` chain into typed values."""
    families = _Families(table, name)
    raw_styles: dict[str, dict[str, Any]] = table.get("styles", {})
    effective: dict[str, dict[str, Any]] = {}
    resolved: dict[str, TextStyle] = {}
    for style_name in TEXT_STYLE_NAMES:
        resolved[style_name] = _text_style(style_name, raw_styles, effective, resolved, families, name, ())
    fonts = table.get("fonts", {})
    fallbacks = (
        tuple(families.get(item) for item in fonts["fallbacks"]) if "fallbacks" in fonts else fallback_families()
    )
    page = _page(table.get("page", {}), name)
    check_fits_page(page, resolved, name)
    return Style(
        name=name,
        page=page,
        body_family=families.get("body"),
        heading_family=families.get("heading"),
        monospace_family=families.get("monospace"),
        fallback_families=fallbacks,
        embed_fonts=bool(fonts.get("embed", False)),
        **resolved,
    )


class _Families:
    """Font families by name or role, built once each."""

    def __init__(self, table: dict[str, Any], sheet: str) -> None:
        self.sheet = sheet
        self.roles: dict[str, str] = {role: table.get("fonts", {}).get(role, "") for role in _FAMILY_ROLES}
        self.files: dict[str, dict[str, str]] = table.get("font-files", {})
        self.cache: dict[str, FontFamily] = {}

    def get(self, name: str) -> FontFamily:
        name = self.roles.get(name, name)
        if name not in self.cache:
            self.cache[name] = self._make(name)
        return self.cache[name]

    def _make(self, name: str) -> FontFamily:
        given = self.files.get(name)
        if given is not None:
            optional = {key: Path(given[key]) for key in ("bold", "italic", "bold-italic") if key in given}
            for role, path in (("regular", Path(given["regular"])), *optional.items()):
                if not path.is_file():
                    raise StyleError(f"font-files.{name}.{role}: no font file at {path.name}", self.sheet)
                try:
                    sfnt_info(path)
                except (OSError, ValueError, struct.error) as error:
                    reason = str(error).removeprefix(f"{path}: ")
                    raise StyleError(f"font-files.{name}.{role}: {path.name}: {reason}", self.sheet) from None
            return family_from_files(
                name,
                Path(given["regular"]),
                bold=optional.get("bold"),
                italic=optional.get("italic"),
                bold_italic=optional.get("bold-italic"),
            )
        try:
            return find_family(name)
        except LookupError as error:
            raise StyleError(str(error.args[0]), self.sheet) from None


def _text_style(
    style_name: str,
    raw_styles: dict[str, dict[str, Any]],
    effective: dict[str, dict[str, Any]],
    resolved: dict[str, TextStyle],
    families: _Families,
    sheet: str,
    visiting: tuple[str, ...],
) -> TextStyle:
    if style_name in resolved:
        return resolved[style_name]
    if style_name in visiting:
        chain = " -> ".join((*visiting, style_name))
        raise StyleError(f"styles.{style_name}.based-on: the styles are based on each other ({chain})", sheet)
    own = raw_styles.get(style_name, {})
    parent_name = own.get("based-on")
    values: dict[str, Any] = {}
    parent_size: float | None = None
    if parent_name is not None:
        parent = _text_style(parent_name, raw_styles, effective, resolved, families, sheet, (*visiting, style_name))
        resolved[parent_name] = parent
        values.update(effective[parent_name])
        if style_name in DISPLAY_STYLES:  # a title or a contents entry is no paragraph of running text
            values.pop("first-line-indent", None)
        parent_size = parent.size
    values.update({key: value for key, value in own.items() if key != "based-on"})
    effective[style_name] = values
    missing = [key for key in _REQUIRED if key not in values]
    if missing:
        raise StyleError(f"styles.{style_name}: missing {', '.join(missing)} and no based-on style gives them", sheet)
    size = parse_length(values["size"], parent_size)
    if size is None:
        raise StyleError(f"styles.{style_name}.size: {values['size']!r} is in em, which needs based-on", sheet)
    _within(f"styles.{style_name}.size", values["size"], size, SIZE_RANGE, sheet)
    leading = values["leading"]
    color = parse_color(values["color"])
    assert color is not None  # validated with the sheet

    def length(key: str) -> float:
        points = parse_length(values.get(key, 0), size)
        assert points is not None  # validated with the sheet
        _within(f"styles.{style_name}.{key}", values.get(key, 0), points, LENGTH_RANGES[key], sheet)
        return points

    low, high = LEADING_RANGE
    if isinstance(leading, int | float):
        if not low <= leading <= high:
            raise StyleError(
                f"styles.{style_name}.leading: {leading!r} is out of range; a multiple of the size "
                f"from {low:g} to {high:g}, or a length from {low:g}em to {high:g}em",
                sheet,
            )
        leading_points = leading * size
    else:
        measured = parse_length(leading, size)
        assert measured is not None  # validated with the sheet
        leading_points = measured
        _within(f"styles.{style_name}.leading", leading, leading_points, (low * size, high * size), sheet)
    return TextStyle(
        name=style_name,
        family=families.get(values["family"]),
        size=size,
        leading=leading_points,
        color=color,
        bold=values["weight"] == "bold",
        italic=values["slant"] == "italic",
        align=values["align"],
        space_before=length("space-before"),
        space_after=length("space-after"),
        first_line_indent=length("first-line-indent"),
        left_indent=length("left-indent"),
        right_indent=length("right-indent"),
        hyphenate=bool(values.get("hyphenate", False)),
        keep_with_next=bool(values.get("keep-with-next", False)),
    )


_REQUIRED = ("family", "size", "leading", "color", "weight", "slant", "align")

DISPLAY_STYLES = frozenset(
    {"title", "date", "section", "heading1", "heading2", "heading3", "toc1", "toc2", "header", "footer"}
)
"""Display and navigation styles: they never take the first-line indent of the style they are
based on (classic's body indents its paragraphs 1.2 em; its centred title must not), only their own."""

SIZE_RANGE = (4.0, 144.0)
"""Text sizes in points: from the smallest a printer sets legibly to a poster's headline."""
LEADING_RANGE = (0.8, 4.0)
"""Line spacing as a multiple of the text size: tighter overprints lines, looser is no longer a paragraph."""
LENGTH_RANGES: dict[str, tuple[float, float]] = {
    "space-before": (0.0, 144.0),
    "space-after": (0.0, 144.0),
    "first-line-indent": (0.0, 144.0),
    "left-indent": (0.0, 288.0),
    "right-indent": (0.0, 288.0),
}
"""Spacing and indents in points; the page check below also keeps them inside the text block."""
PAGE_RANGE = (72.0, 14400.0)
"""Paper sides in points: one inch, up to PDF's largest page (200 inches)."""
SMALLEST_TEXT_BLOCK = 72.0
"""The margins leave at least an inch of text across and down the page."""
NARROWEST_LINE = 6.0
"""Every style's lines keep at least this many ems of their size beside their indents."""
FEWEST_LINES = 3
"""A page holds at least this many lines of every style."""


def _pt(points: float) -> str:
    """Points as a message shows them: to a tenth, without trailing zeros."""
    return f"{points:.1f}".removesuffix(".0") + "pt"


def _within(key: str, written: object, points: float, bounds: tuple[float, float], sheet: str) -> None:
    low, high = bounds
    if not low <= points <= high:
        raise StyleError(f"{key}: {written!r} is out of range; allowed from {_pt(low)} to {_pt(high)}", sheet)


def check_fits_page(page: PageStyle, styles: dict[str, TextStyle], sheet: str) -> None:
    """Refuse a page its margins leave too little room on, or a style whose lines or indents do not fit it."""
    across = page.width - page.margin_left - page.margin_right
    down = page.height - page.margin_top - page.margin_bottom
    for side, room, whole in (("width", across, page.width), ("height", down, page.height)):
        if room < SMALLEST_TEXT_BLOCK:
            raise StyleError(
                f"page: the margins leave {_pt(max(room, 0))} of the {_pt(whole)} page {side}; "
                f"at least {_pt(SMALLEST_TEXT_BLOCK)} of text is needed",
                sheet,
            )
    for name, style in styles.items():
        line = across - style.left_indent - style.right_indent - style.first_line_indent
        if line < NARROWEST_LINE * style.size:
            raise StyleError(
                f"styles.{name}: lines of {_pt(style.size)} type need at least {NARROWEST_LINE:g}em "
                f"({_pt(NARROWEST_LINE * style.size)}); the {_pt(across)} text width less its indents "
                f"leaves {_pt(max(line, 0))}",
                sheet,
            )
        if style.leading * FEWEST_LINES > down:
            raise StyleError(
                f"styles.{name}.leading: {_pt(style.leading)} lines do not fit {FEWEST_LINES} to the "
                f"{_pt(down)} text height",
                sheet,
            )


def _page(page: dict[str, Any], sheet: str) -> PageStyle:
    size = parse_paper(page.get("size", "A4"))
    if size is None:
        raise StyleError("page.size: not a paper size", sheet)

    def margin(side: str) -> float:
        points = parse_length(page.get(f"margin-{side}", "20mm"), None)
        assert points is not None  # validated with the sheet
        return points

    width, height = size
    for side, points in (("width", width), ("height", height)):
        _within(f"page.size ({side})", page.get("size", "A4"), points, PAGE_RANGE, sheet)
    return PageStyle(width, height, margin("top"), margin("right"), margin("bottom"), margin("left"))
