"""Style sheets: one TOML sheet decides how every output format looks."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable
from typing import Any

from convert.caches import Lru
from convert.errors import StyleError
from convert.styles.resolve import resolve_style
from convert.styles.schema import validate_sheet
from convert.styles.sheets import DEFAULT_SHEET, layered_sheet, style_names
from convert.styles.types import TEXT_STYLE_NAMES, Alignment, Color, PageStyle, Style, TextStyle

__all__ = [
    "TEXT_STYLE_NAMES",
    "Alignment",
    "Color",
    "PageStyle",
    "Style",
    "TextStyle",
    "load_style",
    "parse_overrides",
    "style_names",
]


_LOADED: Lru[tuple[str, str], Style] = Lru("convert.styles.load_style", 32)
"""(reference, the layered sheet in canonical form) -> its resolved style."""


def load_style(reference: str = DEFAULT_SHEET, overrides: Iterable[str] = ()) -> Style:
    """Load a sheet by built-in name or path, apply `KEY=VALUE` overrides, and resolve it.

    The sheets are read on every call, so an edited sheet is seen at once; the same sheets with
    the same overrides give back the style resolved before, which costs little more than reading them.
    """
    layer = parse_overrides(overrides)
    table = layered_sheet(reference, layer)
    key = (reference, json.dumps(table, sort_keys=True, default=repr))
    loaded = _LOADED.get(key)
    if loaded is not None:
        return loaded
    try:
        resolved = resolve_style(table, reference)
    except StyleError as error:
        if _sets(layer, error.reason.split(":", 1)[0].split(".")):
            raise StyleError(error.reason, "--set") from None  # the value to fix came from --set
        raise
    return _LOADED.keep(key, resolved)


def _sets(layer: dict[str, Any], path: list[str]) -> bool:
    """Whether the override `layer` gives the key at `path` (`styles`, `body`, `size`)."""
    value: object = layer
    for part in path:
        if not isinstance(value, dict) or part not in value:
            return False
        value = value[part]
    return True


def parse_overrides(overrides: Iterable[str]) -> dict[str, Any]:
    """`styles.body.size=12pt` and the like as one validated table; values are TOML or plain text."""
    layer: dict[str, Any] = {}
    for override in overrides:
        key, equals, text = override.partition("=")
        path = [part.strip() for part in key.split(".")]
        if not equals or not all(path):
            raise StyleError(f"expected KEY=VALUE such as styles.body.size=12pt, got {override!r}", "--set")
        table = layer
        for part in path[:-1]:
            table = table.setdefault(part, {})
            if not isinstance(table, dict):
                raise StyleError(f"{key}: {part} is a value, not a table", "--set")
        table[path[-1]] = _value(text.strip())
    validate_sheet(layer, "--set")
    return layer


def _value(text: str) -> object:
    try:
        return tomllib.loads(f"value = {text}")["value"]
    except (tomllib.TOMLDecodeError, RecursionError):  # plain text, which the sheet's checks then judge
        return text
