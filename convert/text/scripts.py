"""What writing system each character belongs to, and what follows: its kind of font, a text's
language guess and its word count. The one table of scripts every reader and writer uses.

The script of a character is Unicode's (`fontTools.unicodedata`, ISO 15924 codes such as "Latn",
"Arab", "Hani"). A character several scripts share (Common or Inherited: punctuation, digits,
marks) takes the first of its script extensions in `_PREFERRED` order, then alphabetically, so
the Arabic comma is "Arab" and the Devanagari danda "Deva"; one no script claims stays "Zyyy"
(ASCII punctuation, spaces) or "Zinh" (marks of any script).

The kind of font that draws a character (`font_class`), as office formats and the fallback
fonts divide them:

- "east-asian": Han, kana, Hangul, Bopomofo and Yi, and everything in the East Asian blocks
  (CJK punctuation, full-width and half-width forms, CJK compatibility forms), whatever its script;
- "complex": the right-to-left scripts (fontTools' list, historic ones in the supplementary
  planes included) and the Indic and South-East Asian scripts of `_INDIC_AND_SOUTH_EAST_ASIAN`;
- "western": everything else.

Each distinct character is looked up once (the answers are remembered); texts are scanned for the
characters beyond ASCII first, which for most articles are a handful.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from collections import Counter
from collections.abc import Container
from typing import Literal, NamedTuple

from convert.caches import memoised
from convert.text.nonascii import ascii_letter_count, non_ascii_characters

FontClass = Literal["western", "east-asian", "complex"]

_SHARED = frozenset({"Zyyy", "Zinh", "Zzzz"})
"""Common, Inherited and Unknown: no script of their own."""
_PREFERRED = ("Latn", "Grek", "Cyrl", "Arab", "Hebr", "Deva", "Thai", "Hani", "Hira", "Kana", "Hang")
"""The scripts convert ships fonts for, first choice for a character they share with others."""
EAST_ASIAN_SCRIPTS = frozenset({"Hani", "Hira", "Kana", "Hang", "Bopo", "Yiii"})
_EAST_ASIAN_BLOCKS = frozenset(
    {
        "CJK Symbols and Punctuation",
        "Ideographic Description Characters",
        "Kanbun",
        "CJK Strokes",
        "Enclosed CJK Letters and Months",
        "CJK Compatibility",
        "Vertical Forms",
        "CJK Compatibility Forms",
        "Halfwidth and Fullwidth Forms",
        "Ideographic Symbols and Punctuation",
        "Enclosed Ideographic Supplement",
    }
)
_INDIC_AND_SOUTH_EAST_ASIAN = frozenset(
    {"Deva", "Beng", "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym", "Sinh"}
    | {"Thai", "Laoo", "Tibt", "Mymr", "Khmr", "Mong"}
)
_WORD_PER_CHARACTER = ("Hani", "Hira", "Kana")
"""Scripts whose every letter counts as one word, as word processors count Chinese and Japanese."""

_NAMES = {
    "Latn": "Latin",
    "Grek": "Greek",
    "Cyrl": "Cyrillic",
    "Hebr": "Hebrew",
    "Arab": "Arabic",
    "Deva": "Devanagari",
    "Thai": "Thai",
    "Hang": "Hangul",
    "Hira": "Kana",
    "Kana": "Kana",
    "Hani": "Han",
}
"""The scripts a language is guessed from, by name; letters of any other script count as Latin."""
LANGUAGE_OF_SCRIPT = {
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
"""The language each script `letter_script` names implies, when nothing else is known."""
_CJK_RANGES = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u31a0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff00-\uffef\U00020000-\U0003134f"
)
"""CJK letters, punctuation and forms by block: where a line may end between any two characters."""
_SPACELESS = re.compile(f"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff{_CJK_RANGES}]")
"""Thai, Lao, Myanmar, Khmer and CJK by block: scripts written without spaces between words."""
_BREAK_ANYWHERE = re.compile(f"[{_CJK_RANGES}]")
_MARK_CATEGORIES = frozenset(("Mn", "Mc", "Me"))
_CONTEXTUAL_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")
"""The Arabic blocks whose letters take contextual forms (initial, medial, final, isolated)."""
_CODE_POINT = next(code for code in "IL" if array(code).itemsize == 4)
"""An array type of 32-bit items, whose bytes decode as UTF-32 in the machine's byte order."""
_UTF_32 = f"utf-32-{sys.byteorder[0]}e"
_FIRST_WORD_PER_CHARACTER = "\u2e80"
"""No character of `_WORD_PER_CHARACTER` comes before this one."""


@memoised(8192)
def script_of(char: str) -> str:
    """The ISO 15924 code of the script `char` is written in (see above for shared characters)."""
    import fontTools.unicodedata as ucd  # here, not above: `convert --help` never pays for fontTools

    script = str(ucd.script(char))
    if script not in _SHARED:
        return script
    extensions: set[str] = ucd.script_extension(char) - _SHARED
    if not extensions:
        return script
    return min(extensions, key=lambda code: (_PREFERRED.index(code) if code in _PREFERRED else len(_PREFERRED), code))


@memoised(8192)
def font_class(char: str) -> FontClass:
    """The kind of font that draws `char`: "east-asian", "complex" or "western" (see above)."""
    import fontTools.unicodedata as ucd

    script = script_of(char)
    if script in EAST_ASIAN_SCRIPTS or ucd.block(char) in _EAST_ASIAN_BLOCKS:
        return "east-asian"
    return "complex" if script in _INDIC_AND_SOUTH_EAST_ASIAN or script in ucd.RTL_SCRIPTS else "western"


def first_letter_script(text: str, scripts: Container[str]) -> str | None:
    """The script, among `scripts`, of the first letter of `text` written in one of them; None if none is."""
    for char in non_ascii_characters(text):
        if char.isalpha() and (script := script_of(char)) in scripts:
            return script
    return None


def guess_language(text: str) -> str:
    """A language tag from the dominant script: Latin counts as English; Han with kana as Japanese."""
    return language_of_letters(letter_counts(text))


def letter_script(char: str) -> str:
    """The name of the script of the letter `char` among those a language is guessed from ("Latin",
    "Hangul", "Kana", "Han", ...); letters of any other script count as Latin."""
    return _NAMES.get(script_of(char), "Latin")


def letter_counts(text: str) -> Counter[str]:
    """How many letters of `text` each script `guess_language` tells apart has; they add up over pieces."""
    letters: Counter[str] = Counter({"Latin": ascii_letter_count(text)})
    for char, count in Counter(non_ascii_characters(text)).items():  # every letter but the ASCII ones
        if char.isalpha():
            letters[letter_script(char)] += count
    return letters


def language_of_letters(letters: Counter[str]) -> str:
    """The language tag `guess_language` gives a text with these `letter_counts`."""
    if not any(count for name, count in letters.items() if name != "Latin"):
        return "en"
    if letters["Kana"] and letters["Han"] + letters["Kana"] >= max(letters.values()):
        return "ja"
    known = {name: letters[name] for name in LANGUAGE_OF_SCRIPT}
    dominant = max(sorted(known), key=lambda name: known[name])
    return LANGUAGE_OF_SCRIPT[dominant] if known[dominant] else "en"


def count_words(text: str) -> int:
    """Words in `text`: space-separated words with a letter or digit, plus each Han or kana letter."""
    unusual = non_ascii_characters(text)
    if not unusual or max(unusual) < _FIRST_WORD_PER_CHARACTER or _cjk_patterns().char.search(unusual) is None:
        if not _SPACE_BUT_LINE_FEED.search(unusual):
            spaced = text.replace("\n", " ") if "\n" in text else text
            if "  " not in spaced:  # the usual case: single spaces, so counting them counts the words
                words = spaced.count(" ") + 1 - spaced.startswith(" ") - spaced.endswith(" ") if spaced else 0
                return words - len(_SINGLE_SPACED_WITHOUT_ALNUM.findall(f" {spaced} "))
        return len(text.split()) - len(_SPACED_WITHOUT_ALNUM.findall(f" {text} "))
    patterns = _cjk_patterns()
    return len(patterns.token.findall(text)) - len(patterns.token_without_alnum.findall(text))


_SPACED_WITHOUT_ALNUM = re.compile(r"\s(?:[^\w\s]|_)+(?=\s)")
"""Space-separated tokens that hold no letter or digit, in text without CJK padded with a space each side."""
_SINGLE_SPACED_WITHOUT_ALNUM = re.compile(r" (?:[^\w\s]|_)+(?= )")
"""The same in text whose only white space is single spaces: a literal first character scans fast."""
_SPACE_BUT_LINE_FEED = re.compile(r"[^\S\n]")


def letters_class(scripts: tuple[str, ...]) -> str:
    """A regular-expression character class body matching every letter of `scripts`, from Unicode's table."""
    import fontTools.unicodedata as ucd

    starts = ucd.Scripts.RANGES
    parts: list[str] = []
    for index, (start, script) in enumerate(zip(starts, ucd.Scripts.VALUES, strict=True)):
        if script not in scripts:
            continue
        end = starts[index + 1] if index + 1 < len(starts) else 0x110000
        chars = array(_CODE_POINT, range(start, end)).tobytes().decode(_UTF_32, "surrogatepass")
        if chars.isalpha():  # the usual case, checked at C speed
            parts.append(f"{re.escape(chars[0])}-{re.escape(chars[-1])}")
            continue
        first: int | None = None
        for offset, char in enumerate(chars + " "):  # a space closes the last run of letters
            if char.isalpha():
                first = offset if first is None else first
            elif first is not None:
                parts.append(f"{re.escape(chars[first])}-{re.escape(chars[offset - 1])}")
                first = None
    return "".join(parts)


class _CjkPatterns(NamedTuple):
    """Tokens are runs of non-space characters and single CJK characters; a token counts as a word
    unless it has no letter or digit. Counting the two kinds apart keeps both patterns linear."""

    char: re.Pattern[str]
    token: re.Pattern[str]
    """A CJK character, or a run of other non-space characters."""
    token_without_alnum: re.Pattern[str]


@memoised(1)
def _cjk_patterns() -> _CjkPatterns:
    """The patterns counting words in text with CJK; made on first use, as they take milliseconds."""
    cjk = letters_class(_WORD_PER_CHARACTER)
    return _CjkPatterns(
        re.compile(f"[{cjk}]"),
        re.compile(f"[{cjk}]|[^\\s{cjk}]+"),
        re.compile(f"(?<![^\\s{cjk}])(?:[^\\w\\s{cjk}]|_)+(?![^\\s{cjk}])"),
    )


def written_without_spaces(text: str) -> bool:
    """Whether `text` holds a character of a script written without spaces between words."""
    return _SPACELESS.search(text) is not None


def is_mark(char: str) -> bool:
    """Whether `char` is a combining mark, drawn on or beside the letter before it."""
    return unicodedata.category(char) in _MARK_CATEGORIES


def breaks_anywhere(char: str) -> bool:
    """Whether a line may end before or after `char` (a CJK character), punctuation rules aside."""
    return _BREAK_ANYWHERE.match(char) is not None


def has_contextual_arabic(text: str) -> bool:
    """Whether `text` holds Arabic letters whose form depends on their neighbours."""
    return _CONTEXTUAL_ARABIC.search(text) is not None
