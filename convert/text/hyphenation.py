"""The book rules for hyphenation, one set for every format: which words may break, and how.

At least two letters stay before a break and three go after it; names (capitalised words),
words that already hold a hyphen, and anything with a digit or an `@` are never hyphenated; no
two hyphenated lines follow each other. The PDF applies them itself; EPUB and DOCX ask the
reading system or word processor for the same where it has a way to say so.
"""

from __future__ import annotations

LETTERS_BEFORE = 2
"""The fewest letters a line may end with before a hyphen."""
LETTERS_AFTER = 3
"""The fewest letters a hyphen may carry over to the next line."""
MOST_HYPHENS_IN_A_ROW = 1
"""Hyphenated lines one after the other, at most."""
_INSIDE_WORDS = frozenset("'\u2019")
"""Apostrophes: part of a word ("don't") without making it unhyphenatable."""


def word_core(word: str) -> tuple[int, int]:
    """Where the letters of `word` start and end once the punctuation around it ("(word),") is set aside."""
    start, end = 0, len(word)
    while start < end and not word[start].isalpha():
        start += 1
    while end > start and not word[end - 1].isalpha():
        end -= 1
    return start, end


def may_hyphenate(core: str) -> bool:
    """Whether the letters `core` may be hyphenated at all: a lower-case word of letters only."""
    if len(core) < LETTERS_BEFORE + LETTERS_AFTER or not core[0].islower():
        return False
    return all(char.isalpha() or char in _INSIDE_WORDS for char in core)
