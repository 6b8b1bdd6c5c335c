"""Which family draws each character: the style's own, then its script's specialists, in the language's order."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from convert.fonts.catalogue import SPECIALTIES, fallback_families, has_serifs
from convert.fonts.families import FontFamily
from convert.text.scripts import first_letter_script, font_class, script_of

_CJK_TAG = re.compile(r"(?:^|\s)(SC|TC|HK|JP|KR)$")
"""Recognises the region/language suffix of a CJK family name such as "Noto Sans JP"."""
_SUGGESTING = {"Hira": ("JP",), "Kana": ("JP",), "Hang": ("KR",)}
"""Scripts whose letters tell which CJK forms a text without a language wants."""


def _specialty(char: str) -> str:
    """What a specialist family for `char` specialises in, as the catalogue labels it: "CJK" for
    East Asian characters, else the ISO 15924 code of its script."""
    return "CJK" if font_class(char) == "east-asian" else script_of(char)


class _Chooser:
    """Picks the family for each character: `preferred`, then the fallbacks, specialists first."""

    def __init__(self, preferred: Sequence[FontFamily], cjk_order: tuple[str, ...] = ()) -> None:
        self.preferred = list(dict.fromkeys(preferred))
        fallbacks = [family for family in fallback_families() if family not in self.preferred]
        if cjk_order:
            slots = [index for index, family in enumerate(fallbacks) if cjk_tag(family.name)]

            def rank(family: FontFamily) -> int:
                tag = cjk_tag(family.name)
                return cjk_order.index(tag) if tag in cjk_order else len(cjk_order)

            for index, family in zip(slots, sorted((fallbacks[i] for i in slots), key=rank), strict=True):
                fallbacks[index] = family
        self.fallbacks = fallbacks
        self.chains: dict[str, list[FontFamily]] = {}

    def chain(self, script: str) -> list[FontFamily]:
        """The families to try, in order, for a character of `script`: the script's specialists of the
        preferred family's design (serif or sans) before the others."""
        chain = self.chains.get(script)
        if chain is None:
            specialists = [family for family in self.fallbacks if script and SPECIALTIES.get(family.name) == script]
            design = has_serifs(self.preferred[0]) if self.preferred else None
            if design is not None:
                specialists.sort(key=lambda family: has_serifs(family) != design)  # stable: chain order otherwise
            others = [family for family in self.fallbacks if family not in specialists]
            chain = self.chains[script] = [*self.preferred, *specialists, *others]
        return chain

    def family(self, char: str) -> FontFamily | None:
        """The first family of the chain for `char` whose cmap has it; None if none has."""
        return next((family for family in self.chain(_specialty(char)) if family.covers(char)), None)


def cjk_tag(name: str) -> str:
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
    script = first_letter_script(text, _SUGGESTING)
    return () if script is None else _SUGGESTING[script]


def families_to_try(family: FontFamily, fallbacks: Sequence[FontFamily]) -> tuple[FontFamily, ...]:
    """What to give `split_runs` as the preferred families for text in `family` with a sheet's
    `fallbacks`: the family alone when the fallbacks are the stock chain, which `split_runs` then
    tries by the character's script, the family's design (serif or sans) and the text's language
    (Noto Sans JP before SC for Japanese); else the family and the sheet's fallbacks in the order
    the sheet gives."""
    return (family,) if tuple(fallbacks) == fallback_families() else (family, *fallbacks)


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
