"""Which characters each embedded face draws: the book's own documents styled by its own rules, as a
reading system styles them, so that no face is packed that nothing is drawn in."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml import etree

from convert.caches import memoised
from convert.fonts import FontFamily
from convert.fonts.sfnt import coverage
from convert.text.scripts import script_of
from convert.writers.epub.css import Rule
from convert.writers.epub.fontfaces import FaceKey, FontPlan, attaches
from convert.writers.epub.xhtml import XHTML_NS

_PROPERTIES = ("font-family", "font-weight", "font-style", "hyphens", "list-style-type")
"""What decides the face and the characters drawn; all inherited, as CSS defines them."""

_INITIAL = {"font-family": "", "font-weight": "normal", "font-style": "normal", "hyphens": "manual"}

_AGENT_RULES: tuple[Rule, ...] = (
    ("em", (("font-style", "italic"),)),
    ("i", (("font-style", "italic"),)),
    ("strong", (("font-weight", "bold"),)),
    ("b", (("font-weight", "bold"),)),
    ("h1, h2, h3, h4, h5, h6", (("font-weight", "bold"),)),
    ("ol", (("list-style-type", "decimal"),)),
    ("ul", (("list-style-type", "disc"),)),
)
"""What every reading system's own style sheet says of the elements our documents hold."""

_HYPHENS = "-\u2010"
"""What a reading system may draw where it breaks a word: a hyphen-minus, or the hyphen."""
_TATWEEL = "\u0640"
"""What a reading system may stretch joined letters with to justify a line; Chromium sets Arabic from a
face without it a little differently (FreeType's hinting measures the letters against it)."""
_SPACE = " "
"""What Chromium draws a no-break space, a tab or a line end with: every face that draws text has it."""
_DOTTED_CIRCLE = "\u25cc"
"""What a shaper draws a mark on when it has no letter to sit on."""
_MARKERS = {"disc": "\u2022", "none": ""}
"""A list's marker characters by list-style-type; the numbered ones are counted out."""

_COMPOUND = re.compile(r"(?P<tag>[a-z][a-z0-9]*)?(?P<rest>(?:[.#][A-Za-z0-9_-]+|\[[a-z-]+=\"[^\"]*\"\])*)")
_PART = re.compile(r"([.#])([A-Za-z0-9_-]+)|\[([a-z-]+)=\"([^\"]*)\"\]")


@dataclass(frozen=True, slots=True)
class _Compound:
    """One compound selector: a tag (or any), classes, an id and attribute values it asks for."""

    tag: str
    classes: frozenset[str]
    identifier: str
    attributes: tuple[tuple[str, str], ...]

    def matches(self, element: etree._Element) -> bool:
        if self.tag and etree.QName(element).localname != self.tag:
            return False
        if self.identifier and element.get("id") != self.identifier:
            return False
        if self.classes and not self.classes <= set((element.get("class") or "").split()):
            return False
        return all(element.get(name) == value for name, value in self.attributes)


@dataclass(frozen=True, slots=True)
class _Selector:
    """Compound selectors joined by descendant combinators (all our font rules need), innermost last."""

    compounds: tuple[_Compound, ...]
    specificity: tuple[int, int, int]

    def matches(self, element: etree._Element) -> bool:
        if not self.compounds[-1].matches(element):
            return False
        ancestor = element.getparent()
        for compound in reversed(self.compounds[:-1]):  # the nearest ancestor that matches will do
            while ancestor is not None and not compound.matches(ancestor):
                ancestor = ancestor.getparent()
            if ancestor is None:
                return False
            ancestor = ancestor.getparent()
        return True


def _selector(text: str) -> _Selector:
    compounds: list[_Compound] = []
    for part in text.split():
        match = _COMPOUND.fullmatch(part)
        if match is None:
            raise ValueError(f"a font rule's selector {text!r} is more than finding faces can read")
        classes: set[str] = set()
        identifier = ""
        attributes: list[tuple[str, str]] = []
        for kind, name, attribute, value in _PART.findall(match.group("rest")):
            if kind == ".":
                classes.add(name)
            elif kind == "#":
                identifier = name
            else:
                attributes.append((attribute, value))
        compounds.append(_Compound(match.group("tag") or "", frozenset(classes), identifier, tuple(attributes)))
    specificity = (
        sum(bool(compound.identifier) for compound in compounds),
        sum(len(compound.classes) + len(compound.attributes) for compound in compounds),
        sum(bool(compound.tag) for compound in compounds),
    )
    return _Selector(tuple(compounds), specificity)


@dataclass(frozen=True, slots=True)
class _Declared:
    """A rule's declarations of the properties here, under one of its selectors, with its rank."""

    selector: _Selector
    rank: tuple[int, tuple[int, int, int], int]
    """Author rules over the reading system's, then specificity, then order in the sheet."""
    values: tuple[tuple[str, str], ...]


def _declared(rules: Iterable[Rule], author: bool, start: int) -> list[_Declared]:
    found: list[_Declared] = []
    for order, (selectors, declarations) in enumerate(rules, start):
        values = tuple((name, value) for name, value in declarations if name in _PROPERTIES)
        if selectors.startswith("@") or not values:
            continue
        for text in selectors.split(","):
            selector = _selector(text.strip())
            found.append(_Declared(selector, (int(author), selector.specificity, order), values))
    return found


class _Cascade:
    """The computed values of the properties here for each element, from the rules that match it."""

    def __init__(self, rules: Iterable[Rule]) -> None:
        declared = [*_declared(_AGENT_RULES, False, 0), *_declared(rules, True, len(_AGENT_RULES))]
        self.any_tag = [entry for entry in declared if not entry.selector.compounds[-1].tag]
        self.by_tag: dict[str, list[_Declared]] = {}
        for entry in declared:
            tag = entry.selector.compounds[-1].tag
            if tag:
                self.by_tag.setdefault(tag, list(self.any_tag)).append(entry)
        for entries in (self.any_tag, *self.by_tag.values()):
            entries.sort(key=lambda entry: entry.rank)  # applied in rank order, the highest last

    def computed(self, element: etree._Element, inherited: dict[str, str]) -> dict[str, str]:
        values = dict(inherited)
        for entry in self.by_tag.get(etree.QName(element).localname, self.any_tag):
            if entry.selector.matches(element):
                values.update(entry.values)
        return values


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
    cascade = _Cascade(rules)
    found: dict[Context, set[str]] = {}
    for document in documents:
        root = etree.fromstring(document)
        body = root.find(f"{{{XHTML_NS}}}body")
        if body is None:
            continue
        start = cascade.computed(root, dict(_INITIAL))
        for element, values in _styled(cascade, body, start):
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


def _styled(
    cascade: _Cascade, element: etree._Element, inherited: dict[str, str]
) -> Iterator[tuple[etree._Element, dict[str, str]]]:
    if not isinstance(element.tag, str) or element.get("hidden") is not None:
        return
    values = cascade.computed(element, inherited)
    yield element, values
    for child in element:
        yield from _styled(cascade, child, values)


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
    import fontTools.unicodedata as ucd  # fontTools has no type hints

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
