"""Embedded EPUB fonts: only the faces text is drawn in, each cut to what it draws, the same bytes each time."""

from __future__ import annotations

import functools
import io
import re
import zipfile
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from lxml import etree

import convert
from convert.fonts import FaceSource, FontFamily, find_family
from convert.fonts.subsetting import reserves_its_name
from convert.model import BlockQuote, Document, Emphasis, Heading, Metadata, Paragraph, Strong, Text
from convert.model.identifiers import content_identifier
from convert.styles import Style, load_style
from convert.text.spacing import bind_spaces
from convert.writers.epub.cascade import Cascade
from convert.writers.epub.css import style_rules
from convert.writers.epub.fontfaces import plan_fonts
from convert.writers.epub.fontuse import css_face
from tests.corpus import SCRIPTS, hostile_documents, sample_documents
from tests.epub_validators import epubcheck, require_epubcheck

ARABIC = SCRIPTS["arabic"]
STRONG_ARABIC = "محطة تحلية المياه"
ITALIC_LATIN = "in Arabic"
STRONG_LATIN = "the plant opens in spring"


@functools.cache
def embedding() -> Style:
    return load_style("default", ["fonts.embed=true"])


def mixed() -> Document:
    """Latin and Arabic running text, each with strong and emphasised words, a heading and a quotation."""
    return Document(
        Metadata("Harbour desalination report", None, "en", "mixed.txt", content_identifier("mixed"), 60),
        (
            Paragraph(
                (
                    Text("The council said "),
                    Strong((Text(STRONG_LATIN),)),
                    Text(", and the mayor added, "),
                    Emphasis((Text(ITALIC_LATIN),)),
                    Text(": " + ARABIC),
                )
            ),
            Heading(1, (Text("What was said"),)),
            Paragraph((Text(ARABIC + " "), Strong((Text(STRONG_ARABIC),)), Text(" (2025)."))),
            BlockQuote((Paragraph((Text("A quoted line, set in italic."),)),)),
        ),
    )


def fonts_of(book: bytes) -> dict[str, bytes]:
    """The font files of an EPUB by their names in the fonts folder."""
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        return {name.rsplit("/", 1)[-1]: archive.read(name) for name in archive.namelist() if name.endswith(".ttf")}


def cmap(data: bytes) -> set[str]:
    return {chr(code) for code in TTFont(io.BytesIO(data)).getBestCmap()}


def letters(text: str) -> set[str]:
    """The characters of `text` that need a glyph of their own."""
    return {char for char in bind_spaces(text) if not char.isspace()}


def test_only_the_faces_text_is_drawn_in_are_packed() -> None:
    # The default sheet: Noto Sans Bold for the title, Noto Sans for the date line, Noto Serif for the
    # text; a sample article has no emphasis, no quotation and no other script.
    plain = fonts_of(convert.render(sample_documents()[0], "epub", embedding()))
    assert set(plain) == {"noto-sans-bold.ttf", "noto-sans-regular.ttf", "noto-serif-regular.ttf"}
    assert set(fonts_of(convert.render(mixed(), "epub", embedding()))) == {
        "noto-sans-bold.ttf",  # the title and the heading
        "noto-sans-regular.ttf",  # the date line
        "noto-serif-regular.ttf",
        "noto-serif-bold.ttf",  # strong
        "noto-serif-italic.ttf",  # emphasis and the block quotation
        "amiri-regular.ttf",
        "amiri-bold.ttf",  # strong Arabic: its own bold face, not a made-up one
    }


def test_every_character_is_in_the_face_that_draws_it() -> None:
    fonts = {name: cmap(data) for name, data in fonts_of(convert.render(mixed(), "epub", embedding())).items()}
    arabic = letters(ARABIC + STRONG_ARABIC) - letters("().:")
    latin = letters("The council said , and the mayor added, : (2025).")
    assert letters("Harbour desalination report What was said") <= fonts["noto-sans-bold.ttf"]
    assert latin <= fonts["noto-serif-regular.ttf"]
    assert letters(STRONG_LATIN) <= fonts["noto-serif-bold.ttf"]
    assert letters(ITALIC_LATIN + "A quoted line, set in italic.") <= fonts["noto-serif-italic.ttf"]
    assert letters(ARABIC) <= fonts["amiri-regular.ttf"] | fonts["noto-serif-regular.ttf"]
    assert arabic - letters(STRONG_ARABIC) <= fonts["amiri-regular.ttf"]
    assert letters(STRONG_ARABIC) <= fonts["amiri-bold.ttf"]
    # Cut to what is drawn: no Arabic in the Latin faces, no Latin letter in the Arabic ones.
    assert not fonts["noto-serif-regular.ttf"] & arabic
    assert not fonts["amiri-regular.ttf"] & set("abcdefghijklmnopqrstuvwxyz")
    assert all(" " in chars for chars in fonts.values())  # a no-break space is drawn as a space
    assert {"-", "\u2010"} <= fonts["noto-serif-regular.ttf"]  # where the justified text is hyphenated


def test_a_bracket_in_right_to_left_text_keeps_its_mirror_image() -> None:
    """Inside right-to-left text a shaper draws "(" with the glyph of ")": the face that draws one has both."""
    document = Document(
        Metadata("Brackets", None, "ar", "b.txt", content_identifier("brackets"), 3),
        (Paragraph((Text(ARABIC + " (1"),), direction="rtl"),),
    )
    fonts = {name: cmap(data) for name, data in fonts_of(convert.render(document, "epub", embedding())).items()}
    drawing = [chars for chars in fonts.values() if "(" in chars]
    assert drawing
    assert all(")" in chars for chars in drawing)
    assert all(")" not in chars for chars in fonts.values() if "(" not in chars)


def test_every_script_is_drawn_by_a_face_that_has_it() -> None:
    document = hostile_documents()["scripts"]
    fonts = {name: cmap(data) for name, data in fonts_of(convert.render(document, "epub", embedding())).items()}
    drawn = set().union(*fonts.values())
    for name, text in SCRIPTS.items():
        assert letters(text) <= drawn, name
    # Each script's letters sit in the face its fallback family gave it, not spread over all of them.
    assert letters(SCRIPTS["thai"]) - letters(".") <= fonts["noto-sans-thai-regular.ttf"]
    assert letters(SCRIPTS["hebrew"]) - letters(".") <= fonts["frank-ruhl-libre-regular.ttf"]  # the serif body's Hebrew


def test_arabic_keeps_its_joining_forms_and_features() -> None:
    face = TTFont(io.BytesIO(fonts_of(convert.render(mixed(), "epub", embedding()))["amiri-regular.ttf"]))
    features = {record.FeatureTag for record in face["GSUB"].table.FeatureList.FeatureRecord}
    assert {"init", "medi", "fina", "rlig"} <= features
    # Amiri joins by cursive attachment; its mark features go with a text that has no vowel marks.
    assert {"kern", "curs"} <= {record.FeatureTag for record in face["GPOS"].table.FeatureList.FeatureRecord}
    # The letters' initial, medial and final forms are glyphs no character maps to: kept all the same.
    assert len(face.getGlyphOrder()) > 2 * len(face.getBestCmap())


def test_a_face_keeps_its_names_and_its_times() -> None:
    packed = TTFont(io.BytesIO(fonts_of(convert.render(mixed(), "epub", embedding()))["noto-serif-bold.ttf"]))
    whole = TTFont(io.BytesIO(embedding().body_family.face_file(bold=True).read_bytes()))
    for name_id in (1, 2, 4, 6, 16, 17):
        assert packed["name"].getDebugName(name_id) == whole["name"].getDebugName(name_id)
    assert (packed["head"].created, packed["head"].modified) == (whole["head"].created, whole["head"].modified)


def test_a_sample_article_packs_a_small_part_of_its_faces() -> None:
    book = convert.render(sample_documents()[0], "epub", embedding())
    packed = sum(len(data) for data in fonts_of(book).values())
    style = embedding()
    whole = (
        sum(
            family.face_file(bold, italic).stat().st_size
            for family, bold, italic in ((style.heading_family, True, False), (style.heading_family, False, False))
        )
        + style.body_family.face_file().stat().st_size
    )
    assert packed * 20 < whole
    assert len(book) < 64 * 1024


def test_the_css_declares_exactly_the_packed_faces() -> None:
    book = convert.render(mixed(), "epub", embedding())
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        css = archive.read("EPUB/style.css").decode("utf-8")
    face_rule = re.compile(
        r'@font-face \{\s*font-family: "([^"]+)";\s*font-weight: (\w+);\s*font-style: (\w+);'
        r'\s*src: url\("fonts/([^"]+)"\)'
    )
    declared = face_rule.findall(css)
    assert sorted(file for *_, file in declared) == sorted(fonts_of(book))
    assert ("Amiri", "bold", "normal", "amiri-bold.ttf") in declared


def test_a_face_whose_notice_reserves_its_name_is_packed_whole() -> None:
    """Source Serif 4's copyright notice reserves the name 'Source' (SIL OFL clause 3): no subset of it
    may be called Source Serif, so it goes into the book as it is; the Noto faces beside it are cut."""
    style = load_style("default", ["fonts.embed=true", "fonts.body=Source Serif 4"])
    fonts = fonts_of(convert.render(sample_documents()[0], "epub", style))
    assert fonts["source-serif-4-regular.ttf"] == style.body_family.face_file().read_bytes()
    assert len(fonts["noto-sans-bold.ttf"]) * 20 < style.heading_family.face_file(bold=True).stat().st_size


def test_a_reserved_name_the_face_is_not_called_by_does_not_keep_it_whole() -> None:
    """Noto Sans SC's notice reserves 'Source', a name it does not carry: its subsets may keep its names."""
    for name, reserves in (("Noto Sans SC", False), ("Source Serif 4", True)):
        with TTFont(str(find_family(name).sources[0]), lazy=True) as font:
            assert "Reserved Font Name" in font["name"].getDebugName(0)
            assert reserves_its_name(font["name"]) is reserves


def test_without_embedding_no_font_is_packed() -> None:
    assert fonts_of(convert.render(mixed(), "epub", load_style("default"))) == {}


def test_bold_italic_takes_the_italic_face_when_a_family_has_no_bold_italic() -> None:
    """CSS matches the style before the weight: a reading system draws bold italic with the italic
    face (made bolder), so that is the face to pack."""
    serif = find_family("Noto Serif")
    three = FontFamily("Three", serif.sources, tuple(face for face in serif.faces if not (face.bold and face.italic)))
    assert css_face(three, bold=True, italic=True) == (False, True)
    assert css_face(three, bold=True, italic=False) == (True, False)
    upright: tuple[FaceSource, ...] = tuple(face for face in serif.faces if not face.italic)
    assert css_face(FontFamily("Upright", serif.sources, upright), bold=False, italic=True) == (False, False)


@pytest.mark.parametrize("sheet", ["default", "classic", "modern", "large-print"])
def test_the_cascade_gives_each_element_the_font_its_style_sets(sheet: str) -> None:
    style = load_style(sheet, ["fonts.embed=true"])
    book = convert.render(mixed(), "epub", style)
    with zipfile.ZipFile(io.BytesIO(book)) as archive:
        article = etree.fromstring(archive.read("EPUB/article-001.xhtml"))
    rules = style_rules(style, plan_fonts(style, [], []))
    found = {
        (etree.QName(element).localname, element.get("class")): values
        for element, values in Cascade(rules).drawn(article)
    }
    weight = {True: "bold", False: "normal"}
    for key, text_style in (
        (("h1", "title"), style.title),
        (("h2", None), style.heading1),
        (("p", "first"), style.first),
    ):
        assert found[key]["font-family"].startswith(f'"{text_style.family.name}"'), key
        assert found[key]["font-weight"] == weight[text_style.bold], key
    assert found[("em", None)]["font-style"] == "italic"
    assert found[("strong", None)]["font-weight"] == "bold"
    assert found[("blockquote", None)]["font-style"] == ("italic" if style.blockquote.italic else "normal")


def test_the_cascade_refuses_a_font_rule_it_cannot_read() -> None:
    """A rule whose selector is more than finding faces reads would be misread: it is refused."""
    with pytest.raises(ValueError, match="more than finding faces can read"):
        Cascade([("li > p", (("font-weight", "bold"),))])
    Cascade([("li > p", (("margin", "0"),))])  # no font property: not read, so not refused


def test_two_builds_give_the_same_bytes() -> None:
    first = convert.render(mixed(), "epub", embedding())
    convert.clear_caches()  # the second cuts every subset again
    assert convert.render(mixed(), "epub", load_style("default", ["fonts.embed=true"])) == first


def test_epubcheck_gives_only_the_font_face_usage_note(tmp_path: Path) -> None:
    require_epubcheck()
    path = tmp_path / "mixed.epub"
    path.write_bytes(convert.render(mixed(), "epub", embedding()))
    report = epubcheck(path)
    assert report.returncode == 0
    assert report.messages
    assert all(message.startswith("USAGE CSS-028: Use of Font-face declaration.") for message in report.messages)


@pytest.mark.parametrize("name", ["markup", "rtl"])
def test_hostile_books_with_embedded_fonts_pass_epubcheck(tmp_path: Path, name: str) -> None:
    require_epubcheck()
    path = tmp_path / f"{name}.epub"
    path.write_bytes(convert.render(hostile_documents()[name], "epub", embedding()))
    report = epubcheck(path)
    assert all(message.startswith("USAGE CSS-028") for message in report.messages), report.messages
