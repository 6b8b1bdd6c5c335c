"""JSON laid out one member per line down to chosen objects, which stay whole on one line.

Files laid out this way read, edit and diff well line by line, and most of their text is
written by the C encoder (an indented dump runs in pure Python, several times slower).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import BinaryIO


def _compact_encoder() -> Callable[[object], str]:
    """`json.JSONEncoder(ensure_ascii=False).encode`, with its C encoder made once, not per call
    (`JSONEncoder.encode` sets one up for every value it writes: a third of the time for a block)."""
    public = json.JSONEncoder(ensure_ascii=False)
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:  # no C accelerator in this Python
        return public.encode
    encoder = make(None, public.default, json.encoder.encode_basestring, None, ": ", ", ", False, False, True)
    return lambda value: "".join(encoder(value, 0))


_COMPACT = _compact_encoder()
_STRING: Callable[[str], str] = json.encoder.encode_basestring  # what _COMPACT does for a string
_CONSTANTS = {None: "null", True: "true", False: "false"}


def laid_out(value: object, whole: Callable[[dict[str, object]], bool]) -> str:
    """`value` as JSON; objects for which `whole` is true, and lists of plain values, on one line."""
    return "".join(laid_out_pieces(value, whole))


def write_laid_out(value: object, whole: Callable[[dict[str, object]], bool], stream: BinaryIO) -> None:
    """`laid_out(value, whole)` and a line feed, written to `stream` as UTF-8 a batch of pieces at a
    time: a large document or manifest is never held whole as text, nor as bytes beside its text."""
    batch: list[str] = []
    size = 0
    for piece in laid_out_pieces(value, whole):
        batch.append(piece)
        size += len(piece)
        if size >= _BATCH:
            stream.write("".join(batch).encode("utf-8"))
            batch, size = [], 0
    batch.append("\n")
    stream.write("".join(batch).encode("utf-8"))


_BATCH = 1 << 16
"""Characters encoded and written at a time."""


def laid_out_pieces(value: object, whole: Callable[[dict[str, object]], bool], indent: str = "") -> Iterator[str]:
    """The text of `laid_out(value, whole)`, in order, a piece at a time."""
    if isinstance(value, str):
        yield _STRING(value)
    elif isinstance(value, dict) and whole(value):
        yield _COMPACT(value)
    elif isinstance(value, dict) and value:
        inner = indent + " "
        separator = "{\n"
        for key, item in value.items():
            yield f"{separator}{inner}{_STRING(key)}: "
            yield from laid_out_pieces(item, whole, inner)
            separator = ",\n"
        yield f"\n{indent}}}"
    elif isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        inner = indent + " "
        separator = "[\n"
        for item in value:
            yield separator + inner
            yield from laid_out_pieces(item, whole, inner)
            separator = ",\n"
        yield f"\n{indent}]"
    elif value is None or isinstance(value, bool):
        yield _CONSTANTS[value]
    elif type(value) is int:
        yield str(value)  # as the encoder writes it, without setting one up for a number
    else:
        yield _COMPACT(value)
