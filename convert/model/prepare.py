"""The one step between reading and writing that makes a publication every writer can trust as it is.

Text loses what no output format can carry, language tags are checked against BCP 47, and the
time the publication records is fixed once, in UTC. A publication that needs none of this comes
back as the same object, so that a batch of thousands of articles pays for a scan and no copy.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar, assert_never

from convert.caches import memoised
from convert.model import (
    Document,
    Emphasis,
    Inline,
    LineBreak,
    Link,
    Metadata,
    Publication,
    Quote,
    Section,
    Strong,
    Text,
    map_tree,
)
from convert.text.cleaning import forbidden_warning, remove_forbidden
from convert.text.language import is_language_tag

UNDETERMINED = "und"
"""BCP 47's tag for an undetermined language: what a tag that is no language tag becomes."""
FALLBACK_TIME = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
"""The time of an undated publication when SOURCE_DATE_EPOCH gives none: one fixed moment, every run."""

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

T = TypeVar("T")
D = TypeVar("D", bound="DataclassInstance")


def prepare(publication: Publication, warnings: list[str] | None = None) -> Publication:
    """`publication` as every writer takes it; what was changed on the way is appended to `warnings`.

    Characters XML cannot carry are removed (counted in one warning); a language tag that is not
    BCP 47 becomes "und" (one warning for each such tag); `modified` is set, in UTC (`modified_time`).
    """
    clean = _Cleaner()
    documents = publication.documents
    # A lone article's publication title and identifier are copies of the article's: counted once.
    title = clean(publication.title, count=all(publication.title != doc.metadata.title for doc in documents))
    identifier = clean(
        publication.identifier, count=all(publication.identifier != doc.metadata.identifier for doc in documents)
    )
    subtitle = None if publication.subtitle is None else clean(publication.subtitle)
    bad_tags: dict[str, list[str]] = {}
    language = _language(publication.language, None, bad_tags)
    sections = _same_or_new(
        publication.sections, tuple(_section(section, clean, bad_tags) for section in publication.sections)
    )
    modified = modified_time(publication)
    found = warnings if warnings is not None else []
    if clean.removed:
        found.append(forbidden_warning(clean.removed))
    for tag, owners in bad_tags.items():
        where = f" in {', '.join(owners)}" if len(documents) > 1 and owners else ""
        found.append(f"{tag!r} is not a language tag; marked as undetermined ({UNDETERMINED}){where}")
    return _with(
        publication,
        title=title,
        identifier=identifier,
        subtitle=subtitle,
        language=language,
        sections=sections,
        modified=modified,
    )


def modified_time(publication: Publication) -> dt.datetime:
    """When the publication's content last changed, in UTC: the one rule every format records.

    `modified` if set (a naive time is taken as UTC, never as the machine's local time); else
    midnight UTC of the publication's date; else SOURCE_DATE_EPOCH; else FALLBACK_TIME. A time
    a time zone pushes beyond the years 1 to 9999 stays at the first or last moment of them.
    No floor or ceiling of any container format applies here: ZIP's lives with the packaging.
    """
    moment = publication.modified
    if moment is not None:
        return _in_utc(moment)
    date = publication.date
    if date is not None:
        return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC)
    return _source_date_epoch() or FALLBACK_TIME


def _in_utc(moment: dt.datetime) -> dt.datetime:
    offset = moment.utcoffset()
    if offset is None:
        return moment.replace(tzinfo=dt.UTC)
    if moment.tzinfo is dt.UTC:
        return moment
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:  # 0001-01-01 00:00+01:00 is in year 0 in UTC, which datetime cannot hold
        edge = dt.datetime.min if offset > dt.timedelta(0) else dt.datetime.max
        return edge.replace(tzinfo=dt.UTC)


def _source_date_epoch() -> dt.datetime | None:
    """SOURCE_DATE_EPOCH as a time, or None when it is unset or no time datetime can hold."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not (epoch.isascii() and epoch.isdigit()):
        return None
    try:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None


class _Cleaner:
    """Removes what XML cannot carry from every string it is given, counting what it removed."""

    def __init__(self) -> None:
        self.removed = 0

    def __call__(self, text: str, count: bool = True) -> str:
        cleaned, removed = remove_forbidden(text)
        if count:
            self.removed += removed
        return cleaned


@memoised(64)
def _well_formed(tag: str) -> bool:
    return is_language_tag(tag)


def _language(tag: str, owner: str | None, bad_tags: dict[str, list[str]]) -> str:
    """`tag` if it is a language tag, else "und", the tag and its owner noted in `bad_tags`."""
    if _well_formed(tag):
        return tag
    owners = bad_tags.setdefault(tag, [])
    if owner is not None and owner not in owners:
        owners.append(owner)
    return UNDETERMINED


def _same_or_new(old: tuple[T, ...], new: tuple[T, ...]) -> tuple[T, ...]:
    """`old` itself when every item of `new` is the very same object, so that nothing is copied for nothing."""
    return old if all(a is b for a, b in zip(old, new, strict=True)) else new


def _with(item: D, **fields: object) -> D:
    """`item` itself when each field given is the very object it holds already, else a copy with them."""
    if all(getattr(item, name) is value for name, value in fields.items()):
        return item
    return replace(item, **fields)


def _section(section: Section, clean: _Cleaner, bad_tags: dict[str, list[str]]) -> Section:
    documents = tuple(_document(document, clean, bad_tags) for document in section.documents)
    title = None if section.title is None else clean(section.title)
    return _with(section, title=title, documents=_same_or_new(section.documents, documents))


def _document(document: Document, clean: _Cleaner, bad_tags: dict[str, list[str]]) -> Document:
    metadata = _metadata(document.metadata, clean, bad_tags)
    return _with(map_tree(document, inline=lambda inline: _inline(inline, clean)), metadata=metadata)


def _metadata(meta: Metadata, clean: _Cleaner, bad_tags: dict[str, list[str]]) -> Metadata:
    title = clean(meta.title)
    source = clean(meta.source)
    return _with(
        meta,
        title=title,
        source=source,
        identifier=clean(meta.identifier),
        raw_date=None if meta.raw_date is None else clean(meta.raw_date),
        warnings=_same_or_new(meta.warnings, tuple(clean(warning) for warning in meta.warnings)),
        language=_language(meta.language, source or title or "an untitled article", bad_tags),
    )


def _inline(inline: Inline, clean: _Cleaner) -> Inline:
    """One inline with its own strings cleaned (`map_tree` has rebuilt its children already)."""
    match inline:
        case Text():
            return _with(inline, text=clean(inline.text))
        case Link():
            return _with(inline, url=clean(inline.url))
        case LineBreak() | Emphasis() | Strong() | Quote():
            return inline
        case _:
            assert_never(inline)
