"""The writer's warnings: each problem reported once, naming the article it was found in."""

from __future__ import annotations

import unicodedata


class Notices:
    """Collects warnings in the order found, without repeats."""

    def __init__(self) -> None:
        self._seen: set[tuple[str, str]] = set()
        self._messages: list[str] = []
        self.article = "the publication"
        """Names the article being typeset, for the messages."""

    def uncovered(self, char: str) -> None:
        """No installed font has `char`; it is drawn as the font's missing-glyph box."""
        self._once(char, "is in no installed font; drawn as a missing-glyph box in")

    def invisible(self, char: str) -> None:
        """No font has the invisible formatting character `char`; it is left out rather than boxed."""
        self._once(char, "(invisible) is in no installed font; left out in")

    def _once(self, char: str, said: str) -> None:
        key = (self.article, char)
        if key not in self._seen:
            self._seen.add(key)
            name = unicodedata.name(char, "unnamed character")
            self._messages.append(f"U+{ord(char):04X} {name} {said} {self.article}")

    def messages(self) -> list[str]:
        """Every warning, in the order found."""
        return list(self._messages)
