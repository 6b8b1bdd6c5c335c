"""A copy of the publication whose every string XML can carry, made once before anything is built."""

from __future__ import annotations

import re
from dataclasses import replace

from convert.model import (
    Block,
    BlockQuote,
    Document,
    Emphasis,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Publication,
    Quote,
    Section,
    Strong,
    Text,
    ThematicBreak,
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
    return Document(metadata=metadata, blocks=tuple(_block(block, cleaner) for block in document.blocks))


def _block(block: Block, cleaner: TextCleaner) -> Block:
    if isinstance(block, Paragraph | Heading):
        return replace(block, inlines=_inlines(block.inlines, cleaner))
    if isinstance(block, BlockQuote):
        return BlockQuote(tuple(_block(inner, cleaner) for inner in block.blocks))
    if isinstance(block, ListBlock):
        items = tuple(tuple(_block(inner, cleaner) for inner in item) for item in block.items)
        return ListBlock(items=items, ordered=block.ordered)
    if isinstance(block, ThematicBreak):
        return block
    raise TypeError(f"the EPUB writer cannot render block {type(block).__name__}")


def _inlines(inlines: tuple[Inline, ...], cleaner: TextCleaner) -> tuple[Inline, ...]:
    return tuple(_inline(inline, cleaner) for inline in inlines)


def _inline(inline: Inline, cleaner: TextCleaner) -> Inline:
    if isinstance(inline, Text):
        return Text(cleaner(inline.text))
    if isinstance(inline, LineBreak):
        return inline
    if isinstance(inline, Link):
        # The URL stays as written: whether it is a link is decided on what it says (convert.text.links).
        return Link(url=inline.url, children=_inlines(inline.children, cleaner))
    if isinstance(inline, Emphasis | Strong | Quote):
        return replace(inline, children=_inlines(inline.children, cleaner))
    raise TypeError(f"the EPUB writer cannot render inline {type(inline).__name__}")
