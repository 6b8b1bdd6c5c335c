"""Digests: many articles in date order, grouped, titled, with duplicates once."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from convert.model import Document, Publication
from convert.model.digest import make_digest
from convert.model.jsonform import loads
from convert.readers.seed import read_seed
from convert.text.phrases import date_range
from tests.conftest import RunCli
from tests.corpus import seed_bytes


def article(name: str, date: str | None, text: str) -> Document:
    return read_seed(seed_bytes(date, [text, f"Body of {name}."]), f"{name}.txt")


ARTICLES = [
    article("c", "2024-01-17", "Zebra crossing repainted."),
    article("a", "2024-01-15", "Market reopens."),
    article("u", None, "An undated note."),
    article("b", "2024-01-17", "Apple harvest begins."),
    article("d", "2024-02-02", "February ferry news."),
]


def titles(publication: Publication) -> list[tuple[str | None, list[str]]]:
    return [(section.title, [doc.metadata.source for doc in section.documents]) for section in publication.sections]


def test_order_is_date_then_title_with_undated_last() -> None:
    digest = make_digest(ARTICLES, group_by="week")
    assert titles(digest) == [
        ("Week of 15 January 2024", ["a.txt", "b.txt", "c.txt"]),
        ("Week of 29 January 2024", ["d.txt"]),
        ("Undated", ["u.txt"]),
    ]
    assert digest.title == "News digest, 15 January \u2013 2 February 2024"
    assert digest.subtitle == "5 articles, 15 January \u2013 2 February 2024"
    assert digest.date == dt.date(2024, 2, 2)
    assert digest.front_matter.cover and digest.front_matter.title_page and digest.front_matter.contents


@pytest.mark.parametrize(
    ("group_by", "expected"),
    [
        ("day", ["15 January 2024", "17 January 2024", "2 February 2024", "Undated"]),
        ("month", ["January 2024", "February 2024", "Undated"]),
        ("none", [None, "Undated"]),
    ],
)
def test_groupings(group_by: str, expected: list[str | None]) -> None:
    digest = make_digest(ARTICLES, group_by=group_by)  # type: ignore[arg-type]
    assert [section.title for section in digest.sections] == expected
    assert [doc.metadata.source for doc in digest.documents] == ["a.txt", "b.txt", "c.txt", "d.txt", "u.txt"]


def test_title_override_and_date_ranges() -> None:
    assert make_digest(ARTICLES, title="  Weekly  ").title == "Weekly"
    assert date_range(dt.date(2024, 1, 15), dt.date(2024, 1, 21)) == "15\u201321 January 2024"
    assert date_range(dt.date(2023, 12, 30), dt.date(2024, 1, 2)) == "30 December 2023 \u2013 2 January 2024"
    assert date_range(dt.date(2024, 1, 15), dt.date(2024, 1, 15)) == "15 January 2024"
    assert make_digest([ARTICLES[2]]).title == "News digest"


def test_duplicates_appear_once_with_a_warning_naming_both() -> None:
    copy = article("copy", "2024-01-15", "Market reopens.")
    copy_body = read_seed(seed_bytes("2024-01-15", ["Market reopens.", "Body of a."]), "copy.txt")
    warnings: list[str] = []
    digest = make_digest([*ARTICLES, copy_body, copy], warnings=warnings)
    assert len(digest.documents) == 6
    assert warnings == ["copy.txt: same text as a.txt; the digest holds it once"]


def test_digest_identifier_depends_on_content_only() -> None:
    assert make_digest(ARTICLES).identifier == make_digest(list(reversed(ARTICLES))).identifier
    assert make_digest(ARTICLES).identifier != make_digest(ARTICLES[:-1]).identifier


def test_cli_digest_writes_one_publication_that_renders_again(run_cli: RunCli, tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    for document in ARTICLES:
        name = document.metadata.source
        date = document.metadata.date
        text = " ".join(str(block.inlines[0].text) for block in document.blocks)  # type: ignore[union-attr]
        (source / name).write_bytes(seed_bytes(date.isoformat() if date else None, [text]))
    (source / "bad.txt").write_bytes(b"")
    result = run_cli("in", "--to", "json", "--digest", "--group-by", "month")
    assert result.returncode == 1
    assert "in/bad.txt: no article text" in result.stderr
    written = tmp_path / "dist" / "news-digest-15-january-2-february-2024.json"
    publication = loads(written.read_bytes(), written.name)
    assert isinstance(publication, Publication)
    assert [section.title for section in publication.sections] == ["January 2024", "February 2024", "Undated"]
    again = run_cli(f"dist/{written.name}", "--to", "json", "--out", "again")
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "again" / written.name).read_bytes() == written.read_bytes()
    titled = run_cli("in/a.txt", "in/b.txt", "--to", "json", "--digest", "--title", "Café Weekly", "--out", "t")
    assert titled.returncode == 0
    assert (tmp_path / "t" / "cafe-weekly.json").exists()
    skipped = run_cli("in/a.txt", "in/b.txt", "--to", "json", "--digest", "--title", "Café Weekly", "--out", "t")
    assert skipped.stderr.splitlines()[-1].startswith("2 included, 0 failed; 0 files written to t/")
    assert skipped.stderr.splitlines()[-1].endswith("; the digest is current")
    manifest = json.loads((tmp_path / "t" / "manifest.json").read_bytes())
    assert manifest["digests"][0]["status"] == "current"
    assert [source["status"] for source in manifest["digests"][0]["sources"]] == ["included", "included"]
    assert manifest["inputs"] == []
