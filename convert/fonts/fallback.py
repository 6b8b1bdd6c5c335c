"""Which family draws each character: the style's own, then its script's specialists, in the language's order."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Sequence

from convert.fonts.catalogue import FALLBACK_CHAIN, fallback_families
from convert.fonts.families import FontFamily

_SCRIPT_BLOCKS: tuple[tuple[int, int, str], ...] = (
    (0x0590, 0x05FF, "Hebrew"),
    (0x0600, 0x06FF, "Arabic"),
    (0x0750, 0x077F, "Arabic"),
    (0x0870, 0x08FF, "Arabic"),
    (0x0900, 0x097F, "Devanagari"),
    (0x0E00, 0x0E7F, "Thai"),
    (0x1100, 0x11FF, "CJK"),
    (0x1CD0, 0x1CFF, "Devanagari"),
    (0x2E80, 0x2FDF, "CJK"),
    (0x2FF0, 0x9FFF, "CJK"),
    (0xA8E0, 0xA8FF, "Devanagari"),
    (0xA960, 0xA97F, "CJK"),
    (0xAC00, 0xD7FF, "CJK"),
    (0xF900, 0xFAFF, "CJK"),
    (0xFB1D, 0xFB4F, "Hebrew"),
    (0xFB50, 0xFDFF, "Arabic"),
    (0xFE30, 0xFE4F, "CJK"),
    (0xFE70, 0xFEFF, "Arabic"),
    (0xFF00, 0xFFEF, "CJK"),
    (0x20000, 0x3FFFF, "CJK"),
)
"""Unicode blocks, sorted, of the scripts that have specialist fallback families."""


_BLOCK_STARTS = tuple(low for low, _high, _script in _SCRIPT_BLOCKS)


_CJK_TAG = re.compile(r"(?:^|\s)(SC|TC|HK|JP|KR)$")
"""Recognises the region/language suffix of a CJK family name such as "Noto Sans JP"."""


def _script_of(char: str) -> str:
    """The script of `char` when it is one with specialist fallbacks ("Arabic", "CJK", ...), else ""."""
    code = ord(char)
    index = bisect.bisect_right(_BLOCK_STARTS, code) - 1
    if index >= 0 and code <= _SCRIPT_BLOCKS[index][1]:
        return _SCRIPT_BLOCKS[index][2]
    return ""


class _Chooser:
    """Picks the family for each character: `preferred`, then the fallbacks, specialists first."""

    def __init__(self, preferred: Sequence[FontFamily], cjk_order: tuple[str, ...] = ()) -> None:
        self.preferred = list(dict.fromkeys(preferred))
        fallbacks = [family for family in fallback_families() if family not in self.preferred]
        if cjk_order:
            slots = [index for index, family in enumerate(fallbacks) if _cjk_tag(family.name)]

            def rank(family: FontFamily) -> int:
                tag = _cjk_tag(family.name)
                return cjk_order.index(tag) if tag in cjk_order else len(cjk_order)

            for index, family in zip(slots, sorted((fallbacks[i] for i in slots), key=rank), strict=True):
                fallbacks[index] = family
        self.fallbacks = fallbacks
        self.chains: dict[str, list[FontFamily]] = {}

    def chain(self, script: str) -> list[FontFamily]:
        """The families to try, in order, for a character of `script`."""
        chain = self.chains.get(script)
        if chain is None:
            scripts = dict(FALLBACK_CHAIN)
            specialists = [family for family in self.fallbacks if script and scripts.get(family.name) == script]
            others = [family for family in self.fallbacks if family not in specialists]
            chain = self.chains[script] = [*self.preferred, *specialists, *others]
        return chain

    def family(self, char: str) -> FontFamily | None:
        """The first family of the chain for `char` whose cmap has it; None if none has."""
        return next((family for family in self.chain(_script_of(char)) if family.covers(char)), None)


def _cjk_tag(name: str) -> str:
    """The CJK suffix of a family name ("SC", "TC", "HK", "JP" or "KR"), else ""."""
    match = _CJK_TAG.search(name)
    return match.group(1) if match else ""


def _cjk_order(text: str, lang: str | None) -> tuple[str, ...]:
    """CJK family styles to try first for `text`: from `lang` (BCP 47), else from kana or Hangul."""
    if lang:
        parts = re.split(r"[-_]", lang.casefold())
        if parts[0] == "ja":
            return ("JP",)
        if parts[0] == "ko":
            return ("KR",)
        if parts[0] in ("zh", "yue", "cmn"):
            if "hk" in parts or "mo" in parts:
                return ("HK", "TC")
            if "hant" in parts or "tw" in parts:
                return ("TC", "HK")
            return ("SC",)
    for char in text:
        code = ord(char)
        if 0x3040 <= code <= 0x30FF or 0x31F0 <= code <= 0x31FF or 0xFF66 <= code <= 0xFF9F:
            return ("JP",)
        if 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
            return ("KR",)
    return ()


def family_for_char(char: str, preferred: Sequence[FontFamily]) -> FontFamily | None:
    """The first family in `preferred`, then the fallbacks, whose cmap has `char`; None if none.

    Among the fallbacks, those made for the character's script (Arabic, Hebrew, Devanagari, Thai, CJK)
    are tried before the general ones.
    """
    return _Chooser(preferred).family(char)


def _attaches(char: str) -> bool:
    """Whitespace, combining marks and format controls (ZWJ, bidi marks, soft hyphen) join a run."""
    return char.isspace() or unicodedata.category(char) in ("Mn", "Mc", "Me", "Cf")


def split_runs(
    text: str,
    preferred: Sequence[FontFamily],
    *,
    lang: str | None = None,
) -> list[tuple[FontFamily | None, str]]:
    """`text` cut into maximal runs, each drawn with one family (None: no installed font has it).

    Letters take the first covering family of `preferred`, then of the fallbacks (those made for the
    letter's script first). Whitespace, combining marks and format controls stay in the run they follow;
    whitespace at the start or after an uncovered run joins the next run, so None runs hold only what
    deserves a warning. Digits, punctuation and symbols stay in the current run when its family covers
    them. Han characters go to the CJK family matching `lang` ("ja", "zh-Hant", ...) or, without it,
    to the one the text's kana (Japanese) or Hangul (Korean) suggest.
    """
    chooser = _Chooser(preferred, _cjk_order(text, lang))
    runs: list[tuple[FontFamily | None, list[str]]] = []
    pending: list[str] = []  # whitespace and marks waiting for the run they will join
    for char in text:
        last = runs[-1][0] if runs and not pending else None
        if _attaches(char):
            if last is not None or (runs and not pending and not char.isspace()):
                runs[-1][1].append(char)
            else:
                pending.append(char)
            continue
        if last is not None and not unicodedata.category(char).startswith("L") and last.covers(char):
            family: FontFamily | None = last
        else:
            family = chooser.family(char)
        _extend(runs, family, [*pending, char])
        pending = []
    if pending:  # whitespace-only text, or whitespace after an uncovered run
        probe = next((char for char in pending if not char.isspace()), pending[0])
        _extend(runs, chooser.family(probe), pending)
    return [(family, "".join(chars)) for family, chars in runs]


def _extend(runs: list[tuple[FontFamily | None, list[str]]], family: FontFamily | None, chars: list[str]) -> None:
    """Add `chars` to the last run if it has `family`, else start a new run."""
    if runs and runs[-1][0] == family:
        runs[-1][1].extend(chars)
    else:
        runs.append((family, chars))
