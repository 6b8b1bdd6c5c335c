"""The library's calls: read inputs, render them to bytes, write them to files."""

from __future__ import annotations

import datetime as dt
import io
import os
from dataclasses import replace
from pathlib import Path

from convert.atomic import write_atomically
from convert.errors import InputError, UsageError
from convert.model import Document, Publication, publication_of
from convert.readers import read_file
from convert.styles import Style, load_style
from convert.writers import formats, load_writer

ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
"""The timestamp of last resort: the earliest a ZIP file can record."""

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
    """The bytes of `item` in `format`; the writer's warnings are appended to `warnings` if given."""
    writer = load_writer(format)
    resolved = style if isinstance(style, Style) else load_style(style or "default")
    publication = item if isinstance(item, Publication) else publication_of(item)
    if publication.modified is None:
        publication = replace(publication, modified=build_time(publication.date))
    stream = io.BytesIO()
    found = writer.write(publication, resolved, stream)
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


def build_time(date: dt.date | None) -> dt.datetime:
    """The time recorded in outputs: the content's date, else SOURCE_DATE_EPOCH, else 1980-01-01."""
    if date is not None:
        return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return max(dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC), ZIP_EPOCH)
    return ZIP_EPOCH
