"""Writers by format name: the built-in ones, and others found through the `convert.writers`
entry-point group; each imported on first use."""

from __future__ import annotations

from typing import NamedTuple

from convert.caches import memoised
from convert.entrypoints import entry_points, load_target
from convert.errors import UnknownFormatError
from convert.writers.base import Writer

ENTRY_POINT_GROUP = "convert.writers"


class BuiltIn(NamedTuple):
    """A writer this package ships: where it lives, and the suffix of its files."""

    target: str
    suffix: str
    """Known without importing the writer, so that a run which finds every output current
    imports none (a test keeps it equal to the writer's own)."""


BUILT_IN = {
    "docx": BuiltIn("convert.writers.docx:DocxWriter", ".docx"),
    "epub": BuiltIn("convert.writers.epub:EpubWriter", ".epub"),
    "json": BuiltIn("convert.writers.model_json:JsonWriter", ".json"),
    "pdf": BuiltIn("convert.writers.pdf:PdfWriter", ".pdf"),
}
"""The writers this package ships (also declared as entry points, for other tools to find);
a plug-in cannot take over one of their names."""

__all__ = ["BUILT_IN", "ENTRY_POINT_GROUP", "BuiltIn", "Writer", "formats", "load_writer", "suffix_of"]


@memoised(1)
def _targets() -> dict[str, str]:
    """Every format name → its target: the built-in ones, then plug-ins in name order."""
    found = {name: built_in.target for name, built_in in BUILT_IN.items()}
    for name, target in sorted(entry_points(ENTRY_POINT_GROUP)):
        found.setdefault(name.lower(), target)
    return found


def formats() -> tuple[str, ...]:
    """Names of every installed format, sorted."""
    return tuple(sorted(_targets()))


def suffix_of(name: str) -> str:
    """The suffix of format `name`'s files; UnknownFormatError lists the installed formats."""
    built_in = BUILT_IN.get(name.strip().lower())
    return built_in.suffix if built_in is not None else load_writer(name).suffix


@memoised(64)
def load_writer(name: str) -> Writer:
    """The writer for format `name`, imported now; UnknownFormatError lists the installed ones."""
    key = name.strip().lower()
    built_in = BUILT_IN.get(key)  # plug-ins are looked for only when asked for
    target = built_in.target if built_in is not None else _targets().get(key)
    if target is None:
        raise UnknownFormatError(f"unknown format {name!r}; available: {', '.join(formats()) or 'none'}")
    try:
        writer_class = load_target(target)
        writer: Writer = writer_class()  # type: ignore[operator]
    except Exception as error:  # a broken plug-in must not take the command line down with it
        raise UnknownFormatError(f"the {key} writer cannot be loaded: {type(error).__name__}: {error}") from error
    return writer
