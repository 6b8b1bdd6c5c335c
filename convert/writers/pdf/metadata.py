"""What a PDF says about itself: document information, language, and the dates written out."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import PurePath

import reportlab

import convert
from convert.model import Publication
from convert.text.phrases import date_line

_EARLIEST = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
"""When neither the content nor the caller gives a time: the same fixed moment as the other formats."""
_DATED_SOURCE = re.compile(r"^\d{4}-\d{2}-\d{2}[-_ ]*")


@dataclass(frozen=True, slots=True)
class Info:
    """The document information dictionary and catalogue entries of one PDF."""

    title: str
    subject: str
    keywords: tuple[str, ...]
    creator: str
    producer: str
    language: str
    stamp: dt.datetime
    """Creation and modification time, in UTC."""

    @property
    def pdf_date(self) -> str:
        """The time as a PDF date string, such as D:20240121000000+00'00'."""
        return self.stamp.strftime("D:%Y%m%d%H%M%S+00'00'")


def info_of(publication: Publication) -> Info:
    """Everything the PDF records about `publication`; times come from the publication only."""
    stamp = publication.modified
    if stamp is None and publication.date is not None:
        stamp = dt.datetime(publication.date.year, publication.date.month, publication.date.day, tzinfo=dt.UTC)
    stamp = (stamp or _EARLIEST).astimezone(dt.UTC)
    documents = publication.documents
    if publication.subtitle:
        subject = publication.subtitle
    elif len(documents) == 1:
        subject = date_line(documents[0])
    else:
        subject = f"{len(documents)} articles"
    return Info(
        title=publication.title,
        subject=subject,
        keywords=_keywords(publication),
        creator=f"convert {convert.__version__}",
        producer=f"ReportLab {reportlab.Version}",
        language=publication.language,
        stamp=stamp,
    )


def _keywords(publication: Publication) -> tuple[str, ...]:
    """Section titles and the topics named by the source files ("2024-01-09-tram-extension.txt")."""
    found: list[str] = [section.title for section in publication.sections if section.title]
    for document in publication.documents:
        stem = _DATED_SOURCE.sub("", PurePath(document.metadata.source).stem)
        topic = re.sub(r"[-_]+", " ", stem).strip()
        if topic:
            found.append(topic)
    return tuple(dict.fromkeys(found))[:50]
