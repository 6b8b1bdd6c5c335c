"""Word's four font slots: which one a character uses, and which installed family fills each."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from convert.caches import memoised
from convert.fonts import FontFamily, split_runs
from convert.styles.types import Style

Slot = Literal["ascii", "hAnsi", "eastAsia", "cs"]
SLOTS: tuple[Slot, ...] = ("ascii", "hAnsi", "eastAsia", "cs")

# Word picks a run's font per character by Unicode block (ECMA-376 Part 1, 17.3.2.26 rFonts):
# complex scripts (right-to-left, Indic, South-East Asian) use the cs font, CJK the eastAsia font.
_COMPLEX = (
    (0x0590, 0x08FF),  # Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic extensions
    (0x0900, 0x0DFF),  # Devanagari to Sinhala
    (0x0E00, 0x0FFF),  # Thai, Lao, Tibetan
    (0x1000, 0x109F),  # Myanmar
    (0x1780, 0x18AF),  # Khmer, Mongolian
    (0xFB1D, 0xFDFF),  # Hebrew and Arabic presentation forms
    (0xFE70, 0xFEFE),
    (0x10800, 0x10FFF),  # historic right-to-left scripts
    (0x1E800, 0x1EFFF),
)
_EAST_ASIAN = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FFF),  # CJK radicals, ideographic description
    (0x3000, 0x4DBF),  # CJK punctuation, kana, Bopomofo, Hangul compatibility, CJK extension A
    (0x4E00, 0x9FFF),
    (0xA000, 0xA4CF),  # Yi
    (0xA960, 0xA97F),
    (0xAC00, 0xD7FF),  # Hangul syllables
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE1F),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),  # full-width and half-width forms
    (0x20000, 0x3FFFF),
)
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]")
"""Characters of right-to-left scripts; text without them needs no direction handling."""

# A letter of each complex script, to find the family that draws it, by language subtag.
_COMPLEX_SAMPLES = {
    "ar": "\u0628",
    "fa": "\u0628",
    "ur": "\u0628",
    "he": "\u05d0",
    "yi": "\u05d0",
    "hi": "\u0915",
    "mr": "\u0915",
    "ne": "\u0915",
    "sa": "\u0915",
    "th": "\u0e01",
}
_CJK_LANGUAGES = frozenset({"zh", "ja", "ko", "yue", "cmn"})


def slot_of(char: str) -> Slot:
    """The slot whose font Word uses for `char` in a left-to-right run."""
    code = ord(char)
    if code < 0x80:
        return "ascii"
    if any(low <= code <= high for low, high in _COMPLEX):
        return "cs"
    if any(low <= code <= high for low, high in _EAST_ASIAN):
        return "eastAsia"
    return "hAnsi"


def primary_language(tag: str) -> str:
    """The primary subtag of a BCP 47 tag, lower case: "zh" for "zh-Hant-TW"."""
    return re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()


def is_complex_language(tag: str) -> bool:
    """Whether text in this language is set in the complex-script slot."""
    return primary_language(tag) in _COMPLEX_SAMPLES


def is_east_asian_language(tag: str) -> bool:
    """Whether text in this language is set in the East Asian slot."""
    return primary_language(tag) in _CJK_LANGUAGES


@dataclass(frozen=True, slots=True)
class ScriptFonts:
    """The families that fill the East Asian and complex-script slots for a whole document."""

    east_asian: FontFamily | None
    complex: FontFamily | None


def _family_drawing(sample: str, chain: tuple[FontFamily, ...], language: str | None) -> FontFamily | None:
    runs = split_runs(sample, chain, lang=language)
    return runs[0][0] if runs else None


@memoised(64)
def script_fonts(style: Style, language: str) -> ScriptFonts:
    """The East Asian family for the language (Japanese, Korean or Chinese forms), and the complex-script
    family for its script (Arabic when the language is not written in one)."""
    chain = (style.body_family, *style.fallback_families)
    primary = primary_language(language)
    cjk_sample = {"ja": "\u3042", "ko": "\ud55c"}.get(primary, "\u4e2d")
    east_asian = _family_drawing(cjk_sample, chain, language if primary in _CJK_LANGUAGES else None)
    complex_family = _family_drawing(_COMPLEX_SAMPLES.get(primary, "\u0628"), chain, None)
    return ScriptFonts(east_asian=east_asian, complex=complex_family)


@memoised(64)
def covers_ascii(family: FontFamily) -> bool:
    """Whether `family` draws every printable ASCII character, so ASCII text needs no fallback (checked once)."""
    return all(family.covers(chr(code)) for code in range(0x21, 0x7F))


def covers(family: FontFamily | None, char: str) -> bool:
    """Whether `family` has a glyph for `char` (no family has none)."""
    return family is not None and family.covers(char)
