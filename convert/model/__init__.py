"""The intermediate document model that every reader builds and every writer renders."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain
from typing import Literal, TypeAlias, TypeVar, assert_never, overload

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


Inline: TypeAlias = Text | Emphasis | Strong | Quote | Link | LineBreak
"""Every kind of inline, a closed set: each dispatch over it ends in `assert_never`, so a new kind
is a type error wherever it is not handled."""


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


Block: TypeAlias = Heading | Paragraph | BlockQuote | ListBlock | ThematicBreak
"""Every kind of block, a closed set like `Inline`."""

Node: TypeAlias = Block | Inline
"""Any node of an article's body."""


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
    if len(inlines) == 1 and type(lone := inlines[0]) is Text:
        return lone.text  # most paragraphs are one text: no walk needed
    parts: list[str] = []
    for node in walk(inlines):
        match node:
            case Text():
                parts.append(node.text)
            case LineBreak():
                parts.append("\n")
            case Emphasis() | Strong() | Quote() | Link():
                pass  # their characters are in their children, walked next
            case _:
                assert_never(node)
    return "".join(parts)


def block_texts(blocks: tuple[Block, ...]) -> list[str]:
    """The plain text of every paragraph-like block, in reading order."""
    texts: list[str] = []
    for node in walk(blocks, inlines=False):
        match node:
            case Paragraph() | Heading():
                texts.append(inline_text(node.inlines))
            case BlockQuote() | ListBlock() | ThematicBreak():
                pass  # their text is in the blocks inside them, walked next
            case _:
                assert_never(node)
    return texts


@overload
def walk(tree: Inline | Iterable[Inline]) -> Iterator[Inline]: ...
@overload
def walk(tree: Document | Block | Iterable[Block], *, inlines: Literal[False]) -> Iterator[Block]: ...
@overload
def walk(tree: Document | Block | Iterable[Block], *, inlines: bool = True) -> Iterator[Node]: ...
def walk(tree: Document | Node | Iterable[Node], *, inlines: bool = True) -> Iterator[Node]:
    """Every node of `tree` in reading order, each just before its children (a paragraph, then its
    inlines, then the next block); `tree` is a document, one node, or a sequence of nodes.
    With `inlines=False` only the blocks, for readers of whole paragraphs."""
    roots: Iterable[Node]
    if isinstance(tree, tuple):  # the usual case, tested first: a node's children
        roots = tree
    elif isinstance(tree, Document):
        roots = tree.blocks
    elif isinstance(tree, Block | Inline):
        roots = (tree,)
    else:
        roots = tree
    # A stack of iterators, not of nodes: a node's children are never copied or reversed.
    stack: list[Iterator[Node]] = [iter(roots)]
    while stack:
        for node in stack[-1]:
            yield node
            match node:
                case Text() | LineBreak() | ThematicBreak():
                    continue
                case Paragraph() | Heading():
                    if not inlines:
                        continue
                    stack.append(iter(node.inlines))
                case Emphasis() | Strong() | Quote() | Link():
                    stack.append(iter(node.children))
                case BlockQuote():
                    stack.append(iter(node.blocks))
                case ListBlock():
                    stack.append(chain.from_iterable(node.items))
                case _:
                    assert_never(node)
            break  # descend: the children's iterator is on top now
        else:
            stack.pop()


InlineChange: TypeAlias = Callable[[Inline], Inline]
"""What `map_tree` applies to each inline, after that inline's children."""
BlockChange: TypeAlias = Callable[[Block], Block]
"""What `map_tree` applies to each block, after that block's contents."""


@overload
def map_tree(tree: Document, *, inline: InlineChange | None = None, block: BlockChange | None = None) -> Document: ...
@overload
def map_tree(
    tree: tuple[Block, ...], *, inline: InlineChange | None = None, block: BlockChange | None = None
) -> tuple[Block, ...]: ...
def map_tree(
    tree: Document | tuple[Block, ...], *, inline: InlineChange | None = None, block: BlockChange | None = None
) -> Document | tuple[Block, ...]:
    """`tree` rebuilt from the inside out with `inline` applied to every inline and `block` to every
    block; whatever nothing changed in (by identity) is the same object, `tree` itself included."""
    mapper = _Mapper(inline, block)
    if isinstance(tree, Document):
        blocks = _each(tree.blocks, mapper.block)
        return tree if blocks is tree.blocks else replace(tree, blocks=blocks)
    return _each(tree, mapper.block)


_T = TypeVar("_T")


def _each(nodes: tuple[_T, ...], change: Callable[[_T], _T]) -> tuple[_T, ...]:
    """`change` applied to each of `nodes`; `nodes` itself when each result is the node it was given."""
    mapped = [change(node) for node in nodes]
    return nodes if all(new is old for new, old in zip(mapped, nodes, strict=True)) else tuple(mapped)


class _Mapper:
    """One rebuild: the two changes, and the walk from the leaves up that applies them."""

    __slots__ = ("block_change", "inline_change")

    def __init__(self, inline: InlineChange | None, block: BlockChange | None) -> None:
        self.inline_change = inline
        self.block_change = block

    def inline(self, node: Inline) -> Inline:
        match node:
            case Text() | LineBreak():
                pass
            case Emphasis() | Strong() | Quote() | Link():
                children = _each(node.children, self.inline)
                if children is not node.children:
                    node = replace(node, children=children)
            case _:
                assert_never(node)
        return node if self.inline_change is None else self.inline_change(node)

    def block(self, node: Block) -> Block:
        match node:
            case Paragraph() | Heading():
                if self.inline_change is not None:
                    inlines = _each(node.inlines, self.inline)
                    if inlines is not node.inlines:
                        node = replace(node, inlines=inlines)
            case BlockQuote():
                inner = _each(node.blocks, self.block)
                if inner is not node.blocks:
                    node = replace(node, blocks=inner)
            case ListBlock():
                items = _each(node.items, lambda item: _each(item, self.block))
                if items is not node.items:
                    node = replace(node, items=items)
            case ThematicBreak():
                pass
            case _:
                assert_never(node)
        return node if self.block_change is None else self.block_change(node)
