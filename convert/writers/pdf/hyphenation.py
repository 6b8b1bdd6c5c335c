"""Hyphenation: where a word may break (pyphen's dictionaries) and the book rules for which words may.

At least two letters stay before a break and three go after it; names (capitalised words),
words that already hold a hyphen, and anything with a digit or an `@` are never hyphenated.
The same rules serve our own line breaker and reportlab's.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyphen

from convert.caches import memoised
from convert.writers.pdf.adapters.pyphen_adapter import load_patterns

_MAX_WORDS = 50_000
LETTERS_BEFORE = 2
"""The fewest letters a line may end with before a hyphen."""
LETTERS_AFTER = 3
"""The fewest letters a hyphen may carry over to the next line."""
_INSIDE_WORDS = frozenset("'\u2019")
"""Apostrophes: part of a word ("don't") without making it unhyphenatable."""
_NO_POSITIONS: tuple[int, ...] = ()


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


class Hyphenator:
    """A language's hyphenation points under the book rules; reportlab calls it for (head, tail) pairs."""

    def __init__(self, language: str) -> None:
        self.language = language
        load_patterns(pyphen.LANGUAGES[language])
        self._dictionary = pyphen.Pyphen(lang=language, left=LETTERS_BEFORE, right=LETTERS_AFTER)
        self._known: dict[str, tuple[int, ...]] = {}

    def positions(self, word: str) -> tuple[int, ...]:
        """Offsets into `word` (punctuation around it included) where it may break with a hyphen."""
        # News text repeats its words: each is looked up in the dictionary once.
        found = self._known.get(word)
        if found is None:
            if len(self._known) >= _MAX_WORDS:
                self._known.clear()
            found = self._known[word] = self._look_up(word)
        return found

    def _look_up(self, word: str) -> tuple[int, ...]:
        start, end = word_core(word)
        core = word[start:end]
        if not may_hyphenate(core):
            return _NO_POSITIONS
        return tuple(start + at for at in self._dictionary.positions(core))

    def __call__(self, word: str) -> Iterator[tuple[str, str]]:
        return iter([(word[:at], word[at:]) for at in reversed(self.positions(word))])

    def __deepcopy__(self, memo: dict[int, object]) -> Hyphenator:
        # reportlab deep-copies paragraph styles when it splits a paragraph; the dictionary is shared.
        return self


@memoised(32)
def hyphenator_for(language: str) -> Hyphenator | None:
    """The hyphenator for a BCP 47 language tag such as "en" or "pt-BR", or None if pyphen has none."""
    tag = language.replace("-", "_")
    found = pyphen.language_fallback(tag)
    return Hyphenator(found) if found else None
