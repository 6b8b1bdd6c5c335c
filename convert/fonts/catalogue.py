"""Which font families are installed (fontpkg and justmytype packages), found by name, and the fallback chain."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path

from convert.caches import memoised
from convert.entrypoints import entry_points
from convert.fonts.families import Candidate, FontFamily, as_candidate, faces_of
from convert.fonts.sfnt import BOLD_WEIGHT, REGULAR_WEIGHT

_FONTPKG_GROUP = "fontpkg.family"
"""Entry-point group of `fontpkg-*` packages; each names a package holding `metadata.json`."""


_JUSTMYTYPE_GROUP = "justmytype.packs"
"""Entry-point group of `justmytype-*` packs; each names a package with `fonts/pack_manifest.json`."""


FALLBACK_CHAIN: tuple[tuple[str, str, bool | None], ...] = (
    # Latin, Greek, Cyrillic and their punctuation, for user fonts that lack them.
    ("Noto Sans", "", False),
    ("Noto Serif", "", True),
    ("Noto Sans Arabic", "Arab", False),
    ("Noto Naskh Arabic", "Arab", True),
    ("Amiri", "Arab", True),
    ("Noto Kufi Arabic", "Arab", False),
    ("Noto Sans Hebrew", "Hebr", False),
    ("Heebo", "Hebr", False),
    ("Noto Serif Hebrew", "Hebr", True),
    ("Frank Ruhl Libre", "Hebr", True),
    ("Noto Sans Devanagari", "Deva", False),
    ("Noto Serif Devanagari", "Deva", True),
    ("Noto Sans Thai", "Thai", False),
    ("Noto Serif Thai", "Thai", True),
    # Han, kana and Hangul; split_runs reorders these by the text's language.
    ("Noto Sans SC", "CJK", False),
    ("Noto Sans JP", "CJK", False),
    ("Noto Sans KR", "CJK", False),
    ("Noto Sans TC", "CJK", False),
    ("Noto Sans HK", "CJK", False),
    # Symbols, then a monospace font as the last resort for box drawing and arrows.
    ("Noto Sans Symbols", "", None),
    ("Noto Sans Symbols 2", "", None),
    ("Noto Sans Math", "", None),
    ("STIX Two Math", "", None),
    ("Noto Emoji", "", None),
    ("JetBrains Mono", "", None),
)
"""Fallback families in the order they are tried, with the script each specialises in (its ISO 15924
code, or "CJK" for the families of the East Asian scripts, `convert.text.scripts.font_class`) and
whether its design has serifs (None for symbols and monospace, which have no such kin).

Only installed ones take part. For a character of one of these scripts the specialists come first, so
that, say, Devanagari goes to Noto Sans Devanagari although the Latin Noto Sans also maps it; among
them, those of the text's own design first, so that a serif sheet sets Arabic in Amiri's naskh and
Hebrew in Frank Ruhl Libre, a sans sheet in Noto Sans Arabic and Heebo.
"""


def has_serifs(family: FontFamily) -> bool | None:
    """Whether `family`'s design has serifs: as the fallback chain declares it, else as its fonts say."""
    key = family.name.casefold()
    return _DECLARED_SERIFS.get(key, family.serif)


SPECIALTIES: dict[str, str] = {name: script for name, script, _serif in FALLBACK_CHAIN}
"""A fallback family's name -> the script it specialises in ("" for none)."""
_DECLARED_SERIFS: dict[str, bool | None] = {name.casefold(): serif for name, _script, serif in FALLBACK_CHAIN}


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


@memoised(1)
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


@memoised(256)
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
        (regular, False, REGULAR_WEIGHT),
        (bold, False, BOLD_WEIGHT),
        (italic, True, REGULAR_WEIGHT),
        (bold_italic, True, BOLD_WEIGHT),
    )
    candidates: list[Candidate] = []
    for path, is_italic, weight in roles:
        if path is None:
            continue
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"font file for family {name!r} not found: {path}")
        candidates.append(as_candidate(path, italic=is_italic, weight=weight))
    sources = tuple(dict.fromkeys(candidate.path for candidate in candidates))
    return FontFamily(name=name, sources=sources, faces=faces_of(candidates))


@memoised(1)
def fallback_families() -> tuple[FontFamily, ...]:
    """Installed fallback families in the order they are tried for characters a family lacks."""
    catalog = _catalog()
    return tuple(find_family(name) for name, _script, _serif in FALLBACK_CHAIN if name.casefold() in catalog)


def prepare_faces(families: Iterable[FontFamily] | None = None) -> tuple[Path, ...]:
    """Make every real face of `families` (default: all installed) now, e.g. while building an image.

    Returns the static TrueType files; faces already in the cache are only looked up.
    """
    chosen = [find_family(name) for name in family_names()] if families is None else list(families)
    return tuple(family.face_file(face.bold, face.italic) for family in chosen for face in family.faces)
