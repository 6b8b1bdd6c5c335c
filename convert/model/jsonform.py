"""The model's JSON form: an editable, lossless, versioned text of documents and publications.

What the form may hold is described once, in jsongrammar, and not here: the reader checks input
against that description before it builds anything, and the shipped JSON Schema is generated
from it, so the reader and the schema accept the same documents by construction (a Hypothesis
test shows it). A description is the source, not the reader's code, because a check and a
schema both follow from a description, while a schema cannot be derived from code, only
compared with it. Building the model then trusts the tree it is given.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any, BinaryIO, assert_never

from convert.errors import InputError
from convert.model import (
    SCHEMA_VERSION,
    Block,
    BlockQuote,
    Direction,
    Document,
    Emphasis,
    FrontMatter,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Metadata,
    Paragraph,
    Publication,
    Quote,
    Section,
    Strong,
    Text,
    ThematicBreak,
)
from convert.model.jsongrammar import DOCUMENT_KIND, FORM, PUBLICATION_KIND
from convert.model.jsonlayout import write_laid_out
from convert.model.jsonlimits import MAX_NESTING, check_limits, parse
from convert.model.jsonshape import ShapeError
from convert.text.cleaning import forbidden_warning, remove_forbidden


def dumps(item: Document | Publication) -> bytes:
    """The canonical JSON bytes of a document or publication: same model, same bytes."""
    stream = io.BytesIO()
    dump(item, stream)
    return stream.getvalue()


def dump(item: Document | Publication, stream: BinaryIO) -> None:
    """Write `dumps(item)` to `stream`, a batch of lines at a time."""
    if isinstance(item, Document):
        tree: dict[str, Any] = {"schema": DOCUMENT_KIND, "version": SCHEMA_VERSION, **_document(item)}
    else:
        tree = {"schema": PUBLICATION_KIND, "version": SCHEMA_VERSION, **_publication(item)}
    write_laid_out(tree, _is_block_or_inline, stream)


def _is_block_or_inline(tree: dict[str, object]) -> bool:
    """Blocks and inlines (the objects with a "type") are written whole, one per line."""
    return "type" in tree


def loads(data: bytes, source: str) -> Document | Publication:
    """Parse the JSON form; InputError names the file and the JSON path of the first thing wrong."""
    try:
        tree = parse(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError("not a text file: JSON must be UTF-8", source) from None
    except json.JSONDecodeError as error:
        raise InputError(f"invalid JSON: {error.msg}", source, error.lineno) from None
    except RecursionError:  # deeper than Python parses, and so far deeper than the model may nest
        raise InputError(f"not a convert model: nested deeper than {MAX_NESTING} levels", source) from None
    try:
        check_limits(tree, data)
        FORM.check(tree)
        builder = _Builder()
        return builder.document(tree) if tree["schema"] == DOCUMENT_KIND else builder.publication(tree)
    except ShapeError as error:
        where = f"at {error.shown_path}: " if error.steps else ""
        raise InputError(f"not a convert model: {where}{error.reason}", source) from None
    except RecursionError:  # within the limit but on a thread with a smaller stack: still one line
        raise InputError(
            f"not a convert model: nested deeper than this process can read ({MAX_NESTING} levels are allowed)", source
        ) from None


# Encoding ------------------------------------------------------------------------------------


def _document(document: Document) -> dict[str, Any]:
    meta = document.metadata
    return {
        "metadata": {
            "title": meta.title,
            "date": meta.date.isoformat() if meta.date else None,
            "raw_date": meta.raw_date,
            "language": meta.language,
            "direction": meta.direction,
            "source": meta.source,
            "identifier": meta.identifier,
            "word_count": meta.word_count,
            "warnings": list(meta.warnings),
        },
        "blocks": [_block(block) for block in document.blocks],
    }


def _publication(publication: Publication) -> dict[str, Any]:
    front = publication.front_matter
    return {
        "title": publication.title,
        "subtitle": publication.subtitle,
        "language": publication.language,
        "direction": publication.direction,
        "identifier": publication.identifier,
        "date": publication.date.isoformat() if publication.date else None,
        "modified": _moment(publication.modified) if publication.modified else None,
        "front_matter": {"cover": front.cover, "title_page": front.title_page, "contents": front.contents},
        "sections": [
            {"title": section.title, "documents": [_document(doc) for doc in section.documents]}
            for section in publication.sections
        ],
    }


def _moment(moment: dt.datetime) -> str:
    """RFC 3339, which needs an offset of whole minutes: a time without one is taken as UTC, as
    every writer takes it, and one of seconds (old local mean times) is written in UTC."""
    offset = moment.utcoffset()
    if offset is None:
        moment = moment.replace(tzinfo=dt.UTC)
    elif offset % dt.timedelta(minutes=1):
        moment = moment.astimezone(dt.UTC)
    return moment.isoformat()


def _block(block: Block) -> dict[str, Any]:
    match block:
        case Heading():
            inlines = _inlines(block.inlines)
            return _directed({"type": "heading", "level": block.level, "inlines": inlines}, block.direction)
        case Paragraph():
            return _directed({"type": "paragraph", "inlines": _inlines(block.inlines)}, block.direction)
        case BlockQuote():
            return {"type": "block_quote", "blocks": [_block(child) for child in block.blocks]}
        case ListBlock():
            items = [[_block(child) for child in item] for item in block.items]
            return {"type": "list", "ordered": block.ordered, "items": items}
        case ThematicBreak():
            return {"type": "break"}
        case _:
            assert_never(block)


def _directed(tree: dict[str, Any], direction: Direction | None) -> dict[str, Any]:
    if direction is not None:
        tree["direction"] = direction
    return tree


_CONTAINER_NAMES: dict[type, str] = {Emphasis: "emphasis", Strong: "strong", Quote: "quote"}
_CONTAINERS: dict[str, Callable[[tuple[Inline, ...]], Inline]] = {name: kind for kind, name in _CONTAINER_NAMES.items()}


def _inlines(inlines: tuple[Inline, ...]) -> list[Any]:
    encoded: list[Any] = []
    for inline in inlines:
        match inline:
            case Text():
                encoded.append(inline.text)
            case LineBreak():
                encoded.append({"type": "line_break"})
            case Link():
                encoded.append({"type": "link", "url": inline.url, "children": _inlines(inline.children)})
            case Emphasis() | Strong() | Quote():
                encoded.append({"type": _CONTAINER_NAMES[type(inline)], "children": _inlines(inline.children)})
            case _:
                assert_never(inline)
    return encoded


# Decoding: the tree has been checked against jsongrammar.FORM ---------------------------------


class _Builder:
    """Builds the model from a checked tree, removing characters XML cannot carry as it goes."""

    def __init__(self) -> None:
        self.removed = 0
        """Characters XML cannot carry, removed from the strings read so far."""

    def text(self, value: str) -> str:
        text, removed = remove_forbidden(value)
        self.removed += removed
        return text

    def optional(self, value: str | None) -> str | None:
        return None if value is None else self.text(value)

    def document(self, tree: dict[str, Any]) -> Document:
        removed_before = self.removed
        blocks = self.blocks(tree["blocks"])
        meta = tree["metadata"]
        warnings = [self.text(item) for item in meta["warnings"]]
        metadata = Metadata(
            title=self.text(meta["title"]),
            date=_day(meta["date"]),
            language=self.text(meta["language"]),
            source=self.text(meta["source"]),
            identifier=self.text(meta["identifier"]),
            word_count=int(meta["word_count"]),
            direction=meta["direction"],
            raw_date=self.optional(meta["raw_date"]),
            warnings=tuple(warnings),
        )
        if self.removed > removed_before:
            metadata = replace(metadata, warnings=(*warnings, forbidden_warning(self.removed - removed_before)))
        return Document(metadata, blocks)

    def publication(self, tree: dict[str, Any]) -> Publication:
        front = tree["front_matter"]
        modified = tree["modified"]
        return Publication(
            title=self.text(tree["title"]),
            subtitle=self.optional(tree["subtitle"]),
            language=self.text(tree["language"]),
            direction=tree["direction"],
            identifier=self.text(tree["identifier"]),
            date=_day(tree["date"]),
            modified=None if modified is None else dt.datetime.fromisoformat(modified),
            front_matter=FrontMatter(cover=front["cover"], title_page=front["title_page"], contents=front["contents"]),
            sections=tuple(
                Section(
                    title=self.optional(section["title"]),
                    documents=tuple(self.document(document) for document in section["documents"]),
                )
                for section in tree["sections"]
            ),
        )

    def blocks(self, trees: list[dict[str, Any]]) -> tuple[Block, ...]:
        return tuple(self.block(tree) for tree in trees)

    def block(self, tree: dict[str, Any]) -> Block:
        match tree["type"]:
            case "paragraph":
                return Paragraph(self.inlines(tree["inlines"]), tree.get("direction"))
            case "heading":
                return Heading(int(tree["level"]), self.inlines(tree["inlines"]), tree.get("direction"))
            case "block_quote":
                return BlockQuote(self.blocks(tree["blocks"]))
            case "list":
                return ListBlock(tuple(self.blocks(item) for item in tree["items"]), tree["ordered"])
            case "break":
                return ThematicBreak()
        raise AssertionError(f"a block type the grammar does not allow: {tree['type']!r}")

    def inlines(self, trees: list[str | dict[str, Any]]) -> tuple[Inline, ...]:
        return tuple(self.inline(tree) for tree in trees)

    def inline(self, tree: str | dict[str, Any]) -> Inline:
        if isinstance(tree, str):
            return Text(self.text(tree))
        match tree["type"]:
            case "line_break":
                return LineBreak()
            case "link":
                return Link(self.text(tree["url"]), self.inlines(tree["children"]))
            case kind:
                return _CONTAINERS[kind](self.inlines(tree["children"]))


def _day(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)
