"""Bulleted and numbered lists as word/numbering.xml: one definition of each kind, one instance per list."""

from __future__ import annotations

from convert.writers.docx.ooxml import WORD_NSMAP, child, element, to_bytes

LEVELS = 9
"""Word's list levels; deeper nesting stays at the last one."""
_INDENT = 360
"""Twips of indent per level, and the hanging indent of the number or bullet."""
_BULLETS = ("\u2022", "\u25e6", "\u25aa")
_BULLET, _DECIMAL = "0", "1"


def level_indent(level: int) -> int:
    """The left indent in twips of list level `level` (0-based)."""
    return (level + 1) * _INDENT


class Numbering:
    """The lists of one document: each list gets its own instance, so numbered lists start at one."""

    def __init__(self) -> None:
        self._lists: list[tuple[bool, int]] = []

    def new_list(self, ordered: bool, level: int) -> str:
        """The numId of a new list whose items sit at `level`."""
        self._lists.append((ordered, level))
        return str(len(self._lists))

    def part(self) -> bytes | None:
        """The bytes of word/numbering.xml, or None when the document has no lists."""
        if not self._lists:
            return None
        root = element("numbering", nsmap=WORD_NSMAP)
        for abstract_id, ordered in ((_BULLET, False), (_DECIMAL, True)):
            abstract = child(root, "abstractNum", {"abstractNumId": abstract_id})
            child(abstract, "multiLevelType", {"val": "hybridMultilevel"})
            for level in range(LEVELS):
                lvl = child(abstract, "lvl", {"ilvl": str(level)})
                child(lvl, "start", {"val": "1"})
                child(lvl, "numFmt", {"val": "decimal" if ordered else "bullet"})
                text = f"%{level + 1}." if ordered else _BULLETS[level % len(_BULLETS)]
                child(lvl, "lvlText", {"val": text})
                child(lvl, "lvlJc", {"val": "left"})
                ppr = child(lvl, "pPr")
                child(ppr, "ind", {"left": str(level_indent(level)), "hanging": str(_INDENT)})
        for number, (ordered, level) in enumerate(self._lists, start=1):
            num = child(root, "num", {"numId": str(number)})
            child(num, "abstractNumId", {"val": _DECIMAL if ordered else _BULLET})
            if ordered:
                override = child(num, "lvlOverride", {"ilvl": str(level)})
                child(override, "startOverride", {"val": "1"})
        return to_bytes(root)
