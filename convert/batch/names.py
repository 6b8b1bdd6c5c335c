"""File names as people and other systems see them: printable, portable, compared as a
case-insensitive file system compares them."""

from __future__ import annotations

import os
import re
import unicodedata

_UNDECODABLE = re.compile("[\udc80-\udcff]")
"""What `os.fsdecode` leaves for a byte that is not UTF-8 (the surrogateescape error handler)."""


def printable(name: str) -> str:
    """`name` with each byte that is not UTF-8 written as `\\xNN`: for messages and the manifest."""
    return _UNDECODABLE.sub(lambda match: f"\\x{ord(match.group()) - 0xDC00:02x}", name)


def portable(name: str) -> str:
    """`name` with each byte that is not UTF-8 written as `%NN`: an output name that is valid UTF-8
    everywhere the outputs get copied to."""
    return _UNDECODABLE.sub(lambda match: f"%{ord(match.group()) - 0xDC00:02X}", name)


def clash_key(relative: str) -> str:
    """The form in which two output paths are the same file on a case-insensitive, normalising
    file system (macOS, Windows): case folded, Unicode normalised, one separator."""
    folded = unicodedata.normalize("NFD", relative.replace(os.sep, "/")).casefold()
    return unicodedata.normalize("NFC", folded)


def slug(title: str) -> str:
    """A file name from a title: lower-case ASCII words joined by hyphens."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:80].rstrip("-") or "digest"
