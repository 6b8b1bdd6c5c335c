"""The WordprocessingML vocabulary: namespaces, qualified names and unit conversions, in one place."""

from __future__ import annotations

from lxml import etree

from convert.styles.types import Color

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XML_NS = "http://www.w3.org/XML/1998/namespace"
PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC_NS = "http://purl.org/dc/elements/1.1/"
DCTERMS_NS = "http://purl.org/dc/terms/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"

WORD_NSMAP = {"w": W_NS, "r": R_NS}

REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
"""Prefix of the relationship types a document part uses (styles, header, hyperlink, …)."""

MAIN_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
WML_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.{}+xml"


def w(local: str) -> str:
    """The Clark name of a WordprocessingML element or attribute."""
    return f"{{{W_NS}}}{local}"


# Names used for every run and paragraph, resolved once rather than formatted each time.
P, PPR, PSTYLE, R, RPR, RSTYLE, T, BR, TAB = (
    w(name) for name in ("p", "pPr", "pStyle", "r", "rPr", "rStyle", "t", "br", "tab")
)
VAL = w("val")
SPACE = f"{{{XML_NS}}}space"
R_ID = f"{{{R_NS}}}id"


def package_root(namespace: str, local: str) -> etree._Element:
    """A root element in `namespace` as its default (unprefixed) namespace, as packaging parts are written."""
    return etree.fromstring(f'<{local} xmlns="{namespace}"/>')


def element(tag: str, attributes: dict[str, str] | None = None, nsmap: dict[str, str] | None = None) -> etree._Element:
    """A new WordprocessingML element; attribute keys are local names in the w: namespace."""
    node = etree.Element(w(tag), nsmap=nsmap)
    for key, value in (attributes or {}).items():
        node.set(w(key), value)
    return node


def child(parent: etree._Element, tag: str, attributes: dict[str, str] | None = None) -> etree._Element:
    """A new w: child appended to `parent`; attribute keys are local names in the w: namespace."""
    node = etree.SubElement(parent, w(tag))
    for key, value in (attributes or {}).items():
        node.set(w(key), value)
    return node


def to_bytes(root: etree._Element) -> bytes:
    """A part's bytes: UTF-8 with the standalone declaration Word writes."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def twips(points: float) -> str:
    """Points as twentieths of a point, the unit of spacing, indents and page sizes."""
    return str(round(points * 20))


def half_points(points: float) -> str:
    """Points as half-points, the unit of font sizes (at least one)."""
    return str(max(1, round(points * 2)))


def hex_color(color: Color) -> str:
    """A colour as the six upper-case hex digits w:color takes."""
    return f"{color.red:02X}{color.green:02X}{color.blue:02X}"
