"""JSON laid out one member per line down to chosen objects, which stay whole on one line.

Files laid out this way read, edit and diff well line by line, and most of their text is
written by the C encoder (an indented dump runs in pure Python, several times slower).
"""

from __future__ import annotations

import json
from collections.abc import Callable


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


def laid_out(value: object, whole: Callable[[dict[str, object]], bool], indent: str = "") -> str:
    """`value` as JSON; objects for which `whole` is true, and lists of plain values, on one line."""
    if isinstance(value, str):
        return _STRING(value)
    if isinstance(value, dict) and whole(value):
        return _COMPACT(value)
    inner = indent + " "
    if isinstance(value, dict) and value:
        members = ",\n".join(f"{inner}{_STRING(key)}: {laid_out(item, whole, inner)}" for key, item in value.items())
        return f"{{\n{members}\n{indent}}}"
    if isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        elements = ",\n".join(inner + laid_out(item, whole, inner) for item in value)
        return f"[\n{elements}\n{indent}]"
    if value is None or isinstance(value, bool):
        return _CONSTANTS[value]
    if type(value) is int:
        return str(value)  # as the encoder writes it, without setting one up for a number
    return _COMPACT(value)
