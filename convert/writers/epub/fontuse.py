"""Which characters each embedded face draws: the book's own documents styled by its own rules, as a
reading system styles them, so that no face is packed that nothing is drawn in."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import fontTools.unicodedata as ucd
from lxml import etree

from convert.caches import memoised
from convert.fonts import FontFamily
from convert.fonts.sfnt import coverage
from convert.text.scripts import script_of
from convert.writers.epub.cascade import Cascade
from convert.writers.epub.css import Rule
from convert.writers.epub.fontfaces import FaceKey, FontPlan, attaches

_HYPHENS = "-\u2010"
"""What a reading system may draw where it breaks a word: a hyphen-minus, or the hyphen."""
_TATWEEL = "\u0640"
"""What a reading system may stretch joined letters with to justify a line; Chromium sets Arabic from a
face without it a little differently (FreeType's hinting measures the letters against it)."""
_SPACE = " "
"""What reading systems (Chromium among them) draw a no-break space, a tab or a line end with:
every face that draws text has it."""
_DOTTED_CIRCLE = "\u25cc"
"""What a shaper draws a mark on when it has no letter to sit on."""
_MARKERS = {"disc": "\u2022", "none": ""}
"""A list's marker characters by list-style-type; the numbered ones are counted out."""

_FAMILY = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|([^,]+?))\s*(?:,|$)')


@memoised(256)  # a book's rules name a few stacks, asked of for every element
def _family_names(value: str) -> tuple[str, ...]:
    """The names of a font-family value, quoted or not, in order."""
    names = []
    for quoted, plain in _FAMILY.findall(value):
        names.append(re.sub(r"\\(.)", r"\1", quoted) if quoted else plain)
    return tuple(name for name in names if name)


Context = tuple[tuple[str, ...], bool, bool, bool]
"""Text set alike: the font-family names, bold, italic, and whether words may be hyphenated."""


def contexts(rules: Iterable[Rule], documents: Iterable[bytes]) -> dict[Context, set[str]]:
    """The characters of `documents` (XHTML) by how the rules set them; hidden elements and the
    head draw nothing, list markers are drawn in their item's face."""
    cascade = Cascade(rules)
    found: dict[Context, set[str]] = {}
    for document in documents:
        for element, values in cascade.drawn(etree.fromstring(document)):
            key = (
                _family_names(values["font-family"]),
                _bold(values["font-weight"]),
                values["font-style"] in ("italic", "oblique"),
                values["hyphens"] == "auto",
            )
            chars = found.setdefault(key, set())
            chars.update(element.text or "")
            for child in element:
                chars.update(child.tail or "")
            chars.update(_marker(element, values))
    return found


def _bold(weight: str) -> bool:
    return weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)


def _marker(element: etree._Element, values: dict[str, str]) -> str:
    if etree.QName(element).localname != "li":
        return ""
    kind = values.get("list-style-type", "disc")
    if kind in _MARKERS:
        return _MARKERS[kind]
    parent = element.getparent()
    count = len(parent) if parent is not None else 1
    return "".join(map(str, range(1, count + 1))) + ". "


def css_face(family: FontFamily, bold: bool, italic: bool) -> tuple[bool, bool] | None:
    """The real face a reading system picks in `family` for (bold, italic), by CSS's matching:
    the style first (an italic face for italic text if there is one), then the weight."""
    real = {(face.bold, face.italic) for face in family.faces}
    styled = [face for face in real if face[1] == italic] or list(real)
    weighted = [face for face in styled if face[0] == bold] or styled
    return min(weighted) if weighted else None


def faces_drawn(plan: FontPlan, found: dict[Context, set[str]]) -> dict[FaceKey, set[str]]:
    """The characters each real face draws: a letter in the first face of its stack whose file has
    it; spaces, marks and controls in every face drawing letters beside them that has them, else
    in the first that has them; hyphens wherever words may break; and what the reading system
    adds to the letters a face draws (the space it draws no-break spaces with, the tatweel that
    stretches joined letters, a dotted circle for marks)."""
    drawn: dict[FaceKey, set[str]] = {}
    for (names, bold, italic, hyphenate), chars in sorted(found.items(), key=lambda item: item[0]):
        faces: list[tuple[FaceKey, frozenset[int]]] = []
        for name in names:
            family = plan.families.get(name)
            picked = css_face(family, bold, italic) if family is not None else None
            if family is not None and picked is not None:
                source = family.face(*picked)
                faces.append(((name, *picked), coverage(source.path)))
        if not faces:
            continue
        letters = sorted(char for char in chars if not attaches(char))
        drawing: dict[FaceKey, frozenset[int]] = {}
        for char in letters:
            for key, cmap in faces:
                if ord(char) in cmap:
                    drawn.setdefault(key, set()).add(char)
                    drawing[key] = cmap
                    break
        extra = sorted(char for char in chars if attaches(char))
        if hyphenate or "\u00ad" in chars:
            extra.extend(_HYPHENS)
        for char in extra:
            keys = [key for key, cmap in drawing.items() if ord(char) in cmap]
            if not keys:
                keys = [key for key, cmap in faces if ord(char) in cmap][:1]
            for key in keys:
                drawn.setdefault(key, set()).add(char)
    for key, chars in drawn.items():
        chars.update(_added(chars, _cmap(plan, key)))
    return drawn


def _added(chars: set[str], cmap: frozenset[int]) -> str:
    """What a reading system draws beside `chars` in their face, of what the face has."""
    joining: set[str] = ucd.script_extension(_TATWEEL)
    added = _SPACE
    if any(script_of(char) in joining for char in chars if char.isalpha()):
        added += _TATWEEL
    if any(unicodedata.category(char).startswith("M") for char in chars):
        added += _DOTTED_CIRCLE
    return "".join(char for char in added if ord(char) in cmap)


def _cmap(plan: FontPlan, key: FaceKey) -> frozenset[int]:
    name, bold, italic = key
    return coverage(plan.families[name].face(bold, italic).path)
