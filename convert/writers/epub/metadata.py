"""The package metadata: what the book is, when it last changed, and how accessible it is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from convert.model import Direction, Publication
from convert.model.prepare import modified_time
from convert.text.phrases import ACCESSIBILITY_SUMMARY, COVER_ACCESSIBILITY_SUMMARY, UNTITLED


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
    """The metadata of `publication`, its time the one the publication records.

    A cover picture makes the book visual as well as textual; its text alternative keeps text sufficient.
    """
    languages = dict.fromkeys([publication.language, *(doc.metadata.language for doc in publication.documents)])
    summary = COVER_ACCESSIBILITY_SUMMARY if with_cover_picture else ACCESSIBILITY_SUMMARY
    return PackageMetadata(
        identifier=publication.identifier,
        title=" ".join(publication.title.split()) or UNTITLED,
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
