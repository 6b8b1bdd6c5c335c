"""The page each group and article of a publication starts on: one fact the PDF finds and every contents page prints.

Only a layout knows it, and the layout convert makes is the PDF's. The PDF writer records what its
own layout found (`remember`); a writer that lays out nothing (DOCX) asks `start_pages`, which
takes what the PDF writer recorded for the same publication and sheet, or lays the PDF out once.
"""

from __future__ import annotations

from dataclasses import dataclass

from convert.caches import Lru
from convert.model import Publication
from convert.styles.types import Style


@dataclass(frozen=True, slots=True)
class StartPages:
    """Page numbers, counted from 1 as the footers count them."""

    sections: tuple[int | None, ...]
    """The page of each section's title, by position; None for a section without one."""
    articles: tuple[int, ...]
    """The page of each article's title, in reading order."""


_FOUND: Lru[tuple[Publication, Style], StartPages] = Lru("convert.writers.common.startpages", 4)
"""(publication, style) -> where its groups and articles start, as its PDF sets them."""


def remember(publication: Publication, style: Style, pages: StartPages) -> None:
    """Record what a PDF layout of `publication` in `style` found."""
    _FOUND.keep((publication, style), pages)


def start_pages(publication: Publication, style: Style) -> StartPages:
    """Where each group and article starts when `publication` is set in `style`: the PDF's pages."""
    found = _FOUND.get((publication, style))
    if found is not None:
        return found
    from convert.writers.pdf.writer import lay_out  # reportlab only for the writers that need pages

    return _FOUND.keep((publication, style), lay_out(publication, style))
