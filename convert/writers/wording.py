"""The few words writers print themselves (counts of words and articles), so that every format says them alike."""

from __future__ import annotations

from convert.model import Document

SEPARATOR = " \u00b7 "
"""Between the parts of a date line: "9 January 2024 · 385 words"."""


def words_label(count: int) -> str:
    """ "385 words", "1 word"; plain digits, since a thousands separator reads differently by language."""
    return f"{count} word{'' if count == 1 else 's'}"


def articles_label(count: int) -> str:
    """ "11 articles", "1 article", as a digest's subtitle counts them."""
    return f"{count} article{'' if count == 1 else 's'}"


def with_word_count(line: str, document: Document) -> str:
    """An article's date line with its word count after it, or the word count alone when there is no line."""
    return SEPARATOR.join(part for part in (line, words_label(document.metadata.word_count)) if part)
