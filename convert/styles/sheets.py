"""Find style sheets by name or path, follow their `extends` chains and layer them into one table."""

from __future__ import annotations

import os
import stat
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
        try:
            sheet, label, folder = _load(current, base)
        except StyleError as error:
            if not seen or error.source != current:
                raise
            # The sheet that names it is the one to fix: its key, then what is wrong with the file.
            raise StyleError(f"extends: {current}: {error.reason}", seen[-1]) from None
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
        text = _read_sheet(path, reference)
        label, folder = reference, path.parent
    else:
        resource = _BUILT_IN / f"{reference}.toml"
        if not resource.is_file():
            raise StyleError(f"unknown style {reference!r}; available: {', '.join(style_names())}")
        text = resource.read_text(encoding="utf-8")
        label, folder = reference, Path(str(_BUILT_IN))
    return _parsed(text, label, folder), label, folder


LARGEST_SHEET = 1 << 20
"""A style sheet holds a few hundred lines; a larger file is no sheet (and is not read whole)."""


def _read_sheet(path: Path, label: str) -> str:
    """The text of the sheet at `path`: a regular file (a FIFO or a device such as /dev/zero would
    block or never end, so it is opened without blocking and refused), UTF-8 with or without a BOM."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        raise StyleError(f"cannot read style sheet: {error.strerror or error}", label) from None
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise StyleError("cannot read style sheet: not a regular file", label)
    with os.fdopen(descriptor, "rb") as stream:
        try:
            data = stream.read(LARGEST_SHEET + 1)
        except OSError as error:
            raise StyleError(f"cannot read style sheet: {error.strerror or error}", label) from None
    if len(data) > LARGEST_SHEET:
        raise StyleError(f"cannot read style sheet: larger than {LARGEST_SHEET >> 20} MiB", label)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise StyleError(f"cannot read style sheet: not UTF-8 (byte {error.start})", label) from None


@memoised(32)
def _parsed(text: str, label: str, folder: Path) -> dict[str, Any]:
    """The sheet `text` parsed and validated, its font files found from `folder`. Kept by its text
    (parsing costs more than the rest of loading a style), so callers never change what it returns."""
    try:
        sheet = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise StyleError(f"not valid TOML: {error}", label) from None
    except RecursionError:  # arrays or inline tables nested past what the parser recurses through
        raise StyleError("not valid TOML for a style sheet: nested too deeply", label) from None
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
