"""The parts that depend only on the style sheet and the language, built once and reused for every file."""

from __future__ import annotations

from dataclasses import dataclass

from convert.styles.types import Style
from convert.writers.docx.parts import font_table_part, settings_part, theme_part
from convert.writers.docx.slots import ScriptFonts, script_fonts
from convert.writers.docx.stylesheet import styles_part, used_fonts

_CACHE_SIZE = 16


@dataclass(frozen=True, slots=True)
class SheetParts:
    """Styles, theme, font table and settings for one sheet and one document language."""

    fonts: ScriptFonts
    styles: bytes
    theme: bytes
    font_table: bytes
    settings: bytes


# Keyed by the sheet object itself: hashing a whole Style costs more than building a small file,
# and a batch renders every file with the same sheet object.
_cache: dict[tuple[int, str], tuple[Style, SheetParts]] = {}


def sheet_parts(style: Style, language: str) -> SheetParts:
    """The sheet's parts for documents in `language`, from the cache when this sheet was seen before."""
    key = (id(style), language)
    hit = _cache.get(key)
    if hit is not None and hit[0] is style:
        return hit[1]
    fonts = script_fonts(style, language)
    parts = SheetParts(
        fonts=fonts,
        styles=styles_part(style, language),
        theme=theme_part(style, fonts),
        font_table=font_table_part(used_fonts(style, language)),
        settings=settings_part(style),
    )
    if len(_cache) >= _CACHE_SIZE:
        _cache.clear()
    _cache[key] = (style, parts)
    return parts
