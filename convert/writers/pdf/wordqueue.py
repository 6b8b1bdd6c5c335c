"""A word list that reportlab's line breaker can take words from the front of in constant time."""

from __future__ import annotations

from collections import deque
from typing import Any, SupportsIndex, TypeVar

Item = TypeVar("Item")


class WordQueue(deque[Item]):
    """The list operations reportlab's `breakLines` uses on its word list, at a deque's cost.

    It takes each word with `words.pop(0)` and puts back the rest of a hyphenated or split word
    with `words[0:0] = parts` and `words.insert(1, ...)`. On a list each of those moves every
    word after it, so a paragraph of n words costs n²: 0.25 s for 64,000 words and, growing with
    the square, about a minute for a million. Any other slice assignment works too, by way of a list.
    """

    def pop(self, index: SupportsIndex = -1) -> Item:
        position = index.__index__()
        if position == 0:
            return self.popleft()
        if position == -1:
            return super().pop()
        item = super().__getitem__(position)
        del self[position]
        return item

    def __setitem__(self, key: SupportsIndex | slice, value: Any) -> None:
        if not isinstance(key, slice):
            super().__setitem__(key, value)
            return
        if key.start in (0, None) and key.stop == 0 and key.step is None:
            self.extendleft(reversed(list(value)))
            return
        items = list(self)
        items[key] = value
        self.clear()
        self.extend(items)

    def __getitem__(self, key: SupportsIndex | slice) -> Any:
        if isinstance(key, slice):
            return list(self)[key]
        return super().__getitem__(key)


class QueuedWords(list[Item]):
    """A paragraph's words whose copy (`words[:]`, how `breakLines` takes them) is a `WordQueue`."""

    def __getitem__(self, key: SupportsIndex | slice) -> Any:
        if key == slice(None):
            return WordQueue(self)
        return super().__getitem__(key)
