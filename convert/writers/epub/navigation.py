"""The EPUB 3 navigation document: the table of contents (every article and heading) and the landmarks."""

from __future__ import annotations

from convert.model import Publication
from convert.text.phrases import CONTENTS, LANDMARKS, LANGUAGE, in_phrase_language
from convert.writers.epub.layout import Layout, TocEntry
from convert.writers.epub.xhtml import EPUB_TYPE, Element, new_document, serialise, set_language, sub


def nav_document(layout: Layout, publication: Publication) -> bytes:
    """The navigation document; it doubles as the contents page when the front matter asks for one."""
    html, body = new_document(publication.title, publication.language, publication.direction)
    body.set(EPUB_TYPE, "frontmatter")
    foreign = not in_phrase_language(publication.language)

    toc = sub(body, "nav", {"id": "toc", "role": "doc-toc", "aria-labelledby": "toc-title"})
    toc.set(EPUB_TYPE, "toc")
    _label(sub(toc, "h1", {"id": "toc-title", "class": "toc-title"}), CONTENTS, foreign)
    _entries(toc, layout.toc, 1)

    landmarks = sub(body, "nav", {"id": "landmarks", "aria-labelledby": "landmarks-title", "hidden": "hidden"})
    landmarks.set(EPUB_TYPE, "landmarks")
    _label(sub(landmarks, "h2", {"id": "landmarks-title"}), LANDMARKS, foreign)
    items = sub(landmarks, "ol")
    for mark in layout.landmarks:
        link = sub(sub(items, "li"), "a", href=mark.href)
        link.set(EPUB_TYPE, mark.kind)
        _label(link, mark.label, foreign)
    return serialise(html)


def _entries(parent: Element, entries: tuple[TocEntry, ...], depth: int) -> None:
    items = sub(parent, "ol")
    for entry in entries:
        item = sub(items, "li", {"class": "toc1" if depth == 1 else "toc2"})
        link = sub(item, "a", href=entry.href)
        if entry.language is not None:
            set_language(link, entry.language)
        if entry.direction is not None:
            link.set("dir", entry.direction)
        link.text = entry.label
        if entry.children:
            _entries(item, entry.children, depth + 1)


def _label(element: Element, text: str, foreign: bool) -> None:
    element.text = text
    if foreign:
        set_language(element, LANGUAGE)
