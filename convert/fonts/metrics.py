"""How wide text is in a family's face, read from its font file: for writers that set no glyphs themselves.

The DOCX writer lays out nothing, yet must decide a running head short enough never to wrap, and
cut it where the PDF cuts it. Both measure with these advance widths: the face file's own, at its
default position on any axes (a variable file's default instance) when that is the face, else
the static face cut for it. Characters the face lacks count as an em wide.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from convert.caches import memoised
from convert.fonts.fallback import families_to_try, split_runs
from convert.fonts.families import FontFamily
from convert.fonts.sfnt import sfnt_info


@memoised(32)
def _advances(path: Path) -> tuple[float, dict[int, int]]:
    from fontTools.ttLib import TTFont  # the writers that measure need it; importing convert does not

    with TTFont(path, lazy=True) as font:
        widths = font["hmtx"].metrics
        mapping = font.getBestCmap() or {}
        return float(font["head"].unitsPerEm), {code: widths[name][0] for code, name in mapping.items()}


def text_width(text: str, family: FontFamily, size: float, bold: bool = False, italic: bool = False) -> float:
    """The advance width of `text` in points, set in the family's face at `size`."""
    units, advances = _advances(_measured_file(family, bold, italic))
    return sum(advances.get(ord(char), units) for char in text) * size / units


def line_width(
    text: str,
    family: FontFamily,
    fallbacks: Sequence[FontFamily],
    size: float,
    bold: bool = False,
    italic: bool = False,
) -> float:
    """The advance width of `text` in points, each character in the family that draws it (`split_runs`)."""
    return sum(
        text_width(part, drawn or family, size, bold, italic)
        for drawn, part in split_runs(text, families_to_try(family, fallbacks))
    )


def _measured_file(family: FontFamily, bold: bool, italic: bool) -> Path:
    """The face's own file when the face is that file's default instance, else the static face cut from it:
    a variable file's default widths are its regular's, and a bold is wider."""
    face = family.face(bold, italic)
    defaults = {axis.tag: axis.default for axis in sfnt_info(face.path).axes}
    if all(defaults.get(tag) == value for tag, value in face.location):
        return face.path
    return family.face_file(bold, italic)
