"""The publication's time as the EPUB and DOCX packages write it: ZIP entry times and W3C date-times."""

from __future__ import annotations

import datetime as dt

ZipTime = tuple[int, int, int, int, int, int]

ZIP_FIRST: ZipTime = (1980, 1, 1, 0, 0, 0)
ZIP_LAST: ZipTime = (2107, 12, 31, 23, 59, 58)
"""The earliest and latest times a ZIP entry can hold (MS-DOS dates count years from 1980 in 7 bits)."""


def zip_time(moment: dt.datetime) -> ZipTime:
    """`moment` as a ZIP entry's time, held at 1980 or 2107 when it lies outside what ZIP can record.

    Only the container's entries are held so: the dates the text and metadata give stay the article's own.
    """
    stamp: ZipTime = (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)
    return min(max(stamp, ZIP_FIRST), ZIP_LAST)


def w3c_date_time(moment: dt.datetime) -> str:
    """ "2024-01-09T00:00:00Z": a UTC time to the second, its year in four digits also before 1000."""
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d}"
        f"T{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}Z"
    )
