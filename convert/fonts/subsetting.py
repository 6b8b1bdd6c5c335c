"""A face cut down to the characters a book draws, with all shaping needs for them; the same bytes every time."""

from __future__ import annotations

import importlib
import io
import re
from pathlib import Path
from typing import Any

from convert.caches import Lru
from convert.fonts.cache import content_digest

_SUBSETS: Lru[tuple[Path, int, str, str], bytes] = Lru("convert.fonts.subsetting.subset_face", 64)
"""(face file, its size and hash, the characters) -> the subset's bytes: the articles of a batch
made with one style mostly draw their titles' and headings' faces with the same few characters."""


def subset_face(path: Path, chars: str) -> bytes:
    """The TrueType face at `path` holding only what drawing `chars` needs: their glyphs and every
    glyph the shaping features reach from them (Arabic joining forms, ligatures, marks), those
    features and their kerning, hinting, and the whole name table.

    A face whose copyright notice reserves a name it is itself called by comes back whole: the SIL
    Open Font License lets no modified version (a subset is one) carry a Reserved Font Name."""
    size, digest = content_digest(path)
    key = (path, size, digest, "".join(sorted(set(chars))))
    made = _SUBSETS.get(key)
    return made if made is not None else _SUBSETS.keep(key, _subset(path, key[3]))


def _subset(path: Path, chars: str) -> bytes:
    subset: Any = importlib.import_module("fontTools.subset")  # fontTools has no type hints
    tt_lib: Any = importlib.import_module("fontTools.ttLib")
    options = subset.Options()
    # fontTools' own list of layout features: every one a shaper applies unasked (joining forms,
    # Indic conjuncts, ligatures, marks, kerning, localised forms) and fractions; not the stylistic
    # sets, small capitals and other figures no style of ours asks for, which would double a face.
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.legacy_kern = True  # older reading systems kern from the `kern` table only
    options.notdef_outline = True
    options.recalc_timestamp = False
    # The face's own head.created and head.modified stay, so the same face gives the same bytes.
    made = io.BytesIO()
    with tt_lib.TTFont(str(path), recalcTimestamp=False, lazy=True) as font:
        if reserves_its_name(font["name"]):
            return path.read_bytes()
        subsetter = subset.Subsetter(options=options)
        subsetter.populate(unicodes=sorted(map(ord, chars)))
        subsetter.subset(font)
        font.save(made, reorderTables=True)
    return made.getvalue()


_RESERVED = re.compile(r"Reserved\s+Font\s+Names?\s*(.*?)(?:\.(?:\s|$)|$)", re.IGNORECASE | re.DOTALL)
_QUOTED = re.compile(r"[\"'\u201c\u2018]([^\"'\u201d\u2019]+)[\"'\u201d\u2019]")


def reserves_its_name(names: Any) -> bool:
    """Whether a font's name table (fontTools') reserves, in its copyright notice (name 0), a name
    that its family names (1, 16) or full name (4) contain: "with Reserved Font Name 'Source'"."""
    notice = " ".join(str(record) for record in names.names if record.nameID == 0)
    own = " ".join(str(record) for record in names.names if record.nameID in (1, 4, 16)).casefold()
    for found in _RESERVED.finditer(notice):
        reserved = _QUOTED.findall(found.group(1)) or [found.group(1)]
        if any(name.strip().casefold() and name.strip().casefold() in own for name in reserved):
            return True
    return False
