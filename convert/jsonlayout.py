"""JSON laid out one member per line down to chosen objects, which stay whole on one line.

Files laid out this way read, edit and diff well line by line, and most of their text is
written by the C encoder (an indented dump runs in pure Python, several times slower).
"""

from __future__ import annotations

import json
from collections.abc import Callable

_COMPACT = json.JSONEncoder(ensure_ascii=False).encode


def laid_out(value: object, whole: Callable[[dict[str, object]], bool], indent: str = "") -> str:
    """`value` as JSON; objects for which `whole` is true, and lists of plain values, on one line."""
    inner = indent + " "
    if isinstance(value, dict) and value and not whole(value):
        members = ",\n".join(f"{inner}{_COMPACT(key)}: {laid_out(item, whole, inner)}" for key, item in value.items())
        return f"{{\n{members}\n{indent}}}"
    if isinstance(value, list) and any(isinstance(item, dict | list) for item in value):
        elements = ",\n".join(inner + laid_out(item, whole, inner) for item in value)
        return f"[\n{elements}\n{indent}]"
    return _COMPACT(value)
