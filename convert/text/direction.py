"""Which way text runs: the strong direction of a character and of a text, and whether a text needs
the bidirectional algorithm at all, for the reader and every writer alike.

The rules rest on the Unicode bidirectional classes (`unicodedata.bidirectional`), so every plane
and every script Unicode knows is covered, and nothing is guessed from block ranges:

- A character is strongly left to right when its class is L, strongly right to left when it is R
  or AL; every other character (digits, punctuation, spaces, marks, controls) has no direction
  of its own. So U+200F RIGHT-TO-LEFT MARK (class R) and U+061C ARABIC LETTER MARK (AL) count as
  right to left, U+FEFC (the last Arabic presentation form) too, and U+FEFF (the byte order mark,
  BN) does not.
- A text's direction is right to left when its strongly right-to-left characters outnumber its
  strongly left-to-right ones; a tie, or a text with neither, runs left to right.
- A text "has right to left" when it holds anything the bidirectional algorithm may lay out
  right to left inside a left-to-right paragraph: a strongly right-to-left character, an Arabic
  number (AN), or an explicit right-to-left embedding, override or isolate (U+202B, U+202E,
  U+2067). Text without any of these is drawn in its logical order, so writers skip the
  algorithm for it; the reader asks it before judging each paragraph's direction.

Only the characters beyond ASCII are examined one by one (each distinct one once): ASCII letters
are all L and no other ASCII character is strong.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from convert.model import Direction
from convert.text.nonascii import ascii_letter_count, non_ascii_characters

_RIGHT_TO_LEFT_CLASSES = frozenset({"R", "AL"})
_REORDERING_CLASSES = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI"})


def strong_direction(char: str) -> Direction | None:
    """ "ltr" for a strongly left-to-right character, "rtl" for a strongly right-to-left one, else None."""
    kind = unicodedata.bidirectional(char)
    if kind == "L":
        return "ltr"
    return "rtl" if kind in _RIGHT_TO_LEFT_CLASSES else None


def has_right_to_left(text: str) -> bool:
    """Whether `text` holds a character the bidirectional algorithm may set right to left (see above)."""
    unusual = non_ascii_characters(text)
    return bool(unusual) and any(unicodedata.bidirectional(char) in _REORDERING_CLASSES for char in set(unusual))


def direction_counts(text: str) -> tuple[int, int]:
    """How many characters of `text` are strongly left to right, and how many strongly right to left."""
    ltr = ascii_letter_count(text)
    rtl = 0
    for char, count in Counter(non_ascii_characters(text)).items():
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            ltr += count
        elif kind in _RIGHT_TO_LEFT_CLASSES:
            rtl += count
    return ltr, rtl


def direction_of(text: str) -> Direction:
    """ "rtl" when strongly right-to-left characters outnumber strongly left-to-right ones, else "ltr"."""
    if not has_right_to_left(text):
        return "ltr"
    ltr, rtl = direction_counts(text)
    return "rtl" if rtl > ltr else "ltr"
