"""The date line under an article's title, read back from real PDF, DOCX and EPUB files, is one string."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import zipfile
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import convert
from convert.model import Direction, Document, Publication, publication_of
from convert.model.digest import make_digest
from convert.text.phrases import date_line
from convert.text.spacing import NO_BREAK_SPACE, bind_spaces
from convert.writers.pdf.story import outline_title
from tests.corpus import generated_document, sample_documents
from tests.pdf_support import outline_pages, reader

DATE_SIZE = 9.25
"""A size no other style of the sheet has, so that the PDF's date line is the text set at it."""
STYLE = convert.load_style("default", [f"styles.date.size={DATE_SIZE}pt"])
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XHTML = {"h": "http://www.w3.org/1999/xhtml"}
SAMPLES = sample_documents()


def pdf_lines(data: bytes, publication: Publication) -> list[str]:
    """The text set in the date style on the page each article starts on (found by its bookmark)."""
    pdf = reader(data)
    pages = outline_pages(data)
    first = [1 if publication.is_single else pages[outline_title(doc.metadata.title)] for doc in publication.documents]
    return [_date_text(pdf.pages[number - 1]) for number in first]


def _date_text(page: Any) -> str:
    pieces: list[str] = []

    def visit(text: str, _cm: Any, _tm: Any, _font: Any, size: float) -> None:
        if abs(size - DATE_SIZE) < 0.01:
            pieces.append(text)

    page.extract_text(visitor_text=visit)
    return "".join(pieces).strip()


def docx_lines(data: bytes) -> list[str]:
    """The Subtitle paragraph after each article's title in word/document.xml, as its runs spell it."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml")).find(f"{W}body")
    assert body is not None
    paragraphs = body.findall(f"{W}p")
    lines: list[str] = []
    for first, second in itertools.pairwise(paragraphs):
        if _style(first) == "Title" and _style(second) == "Subtitle" and first.find(f".//{W}bookmarkEnd") is not None:
            lines.append("".join(node.text or "" for node in second.iter(f"{W}t")))
    if not lines:  # a lone article: the document opens with its title and date line, without bookmarks
        assert [_style(paragraph) for paragraph in paragraphs[:2]] == ["Title", "Subtitle"]
        lines.append("".join(node.text or "" for node in paragraphs[1].iter(f"{W}t")))
    return lines


def _style(paragraph: etree._Element) -> str | None:
    found = paragraph.find(f"{W}pPr/{W}pStyle")
    return None if found is None else found.get(f"{W}val")


def epub_lines(data: bytes) -> list[str]:
    """The date paragraph in each article's header, in spine order."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = sorted(name for name in archive.namelist() if re.fullmatch(r"EPUB/article-\d+\.xhtml", name))
        lines: list[str] = []
        for name in names:
            found = etree.fromstring(archive.read(name)).findall(".//h:article/h:header/h:p[@class='date']", XHTML)
            lines.extend("".join(str(part) for part in paragraph.itertext()) for paragraph in found)
    return lines


def read_back(publication: Publication) -> dict[str, list[str]]:
    """Each format's date lines, read from the file it writes."""
    item = publication.documents[0] if publication.is_single else publication
    return {
        "pdf": pdf_lines(convert.render(item, "pdf", STYLE), publication),
        "docx": docx_lines(convert.render(item, "docx", STYLE)),
        "epub": epub_lines(convert.render(item, "epub", STYLE)),
    }


def assert_agree(item: Document | Publication) -> list[str]:
    publication = item if isinstance(item, Publication) else publication_of(item)
    expected = [bind_spaces(date_line(document).text) for document in publication.documents]  # never split
    found = read_back(publication)
    # reportlab draws a no-break space as a space (the lines are broken already): the PDF's text has spaces.
    assert found == {
        "pdf": [line.replace(NO_BREAK_SPACE, " ") for line in expected],
        "docx": expected,
        "epub": expected,
    }
    for document, line in zip(publication.documents, expected, strict=True):
        assert document.metadata.source not in line
    return expected


@pytest.mark.parametrize("document", SAMPLES, ids=lambda document: document.metadata.source)
def test_a_sample_prints_one_date_line_in_every_format(document: Document) -> None:
    [line] = assert_agree(document)
    # No-break spaces keep the day, month and year together, and the count with its word.
    assert re.fullmatch(r"\d{1,2}\u00a0(January|February|March)\u00a02024 \u00b7 \d+\u00a0words", line), line


def test_the_first_sample_says_its_date_and_word_count_and_no_file_name() -> None:
    assert assert_agree(SAMPLES[0]) == ["9\u00a0January\u00a02024 \u00b7 385\u00a0words"]


def test_a_digest_prints_each_article_its_own_date_line_in_every_format() -> None:
    digest = make_digest(SAMPLES[:4])
    assert len(assert_agree(digest)) == 4


LANGUAGES: list[tuple[str, Direction]] = [("en", "ltr"), ("de", "ltr"), ("ar", "rtl"), ("he", "rtl")]
_RAW_DATES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-./ ", min_size=1, max_size=20).filter(
    lambda text: bool(text.strip())
)


@st.composite
def dated_documents(draw: st.DrawFn) -> Document:
    """A short generated article with any date from year 1 to 9999, or none (perhaps with a date text as
    found), any word count, and a language and direction of its own."""
    document = generated_document(draw(st.integers(0, 10_000)), None, paragraphs=2)
    date = draw(st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
    language, direction = draw(st.sampled_from(LANGUAGES))
    metadata = replace(
        document.metadata,
        date=date,
        raw_date=draw(st.none() | _RAW_DATES),
        word_count=draw(st.integers(0, 1_000_000)),
        language=language,
        direction=direction,
    )
    return replace(document, metadata=metadata)


@settings(max_examples=60)
@given(dated_documents())
def test_a_generated_article_prints_one_date_line_in_every_format(document: Document) -> None:
    [line] = assert_agree(document)
    meta = document.metadata
    count = meta.word_count
    assert line.endswith(f"{count}\u00a0word{'' if count == 1 else 's'}")
    if meta.date is not None:
        assert line.startswith(f"{meta.date.day}\u00a0") and f"\u00a0{meta.date.year} \u00b7 " in line
    elif meta.raw_date is not None:  # white space shown as one space, a figure kept with its unit
        assert line.startswith(bind_spaces(" ".join(meta.raw_date.split())))


def test_inside_another_language_the_epub_marks_converts_own_words_as_english() -> None:
    german = replace(SAMPLES[0], metadata=replace(SAMPLES[0].metadata, language="de"))
    undated = replace(german, metadata=replace(german.metadata, date=None, raw_date="Frühjahr 2024"))
    for document, marked in ((german, ["time", "span"]), (undated, ["span"])):
        with zipfile.ZipFile(io.BytesIO(convert.render(document, "epub", STYLE))) as archive:
            page = etree.fromstring(archive.read("EPUB/article-001.xhtml"))
        [line] = page.findall(".//h:article/h:header/h:p[@class='date']", XHTML)
        assert [etree.QName(child).localname for child in line] == marked
        assert all(child.get("lang") == "en" for child in line)
        assert "".join(str(part) for part in line.itertext()) == bind_spaces(date_line(document).text)
