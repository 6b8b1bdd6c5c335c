"""Word's four font slots: which one a character uses, and which installed family fills each."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from convert.caches import memoised
from convert.fonts import FontFamily, families_to_try, split_runs
from convert.styles.types import Style
from convert.text.language import primary_language
from convert.text.scripts import FontClass, font_class

Slot = Literal["ascii", "hAnsi", "eastAsia", "cs"]
SLOTS: tuple[Slot, ...] = ("ascii", "hAnsi", "eastAsia", "cs")

_SLOT_OF_CLASS: dict[FontClass, Slot] = {"western": "hAnsi", "east-asian": "eastAsia", "complex": "cs"}
"""Word picks a run's font per character by its kind (ECMA-376 Part 1, 17.3.2.26 rFonts): complex
scripts (right-to-left, Indic, South-East Asian) use the cs font, East Asian ones the eastAsia font."""

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
    return "ascii" if char < "\x80" else _SLOT_OF_CLASS[font_class(char)]


def is_complex_language(tag: str) -> bool:
    """Whether text in this language is set in the complex-script slot."""
    return primary_language(tag) in _COMPLEX_SAMPLES


def is_east_asian_language(tag: str) -> bool:
    """Whether text in this language is set in the East Asian slot."""
    return primary_language(tag) in _CJK_LANGUAGES


def slot_languages(language: str, used: Counter[str]) -> tuple[str | None, str | None]:
    """The languages of the document defaults' East Asian and complex-script slots: the document's
    own when it is one of them, else the one of each kind its text uses most (`used`: letters by
    language), else None."""

    def most(kind: Callable[[str], bool]) -> str | None:
        if kind(language):
            return language
        return max(sorted(tag for tag in used if kind(tag)), key=lambda tag: used[tag], default=None)

    return most(is_east_asian_language), most(is_complex_language)


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
    chain = families_to_try(style.body_family, style.fallback_families)
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
