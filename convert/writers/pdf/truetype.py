"""Our TrueType fonts for reportlab: its own `TTFont`, with text split at C speed, subsets
remembered and tagged each its own way, and ToUnicode maps that are right beyond U+FFFF; nothing
of reportlab itself changed.

reportlab's font table keeps one font per face: a program that registers a face file convert
has registered gets this font back from reportlab. Outside our renders it does exactly what
reportlab's own `TTFont` does, so that program's documents stay reportlab's. (The other way
round, a face the program registered first never stands in for ours: see the adapter's
`register_font`.)
"""

from __future__ import annotations

import hashlib
from typing import Any

from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from convert.writers.pdf import speedups
from convert.writers.pdf.adapters import reportlab_adapter as internals


def subset_tag(face: str, codes: list[int], font_file: bytes) -> str:
    """The six capital letters before a subset's font name, from the face, the characters and the font file embedded.

    PDF asks each subset in a file for a tag of its own (ISO 32000-1, 9.6.4), so that a reader
    that merges or caches fonts by name never takes one subset for another; reportlab numbers
    them instead, from `AAAAAA` in every font. A digest of what the subset holds keeps the same
    input giving the same bytes."""
    digest = hashlib.sha256()
    digest.update(face.encode("utf-8") + b"\0")
    digest.update(",".join(map(str, codes)).encode("ascii") + b"\0")
    digest.update(font_file)
    number = int.from_bytes(digest.digest()[:8], "big")
    letters = []
    for _ in range(6):
        number, letter = divmod(number, 26)
        letters.append(chr(ord("A") + letter))
    return "".join(letters)


def to_unicode_cmap(font_name: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map of a font subset, with characters beyond U+FFFF written as UTF-16.

    reportlab writes every code point as four hex digits, so a CJK Extension B character comes
    out as five digits that no reader accepts and its text cannot be extracted. Characters in
    the Basic Multilingual Plane come out exactly as reportlab writes them.
    """
    entries = [
        f"<{code:02X}> <{value:04X}>"
        if value <= 0xFFFF
        else f"<{code:02X}> <{chr(value).encode('utf-16-be').hex().upper()}>"
        for code, value in enumerate(subset)
    ]
    return "\n".join(
        [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({font_name})",
            f"/Ordering ({font_name})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{font_name} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            *entries,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        ]
    )


class _Face(TTFontFace):  # type: ignore[misc]  # reportlab has no type hints
    """A face whose subsets are made once per code list and whose font files deflate once per content."""

    def makeSubset(self, subset: list[int]) -> bytes:  # noqa: N802 - reportlab's name
        return speedups.remembered_subset(self, subset, super().makeSubset)

    def addSubsetObjects(self, doc: Any, fontname: str, subset: list[int]) -> Any:  # noqa: N802 - reportlab's name
        reference = super().addSubsetObjects(doc, fontname, subset)
        if speedups.fast():
            stream = internals.font_file_stream(doc, self, fontname)
            if stream.filters and all(isinstance(item, internals.ORIGINAL_ZCOMPRESS) for item in stream.filters):
                stream.filters = [speedups.REMEMBERED_COMPRESSION for _ in stream.filters]
        return reference


class Font(TTFont):  # type: ignore[misc]  # reportlab has no type hints
    """A TrueType font as reportlab embeds it, with our speed-ups and ToUnicode maps."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        if internals.usable():
            self.face.__class__ = _Face  # a subclass adding methods only: the face parsed once, as it is

    def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> Any:  # noqa: N802 - reportlab's name
        return speedups.split_string(self, text, doc, encoding, super().splitString)

    def addObjects(self, doc: Any) -> None:  # noqa: N802 - reportlab's name
        if not speedups.writing() or not internals.usable():
            super().addObjects(doc)
            return
        subsets = internals.subsets_of(self, doc)
        super().addObjects(doc)
        face = internals.face_name(self)
        for subset in subsets:
            tag = subset_tag(face, subset.codes, internals.embedded_font_file(doc, self, subset))
            base = f"{tag}+{face}"
            internals.rename_subset(doc, subset, base, to_unicode_cmap(base, subset.codes))
