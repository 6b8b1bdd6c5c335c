"""The library's calls: read inputs, render them to bytes, write them to files."""

from __future__ import annotations

import io
import os
from pathlib import Path

from convert.atomic import write_atomically
from convert.errors import InputError, UsageError
from convert.model import Document, Publication, publication_of
from convert.model.prepare import prepare
from convert.readers import read_file
from convert.styles import Style, load_style
from convert.writers import formats, load_writer

__all__ = ["formats", "load_style", "read", "read_publication", "render", "write"]


def read(path: str | os.PathLike[str], *, language: str | None = None) -> Document:
    """Read one article from a seed file or the model's JSON form."""
    item = read_file(Path(path), language)
    if isinstance(item, Publication):
        raise InputError("holds a publication of several articles; use read_publication", Path(path).name)
    return item


def read_publication(path: str | os.PathLike[str], *, language: str | None = None) -> Publication:
    """Read any input as a publication: an article becomes a publication of one."""
    item = read_file(Path(path), language)
    return item if isinstance(item, Publication) else publication_of(item)


def render(
    item: Document | Publication,
    format: str,
    style: Style | str | None = None,
    warnings: list[str] | None = None,
) -> bytes:
    """The bytes of `item` in `format`; warnings (preparing it, then the writer's) are appended to `warnings`.

    The writer gets the publication prepared (`convert.model.prepare`): clean text, checked language
    tags and its time fixed, so no writer repeats those rules.
    """
    writer = load_writer(format)
    resolved = style if isinstance(style, Style) else load_style(style or "default")
    found: list[str] = []
    publication = prepare(item if isinstance(item, Publication) else publication_of(item), found)
    stream = io.BytesIO()
    found.extend(writer.write(publication, resolved, stream))
    if warnings is not None:
        warnings.extend(found)
    return stream.getvalue()


def write(
    item: Document | Publication,
    path: str | os.PathLike[str],
    format: str | None = None,
    style: Style | str | None = None,
) -> list[str]:
    """Render `item` to `path` atomically; the format defaults to the path's suffix. Returns warnings."""
    target = Path(path)
    name = format or target.suffix.lstrip(".").lower()
    if not name:
        raise UsageError(f"cannot tell the format of {target.name}; name one of: {', '.join(formats())}")
    warnings: list[str] = []
    write_atomically(target, render(item, name, style, warnings))
    return warnings
