"""The package metadata: what the book is, when it last changed, and how accessible it is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from convert.model import Direction, Publication

ZIP_EPOCH = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
"""The earliest time a ZIP file can record, used when the publication carries no time at all."""

_NAVIGATION_SUMMARY = (
    "It has a table of contents and navigable headings; its reading order follows the articles; the "
    "language of every document is declared; inline quotations keep their quotation marks in the text."
)
ACCESSIBILITY_SUMMARY = (
    f"This publication is text only. {_NAVIGATION_SUMMARY} It contains no images, audio, video or flashing content."
)
COVER_ACCESSIBILITY_SUMMARY = (
    "This publication is text apart from its cover picture, whose words are given in full in its text "
    f"alternative and again on the title page. {_NAVIGATION_SUMMARY} It contains no other images and no "
    "audio, video or flashing content."
)


@dataclass(frozen=True, slots=True)
class PackageMetadata:
    """Everything the package document says about the book."""

    identifier: str
    title: str
    languages: tuple[str, ...]
    """The publication's language first, then any other article language in reading order."""
    direction: Direction
    date: dt.date | None
    modified: dt.datetime
    """In UTC."""
    properties: tuple[tuple[str, str], ...]
    """`meta property` name and value pairs, in order (the accessibility metadata)."""


def package_metadata(publication: Publication, with_cover_picture: bool = False) -> PackageMetadata:
    """The metadata of `publication`, with its time from `modified`, else its date, else the ZIP epoch.

    A cover picture makes the book visual as well as textual; its text alternative keeps text sufficient.
    """
    languages = dict.fromkeys([publication.language, *(doc.metadata.language for doc in publication.documents)])
    summary = COVER_ACCESSIBILITY_SUMMARY if with_cover_picture else ACCESSIBILITY_SUMMARY
    return PackageMetadata(
        identifier=publication.identifier,
        title=" ".join(publication.title.split()) or "Untitled",
        languages=tuple(languages),
        direction=publication.direction,
        date=publication.date,
        modified=modified_time(publication),
        properties=(
            ("schema:accessMode", "textual"),
            *((("schema:accessMode", "visual"),) if with_cover_picture else ()),
            ("schema:accessModeSufficient", "textual"),
            ("schema:accessibilityFeature", "structuralNavigation"),
            ("schema:accessibilityFeature", "tableOfContents"),
            ("schema:accessibilityFeature", "readingOrder"),
            *((("schema:accessibilityFeature", "alternativeText"),) if with_cover_picture else ()),
            ("schema:accessibilityHazard", "none"),
            ("schema:accessibilitySummary", summary),
        ),
    )


def modified_time(publication: Publication) -> dt.datetime:
    """When the content last changed, in UTC to the second; never earlier than a ZIP file can record."""
    if publication.modified is not None:
        moment = publication.modified
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
    elif publication.date is not None:
        moment = dt.datetime(publication.date.year, publication.date.month, publication.date.day, tzinfo=dt.UTC)
    else:
        moment = ZIP_EPOCH
    return max(moment.astimezone(dt.UTC), ZIP_EPOCH).replace(microsecond=0)
