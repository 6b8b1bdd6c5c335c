"""Turn the bytes of a text file into text, whatever encoding it arrived in."""

from __future__ import annotations

import codecs
import re

from convert.errors import InputError
from convert.text.nonascii import non_ascii_characters

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_CONTROL_SHARE_OF_BINARY = 0.25
_BINARY_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
"""Above this share of control characters, decoded bytes are taken for a binary file."""


def decode_text(data: bytes, source: str) -> tuple[str, list[str]]:
    """Decode `data`, returning the text and warnings; InputError when it is not text."""
    text, warnings = _decode(data, source)
    if _looks_binary(text):
        raise InputError("not a text file: mostly control characters", source)
    return text, warnings


def _decode(data: bytes, source: str) -> tuple[str, list[str]]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), []
            except UnicodeDecodeError as error:
                raise InputError(f"not a text file: invalid {encoding} at byte {error.start}", source) from None
    if b"\x00" in data:
        raise InputError("not a text file: it contains NUL bytes", source)
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    text, encoding = _detect(data, source)
    return text, [f"not UTF-8: decoded as {encoding}"]


def _detect(data: bytes, source: str) -> tuple[str, str]:
    # Imported here: only files that are not UTF-8 pay for the detector.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("not a text file: no text encoding fits its bytes", source)
    return str(best), best.encoding


def _looks_binary(text: str) -> bool:
    return len(_BINARY_CONTROL.findall(non_ascii_characters(text))) > _CONTROL_SHARE_OF_BINARY * max(len(text), 1)
