"""The DOCX writer: named styles from the sheet, valid OOXML, every word kept, the same bytes every time."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import convert
from convert.fonts import FontFamily, find_family
from convert.model import (
    BlockQuote,
    Document,
    Emphasis,
    FrontMatter,
    Heading,
    LineBreak,
    Link,
    ListBlock,
    Metadata,
    Paragraph,
    Publication,
    Quote,
    Section,
    Strong,
    Text,
    ThematicBreak,
    publication_of,
)
from convert.model.identifiers import content_identifier
from convert.styles import Style, load_style
from convert.text.phrases import date_line
from convert.text.spacing import bind_spaces
from convert.writers.docx.body import BIDI_JUSTIFICATION
from convert.writers.docx.runs import MAX_TEXT
from convert.writers.docx.slots import slot_of
from tests.corpus import (
    MIXED_LANGUAGES,
    assert_words_in_order,
    document_words,
    documents,
    generated_document,
    hostile_documents,
    many_article_publication,
    mixed_language_document,
    sample_documents,
)
from tests.docx_validators import (
    W,
    audit,
    body_text,
    cached_page_numbers,
    font_config,
    part,
    pdf_pages,
    pdf_text,
    print_to_pdf,
    reference_problems,
    relationships,
    reopened,
    run_fonts,
    sheet_faces,
    word_boxes,
)

STYLE = load_style()
SAMPLES = sample_documents()
HOSTILE = hostile_documents()


def render(item: Document | Publication, style: Style = STYLE, warnings: list[str] | None = None) -> bytes:
    return convert.render(item, "docx", style, warnings)


def article(*blocks: Paragraph | Heading | BlockQuote | ListBlock | ThematicBreak, **meta: object) -> Document:
    fields: dict[str, object] = {
        "title": "A made-up article",
        "date": dt.date(2024, 5, 6),
        "language": "en",
        "source": "made-up-article.txt",
        "identifier": content_identifier("made up"),
        "word_count": 10,
    }
    fields.update(meta)
    return Document(Metadata(**fields), blocks)  # type: ignore[arg-type]


def publication_words(publication: Publication) -> list[str]:
    return [word for document in publication.documents for word in document_words(document)]


def styles_by_id(data: bytes) -> dict[str, object]:
    return {node.get(f"{W}styleId"): node for node in part(data, "word/styles.xml").iter(f"{W}style")}


# Nothing lost -----------------------------------------------------------------------------------


@pytest.mark.parametrize("document", SAMPLES, ids=[doc.metadata.source for doc in SAMPLES])
def test_every_word_of_a_sample_is_in_the_reopened_document_in_order(document: Document) -> None:
    data = render(document)
    assert_words_in_order(document_words(document), body_text(data))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_documents_reopen_valid_and_whole(name: str, tmp_path: Path) -> None:
    document = HOSTILE[name]
    warnings: list[str] = []
    data = render(document, warnings=warnings)
    assert_words_in_order(document_words(document), body_text(data))
    assert audit(data, tmp_path) == []
    assert reference_problems(data) == []
    assert warnings == []  # the seed reader already removed what XML cannot carry


def test_markup_stays_text() -> None:
    data = render(HOSTILE["markup"])
    text = body_text(data)
    assert "<b>not bold</b>" in text
    assert "<![CDATA[ raw ]]>" in text
    assert "&amp;" in text
    assert part(data, "word/document.xml").find(f".//{W}b") is None


def test_characters_xml_cannot_carry_are_removed_and_counted() -> None:
    document = article(Paragraph((Text("Bell\x07 null\x00 lone\ud800 surrogate, vertical\x0btab kept words."),)))
    warnings: list[str] = []
    data = render(document, warnings=warnings)
    assert warnings == ["removed 4 control characters that XML cannot carry"]
    assert_words_in_order(["Bell", "null", "lone", "surrogate,", "vertical", "tab", "kept", "words."], body_text(data))


@settings(max_examples=60)
@given(document=documents())
def test_generated_documents_keep_every_word_and_build_the_same_bytes(document: Document) -> None:
    data = render(document)
    assert_words_in_order(document_words(document), body_text(data))
    assert reference_problems(data) == []
    assert render(document) == data


@settings(max_examples=15)
@given(items=st.lists(documents(), min_size=2, max_size=4), contents=st.booleans())
def test_generated_publications_are_valid_and_whole(
    items: list[Document], contents: bool, tmp_path_factory: pytest.TempPathFactory
) -> None:
    publication = Publication(
        title="Generated digest",
        language="en",
        identifier=content_identifier("generated"),
        sections=(Section("First part", tuple(items[:1])), Section(None, tuple(items[1:]))),
        front_matter=FrontMatter(title_page=contents, contents=contents),
        modified=dt.datetime(2024, 1, 2, tzinfo=dt.UTC),
    )
    data = render(publication)
    assert_words_in_order(publication_words(publication), body_text(data))
    assert audit(data, tmp_path_factory.mktemp("audit")) == []
    assert reference_problems(data) == []


# Valid OOXML ------------------------------------------------------------------------------------


def test_samples_and_publications_are_valid_ooxml(tmp_path: Path) -> None:
    items: list[Document | Publication] = [
        *SAMPLES,
        many_article_publication(12),
        many_article_publication(3, with_front_matter=False),
    ]
    for index, item in enumerate(items):
        data = render(item)
        assert audit(data, tmp_path, f"item{index}.docx") == [], index
        assert reference_problems(data) == [], index


def test_every_kind_of_block_and_inline_is_valid(tmp_path: Path) -> None:
    document = article(
        Heading(1, (Text("Heading one"),)),
        Paragraph((Text("Plain "), Emphasis((Text("emphasis "), Strong((Text("and strong"),)))), LineBreak())),
        Heading(2, (Text("Heading two"),)),
        BlockQuote((Paragraph((Quote((Text("\u201cquoted\u201d"),)),)), Heading(3, (Text("Heading three"),)))),
        ListBlock(((Paragraph((Text("first item"),)),), (ListBlock(((Paragraph((Text("nested"),)),),)),)), True),
        ThematicBreak(),
        Paragraph((Link("https://example.org/a\u00e9?x=1&y=<2>", (Text("a link"),)), Text("\tafter a tab"))),
        Paragraph((Link("javascript:alert(1)", (Text("not a link"),)),)),
    )
    data = render(document)
    assert audit(data, tmp_path) == []
    assert reference_problems(data) == []
    assert_words_in_order(document_words(document), body_text(data))


def test_a_long_article_written_out_in_batches_is_the_document_one_tree_would_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Past a batch of paragraphs the body leaves the tree as bytes; the file must not show where.
    blocks: list[Paragraph | Heading | BlockQuote | ListBlock | ThematicBreak] = []
    for number in range(1, 1300):
        blocks.append(Paragraph((Text(f"Paragraph {number} of the long report "), Emphasis((Text("stressed"),)))))
        if number % 97 == 0:
            blocks += [Heading(2, (Text(f"Part {number}"),)), BlockQuote((Paragraph((Text(f"quoted {number}"),)),))]
            blocks.append(ListBlock(((Paragraph((Text(f"item {number}"),)),),), ordered=True))
    document = article(*blocks)
    in_batches = render(document)
    monkeypatch.setattr("convert.writers.docx.body._BATCH", 10**9)
    in_one_tree = render(document)
    assert in_batches == in_one_tree
    with zipfile.ZipFile(io.BytesIO(in_batches)) as archive:
        assert archive.read("word/document.xml").count(b"xmlns:w=") == 1
    assert len(part(in_batches, "word/document.xml").findall(f".//{W}p")) > 2 * 512
    assert audit(in_batches, tmp_path) == []
    assert_words_in_order(document_words(document), body_text(in_batches))


def test_the_validators_reject_broken_documents(tmp_path: Path) -> None:
    """The checks above can fail: each kind of damage is caught by openxml-audit or by our own checks."""
    data = render(HOSTILE["rtl"])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}

    def damaged(name: str, old: bytes, new: bytes) -> bytes:
        assert old in files[name]
        changed = {**files, name: files[name].replace(old, new, 1)}
        stream = io.BytesIO()
        with zipfile.ZipFile(stream, "w") as archive:
            for entry, content in changed.items():
                archive.writestr(entry, content)
        return stream.getvalue()

    document, styles = "word/document.xml", "word/styles.xml"
    schema_damage = [
        damaged(document, b'<w:pStyle w:val="Title"/><w:bidi/>', b'<w:bidi/><w:pStyle w:val="Title"/>'),
        damaged(document, b'<w:jc w:val="left"/>', b'<w:jc w:val="sideways"/>'),
        damaged(document, b'w:val="Title"', b'w:val="NoSuchStyle"'),
        damaged(styles, b'w:after="120"', b'w:after="lots"'),
    ]
    for index, broken in enumerate(schema_damage):
        assert audit(broken, tmp_path, f"broken{index}.docx") != [], index
    our_damage = [
        damaged(styles, b'w:val="1A1A1A"', b'w:val="zzzzzz"'),
        damaged(styles, b'<w:sz w:val="21"/>', b'<w:sz w:val="10.5"/>'),
    ]
    for broken in our_damage:
        assert reference_problems(broken) != []
    assert reference_problems(_damage_anchor(render(many_article_publication(3)))) != []


def _damage_anchor(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files["word/document.xml"] = files["word/document.xml"].replace(b'w:anchor="_Article2"', b'w:anchor="_Missing"')
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as archive:
        for entry, content in files.items():
            archive.writestr(entry, content)
    return stream.getvalue()


# The same bytes ---------------------------------------------------------------------------------


_BUILD = """
import hashlib, sys
import convert
from tests.corpus import many_article_publication, sample_documents, hostile_documents
items = [sample_documents()[0], many_article_publication(12), hostile_documents()["scripts"]]
print(" ".join(hashlib.sha256(convert.render(item, "docx")).hexdigest() for item in items))
"""


def test_two_builds_in_separate_processes_are_byte_identical() -> None:
    root = Path(__file__).resolve().parent.parent
    digests = [
        subprocess.run(
            [sys.executable, "-c", _BUILD],
            cwd=root,
            env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin", "HOME": str(Path.home())},
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        ).stdout.split()
        for seed in ("1", "2")
    ]
    assert digests[0] == digests[1]
    assert len(set(digests[0])) == 3
    here = [hashlib.sha256(render(item)).hexdigest() for item in (SAMPLES[0], many_article_publication(12))]
    assert here == digests[0][:2]


def test_the_zip_has_fixed_order_timestamps_and_nothing_from_the_template() -> None:
    publication = many_article_publication(4)
    data = render(publication)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        names = [info.filename for info in infos]
        assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
        assert {info.date_time for info in infos} == {(2024, 3, 1, 0, 0, 0)}
        assert {info.create_system for info in infos} == {0}
        everything = b"".join(archive.read(name) for name in names)
    leftover_parts = ("customXml", "docProps/thumbnail", "word/stylesWithEffects")
    assert not any(name.startswith(leftover_parts) for name in names)
    for leftover in (b"python-docx", b"Microsoft Macintosh Word", b"2013-12-23", b"thumbnail", b"w:rsid"):
        assert leftover not in everything, leftover


# Properties -------------------------------------------------------------------------------------


def test_core_properties_come_from_the_article() -> None:
    document = SAMPLES[0]
    data = render(document)
    core = reopened(data).core_properties
    assert core.title == document.metadata.title
    assert core.subject == "9 January 2024 \u00b7 385 words"  # the date line, which names no file
    assert reopened(data).paragraphs[1].text == bind_spaces(core.subject)  # the date line, never split
    assert document.metadata.word_count == 385
    assert core.keywords == ""  # a lone article has no groups, and its file name is no keyword
    assert core.language == "en"
    assert core.identifier == document.metadata.identifier
    assert core.author == core.last_modified_by == "convert"
    # As written (python-docx before 1.2 reads these back without their time zone).
    assert _core_times(data) == {"created": "2024-01-09T00:00:00Z", "modified": "2024-01-09T00:00:00Z"}
    app = part(data, "docProps/app.xml")
    assert [node.text for node in app if node.tag.endswith("Application")] == ["convert"]
    assert [node.text for node in app if node.tag.endswith("Words")] == [str(document.metadata.word_count)]


def test_an_undated_article_takes_its_time_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert _core_times(render(HOSTILE["undated"]))["created"] == "2023-11-14T22:13:20Z"


def _core_times(data: bytes) -> dict[str, str]:
    """The created and modified times of the core properties, as the package holds them."""
    core = part(data, "docProps/core.xml")
    return {
        node.tag.rsplit("}", 1)[-1]: node.text or "" for node in core if node.tag.endswith(("}created", "}modified"))
    }


def test_digest_properties_name_its_groups() -> None:
    publication = many_article_publication(12)
    core = reopened(render(publication)).core_properties
    assert core.title == "News digest"
    assert core.subject == "12 articles"
    groups = [section.title or "" for section in publication.sections]
    assert core.keywords == ", ".join(groups)
    assert b"article-0" not in part_bytes(render(publication), "docProps/core.xml")  # no file names


# The look lives in named styles -----------------------------------------------------------------


def test_paragraphs_use_the_named_word_styles() -> None:
    document = article(
        Paragraph((Text("First."),)),
        Heading(1, (Text("One"),)),
        Heading(2, (Text("Two"),)),
        Heading(3, (Text("Three"),)),
        Paragraph((Text("Body."),)),
        BlockQuote((Paragraph((Text("Quoted."),)),)),
        ListBlock(((Paragraph((Text("Item."),)),),)),
        ThematicBreak(),
    )
    names = [paragraph.style.name for paragraph in reopened(render(document)).paragraphs]
    assert names == [
        "Title",
        "Subtitle",
        "First Paragraph",
        "Heading 1",
        "Heading 2",
        "Heading 3",
        "Body Text",
        "Quote",
        "List Paragraph",
        "Scene Break",
    ]


def test_the_sheet_is_mapped_onto_the_styles() -> None:
    styles = reopened(render(SAMPLES[0])).styles
    for name, text_style in (
        ("Normal", STYLE.body),
        ("Title", STYLE.title),
        ("Subtitle", STYLE.date),
        ("Heading 1", STYLE.heading1),
        ("Heading 2", STYLE.heading2),
        ("Heading 3", STYLE.heading3),
        ("Quote", STYLE.blockquote),
        ("toc 1", STYLE.toc1),
        ("toc 2", STYLE.toc2),
        ("Section Title", STYLE.section),
        ("Header", STYLE.header),
        ("Footer", STYLE.footer),
    ):
        style = styles[name]
        font = _inherited(style, lambda item: item.font.name)
        size = _inherited(style, lambda item: item.font.size)
        assert font == text_style.family.name, name
        assert size is not None and size.pt == pytest.approx(text_style.size, abs=0.25), name
        assert bool(_inherited(style, lambda item: item.font.bold)) == text_style.bold, name
        assert bool(_inherited(style, lambda item: item.font.italic)) == text_style.italic, name
        color = _inherited(style, lambda item: item.font.color.rgb)
        assert str(color).lower() == text_style.color.hex[1:], name
        fmt = style.paragraph_format
        before = _inherited(style, lambda item: item.paragraph_format.space_before)
        after = _inherited(style, lambda item: item.paragraph_format.space_after)
        assert before.pt == pytest.approx(text_style.space_before, abs=0.05), name
        assert after.pt == pytest.approx(text_style.space_after, abs=0.05), name
        keep = _inherited(style, lambda item: item.paragraph_format.keep_with_next)
        assert bool(keep) == text_style.keep_with_next, name
        del fmt
    quote = styles["Inline Quote"]
    assert str(quote.font.color.rgb).lower() == STYLE.quote.color.hex[1:]
    assert styles["Hyperlink"].font.underline
    assert styles["Strong"].font.bold and styles["Emphasis"].font.italic


def _inherited(style: object, read: object) -> object:
    """A style's own value, else the nearest base style's (python-docx reports only a style's own)."""
    current = style
    while current is not None:
        value = read(current)  # type: ignore[operator]
        if value is not None:
            return value
        current = current.base_style  # type: ignore[attr-defined]
    return None


def test_runs_carry_no_look_of_their_own() -> None:
    """Restyling in Word works because plain Latin text has no direct formatting: only style references."""
    document = part(render(SAMPLES[0]), "word/document.xml")
    direct = {etree_name(node) for run in document.iter(f"{W}r") for node in run.iterfind(f"{W}rPr/*")}
    assert direct <= {"rStyle"}
    paragraph_properties = {etree_name(node) for node in document.iterfind(f".//{W}pPr/*")}
    assert paragraph_properties == {"pStyle", "outlineLvl"}  # where a paragraph sits in the outline is no look
    levels = [node.get(f"{W}val") for node in document.iter(f"{W}outlineLvl")]
    assert levels[0] == "0" and all(level != "0" for level in levels[1:])  # the title, then its headings below it
    styled = {node.get(f"{W}val") for node in document.iter(f"{W}rStyle")}
    assert styled == {"InlineQuote"}


def etree_name(node: object) -> str:
    tag = node.tag  # type: ignore[attr-defined]
    return str(tag).rsplit("}", 1)[-1]


def test_links_use_the_hyperlink_style_and_an_external_relationship() -> None:
    document = article(
        Paragraph((Text("See "), Link("https://example.org/caf\u00e9-menu", (Strong((Text("the menu"),)),)))),
        Paragraph((Link("javascript:alert(1)", (Text("kept as text"),)),)),
        Paragraph((Link("https://example.org/caf\u00e9 menu", (Text("spaced, kept as text"),)),)),
    )
    data = render(document)
    xml = part(data, "word/document.xml")
    links = list(xml.iter(f"{W}hyperlink"))
    assert len(links) == 1
    rel = relationships(data)[links[0].get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")]
    assert rel.get("TargetMode") == "External"
    assert rel.get("Target") == "https://example.org/caf%C3%A9-menu"
    run = links[0].find(f"{W}r")
    assert run is not None
    assert run.find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "Hyperlink"  # type: ignore[union-attr]
    assert run.find(f"{W}rPr/{W}b") is not None  # strong inside a link: bold stated on the run
    assert "kept as text" in body_text(data)
    assert "spaced, kept as text" in body_text(data)
    styled = [run for run in xml.iter(f"{W}r") if run.find(f"{W}rPr/{W}rStyle[@{W}val='Hyperlink']") is not None]
    assert styled and all(run.getparent() is links[0] for run in styled)  # text that is no link is not styled one


# Scripts, languages and direction ----------------------------------------------------------------


def _family(name: str) -> FontFamily:
    known = {family.name: family for family in (STYLE.body_family, STYLE.heading_family, *STYLE.fallback_families)}
    return known.get(name) or find_family(name)


def test_every_slot_of_the_defaults_names_an_installed_family() -> None:
    defaults = part(render(SAMPLES[0]), "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
    assert defaults is not None
    fonts = defaults.find(f"{W}rFonts")
    assert fonts is not None
    slots = {slot: fonts.get(f"{W}{slot}") for slot in ("ascii", "hAnsi", "eastAsia", "cs")}
    assert slots["ascii"] == slots["hAnsi"] == STYLE.body_family.name
    assert _family(str(slots["eastAsia"])).covers("\u4e2d")
    assert _family(str(slots["cs"])).covers("\u0628")
    lang = defaults.find(f"{W}lang")
    assert lang is not None and lang.get(f"{W}val") == "en"


@pytest.mark.parametrize("name", ["scripts", "rtl", "markup", "long_words"])
def test_every_character_has_a_glyph_in_the_font_word_uses_for_it(name: str) -> None:
    for text, fonts, rtl in run_fonts(render(HOSTILE[name])):
        for char in set(text):
            if char.isspace():
                continue
            slot = "cs" if rtl else slot_of(char)
            assert _family(fonts[slot]).covers(char), (char, slot, fonts[slot], text[:40])


def test_an_article_in_another_language_marks_its_runs() -> None:
    arabic = HOSTILE["rtl"]
    publication = Publication(
        title="Mixed",
        language="en",
        identifier=content_identifier("mixed"),
        sections=(Section(None, (SAMPLES[0], arabic)),),
        modified=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    )
    xml = part(render(publication), "word/document.xml")
    marked = {(lang.get(f"{W}val"), lang.get(f"{W}bidi")) for lang in xml.iterfind(f".//{W}r/{W}rPr/{W}lang")}
    assert marked == {("ar", "ar"), ("he", "he")}  # the Arabic article's Hebrew words are a part of their own


def test_parts_in_another_language_carry_it_and_their_script_fonts(tmp_path: Path) -> None:
    data = render(mixed_language_document())
    xml = part(data, "word/document.xml")
    body = [
        p for p in xml.iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") in ("FirstParagraph", "BodyText")
    ]  # type: ignore[union-attr]
    marked: list[tuple[str, dict[str, str | None], str | None]] = []
    for run in body[0].iter(f"{W}r"):
        lang = run.find(f"{W}rPr/{W}lang")
        if lang is not None:
            slots = {slot: lang.get(f"{W}{slot}") for slot in ("val", "eastAsia", "bidi")}
            fonts = run.find(f"{W}rPr/{W}rFonts")
            marked.append(("".join(run.itertext()), slots, None if fonts is None else fonts.get(f"{W}eastAsia")))
    assert marked == [
        ("\uae40\uc9c0\uc6d0", {"val": "ko", "eastAsia": "ko", "bidi": None}, "Noto Sans KR"),
        ("\u5c71\u7530\u3055\u304f\u3089", {"val": "ja", "eastAsia": "ja", "bidi": None}, "Noto Sans JP"),
    ]
    arabic = {(lang.get(f"{W}val"), lang.get(f"{W}bidi")) for lang in body[1].iter(f"{W}lang")}
    assert arabic == {("ar", "ar")}
    hebrew = [run for run in body[2].iter(f"{W}r") if run.find(f"{W}rPr/{W}lang") is not None]
    assert {run.find(f"{W}rPr/{W}lang").get(f"{W}bidi") for run in hebrew} == {"he"}  # type: ignore[union-attr]
    assert {run.find(f"{W}rPr/{W}rFonts").get(f"{W}cs") for run in hebrew} == {"Frank Ruhl Libre"}  # type: ignore[union-attr]
    assert body[3].find(f".//{W}lang") is None  # English, as the document: the styles say so
    defaults = part(data, "word/styles.xml").find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}lang")
    assert defaults is not None
    # The East Asian slot: the Japanese name has more letters than the Korean one; right to left: Arabic's.
    assert dict(defaults.attrib) == {f"{W}val": "en", f"{W}eastAsia": "ja", f"{W}bidi": "ar"}
    assert audit(data, tmp_path) == []
    assert reference_problems(data) == []
    assert body_text(data).splitlines()[2:] == [bind_spaces(text) for text in MIXED_LANGUAGES]


def test_the_font_table_says_what_each_named_family_is_like() -> None:
    data = render(mixed_language_document())
    fonts = {
        font.get(f"{W}name"): {etree_name(item): item.get(f"{W}val") for item in font}
        for font in part(data, "word/fontTable.xml").iter(f"{W}font")
    }
    named = {
        node.get(f"{W}{slot}")
        for name in ("word/styles.xml", "word/document.xml")
        for node in part(data, name).iter(f"{W}rFonts")
        for slot in ("ascii", "hAnsi", "eastAsia", "cs")
    } - {None}
    assert named <= set(fonts)  # every family a style or a run names is described
    assert fonts["Noto Serif"] == {
        "altName": "Times New Roman",
        "panose1": "02020502060505020204",  # Noto Serif's own OS/2 numbers
        "charset": "00",
        "family": "roman",
        "pitch": "variable",
    }
    assert (fonts["Noto Sans"]["family"], fonts["Noto Sans"]["altName"]) == ("swiss", "Arial")
    alike = {name: (fonts[name]["altName"], fonts[name]["charset"]) for name in ("Noto Sans JP", "Noto Sans KR")}
    assert alike == {"Noto Sans JP": ("Yu Gothic", "80"), "Noto Sans KR": ("Malgun Gothic", "81")}
    # The serif body's Arabic and Hebrew are in serif faces: Amiri, Frank Ruhl Libre.
    assert (fonts["Amiri"]["family"], fonts["Amiri"]["charset"]) == ("roman", "B2")
    assert (fonts["Frank Ruhl Libre"]["family"], fonts["Frank Ruhl Libre"]["charset"]) == ("roman", "B1")
    mono = part(render(SAMPLES[0], load_style("default", ["styles.body.family=JetBrains Mono"])), "word/fontTable.xml")
    jetbrains = next(font for font in mono.iter(f"{W}font") if font.get(f"{W}name") == "JetBrains Mono")
    assert {etree_name(item): item.get(f"{W}val") for item in jetbrains}["family"] == "modern"


def test_right_to_left_paragraphs_are_bidi_and_aligned_to_their_start() -> None:
    xml = part(render(HOSTILE["rtl"]), "word/document.xml")
    paragraphs = list(xml.iter(f"{W}p"))
    arabic_body = paragraphs[2]
    properties = [etree_name(node) for node in arabic_body.find(f"{W}pPr")]  # type: ignore[union-attr]
    assert properties == ["pStyle", "bidi", "jc"]
    assert STYLE.first.align == "justify"
    # Never "both" (LibreOffice stretches Arabic with kashidas): the start, as the PDF sets it.
    assert {node.get(f"{W}val") for node in xml.iter(f"{W}jc")} <= {"left", "center", "right"}
    assert arabic_body.find(f"{W}pPr/{W}jc").get(f"{W}val") == BIDI_JUSTIFICATION["start"]  # type: ignore[union-attr]
    title = paragraphs[0].find(f"{W}pPr/{W}jc")
    assert title is not None and title.get(f"{W}val") == "left"  # Word reads it as the start side: the right
    english = next(p for p in paragraphs if "English" in "".join(p.itertext()))
    assert english.find(f"{W}pPr/{W}bidi") is None
    assert all(run.find(f"{W}rPr/{W}rtl") is not None for run in arabic_body.iter(f"{W}r"))


def test_right_to_left_text_is_set_as_the_pdf_sets_it() -> None:
    # classic indents and justifies its paragraphs and slants its quotations and date line.
    document = HOSTILE["rtl"]
    data = render(document, load_style("classic"))
    xml = part(data, "word/document.xml")
    bidi = [p for p in xml.iter(f"{W}p") if p.find(f"{W}pPr/{W}bidi") is not None]
    assert "BodyText" in {p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") for p in bidi}  # type: ignore[union-attr]
    for paragraph in bidi:
        assert paragraph.find(f"{W}pPr/{W}jc").get(f"{W}val") in ("left", "center")  # type: ignore[union-attr]
        indent = paragraph.find(f"{W}pPr/{W}ind")
        style_id = paragraph.find(f"{W}pPr/{W}pStyle").get(f"{W}val")  # type: ignore[union-attr]
        if style_id == "BodyText":
            assert indent is not None and indent.get(f"{W}firstLine") == "0"
    for name in ("word/document.xml", "word/styles.xml"):
        assert not list(part(data, name).iter(f"{W}iCs")), name  # Arabic and Hebrew stay upright
    rules = {node.get(f"{W}lineRule") for node in part(data, "word/styles.xml").iter(f"{W}spacing")}
    assert rules <= {"exact", None}
    # The date line runs left to right and lines up with the right-to-left title, at the right.
    date = next(p for p in xml.iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Subtitle")  # type: ignore[union-attr]
    assert date.find(f"{W}pPr/{W}bidi") is None
    assert date.find(f"{W}pPr/{W}jc").get(f"{W}val") == "right"  # type: ignore[union-attr]
    assert "".join(date.itertext()) == bind_spaces(date_line(document).text)


def test_a_bad_language_tag_is_reported_and_written_as_undetermined() -> None:
    publication = publication_of(article(Paragraph((Text("Words."),)), language="not a tag!"))
    publication = Publication(
        title=publication.title,
        language="not a tag!",
        identifier=publication.identifier,
        sections=publication.sections,
    )
    warnings: list[str] = []
    data = render(publication, warnings=warnings)
    assert warnings == ["'not a tag!' is not a language tag; marked as undetermined (und)"]
    assert b"not a tag" not in data
    assert b'w:val="und"' in part_bytes(data, "word/styles.xml")
    assert reopened(data).core_properties.language == "und"


def test_an_article_language_that_is_no_tag_is_reported_and_marked_undetermined(tmp_path: Path) -> None:
    odd = article(Paragraph((Text("Words in an odd language."),)), language="klingon\x07 dialect", source="odd.txt")
    publication = Publication(
        title="Two articles",
        language="en",
        identifier=content_identifier("two"),
        sections=(Section(None, (SAMPLES[0], odd)),),
    )
    warnings: list[str] = []
    data = render(publication, warnings=warnings)
    assert warnings == ["'klingon\\x07 dialect' is not a language tag; marked as undetermined (und) in odd.txt"]
    marked = {node.get(f"{W}val") for node in part(data, "word/document.xml").iter(f"{W}lang")}
    assert marked == {"und"}  # the odd article's runs; the sample's are the document's own language
    assert audit(data, tmp_path) == []


def part_bytes(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


# Pages, header, footer --------------------------------------------------------------------------


def test_page_size_margins_header_and_footer_follow_the_sheet() -> None:
    data = render(SAMPLES[0])
    section = reopened(data).sections[0]
    page = STYLE.page
    for actual, expected in (
        (section.page_width, page.width),
        (section.page_height, page.height),
        (section.top_margin, page.margin_top),
        (section.right_margin, page.margin_right),
        (section.bottom_margin, page.margin_bottom),
        (section.left_margin, page.margin_left),
    ):
        assert actual is not None and actual.pt == pytest.approx(expected, abs=0.05)
    assert section.header.paragraphs[0].text == bind_spaces(SAMPLES[0].metadata.title)
    assert section.header.paragraphs[0].style.name == "Header"
    footer = part(data, "word/footer1.xml")
    assert [node.get(f"{W}instr") for node in footer.iter(f"{W}fldSimple")] == [
        " PAGE \\* MERGEFORMAT ",
        " NUMPAGES \\* MERGEFORMAT ",
    ]
    assert "".join(footer.itertext()).startswith("Page 1 of 1")


# Many articles ----------------------------------------------------------------------------------


def test_each_article_starts_a_page_with_a_bookmark_and_the_contents_link_to_them() -> None:
    publication = many_article_publication(12)
    data = render(publication)
    xml = part(data, "word/document.xml")
    bookmarks = {node.get(f"{W}name"): node.getparent() for node in xml.iter(f"{W}bookmarkStart")}
    titles = [document.metadata.title for document in publication.documents]
    article_marks = [bookmarks[f"_Article{number}"] for number in range(1, len(titles) + 1)]
    assert ["".join(node.itertext()) for node in article_marks] == titles
    for paragraph in article_marks:
        previous = paragraph.getprevious()
        breaks = [paragraph.find(f"{W}pPr/{W}pageBreakBefore")]
        if previous is not None and previous.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "SectionTitle":  # type: ignore[union-attr]
            breaks.append(previous.find(f"{W}pPr/{W}pageBreakBefore"))
        assert any(node is not None for node in breaks)
    entries = [
        (link.getparent().find(f"{W}pPr/{W}pStyle").get(f"{W}val"), link.get(f"{W}anchor"), _broken_text(link))  # type: ignore[union-attr]
        for link in xml.iter(f"{W}hyperlink")
    ]
    expected = []
    number = 0
    for index, section in enumerate(publication.sections, start=1):
        expected.append(("TOC1", f"_Section{index}", bind_spaces(section.title)))
        for document in section.documents:
            number += 1
            expected.append(("TOC2", f"_Article{number}", bind_spaces(document.metadata.title)))
    assert entries == expected
    # Each entry's page number is a PAGEREF to its bookmark with the number already in it, so
    # Word shows it without asking to update fields (nor is it asked to update them on opening).
    references = [" ".join((node.text or "").split()) for node in xml.iter(f"{W}instrText")]
    assert references == [f"PAGEREF {anchor} \\h" for _style, anchor, _text in expected]
    assert all(re.fullmatch(r"\d+", number) for number in cached_page_numbers(xml)), cached_page_numbers(xml)
    assert xml.find(f".//{W}fldSimple") is None
    assert part(data, "word/settings.xml").find(f"{W}updateFields") is None


def test_one_article_gets_no_contents_bookmarks_or_page_breaks() -> None:
    xml = part(render(SAMPLES[1]), "word/document.xml")
    assert xml.find(f".//{W}bookmarkStart") is None
    assert xml.find(f".//{W}pageBreakBefore") is None
    assert xml.find(f".//{W}hyperlink") is None


def test_lists_restart_their_numbers() -> None:
    items = ((Paragraph((Text("one"),)),), (Paragraph((Text("two"),)),))
    data = render(article(ListBlock(items, True), Paragraph((Text("between"),)), ListBlock(items, True)))
    xml = part(data, "word/document.xml")
    numbers = [node.get(f"{W}val") for node in xml.iter(f"{W}numId")]
    assert numbers == ["1", "1", "2", "2"]
    numbering = part(data, "word/numbering.xml")
    overrides = [node.getparent().getparent().get(f"{W}numId") for node in numbering.iter(f"{W}startOverride")]  # type: ignore[union-attr]
    assert overrides == ["1", "2"]


# Size -------------------------------------------------------------------------------------------


def test_a_sixty_thousand_word_paragraph_builds_and_reopens() -> None:
    document = HOSTILE["huge_paragraph"]
    data = render(document)
    xml = part(data, "word/document.xml")
    assert max(len(node.text or "") for node in xml.iter(f"{W}t")) <= MAX_TEXT
    words = document_words(document)
    text = body_text(data)
    assert len(text.split()) >= len(words)
    assert_words_in_order(words[-200:], text)


def test_a_ten_thousand_paragraph_publication_builds_and_reopens() -> None:
    documents = tuple(generated_document(index, dt.date(2024, 1, 1), paragraphs=100) for index in range(100))
    publication = Publication(
        title="Ten thousand paragraphs",
        language="en",
        identifier=content_identifier("ten thousand"),
        sections=(Section(None, documents),),
        front_matter=FrontMatter(contents=True),
        modified=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    )
    data = render(publication)
    paragraphs = reopened(data).paragraphs
    assert sum(1 for paragraph in paragraphs if paragraph.style.name in ("Body Text", "First Paragraph")) == 10_000
    assert reference_problems(data) == []


# LibreOffice prints it --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A sample, a twelve-article digest and the right-to-left article, printed by LibreOffice in one run."""
    folder = tmp_path_factory.mktemp("libreoffice")
    items = {
        "sample": SAMPLES[0],
        "digest": many_article_publication(12),
        "rtl": HOSTILE["rtl"],
    }
    files = []
    for name, item in items.items():
        path = folder / f"{name}.docx"
        path.write_bytes(render(item))
        files.append(path)
    fonts = font_config(folder, sheet_faces(STYLE))
    pdfs = print_to_pdf(files, folder, fonts)
    return dict(zip(items, pdfs, strict=True))


def _squashed(text: str) -> str:
    """Text without white space or hyphens: LibreOffice may break words at line ends, and pdftotext may put
    a space after a ligature ("offi cials"), neither of which is a lost character."""
    return re.sub(r"[\s\u00ad-]+", "", text)


def _squashed_words(words: list[str]) -> list[str]:
    return [squashed for word in words if (squashed := _squashed(word))]


def test_libreoffice_prints_every_word_of_a_sample(printed: dict[str, Path]) -> None:
    text = pdf_text(printed["sample"])
    assert_words_in_order(_squashed_words(document_words(SAMPLES[0])), _squashed(text))
    pages = pdf_pages(printed["sample"])
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text


def test_libreoffice_prints_each_article_of_a_digest_on_its_own_page(printed: dict[str, Path]) -> None:
    publication = many_article_publication(12)
    pdf = printed["digest"]
    pages = pdf_pages(pdf)
    assert pages >= len(publication.documents) + 3  # the cover, the title page and the contents first
    assert f"Page {pages} of {pages}" in pdf_text(pdf, "-f", str(pages), "-l", str(pages))
    assert_words_in_order(_squashed_words(publication_words(publication)), _squashed(pdf_text(pdf)))
    starts = []
    for document in publication.documents:
        title = _squashed(document.metadata.title)[:30]
        for page in range(4, pages + 1):
            if title in _squashed(pdf_text(pdf, "-f", str(page), "-l", str(page)))[:200]:
                starts.append(page)
                break
    assert len(starts) == len(publication.documents)
    assert starts == sorted(set(starts))


def test_libreoffice_sets_right_to_left_paragraphs_against_the_right_margin(printed: dict[str, Path]) -> None:
    page = STYLE.page
    words = word_boxes(printed["rtl"])
    body = [word for word in words if word[5] == 1 and word[2] > page.margin_top + 60]
    arabic = [word for word in body if any("\u0600" <= char <= "\u06ff" for char in word[0])]
    english = [word for word in body if word[0] in ("An", "English", "paragraph.")]
    right_edge = page.width - page.margin_right
    assert arabic and max(word[3] for word in arabic) == pytest.approx(right_edge, abs=2)
    assert english and min(word[1] for word in english) == pytest.approx(page.margin_left, abs=2)


@pytest.mark.parametrize(("style_name", "hyphenated"), [("default", True), ("large-print", False)])
def test_word_hyphenates_as_the_sheet_asks_by_the_book_rules_it_has_settings_for(
    style_name: str, hyphenated: bool
) -> None:
    settings = part(render(SAMPLES[0], load_style(style_name)), "word/settings.xml")
    found = {str(node.tag).removeprefix(W): node.get(f"{W}val") for node in settings}
    if hyphenated:
        assert found["autoHyphenation"] is None and found["consecutiveHyphenLimit"] == "1"
        assert "doNotHyphenateCaps" in found
    else:
        assert not {"autoHyphenation", "consecutiveHyphenLimit", "doNotHyphenateCaps"} & set(found)


def _broken_text(element: etree._Element) -> str:
    """The text of `element`, a line break (where the PDF breaks a contents title) read as the space it stands for."""
    return "".join(" " if node.tag == f"{W}br" else node.text or "" for node in element.iter(f"{W}t", f"{W}br"))
