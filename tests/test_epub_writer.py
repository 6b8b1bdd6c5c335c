"""The EPUB writer: valid for EPUBCheck and Ace, every word in the spine in order, the same bytes every time."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import os
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import convert
from convert.model import (
    Document,
    FrontMatter,
    Heading,
    Link,
    Metadata,
    Paragraph,
    Publication,
    Quote,
    Section,
    Text,
    publication_of,
)
from convert.model.identifiers import content_identifier
from convert.styles import Style, load_style
from convert.text.partlanguage import language_runs
from convert.text.spacing import bind_spaces
from convert.writers.epub.layout import ArticlePage, lay_out
from convert.writers.epub.pages import article_page
from convert.writers.epub.splitting import MAX_FILE_CHARS
from convert.writers.epub.xhtml import BlockBuilder
from tests.corpus import (
    MIXED_LANGUAGES,
    ROOT,
    assert_words_in_order,
    document_words,
    documents,
    hostile_documents,
    many_article_publication,
    mixed_language_document,
    sample_documents,
    words_of,
)
from tests.epub_validators import Report, ace, epubcheck, epubcheck_alone, require_ace, require_epubcheck

NS = {
    "h": "http://www.w3.org/1999/xhtml",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "epub": "http://www.idpf.org/2007/ops",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
MANY = 40
"""Articles in the many-article publication the validators check."""

Item = Document | Publication


@functools.cache
def style(name: str = "default", *overrides: str) -> Style:
    return load_style(name, overrides)


def build(item: Item, sheet: Style | None = None, warnings: list[str] | None = None) -> bytes:
    return convert.render(item, "epub", sheet or style(), warnings)


@functools.cache
def samples() -> dict[str, Document]:
    return {document.metadata.source.removesuffix(".txt"): document for document in sample_documents()}


@functools.cache
def hostile() -> dict[str, Document]:
    return hostile_documents()


@functools.cache
def many() -> Publication:
    return many_article_publication(MANY)


# Reading an EPUB back, as a reading system does ------------------------------------------------


def one(element: etree._Element, path: str) -> etree._Element:
    """The first element at `path` under `element`, which must exist."""
    found = element.find(path, NS)
    assert found is not None, f"no {path} in {etree.QName(element).localname}"
    return found


def attribute(element: etree._Element, name: str) -> str:
    """The value of an attribute that must be there."""
    value = element.get(name)
    assert value is not None, f"no {name} on {etree.QName(element).localname}"
    return value


def text_of(element: etree._Element) -> str:
    """All the text inside `element`, in document order."""
    return "".join(str(part) for part in element.itertext())


class Book:
    """An EPUB opened from its bytes: the package document, the spine, and every file."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = PurePosixPath(attribute(one(container, ".//c:rootfile"), "full-path"))
        self.opf = etree.fromstring(self.zip.read(str(self.opf_path)))
        self.manifest = {attribute(item, "id"): item for item in self.opf.iterfind("opf:manifest/opf:item", NS)}

    def path(self, href: str) -> str:
        return str(self.opf_path.parent / href)

    def xml(self, href: str) -> etree._Element:
        """A file of the book parsed as strict XML (no recovery: malformed markup fails)."""
        return etree.fromstring(self.zip.read(self.path(href)))

    @property
    def spine(self) -> list[str]:
        refs = self.opf.iterfind("opf:spine/opf:itemref", NS)
        return [attribute(self.manifest[attribute(ref, "idref")], "href") for ref in refs]

    def spine_text(self) -> str:
        """The text of every spine document's body in reading order, documents separated by a line."""
        return "\n".join(text_of(one(self.xml(href), "h:body")) for href in self.spine)

    def metadata(self, name: str) -> list[str]:
        """The values of a Dublin Core element ("dc:title") or of a `meta` property ("schema:accessMode")."""
        if name.startswith("dc:"):
            elements = self.opf.iterfind(f"opf:metadata/{name}", NS)
        else:
            elements = self.opf.iterfind(f"opf:metadata/opf:meta[@property='{name}']", NS)
        return [element.text or "" for element in elements]

    def href_of(self, **wanted: str) -> str:
        """The file name of the manifest item whose attributes have the `wanted` values."""
        for item in self.manifest.values():
            if all(item.get(name.replace("_", "-")) == value for name, value in wanted.items()):
                return attribute(item, "href")
        raise AssertionError(f"no manifest item with {wanted}")

    def nav(self) -> etree._Element:
        return self.xml(self.href_of(properties="nav"))

    def css(self) -> str:
        return self.zip.read(self.path(self.href_of(media_type="text/css"))).decode("utf-8")


def expected_words(item: Item) -> list[str]:
    if isinstance(item, Document):
        return document_words(item)
    words = words_of(item.title)
    for section in item.sections:
        words.extend(words_of(section.title or ""))
        for document in section.documents:
            words.extend(document_words(document))
    return words


# The books the validators check ---------------------------------------------------------------

BOOKS: dict[str, Callable[[], bytes]] = {
    **{f"sample-{name}": (lambda name=name: build(samples()[name])) for name in samples()},  # type: ignore[misc]
    **{f"hostile-{name}": (lambda name=name: build(hostile()[name])) for name in hostile()},  # type: ignore[misc]
    "many": lambda: build(many()),
    "mixed-languages": lambda: build(mixed_language_document()),
    "many-without-front-matter": lambda: build(many_article_publication(8, with_front_matter=False)),
    "no-articles": lambda: build(replace(many_article_publication(2), sections=())),
    **{
        f"style-{name}": (lambda name=name: build(many_article_publication(3), style(name)))  # type: ignore[misc]
        for name in ("classic", "modern", "large-print")
    },
}
EMBEDDED = "embedded-fonts"
"""A book with embedded fonts, checked apart: EPUBCheck notes every @font-face rule (CSS-028)."""


@pytest.fixture(scope="session")
def epubcheck_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Report]:
    """EPUBCheck's report on every book above, each book checked on its own by one JVM."""
    require_epubcheck()
    folder = tmp_path_factory.mktemp("epubcheck")
    reports: dict[str, Report] = {}
    makers: dict[str, Callable[[], bytes]] = {
        **BOOKS,
        EMBEDDED: lambda: build(hostile()["scripts"], style("default", "fonts.embed=true")),
    }
    for name, make in makers.items():
        path = folder / f"{name}.epub"
        path.write_bytes(make())
        reports[name] = epubcheck(path)
    return reports


@pytest.mark.parametrize("name", list(BOOKS))
def test_epubcheck_reports_no_message_at_all(epubcheck_reports: dict[str, Report], name: str) -> None:
    report = epubcheck_reports[name]
    assert report.messages == ()
    assert report.returncode == 0


def test_embedded_fonts_draw_only_the_font_face_usage_note(epubcheck_reports: dict[str, Report]) -> None:
    """EPUBCheck reports each use of @font-face as a usage note; embedding fonts needs @font-face."""
    messages = epubcheck_reports[EMBEDDED].messages
    assert len(messages) == 1
    assert messages[0].startswith("USAGE CSS-028: Use of Font-face declaration.")


def broken_book(folder: Path) -> Path:
    """A sample whose style sheet declares a font that is not there: a usage note and an error for EPUBCheck."""
    book = Book(build(samples()["2024-01-09-oskelund-tram-extension"]))
    broken = folder / "broken.epub"
    with zipfile.ZipFile(broken, "w") as out:
        for info in book.zip.infolist():
            data = book.zip.read(info)
            if info.filename.endswith(".css"):
                # A font-face rule is only a usage note; the missing file it names is an error.
                data += b'@font-face { font-family: "Gone"; src: url("gone.ttf"); }'
            out.writestr(info, data)
    return broken


def test_epubcheck_harness_sees_usage_notes_and_errors(tmp_path: Path) -> None:
    """The harness fails books EPUBCheck only remarks on, so a clean report above means something."""
    require_epubcheck()
    report = epubcheck(broken_book(tmp_path))
    assert report.returncode != 0
    assert any(line.startswith("USAGE") for line in report.messages), report.messages
    assert any(line.startswith("ERROR") for line in report.messages), report.messages


def test_one_jvm_for_many_books_gives_each_the_command_lines_verdict(tmp_path: Path) -> None:
    """Books checked one after another in the test process's JVM get what EPUBCheck's own command line says of each:
    nothing carries over from one book to the next."""
    require_epubcheck()
    broken = broken_book(tmp_path)
    clean = tmp_path / "clean.epub"
    clean.write_bytes(build(samples()["2024-01-22-dunmere-ferry-timetable"]))
    in_turn = [epubcheck(broken), epubcheck(clean), epubcheck(broken)]
    assert in_turn == [epubcheck_alone(broken), Report((), 0), in_turn[0]]


@pytest.mark.parametrize(
    "name",
    ["sample", "many", "mixed-languages", "hostile-rtl", "hostile-scripts", "hostile-markup", "hostile-huge_paragraph"],
)
def test_ace_reports_no_violation(tmp_path: Path, name: str) -> None:
    require_ace()
    item: Item
    if name == "sample":
        item = samples()["2024-01-09-oskelund-tram-extension"]
    elif name == "many":
        item = many()
    elif name == "mixed-languages":
        item = mixed_language_document()
    else:
        item = hostile()[name.removeprefix("hostile-")]
    book = tmp_path / f"{name}.epub"
    book.write_bytes(build(item))
    report = ace(book)
    assert report.messages == ()


def test_ace_harness_sees_violations(tmp_path: Path) -> None:
    require_ace()
    book = Book(build(samples()["2024-01-09-oskelund-tram-extension"]))
    broken = tmp_path / "broken.epub"
    with zipfile.ZipFile(broken, "w") as out:
        for info in book.zip.infolist():
            data = book.zip.read(info)
            if info.filename.endswith("content.opf"):
                data = data.replace(b'<meta property="schema:accessMode">textual</meta>', b"")
            if info.filename.endswith("article-001.xhtml"):
                data = data.replace(b'<p class="first">', b'<p class="first" style="color: #eeeeee">')
            out.writestr(info, data)
    messages = "\n".join(ace(broken).messages)
    assert "metadata-accessmode" in messages
    assert "color-contrast" in messages


# Nothing lost ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(samples()))
def test_every_word_of_a_sample_is_in_the_spine_in_order(name: str) -> None:
    document = samples()[name]
    assert_words_in_order(document_words(document), Book(build(document)).spine_text())


@pytest.mark.parametrize("name", list(hostile()))
def test_every_word_of_a_hostile_input_is_in_the_spine_in_order(name: str) -> None:
    document = hostile()[name]
    assert_words_in_order(document_words(document), Book(build(document)).spine_text())


def test_every_word_of_a_many_article_publication_is_in_the_spine_in_order() -> None:
    publication = many()
    assert_words_in_order(expected_words(publication), Book(build(publication)).spine_text())


@settings(max_examples=60)
@given(documents())
def test_every_word_of_a_generated_document_is_in_the_spine_in_order(document: Document) -> None:
    book = Book(build(document))
    assert_words_in_order(document_words(document), book.spine_text())


@settings(max_examples=3)
@given(st.lists(documents(), min_size=1, max_size=4))
def test_generated_publications_pass_epubcheck(tmp_path_factory: pytest.TempPathFactory, docs: list[Document]) -> None:
    require_epubcheck()
    publication = Publication(
        title="Generated",
        language="en",
        identifier=content_identifier(*(doc.metadata.identifier for doc in docs)),
        sections=(Section("Generated articles", tuple(docs)),),
        front_matter=FrontMatter(cover=True, title_page=True, contents=True),
    )
    path = tmp_path_factory.mktemp("generated") / "generated.epub"
    data = build(publication)
    path.write_bytes(data)
    assert_words_in_order(expected_words(publication), Book(data).spine_text())
    assert epubcheck(path).messages == ()


def test_ebooklib_packs_the_content_documents_byte_for_byte() -> None:
    """ebooklib re-parses EpubHtml items; the writer hands it plain items, which it must store as they are."""
    document = hostile()["markup"]
    layout = lay_out(publication_of(document))
    page = layout.pages[0]
    assert isinstance(page, ArticlePage)
    book = Book(build(document))
    assert book.zip.read(book.path(page.file_name)) == article_page(page, BlockBuilder())


def test_markup_characters_stay_text() -> None:
    book = Book(build(hostile()["markup"]))
    article = book.xml(book.spine[0])
    text = text_of(one(article, "h:body"))
    assert "<b>not bold</b>" in text
    assert "<![CDATA[ raw ]]>" in text
    assert "AT&T said x<y" in text
    tags = {etree.QName(element).localname for element in article.iter(etree.Element)}
    assert tags.isdisjoint({"b", "font", "img", "para", "script"})


def test_forbidden_characters_are_removed_with_one_warning() -> None:
    document = Document(
        Metadata("Bell\x07 title", dt.date(2024, 5, 1), "en", "made.txt", content_identifier("made"), 3),
        (Paragraph((Text("one\x00 two\x1b three\ufffe four\ud800"),)),),
    )
    warnings: list[str] = []
    book = Book(build(document, warnings=warnings))
    assert warnings == ["removed 5 control characters that XML cannot carry"]
    assert_words_in_order(["Bell", "title", "one", "two", "three", "four"], book.spine_text())


def test_links_become_anchors_and_unusable_ones_keep_their_text() -> None:
    url = "https://bücher.example/ä?q=1&r=<2>#frag#ment"
    document = Document(
        Metadata("Links", None, "en", "links.txt", content_identifier("links"), 4),
        (
            Paragraph(
                (
                    Link(url, (Text("first"),)),
                    Text(" and "),
                    Link("javascript:alert(1)", (Text("second"), Link("https://example.org/", (Text("inner"),)))),
                    Link("https://exa mple.org/", (Text("spaced"),)),
                )
            ),
        ),
    )
    warnings: list[str] = []
    book = Book(build(document, warnings=warnings))
    anchors = book.xml(book.spine[0]).findall(".//h:a", NS)
    assert [(anchor.get("href"), anchor.text) for anchor in anchors] == [
        ("https://xn--bcher-kva.example/%C3%A4?q=1&r=%3C2%3E#frag%23ment", "first"),
        ("https://example.org/", "inner"),
    ]
    assert warnings == [
        "kept the text of a link to 'javascript:alert(1)' but not the link: not a web address",
        "kept the text of a link to 'https://exa mple.org/' but not the link: not a web address",
    ]
    assert_words_in_order(["first", "and", "secondinnerspaced"], book.spine_text())


# Same bytes -----------------------------------------------------------------------------------


def test_two_builds_give_the_same_bytes() -> None:
    assert build(many()) == build(many())


@pytest.mark.parametrize("overrides", [(), ("fonts.embed=true",)])  # embedded: every face cut anew in each
def test_builds_in_separate_processes_give_the_same_bytes(overrides: tuple[str, ...]) -> None:
    script = (
        "import sys, convert; from tests.corpus import many_article_publication; "
        f"sheet = convert.load_style('default', {list(overrides)!r}); "
        "sys.stdout.buffer.write(convert.render(many_article_publication(12), 'epub', sheet))"
    )
    digests = set()
    for seed in ("1", "2"):
        done = subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            check=True,
            timeout=300,
        )
        digests.add(hashlib.sha256(done.stdout).hexdigest())
    assert digests == {hashlib.sha256(build(many_article_publication(12), style("default", *overrides))).hexdigest()}


def test_zip_container_is_fixed() -> None:
    publication = many()
    infos = Book(build(publication)).zip.infolist()
    first = infos[0]
    assert (first.filename, first.compress_type, first.extra) == ("mimetype", zipfile.ZIP_STORED, b"")
    stamp = publication.modified
    assert stamp is not None
    assert {info.date_time for info in infos} == {stamp.timetuple()[:6]}
    assert all(info.filename.isascii() for info in infos)


def test_an_undated_article_without_time_takes_the_zip_epoch() -> None:
    document = hostile()["undated"]
    data = build(publication_of(document))
    book = Book(data)
    assert book.metadata("dcterms:modified") == ["1980-01-01T00:00:00Z"]
    assert book.metadata("dc:date") == []


# What the book says about itself --------------------------------------------------------------


def test_package_metadata() -> None:
    publication = many()
    book = Book(build(publication))
    assert book.opf.get(XML_LANG) == "en"
    assert book.metadata("dc:identifier") == [publication.identifier]
    assert book.metadata("dc:title") == ["News digest"]
    assert book.metadata("dc:language") == ["en"]
    assert book.metadata("dc:date") == [publication.date.isoformat() if publication.date else ""]
    assert book.metadata("dcterms:modified") == ["2024-03-01T00:00:00Z"]
    # The generated cover is a picture, so the book is visual too; its text alternative keeps text sufficient.
    assert book.metadata("schema:accessMode") == ["textual", "visual"]
    assert book.metadata("schema:accessModeSufficient") == ["textual"]
    assert book.metadata("schema:accessibilityFeature") == [
        "structuralNavigation",
        "tableOfContents",
        "readingOrder",
        "alternativeText",
    ]
    assert book.metadata("schema:accessibilityHazard") == ["none"]
    assert len(book.metadata("schema:accessibilitySummary")[0]) > 50


def test_single_article_takes_its_dates_from_the_article() -> None:
    document = samples()["2024-01-09-oskelund-tram-extension"]
    book = Book(build(document))
    assert book.metadata("dc:date") == ["2024-01-09"]
    assert book.metadata("dcterms:modified") == ["2024-01-09T00:00:00Z"]
    assert book.metadata("dc:identifier") == [document.metadata.identifier]
    assert book.spine == ["article-001.xhtml"]


def test_article_markup_is_semantic() -> None:
    document = samples()["2024-01-09-oskelund-tram-extension"]
    book = Book(build(document))
    html = book.xml(book.spine[0])
    assert html.get("lang") == html.get(XML_LANG) == "en"
    article = one(html, "h:body/h:article")
    assert one(article, "h:header/h:h1").text == bind_spaces(document.metadata.title)
    time = one(article, "h:header/h:p/h:time")
    assert (time.get("datetime"), time.text) == ("2024-01-09", "9\u00a0January\u00a02024")
    quotes = article.findall(".//h:span[@class='quote']", NS)
    assert quotes and article.find(".//h:q", NS) is None
    assert text_of(quotes[0]).startswith("\u201c")
    assert one(article, "h:p").get("class") == "first"


def test_parts_in_another_language_carry_it() -> None:
    html = (book := Book(build(mixed_language_document()))).xml(book.spine[0])
    assert html.get("lang") == "en"
    marks = [(p.get("lang"), p.get(XML_LANG)) for p in html.iterfind(".//h:article/h:p", NS)]
    assert marks == [(None, None), ("ar", "ar"), (None, None), (None, None)]
    spans = [
        (span.get("lang"), span.get(XML_LANG), text_of(span)) for span in html.iterfind(".//h:p//h:span[@lang]", NS)
    ]
    assert spans == [
        ("ko", "ko", "\uae40\uc9c0\uc6d0"),
        ("ja", "ja", "\u5c71\u7530\u3055\u304f\u3089"),
        ("he", "he", bind_spaces(language_runs(MIXED_LANGUAGES[2], "en")[1][1])),
    ]
    title = one(html, ".//h:article/h:header/h:h1")  # the title is the first sentence: the names are in it
    assert [span.get("lang") for span in title.iterfind("h:span", NS)] == ["ko", "ja"]


def test_right_to_left_text_is_marked() -> None:
    book = Book(build(hostile()["rtl"]))
    html = book.xml(book.spine[0])
    assert (html.get("lang"), html.get("dir")) == ("ar", "rtl")
    assert [p.get("dir") for p in html.iterfind(".//h:article/h:p", NS)] == [None, None, "ltr", None]
    assert one(book.opf, "opf:spine").get("page-progression-direction") == "rtl"
    mixed = Book(build(hostile()["scripts"]))
    directions = [p.get("dir") for p in mixed.xml(mixed.spine[0]).iterfind(".//h:article/h:p", NS)]
    assert directions.count("rtl") == 2


def test_navigation_lists_every_article_and_heading_and_the_landmarks() -> None:
    base = many_article_publication(6)
    first = base.sections[0].documents[0]
    with_headings = Document(
        first.metadata,
        (Heading(1, (Text("Background"),)), *first.blocks[:2], Heading(2, (Text("Detail"),)), *first.blocks[2:]),
    )
    sections = (Section(base.sections[0].title, (with_headings, *base.sections[0].documents[1:])), *base.sections[1:])
    publication = replace(base, sections=sections)
    book = Book(build(publication))
    nav = book.nav()
    toc = one(nav, ".//h:nav[@epub:type='toc']")
    labels = [anchor.text for anchor in toc.iterfind(".//h:a", NS)]
    titles = [bind_spaces(doc.metadata.title) for doc in publication.documents]
    for title in titles:
        assert title in labels
    assert labels.index("Background") == labels.index(titles[0]) + 1
    assert labels.index("Detail") == labels.index("Background") + 1
    # "Detail" sits in the list nested under "Background": li[a=Background]/ol/li/a[.=Detail].
    assert toc.find(".//h:li[h:a='Background']/h:ol/h:li/h:a[.='Detail']", NS) is not None
    landmarks = [a.get(EPUB_TYPE) for a in nav.iterfind(".//h:nav[@epub:type='landmarks']//h:a", NS)]
    assert landmarks == ["cover", "titlepage", "toc", "bodymatter"]
    ncx = book.xml("toc.ncx")
    ncx_labels = [text.text for text in ncx.iterfind(".//ncx:navLabel/ncx:text", NS)]
    assert ncx_labels == labels
    # Group → article → "Background" → "Detail": four levels.
    assert one(ncx, "ncx:head/ncx:meta[@name='dtb:depth']").get("content") == "4"
    spine = book.spine
    assert spine[:3] == ["cover.xhtml", "titlepage.xhtml", "nav.xhtml"]
    assert {attribute(a, "href").split("#")[0] for a in toc.iterfind(".//h:a", NS)} <= set(spine)


def test_a_sixty_thousand_word_paragraph_is_split_into_readable_files() -> None:
    document = hostile()["huge_paragraph"]
    book = Book(build(document))
    spine = book.spine
    assert len(spine) >= 8
    for href in spine:
        data = book.zip.read(book.path(href))
        assert len(data) < 3 * MAX_FILE_CHARS + 10_000
        one(book.xml(href), "h:body/h:article")
    assert_words_in_order(document_words(document), book.spine_text())
    assert one(book.xml(spine[1]), "h:body/h:article/h:p").get("class") == "continued"


def test_style_sheet_follows_the_style() -> None:
    css = Book(build(samples()["2024-01-09-oskelund-tram-extension"])).css()
    assert re.search(r"body \{[^}]*font-size: 100%;", css)  # the reader's chosen size
    assert re.search(r'body \{[^}]*font-family: "Noto Serif"', css)
    assert re.search(r"body \{[^}]*text-align: justify;[^}]*hyphens: auto;", css)
    # The PDF's hyphenation rules, as CSS says them: 2 letters before, 3 after, one hyphen in a row, none last.
    assert re.search(r"body \{[^}]*hyphenate-limit-chars: 6 2 3;[^}]*hyphenate-limit-lines: 1;", css)
    assert re.search(r"body \{[^}]*hyphenate-limit-last: always;", css)
    assert re.search(r"h1\.title \{[^}]*font-family: \"Noto Sans\"[^}]*font-weight: bold;", css)
    assert re.search(r"span\.quote \{[^}]*color: #", css)
    assert "@font-face" not in css
    large = Book(build(samples()["2024-01-09-oskelund-tram-extension"], style("large-print"))).css()
    assert re.search(r"body \{[^}]*font-size: 100%;[^}]*hyphens: manual;", large)
    assert "hyphenate-limit" not in large
    assert re.search(r"h1\.title \{[^}]*font-size: [0-9.]+em;", large)  # sizes relative to the body


def test_right_to_left_text_is_set_as_the_pdf_sets_it() -> None:
    book = Book(build(hostile()["rtl"], style("classic")))
    css = book.css()
    # From the right margin, never justified, no first-line indent, quotations upright.
    assert re.search(
        r'\[dir="rtl"\] p, p\[dir="rtl"\] \{[^}]*text-align: right;[^}]*text-align: start;[^}]*text-indent: 0;', css
    )
    assert re.search(r'\[dir="rtl"\] span\.quote \{[^}]*font-style: normal;', css)
    assert css.index('[dir="rtl"] p') > css.index("p.first {")  # later, so it wins over the justified styles
    # The date line runs left to right under the right-to-left title, lined up at the right.
    first = book.xml(book.spine[0])
    assert first.get("dir") == "rtl"
    date = one(first, ".//h:p[@class='date']")
    assert date.get("dir") == "ltr" and re.search(r'p\.date\[dir="ltr"\] \{[^}]*text-align: right;', css)


def test_embedded_fonts_are_declared_and_packed() -> None:
    book = Book(build(hostile()["scripts"], style("default", "fonts.embed=true")))
    fonts = [item for item in book.manifest.values() if item.get("media-type") == "font/ttf"]
    css = book.css()
    for item in fonts:
        href = attribute(item, "href")
        assert f'url("{href}")' in css
        assert book.zip.read(book.path(href))[:4] == b"\x00\x01\x00\x00"
    families = set(re.findall(r'@font-face \{\s*font-family: "([^"]+)"', css))
    assert {"Noto Serif", "Noto Sans", "Amiri"} <= families  # Arabic body text in the serif sheet: Amiri


def test_quote_keeps_its_marks_in_the_text() -> None:
    document = Document(
        Metadata("Quotes", None, "en", "q.txt", content_identifier("q"), 2),
        (Paragraph((Quote((Text("\u201cYes,\u201d"),)), Text(" she said."))),),
    )
    book = Book(build(document))
    # Not a `<q>`: calibre's MOBI output and reading systems without the style sheet add marks to one.
    assert one(book.xml(book.spine[0]), ".//h:span[@class='quote']").text == "\u201cYes,\u201d"
