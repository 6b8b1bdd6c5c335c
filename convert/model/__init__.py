"""The intermediate document model that every reader builds and every writer renders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

SCHEMA_VERSION = 1
"""Version of the model's JSON form; bumped on any incompatible change."""

Direction = Literal["ltr", "rtl"]


@dataclass(frozen=True, slots=True)
class Text:
    """A run of literal text; never interpreted as markup by any writer."""

    text: str


@dataclass(frozen=True, slots=True)
class Emphasis:
    """Stressed text, usually set in italics."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Strong:
    """Strongly stressed text, usually set in bold."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Quote:
    """An inline quotation; its quotation marks stay inside the children as text."""

    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink to an absolute URL around its visible children."""

    url: str
    children: tuple[Inline, ...]


@dataclass(frozen=True, slots=True)
class LineBreak:
    """A forced line break inside a block."""


Inline = Text | Emphasis | Strong | Quote | Link | LineBreak


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading inside an article (the article title is metadata, not a heading)."""

    level: int
    """1 to 3; level 1 is the highest inside an article."""
    inlines: tuple[Inline, ...]
    direction: Direction | None = None
    """Set only where it differs from the document's direction."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of running text."""

    inlines: tuple[Inline, ...]
    direction: Direction | None = None
    """Set only where it differs from the document's direction."""


@dataclass(frozen=True, slots=True)
class BlockQuote:
    """A quoted passage made of blocks."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class ListBlock:
    """A bulleted or numbered list; each item is a sequence of blocks."""

    items: tuple[tuple[Block, ...], ...]
    ordered: bool = False


@dataclass(frozen=True, slots=True)
class ThematicBreak:
    """A scene change between paragraphs."""


Block = Heading | Paragraph | BlockQuote | ListBlock | ThematicBreak


@dataclass(frozen=True, slots=True)
class Metadata:
    """What is known about one article."""

    title: str
    """Derived from the first sentence by the seed reader; editable in the JSON form."""
    date: dt.date | None
    """The article's date, or None when undated."""
    language: str
    """BCP 47 language tag of the article, such as "en" or "ar"."""
    source: str
    """File name the article was read from (no folders), for messages; kept in the model, printed by no output."""
    identifier: str
    """Content-derived "urn:uuid:" identifier: same text, same identifier."""
    word_count: int
    """Words in the body text; CJK ideographs and kana count one each."""
    direction: Direction = "ltr"
    """The article's main writing direction."""
    raw_date: str | None = None
    """The date text as found when it could not be read as a date."""
    warnings: tuple[str, ...] = ()
    """What the reader recovered from, one message each."""


@dataclass(frozen=True, slots=True)
class Document:
    """One article: metadata and body blocks."""

    metadata: Metadata
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """Which generated pages come before the articles."""

    cover: bool = False
    title_page: bool = False
    contents: bool = False


@dataclass(frozen=True, slots=True)
class Section:
    """A group of articles in a publication, such as one week of a digest."""

    title: str | None
    """Group heading; None for the single unnamed group of an ungrouped publication."""
    documents: tuple[Document, ...]


@dataclass(frozen=True, slots=True)
class Publication:
    """What every writer renders: one article, or a digest of many in groups."""

    title: str
    language: str
    identifier: str
    """Content-derived "urn:uuid:" identifier."""
    sections: tuple[Section, ...]
    date: dt.date | None = None
    """Date of the publication: the article's date, or a digest's latest date."""
    subtitle: str | None = None
    """A line under the title, such as a digest's date range."""
    front_matter: FrontMatter = field(default_factory=FrontMatter)
    direction: Direction = "ltr"
    modified: dt.datetime | None = None
    """When the content last changed, for formats that record it; `prepare` fixes it (in UTC) before any writer."""

    @property
    def documents(self) -> tuple[Document, ...]:
        """Every article in reading order."""
        return tuple(doc for section in self.sections for doc in section.documents)

    @property
    def is_single(self) -> bool:
        """True for a lone article without generated front matter."""
        return len(self.documents) == 1 and self.front_matter == FrontMatter()


def publication_of(document: Document, modified: dt.datetime | None = None) -> Publication:
    """Wrap one article as a publication of one, the form every writer takes."""
    meta = document.metadata
    return Publication(
        title=meta.title,
        language=meta.language,
        identifier=meta.identifier,
        sections=(Section(title=None, documents=(document,)),),
        date=meta.date,
        direction=meta.direction,
        modified=modified,
    )


def inline_text(inlines: tuple[Inline, ...]) -> str:
    """The characters of some inlines as plain text; a line break is a newline."""
    parts: list[str] = []
    for inline in inlines:
        if isinstance(inline, Text):
            parts.append(inline.text)
        elif isinstance(inline, LineBreak):
            parts.append("\n")
        else:
            parts.append(inline_text(inline.children))
    return "".join(parts)


def block_texts(blocks: tuple[Block, ...]) -> list[str]:
    """The plain text of every paragraph-like block, in reading order."""
    texts: list[str] = []
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            texts.append(inline_text(block.inlines))
        elif isinstance(block, BlockQuote):
            texts.extend(block_texts(block.blocks))
        elif isinstance(block, ListBlock):
            for item in block.items:
                texts.extend(block_texts(item))
    return texts
