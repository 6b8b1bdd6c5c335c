"""What a generated cover says and how it looks, worked out once from the publication and the style for every format.

The cover shows the title large, then the subtitle (a digest's count and date range) and the number of
articles, between a band of the sheet's accent colour at the top and a thin one at the bottom. The
EPUB draws it as a picture, the PDF on its first page, the DOCX in two named styles; the geometry is
given as fractions of the page so that each format places it alike on its own paper.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from convert.caches import memoised
from convert.model import Publication
from convert.styles.types import Color, Style, TextStyle
from convert.text.phrases import UNTITLED, articles_label, cover_alt

TOP_BAND = 0.06
"""Height of the accent band across the top of the cover, as a fraction of the page height."""
BOTTOM_BAND = 0.015
"""Height of the accent band across the bottom."""
TITLE_TOP = 0.3
"""Where the title's first line starts, as a fraction of the page height from the top."""


def title_page_drop(style: Style) -> float:
    """Points from the top of the text frame to the title page's title: where the cover's title starts."""
    page = style.page
    return max(TITLE_TOP * page.height - page.margin_top, 0.0)


RULE_WIDTH = 0.25
"""Width of the accent rule between title and subtitle, as a fraction of the page width."""
RULE_THICKNESS = 0.004
"""Thickness of that rule, as a fraction of the page height."""
SCALE = 2.0
"""The cover's text is the title page's text this many times larger."""
TITLE_LINES = 5
"""A title longer than this many lines is set smaller, at each of TITLE_SIZES in turn, then cut short."""
TITLE_SIZES = tuple(0.85**step for step in range(5))
"""Fractions of the cover title's size, largest first: down to about half."""
PAPER = Color(255, 255, 255)


@dataclass(frozen=True, slots=True)
class CoverText:
    """The words on the cover."""

    title: str
    """The publication's title with its white space collapsed (each format wraps it as it fits)."""
    lines: tuple[str, ...]
    """The subtitle (a digest's count and date range) and, if the subtitle does not give it, the count."""

    @property
    def alt(self) -> str:
        """The cover picture's text alternative: everything the picture says, in reading order."""
        return cover_alt(self.title, self.lines)


@dataclass(frozen=True, slots=True)
class CoverLook:
    """The cover's styles and colours, all taken from the sheet."""

    title: TextStyle
    """The title page's title style, larger and centred."""
    subtitle: TextStyle
    """The date line's style, larger and centred, for the subtitle and the count."""
    accent: Color
    """The colour of the bands and the rule: the sheet's group heading colour, its accent."""
    title_offset: float
    """Points from the top margin down to the title, so that it starts at TITLE_TOP of the page."""


def cover_text(publication: Publication) -> CoverText:
    """The title, subtitle and article count of `publication`, each once."""
    title = " ".join(publication.title.split()) or UNTITLED
    subtitle = " ".join((publication.subtitle or "").split())
    lines = [subtitle] if subtitle else []
    count = articles_label(len(publication.documents))
    if count not in subtitle:
        lines.append(count)
    return CoverText(title=title, lines=tuple(lines))


@memoised(16)
def cover_look(style: Style) -> CoverLook:
    """The cover's look in `style`: its title and date styles at SCALE times their size, centred."""
    page = style.page
    title = replace(
        style.title,
        name="cover-title",
        size=style.title.size * SCALE,
        leading=style.title.leading * SCALE,
        align="center",
        space_before=0.0,
        space_after=style.title.size,
        first_line_indent=0.0,
        left_indent=0.0,
        right_indent=0.0,
        hyphenate=False,
        keep_with_next=True,
    )
    subtitle = replace(
        style.date,
        name="cover-subtitle",
        size=style.date.size * SCALE,
        leading=style.date.leading * SCALE,
        align="center",
        space_before=0.0,
        space_after=style.date.size,
        first_line_indent=0.0,
        left_indent=0.0,
        right_indent=0.0,
        hyphenate=False,
        keep_with_next=False,
    )
    return CoverLook(
        title=title,
        subtitle=subtitle,
        accent=style.section.color,
        title_offset=max(0.0, page.height * TITLE_TOP - page.margin_top),
    )


def rule_box(style: Style, lines: int, factor: float) -> tuple[float, float, float, float]:
    """Where the accent rule under a cover title of `lines` lines set at `factor` of its size lies:
    (left, top, width, height) in points from the page's top left corner, as the PDF's flow puts it."""
    page = style.page
    look = cover_look(style)
    title = scaled(look.title, factor)
    width = page.width * RULE_WIDTH
    top = page.margin_top + look.title_offset + lines * title.leading + title.space_after
    return (page.width - width) / 2, top, width, page.height * RULE_THICKNESS


def scaled(text_style: TextStyle, factor: float) -> TextStyle:
    """`text_style` with its size, leading and space after multiplied by `factor`."""
    if factor == 1.0:
        return text_style
    return replace(
        text_style,
        size=text_style.size * factor,
        leading=text_style.leading * factor,
        space_after=text_style.space_after * factor,
    )
