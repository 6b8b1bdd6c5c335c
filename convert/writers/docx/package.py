"""The DOCX zip container, written so that the same parts always give the same bytes."""

from __future__ import annotations

import datetime as dt
import zipfile
from typing import BinaryIO

from convert.writers.common.stamps import zip_time


def write_package(stream: BinaryIO, parts: list[tuple[str, bytes | list[bytes]]], stamp: dt.datetime) -> None:
    """Write `parts` (bytes, or a list of pieces) in order, every entry with one timestamp, attributes and compression.

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
            if isinstance(data, bytes):
                archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
                continue
            # A part in pieces is written piece by piece, never joined: the same bytes as `writestr`
            # gives the joined part (it opens the entry the same way, and zlib's default level is 6).
            info.file_size = sum(len(piece) for piece in data)
            with archive.open(info, "w") as entry:
                for piece in data:
                    entry.write(piece)
