"""Hyphenation in the PDF: where a word may break, from pyphen's dictionaries, under the book rules.

The rules (`convert.text.hyphenation`) serve our own line breaker and reportlab's alike.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyphen

from convert.caches import memoised
from convert.text.hyphenation import LETTERS_AFTER, LETTERS_BEFORE, may_hyphenate, word_core
from convert.writers.pdf.adapters.pyphen_adapter import load_patterns

_MAX_WORDS = 50_000
_NO_POSITIONS: tuple[int, ...] = ()


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
