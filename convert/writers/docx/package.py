"""The DOCX zip container, written so that the same parts always give the same bytes."""

from __future__ import annotations

import datetime as dt
import zipfile
from typing import BinaryIO

from convert.writers.common.stamps import zip_time


def write_package(stream: BinaryIO, parts: list[tuple[str, bytes]], stamp: dt.datetime) -> None:
    """Write `parts` in the given order, every entry with the same timestamp, attributes and compression.

    python-docx stamps entries with the current time; here the time is the content's own (held
    within the years ZIP can record), and nothing about the machine (its clock, time zone or
    operating system) reaches the file.
    """
    date_time = zip_time(stamp)
    with zipfile.ZipFile(stream, "w") as archive:
        for name, data in parts:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
