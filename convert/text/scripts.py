"""What writing systems a text uses: its direction, a language guess and its word count."""

from __future__ import annotations

import re
from typing import NamedTuple

from convert.caches import memoised
from convert.model import Direction
from convert.text.nonascii import non_ascii_characters

# One word per ideograph or kana (as word processors count CJK); other words are runs of
# non-space characters holding at least one letter or digit.
_CJK_CHAR = "\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

_SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0370, 0x03FF, "Greek"),
    (0x1F00, 0x1FFF, "Greek"),
    (0x0400, 0x052F, "Cyrillic"),
    (0x0590, 0x05FF, "Hebrew"),
    (0xFB1D, 0xFB4F, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0750, 0x077F, "Arabic"),
    (0x08A0, 0x08FF, "Arabic"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE70, 0xFEFF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x1100, 0x11FF, "Hangul"),
    (0x3130, 0x318F, "Hangul"),
    (0xAC00, 0xD7AF, "Hangul"),
    (0x3040, 0x30FF, "Kana"),
    (0x31F0, 0x31FF, "Kana"),
    (0x3400, 0x4DBF, "Han"),
    (0x4E00, 0x9FFF, "Han"),
    (0xF900, 0xFAFF, "Han"),
    (0x20000, 0x3134F, "Han"),
)

_LANGUAGE_OF_SCRIPT = {
    "Greek": "el",
    "Cyrillic": "ru",
    "Hebrew": "he",
    "Arabic": "ar",
    "Devanagari": "hi",
    "Thai": "th",
    "Hangul": "ko",
    "Kana": "ja",
    "Han": "zh",
    "Latin": "en",
}


def count_words(text: str) -> int:
    """Words in `text`: space-separated words with a letter or digit, plus each CJK character."""
    unusual = non_ascii_characters(text)
    if _NON_LATIN_LETTER.search(unusual) is None or _cjk_patterns().char.search(unusual) is None:
        if not _SPACE_BUT_LINE_FEED.search(unusual):
            spaced = text.replace("\n", " ") if "\n" in text else text
            if "  " not in spaced:  # the usual case: single spaces, so counting them counts the words
                words = spaced.count(" ") + 1 - spaced.startswith(" ") - spaced.endswith(" ") if spaced else 0
                return words - len(_SINGLE_SPACED_WITHOUT_ALNUM.findall(f" {spaced} "))
        return len(text.split()) - len(_SPACED_WITHOUT_ALNUM.findall(f" {text} "))
    patterns = _cjk_patterns()
    return len(patterns.token.findall(text)) - len(patterns.token_without_alnum.findall(text))


def strong_direction_counts(text: str) -> tuple[int, int]:
    """How many letters of `text` are written left-to-right and how many right-to-left."""
    rtl = len(_RTL_LETTER.findall(text))
    return len(_LETTER.findall(text)) - rtl, rtl


def has_right_to_left(text: str) -> bool:
    """Whether `text` has a letter of a right-to-left script."""
    return _RTL_LETTER.search(non_ascii_characters(text)) is not None


def direction_of(text: str) -> Direction:
    """ "rtl" when most letters are of right-to-left scripts, else "ltr"."""
    if not has_right_to_left(text):
        return "ltr"
    ltr, rtl = strong_direction_counts(text)
    return "rtl" if rtl > ltr else "ltr"


def script_of(char: str) -> str | None:
    """The writing system of a letter, or None for marks, digits, spaces and punctuation."""
    if not char.isalpha():
        return None
    code = ord(char)
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        return "Latin"
    for low, high, script in _SCRIPT_RANGES:
        if low <= code <= high:
            return script
    return "Other"


def guess_language(text: str) -> str:
    """A language tag from the dominant script: Latin counts as English; Han with kana as Japanese."""
    unusual = non_ascii_characters(text)  # every letter but the ASCII ones is among these
    if _NON_LATIN_LETTER.search(unusual) is None:
        return "en"
    scripts = {script: len(pattern.findall(unusual)) for script, pattern in _script_patterns().items()}
    ascii_letters = len(text.encode("utf-8", "surrogatepass").translate(None, _NOT_ASCII_LETTER))
    scripts["Latin"] = ascii_letters + len(_LETTER.findall(unusual)) - sum(scripts.values())
    if scripts["Kana"] and scripts["Han"] + scripts["Kana"] >= max(scripts.values()):
        return "ja"
    dominant = max(sorted(scripts), key=lambda name: scripts[name])
    return _LANGUAGE_OF_SCRIPT.get(dominant, "en") if scripts[dominant] else "en"


def _class_of(ranges: list[tuple[int, int]]) -> str:
    return "".join(f"{chr(low)}-{chr(high)}" for low, high in ranges)


_LETTER = re.compile(r"[^\W\d_]")
_NOT_ASCII_LETTER = bytes(byte for byte in range(256) if not chr(byte).isalpha() or byte > 0x7F)


@memoised(1)
def _script_patterns() -> dict[str, re.Pattern[str]]:
    """One pattern per script; compiled on first use, as the astral ranges take milliseconds."""
    names = dict.fromkeys(name for _, _, name in _SCRIPT_RANGES)
    return {
        script: re.compile(f"[{_class_of([(low, high) for low, high, name in _SCRIPT_RANGES if name == script])}]")
        for script in names
    }


_RTL_LETTER = re.compile(
    f"[{_class_of([(0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF), (0x10800, 0x10FFF), (0x1E800, 0x1EFFF)])}]"
)
_NON_LATIN_LETTER = re.compile(f"[{_class_of([(low, high) for low, high, _ in _SCRIPT_RANGES])}]")
_SPACED_WITHOUT_ALNUM = re.compile(r"\s(?:[^\w\s]|_)+(?=\s)")
"""Space-separated tokens that hold no letter or digit, in text without CJK padded with a space each side."""
_SINGLE_SPACED_WITHOUT_ALNUM = re.compile(r" (?:[^\w\s]|_)+(?= )")
"""The same in text whose only white space is single spaces: a literal first character scans fast."""
_SPACE_BUT_LINE_FEED = re.compile(r"[^\S\n]")


class _CjkPatterns(NamedTuple):
    """Tokens are runs of non-space characters and single CJK characters; a token counts as a word
    unless it has no letter or digit. Counting the two kinds apart keeps both patterns linear."""

    char: re.Pattern[str]
    token: re.Pattern[str]
    """A CJK character, or a run of other non-space characters."""
    token_without_alnum: re.Pattern[str]


@memoised(1)
def _cjk_patterns() -> _CjkPatterns:
    """The patterns counting words in text with CJK; compiled on first use, as they take milliseconds."""
    return _CjkPatterns(
        re.compile(f"[{_CJK_CHAR}]"),
        re.compile(f"[{_CJK_CHAR}]|[^\\s{_CJK_CHAR}]+"),
        re.compile(f"(?<![^\\s{_CJK_CHAR}])(?:[^\\w\\s{_CJK_CHAR}]|_)+(?![^\\s{_CJK_CHAR}])"),
    )
