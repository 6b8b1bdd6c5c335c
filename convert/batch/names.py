"""File names as people and other systems see them: printable, portable, compared as a
case-insensitive file system compares them."""

from __future__ import annotations

import os
import re
import unicodedata

_UNPRINTABLE = re.compile("[\udc80-\udcff\x00-\x1f\x7f-\x9f]")
"""What `os.fsdecode` leaves for a byte that is not UTF-8 (the surrogateescape error handler),
and control characters, which would break a message's one line or a name on another system."""


def printable(name: str) -> str:
    """`name` with each byte that is not UTF-8, and each control character, written as `\\xNN`:
    for messages and the manifest, one line whatever the name holds."""
    return _UNPRINTABLE.sub(lambda match: f"\\x{_byte(match.group()):02x}", name)


def portable(name: str) -> str:
    """`name` with each byte that is not UTF-8, and each control character, written as `%NN`:
    an output name that is valid UTF-8 everywhere the outputs get copied to."""
    return _UNPRINTABLE.sub(lambda match: f"%{_byte(match.group()):02X}", name)


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def undecodable_byte(text: str) -> int | None:
    """The first byte of `text` that was not UTF-8 where the process read it (a command-line
    argument, a file name), as `os.fsdecode` escapes it; None when it is all text."""
    found = _ESCAPED_BYTE.search(text)
    return None if found is None else _byte(found.group())


def _byte(character: str) -> int:
    code = ord(character)
    return code - 0xDC00 if code >= 0xDC80 else code


def clash_key(relative: str) -> str:
    """The form in which two output paths are the same file on a case-insensitive, normalising
    file system (macOS, Windows): case folded, Unicode normalised, one separator."""
    folded = unicodedata.normalize("NFD", relative.replace(os.sep, "/")).casefold()
    return unicodedata.normalize("NFC", folded)


def slug(title: str) -> str:
    """A file name from a title: lower-case ASCII words joined by hyphens."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:80].rstrip("-") or "digest"
