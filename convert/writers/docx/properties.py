"""Document properties (docProps/core.xml and app.xml), all taken from the publication, none from the template."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import PurePath

from lxml import etree

from convert.model import Publication
from convert.text.phrases import date_line
from convert.writers.docx.ooxml import APP_NS, CORE_NS, DC_NS, DCTERMS_NS, XSI_NS, package_root, to_bytes

TOOL = "convert"
"""Creator, last editor and application recorded in every document."""
ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)

_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}[-_ ]*")
_SEPARATORS = re.compile(r"[-_]+")
MAX_KEYWORDS = 50


def modified_time(publication: Publication) -> dt.datetime:
    """When the content last changed: `modified`, else the publication's date, else 1980-01-01 (UTC)."""
    if publication.modified is not None:
        stamp = publication.modified
        stamp = stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp.astimezone(dt.UTC)
    elif publication.date is not None:
        stamp = dt.datetime(publication.date.year, publication.date.month, publication.date.day, tzinfo=dt.UTC)
    else:
        stamp = ZIP_EPOCH
    return max(stamp, ZIP_EPOCH).replace(microsecond=0)


def topic(source: str) -> str:
    """The topic a slug-like file name gives: "2024-01-09-tram-extension.txt" gives "tram extension"."""
    stem = PurePath(source).stem
    return _SEPARATORS.sub(" ", _DATE_PREFIX.sub("", stem)).strip()


def subject_and_keywords(publication: Publication) -> tuple[str, str]:
    """The subject and keywords the PDF writer records too: the subtitle, or a lone article's date line, or
    the number of articles; the group titles and the topics of the source file names."""
    documents = publication.documents
    if publication.subtitle:
        subject = publication.subtitle
    elif len(documents) == 1:
        subject = date_line(documents[0])
    else:
        subject = f"{len(documents)} articles"
    found = [section.title for section in publication.sections if section.title]
    found.extend(name for document in documents if (name := topic(document.metadata.source)))
    return subject, ", ".join(list(dict.fromkeys(found))[:MAX_KEYWORDS])


def core_part(publication: Publication, clean: Callable[[str], str], language: str | None) -> bytes:
    """docProps/core.xml: title, subject, keywords, language, identifier, creator and both dates."""
    nsmap = {"cp": CORE_NS, "dc": DC_NS, "dcterms": DCTERMS_NS, "xsi": XSI_NS}
    root = etree.Element(f"{{{CORE_NS}}}coreProperties", nsmap=nsmap)
    subject, keywords = subject_and_keywords(publication)
    stamp = modified_time(publication).strftime("%Y-%m-%dT%H:%M:%SZ")
    # In the schema's order: title, subject, creator, keywords, ... (any order is allowed, this one is Word's).
    for namespace, name, value in (
        (DC_NS, "title", publication.title),
        (DC_NS, "subject", subject),
        (DC_NS, "creator", TOOL),
        (CORE_NS, "keywords", keywords),
        (CORE_NS, "lastModifiedBy", TOOL),
        (CORE_NS, "revision", "1"),
        (DC_NS, "identifier", publication.identifier),
        (DC_NS, "language", language or ""),
    ):
        if value:
            etree.SubElement(root, f"{{{namespace}}}{name}").text = clean(value)
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
