"""Installed distributions, their versions and entry points, read straight from each one's
`*.dist-info` folder.

Importing `importlib.metadata` alone costs over ten milliseconds, too much for lookups that run
on every start of the command (writers by format name, font packages). Distributions are taken
in `sys.path` order and, as `importlib.metadata` does, the first of each name wins."""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

from convert.caches import memoised


def entry_points(group: str) -> tuple[tuple[str, str], ...]:
    """(name, target) of each entry point of `group`, target as "package.module:attribute"."""
    return _all_entry_points().get(group, ())


def load_target(target: str) -> object:
    """Import the module a target names and return its attribute."""
    module, _, attribute = target.partition(":")
    value: object = importlib.import_module(module.strip())
    for part in attribute.strip().split(".") if attribute.strip() else ():
        value = getattr(value, part)
    return value


def distribution_name(folder: str) -> str:
    """Normalised distribution name of a `*.dist-info` / `*.egg-info` folder."""
    stem = folder.rsplit(".", 1)[0]
    return re.sub(r"[-_.]+", "-", stem.split("-", 1)[0]).lower()


def versions() -> dict[str, str]:
    """Normalised distribution name → installed version, of every distribution on `sys.path`."""
    return {name: version for name, version, _ in _distributions()}


@memoised(1)
def _distributions() -> tuple[tuple[str, str, Path], ...]:
    """(normalised name, version, metadata folder) of each distribution, the first of each name."""
    found: list[tuple[str, str, Path]] = []
    seen: set[str] = set()
    for entry in sys.path:
        base = Path(entry) if entry else Path.cwd()
        try:
            folders = sorted(item.name for item in base.iterdir() if item.name.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
        for folder in folders:
            name = distribution_name(folder)
            if name not in seen:
                seen.add(name)
                found.append((name, _version(folder), base / folder))
    return tuple(found)


def _version(folder: str) -> str:
    """The version in a metadata folder's name (`python_docx-1.2.0.dist-info` → `1.2.0`)."""
    stem = folder.rsplit(".", 1)[0]
    return stem.split("-", 2)[1] if stem.count("-") >= 1 else ""


@memoised(1)
def _all_entry_points() -> dict[str, tuple[tuple[str, str], ...]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for _, _, folder in _distributions():
        try:
            text = (folder / "entry_points.txt").read_text(encoding="utf-8")
        except OSError:
            continue
        _parse(text, found)
    return {group: tuple(pairs) for group, pairs in found.items()}


def _parse(text: str, found: dict[str, list[tuple[str, str]]]) -> None:
    group = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1].strip()
        elif group and "=" in line:
            name, _, target = line.partition("=")
            found.setdefault(group, []).append((name.strip(), target.split("[", 1)[0].strip()))
