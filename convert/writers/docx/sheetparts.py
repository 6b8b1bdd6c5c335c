"""The parts that depend only on the style sheet and the language, built once and reused for every file."""

from __future__ import annotations

from dataclasses import dataclass

from convert.caches import memoised
from convert.styles.types import Style
from convert.writers.docx.parts import settings_part, theme_part
from convert.writers.docx.slots import ScriptFonts, script_fonts


@dataclass(frozen=True, slots=True)
class SheetParts:
    """Theme and settings for one sheet and one document language, and the fonts of its script slots;
    the styles and the font table follow the languages and fonts the text uses."""

    fonts: ScriptFonts
    theme: bytes
    settings: bytes


@memoised(16)
def sheet_parts(style: Style, language: str) -> SheetParts:
    """The sheet's parts for documents in `language`, from the cache when this sheet was seen before."""
    fonts = script_fonts(style, language)
    return SheetParts(fonts=fonts, theme=theme_part(style, fonts), settings=settings_part(style))
