"""What the JSON reader refuses before it checks the form, each with the JSON path: blocks or
inlines nested past the limit, what I-JSON (RFC 7493) rules out of interchange and JSON's own
grammar lets through (duplicate keys, lone surrogates, integers too long to convert), and the
NaN and infinities that Python's parser reads although JSON has none."""

from __future__ import annotations

import json
import re
from typing import Any

from convert.model.jsonshape import ShapeError

MAX_NESTING = 64
"""Block quotes and lists hold blocks at most this many levels deep, and emphasis, strong, quote
and link inlines hold inlines at most this many levels deep, each counted on its own. Below it
every writer renders every word (tests/test_hostile_text.py)."""

LONGEST_INTEGER = 20
"""Digits an integer may have: more than any count the form holds; a longer one is refused where
it stands rather than converted (Python refuses over 4300 digits, and slowly)."""

_BLOCK_CONTAINERS = frozenset({"block_quote", "list"})
_INLINE_CONTAINERS = frozenset({"emphasis", "strong", "quote", "link"})
_ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Duplicated(dict[str, Any]):
    """An object whose text names a key twice; the key is kept for the message."""

    duplicate = ""


class _TooLong:
    """An integer of more than LONGEST_INTEGER digits, kept as its length."""

    def __init__(self, digits: int) -> None:
        self.digits = digits


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    made = dict(pairs)
    if len(made) == len(pairs):
        return made
    duplicated = _Duplicated(made)
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            duplicated.duplicate = key
            break
        seen.add(key)
    return duplicated


class _NotJson:
    """NaN or an infinity, which Python's parser reads and JSON does not have."""

    def __init__(self, name: str) -> None:
        self.name = name


def _integer(text: str) -> int | _TooLong:
    digits = len(text.lstrip("-"))
    return int(text) if digits <= LONGEST_INTEGER else _TooLong(digits)


def parse(text: str) -> Any:
    """The parsed JSON, with duplicate keys and overlong integers marked for `check_limits`.

    Raises json.JSONDecodeError, and RecursionError when deeper than Python parses."""
    return json.loads(text, object_pairs_hook=_object, parse_int=_integer, parse_constant=_NotJson)


def check_limits(tree: object, raw: bytes) -> None:
    """Raise ShapeError at the first place `tree` (parsed from `raw`) breaks a limit above.

    Walks the tree with its own stack, not Python's, so that no depth makes it fail; nesting
    counts only objects whose "type" names a container, whatever else is wrong with the tree.
    Lone surrogates can only come from escapes, so text without one is not searched."""
    surrogates = _ESCAPED_SURROGATE.search(raw) is not None
    stack: list[tuple[object, tuple[str | int, ...], int, int]] = [(tree, (), 0, 0)]
    while stack:
        value, path, blocks, inlines = stack.pop()
        problem: str | None = None
        if isinstance(value, dict):
            kind = value.get("type")
            if isinstance(kind, str):
                blocks += kind in _BLOCK_CONTAINERS
                inlines += kind in _INLINE_CONTAINERS
            if blocks > MAX_NESTING or inlines > MAX_NESTING:
                problem = f"nested deeper than {MAX_NESTING} levels"
            elif isinstance(value, _Duplicated):
                problem = f"the key {json.dumps(value.duplicate)} twice"
            elif surrogates and (odd := next((key for key in value if _SURROGATE.search(key)), None)) is not None:
                problem = _surrogate_problem(odd, "a key")
            else:
                stack.extend((child, (*path, key), blocks, inlines) for key, child in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((child, (*path, index), blocks, inlines) for index, child in reversed(list(enumerate(value))))
        elif isinstance(value, _NotJson):
            problem = f"{value.name}, which is not JSON"
        elif isinstance(value, _TooLong):
            problem = f"an integer of {value.digits} digits (at most {LONGEST_INTEGER})"
        elif surrogates and isinstance(value, str) and _SURROGATE.search(value):
            problem = _surrogate_problem(value, "text")
        if problem is not None:
            error = ShapeError(problem)
            for step in reversed(path):
                error.at(step)
            raise error


def _surrogate_problem(text: str, what: str) -> str:
    found = _SURROGATE.search(text)
    assert found is not None
    return f"{what} with a lone surrogate (U+{ord(found.group()):04X}), which no Unicode text holds"
