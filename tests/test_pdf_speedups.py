"""reportlab's hot spots, replaced: the PDFs must come out byte for byte as reportlab alone makes them."""

from __future__ import annotations

import datetime as dt
from typing import SupportsIndex

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib import rl_accel
from reportlab.lib.colors import HexColor
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.platypus.paraparser import ParaFrag

import convert
from convert.model import Document, Emphasis, Link, Metadata, Paragraph, Text
from convert.readers.seed import read_seed
from convert.styles import load_style
from convert.writers.pdf.faces import face_name
from convert.writers.pdf.speedups import (
    pdfdoc_encoded,
    remembered_extent,
    reportlab_as_shipped,
    same_fragment,
    while_writing,
)
from convert.writers.pdf.wordqueue import WordQueue
from tests.corpus import hostile_documents, many_article_publication, sample_documents, seed_bytes

SMALL_HOSTILE = ["markup", "controls", "scripts", "long_words", "rtl", "undated"]


def both_ways(document: Document, style_name: str = "default") -> tuple[bytes, bytes]:
    style = load_style(style_name)
    ours = convert.render(document, "pdf", style)
    with reportlab_as_shipped():
        shipped = convert.render(document, "pdf", style)
    return ours, shipped


@pytest.mark.parametrize("name", SMALL_HOSTILE)
def test_hostile_documents_come_out_as_reportlab_alone_makes_them(name: str) -> None:
    ours, shipped = both_ways(hostile_documents()[name])
    assert ours == shipped


@pytest.mark.parametrize("style_name", ["default", "classic", "modern"])
def test_the_samples_come_out_as_reportlab_alone_makes_them_in_every_style(style_name: str) -> None:
    for document in sample_documents()[:4]:
        ours, shipped = both_ways(document, style_name)
        assert ours == shipped


def test_a_face_with_more_characters_than_one_subset_holds_comes_out_as_reportlab_alone_makes_it() -> None:
    letters = [chr(code) for code in [*range(0xC0, 0x17F), *range(0x391, 0x3CA), *range(0x410, 0x450)]]
    assert len(set(letters)) > 300  # more than the 256 codes of one reportlab subset
    words = [" ".join("".join(letters[i : i + 7]) for i in range(start, len(letters), 7)) for start in range(3)]
    document = read_seed(seed_bytes("2024-05-06", ["Many letters, one face.", *words, *words]), "letters.txt")
    ours, shipped = both_ways(document)
    assert ours == shipped


def test_a_digest_comes_out_as_reportlab_alone_makes_it() -> None:
    style = load_style("default")
    publication = many_article_publication(8)
    ours = convert.render(publication, "pdf", style)
    with reportlab_as_shipped():
        assert convert.render(publication, "pdf", style) == ours


def _fragment(**fields: object) -> ParaFrag:
    base: dict[str, object] = {
        "text": "t",
        "fontName": "Helvetica",
        "fontSize": 10,
        "textColor": HexColor("#000000"),
        "rise": 0,
        "us_lines": [],
        "link": [],
    }
    base.update(fields)
    return ParaFrag(**base)


FIELD_CHANGES = st.fixed_dictionaries(
    {},
    optional={
        "fontName": st.sampled_from(["Helvetica", "Times-Roman"]),
        "fontSize": st.sampled_from([10, 11]),
        "textColor": st.sampled_from([HexColor("#000000"), HexColor("#aa0000")]),
        "link": st.sampled_from([[], [(0, "https://example.org")]]),
        "backColor": st.sampled_from([HexColor("#ffff00")]),
        "lineBreak": st.just(True),
        "cbDefn": st.just(object()),
        "nobr": st.just(1),
        "text": st.text(max_size=3),
    },
)


@given(FIELD_CHANGES, FIELD_CHANGES)
def test_fragments_are_alike_exactly_when_reportlab_says_so(
    first: dict[str, object], second: dict[str, object]
) -> None:
    one, other = _fragment(**first), _fragment(**second)
    with while_writing():
        ours = same_fragment(one, other)
    assert ours == bool(rl_accel.sameFrag(one, other))


@settings(max_examples=300)
@given(st.text(max_size=40))
def test_pdf_strings_are_encoded_as_reportlab_encodes_them(text: str) -> None:
    try:
        expected = pdfdoc.pdfdocEnc(text)
    except UnicodeEncodeError:
        return  # reportlab refuses it too; ours passes only printable ASCII through
    with while_writing():
        assert pdfdoc_encoded(text) == expected


def test_font_extents_are_reportlab_s() -> None:
    name = face_name(load_style("default").body_family)
    for size in (None, 9.5, 12):
        with while_writing():
            ours = remembered_extent(name, size)
        assert ours == pdfmetrics.getAscentDescent(name, size)


def _long_paragraph(words: int, seed: int) -> str:
    """Words of every kind the line breaker treats apart: hyphenable, long, joined by no-break spaces."""
    kinds = [
        "the",
        "council",
        "extraordinarily",
        "telecommunications",
        "internationalisation",
        "2,450",
        "“quoted”",
        "self-governing",
        "https://example.org/a/very/long/path/that/keeps/going/on",
        "ten\xa0kilometres",
        "Ωμέγα",
        "Ж" * 3 + "ук",
        "x" * 24,
    ]
    return " ".join(kinds[(index * 7 + seed) % len(kinds)] if index % 3 else f"w{index}" for index in range(words))


def _long_documents() -> dict[str, Document]:
    one_style = Paragraph((Text(_long_paragraph(3_000, 1)),))
    many_styles = Paragraph(
        (
            Text(_long_paragraph(1_500, 2) + " "),
            Link("https://example.org/report", (Text("the report"),)),
            Text(" and "),
            Emphasis((Text(_long_paragraph(200, 3)),)),
            Text(" " + _long_paragraph(1_500, 4)),
        )
    )
    return {
        "one style": Document(_metadata("One long paragraph"), (one_style,)),
        "many styles": Document(_metadata("One long paragraph, several styles"), (many_styles,)),
    }


def _metadata(title: str) -> Metadata:
    return Metadata(
        title=title,
        date=dt.date(2024, 3, 4),
        language="en",
        source="long.txt",
        identifier="urn:uuid:00000000-0000-5000-8000-000000000001",
        word_count=0,
    )


@pytest.mark.parametrize("style_name", ["large-print", "modern"])  # ragged right: reportlab breaks the lines
@pytest.mark.parametrize("name", ["one style", "many styles"])
def test_long_paragraphs_are_broken_from_a_word_queue_into_the_lines_reportlab_alone_makes(
    name: str, style_name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[object] = []
    original_pop = WordQueue.pop

    def counted_pop(self: WordQueue[object], index: SupportsIndex = -1) -> object:
        taken.append(index)
        return original_pop(self, index)

    monkeypatch.setattr(WordQueue, "pop", counted_pop)
    ours, shipped = both_ways(_long_documents()[name], style_name)
    assert len(taken) >= 3_000  # every word came from a queue
    assert ours == shipped
