"""What a style sheet may say: its keys, the values each takes, and the messages for mistakes."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from typing import Any

from convert.errors import StyleError
from convert.styles.types import TEXT_STYLE_NAMES
from convert.styles.units import COLOR_HINT, LENGTH_HINT, PAPER_HINT, parse_color, parse_length, parse_paper

Check = Callable[[object], bool]


def _length(value: object) -> bool:
    return parse_length(value, 1.0) is not None


def _page_length(value: object) -> bool:
    return parse_length(value, None) is not None


def _leading(value: object) -> bool:
    number = isinstance(value, int | float) and not isinstance(value, bool) and value > 0
    return number or _length(value)


def _choice(*allowed: str) -> tuple[Check, str]:
    return (lambda value: value in allowed), " or ".join(f'"{item}"' for item in allowed)


_BOOL: tuple[Check, str] = (lambda value: isinstance(value, bool), "true or false")
_TEXT: tuple[Check, str] = (lambda value: isinstance(value, str) and bool(value.strip()), "a non-empty string")
_LENGTH: tuple[Check, str] = (_length, LENGTH_HINT)

PAGE_KEYS: dict[str, tuple[Check, str]] = {
    "size": (lambda value: parse_paper(value) is not None, PAPER_HINT),
    "margin-top": (_page_length, LENGTH_HINT.replace(" or 1.5em", "")),
    "margin-right": (_page_length, LENGTH_HINT.replace(" or 1.5em", "")),
    "margin-bottom": (_page_length, LENGTH_HINT.replace(" or 1.5em", "")),
    "margin-left": (_page_length, LENGTH_HINT.replace(" or 1.5em", "")),
}
FONT_KEYS: dict[str, tuple[Check, str]] = {
    "body": _TEXT,
    "heading": _TEXT,
    "monospace": _TEXT,
    "fallbacks": (
        lambda value: isinstance(value, list) and all(isinstance(item, str) for item in value),
        "a list of font family names",
    ),
    "embed": _BOOL,
}
FONT_FILE_KEYS: dict[str, tuple[Check, str]] = {
    "regular": _TEXT,
    "bold": _TEXT,
    "italic": _TEXT,
    "bold-italic": _TEXT,
}
TEXT_KEYS: dict[str, tuple[Check, str]] = {
    "based-on": _choice(*TEXT_STYLE_NAMES),
    "family": _TEXT,
    "size": _LENGTH,
    "leading": (_leading, "a length, or a number that multiplies the size (such as 1.4)"),
    "color": (lambda value: parse_color(value) is not None, COLOR_HINT),
    "weight": _choice("normal", "bold"),
    "slant": _choice("normal", "italic"),
    "align": _choice("left", "right", "center", "justify"),
    "space-before": _LENGTH,
    "space-after": _LENGTH,
    "first-line-indent": _LENGTH,
    "left-indent": _LENGTH,
    "right-indent": _LENGTH,
    "hyphenate": _BOOL,
    "keep-with-next": _BOOL,
}
TOP_KEYS = ("description", "extends", "page", "fonts", "font-files", "styles")


def validate_sheet(sheet: dict[str, Any], source: str) -> None:
    """Refuse a sheet with an unknown key or a value of the wrong kind, naming both."""
    for key, value in sheet.items():
        if key not in TOP_KEYS:
            _unknown(key, key, TOP_KEYS, source)
        if key in ("description", "extends"):
            _check(key, value, _TEXT, source)
        elif key == "page":
            _check_table(key, value, PAGE_KEYS, source)
        elif key == "fonts":
            _check_table(key, value, FONT_KEYS, source)
        elif key == "font-files":
            for family, files in _table(key, value, source).items():
                _check_table(f"font-files.{family}", files, FONT_FILE_KEYS, source)
                if "regular" not in files:
                    raise StyleError(f'font-files.{family}: needs at least "regular"', source)
        else:
            for name, entries in _table(key, value, source).items():
                if name not in TEXT_STYLE_NAMES:
                    _unknown(f"styles.{name}", name, TEXT_STYLE_NAMES, source, what="style")
                _check_table(f"styles.{name}", entries, TEXT_KEYS, source)


def _table(path: str, value: object, source: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise StyleError(f"{path}: expected a table", source)
    return value


def _check_table(path: str, value: object, allowed: dict[str, tuple[Check, str]], source: str) -> None:
    for key, item in _table(path, value, source).items():
        if key not in allowed:
            _unknown(f"{path}.{key}", key, tuple(allowed), source)
        _check(f"{path}.{key}", item, allowed[key], source)


def _check(path: str, value: object, rule: tuple[Check, str], source: str) -> None:
    check, hint = rule
    if not check(value):
        raise StyleError(f"{path}: {value!r} is not allowed; expected {hint}", source)


def _unknown(path: str, key: str, allowed: tuple[str, ...], source: str, what: str = "key") -> None:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f'did you mean "{close[0]}"? ' if close else ""
    raise StyleError(f"{path}: unknown {what}; {hint}allowed: {', '.join(allowed)}", source)
