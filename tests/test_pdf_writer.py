"""The PDF writer: every word in order, every font embedded, right-to-left lines in order, the same bytes every time."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
import re
import subprocess
import sys
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from PIL import Image
from reportlab.platypus import Paragraph as ReportlabParagraph

import convert
from convert.fonts import family_for_char
from convert.model import (
    BlockQuote,
    Document,
    Emphasis,
    Heading,
    LineBreak,
    Link,
    ListBlock,
    Metadata,
    Paragraph,
    Publication,
    Section,
    Strong,
    Text,
    ThematicBreak,
    block_texts,
    publication_of,
)
from convert.styles import load_style, style_names
from convert.writers import load_writer
from convert.writers.pdf import PdfWriter, paragraphs, typesetting
from convert.writers.pdf.notices import Notices
from convert.writers.pdf.runs import Run
from convert.writers.pdf.setlines import SetLines
from convert.writers.pdf.spans import plain_spans
from convert.writers.pdf.story import outline_title
from convert.writers.pdf.typesetting import Typesetter
from tests.corpus import (
    MARKUP,
    ROOT,
    SCRIPTS,
    document_words,
    documents,
    hostile_documents,
    many_article_publication,
    sample_documents,
)
from tests.pdf_support import (
    STANDARD_14,
    assert_contains_letters,
    assert_subsequence,
    assert_words_in_order,
    base_name,
    body_text,
    font_dictionaries,
    need,
    outline_pages,
    outline_titles,
    poppler_pages,
    poppler_text,
    pypdf_pages,
    pypdf_text,
    reader,
    significant,
    significant_words,
)

STAMP = dt.datetime(2024, 3, 1, 12, 30, tzinfo=dt.UTC)


@functools.cache
def samples() -> dict[str, Document]:
    return {doc.metadata.source: doc for doc in sample_documents()}


@functools.cache
def hostile() -> dict[str, Document]:
    return hostile_documents()


@functools.cache
def rendered(kind: str, name: str) -> bytes:
    document = samples()[name] if kind == "sample" else hostile()[name]
    return convert.render(document, "pdf")


def render(item: Document | Publication, style: str | None = None) -> tuple[bytes, list[str]]:
    warnings: list[str] = []
    data = convert.render(item, "pdf", style, warnings)
    return data, warnings


def document(*blocks: Paragraph | Heading | BlockQuote | ListBlock | ThematicBreak, **meta: object) -> Document:
    fields: dict[str, object] = {
        "title": "A made-up article",
        "date": dt.date(2024, 1, 22),
        "language": "en",
        "source": "made-up.txt",
        "identifier": "urn:uuid:00000000-0000-5000-8000-000000000000",
        "word_count": 0,
    }
    fields.update(meta)
    return Document(Metadata(**fields), blocks)  # type: ignore[arg-type]


def paragraph(text: str) -> Paragraph:
    return Paragraph((Text(text),))


# -- nothing lost ------------------------------------------------------------------------------


def left_to_right_words(item: Document) -> list[str]:
    """The words of the title and the paragraphs with no right-to-left letter in them.

    pdftotext reorders right-to-left lines by guesswork that an Arabic comma can mislead, so
    its reading is held to the left-to-right text; the order of right-to-left lines is
    proven from the word positions instead (see the right-to-left tests).
    """
    texts = [item.metadata.title, *block_texts(item.blocks)]
    kept = [text for text in texts if not any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)]
    return significant_words(" ".join(kept))


@pytest.mark.parametrize("name", list(samples()))
def test_every_word_of_a_sample_is_extracted_in_order_by_pypdf(name: str) -> None:
    item = samples()[name]
    text = body_text(pypdf_pages(rendered("sample", name)))
    assert_words_in_order(significant_words(" ".join(document_words(item))), text)


@pytest.mark.parametrize("name", list(samples()))
def test_every_word_of_a_sample_is_extracted_by_pdftotext(tmp_path: Path, name: str) -> None:
    item = samples()[name]
    text = body_text(poppler_pages(rendered("sample", name), tmp_path))
    assert_words_in_order(left_to_right_words(item), text)
    assert_contains_letters(" ".join(document_words(item)), text)


@pytest.mark.parametrize("name", list(hostile()))
def test_every_word_of_a_hostile_input_is_extracted_in_order_by_pypdf(name: str) -> None:
    item = hostile()[name]
    text = body_text(pypdf_pages(rendered("hostile", name)))
    assert_words_in_order(significant_words(" ".join(document_words(item))), text)


@pytest.mark.parametrize("name", list(hostile()))
def test_every_word_of_a_hostile_input_is_extracted_by_pdftotext(tmp_path: Path, name: str) -> None:
    item = hostile()[name]
    text = body_text(poppler_pages(rendered("hostile", name), tmp_path))
    assert_words_in_order(left_to_right_words(item), text)
    assert_contains_letters(" ".join(document_words(item)), text)


def test_every_word_of_a_many_article_publication_is_extracted_in_order() -> None:
    publication = many_article_publication(12)
    data, warnings = render(publication)
    words = [word for doc in publication.documents for word in document_words(doc)]
    assert_words_in_order(significant_words(" ".join(words)), body_text(pypdf_pages(data), cover=True))
    assert warnings == []


_MAY_RUN_RIGHT_TO_LEFT = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI", "FSI"})


@settings(max_examples=40)
@given(documents())
def test_generated_documents_keep_every_letter_and_the_order_of_left_to_right_text(document_: Document) -> None:
    data, warnings = render(document_)
    text = body_text(pypdf_pages(data))
    style = load_style()
    chain = [style.body.family, *style.fallback_families]

    def drawable(value: str) -> str:
        # Characters no installed font has are drawn as boxes (with a warning) and cannot be read back.
        return "".join(char for char in value if char.isspace() or family_for_char(char, chain) is not None)

    meta = document_.metadata
    printed_date = [meta.raw_date] if meta.date is None and meta.raw_date else []
    everything = " ".join([meta.title, *printed_date, *block_texts(document_.blocks)])
    assert_contains_letters(drawable(everything), text)
    if meta.direction == "ltr":
        for block in document_.blocks:
            if isinstance(block, Paragraph) and block.direction != "rtl":
                plain = drawable(" ".join(block_texts((block,))))
                # Right-to-left letters, and embeddings, overrides and isolates that may run right
                # to left, rightly change the order drawn.
                if not any(unicodedata.bidirectional(char) in _MAY_RUN_RIGHT_TO_LEFT for char in plain):
                    assert_subsequence(plain, text)
    for warning in warnings:
        assert "is in no installed font" in warning or "control character" in warning, warning


def test_a_character_no_font_has_is_reported_once_naming_the_code_point_and_the_article() -> None:
    hieroglyph = "\U00013000"
    data, warnings = render(document(paragraph(f"Signs {hieroglyph} and {hieroglyph} again."), paragraph(hieroglyph)))
    assert len(warnings) == 1, warnings
    assert "U+13000" in warnings[0]
    assert "A made-up article" in warnings[0] and "made-up.txt" in warnings[0]
    assert_words_in_order(["Signs", "and", "again"], pypdf_text(data))


def test_control_characters_are_left_out_with_one_counting_warning() -> None:
    data, warnings = render(document(paragraph("Bell\x07 and escape\x1b and delete\x7f here.")))
    assert warnings == ["removed 3 control characters that XML cannot carry"]  # the words every format uses
    assert_words_in_order(["Bell", "and", "escape", "and", "delete", "here"], pypdf_text(data))


def test_every_script_renders_without_a_warning() -> None:
    data, warnings = render(hostile()["scripts"])
    assert warnings == []
    text = pypdf_text(data)
    for name, sample in SCRIPTS.items():
        assert_contains_letters(sample, text)
        if name not in ("arabic", "hebrew"):
            assert_subsequence(sample, text)


# -- hostile text ------------------------------------------------------------------------------


def test_markup_characters_print_as_text_everywhere() -> None:
    data = rendered("hostile", "markup")
    squeezed = "".join(pypdf_text(data).split())
    for token in MARKUP.split():
        assert token in squeezed, token
    assert "AT&T said x<y and y>z;" in pypdf_text(data).replace("\n", " ")
    title = hostile()["markup"].metadata.title
    assert outline_titles(data)[0] == (0, outline_title(title))
    assert reader(data).metadata.title == title
    assert b"/JavaScript" not in data and b"/JS" not in data


def test_links_become_link_annotations_and_other_schemes_stay_text() -> None:
    url = "https://example.org/a?b=1&c=2"
    blocks = Paragraph(
        (Text("See "), Link(url, (Text("the report"),)), Text(" or "), Link("javascript:alert(1)", (Text("this"),)))
    )
    data, _warnings = render(document(blocks))
    annotations = [annot.get_object() for annot in reader(data).pages[0].get("/Annots", [])]
    uris = [str(annot["/A"]["/URI"]) for annot in annotations if "/A" in annot]
    assert uris == [url]
    assert_words_in_order(["See", "the", "report", "or", "this"], pypdf_text(data))


def test_long_words_and_urls_wrap_inside_the_margins(tmp_path: Path) -> None:
    data = rendered("hostile", "long_words")
    style = load_style()
    page = style.page
    boxes = re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', poppler_text(data, tmp_path, "-bbox"))
    assert boxes
    for x_min, x_max in boxes:
        assert float(x_min) >= page.margin_left - 0.5
        assert float(x_max) <= page.width - page.margin_right + 0.5


def test_a_long_paragraph_is_broken_into_lines_once_however_many_pages_it_fills(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    words_broken: list[int] = []
    """The words of each paragraph (or piece of one) handed to reportlab's line breaking."""
    break_lines = ReportlabParagraph.breakLines

    def counted(self: ReportlabParagraph, width: object) -> object:
        words_broken.append(sum(_word_count(fragment) for fragment in self.frags))
        return break_lines(self, width)

    monkeypatch.setattr(ReportlabParagraph, "breakLines", counted)
    fitted: list[int] = []
    """The words of each paragraph broken by our total fit (justified styles)."""
    total_fit = typesetting.break_justified

    def counted_fit(runs: list[Run], *arguments: Any) -> Any:
        fitted.append(sum(len(run.text.split()) for run in runs))
        return total_fit(runs, *arguments)

    monkeypatch.setattr(typesetting, "break_justified", counted_fit)
    words = 32_000
    item = document(paragraph(" ".join(f"word{index % 997}" for index in range(words))))
    # reportlab's own split re-breaks the rest of the paragraph for every page it fills.
    data, _warnings = render(item, "modern")  # ragged right: reportlab breaks the lines
    assert len(reader(data).pages) > 30
    assert [count for count in words_broken if count > 100] == [words]
    data, _warnings = render(item, "default")  # justified: total fit breaks them, once
    assert len(reader(data).pages) > 30
    assert [count for count in fitted if count > 100] == [words]


def _word_count(fragment: object) -> int:
    """The words of a reportlab fragment: its text, or the words a split of reportlab's own gave it."""
    text = getattr(fragment, "text", None)
    return len(text.split()) if isinstance(text, str) else len(getattr(fragment, "words", []))


def _line_texts(data: bytes, tmp_path: Path) -> list[str]:
    """The words of every line of body text, page after page, as pdftotext lays them out (no dehyphenation)."""
    text = poppler_text(data, tmp_path, "-layout")
    return [" ".join(line.split()) for line in text.splitlines() if line.strip().startswith("word")]


def test_page_breaks_never_change_where_lines_break(tmp_path: Path) -> None:
    item = document(paragraph(" ".join(f"word{index % 97} hyphenation interlocutor" for index in range(900))))
    paged, _warnings = render(item)
    tall, _warnings = render(item, load_style("default", ["page.size=210mm x 4500mm"]))
    assert len(reader(paged).pages) >= 4
    assert len(reader(tall).pages) == 1
    assert _line_texts(paged, tmp_path) == _line_texts(tall, tmp_path)


@pytest.mark.parametrize(("style_name", "kind"), [("modern", paragraphs.FlowingParagraph), ("default", SetLines)])
def test_a_split_paragraph_always_fits_the_space_it_was_cut_for(style_name: str, kind: type) -> None:
    """Every head a paragraph is split into fits the height it was cut for: reportlab has no LayoutError to raise."""
    style = load_style(style_name)
    setter = Typesetter(style, "en", Notices())
    width = style.page.width - style.page.margin_left - style.page.margin_right
    text = " ".join(f"“Quoted{index % 13} hyphenation,” said interlocutor{index % 7}." for index in range(120))
    flowable = setter.paragraph(plain_spans(text), style.body, width)
    assert isinstance(flowable, kind)
    hyphenated = getattr(flowable, "hyphenated", frozenset())
    _width, height = flowable.wrap(width, 1e9)
    leading = style.body.leading
    total = round(height / leading)
    for head_lines in range(2, total - 1):
        room = head_lines * leading + leading * 0.99
        pieces = flowable.split(width, room)
        if not pieces:  # no page ends with a hyphen: with no line above to end on, the paragraph moves on
            assert head_lines - 1 in hyphenated
            continue
        head, tail = pieces
        assert head.wrap(width, room)[1] <= room
        assert round(head.height / leading) + round(tail.wrap(width, 1e9)[1] / leading) == total
        assert round(head.height / leading) - 1 not in hyphenated
        for again in range(2, round(tail.height / leading) - 1):  # the rest splits again on the next page
            parts = tail.split(width, again * leading)
            if parts:
                assert parts[0].wrap(width, again * leading)[1] <= again * leading


# -- right to left -----------------------------------------------------------------------------

_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def _word(index: int) -> str:
    """A distinct made-up Arabic word for each index (three letters, then a final letter)."""
    return _LETTERS[index % 28] + _LETTERS[(index // 28) % 28] + "ب" + _LETTERS[index % 7]


def _visual_lines(bbox: str) -> list[list[tuple[float, str]]]:
    """pdftotext -bbox words grouped by line (top to bottom), each as (x_max, logical text)."""
    lines: dict[float, list[tuple[float, str]]] = {}
    pattern = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')
    for y_min, x_max, word in pattern.findall(bbox):
        logical = unicodedata.normalize("NFKC", word[::-1])
        lines.setdefault(round(float(y_min), 1), []).append((float(x_max), logical))
    return [lines[key] for key in sorted(lines)]


def test_right_to_left_lines_are_reordered_after_wrapping(tmp_path: Path) -> None:
    words = [_word(index) for index in range(400)]
    data, warnings = render(document(paragraph(" ".join(words)), title="مقال", language="ar", direction="rtl"))
    assert warnings == []
    lines = [line for line in _visual_lines(poppler_text(data, tmp_path, "-bbox")) if line[0][1] in words]
    assert len(lines) > 5
    found: list[str] = []
    right_edge = load_style().page.width - load_style().page.margin_right
    for line in lines:
        # Read right to left: the logical order of the words on the line.
        found.extend(word for _x, word in sorted(line, reverse=True))
        assert max(x for x, _word_ in line) == pytest.approx(right_edge, abs=0.5)
    assert found == words


def test_arabic_is_joined_and_right_aligned(tmp_path: Path) -> None:
    data = rendered("hostile", "rtl")
    text = pypdf_text(data)
    joined = [char for char in text if "\ufe70" <= char <= "\ufefc"]
    assert len(joined) > 50  # contextual forms, not the isolated letters of the input
    lines = _visual_lines(poppler_text(data, tmp_path, "-bbox"))
    right_edge = load_style().page.width - load_style().page.margin_right
    arabic = [line for line in lines if any("\u0600" <= char <= "\u06ff" for _x, word in line for char in word)]
    assert len(arabic) >= 5  # two title lines and three of body text
    for line in arabic:
        assert max(x for x, _word_ in line) == pytest.approx(right_edge, abs=0.5)
    # The Arabic paragraph reads right to left, word for word, line after line, each from the margin.
    expected = significant_words(SCRIPTS["arabic"])
    read = [significant_words(" ".join(word for _x, word in sorted(line, reverse=True))) for line in arabic]
    assert any(
        list(itertools.chain.from_iterable(read[start:end])) == expected
        for start in range(len(read))
        for end in range(start + 1, len(read) + 1)
    )


def test_the_document_language_is_recorded() -> None:
    data = rendered("hostile", "rtl")
    assert reader(data).trailer["/Root"]["/Lang"] == hostile()["rtl"].metadata.language


# -- fonts -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "name"), [("hostile", "scripts"), ("hostile", "rtl"), ("sample", next(iter(samples())))]
)
def test_every_font_is_an_embedded_truetype_font_never_a_standard_one(kind: str, name: str) -> None:
    data = rendered(kind, name)
    fonts = font_dictionaries(data)
    assert fonts
    for font in fonts:
        assert font["/Subtype"] == "/TrueType", font
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), base_name(font)
        assert base_name(font) not in STANDARD_14
        assert str(font["/BaseFont"]).lstrip("/")[6] == "+"  # a subset


def test_every_script_is_drawn_in_a_font_made_for_it() -> None:
    names = {base_name(font).split("-")[0] for font in font_dictionaries(rendered("hostile", "scripts"))}
    # The body is serif (Noto Serif): its Arabic and Hebrew take the serif specialists.
    for expected in ("NotoSerif", "Amiri", "FrankRuhlLibre", "NotoSansThai", "NotoSansSC", "NotoSansJP", "NotoSansKR"):
        assert expected in names, names


def _subset_names(data: bytes) -> list[str]:
    """Every font's BaseFont, checked against its descriptor's FontName and its ToUnicode map's name."""
    names = []
    for font in font_dictionaries(data):
        name = str(font["/BaseFont"]).lstrip("/")
        assert str(font["/FontDescriptor"].get_object()["/FontName"]).lstrip("/") == name
        assert f"/CMapName /{name} def" in font["/ToUnicode"].get_object().get_data().decode("ascii")
        names.append(name)
    return names


def test_every_font_subset_has_a_tag_of_its_own_the_same_on_a_rebuild(tmp_path: Path) -> None:
    many_han = "".join(chr(0x4E00 + 7 * number) for number in range(400))  # more than one subset's 256 codes
    article = document(
        paragraph("Latin text, set in the body face."),
        paragraph(SCRIPTS["arabic"]),
        paragraph(SCRIPTS["chinese"] + many_han),
    )
    data, _warnings = render(article)
    names = _subset_names(data)
    tags = [name.split("+", 1)[0] for name in names]
    assert all(re.fullmatch(r"[A-Z]{6}\+[A-Za-z0-9-]+", name) for name in names), names
    assert len(set(tags)) == len(tags), names  # not AAAAAA+ for the first subset of every font
    faces = [name.split("+", 1)[1] for name in names]
    assert {"NotoSerif-Regular", "Amiri-Regular", "NotoSansSC-Regular"} <= set(faces), names  # the serif body's Arabic
    assert faces.count("NotoSansSC-Regular") >= 2, names
    assert render(article)[0] == data
    pdf = tmp_path / "fonts.pdf"
    pdf.write_bytes(data)
    listed = subprocess.run([need("pdffonts"), str(pdf)], capture_output=True, text=True, check=True).stdout
    assert sorted(line.split()[0] for line in listed.splitlines()[2:]) == sorted(names)
    other, _warnings = render(document(paragraph("Latin text with a letter beyond ASCII: Åre.")))
    body = [name for name in _subset_names(other) if name.endswith("+NotoSerif-Regular")]
    assert body and body[0] not in names  # the tag follows what the subset holds


def test_bold_and_italic_use_their_own_faces() -> None:
    body = Paragraph(
        (Text("Plain, "), Strong((Text("strong"),)), Text(" and "), Emphasis((Text("stressed"),)), Text("."))
    )
    data, _warnings = render(document(body))
    names = {base_name(font) for font in font_dictionaries(data)}
    assert {"NotoSerif-Regular", "NotoSerif-Bold", "NotoSerif-Italic"} <= names, names


def test_a_letter_the_bold_face_lacks_is_drawn_from_the_regular_face() -> None:
    # Amiri's regular face has the Arabic mathematical letters; its bold face does not.
    letter = "\U0001ee00"
    for block in (Heading(1, (Text(f"Sign {letter}"),)), Paragraph((Strong((Text(f"Sign {letter}"),)),))):
        data, warnings = render(document(block))
        assert warnings == []
        assert letter in pypdf_text(data)


# -- pages -------------------------------------------------------------------------------------


def _layout_probe(lead_words: int) -> Document:
    """Paragraphs of numbered words ("p3w17") and headings, the first paragraph's length moving the breaks."""
    chooser = __import__("random").Random(lead_words)
    blocks: list[Paragraph | Heading] = [paragraph(" ".join(f"p0w{index}" for index in range(lead_words)))]
    for number in range(1, 40):
        if number % 5 == 0:
            blocks.append(Heading(2, (Text(f"Heading{number}"),)))
        words = chooser.randint(20, 90)
        blocks.append(paragraph(" ".join(f"p{number}w{index}" for index in range(words))))
    return document(*blocks)


@pytest.mark.parametrize("lead", range(30, 330, 25))
def test_no_widows_no_orphans_and_headings_stay_with_their_text(lead: int) -> None:
    data, _warnings = render(_layout_probe(lead))
    pages = pypdf_pages(data)
    total = len(pages)
    bodies = []
    for number, page in enumerate(pages, start=1):
        lines = [line for line in page.splitlines() if line.strip()]
        assert lines.pop() == f"Page {number} of {total}"
        if number > 1:
            lines.pop(0)  # the running header
        bodies.append(lines)
    assert total >= 3

    def paragraphs_on(line: str) -> set[str]:
        return set(re.findall(r"\b(p\d+)w\d+", line))

    for this, following in itertools.pairwise(bodies):
        assert not this[-1].startswith("Heading"), this[-1]
        for name in paragraphs_on(this[-1]) & paragraphs_on(following[0]):
            before = sum(1 for line in this if name in paragraphs_on(line))
            after = sum(1 for line in following if name in paragraphs_on(line))
            assert before >= 2, f"orphan: {name} has one line at the foot of a page"
            assert after >= 2, f"widow: {name} has one line at the head of a page"


@pytest.mark.parametrize(
    "overrides",
    [
        # About the largest the default's 357pt measure allows: every style's lines hold 6 ems.
        ["styles.body.size=34pt"],
        ["styles.title.size=56pt"],
        ['page.margin-top="120mm"', 'page.margin-bottom="120mm"'],
        ["styles.heading1.size=56pt", "styles.body.size=34pt"],
    ],
)
def test_the_largest_type_and_margins_a_sheet_allows_still_render_every_word(overrides: list[str]) -> None:
    # Near the largest type that keeps six ems of line on A4 in every style, block quotes indented in em included.
    style = load_style("default", overrides)
    item = document(
        paragraph("Opening words of the article."),
        Heading(1, (Text("Big heading"),)),
        paragraph(SCRIPTS["arabic"]),
        paragraph(SCRIPTS["chinese"] + " " + SCRIPTS["greek"]),
    )
    data = convert.render(item, "pdf", style)
    assert_words_in_order(significant_words(" ".join(document_words(item))), body_text(pypdf_pages(data)))


def test_a_run_of_headings_longer_than_a_page_does_not_stop_the_layout() -> None:
    item = document(*(Heading(1 + index % 3, (Text(f"Heading number {index}"),)) for index in range(200)))
    data, _warnings = render(item)
    assert len(outline_titles(data)) == 201
    assert_words_in_order(significant_words(" ".join(document_words(item))), pypdf_text(data))


def test_every_page_says_page_x_of_y() -> None:
    data = rendered("hostile", "huge_paragraph")
    pages = reader(data).pages
    assert len(pages) > 100
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page.extract_text()


def test_the_running_header_names_the_publication_from_page_two() -> None:
    item = replace(publication_of(hostile()["huge_paragraph"]), title="Weekly probe")
    data, _warnings = render(item)
    pages = reader(data).pages
    assert "Weekly probe" not in pages[0].extract_text()
    for page in pages[1:4]:
        assert page.extract_text().lstrip().startswith("Weekly probe")


def test_first_page_has_title_then_written_date_and_word_count() -> None:
    name = "2024-01-22-dunmere-ferry-timetable.txt"
    text = pypdf_text(rendered("sample", name))
    title = samples()[name].metadata.title
    assert significant(text).startswith(significant(title) + significant("22 January 2024 305 words"))
    assert "22 January 2024 \u00b7 305 words" in text
    assert name not in text  # the file name stays in the model


def test_each_article_starts_a_new_page_and_has_a_bookmark() -> None:
    publication = many_article_publication(6, with_front_matter=False)
    data, _warnings = render(publication)
    pages = outline_pages(data)
    titles = [outline_title(doc.metadata.title) for doc in publication.documents]
    article_pages = [pages[title] for title in titles]
    assert article_pages == sorted(article_pages) and len(set(article_pages)) == len(article_pages)
    pdf = reader(data)
    for title, page in zip(titles, article_pages, strict=True):
        assert significant(title) in significant(pdf.pages[page - 1].extract_text())


def test_outline_holds_sections_articles_and_headings_by_level() -> None:
    article = document(
        paragraph("Intro."),
        Heading(1, (Text("First <heading>"),)),
        paragraph("Body."),
        Heading(3, (Text("Deep heading"),)),
        Heading(2, (Text("Second heading"),)),
        title="Headed article",
    )
    publication = Publication(
        title="Digest",
        language="en",
        identifier=article.metadata.identifier,
        sections=(Section("Week one", (article,)), Section("Week two", (document(paragraph("x"), title="Other"),))),
        modified=STAMP,
    )
    data, _warnings = render(publication)
    assert outline_titles(data) == [
        (0, "Week one"),
        (1, "Headed article"),
        (2, "First <heading>"),
        (3, "Deep heading"),
        (3, "Second heading"),
        (0, "Week two"),
        (1, "Other"),
    ]
    assert reader(data).trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_contents_list_the_pages_the_bookmarks_point_to() -> None:
    publication = many_article_publication(12)
    data, _warnings = render(publication)
    pdf = reader(data)
    pages = outline_pages(data)
    header, *contents_lines, footer = pypdf_pages(data)[2].strip().splitlines()  # after the cover and title page
    assert (header, footer) == ("News digest", f"Page 3 of {len(pdf.pages)}")
    contents = "\n".join(contents_lines).split("Contents", 1)[1]
    expected: list[int] = []
    for section in publication.sections:
        title = section.title or ""
        expected.append(pages[outline_title(title)])
        contents = contents.replace(title, " ", 1)
        for doc in section.documents:
            expected.append(pages[outline_title(doc.metadata.title)])
            contents = contents.replace(doc.metadata.title, " ", 1)
    listed = [int(number) for number in re.findall(r"\d+", contents)]
    assert listed == expected
    assert expected == sorted(expected) and expected[0] == 4
    assert len(pdf.pages) == expected[-1]


def test_cover_and_title_page_show_title_subtitle_and_count() -> None:
    publication = replace(many_article_publication(5), subtitle="January to March")
    data, _warnings = render(publication)
    cover, title_page = (page.extract_text() for page in reader(data).pages[:2])
    for page in (cover, title_page):
        assert "News digest" in page and "January to March" in page and "5 articles" in page
    assert "Page 1 of" not in cover and "Page 2 of" in title_page


@pytest.mark.parametrize("style", style_names())
def test_every_style_sheet_sets_the_page_and_renders_hostile_text(style: str) -> None:
    resolved = load_style(style)
    for name in ("long_words", "scripts", "markup"):
        data, _warnings = render(hostile()[name], style)
        box = reader(data).pages[0].mediabox
        assert float(box.width) == pytest.approx(resolved.page.width, abs=0.01)
        assert float(box.height) == pytest.approx(resolved.page.height, abs=0.01)


def test_lists_quotes_and_breaks_keep_their_words() -> None:
    item = document(
        paragraph("Lead paragraph."),
        BlockQuote((paragraph("Quoted words here."), BlockQuote((paragraph("Nested quote."),)))),
        ListBlock(((paragraph("First item"),), (paragraph("Second item"), paragraph("More on it"))), ordered=True),
        ListBlock(((paragraph("Bullet"),), (ListBlock(((paragraph("Inner"),),)),))),
        ThematicBreak(),
        Paragraph((Text("Before"), LineBreak(), Text("after the break."))),
    )
    data, warnings = render(item)
    assert warnings == []
    text = pypdf_text(data)
    assert_words_in_order(significant_words(" ".join(document_words(item))), text)
    assert "1." in text and "2." in text and "\u2022" in text


def test_page_one_renders_to_an_image(tmp_path: Path) -> None:
    source = tmp_path / "sample.pdf"
    source.write_bytes(rendered("sample", "2024-02-12-calveira-desalination-workshop.txt"))
    subprocess.run(
        [
            need("pdftoppm"),
            "-png",
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(source),
            str(tmp_path / "page"),
        ],
        check=True,
        timeout=120,
    )
    with Image.open(tmp_path / "page.png") as image:
        grey = image.convert("L")
        inked = sum(grey.histogram()[:128])
        assert grey.size[0] > 200
        assert 0.005 < inked / (grey.size[0] * grey.size[1]) < 0.5


# -- metadata and determinism ------------------------------------------------------------------


def test_document_information_is_set() -> None:
    name = "2024-01-22-dunmere-ferry-timetable.txt"
    item = publication_of(samples()[name], modified=STAMP)
    data, _warnings = render(item)
    pdf = reader(data)
    info = pdf.metadata
    assert info is not None
    assert info.title == item.title
    assert info.subject == "22 January 2024 \u00b7 305 words"  # the date line, which names no file
    assert info["/Keywords"] == ""
    assert info["/Creator"] == f"convert {convert.__version__}"
    assert info["/CreationDate"] == info["/ModDate"] == "D:20240301123000+00'00'"
    assert pdf.trailer["/Root"]["/Lang"] == "en"


def test_an_article_without_a_modified_time_takes_its_date() -> None:
    name = "2024-01-22-dunmere-ferry-timetable.txt"
    info = reader(rendered("sample", name)).metadata
    assert info is not None and info["/CreationDate"] == "D:20240122000000+00'00'"


def test_two_builds_give_the_same_bytes() -> None:
    for item in (hostile()["scripts"], many_article_publication(5)):
        assert render(item)[0] == render(item)[0]


def test_the_environment_does_not_change_the_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    item = publication_of(hostile()["rtl"], modified=STAMP)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    plain = render(item)[0]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    monkeypatch.setenv("PYTHON_ARABIC_RESHAPER_CONFIGURATION_FILE", str(ROOT / "missing.ini"))
    assert render(item)[0] == plain


def test_builds_in_separate_processes_give_the_same_bytes(tmp_path: Path) -> None:
    script = (
        "import hashlib, sys\n"
        "from tests.corpus import hostile_documents\n"
        "import convert\n"
        "data = convert.render(hostile_documents()['scripts'], 'pdf')\n"
        "print(hashlib.sha256(data).hexdigest())\n"
    )
    digests = {
        subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True, timeout=300
        ).stdout.strip()
        for _ in range(2)
    }
    assert digests == {hashlib.sha256(rendered("hostile", "scripts")).hexdigest()}


def test_the_writer_is_registered() -> None:
    writer = load_writer("pdf")
    assert isinstance(writer, PdfWriter)
    assert (writer.name, writer.suffix, writer.media_type) == ("pdf", ".pdf", "application/pdf")


def test_page_streams_are_deflated_without_an_ascii85_wrapping() -> None:
    # Each page is deflated as it is finished (reportlab would hold its text to the end) and left
    # binary, a quarter smaller than reportlab's ASCII85 of it.
    data = rendered("sample", sorted(samples())[0])
    pages = reader(data).pages
    assert len(pages) >= 1
    for page in pages:
        contents = page["/Contents"].get_object()
        assert contents["/Filter"] == ["/FlateDecode"]
        assert b"BT" in contents.get_data()
