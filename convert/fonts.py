"""Real glyphs for every script: pip-installed font families, cut into static TrueType faces reportlab can embed."""

from __future__ import annotations

import bisect
import functools
import importlib
import io
import json
import os
import re
import struct
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from convert.atomic import write_atomically
from convert.entrypoints import entry_points

__all__ = [
    "LOGIC_VERSION",
    "FaceSource",
    "FontFamily",
    "cache_dir",
    "fallback_families",
    "family_for_char",
    "family_from_files",
    "family_names",
    "find_family",
    "prepare_faces",
    "split_runs",
]

LOGIC_VERSION = 1
"""Version of the face-generation logic; part of every cache key: bump it when output changes."""

_FONTPKG_GROUP = "fontpkg.family"
"""Entry-point group of `fontpkg-*` packages; each names a package holding `metadata.json`."""

_JUSTMYTYPE_GROUP = "justmytype.packs"
"""Entry-point group of `justmytype-*` packs; each names a package with `fonts/pack_manifest.json`."""

_FALLBACK_CHAIN: tuple[tuple[str, str], ...] = (
    # Latin, Greek, Cyrillic and their punctuation, for user fonts that lack them.
    ("Noto Sans", ""),
    ("Noto Serif", ""),
    ("Noto Sans Arabic", "Arabic"),
    ("Noto Naskh Arabic", "Arabic"),
    ("Amiri", "Arabic"),
    ("Noto Kufi Arabic", "Arabic"),
    ("Noto Sans Hebrew", "Hebrew"),
    ("Heebo", "Hebrew"),
    ("Noto Serif Hebrew", "Hebrew"),
    ("Frank Ruhl Libre", "Hebrew"),
    ("Noto Sans Devanagari", "Devanagari"),
    ("Noto Serif Devanagari", "Devanagari"),
    ("Noto Sans Thai", "Thai"),
    ("Noto Serif Thai", "Thai"),
    # Han, kana and Hangul; split_runs reorders these by the text's language.
    ("Noto Sans SC", "CJK"),
    ("Noto Sans JP", "CJK"),
    ("Noto Sans KR", "CJK"),
    ("Noto Sans TC", "CJK"),
    ("Noto Sans HK", "CJK"),
    # Symbols, then a monospace font as the last resort for box drawing and arrows.
    ("Noto Sans Symbols", ""),
    ("Noto Sans Symbols 2", ""),
    ("Noto Sans Math", ""),
    ("Noto Emoji", ""),
    ("JetBrains Mono", ""),
)
"""Fallback families in the order they are tried, with the script each specialises in.

Only installed ones take part. For a character of one of these scripts the specialists come first, so
that, say, Devanagari goes to Noto Sans Devanagari although the Latin Noto Sans also maps it.
"""

_SCRIPT_BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0750, 0x077F, "Arabic"),
    (0x0870, 0x08FF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x1100, 0x11FF, "CJK"),
    (0x1CD0, 0x1CFF, "Devanagari"),
    (0x2E80, 0x2FDF, "CJK"),
    (0x2FF0, 0x9FFF, "CJK"),
    (0xA8E0, 0xA8FF, "Devanagari"),
    (0xA960, 0xA97F, "CJK"),
    (0xAC00, 0xD7FF, "CJK"),
    (0xF900, 0xFAFF, "CJK"),
    (0xFB1D, 0xFB4F, "Hebrew"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE30, 0xFE4F, "CJK"),
    (0xFE70, 0xFEFF, "Arabic"),
    (0xFF00, 0xFFEF, "CJK"),
    (0x20000, 0x3FFFF, "CJK"),
)
"""Unicode blocks, sorted, of the scripts that have specialist fallback families."""

_BLOCK_STARTS = tuple(low for low, _high, _script in _SCRIPT_BLOCKS)

_CJK_TAG = re.compile(r"(?:^|\s)(SC|TC|HK|JP|KR)$")
"""Recognises the region/language suffix of a CJK family name such as "Noto Sans JP"."""

_BOLD_WEIGHT = 700
_REGULAR_WEIGHT = 400
_MIN_BOLD_WEIGHT = 600
"""A face lighter than this does not count as a real bold."""

_STYLE_NAMES = {
    (False, False): "Regular",
    (True, False): "Bold",
    (False, True): "Italic",
    (True, True): "Bold Italic",
}

_FACE_PREFERENCE: dict[tuple[bool, bool], tuple[tuple[bool, bool], ...]] = {
    (False, False): ((False, False), (False, True), (True, False), (True, True)),
    (True, False): ((True, False), (False, False), (True, True), (False, True)),
    (False, True): ((False, True), (False, False), (True, True), (True, False)),
    (True, True): ((True, True), (True, False), (False, True), (False, False)),
}
"""For each requested (bold, italic) face, the real faces to use in order when it is missing."""

_REPLACED_NAME_IDS = frozenset({1, 2, 3, 4, 6, 16, 17, 18, 21, 22, 25})
"""Name records rewritten in a generated face (family, style, unique, full, PostScript names)."""


# --------------------------------------------------------------------------- sfnt headers


@dataclass(frozen=True, slots=True)
class _Axis:
    """One variation axis of a variable font, as declared in its `fvar` table."""

    tag: str
    minimum: float
    default: float
    maximum: float


@dataclass(frozen=True, slots=True)
class _SfntInfo:
    """What face selection needs from a font file, read with `struct` (no fontTools)."""

    outlines: str
    """The outline table: "glyf" (TrueType), "CFF " or "CFF2"."""
    collection: bool
    """The file is a TrueType/OpenType collection; its first font is used."""
    axes: tuple[_Axis, ...]
    weight: int
    italic: bool


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
    tables: dict[str, tuple[int, int]] = {}
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack_from(">4sIII", records, 16 * index)
        tables[tag.decode("latin-1")] = (offset, length)
    return collection, tables


def _read_table(stream: BinaryIO, tables: dict[str, tuple[int, int]], tag: str) -> bytes:
    """The raw bytes of table `tag`, empty if the font has none."""
    if tag not in tables:
        return b""
    offset, length = tables[tag]
    stream.seek(offset)
    return stream.read(length)


@functools.cache
def _sfnt_info(path: Path) -> _SfntInfo:
    """Outline format, axes, weight class and italic flag of the font file at `path`."""
    with path.open("rb") as stream:
        collection, tables = _table_directory(stream, path)
        os2 = _read_table(stream, tables, "OS/2")
        head = _read_table(stream, tables, "head")
        fvar = _read_table(stream, tables, "fvar")
    outlines = next((tag for tag in ("glyf", "CFF ", "CFF2") if tag in tables), "")
    if not outlines:
        raise ValueError(f"{path}: font has neither TrueType nor CFF outlines")
    weight = struct.unpack_from(">H", os2, 4)[0] if len(os2) >= 6 else _REGULAR_WEIGHT
    selection = struct.unpack_from(">H", os2, 62)[0] if len(os2) >= 64 else 0
    mac_style = struct.unpack_from(">H", head, 44)[0] if len(head) >= 46 else 0
    axes: list[_Axis] = []
    if len(fvar) >= 16:
        array_offset, _reserved, axis_count, axis_size = struct.unpack_from(">HHHH", fvar, 4)
        for index in range(axis_count):
            tag, low, default, high = struct.unpack_from(">4siii", fvar, array_offset + index * axis_size)
            axes.append(_Axis(tag.decode("latin-1"), low / 65536, default / 65536, high / 65536))
    return _SfntInfo(
        outlines=outlines,
        collection=collection,
        axes=tuple(axes),
        weight=weight,
        italic=bool(selection & 0x01) or bool(mac_style & 0x02),
    )


# --------------------------------------------------------------------------- cmap coverage

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


@functools.cache
def _coverage(path: Path) -> frozenset[int]:
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


# --------------------------------------------------------------------------- faces


@dataclass(frozen=True, slots=True)
class FaceSource:
    """One real face of a family: the file it is cut from and its pinned position on the axes."""

    bold: bool
    italic: bool
    path: Path
    location: tuple[tuple[str, float], ...] = ()
    """Every axis of a variable file pinned to one value; empty for a static file."""

    @property
    def style(self) -> str:
        """The style name: "Regular", "Bold", "Italic" or "Bold Italic"."""
        return _STYLE_NAMES[(self.bold, self.italic)]


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A font file considered for a family's faces, with the role it plays there."""

    path: Path
    italic: bool
    weight: int
    axes: tuple[_Axis, ...]

    def weight_range(self) -> tuple[float, float]:
        axis = next((axis for axis in self.axes if axis.tag == "wght"), None)
        return (axis.minimum, axis.maximum) if axis else (self.weight, self.weight)

    def slants_by_axis(self) -> bool:
        """The upright file can be made italic on its own axes (`ital` or `slnt`)."""
        return any(
            (axis.tag == "ital" and axis.maximum >= 1) or (axis.tag == "slnt" and axis.minimum < 0)
            for axis in self.axes
        )


def _candidate(path: Path, italic: bool | None = None, weight: int | None = None) -> _Candidate:
    """The file at `path` as a face candidate; `italic`/`weight` override what its header says."""
    info = _sfnt_info(path)
    return _Candidate(
        path=path,
        italic=info.italic if italic is None else italic,
        weight=info.weight if weight is None else weight,
        axes=info.axes,
    )


def _location(candidate: _Candidate, weight: float, slant_by_axis: bool) -> tuple[tuple[str, float], ...]:
    """Every axis of `candidate` pinned: `wght` to `weight`, slant as asked, the rest at default."""
    pins: dict[str, float] = {}
    slant_axis = ""
    if slant_by_axis:
        tags = {axis.tag for axis in candidate.axes}
        slant_axis = "ital" if "ital" in tags else "slnt"
    for axis in candidate.axes:
        if axis.tag == "wght":
            pins[axis.tag] = weight
        elif axis.tag == slant_axis == "ital":
            pins[axis.tag] = axis.maximum
        elif axis.tag == slant_axis == "slnt":
            pins[axis.tag] = axis.minimum
        else:
            pins[axis.tag] = axis.default
    return tuple(sorted(pins.items()))


def _pick_face(candidates: Sequence[_Candidate], bold: bool, italic: bool) -> FaceSource | None:
    """The real face (bold, italic) among `candidates`, or None if the family has no such face."""
    target = _BOLD_WEIGHT if bold else _REGULAR_WEIGHT
    pool = [candidate for candidate in candidates if candidate.italic == italic]
    slant_by_axis = False
    if not pool and italic:
        pool = [candidate for candidate in candidates if not candidate.italic and candidate.slants_by_axis()]
        slant_by_axis = True
    best: tuple[tuple[float, bool, bool, float, int], _Candidate, float] | None = None
    for order, candidate in enumerate(pool):
        low, high = candidate.weight_range()
        weight = min(max(float(target), low), high)
        # Nearest weight, then the file meant for this weight, then one needing no generation,
        # then the lighter one, then file order.
        score = (abs(weight - target), candidate.weight != target, bool(candidate.axes), weight, order)
        if best is None or score < best[0]:
            best = (score, candidate, weight)
    if best is None:
        return None
    _score, chosen, weight = best
    if bold and weight < _MIN_BOLD_WEIGHT:
        return None
    location = _location(chosen, weight, slant_by_axis) if chosen.axes else ()
    return FaceSource(bold=bold, italic=italic, path=chosen.path, location=location)


def _faces(candidates: Sequence[_Candidate]) -> tuple[FaceSource, ...]:
    """The distinct real faces of a family built from `candidates`."""
    faces: list[FaceSource] = []
    for bold, italic in _STYLE_NAMES:
        face = _pick_face(candidates, bold, italic)
        if face is not None and all((face.path, face.location) != (kept.path, kept.location) for kept in faces):
            faces.append(face)
    return tuple(faces)


@dataclass(frozen=True, slots=True)
class FontFamily:
    """A font family known by name; its static faces are made only when a writer asks for them."""

    name: str
    sources: tuple[Path, ...]
    """The font files the family is built from (variable or static TrueType, or CFF OpenType)."""
    faces: tuple[FaceSource, ...] = ()
    """The family's real faces; worked out from the files' headers when not given."""

    def __post_init__(self) -> None:
        if not self.faces and self.sources:
            object.__setattr__(self, "faces", _faces([_candidate(path) for path in self.sources]))

    def face(self, bold: bool = False, italic: bool = False) -> FaceSource:
        """The real face closest to (bold, italic): no italic falls back to upright, bold to regular."""
        real = {(face.bold, face.italic): face for face in self.faces}
        for key in _FACE_PREFERENCE[(bold, italic)]:
            if key in real:
                return real[key]
        raise LookupError(f"font family {self.name!r} has no usable font file")

    def has_face(self, bold: bool = False, italic: bool = False) -> bool:
        """Whether the family has a real (designed, not substituted) face of that style."""
        return any(face.bold == bold and face.italic == italic for face in self.faces)

    def face_file(self, bold: bool = False, italic: bool = False) -> Path:
        """A static TrueType file of that face (or the closest real one); made and cached on first use."""
        return _face_file(self.name, self.face(bold, italic))

    def covers(self, char: str) -> bool:
        """Whether the regular face's cmap maps `char` (one code point) to a glyph."""
        if len(char) != 1:
            raise ValueError(f"covers() takes one code point, got {char!r}")
        regular = self.faces[0] if self.faces and not (self.faces[0].bold or self.faces[0].italic) else self.face()
        return ord(char) in _coverage(regular.path)


# --------------------------------------------------------------------------- discovery


def _package_dir(target: str) -> Path | None:
    """Folder of the package an entry point names ("pkg.sub:attr"), found without importing it."""
    module = target.partition(":")[0].strip()
    top, _, rest = module.partition(".")
    folders = (Path(entry or ".", top) for entry in sys.path)
    base = next((folder for folder in folders if (folder / "__init__.py").is_file()), None)
    if base is None:  # not a plain folder on sys.path (an editable install, say): ask the import system
        import importlib.util

        try:
            spec = importlib.util.find_spec(top)
        except (ImportError, ValueError):
            return None
        if spec is None or not spec.submodule_search_locations:
            return None
        base = Path(next(iter(spec.submodule_search_locations)))
    return base.joinpath(*rest.split(".")) if rest else base


def _fontpkg_families(root: Path) -> list[tuple[str, tuple[Path, ...]]]:
    """The family a fontpkg package describes in its `metadata.json`."""
    meta = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
    files = tuple(root.joinpath(*entry["path"].split("/")) for entry in meta.get("files", []))
    return [(str(meta["family"]), files)]


def _justmytype_families(root: Path) -> list[tuple[str, tuple[Path, ...]]]:
    """The families a justmytype pack lists in its `fonts/pack_manifest.json`."""
    fonts = root / "fonts"
    manifest = json.loads((fonts / "pack_manifest.json").read_text(encoding="utf-8"))
    grouped: dict[str, list[Path]] = {}
    for entry in manifest.get("fonts", []):
        grouped.setdefault(str(entry["family"]), []).append(fonts.joinpath(*entry["path"].split("/")))
    return [(name, tuple(files)) for name, files in grouped.items()]


@functools.cache
def _catalog() -> dict[str, tuple[str, tuple[Path, ...]]]:
    """Installed families by case-folded name: (display name, font files); the first package wins."""
    readers = ((_FONTPKG_GROUP, _fontpkg_families), (_JUSTMYTYPE_GROUP, _justmytype_families))
    catalog: dict[str, tuple[str, tuple[Path, ...]]] = {}
    for group, reader in readers:
        for _, target in entry_points(group):
            root = _package_dir(target)
            if root is None:
                continue
            try:
                families = reader(root)
            except (OSError, ValueError, KeyError, TypeError):
                continue  # a broken font package must not stop the tool; it is simply not offered
            for name, files in families:
                present = tuple(path for path in files if path.is_file())
                if present and name.casefold() not in catalog:
                    catalog[name.casefold()] = (name, present)
    return catalog


def _compact(name: str) -> str:
    """`name` folded for lenient matching: "noto-serif", "NotoSerif" and "Noto Serif" agree."""
    return re.sub(r"[\s_-]+", "", name).casefold()


def family_names() -> tuple[str, ...]:
    """Names of every family that `find_family` accepts (the installed font packages), sorted."""
    return tuple(sorted((name for name, _files in _catalog().values()), key=str.casefold))


@functools.cache
def find_family(name: str) -> FontFamily:
    """The installed family called `name` (case-insensitive); LookupError names the known ones.

    Cheap: reads package metadata and a few hundred header bytes per font file; makes no faces.
    """
    catalog = _catalog()
    hit = catalog.get(name.casefold())
    if hit is None:
        hit = next((entry for key, entry in catalog.items() if _compact(key) == _compact(name)), None)
    if hit is None:
        known = ", ".join(family_names()) or "none (install a fontpkg-* font package)"
        raise LookupError(f"unknown font family {name!r}; installed families: {known}")
    display, files = hit
    return FontFamily(name=display, sources=files)


def family_from_files(
    name: str,
    regular: Path,
    bold: Path | None = None,
    italic: Path | None = None,
    bold_italic: Path | None = None,
) -> FontFamily:
    """A family from font files a user names; missing faces come from variable axes or fall back.

    Each file may be static or variable TrueType, CFF OpenType, or a collection (first font used).
    """
    roles: tuple[tuple[Path | None, bool, int], ...] = (
        (regular, False, _REGULAR_WEIGHT),
        (bold, False, _BOLD_WEIGHT),
        (italic, True, _REGULAR_WEIGHT),
        (bold_italic, True, _BOLD_WEIGHT),
    )
    candidates: list[_Candidate] = []
    for path, is_italic, weight in roles:
        if path is None:
            continue
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"font file for family {name!r} not found: {path}")
        candidates.append(_candidate(path, italic=is_italic, weight=weight))
    sources = tuple(dict.fromkeys(candidate.path for candidate in candidates))
    return FontFamily(name=name, sources=sources, faces=_faces(candidates))


@functools.cache
def fallback_families() -> tuple[FontFamily, ...]:
    """Installed fallback families in the order they are tried for characters a family lacks."""
    catalog = _catalog()
    return tuple(find_family(name) for name, _script in _FALLBACK_CHAIN if name.casefold() in catalog)


def prepare_faces(families: Iterable[FontFamily] | None = None) -> tuple[Path, ...]:
    """Make every real face of `families` (default: all installed) now, e.g. while building an image.

    Returns the static TrueType files; faces already in the cache are only looked up.
    """
    chosen = [find_family(name) for name in family_names()] if families is None else list(families)
    return tuple(family.face_file(face.bold, face.italic) for family in chosen for face in family.faces)


# --------------------------------------------------------------------------- per-character choice


def _script_of(char: str) -> str:
    """The script of `char` when it is one with specialist fallbacks ("Arabic", "CJK", ...), else ""."""
    code = ord(char)
    index = bisect.bisect_right(_BLOCK_STARTS, code) - 1
    if index >= 0 and code <= _SCRIPT_BLOCKS[index][1]:
        return _SCRIPT_BLOCKS[index][2]
    return ""


class _Chooser:
    """Picks the family for each character: `preferred`, then the fallbacks, specialists first."""

    def __init__(self, preferred: Sequence[FontFamily], cjk_order: tuple[str, ...] = ()) -> None:
        self.preferred = list(dict.fromkeys(preferred))
        fallbacks = [family for family in fallback_families() if family not in self.preferred]
        if cjk_order:
            slots = [index for index, family in enumerate(fallbacks) if _cjk_tag(family.name)]

            def rank(family: FontFamily) -> int:
                tag = _cjk_tag(family.name)
                return cjk_order.index(tag) if tag in cjk_order else len(cjk_order)

            for index, family in zip(slots, sorted((fallbacks[i] for i in slots), key=rank), strict=True):
                fallbacks[index] = family
        self.fallbacks = fallbacks
        self.chains: dict[str, list[FontFamily]] = {}

    def chain(self, script: str) -> list[FontFamily]:
        """The families to try, in order, for a character of `script`."""
        chain = self.chains.get(script)
        if chain is None:
            scripts = dict(_FALLBACK_CHAIN)
            specialists = [family for family in self.fallbacks if script and scripts.get(family.name) == script]
            others = [family for family in self.fallbacks if family not in specialists]
            chain = self.chains[script] = [*self.preferred, *specialists, *others]
        return chain

    def family(self, char: str) -> FontFamily | None:
        """The first family of the chain for `char` whose cmap has it; None if none has."""
        return next((family for family in self.chain(_script_of(char)) if family.covers(char)), None)


def _cjk_tag(name: str) -> str:
    """The CJK suffix of a family name ("SC", "TC", "HK", "JP" or "KR"), else ""."""
    match = _CJK_TAG.search(name)
    return match.group(1) if match else ""


def _cjk_order(text: str, lang: str | None) -> tuple[str, ...]:
    """CJK family styles to try first for `text`: from `lang` (BCP 47), else from kana or Hangul."""
    if lang:
        parts = re.split(r"[-_]", lang.casefold())
        if parts[0] == "ja":
            return ("JP",)
        if parts[0] == "ko":
            return ("KR",)
        if parts[0] in ("zh", "yue", "cmn"):
            if "hk" in parts or "mo" in parts:
                return ("HK", "TC")
            if "hant" in parts or "tw" in parts:
                return ("TC", "HK")
            return ("SC",)
    for char in text:
        code = ord(char)
        if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
            return ("JP",)
        if 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
            return ("KR",)
    return ()


def family_for_char(char: str, preferred: Sequence[FontFamily]) -> FontFamily | None:
    """The first family in `preferred`, then the fallbacks, whose cmap has `char`; None if none.

    Among the fallbacks, those made for the character's script (Arabic, Hebrew, Devanagari, Thai, CJK)
    are tried before the general ones.
    """
    return _Chooser(preferred).family(char)


def _attaches(char: str) -> bool:
    """Whitespace, combining marks and format controls (ZWJ, bidi marks, soft hyphen) join a run."""
    return char.isspace() or unicodedata.category(char) in ("Mn", "Mc", "Me", "Cf")


def split_runs(
    text: str,
    preferred: Sequence[FontFamily],
    *,
    lang: str | None = None,
) -> list[tuple[FontFamily | None, str]]:
    """`text` cut into maximal runs, each drawn with one family (None: no installed font has it).

    Letters take the first covering family of `preferred`, then of the fallbacks (those made for the
    letter's script first). Whitespace, combining marks and format controls stay in the run they follow;
    whitespace at the start or after an uncovered run joins the next run, so None runs hold only what
    deserves a warning. Digits, punctuation and symbols stay in the current run when its family covers
    them. Han characters go to the CJK family matching `lang` ("ja", "zh-Hant", ...) or, without it,
    to the one the text's kana (Japanese) or Hangul (Korean) suggest.
    """
    chooser = _Chooser(preferred, _cjk_order(text, lang))
    runs: list[tuple[FontFamily | None, list[str]]] = []
    pending: list[str] = []  # whitespace and marks waiting for the run they will join
    for char in text:
        last = runs[-1][0] if runs and not pending else None
        if _attaches(char):
            if last is not None or (runs and not pending and not char.isspace()):
                runs[-1][1].append(char)
            else:
                pending.append(char)
            continue
        if last is not None and not unicodedata.category(char).startswith("L") and last.covers(char):
            family: FontFamily | None = last
        else:
            family = chooser.family(char)
        _extend(runs, family, [*pending, char])
        pending = []
    if pending:  # whitespace-only text, or whitespace after an uncovered run
        probe = next((char for char in pending if not char.isspace()), pending[0])
        _extend(runs, chooser.family(probe), pending)
    return [(family, "".join(chars)) for family, chars in runs]


def _extend(runs: list[tuple[FontFamily | None, list[str]]], family: FontFamily | None, chars: list[str]) -> None:
    """Add `chars` to the last run if it has `family`, else start a new run."""
    if runs and runs[-1][0] == family:
        runs[-1][1].extend(chars)
    else:
        runs.append((family, chars))


# --------------------------------------------------------------------------- cache and generation


def cache_dir() -> Path:
    """Per-user cache folder: $CONVERT_CACHE_DIR, or $XDG_CACHE_HOME/convert, or ~/.cache/convert."""
    explicit = os.environ.get("CONVERT_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "convert"
    return Path.home() / ".cache" / "convert"


_DIGESTS: dict[Path, tuple[int, int, str]] = {}
"""Per-process memo of content digests: path -> (size, mtime_ns, sha256); mtime only invalidates."""


def _content_digest(path: Path) -> tuple[int, str]:
    """Size and SHA-256 of the file's bytes, hashed once per process while the file is unchanged."""
    stat = path.stat()
    memo = _DIGESTS.get(path)
    if memo is not None and memo[:2] == (stat.st_size, stat.st_mtime_ns):
        return memo[0], memo[2]
    import hashlib

    with path.open("rb") as stream:
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
    _DIGESTS[path] = (stat.st_size, stat.st_mtime_ns, digest)
    return stat.st_size, digest


def _postscript_name(family: str, style: str) -> str:
    """A valid PostScript name such as "NotoSansSC-BoldItalic"."""
    base = re.sub(r"[^A-Za-z0-9]", "", family)[:40] or "Font"
    return f"{base}-{style.replace(' ', '')}"


def _face_file(family: str, face: FaceSource) -> Path:
    """The static TrueType file of `face`: the source when it already is one, else a cached cut."""
    info = _sfnt_info(face.path)
    if not face.location and info.outlines == "glyf" and not info.collection and not info.axes:
        return face.path
    import hashlib
    import logging

    size, digest = _content_digest(face.path)
    key_text = json.dumps([LOGIC_VERSION, family, face.style, face.path.name, size, digest, face.location])
    key = hashlib.sha256(key_text.encode("utf-8")).hexdigest()[:20]
    folder = cache_dir() / "fonts"
    target = folder / f"{_postscript_name(family, face.style)}-{key}.ttf"
    if target.is_file():
        return target
    logging.getLogger(__name__).info("making the %s %s face (once per machine) in %s", family, face.style, folder)
    font = _build_face(family, face, info)
    made = io.BytesIO()
    font.save(made)
    write_atomically(target, made.getvalue())
    return target


def _fonttools(module: str) -> Any:
    """A fontTools module, imported only when a face is generated (fontTools has no type hints)."""
    return importlib.import_module(f"fontTools.{module}")


def _build_face(family: str, face: FaceSource, info: _SfntInfo) -> Any:
    """The fontTools font of `face`: instanced, converted to TrueType outlines and renamed."""
    tt_lib = _fonttools("ttLib")
    font = tt_lib.TTFont(
        str(face.path),
        fontNumber=0 if info.collection else -1,
        recalcTimestamp=False,  # keep head.created/modified of the source: same input, same bytes
        lazy=False,
    )
    if face.location:
        instancer = _fonttools("varLib.instancer")
        font = instancer.instantiateVariableFont(font, dict(face.location), inplace=True, static=True)
    if "CFF " in font or "CFF2" in font:
        _cff_to_glyf(font)
    for tag in ("DSIG", "STAT"):  # the signature no longer matches; STAT describes gone axes
        if tag in font:
            del font[tag]
    _rename(font, family, face)
    return font


def _cff_to_glyf(font: Any) -> None:
    """Replace CFF/CFF2 outlines with quadratic TrueType ones (the fontTools otf2ttf recipe)."""
    tt_lib = _fonttools("ttLib")
    tt_glyph_pen = _fonttools("pens.ttGlyphPen").TTGlyphPen
    cu2qu_pen = _fonttools("pens.cu2quPen").Cu2QuPen
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs: dict[str, Any] = {}
    for glyph_name in order:
        pen = tt_glyph_pen(None)
        glyph_set[glyph_name].draw(cu2qu_pen(pen, max_err=1.0, reverse_direction=True))
        glyphs[glyph_name] = pen.glyph()
    glyf = tt_lib.newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["loca"] = tt_lib.newTable("loca")
    font["glyf"] = glyf
    for tag in ("CFF ", "CFF2", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)  # computes the glyphs' bounds
    metrics = font["hmtx"].metrics
    for glyph_name, glyph in glyphs.items():
        if hasattr(glyph, "xMin"):
            metrics[glyph_name] = (metrics[glyph_name][0], glyph.xMin)
    maxp = tt_lib.newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attribute in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
        "maxPoints",
        "maxContours",
        "maxCompositePoints",
        "maxCompositeContours",
        "maxComponentDepth",
    ):
        setattr(maxp, attribute, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(order)
    font["maxp"] = maxp  # the counts are recalculated when the font is saved
    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller, and PDF embedding does not use them
    font.sfntVersion = "\x00\x01\x00\x00"


def _rename(font: Any, family: str, face: FaceSource) -> None:
    """Give the face R/I/B/BI names and style bits, so PDF, EPUB and DOCX readers tell faces apart."""
    style = face.style
    postscript = _postscript_name(family, style)
    table = font["name"]
    table.names = [record for record in table.names if record.nameID not in _REPLACED_NAME_IDS]
    for name_id, value in (
        (1, family),
        (2, style),
        (3, f"{postscript};convert-fonts-{LOGIC_VERSION}"),
        (4, f"{family} {style}"),
        (6, postscript),
    ):
        table.setName(value, name_id, 3, 1, 0x409)
    weight = dict(face.location).get("wght")
    os2 = font["OS/2"]
    if weight is not None:
        os2.usWeightClass = round(weight)
    selection = os2.fsSelection & ~0b1100001
    selection |= (0x01 if face.italic else 0) | (0x20 if face.bold else 0)
    selection |= 0x40 if not (face.bold or face.italic) else 0
    os2.fsSelection = selection
    font["head"].macStyle = (font["head"].macStyle & ~0b11) | (0x01 if face.bold else 0) | (0x02 if face.italic else 0)
    slant = dict(face.location).get("slnt")
    if face.italic and slant is not None and "post" in font and font["post"].italicAngle == 0:
        font["post"].italicAngle = slant
