"""Turn the bytes of a text file into text, whatever encoding it arrived in, and tell a damaged text
file from a file that is not text by evidence: how many NUL bytes, and how much of it decodes."""

from __future__ import annotations

import codecs
import contextvars
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

STRAY_NULS_PER_KIB = 1
"""A text file may hold a few NUL bytes (a copy-and-paste accident): up to 4, or one per KiB, which
are removed as control characters. More than that is a binary file, unless the NULs sit in every
other byte of text that decodes as UTF-16 (a file saved without its byte order mark). Compressed
data holds about four NULs per KiB, images and programs far more."""
_STRAY_NULS_ALWAYS = 4

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Office document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
"""Files that open with one of these bytes are what it names, whatever follows: each holds bytes no
text starts with, so a short or truncated one, with too few NULs to say, is refused all the same."""

_CONTROL_SHARE_OF_BINARY = 0.25
_BINARY_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
"""Above this share of control characters, decoded bytes are taken for a binary file."""

REPAIR_ENCODING = "cp1252"
"""Bytes that break otherwise valid UTF-8 are read one by one in this encoding: the usual cause is
a Windows editor pasting into a UTF-8 file. Its five unassigned bytes become U+FFFD."""
_LINES_NAMED = 5


def decode_text(data: bytes, source: str) -> tuple[str, list[str]]:
    """Decode `data`, returning the text and warnings; InputError when it is not text."""
    text, warnings = _decode(data, source)
    if _looks_binary(text):
        raise InputError("not a text file: mostly control characters", source)
    return text, warnings


def _decode(data: bytes, source: str) -> tuple[str, list[str]]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if encoding == "utf-8":
                return _utf8(data[len(bom) :], source)
            try:
                return data[len(bom) :].decode(encoding), []
            except UnicodeDecodeError as error:
                raise InputError(f"not a text file: invalid {encoding} at byte {error.start}", source) from None
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"not a text file: {kind}", source)
    nuls = data.count(b"\x00")
    if nuls > max(_STRAY_NULS_ALWAYS, STRAY_NULS_PER_KIB * len(data) // 1024):
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputError(f"not a text file: {nuls} of its {len(data)} bytes are NUL", source)
        return utf16
    return _utf8(data, source)


def _utf8(data: bytes, source: str) -> tuple[str, list[str]]:
    """UTF-8, repaired byte by byte where a few bytes break it; another encoding when UTF-8 does not fit."""
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    repaired = _repair(data)
    if repaired is not None:
        return repaired
    text, encoding = _detect(data, source)
    return text, [f"not UTF-8: decoded as {encoding}"]


def _repair(data: bytes) -> tuple[str, list[str]] | None:
    """The UTF-8 text with each bad byte read as REPAIR_ENCODING, when the evidence says UTF-8: more
    characters beyond ASCII decode as UTF-8 than bytes fail, in the first MiB and in the whole.
    None otherwise (a legacy encoding, left to the detector)."""
    for sample in (data[:_SAMPLE], data) if len(data) > _SAMPLE else (data,):
        bad_offsets: list[int] = []
        token = _BAD_OFFSETS.set(bad_offsets)
        try:
            text = codecs.decode(sample, "utf-8", _REPAIR_HANDLER)
        except _NotUtf8Error:
            return None
        finally:
            _BAD_OFFSETS.reset(token)
        beyond_ascii = len(text) - len(text.encode("ascii", "ignore"))
        # Each repaired byte is itself a character beyond ASCII, so UTF-8 must explain at least as many.
        if beyond_ascii < 2 * len(bad_offsets) and len(bad_offsets) > _HANDFUL:
            return None
    return text, [_repair_warning(data, bad_offsets)]


_SAMPLE = 1 << 20
_HANDFUL = 3
"""So few bad bytes in ASCII text are repaired too: a detector cannot tell encodings apart on them."""
_REPAIR_HANDLER = "convert-read-bad-bytes-as-cp1252"
_BAD_OFFSETS: contextvars.ContextVar[list[int]] = contextvars.ContextVar("bad_offsets")


_BAD_BYTES_BEFORE_GIVING_UP = 64


class _NotUtf8Error(Exception):
    """Raised from inside the decoder once the bad bytes plainly outnumber the good characters."""


def _read_bad_bytes(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeDecodeError)
    offsets = _BAD_OFFSETS.get()
    offsets.extend(range(error.start, error.end))
    if len(offsets) > _BAD_BYTES_BEFORE_GIVING_UP and len(offsets) > error.start // 4:
        raise _NotUtf8Error  # more than one byte in four so far is bad: stop rather than walk it all
    return error.object[error.start : error.end].decode(REPAIR_ENCODING, "replace"), error.end


codecs.register_error(_REPAIR_HANDLER, _read_bad_bytes)


def _repair_warning(data: bytes, bad_offsets: list[int]) -> str:
    lines: list[int] = []
    line, counted_to = 1, 0
    for offset in bad_offsets:  # in order: each stretch of the file is counted once
        line += data.count(b"\n", counted_to, offset)
        counted_to = offset
        if not lines or lines[-1] != line:
            lines.append(line)
    named = ", ".join(str(line) for line in lines[:_LINES_NAMED])
    more = f" and {len(lines) - _LINES_NAMED} more" if len(lines) > _LINES_NAMED else ""
    count = len(bad_offsets)
    plural = "" if count == 1 else "s"
    line_word = "line" if len(lines) == 1 else "lines"
    return f"not UTF-8 on {line_word} {named}{more}: {count} byte{plural} read as {REPAIR_ENCODING}"


_MOSTLY, _FEW = 0.4, 0.05
"""Shares of NUL among the even and the odd bytes that say UTF-16: most in one half, few in the other."""


def _utf16_without_bom(data: bytes) -> tuple[str, list[str]] | None:
    """UTF-16 text saved without a byte order mark: NUL in most of one half of the byte pairs
    (the high bytes of Latin text) and in few of the other."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if len(data) % 2 or pairs == 0:
        return None
    even = sample[0::2].count(0) / pairs
    odd = sample[1::2].count(0) / pairs
    if odd > _MOSTLY and even < _FEW:
        encoding = "utf-16-le"
    elif even > _MOSTLY and odd < _FEW:
        encoding = "utf-16-be"
    else:
        return None
    try:
        return data.decode(encoding), [f"no byte order mark: decoded as {encoding}"]
    except UnicodeDecodeError:
        return None


def _detect(data: bytes, source: str) -> tuple[str, str]:
    # Imported here: only files that are not UTF-8 pay for the detector.
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError("not a text file: no text encoding fits its bytes", source)
    return str(best), best.encoding


def _looks_binary(text: str) -> bool:
    return len(_BINARY_CONTROL.findall(non_ascii_characters(text))) > _CONTROL_SHARE_OF_BINARY * max(len(text), 1)
