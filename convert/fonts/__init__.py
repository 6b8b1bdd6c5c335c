"""Real glyphs for every script: pip-installed font families, cut into static TrueType faces reportlab can embed."""

from __future__ import annotations

from convert.fonts.cache import cache_dir
from convert.fonts.catalogue import fallback_families, family_from_files, family_names, find_family, prepare_faces
from convert.fonts.cutting import LOGIC_VERSION
from convert.fonts.fallback import families_to_try, family_for_char, split_runs
from convert.fonts.families import FaceSource, FontFamily

__all__ = [
    "LOGIC_VERSION",
    "FaceSource",
    "FontFamily",
    "cache_dir",
    "fallback_families",
    "families_to_try",
    "family_for_char",
    "family_from_files",
    "family_names",
    "find_family",
    "prepare_faces",
    "split_runs",
]
