"""The step before every writer: clean text, sound language tags, and one time in UTC whatever the machine."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

import convert
from convert.model import (
    Document,
    Link,
    Metadata,
    Paragraph,
    Publication,
    Section,
    Text,
    publication_of,
)
from convert.model.identifiers import content_identifier
from convert.model.prepare import FALLBACK_TIME, UNDETERMINED, modified_time, prepare
from convert.text.language import is_language_tag
from tests.corpus import ROOT, many_article_publication, sample_documents
from tests.epub_validators import epubcheck
from tests.pdf_support import reader

UTC = dt.UTC
SAMPLE = sample_documents()[0]


def article(text: str = "Words.", **meta: object) -> Document:
    fields: dict[str, object] = {
        "title": "A made-up article",
        "date": dt.date(2024, 5, 6),
        "language": "en",
        "source": "made-up.txt",
        "identifier": content_identifier("made up"),
        "word_count": 1,
    }
    fields.update(meta)
    return Document(Metadata(**fields), (Paragraph((Text(text),)),))  # type: ignore[arg-type]


def zip_times(data: bytes) -> set[tuple[int, ...]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.date_time for info in archive.infolist()}


def zip_part(data: bytes, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name))


# What needs no change is not copied -----------------------------------------------------------


def test_a_publication_that_needs_nothing_comes_back_as_the_same_object() -> None:
    publication = publication_of(SAMPLE, modified=dt.datetime(2024, 1, 9, tzinfo=UTC))
    warnings: list[str] = []
    assert prepare(publication, warnings) is publication
    assert warnings == []
    digest = many_article_publication(12)
    assert prepare(digest) is digest


def test_a_publication_without_a_time_gets_one_and_keeps_everything_else_as_it_is() -> None:
    publication = publication_of(SAMPLE)
    prepared = prepare(publication)
    assert prepared.modified == dt.datetime(2024, 1, 9, tzinfo=UTC)
    assert prepared.sections is publication.sections
    assert prepare(prepared) is prepared  # preparing twice changes nothing more


# Text every format can carry ------------------------------------------------------------------


def test_characters_xml_cannot_carry_are_removed_everywhere_and_counted_once() -> None:
    document = Document(
        Metadata("Bell\x07 title", None, "en", "a\x01.txt", content_identifier("x"), 3, raw_date="spring\x1b 2024"),
        (Paragraph((Text("one\x00 two\ud800"), Link("https://example.org/\x7f", (Text("link\ufffe"),)))),),
    )
    publication = Publication(
        title="Digest\x08",
        subtitle="Sub\x0ctitle",
        language="en",
        identifier="urn:uuid:x",
        sections=(Section("Group\x1f", (document, SAMPLE)),),
    )
    warnings: list[str] = []
    prepared = prepare(publication, warnings)
    assert warnings == ["removed 10 control characters that XML cannot carry"]
    meta = prepared.documents[0].metadata
    assert (prepared.title, prepared.subtitle, prepared.sections[0].title) == ("Digest", "Sub\ntitle", "Group\n")
    assert (meta.title, meta.source, meta.raw_date) == ("Bell title", "a.txt", "spring 2024")
    paragraph = prepared.documents[0].blocks[0]
    assert paragraph == Paragraph((Text("one two"), Link("https://example.org/", (Text("link"),))))
    assert prepared.documents[1] is SAMPLE


def test_a_lone_articles_title_counts_its_removed_characters_once() -> None:
    warnings: list[str] = []
    prepared = prepare(publication_of(article(title="Bell\x07")), warnings)
    assert (prepared.title, prepared.documents[0].metadata.title) == ("Bell", "Bell")
    assert warnings == ["removed 1 control character that XML cannot carry"]


# Language tags -------------------------------------------------------------------------------

WELL_FORMED = [
    "en",
    "EN-gb",
    "zh-Hant-TW",
    "sr-Latn-RS",
    "de-CH-1996",
    "es-419",
    "sl-rozaj-biske",
    "hy-Latn-IT-arevela",
    "zh-yue-HK",
    "en-a-bbb-x-a-ccc",
    "x-whatever",
    "i-klingon",
    "en-GB-oed",
    "art-lojban",
]
MALFORMED = ["", " en", "en ", "en_US", "e", "en-", "-en", "en--gb", "en-a", "abcdefghi", "klingon\x07", "\uff45\uff4e"]


@pytest.mark.parametrize("tag", WELL_FORMED)
def test_well_formed_language_tags_are_kept(tag: str) -> None:
    assert is_language_tag(tag)
    assert prepare(publication_of(article(language=tag))).language == tag


@pytest.mark.parametrize("tag", MALFORMED)
def test_a_malformed_language_tag_becomes_undetermined_with_a_warning(tag: str) -> None:
    assert not is_language_tag(tag)
    warnings: list[str] = []
    prepared = prepare(publication_of(article(language=tag)), warnings)
    assert (prepared.language, prepared.documents[0].metadata.language) == (UNDETERMINED, UNDETERMINED)
    assert warnings == [f"{tag!r} is not a language tag; marked as undetermined (und)"]


def test_a_digest_names_the_articles_whose_tag_is_malformed() -> None:
    odd = article(language="en_GB", source="odd.txt")
    other = article(language="en_GB", source="other.txt")
    publication = Publication("Two", "en", "urn:uuid:two", (Section(None, (odd, other, SAMPLE)),))
    warnings: list[str] = []
    prepared = prepare(publication, warnings)
    assert [doc.metadata.language for doc in prepared.documents] == ["und", "und", "en"]
    assert warnings == ["'en_GB' is not a language tag; marked as undetermined (und) in odd.txt, other.txt"]


def test_every_writer_gets_the_checked_tag() -> None:
    item = article(language="not a tag")
    pdf = reader(convert.render(item, "pdf"))
    assert pdf.trailer["/Root"]["/Lang"] == "und"
    epub = zip_part(convert.render(item, "epub"), "EPUB/content.opf")
    assert [node.text for node in epub.iter("{http://purl.org/dc/elements/1.1/}language")] == ["und"]
    core = zip_part(convert.render(item, "docx"), "docProps/core.xml")
    assert [node.text for node in core.iter("{http://purl.org/dc/elements/1.1/}language")] == ["und"]
    assert json.loads(convert.render(item, "json"))["metadata"]["language"] == "und"


# One time, in UTC -----------------------------------------------------------------------------

_OFFSETS = st.builds(
    dt.timezone, st.timedeltas(min_value=-dt.timedelta(hours=23, minutes=59), max_value=dt.timedelta(hours=23))
)
_MOMENTS = st.datetimes(dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59, 59), timezones=st.none() | _OFFSETS)


@given(_MOMENTS)
def test_any_time_from_year_1_to_9999_becomes_the_same_moment_in_utc(moment: dt.datetime) -> None:
    fixed = modified_time(publication_of(SAMPLE, modified=moment))
    assert fixed.tzinfo is UTC
    if moment.tzinfo is None:  # a naive time is UTC, never the machine's local time
        assert fixed == moment.replace(tzinfo=UTC)
    elif dt.datetime.min.replace(tzinfo=UTC) < fixed < dt.datetime.max.replace(tzinfo=UTC):
        assert fixed == moment
    else:  # beyond the years datetime holds once in UTC: held at the first or last moment
        assert fixed in (dt.datetime.min.replace(tzinfo=UTC), dt.datetime.max.replace(tzinfo=UTC))


@given(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_any_date_gives_midnight_utc(date: dt.date) -> None:
    prepared = prepare(publication_of(replace(SAMPLE, metadata=replace(SAMPLE.metadata, date=date))))
    assert prepared.modified == dt.datetime(date.year, date.month, date.day, tzinfo=UTC)


def test_the_edges_of_time_do_not_escape_their_years() -> None:
    ahead = dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14)))
    behind = dt.datetime(9999, 12, 31, 23, 0, tzinfo=dt.timezone(-dt.timedelta(hours=10)))
    assert modified_time(publication_of(SAMPLE, modified=ahead)) == dt.datetime.min.replace(tzinfo=UTC)
    assert modified_time(publication_of(SAMPLE, modified=behind)) == dt.datetime.max.replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("epoch", "expected"),
    [
        ("1700000000", dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=UTC)),
        ("0", dt.datetime(1970, 1, 1, tzinfo=UTC)),  # before ZIP's 1980: the model keeps it
        ("", FALLBACK_TIME),
        ("soon", FALLBACK_TIME),
        ("-5", FALLBACK_TIME),
        ("99999999999999999", FALLBACK_TIME),  # beyond year 9999
    ],
)
def test_an_undated_publication_takes_source_date_epoch(
    monkeypatch: pytest.MonkeyPatch, epoch: str, expected: dt.datetime
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    assert prepare(publication_of(article(date=None))).modified == expected


@pytest.mark.parametrize(
    ("date", "modified", "zip_time", "w3c", "pdf_date"),
    [
        (dt.date(1, 1, 1), None, (1980, 1, 1, 0, 0, 0), "0001-01-01T00:00:00Z", "D:00010101000000+00'00'"),
        (
            dt.date(9999, 12, 31),
            dt.datetime(9999, 12, 31, 23, 59, 59),
            (2107, 12, 31, 23, 59, 58),
            "9999-12-31T23:59:59Z",
            "D:99991231235959+00'00'",
        ),
        (
            dt.date(812, 3, 4),
            dt.datetime(812, 3, 4, 1, 2, 3, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            (1980, 1, 1, 0, 0, 0),
            "0812-03-03T23:02:03Z",
            "D:08120303230203+00'00'",
        ),
    ],
)
def test_only_zip_entries_are_held_within_zips_years(
    tmp_path: Path,
    date: dt.date,
    modified: dt.datetime | None,
    zip_time: tuple[int, ...],
    w3c: str,
    pdf_date: str,
) -> None:
    item = publication_of(article(date=date), modified=modified)
    epub = convert.render(item, "epub")
    docx = convert.render(item, "docx")
    assert zip_times(epub) == zip_times(docx) == {zip_time}
    opf = zip_part(epub, "EPUB/content.opf")
    stamps = [node.text for node in opf.iter("{*}meta") if node.get("property") == "dcterms:modified"]
    assert stamps == [w3c]
    assert [node.text for node in opf.iter("{http://purl.org/dc/elements/1.1/}date")] == [date.isoformat()]
    core = zip_part(docx, "docProps/core.xml")
    assert [node.text for node in core.iter("{http://purl.org/dc/terms/}*")] == [w3c, w3c]
    info = reader(convert.render(item, "pdf")).metadata
    assert info is not None and info["/CreationDate"] == info["/ModDate"] == pdf_date
    book = tmp_path / "edge.epub"
    book.write_bytes(epub)
    assert epubcheck(book).messages == ()


_RENDER_EVERYWHERE = """
import datetime as dt, hashlib, os, sys, time
import convert
from convert.model import publication_of
from tests.corpus import hostile_documents, sample_documents
print(time.strftime("%z"))
naive = publication_of(sample_documents()[0], modified=dt.datetime(2024, 1, 9, 23, 30))
for item in (naive, sample_documents()[1], hostile_documents()["undated"]):
    for name in ("pdf", "epub", "docx", "json"):
        print(name, hashlib.sha256(convert.render(item, name)).hexdigest())
"""


def test_the_machines_time_zone_never_reaches_the_bytes() -> None:
    results = {}
    for zone in ("Pacific/Kiritimati", "America/Adak"):
        environment = {**os.environ, "TZ": zone, "SOURCE_DATE_EPOCH": "1700000000"}
        done = subprocess.run(
            [sys.executable, "-c", _RENDER_EVERYWHERE],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        offset, *digests = done.stdout.splitlines()
        results[offset] = digests
    assert set(results) == {"+1400", "-1000"}  # both zones really applied: 24 hours apart
    first, second = results.values()
    assert len(first) == 12 and first == second


# Through the library and the command line -----------------------------------------------------


def test_render_prepares_what_it_is_given() -> None:
    warnings: list[str] = []
    data = convert.render(article("Bell\x07 here.", language="en_GB"), "json", warnings=warnings)
    tree = json.loads(data)
    assert tree["metadata"]["language"] == "und" and tree["blocks"][0]["inlines"] == ["Bell here."]
    assert warnings == [
        "removed 1 control character that XML cannot carry",
        "'en_GB' is not a language tag; marked as undetermined (und)",
    ]


def test_a_batch_reports_what_preparing_changed_once_for_all_formats(tmp_path: Path) -> None:
    # The JSON form and the command line refuse such a tag outright; a seed given one by a program
    # that runs the batch itself reaches the writers with it, and preparing is what catches it.
    import io

    from convert.batch.run import Request, run_batch
    from convert.batch.task import Settings
    from convert.progress import Progress

    (tmp_path / "odd.txt").write_text("date 2024-03-01 An odd tag. Some text.", encoding="utf-8")
    shown = io.StringIO()
    suffixes = {"pdf": ".pdf", "epub": ".epub", "docx": ".docx", "json": ".json"}
    request = Request([str(tmp_path / "odd.txt")], str(tmp_path / "out"), suffixes, Settings("default", (), "en_GB"), 1)
    summary = run_batch(request, Progress(quiet=False, stream=shown))
    assert summary.failed == 0, shown.getvalue()
    expected = "odd.txt: 'en_GB' is not a language tag; marked as undetermined (und)"
    assert shown.getvalue().count(expected) == 1, shown.getvalue()
    written = json.loads((tmp_path / "out" / "odd.json").read_bytes())
    assert written["metadata"]["language"] == "und"
