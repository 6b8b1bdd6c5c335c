"""The page each group and article of a publication starts on: one fact the PDF finds and every contents page prints.

Only a layout knows it, and the layout convert makes is the PDF's. The PDF writer records what its
own layout found (`remember`); a writer that lays out nothing (DOCX) asks `start_pages`, which
takes what the PDF writer recorded for the same publication and sheet, or lays the PDF out once.
"""

from __future__ import annotations

from dataclasses import dataclass

from convert.caches import Lru
from convert.model import Metadata, Publication, Section
from convert.styles.types import Style


@dataclass(frozen=True, slots=True)
class StartPages:
    """Page numbers, counted from 1 as the footers count them."""

    sections: tuple[int | None, ...]
    """The page of each section's title, by position; None for a section without one."""
    articles: tuple[int, ...]
    """The page of each article's title, in reading order."""


_Key = tuple[str, str, object, tuple[tuple[str | None, tuple[tuple[str, str, int], ...]], ...], Style]
_FOUND: Lru[_Key, StartPages] = Lru("convert.writers.common.startpages", 4)
"""A publication's key and the style -> where its groups and articles start, as its PDF sets them."""


def _key(publication: Publication, style: Style) -> _Key:
    """What the pages depend on, without holding the publication (a digest may be large): its
    articles' content-derived identifiers, titles and lengths, its title, front matter and grouping,
    and the style."""
    sections = tuple(
        (section.title, tuple((meta.identifier, meta.title, meta.word_count) for meta in _metadata(section)))
        for section in publication.sections
    )
    return (publication.identifier, publication.title, publication.front_matter, sections, style)


def remember(publication: Publication, style: Style, pages: StartPages) -> None:
    """Record what a PDF layout of `publication` in `style` found."""
    _FOUND.keep(_key(publication, style), pages)


def start_pages(publication: Publication, style: Style) -> StartPages:
    """Where each group and article starts when `publication` is set in `style`: the PDF's pages."""
    key = _key(publication, style)
    found = _FOUND.get(key)
    if found is not None:
        return found
    from convert.writers.pdf.writer import lay_out  # reportlab only for the writers that need pages

    return _FOUND.keep(key, lay_out(publication, style))


def _metadata(section: Section) -> list[Metadata]:
    return [document.metadata for document in section.documents]
