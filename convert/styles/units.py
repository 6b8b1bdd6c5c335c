"""Read the lengths, colours and paper sizes written in style sheets."""

from __future__ import annotations

import re

from convert.styles.types import Color

POINTS_PER_UNIT = {"pt": 1.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "in": 72.0, "pc": 12.0, "px": 0.75}
PAPER_SIZES = {
    "a4": (595.2756, 841.8898),
    "a5": (419.5276, 595.2756),
    "b5": (498.8976, 708.6614),
    "letter": (612.0, 792.0),
    "legal": (612.0, 1008.0),
}
NAMED_COLORS = {
    "black": Color(0, 0, 0),
    "white": Color(255, 255, 255),
    "gray": Color(128, 128, 128),
    "grey": Color(128, 128, 128),
    "red": Color(255, 0, 0),
    "navy": Color(0, 0, 128),
    "maroon": Color(128, 0, 0),
}
_LENGTH = re.compile(r"\s*(\d+(?:\.\d+)?|\.\d+)\s*(pt|mm|cm|in|pc|px|em)\s*")
_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")

LENGTH_HINT = "a length such as 10.5pt, 4mm, 1.2cm, 0.5in or 1.5em"
COLOR_HINT = "a colour such as #1a1a1a, #333 or " + ", ".join(sorted(NAMED_COLORS))
PAPER_HINT = (
    "a paper size ("
    + ", ".join(name.upper() if name.startswith("a") else name.title() for name in PAPER_SIZES)
    + ') or "WIDTH x HEIGHT"'
)


def parse_length(value: object, em: float | None) -> float | None:
    """Points for a length such as `12pt` or `4mm`; em only where `em` is given; None if invalid."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value == 0:
        return 0.0
    if not isinstance(value, str):
        return None
    match = _LENGTH.fullmatch(value)
    if match is None:
        return None
    number, unit = float(match.group(1)), match.group(2)
    if unit == "em":
        return None if em is None else number * em
    return number * POINTS_PER_UNIT[unit]


def parse_color(value: object) -> Color | None:
    """The colour for `#rrggbb`, `#rgb` or a few names; None if invalid."""
    if not isinstance(value, str):
        return None
    named = NAMED_COLORS.get(value.strip().lower())
    if named is not None:
        return named
    match = _HEX.fullmatch(value.strip())
    if match is None:
        return None
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(char * 2 for char in digits)
    return Color(int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16))


def parse_paper(value: object) -> tuple[float, float] | None:
    """Width and height in points for a paper name or `WIDTH x HEIGHT`; None if invalid."""
    if not isinstance(value, str):
        return None
    named = PAPER_SIZES.get(value.strip().lower())
    if named is not None:
        return named
    parts = value.lower().split("x")
    if len(parts) != 2:
        return None
    width, height = parse_length(parts[0], None), parse_length(parts[1], None)
    if width is None or height is None or width <= 0 or height <= 0:
        return None
    return width, height
