"""The model's JSON form: an editable, lossless, versioned text of documents and publications."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any, NoReturn, TypeVar, assert_never

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
from convert.model.jsonlayout import laid_out
from convert.text.cleaning import forbidden_warning, remove_forbidden

DOCUMENT_KIND = "convert-document"
PUBLICATION_KIND = "convert-publication"

T = TypeVar("T")


def dumps(item: Document | Publication) -> bytes:
    """The canonical JSON bytes of a document or publication: same model, same bytes."""
    if isinstance(item, Document):
        tree: dict[str, Any] = {"schema": DOCUMENT_KIND, "version": SCHEMA_VERSION, **_document(item)}
    else:
        tree = {"schema": PUBLICATION_KIND, "version": SCHEMA_VERSION, **_publication(item)}
    return (laid_out(tree, _is_block_or_inline) + "\n").encode("utf-8")


def _is_block_or_inline(tree: dict[str, object]) -> bool:
    """Blocks and inlines (the objects with a "type") are written whole, one per line."""
    return "type" in tree


def loads(data: bytes, source: str) -> Document | Publication:
    """Parse the JSON form; InputError names the file and the first thing that is wrong."""
    try:
        tree = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise InputError("not a text file: JSON must be UTF-8", source) from None
    except json.JSONDecodeError as error:
        raise InputError(f"invalid JSON: {error.msg}", source, error.lineno) from None
    reader = _Reader(source)
    root = reader.mapping(tree, "")
    kind = root.get("schema")
    if kind not in (DOCUMENT_KIND, PUBLICATION_KIND):
        reader.fail("", f'"schema" must be "{DOCUMENT_KIND}" or "{PUBLICATION_KIND}"')
    version = root.get("version")
    if version != SCHEMA_VERSION:
        reader.fail("version", f"schema version {version!r} is not supported (this is {SCHEMA_VERSION})")
    if kind == DOCUMENT_KIND:
        return reader.document(root, "")
    return reader.publication(root)


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
        "modified": publication.modified.isoformat() if publication.modified else None,
        "front_matter": {"cover": front.cover, "title_page": front.title_page, "contents": front.contents},
        "sections": [
            {"title": section.title, "documents": [_document(doc) for doc in section.documents]}
            for section in publication.sections
        ],
    }


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


# Decoding ------------------------------------------------------------------------------------


class _Reader:
    """Checks a parsed JSON tree against the model while building it, naming the path of a fault."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.removed = 0
        """Characters XML cannot carry, removed from the strings read so far."""

    def clean(self, text: str) -> str:
        text, removed = remove_forbidden(text)
        self.removed += removed
        return text

    def fail(self, path: str, reason: str) -> NoReturn:
        where = f"at {path}: " if path else ""
        raise InputError(f"not a convert model: {where}{reason}", self.source)

    def mapping(self, value: object, path: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(path, "expected an object")
        return value

    def field(self, tree: dict[str, Any], key: str, path: str, kind: type[T]) -> T:
        where = f"{path}.{key}" if path else key
        if key not in tree:
            self.fail(where, "missing")
        value = tree[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.fail(where, f"expected {_KIND_NAMES.get(kind, kind.__name__)}")
        if isinstance(value, str):
            return self.clean(value)  # type: ignore[return-value]
        return value

    def optional(self, tree: dict[str, Any], key: str, path: str, kind: type[T]) -> T | None:
        if tree.get(key) is None:
            return None
        return self.field(tree, key, path, kind)

    def date(self, tree: dict[str, Any], key: str, path: str, parse: Callable[[str], T]) -> T | None:
        text = self.optional(tree, key, path, str)
        if text is None:
            return None
        try:
            return parse(text)
        except ValueError:
            self.fail(f"{path}.{key}" if path else key, f"not an ISO date: {text!r}")

    def direction(self, tree: dict[str, Any], key: str, path: str, default: Direction | None) -> Direction | None:
        value = tree.get(key, default)
        if value is None or value == "ltr" or value == "rtl":
            return value
        self.fail(f"{path}.{key}", 'expected "ltr" or "rtl"')

    def document(self, tree: dict[str, Any], path: str) -> Document:
        removed_before = self.removed
        blocks_path = f"{path}.blocks" if path else "blocks"
        blocks = self.field(tree, "blocks", path, list)
        parsed = tuple(self.block(item, f"{blocks_path}[{i}]") for i, item in enumerate(blocks))
        where = f"{path}.metadata" if path else "metadata"
        meta = self.mapping(self.field(tree, "metadata", path, dict), where)
        warnings = [
            self.string(item, f"{where}.warnings[{i}]")
            for i, item in enumerate(self.field(meta, "warnings", where, list))
        ]
        metadata = Metadata(
            title=self.field(meta, "title", where, str),
            date=self.date(meta, "date", where, dt.date.fromisoformat),
            language=self.field(meta, "language", where, str),
            source=self.field(meta, "source", where, str),
            identifier=self.field(meta, "identifier", where, str),
            word_count=self.field(meta, "word_count", where, int),
            direction=self.direction(meta, "direction", where, "ltr") or "ltr",
            raw_date=self.optional(meta, "raw_date", where, str),
            warnings=tuple(warnings),
        )
        if self.removed > removed_before:
            metadata = replace(metadata, warnings=(*warnings, forbidden_warning(self.removed - removed_before)))
        return Document(metadata, parsed)

    def publication(self, tree: dict[str, Any]) -> Publication:
        front = self.mapping(self.field(tree, "front_matter", "", dict), "front_matter")
        sections = self.field(tree, "sections", "", list)
        return Publication(
            title=self.field(tree, "title", "", str),
            subtitle=self.optional(tree, "subtitle", "", str),
            language=self.field(tree, "language", "", str),
            direction=self.direction(tree, "direction", "", "ltr") or "ltr",
            identifier=self.field(tree, "identifier", "", str),
            date=self.date(tree, "date", "", dt.date.fromisoformat),
            modified=self.date(tree, "modified", "", dt.datetime.fromisoformat),
            front_matter=FrontMatter(
                cover=self.field(front, "cover", "front_matter", bool),
                title_page=self.field(front, "title_page", "front_matter", bool),
                contents=self.field(front, "contents", "front_matter", bool),
            ),
            sections=tuple(self.section(item, f"sections[{i}]") for i, item in enumerate(sections)),
        )

    def section(self, value: object, path: str) -> Section:
        tree = self.mapping(value, path)
        documents = self.field(tree, "documents", path, list)
        return Section(
            title=self.optional(tree, "title", path, str),
            documents=tuple(
                self.document(self.mapping(item, f"{path}.documents[{i}]"), f"{path}.documents[{i}]")
                for i, item in enumerate(documents)
            ),
        )

    def string(self, value: object, path: str) -> str:
        if not isinstance(value, str):
            self.fail(path, "expected a string")
        return self.clean(value)

    def block(self, value: object, path: str) -> Block:
        tree = self.mapping(value, path)
        kind = self.field(tree, "type", path, str)
        if kind == "paragraph":
            return Paragraph(self.inlines(tree, path), self.direction(tree, "direction", path, None))
        if kind == "heading":
            level = self.field(tree, "level", path, int)
            if not 1 <= level <= 3:
                self.fail(f"{path}.level", "expected 1, 2 or 3")
            return Heading(level, self.inlines(tree, path), self.direction(tree, "direction", path, None))
        if kind == "block_quote":
            children = self.field(tree, "blocks", path, list)
            return BlockQuote(tuple(self.block(item, f"{path}.blocks[{i}]") for i, item in enumerate(children)))
        if kind == "list":
            items = self.field(tree, "items", path, list)
            return ListBlock(
                items=tuple(
                    tuple(
                        self.block(child, f"{path}.items[{i}][{j}]")
                        for j, child in enumerate(self.items(item, f"{path}.items[{i}]"))
                    )
                    for i, item in enumerate(items)
                ),
                ordered=self.field(tree, "ordered", path, bool),
            )
        if kind == "break":
            return ThematicBreak()
        self.fail(f"{path}.type", f"unknown block type {kind!r}")

    def items(self, value: object, path: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(path, "expected a list of blocks")
        return value

    def inlines(self, tree: dict[str, Any], path: str, key: str = "inlines") -> tuple[Inline, ...]:
        values = self.field(tree, key, path, list)
        return tuple(self.inline(item, f"{path}.{key}[{i}]") for i, item in enumerate(values))

    def inline(self, value: object, path: str) -> Inline:
        if isinstance(value, str):
            return Text(self.clean(value))
        tree = self.mapping(value, path)
        kind = self.field(tree, "type", path, str)
        if kind == "line_break":
            return LineBreak()
        if kind == "link":
            return Link(self.field(tree, "url", path, str), self.inlines(tree, path, "children"))
        children = _CONTAINERS.get(kind)
        if children is None:
            self.fail(f"{path}.type", f"unknown inline type {kind!r}")
        return children(self.inlines(tree, path, "children"))


_KIND_NAMES: dict[type, str] = {
    str: "a string",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    dict: "an object",
}
