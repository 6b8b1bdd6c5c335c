"""How wide text is in a family's face, read from its font file: for writers that set no glyphs themselves.

The DOCX writer lays out nothing, yet must decide a running head short enough never to wrap, and
cut it where the PDF cuts it. Both measure with these advance widths: the face file's own, at its
default position on any axes (a variable file's default instance), which is the regular face the
sheets use for heads. Characters the face lacks count as an em wide.
"""

from __future__ import annotations

from pathlib import Path

from convert.caches import memoised
from convert.fonts.families import FontFamily


@memoised(32)
def _advances(path: Path) -> tuple[float, dict[int, int]]:
    from fontTools.ttLib import TTFont  # the writers that measure need it; importing convert does not

    with TTFont(path, lazy=True) as font:
        widths = font["hmtx"].metrics
        mapping = font.getBestCmap() or {}
        return float(font["head"].unitsPerEm), {code: widths[name][0] for code, name in mapping.items()}


def text_width(text: str, family: FontFamily, size: float, bold: bool = False, italic: bool = False) -> float:
    """The advance width of `text` in points, set in the family's face at `size`."""
    units, advances = _advances(family.face(bold, italic).path)
    return sum(advances.get(ord(char), units) for char in text) * size / units
