"""A text's characters other than printable ASCII, and its count of ASCII letters, each found in one
fast pass, so that the scans for rare characters (controls, line ends, other scripts) read a
handful of characters, not the text."""

from __future__ import annotations

from convert.caches import memoised

_PLAIN_BYTES = bytes(range(0x20, 0x7F)) + b"\n"
_NOT_ASCII_LETTER = bytes(byte for byte in range(256) if not (0x41 <= byte <= 0x5A or 0x61 <= byte <= 0x7A))


_LARGEST_REMEMBERED = 1 << 20
"""Texts longer than this (a whole large seed) are scanned again when asked: the memo would keep
each of them alive, several times the input, for as long as the process runs."""


def non_ascii_characters(text: str) -> str:
    """Every character of `text` but printable ASCII and line feeds, in order, repeats kept.

    The UTF-8 bytes of a character beyond ASCII are all 0x80 or above, so deleting the plain
    ASCII bytes leaves whole characters. Remembered for the last few texts of ordinary size, as
    one article's text is asked about several times."""
    return _remembered(text) if len(text) <= _LARGEST_REMEMBERED else _scan(text)


@memoised(8)
def _remembered(text: str) -> str:
    return _scan(text)


def _scan(text: str) -> str:
    return text.encode("utf-8", "surrogatepass").translate(None, _PLAIN_BYTES).decode("utf-8", "surrogatepass")


def ascii_letter_count(text: str) -> int:
    """How many letters of `text` are ASCII letters, counted in one fast pass over its UTF-8 bytes."""
    return len(text.encode("utf-8", "surrogatepass").translate(None, _NOT_ASCII_LETTER))
