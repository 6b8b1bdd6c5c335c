"""Writers by format name: the built-in ones, and others found through the `convert.writers`
entry-point group; each imported on first use."""

from __future__ import annotations

from functools import cache

from convert.entrypoints import entry_points, load_target
from convert.errors import UnknownFormatError
from convert.writers.base import Writer

ENTRY_POINT_GROUP = "convert.writers"

BUILT_IN = {
    "docx": "convert.writers.docx:DocxWriter",
    "epub": "convert.writers.epub:EpubWriter",
    "json": "convert.writers.model_json:JsonWriter",
    "pdf": "convert.writers.pdf:PdfWriter",
}
"""The writers this package ships (also declared as entry points, for other tools to find);
a plug-in cannot take over one of their names."""

BUILT_IN_SUFFIXES = {"docx": ".docx", "epub": ".epub", "json": ".json", "pdf": ".pdf"}
"""The built-in writers' suffixes (a test keeps them equal to the writers' own), so that a run
which finds every output current never imports a writer."""

__all__ = ["BUILT_IN", "BUILT_IN_SUFFIXES", "ENTRY_POINT_GROUP", "Writer", "formats", "load_writer", "suffix_of"]


@cache
def _targets() -> dict[str, str]:
    """Every format name → its target: the built-in ones, then plug-ins in name order."""
    found = dict(BUILT_IN)
    for name, target in sorted(entry_points(ENTRY_POINT_GROUP)):
        found.setdefault(name.lower(), target)
    return found


def formats() -> tuple[str, ...]:
    """Names of every installed format, sorted."""
    return tuple(sorted(_targets()))


def suffix_of(name: str) -> str:
    """The suffix of format `name`'s files; UnknownFormatError lists the installed formats."""
    return BUILT_IN_SUFFIXES.get(name.strip().lower()) or load_writer(name).suffix


@cache
def load_writer(name: str) -> Writer:
    """The writer for format `name`, imported now; UnknownFormatError lists the installed ones."""
    key = name.strip().lower()
    target = BUILT_IN.get(key) or _targets().get(key)  # plug-ins are looked for only when asked for
    if target is None:
        raise UnknownFormatError(f"unknown format {name!r}; available: {', '.join(formats()) or 'none'}")
    try:
        writer_class = load_target(target)
        writer: Writer = writer_class()  # type: ignore[operator]
    except Exception as error:  # a broken plug-in must not take the command line down with it
        raise UnknownFormatError(f"the {key} writer cannot be loaded: {type(error).__name__}: {error}") from error
    return writer
