"""Writers by format name, found through the `convert.writers` entry-point group and loaded on demand."""

from __future__ import annotations

from functools import cache
from importlib.metadata import EntryPoint, entry_points

from convert.errors import UnknownFormatError
from convert.writers.base import Writer

ENTRY_POINT_GROUP = "convert.writers"

__all__ = ["ENTRY_POINT_GROUP", "Writer", "formats", "load_writer"]


@cache
def _entry_points() -> dict[str, EntryPoint]:
    found: dict[str, EntryPoint] = {}
    for entry in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda item: (item.name, item.value)):
        found.setdefault(entry.name, entry)
    return found


def formats() -> tuple[str, ...]:
    """Names of every installed format, sorted."""
    return tuple(sorted(_entry_points()))


@cache
def load_writer(name: str) -> Writer:
    """The writer for format `name`, imported now; UnknownFormatError lists the installed ones."""
    entry = _entry_points().get(name.strip().lower())
    if entry is None:
        available = ", ".join(formats()) or "none"
        raise UnknownFormatError(f"unknown format {name!r}; available: {available}")
    try:
        writer: Writer = entry.load()()
    except Exception as error:  # a broken plug-in must not take the command line down with it
        raise UnknownFormatError(
            f"the {entry.name} writer cannot be loaded: {type(error).__name__}: {error}"
        ) from error
    return writer
