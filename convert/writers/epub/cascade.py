"""Our style sheet's rules applied to our own documents as a reading system applies them: the
computed values, for each element drawn, of the properties that decide its face and characters.

Only what the rules that set those properties need is read: compound selectors (a tag, classes,
an id, attribute values) joined by descendant combinators; a rule asking for more is refused, so
that a new rule cannot be misread in silence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml import etree

from convert.writers.epub.css import Rule

PROPERTIES = ("font-family", "font-weight", "font-style", "hyphens", "list-style-type")
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
        values = tuple((name, value) for name, value in declarations if name in PROPERTIES)
        if selectors.startswith("@") or not values:
            continue
        for text in selectors.split(","):
            selector = _selector(text.strip())
            found.append(_Declared(selector, (int(author), selector.specificity, order), values))
    return found


class Cascade:
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

    def drawn(self, root: etree._Element) -> Iterator[tuple[etree._Element, dict[str, str]]]:
        """Every element of the document `root` a reading system draws (not the head, not what is
        hidden), with its computed values of `PROPERTIES`, in document order."""
        body = next((child for child in root if etree.QName(child).localname == "body"), None)
        if body is not None:
            yield from _styled(self, body, self.computed(root, dict(_INITIAL)))

    def computed(self, element: etree._Element, inherited: dict[str, str]) -> dict[str, str]:
        """The values of `element`: those the rules matching it declare, else the inherited ones."""
        values = dict(inherited)
        for entry in self.by_tag.get(etree.QName(element).localname, self.any_tag):
            if entry.selector.matches(element):
                values.update(entry.values)
        return values


def _styled(
    cascade: Cascade, element: etree._Element, inherited: dict[str, str]
) -> Iterator[tuple[etree._Element, dict[str, str]]]:
    if not isinstance(element.tag, str) or element.get("hidden") is not None:
        return
    values = cascade.computed(element, inherited)
    yield element, values
    for child in element:
        yield from _styled(cascade, child, values)
