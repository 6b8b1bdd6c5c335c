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
from typing import TYPE_CHECKING, Literal

from convert.model import Direction

if TYPE_CHECKING:
    from convert.styles.types import Alignment, TextStyle
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


LogicalAlignment = Literal["start", "end", "center", "justify"]


def paragraph_alignment(align: Alignment, right_to_left: bool) -> LogicalAlignment:
    """How a paragraph whose style says `align` is set, in every format, relative to where its
    lines start: a right-to-left paragraph is centred when its style centres it and otherwise
    starts at the right margin, ragged on the left, never justified (justified Arabic is
    stretched with kashidas by LibreOffice and Word, and no writer here stretches it well)."""
    if align == "center":
        return "center"
    if right_to_left:
        return "start"
    return _LEFT_TO_RIGHT_ALIGNMENT[align]


_LEFT_TO_RIGHT_ALIGNMENT: dict[str, LogicalAlignment] = {"left": "start", "right": "end", "justify": "justify"}


def paragraph_first_line_indent(text_style: TextStyle, right_to_left: bool) -> float:
    """A paragraph's first-line indent in points, the same in every format: its style's, but none
    for right-to-left text, which starts flush at the right margin as Arabic and Hebrew books set it."""
    return 0.0 if right_to_left else text_style.first_line_indent


def own_line_setting(text: str, document_direction: Direction) -> tuple[Direction, Alignment | None]:
    """The direction and alignment of a line convert writes under a title (the date line), the
    same in every format: it runs in its own direction ("12 February 2024 · 375 words" left to
    right, or its digits and words would be reordered) and lines up with a right-to-left title,
    at the right. None keeps the style's alignment."""
    own = direction_of(text)
    return own, ("right" if document_direction == "rtl" and own == "ltr" else None)
