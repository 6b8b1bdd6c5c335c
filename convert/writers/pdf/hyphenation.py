"""Hyphenation dictionaries (pyphen) for reportlab's line breaking, chosen by the text's language."""

from __future__ import annotations

from collections.abc import Iterator

import pyphen

from convert.caches import memoised
from convert.writers.pdf.adapters.pyphen_adapter import load_patterns

_MAX_WORDS = 50_000


class Hyphenator:
    """Callable reportlab asks for the places a word may break: (head, tail) pairs, longest head first."""

    def __init__(self, language: str) -> None:
        self.language = language
        load_patterns(pyphen.LANGUAGES[language])
        self._dictionary = pyphen.Pyphen(lang=language)
        self._known: dict[str, tuple[tuple[str, str], ...]] = {}

    def __call__(self, word: str) -> Iterator[tuple[str, str]]:
        # News text repeats its words: each is looked up in the dictionary once.
        pairs = self._known.get(word)
        if pairs is None:
            if len(self._known) >= _MAX_WORDS:
                self._known.clear()
            pairs = self._known[word] = tuple(self._dictionary.iterate(word))
        return iter(pairs)

    def __deepcopy__(self, memo: dict[int, object]) -> Hyphenator:
        # reportlab deep-copies paragraph styles when it splits a paragraph; the dictionary is shared.
        return self


@memoised(32)
def hyphenator_for(language: str) -> Hyphenator | None:
    """The hyphenator for a BCP 47 language tag such as "en" or "pt-BR", or None if pyphen has none."""
    tag = language.replace("-", "_")
    found = pyphen.language_fallback(tag)
    return Hyphenator(found) if found else None
