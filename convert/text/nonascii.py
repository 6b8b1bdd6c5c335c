"""A text's characters other than printable ASCII, found in one fast pass, so that the scans for
rare characters (controls, line ends, other scripts) read a handful of characters, not the text."""

from __future__ import annotations

from convert.caches import memoised

_PLAIN_BYTES = bytes(range(0x20, 0x7F)) + b"\n"


@memoised(8)
def non_ascii_characters(text: str) -> str:
    """Every character of `text` but printable ASCII and line feeds, in order, repeats kept.

    The UTF-8 bytes of a character beyond ASCII are all 0x80 or above, so deleting the plain
    ASCII bytes leaves whole characters. Remembered for the last few texts, as one article's
    text is asked about several times."""
    return text.encode("utf-8", "surrogatepass").translate(None, _PLAIN_BYTES).decode("utf-8", "surrogatepass")
