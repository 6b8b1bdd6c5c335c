"""Package many articles into one publication: ordered by date, grouped, with front matter."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable
from typing import Literal

from convert.model import Document, FrontMatter, Publication, Section, block_texts
from convert.model.identifiers import content_identifier
from convert.text.phrases import UNDATED, date_range, digest_subtitle, digest_title, month_of, week_of, written_date

GroupBy = Literal["day", "week", "month", "none"]
GROUPINGS: tuple[GroupBy, ...] = ("day", "week", "month", "none")


def make_digest(
    documents: Iterable[Document],
    title: str | None = None,
    group_by: GroupBy = "week",
    warnings: list[str] | None = None,
) -> Publication:
    """One publication of `documents`: by date then title, undated last, duplicates once."""
    unique = _without_duplicates(documents, warnings if warnings is not None else [])
    ordered = sorted(unique, key=_order)
    dates = [doc.metadata.date for doc in ordered if doc.metadata.date is not None]
    span = date_range(min(dates), max(dates)) if dates else None
    languages = Counter(doc.metadata.language for doc in ordered)
    directions = Counter(doc.metadata.direction for doc in ordered)
    chosen_title = title.strip() if title and title.strip() else digest_title(span)
    return Publication(
        title=chosen_title,
        subtitle=digest_subtitle(len(ordered), span),
        language=_most_common(languages, "en"),
        identifier=content_identifier(chosen_title, *(doc.metadata.identifier for doc in ordered)),
        sections=_sections(ordered, group_by),
        date=max(dates) if dates else None,
        front_matter=FrontMatter(cover=True, title_page=True, contents=True),
        direction="rtl" if directions["rtl"] > directions["ltr"] else "ltr",
    )


def group_title(date: dt.date | None, group_by: GroupBy) -> str | None:
    """The heading of the group holding an article of this date."""
    if date is None:
        return UNDATED
    if group_by == "day":
        return written_date(date)
    if group_by == "week":
        return week_of(date - dt.timedelta(days=date.weekday()))
    if group_by == "month":
        return month_of(date)
    return None


def _order(document: Document) -> tuple[bool, dt.date, str, str]:
    meta = document.metadata
    return (meta.date is None, meta.date or dt.date.min, meta.title.casefold(), meta.source)


def _sections(ordered: list[Document], group_by: GroupBy) -> tuple[Section, ...]:
    any_dated = any(doc.metadata.date for doc in ordered)
    sections: list[Section] = []
    for document in ordered:
        date = document.metadata.date
        heading = group_title(date, group_by) if group_by != "none" or (date is None and any_dated) else None
        if sections and sections[-1].title == heading:
            sections[-1] = Section(heading, (*sections[-1].documents, document))
        else:
            sections.append(Section(heading, (document,)))
    return tuple(sections)


def _without_duplicates(documents: Iterable[Document], warnings: list[str]) -> list[Document]:
    kept: dict[str, Document] = {}
    for document in documents:
        key = hashlib.sha256("\n".join(block_texts(document.blocks)).encode("utf-8")).hexdigest()
        first = kept.get(key)
        if first is None:
            kept[key] = document
        else:
            warnings.append(
                f"{document.metadata.source}: same text as {first.metadata.source}; the digest holds it once"
            )
    return list(kept.values())


def _most_common(counts: Counter[str], default: str) -> str:
    if not counts:
        return default
    return max(sorted(counts), key=lambda key: counts[key])
