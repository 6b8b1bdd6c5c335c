"""What a PDF says about itself: document information, language, and the time written out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import reportlab

import convert
from convert.model import Publication
from convert.model.prepare import modified_time
from convert.text.phrases import subject_and_keywords


@dataclass(frozen=True, slots=True)
class Info:
    """The document information dictionary and catalogue entries of one PDF."""

    title: str
    subject: str
    keywords: str
    creator: str
    producer: str
    language: str
    stamp: dt.datetime
    """Creation and modification time, in UTC."""

    @property
    def pdf_date(self) -> str:
        """The time as a PDF date string, such as D:20240121000000+00'00' (four-digit years before 1000 too)."""
        moment = self.stamp
        return (
            f"D:{moment.year:04d}{moment.month:02d}{moment.day:02d}"
            f"{moment.hour:02d}{moment.minute:02d}{moment.second:02d}+00'00'"
        )


def info_of(publication: Publication) -> Info:
    """Everything the PDF records about `publication`; its time is the one the publication records."""
    subject, keywords = subject_and_keywords(publication)
    return Info(
        title=publication.title,
        subject=subject,
        keywords=keywords,
        creator=f"convert {convert.__version__}",
        producer=f"ReportLab {reportlab.Version}",
        language=publication.language,
        stamp=modified_time(publication),
    )
