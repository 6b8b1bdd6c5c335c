"""Read the seed format: an optional `date YYYY-MM-DD` line start, then paragraphs of plain text."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePath

from convert.errors import InputError
from convert.model import Block, Direction, Document, Metadata, Paragraph, inline_text
from convert.model.identifiers import content_identifier
from convert.readers.decoding import decode_text
from convert.readers.inlines import parse_inlines
from convert.readers.titles import derive_title
from convert.text.cleaning import forbidden_warning, remove_forbidden, unify_line_ends
from convert.text.direction import direction_counts, direction_of, has_right_to_left
from convert.text.scripts import count_words, language_of_letters, letter_counts

# `date` and a token holding a digit at the very start (after white space); the first
# paragraph goes on after it on the same line.
_DATE_LINE = re.compile(r"\s*date[ \t]*:?[ \t]+(\S*\d\S*)[ \t]*", re.IGNORECASE)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_BLANK_LINES = re.compile(r"\n(?:[^\S\n]*\n)+")
_SPACES = re.compile(r"[ \t]+")


def read_seed(data: bytes, source: str, language: str | None = None) -> Document:
    """Build a Document from the bytes of a seed file; `language` overrides the guess."""
    name = PurePath(source).name
    text, warnings = decode_text(data, name)
    text, removed = remove_forbidden(unify_line_ends(text))
    if removed:
        warnings.append(forbidden_warning(removed))
    date, raw_date, start = _split_date(text, warnings)
    paragraphs = _paragraphs(text, start)
    del text  # large seeds: the text is held once, as paragraphs, from here on
    if not paragraphs:
        raise InputError("no article text", name)
    measures = _measures(paragraphs)
    direction = measures.direction
    mixed = measures.mixed  # else every paragraph runs left to right, as the whole does
    blocks: tuple[Block, ...] = tuple(
        Paragraph(parse_inlines(paragraph), _differing(direction_of(paragraph), direction) if mixed else None)
        for paragraph in paragraphs
    )
    metadata = Metadata(
        title=derive_title(paragraphs[0]),
        date=date,
        language=language or language_of_letters(measures.letters),
        source=name,
        identifier=content_identifier(date.isoformat() if date else "", *paragraphs),
        word_count=measures.words,
        direction=direction,
        raw_date=raw_date,
        warnings=tuple(warnings),
    )
    document = Document(metadata=metadata, blocks=blocks)
    _check_nothing_lost(document, paragraphs, name)
    return document


def _split_date(text: str, warnings: list[str]) -> tuple[dt.date | None, str | None, int]:
    """The date, the raw date text when it is no date, and where the body starts."""
    match = _DATE_LINE.match(text)
    if match is None:
        warnings.append("no date line: the article is undated")
        return None, None, 0
    raw = match.group(1)
    if _ISO_DATE.fullmatch(raw):
        try:
            return dt.date.fromisoformat(raw), None, match.end()
        except ValueError:
            pass
    warnings.append(f'malformed date "{raw}": the article is undated')
    return None, raw, match.end()


def _chunks(text: str, start: int) -> Iterator[str]:
    """The text from `start` cut at blank lines, one piece at a time (a list of them all would hold
    the text a second time)."""
    for separator in _BLANK_LINES.finditer(text, start):
        yield text[start : separator.start()]
        start = separator.end()
    yield text[start:]


def _paragraphs(text: str, start: int) -> list[str]:
    paragraphs = []
    for chunk in _chunks(text, start):
        if "\n" in chunk:
            joined = " ".join(line.strip(" \t") for line in chunk.split("\n")).strip(" ")
        else:  # a paragraph on one line, as seeds usually have them
            joined = chunk.strip(" \t")
        if "  " in joined or "\t" in joined:
            joined = _SPACES.sub(" ", joined)
        if joined.strip():  # a paragraph of nothing but white space (no-break spaces, say) says nothing
            paragraphs.append(joined)
    return paragraphs


@dataclass(frozen=True, slots=True)
class _Measures:
    """What the reader learns from the whole text: its words, direction and letters by script."""

    words: int
    direction: Direction
    mixed: bool
    """Something in it may run right to left."""
    letters: Counter[str]


_PIECE = 1 << 20
"""Characters of text measured at a time: a large seed's text is never joined and copied whole."""


def _measures(paragraphs: list[str]) -> _Measures:
    """The paragraphs' measures, taken over pieces of them joined by line feeds: words, strong
    characters and letters add up over pieces cut between paragraphs, exactly as over the whole."""
    words, mixed = 0, False
    letters: Counter[str] = Counter()
    for piece in _pieces(paragraphs):
        words += count_words(piece)
        letters += letter_counts(piece)
        mixed = mixed or has_right_to_left(piece)
    ltr = rtl = 0
    if mixed:  # only then can right to left outnumber left to right
        for piece in _pieces(paragraphs):
            piece_ltr, piece_rtl = direction_counts(piece)
            ltr, rtl = ltr + piece_ltr, rtl + piece_rtl
    return _Measures(words, "rtl" if rtl > ltr else "ltr", mixed, letters)


def _pieces(paragraphs: list[str]) -> Iterator[str]:
    batch: list[str] = []
    size = 0
    for paragraph in paragraphs:
        batch.append(paragraph)
        size += len(paragraph) + 1
        if size >= _PIECE:
            yield "\n".join(batch)
            batch, size = [], 0
    if batch:
        yield "\n".join(batch)


def _differing(direction: Direction, document_direction: Direction) -> Direction | None:
    return direction if direction != document_direction else None


def _check_nothing_lost(document: Document, paragraphs: list[str], source: str) -> None:
    blocks = [block for block in document.blocks if isinstance(block, Paragraph)]
    if len(blocks) != len(paragraphs) or any(
        inline_text(block.inlines) != paragraph for block, paragraph in zip(blocks, paragraphs, strict=True)
    ):
        raise AssertionError(f"{source}: inline parsing changed the text")
