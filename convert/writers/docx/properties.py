"""Document properties (docProps/core.xml and app.xml), all taken from the publication, none from the template."""

from __future__ import annotations

from lxml import etree

from convert.model import Publication
from convert.model.prepare import modified_time
from convert.text.phrases import subject_and_keywords
from convert.writers.common.stamps import w3c_date_time
from convert.writers.docx.ooxml import APP_NS, CORE_NS, DC_NS, DCTERMS_NS, XSI_NS, package_root, to_bytes

TOOL = "convert"
"""Creator, last editor and application recorded in every document."""


def core_part(publication: Publication) -> bytes:
    """docProps/core.xml: title, subject, keywords, language, identifier, creator and both dates."""
    nsmap = {"cp": CORE_NS, "dc": DC_NS, "dcterms": DCTERMS_NS, "xsi": XSI_NS}
    root = etree.Element(f"{{{CORE_NS}}}coreProperties", nsmap=nsmap)
    subject, keywords = subject_and_keywords(publication)
    stamp = w3c_date_time(modified_time(publication))
    # In the schema's order: title, subject, creator, keywords, ... (any order is allowed, this one is Word's).
    for namespace, name, value in (
        (DC_NS, "title", publication.title),
        (DC_NS, "subject", subject),
        (DC_NS, "creator", TOOL),
        (CORE_NS, "keywords", keywords),
        (CORE_NS, "lastModifiedBy", TOOL),
        (CORE_NS, "revision", "1"),
        (DC_NS, "identifier", publication.identifier),
        (DC_NS, "language", publication.language),
    ):
        if value:
            etree.SubElement(root, f"{{{namespace}}}{name}").text = value
    for name in ("created", "modified"):
        node = etree.SubElement(root, f"{{{DCTERMS_NS}}}{name}", {f"{{{XSI_NS}}}type": "dcterms:W3CDTF"})
        node.text = stamp
    return to_bytes(root)


def app_part(publication: Publication) -> bytes:
    """docProps/app.xml: the application and the word count, nothing left over from a template."""
    root = package_root(APP_NS, "Properties")
    words = sum(document.metadata.word_count for document in publication.documents)
    for name, value in (
        ("TotalTime", "0"),
        ("Words", str(words)),
        ("Application", TOOL),
        ("DocSecurity", "0"),
        ("ScaleCrop", "false"),
        ("LinksUpToDate", "false"),
        ("SharedDoc", "false"),
        ("HyperlinksChanged", "false"),
    ):
        etree.SubElement(root, f"{{{APP_NS}}}{name}").text = value
    return to_bytes(root)
