"""A copy of the publication whose every string XML can carry, made once before anything is built."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import assert_never

from convert.model import (
    Document,
    Emphasis,
    Inline,
    LineBreak,
    Link,
    Publication,
    Quote,
    Section,
    Strong,
    Text,
    map_tree,
)
from convert.writers.epub.xmltext import TextCleaner

# A well-formed BCP 47 tag in its common shapes; anything else would make the package invalid.
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")
UNDETERMINED = "und"


def clean_publication(publication: Publication, cleaner: TextCleaner) -> tuple[Publication, list[str]]:
    """The publication with forbidden characters removed (counted by `cleaner`) and warnings about bad tags."""
    warnings: list[str] = []
    language = _language(publication.language, "the publication", warnings)
    sections = tuple(
        Section(
            title=None if section.title is None else cleaner(section.title),
            documents=tuple(_document(document, cleaner, warnings) for document in section.documents),
        )
        for section in publication.sections
    )
    # A lone article's publication title is a copy of the article's: its characters count once.
    copied = any(publication.title == document.metadata.title for document in publication.documents)
    cleaned = replace(
        publication,
        title=cleaner(publication.title, count=not copied),
        subtitle=None if publication.subtitle is None else cleaner(publication.subtitle),
        language=language,
        sections=sections,
    )
    return cleaned, warnings


def _language(tag: str, owner: str, warnings: list[str]) -> str:
    if _LANGUAGE_TAG.fullmatch(tag):
        return tag
    warnings.append(f"{owner} has language {tag!r}, which is not a language tag; marked as undetermined")
    return UNDETERMINED


def _document(document: Document, cleaner: TextCleaner, warnings: list[str]) -> Document:
    meta = document.metadata
    metadata = replace(
        meta,
        title=cleaner(meta.title),
        raw_date=None if meta.raw_date is None else cleaner(meta.raw_date),
        language=_language(meta.language, meta.source or meta.title, warnings),
    )
    return Document(metadata=metadata, blocks=map_tree(document.blocks, inline=lambda inline: _inline(inline, cleaner)))


def _inline(inline: Inline, cleaner: TextCleaner) -> Inline:
    """`inline` with its own strings cleaned (`map_tree` has cleaned its children already)."""
    match inline:
        case Text():
            text = cleaner(inline.text)
            return inline if text == inline.text else Text(text)
        case Link():
            url = cleaner(inline.url)
            return inline if url == inline.url else replace(inline, url=url)
        case Emphasis() | Strong() | Quote() | LineBreak():
            return inline
        case _:
            assert_never(inline)
