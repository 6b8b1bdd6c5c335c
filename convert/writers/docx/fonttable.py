"""word/fontTable.xml: every family the document names, described so that Word without it picks a close face.

Word substitutes a missing font by what the table says of it: its PANOSE numbers (`w:panose1`,
read from the font's OS/2 table), its generic family (`w:family`: roman for serif faces, swiss
for sans-serif ones, modern for monospaced ones), its character set (`w:charset`, the legacy code
page of its script: Shift JIS for Japanese, Hangul, GB 2312 for Simplified and Big5 for
Traditional Chinese, Arabic, Hebrew, Thai) and its pitch; `w:altName` names a face Windows or
Office installs that looks alike: Times New Roman for serif faces and Arial for sans-serif ones
(both draw Arabic and Hebrew too), Courier New for monospaced ones, Yu Gothic, Malgun Gothic,
Microsoft YaHei and Microsoft JhengHei for Noto Sans JP, KR, SC and TC/HK, Nirmala UI for
Devanagari, Tahoma for Thai, Cambria Math and Segoe UI Symbol for mathematics and symbols.
"""

from __future__ import annotations

from collections.abc import Iterable

from convert.fonts import FontFamily
from convert.fonts.catalogue import SPECIALTIES, has_serifs
from convert.fonts.fallback import cjk_tag
from convert.fonts.sfnt import sfnt_info
from convert.writers.docx.ooxml import WORD_NSMAP, child, element, to_bytes

_MONOSPACED_PANOSE = 9
_SANS_SERIF_NAMES = ("sans", "kufi", "heebo", "inter", "gothic")
"""Words in a family's name that say it has no serifs, where neither the fallback chain nor its
PANOSE numbers say (symbol faces, Inter)."""
_CJK = {
    "JP": ("80", "Yu Gothic"),
    "KR": ("81", "Malgun Gothic"),
    "SC": ("86", "Microsoft YaHei"),
    "TC": ("88", "Microsoft JhengHei"),
    "HK": ("88", "Microsoft JhengHei"),
}
"""The character set and a Windows face alike, for each kind of CJK family."""
_CHARSETS = {"Arab": "B2", "Hebr": "B1", "Thai": "DE"}
_ALIKE_BY_SCRIPT = {"Deva": "Nirmala UI", "Thai": "Tahoma"}
_ALIKE_BY_NAME = (("math", "Cambria Math"), ("symbols", "Segoe UI Symbol"), ("emoji", "Segoe UI Emoji"))
_ALIKE_BY_FAMILY = {"roman": "Times New Roman", "swiss": "Arial", "modern": "Courier New"}


def generic_family(family: FontFamily) -> str:
    """Word's generic family of `family`: "roman", "swiss" or "modern" (see above)."""
    panose = sfnt_info(family.face().path).panose
    name = family.name.casefold()
    if (panose[0] == 2 and panose[3] == _MONOSPACED_PANOSE) or "mono" in name.split():
        return "modern"
    serif = has_serifs(family)  # the design the fallback chooser goes by
    if serif is not None:
        return "roman" if serif else "swiss"
    return "swiss" if any(word in name for word in _SANS_SERIF_NAMES) else "roman"


def font_table_part(families: Iterable[FontFamily]) -> bytes:
    """word/fontTable.xml: each family once, in the order given, with what Word substitutes it by."""
    root = element("fonts", nsmap=WORD_NSMAP)
    for family in dict.fromkeys(families):
        generic = generic_family(family)
        script = SPECIALTIES.get(family.name, "")
        charset, alike = _CJK.get(cjk_tag(family.name), (_CHARSETS.get(script, "00"), ""))
        name = family.name.casefold()
        alike = (
            alike
            or _ALIKE_BY_SCRIPT.get(script, "")
            or next((face for word, face in _ALIKE_BY_NAME if word in name), "")
            or _ALIKE_BY_FAMILY[generic]
        )
        font = child(root, "font", {"name": family.name})
        if alike != family.name:
            child(font, "altName", {"val": alike})
        panose = sfnt_info(family.face().path).panose
        if any(panose):
            child(font, "panose1", {"val": panose.hex().upper()})
        child(font, "charset", {"val": charset})
        child(font, "family", {"val": generic})
        child(font, "pitch", {"val": "fixed" if generic == "modern" else "variable"})
    return to_bytes(root)
