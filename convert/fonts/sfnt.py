"""Just enough of a font file's tables to choose and cut faces without loading it: names, weight, axes, coverage."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from convert.caches import memoised

BOLD_WEIGHT = 700
REGULAR_WEIGHT = 400


@dataclass(frozen=True, slots=True)
class Axis:
    """One variation axis of a variable font, as declared in its `fvar` table."""

    tag: str
    minimum: float
    default: float
    maximum: float


@dataclass(frozen=True, slots=True)
class SfntInfo:
    """What face selection needs from a font file, read with `struct` (no fontTools)."""

    outlines: str
    """The outline table: "glyf" (TrueType), "CFF " or "CFF2"."""
    collection: bool
    """The file is a TrueType/OpenType collection; its first font is used."""
    axes: tuple[Axis, ...]
    weight: int
    italic: bool
    panose: bytes = bytes(10)
    """The OS/2 table's PANOSE classification (ten bytes, all zero when the font gives none)."""


def _table_directory(stream: BinaryIO, path: Path) -> tuple[bool, dict[str, tuple[int, int]]]:
    """Whether `stream` is a collection, and its (first) font's tables: tag -> (offset, length)."""
    header = stream.read(12)
    collection = header[:4] == b"ttcf"
    if collection:
        (offset,) = struct.unpack(">I", stream.read(4))
        stream.seek(offset)
        header = stream.read(12)
    if len(header) < 12 or header[:4] not in (b"\x00\x01\x00\x00", b"true", b"OTTO"):
        raise ValueError(f"{path}: not a TrueType or OpenType font (WOFF and Type 1 are not supported)")
    (count,) = struct.unpack(">H", header[4:6])
    records = stream.read(16 * count)
    if len(records) < 16 * count:
        raise ValueError(f"{path}: truncated: its table directory is cut short")
    size = stream.seek(0, 2)
    tables: dict[str, tuple[int, int]] = {}
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", records, 16 * index)
        name = tag.decode("latin-1")
        if offset + length > size:
            raise ValueError(f"{path}: truncated: its {name.strip()} table ends past the end of the file")
        tables[name] = (offset, length)
    missing = [tag for tag in _REQUIRED_TABLES if tag not in tables]
    if missing:
        raise ValueError(f"{path}: not a usable font: it has no {', '.join(missing)} table")
    return collection, tables


_REQUIRED_TABLES = ("cmap", "head", "hhea", "hmtx", "maxp")
"""The tables every TrueType or OpenType font has, and reportlab and fontTools read."""


def _read_table(stream: BinaryIO, tables: dict[str, tuple[int, int]], tag: str) -> bytes:
    """The raw bytes of table `tag`, empty if the font has none."""
    if tag not in tables:
        return b""
    offset, length = tables[tag]
    stream.seek(offset)
    return stream.read(length)


@memoised(4096)
def sfnt_info(path: Path) -> SfntInfo:
    """Outline format, axes, weight class and italic flag of the font file at `path`."""
    with path.open("rb") as stream:
        collection, tables = _table_directory(stream, path)
        os2 = _read_table(stream, tables, "OS/2")
        head = _read_table(stream, tables, "head")
        fvar = _read_table(stream, tables, "fvar")
    outlines = next((tag for tag in ("glyf", "CFF ", "CFF2") if tag in tables), "")
    if not outlines:
        raise ValueError(f"{path}: font has neither TrueType nor CFF outlines")
    weight = struct.unpack_from(">H", os2, 4)[0] if len(os2) >= 6 else REGULAR_WEIGHT
    selection = struct.unpack_from(">H", os2, 62)[0] if len(os2) >= 64 else 0
    mac_style = struct.unpack_from(">H", head, 44)[0] if len(head) >= 46 else 0
    axes: list[Axis] = []
    if len(fvar) >= 16:
        array_offset, _reserved, axis_count, axis_size = struct.unpack_from(">HHHH", fvar, 4)
        for index in range(axis_count):
            tag, low, default, high = struct.unpack_from(">4siii", fvar, array_offset + index * axis_size)
            axes.append(Axis(tag.decode("latin-1"), low / 65536, default / 65536, high / 65536))
    return SfntInfo(
        outlines=outlines,
        collection=collection,
        axes=tuple(axes),
        weight=weight,
        italic=bool(selection & 0x01) or bool(mac_style & 0x02),
        panose=os2[32:42] if len(os2) >= 42 else bytes(10),
    )


_CMAP_PREFERENCE = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))
"""Unicode cmap subtables in the order fontTools' getBestCmap prefers them."""


def _cmap_subtable(data: bytes, offset: int) -> set[int] | None:
    """Code points with a real glyph in the cmap subtable at `offset`; None for other formats."""
    (fmt,) = struct.unpack_from(">H", data, offset)
    found: set[int] = set()
    if fmt == 0:
        glyphs = data[offset + 6 : offset + 6 + 256]
        found.update(code for code, glyph in enumerate(glyphs) if glyph)
    elif fmt == 4:
        seg_x2 = struct.unpack_from(">H", data, offset + 6)[0]
        count = seg_x2 // 2
        ends = struct.unpack_from(f">{count}H", data, offset + 14)
        starts = struct.unpack_from(f">{count}H", data, offset + 16 + seg_x2)
        deltas = struct.unpack_from(f">{count}H", data, offset + 16 + 2 * seg_x2)
        range_base = offset + 16 + 3 * seg_x2
        range_offsets = struct.unpack_from(f">{count}H", data, range_base)
        for index, (start, end, delta, range_offset) in enumerate(
            zip(starts, ends, deltas, range_offsets, strict=True)
        ):
            if start > end or start == 0xFFFF:
                continue
            if range_offset == 0:
                found.update(code for code in range(start, end + 1) if (code + delta) & 0xFFFF)
                continue
            address = range_base + 2 * index + range_offset
            for code in range(start, end + 1):
                spot = address + 2 * (code - start)
                if spot + 2 > len(data):
                    break
                (glyph,) = struct.unpack_from(">H", data, spot)
                if glyph and (glyph + delta) & 0xFFFF:
                    found.add(code)
    elif fmt == 6:
        first, count = struct.unpack_from(">HH", data, offset + 6)
        glyph_ids = struct.unpack_from(f">{count}H", data, offset + 10)
        found.update(first + index for index, glyph in enumerate(glyph_ids) if glyph)
    elif fmt in (12, 13):
        (groups,) = struct.unpack_from(">I", data, offset + 12)
        for index in range(groups):
            start, end, glyph = struct.unpack_from(">III", data, offset + 16 + 12 * index)
            end = min(end, 0x10FFFF)
            if fmt == 13:
                if glyph:
                    found.update(range(start, end + 1))
            else:
                found.update(range(start + (glyph == 0), end + 1))
    else:
        return None
    return found


@memoised(256)
def coverage(path: Path) -> frozenset[int]:
    """Code points the font at `path` maps to a glyph (its best Unicode cmap)."""
    with path.open("rb") as stream:
        _collection, tables = _table_directory(stream, path)
        data = _read_table(stream, tables, "cmap")
    if len(data) < 4:
        return frozenset()
    (count,) = struct.unpack_from(">H", data, 2)
    subtables: dict[tuple[int, int], int] = {}
    for index in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, 4 + 8 * index)
        subtables.setdefault((platform, encoding), offset)
    for key in _CMAP_PREFERENCE:
        if key in subtables:
            found = _cmap_subtable(data, subtables[key])
            if found is not None:
                return frozenset(found)
    return frozenset()
