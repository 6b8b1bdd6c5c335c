"""The language of a part of an article (a paragraph, a heading, a name inside one), told from its
letters: the model records one language per article, and EPUB, DOCX and PDF mark or draw the parts
written in another by this one rule.

A part is in its surrounding language (None) when most of its letters are of a script that
language is written in; otherwise it is in the language its dominant script implies:

- Hangul → ko; kana, and Han written next to kana → ja; Han alone → zh, unless the surrounding
  language is Chinese, Japanese or Korean, whose own script it is;
- Arabic → ar, Hebrew → he, Greek → el, Cyrillic → ru, Devanagari → hi, Thai → th;
- Latin inside text in a language not written in Latin → en, as `guess_language` counts Latin
  letters as English: a name or a brand in an Arabic article is read out in English, not spelt
  with Arabic sounds. Letters of scripts not told apart (`scripts.letter_script`) count as Latin.

A language's own scripts come from its script subtag when it has one ("sr-Latn", "zh-Hant"),
else from its primary subtag (ja: kana and Han; ko: Hangul and Han; fa, ur: Arabic; uk, bg:
Cyrillic, ...); any other language is written in Latin.

`language_runs` cuts a text into pieces: letters of one script, with the marks, spaces and
punctuation between them, are one piece, and Han next to kana or Hangul joins them ("山田さくら"
is one Japanese name, "김지원(金智媛)" one Korean one). What lies around a foreign piece stays in
the surrounding language. A text of the surrounding language's scripts alone is answered from its
characters beyond ASCII, without cutting it.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import NamedTuple

from convert.caches import memoised
from convert.text.language import primary_language, script_subtag
from convert.text.nonascii import ascii_letter_count, non_ascii_characters
from convert.text.scripts import LANGUAGE_OF_SCRIPT, letter_script

_LETTERS = re.compile(r"[^\W\d_]+")
_JOINERS = frozenset("\u200c\u200d")
"""Zero-width non-joiner and joiner: they belong to the letters around them, as marks do."""
_HAN_JOINS = frozenset({"Kana", "Hangul"})
"""Scripts Han letters next to them are read with: Japanese and Korean write Han among them."""

_CYRILLIC = frozenset({"Cyrillic"})
_ARABIC = frozenset({"Arabic"})
_DEVANAGARI = frozenset({"Devanagari"})
_HAN = frozenset({"Han"})
_JAPANESE = frozenset({"Kana", "Han"})
_KOREAN = frozenset({"Hangul", "Han"})
_LATIN = frozenset({"Latin"})
_SCRIPTS_OF_LANGUAGE: dict[str, frozenset[str]] = {
    "el": frozenset({"Greek"}),
    **dict.fromkeys(("ru", "uk", "be", "bg", "mk", "sr", "kk", "ky", "mn", "tg", "tt", "ba"), _CYRILLIC),
    **dict.fromkeys(("he", "yi"), frozenset({"Hebrew"})),
    **dict.fromkeys(("ar", "fa", "ur", "ps", "ug", "ckb", "sd", "ks"), _ARABIC),
    **dict.fromkeys(("hi", "mr", "ne", "sa", "kok", "mai"), _DEVANAGARI),
    "th": frozenset({"Thai"}),
    "ja": _JAPANESE,
    "ko": _KOREAN,
    **dict.fromkeys(("zh", "yue", "cmn", "wuu", "hak", "nan", "lzh"), _HAN),
}
"""The scripts a language is written in, by primary subtag (the ones `letter_script` tells apart)."""
_SCRIPTS_OF_SUBTAG: dict[str, frozenset[str]] = {
    "latn": _LATIN,
    "grek": frozenset({"Greek"}),
    "cyrl": _CYRILLIC,
    "hebr": frozenset({"Hebrew"}),
    "arab": _ARABIC,
    "deva": _DEVANAGARI,
    "thai": frozenset({"Thai"}),
    **dict.fromkeys(("hani", "hans", "hant"), _HAN),
    **dict.fromkeys(("jpan", "hira", "kana", "hrkt"), _JAPANESE),
    **dict.fromkeys(("kore", "hang"), _KOREAN),
}


class _Run(NamedTuple):
    """Letters of one script and what lies between them: text[start:end], `letters` of them letters."""

    script: str
    start: int
    end: int
    letters: int


@memoised(256)
def own_scripts(language: str) -> frozenset[str]:
    """The scripts (as `letter_script` names them) text in `language` is written in (see above)."""
    subtag = script_subtag(language)
    if subtag in _SCRIPTS_OF_SUBTAG:
        return _SCRIPTS_OF_SUBTAG[subtag]
    return _SCRIPTS_OF_LANGUAGE.get(primary_language(language), _LATIN)


def part_language(text: str, surrounding: str) -> str | None:
    """The language of `text` inside text in `surrounding` (BCP 47): None when it is the surrounding
    language's, else the one its dominant script implies (see above); a tie stays None."""
    own = own_scripts(surrounding)
    if _all_own(text, own):
        return None
    letters: Counter[str | None] = Counter()
    for run in _runs(text):
        letters[_language(run.script, own)] += run.letters
    return max(letters, key=lambda language: (letters[language], language is None, language or ""))


def language_runs(text: str, surrounding: str) -> list[tuple[str | None, str]]:
    """`text` cut into pieces, none empty, each with its language (None: the surrounding one), in
    order; they join up to `text` again (see above)."""
    own = own_scripts(surrounding)
    if _all_own(text, own):
        return [(None, text)] if text else []
    pieces: list[tuple[str | None, str]] = []
    position = 0
    for run in _runs(text):
        language = _language(run.script, own)
        if language is None:
            continue
        if run.start > position:
            pieces.append((None, text[position : run.start]))
        pieces.append((language, text[run.start : run.end]))
        position = run.end
    if position < len(text):
        pieces.append((None, text[position:]))
    return pieces


def _all_own(text: str, own: frozenset[str]) -> bool:
    """Whether every letter of `text` is of one of the scripts `own`: the usual case, checked fast."""
    if "Latin" not in own and ascii_letter_count(text):
        return False
    unusual = non_ascii_characters(text)
    return not unusual or all(letter_script(char) in own for char in set(unusual) if char.isalpha())


def _language(script: str, own: frozenset[str]) -> str | None:
    if script in own:
        return None
    return "zh" if script == "Han" else LANGUAGE_OF_SCRIPT[script]


def _runs(text: str) -> list[_Run]:
    """The runs of letters of one script in `text`, Han joined to the kana or Hangul next to it."""
    runs: list[_Run] = []
    for match in _LETTERS.finditer(text):
        word = match.group()
        end = match.end()
        while end < len(text) and (text[end] in _JOINERS or unicodedata.category(text[end]).startswith("M")):
            end += 1  # a mark after the last letter (a vowel sign, a vowel point) stays with it
        if word.isascii():
            _add(runs, _Run("Latin", match.start(), end, len(word)))
            continue
        start = match.start()
        for offset, char in enumerate(word):
            last = offset == len(word) - 1
            _add(runs, _Run(letter_script(char), start + offset, end if last else start + offset + 1, 1))
    return runs


def _add(runs: list[_Run], run: _Run) -> None:
    """Append `run`, joined to the last one when it is of the same script, or Han beside kana or Hangul."""
    joined = _joined(runs[-1].script, run.script) if runs else None
    if joined is None:
        runs.append(run)
    else:
        last = runs[-1]
        runs[-1] = _Run(joined, last.start, run.end, last.letters + run.letters)


def _joined(left: str, right: str) -> str | None:
    """The script of two neighbouring runs read as one, or None when they stay apart."""
    if left == right or (right == "Han" and left in _HAN_JOINS):
        return left
    return right if left == "Han" and right in _HAN_JOINS else None
