"""Turn a layered style table into the typed Style that writers take."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from convert.errors import StyleError
from convert.fonts import FontFamily, fallback_families, family_from_files, find_family
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
    return Style(
        name=name,
        page=_page(table.get("page", {}), name),
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
            for path in (Path(given["regular"]), *optional.values()):
                if not path.is_file():
                    raise StyleError(f"font-files.{name}: no font file at {path.name}", self.sheet)
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
        parent_size = parent.size
    values.update({key: value for key, value in own.items() if key != "based-on"})
    effective[style_name] = values
    missing = [key for key in _REQUIRED if key not in values]
    if missing:
        raise StyleError(f"styles.{style_name}: missing {', '.join(missing)} and no based-on style gives them", sheet)
    size = parse_length(values["size"], parent_size)
    if size is None or size <= 0:
        raise StyleError(
            f"styles.{style_name}.size: {values['size']!r} needs a positive size (em needs based-on)", sheet
        )
    leading = values["leading"]
    color = parse_color(values["color"])
    assert color is not None  # validated with the sheet

    def length(key: str) -> float:
        points = parse_length(values.get(key, 0), size)
        assert points is not None  # validated with the sheet
        return points

    return TextStyle(
        name=style_name,
        family=families.get(values["family"]),
        size=size,
        leading=leading * size if isinstance(leading, int | float) else length("leading"),
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


def _page(page: dict[str, Any], sheet: str) -> PageStyle:
    size = parse_paper(page.get("size", "A4"))
    if size is None:
        raise StyleError("page.size: not a paper size", sheet)

    def margin(side: str) -> float:
        points = parse_length(page.get(f"margin-{side}", "20mm"), None)
        assert points is not None  # validated with the sheet
        return points

    width, height = size
    return PageStyle(width, height, margin("top"), margin("right"), margin("bottom"), margin("left"))
