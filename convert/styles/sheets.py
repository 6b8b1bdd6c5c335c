"""Find style sheets by name or path, follow their `extends` chains and layer them into one table."""

from __future__ import annotations

import tomllib
from importlib.resources import files
from pathlib import Path
from typing import Any

from convert.caches import memoised
from convert.errors import StyleError
from convert.styles.schema import validate_sheet

DEFAULT_SHEET = "default"
_BUILT_IN = files("convert.sheets")


def style_names() -> tuple[str, ...]:
    """Names of the style sheets that come with convert."""
    return tuple(sorted(item.name[: -len(".toml")] for item in _BUILT_IN.iterdir() if item.name.endswith(".toml")))


def layered_sheet(reference: str, overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The built-in default, then the sheet's `extends` chain, then the sheet, then overrides."""
    chain: list[dict[str, Any]] = []
    seen: list[str] = []
    current: str | None = reference
    base = Path.cwd()
    while current is not None:
        sheet, label, folder = _load(current, base)
        if label in seen:
            raise StyleError(f"extends: the sheets extend each other ({' -> '.join([*seen, label])})", seen[0])
        seen.append(label)
        chain.append(sheet)
        current = sheet.get("extends")
        base = folder
    if seen[-1] != DEFAULT_SHEET:
        chain.append(_load(DEFAULT_SHEET, base)[0])
    merged: dict[str, Any] = {}
    for sheet in reversed(chain):
        _merge(merged, sheet)
    if overrides:
        _merge(merged, overrides)
    merged.pop("extends", None)
    return merged


def _load(reference: str, base: Path) -> tuple[dict[str, Any], str, Path]:
    """The validated sheet, its label for messages, and the folder its relative paths start from."""
    if reference.endswith(".toml") or "/" in reference or "\\" in reference:
        path = (base / reference).resolve()
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise StyleError(
                f"cannot read style sheet: {getattr(error, 'strerror', None) or error}", reference
            ) from None
        label, folder = reference, path.parent
    else:
        resource = _BUILT_IN / f"{reference}.toml"
        if not resource.is_file():
            raise StyleError(f"unknown style {reference!r}; available: {', '.join(style_names())}")
        text = resource.read_text(encoding="utf-8")
        label, folder = reference, Path(str(_BUILT_IN))
    return _parsed(text, label, folder), label, folder


@memoised(32)
def _parsed(text: str, label: str, folder: Path) -> dict[str, Any]:
    """The sheet `text` parsed and validated, its font files found from `folder`. Kept by its text
    (parsing costs more than the rest of loading a style), so callers never change what it returns."""
    try:
        sheet = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise StyleError(f"not valid TOML: {error}", label) from None
    validate_sheet(sheet, label)
    for files_of_family in sheet.get("font-files", {}).values():
        for key, value in files_of_family.items():
            files_of_family[key] = str(folder / value)
    return sheet


def _merge(into: dict[str, Any], layer: dict[str, Any]) -> None:
    for key, value in layer.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        elif isinstance(value, dict):
            into[key] = {}
            _merge(into[key], value)
        else:
            into[key] = value


def describe(reference: str) -> str:
    """The `description` line of a built-in sheet, or an empty string."""
    sheet, _, _ = _load(reference, Path.cwd())
    description = sheet.get("description", "")
    return description if isinstance(description, str) else ""
