"""Every word convert itself puts into an output (dates, counts, labels, footers), alike in every format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from convert.model import Document, Publication

LANGUAGE = "en"
"""The language of every phrase here; a format marks them as such inside text of another language."""

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
SEPARATOR = " \u00b7 "
"""Between the parts of a date line: "9 January 2024 · 385 words"."""

UNTITLED = "Untitled"
"""What stands for a blank title, so that no heading, bookmark or contents entry is empty."""
UNDATED = "Undated"
"""The heading of a digest's group of undated articles."""
DIGEST_TITLE = "News digest"
"""A digest's title when none is given, followed by the date range it covers."""
ELLIPSIS = "\u2026"
"""What ends a text convert cut short: a long title, a running head, a cover's last line."""
CONTENTS = "Contents"
"""The heading of a contents list, in every format."""
LANDMARKS = "Landmarks"
COVER = "Cover"
TITLE_PAGE = "Title page"
START_OF_CONTENT = "Start of content"
PAGE_WORDS = ("Page ", " of ")
"""The footer's words around the page number and the page count: "Page 3 of 12"."""
MAX_KEYWORDS = 50

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


def in_phrase_language(tag: str) -> bool:
    """Whether text in language `tag` can hold these phrases without marking them as another language."""
    return tag.casefold().split("-")[0] == LANGUAGE


def written_date(date: dt.date) -> str:
    """A date as a newspaper prints it, "21 January 2024" (the same in every locale)."""
    return f"{date.day} {MONTHS[date.month - 1]} {date.year}"


def month_of(date: dt.date) -> str:
    """ "January 2024": a digest's group of one month."""
    return f"{MONTHS[date.month - 1]} {date.year}"


def week_of(monday: dt.date) -> str:
    """ "Week of 15 January 2024": a digest's group of one week, named by its Monday."""
    return f"Week of {written_date(monday)}"


def date_range(first: dt.date, last: dt.date) -> str:
    """Two dates as one span, naming shared months and years once, as in "15-21 January 2024"."""
    if first == last:
        return written_date(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}\u2013{last.day} {month_of(last)}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[first.month - 1]} \u2013 {written_date(last)}"
    return f"{written_date(first)} \u2013 {written_date(last)}"


def words_label(count: int) -> str:
    """ "385 words", "1 word"; plain digits, since a thousands separator reads differently by language."""
    return f"{count} word{'' if count == 1 else 's'}"


def articles_label(count: int) -> str:
    """ "11 articles", "1 article", as a digest's subtitle and cover count them."""
    return f"{count} article{'' if count == 1 else 's'}"


def digest_title(span: str | None) -> str:
    """A digest's default title: "News digest, 15-21 January 2024", or "News digest" when nothing is dated."""
    return f"{DIGEST_TITLE}, {span}" if span else DIGEST_TITLE


def digest_subtitle(count: int, span: str | None) -> str:
    """A digest's subtitle: "12 articles, 9 January - 27 March 2024"."""
    return articles_label(count) + (f", {span}" if span else "")


DatePart = Literal["date", "found", "separator", "words"]
"""What a piece of a date line is: the date written out, the date text as found, a separator, the word count."""


@dataclass(frozen=True, slots=True)
class DateLine:
    """A date line in its pieces, for formats that mark some of them up: "12 February 2024 · 375 words"."""

    date: dt.date | None
    """The date the "date" piece writes out."""
    pieces: tuple[tuple[DatePart, str], ...]

    @property
    def text(self) -> str:
        """The whole line as every format prints it."""
        return "".join(text for _kind, text in self.pieces)


def date_line(document: Document) -> DateLine:
    """The line under an article's title: its date written out (undated: the date text as found, if
    any) and its word count. The file it came from is no part of it; that stays in the model."""
    meta = document.metadata
    pieces: list[tuple[DatePart, str]] = []
    if meta.date is not None:
        pieces.append(("date", written_date(meta.date)))
    elif meta.raw_date and meta.raw_date.strip():
        # White space as one space: a PDF line collapses runs of it, so every format shows the same.
        pieces.append(("found", " ".join(meta.raw_date.split())))
    if pieces:
        pieces.append(("separator", SEPARATOR))
    pieces.append(("words", words_label(meta.word_count)))
    return DateLine(meta.date, tuple(pieces))


def publication_date_line(publication: Publication) -> DateLine:
    """The line under a title page's title: the publication's date written out, or nothing."""
    date = publication.date
    return DateLine(date, () if date is None else (("date", written_date(date)),))


def page_footer(number: int, total: int) -> str:
    """The footer of page `number` of `total`: "Page 3 of 12"."""
    before, between = PAGE_WORDS
    return f"{before}{number}{between}{total}"


def cover_alt(title: str, lines: tuple[str, ...]) -> str:
    """A cover picture's text alternative: "Cover: " and everything the picture says, one sentence each."""
    return f"{COVER}: " + " ".join(_sentence(text) for text in (title, *lines))


def subject_and_keywords(publication: Publication) -> tuple[str, str]:
    """The subject and keywords a document records about itself: the subtitle, or a lone article's date
    line, or the number of articles; and the group titles (no file names: those stay in the model)."""
    documents = publication.documents
    if publication.subtitle:
        subject = publication.subtitle
    elif len(documents) == 1:
        subject = date_line(documents[0]).text
    else:
        subject = articles_label(len(documents))
    found = dict.fromkeys(section.title for section in publication.sections if section.title)
    return subject, ", ".join(list(found)[:MAX_KEYWORDS])


def _sentence(text: str) -> str:
    return text if text[-1:] in (".", "!", "?", "\u2026") else f"{text}."
