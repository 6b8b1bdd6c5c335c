"""The line under an article's title, written as the PDF writer writes it: "9 January 2024 · source.txt"."""

from __future__ import annotations

import datetime as dt

from convert.model import Document

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
SEPARATOR = " \u00b7 "


def written_date(date: dt.date) -> str:
    """A date as a newspaper prints it, "21 January 2024" (the same in every locale)."""
    return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"


def date_line(document: Document) -> str:
    """The article's date written out (or as found when it could not be read) and the file it came from."""
    meta = document.metadata
    when = written_date(meta.date) if meta.date is not None else (meta.raw_date or "")
    return SEPARATOR.join(part for part in (when.strip(), meta.source.strip()) if part)
