"""The parts that depend only on the style sheet and the language, built once and reused for every file."""

from __future__ import annotations

from dataclasses import dataclass

from convert.caches import memoised
from convert.styles.types import Style
from convert.writers.docx.parts import font_table_part, settings_part, theme_part
from convert.writers.docx.slots import ScriptFonts, script_fonts
from convert.writers.docx.stylesheet import styles_part, used_fonts


@dataclass(frozen=True, slots=True)
class SheetParts:
    """Styles, theme, font table and settings for one sheet and one document language."""

    fonts: ScriptFonts
    styles: bytes
    theme: bytes
    font_table: bytes
    settings: bytes


@memoised(16)
def sheet_parts(style: Style, language: str) -> SheetParts:
    """The sheet's parts for documents in `language`, from the cache when this sheet was seen before."""
    fonts = script_fonts(style, language)
    return SheetParts(
        fonts=fonts,
        styles=styles_part(style, language),
        theme=theme_part(style, fonts),
        font_table=font_table_part(used_fonts(style, language)),
        settings=settings_part(style),
    )
