"""The resolved style: typed values that writers use as they are, never parsing a string."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Literal

from convert.fonts import FontFamily

Alignment = Literal["left", "right", "center", "justify"]


@dataclass(frozen=True, slots=True)
class Color:
    """An sRGB colour, each channel 0 to 255."""

    red: int
    green: int
    blue: int

    @property
    def hex(self) -> str:
        """The colour as `#rrggbb`."""
        return f"#{self.red:02x}{self.green:02x}{self.blue:02x}"


@dataclass(frozen=True, slots=True)
class TextStyle:
    """How one kind of text looks; lengths are in points."""

    name: str
    family: FontFamily
    size: float
    leading: float
    """Distance from one baseline to the next."""
    color: Color
    bold: bool
    italic: bool
    align: Alignment
    space_before: float
    space_after: float
    first_line_indent: float
    left_indent: float
    right_indent: float
    hyphenate: bool
    keep_with_next: bool
    """Never end a page after this block (for headings)."""


@dataclass(frozen=True, slots=True)
class PageStyle:
    """Paper size and margins in points."""

    width: float
    height: float
    margin_top: float
    margin_right: float
    margin_bottom: float
    margin_left: float


@dataclass(frozen=True, slots=True, eq=False)
class Style:
    """A fully resolved style sheet: everything every writer needs to know about the look.

    Two styles are equal when their fingerprints are: caches take a style as a key at the cost
    of a string's hash, and a style loaded again finds what the first one left there.
    """

    name: str
    page: PageStyle
    body_family: FontFamily
    heading_family: FontFamily
    monospace_family: FontFamily
    fallback_families: tuple[FontFamily, ...]
    """Tried in order for characters the style's own family lacks."""
    embed_fonts: bool
    """Whether formats that may carry fonts (EPUB) embed them."""
    title: TextStyle
    date: TextStyle
    """The date line under an article title."""
    section: TextStyle
    """A group heading in a digest."""
    heading1: TextStyle
    heading2: TextStyle
    heading3: TextStyle
    body: TextStyle
    first: TextStyle
    """The first paragraph of an article."""
    blockquote: TextStyle
    quote: TextStyle
    """Inline quotations; only the font, colour, weight and slant apply."""
    toc1: TextStyle
    toc2: TextStyle
    header: TextStyle
    footer: TextStyle
    fingerprint: str = field(init=False, repr=False)
    """SHA-256 of every value above, computed once: the same in every process for the same values,
    so that it also keys what an output depends on in a batch run's manifest."""

    def __post_init__(self) -> None:
        # The dataclass repr spells out every value, nested ones too, exactly and in field order.
        object.__setattr__(self, "fingerprint", hashlib.sha256(repr(self).encode("utf-8")).hexdigest())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Style) and other.fingerprint == self.fingerprint

    def __hash__(self) -> int:
        return hash(self.fingerprint)

    def heading(self, level: int) -> TextStyle:
        """The style of a heading of level 1 to 3 (deeper levels use level 3)."""
        return (self.heading1, self.heading2, self.heading3)[min(max(level, 1), 3) - 1]


TEXT_STYLE_NAMES = (
    "title",
    "date",
    "section",
    "heading1",
    "heading2",
    "heading3",
    "body",
    "first",
    "blockquote",
    "quote",
    "toc1",
    "toc2",
    "header",
    "footer",
)
"""The named styles every sheet resolves, in the order they are listed to users."""
