"""Long articles over several spine files, so that no reading system has to load one huge file."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import assert_never

from convert.model import (
    Block,
    Emphasis,
    Heading,
    Inline,
    LineBreak,
    Link,
    Paragraph,
    Quote,
    Strong,
    Text,
    block_texts,
    inline_text,
)

MAX_FILE_CHARS = 50_000
"""Characters of text per spine file: under 150 KB of XHTML even in three-byte scripts, the size
that slow reading systems still open quickly (some refuse files over 300 KB)."""


@dataclass(frozen=True, slots=True)
class PlacedBlock:
    """A top-level block of an article, with what the table of contents needs to point at it."""

    block: Block
    anchor: str | None = None
    """The id of a heading listed in the table of contents."""
    level: int = 0
    """The HTML heading level (2 to 6) a heading is rendered at; 0 for other blocks."""
    continued: bool = False
    """A paragraph that continues the last one of the previous file."""


def paginate(blocks: list[PlacedBlock], max_chars: int) -> list[list[PlacedBlock]]:
    """Blocks in files of at most `max_chars` characters of text; only one huge block may pass the limit."""
    files: list[list[PlacedBlock]] = [[]]
    used = 0
    for piece in _pieces(blocks, max_chars):
        size = _size(piece.block)
        if files[-1] and used + size > max_chars:
            carried: list[PlacedBlock] = []
            # A heading never ends a file: it moves on with the text it introduces.
            while len(files[-1]) > 1 and isinstance(files[-1][-1].block, Heading):
                carried.insert(0, files[-1].pop())
            files.append(carried)
            used = sum(_size(placed.block) for placed in carried)
        files[-1].append(piece)
        used += size
    return files


def _pieces(blocks: list[PlacedBlock], max_chars: int) -> list[PlacedBlock]:
    pieces: list[PlacedBlock] = []
    for placed in blocks:
        block = placed.block
        if isinstance(block, Paragraph) and _size(block) > max_chars:
            parts = split_inlines(block.inlines, max_chars)
            pieces.extend(
                replace(placed, block=replace(block, inlines=part), continued=index > 0)
                for index, part in enumerate(parts)
            )
        else:
            pieces.append(placed)
    return pieces


def _size(block: Block) -> int:
    return sum(len(text) for text in block_texts((block,)))


def split_inlines(inlines: tuple[Inline, ...], max_chars: int) -> list[tuple[Inline, ...]]:
    """Inlines cut after white space into runs of about `max_chars` characters; words are never cut."""
    text = inline_text(inlines)
    cuts: list[int] = []
    start = 0
    while len(text) - start > max_chars:
        cut = _cut_point(text, start, start + max_chars)
        if cut is None:
            break
        cuts.append(cut)
        start = cut
    parts: list[tuple[Inline, ...]] = []
    rest = inlines
    done = 0
    for cut in cuts:
        left, rest = _cut(rest, cut - done)
        parts.append(left)
        done = cut
    parts.append(rest)
    return parts


def _cut_point(text: str, start: int, limit: int) -> int | None:
    """The offset just after the last white space before `limit`, else after the first one past it."""
    for index in range(limit - 1, start, -1):
        if text[index].isspace():
            return index + 1
    for index in range(limit, len(text) - 1):
        if text[index].isspace():
            return index + 1
    return None


def _cut(inlines: tuple[Inline, ...], offset: int) -> tuple[tuple[Inline, ...], tuple[Inline, ...]]:
    """The inlines before and after character `offset`; styled runs cut in two keep their style on both sides."""
    left: list[Inline] = []
    right: list[Inline] = []
    position = 0
    for inline in inlines:
        length = len(inline_text((inline,)))
        if position + length <= offset:
            left.append(inline)
        elif position >= offset:
            right.append(inline)
        else:
            match inline:
                case Text():
                    left.append(Text(inline.text[: offset - position]))
                    right.append(Text(inline.text[offset - position :]))
                case Emphasis() | Strong() | Quote() | Link():
                    inner_left, inner_right = _cut(inline.children, offset - position)
                    left.append(replace(inline, children=inner_left))
                    right.append(replace(inline, children=inner_right))
                case LineBreak():
                    raise AssertionError("a line break is one character: it never straddles a cut")
                case _:
                    assert_never(inline)
        position += length
    return tuple(left), tuple(right)
