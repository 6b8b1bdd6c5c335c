"""The few words convert prints itself (dates, counts of words and articles), alike in every format."""

from __future__ import annotations

import datetime as dt

from convert.model import Document

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
SEPARATOR = " \u00b7 "
"""Between the parts of a date line: "9 January 2024 · 385 words"."""


def written_date(date: dt.date) -> str:
    """A date as a newspaper prints it, "21 January 2024" (the same in every locale)."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def date_line(document: Document) -> str:
    """The line under an article's title: its date written out (or as found) and its source."""
    meta = document.metadata
    when = written_date(meta.date) if meta.date is not None else (meta.raw_date or "")
    return SEPARATOR.join(part for part in (when.strip(), meta.source.strip()) if part)


def words_label(count: int) -> str:
    """ "385 words", "1 word"; plain digits, since a thousands separator reads differently by language."""
    return f"{count} word{'' if count == 1 else 's'}"


def articles_label(count: int) -> str:
    """ "11 articles", "1 article", as a digest's subtitle counts them."""
    return f"{count} article{'' if count == 1 else 's'}"


def with_word_count(line: str, document: Document) -> str:
    """An article's date line with its word count after it, or the word count alone when there is no line."""
    return SEPARATOR.join(part for part in (line, words_label(document.metadata.word_count)) if part)
