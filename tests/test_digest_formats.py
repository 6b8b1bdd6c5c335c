"""The digest of the samples in every format, made by the command line: validators, front matter, contents, bytes.

Each digest is built once per module (with one worker and with two) and every check reads those files.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import struct
import subprocess
import sys
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any

import pytest
from lxml import etree
from PIL import Image

import convert
from convert.model import Document, Publication
from convert.model.digest import make_digest
from convert.model.jsonform import loads
from convert.text.phrases import written_date
from convert.text.spacing import bind_spaces
from convert.writers.docx.bands import WP_NS as WP
from tests.corpus import SEEDS, document_words, many_article_publication, sample_documents
from tests.corpus import assert_words_in_order as assert_text_words_in_order
from tests.docx_validators import (
    W,
    audit,
    font_config,
    part,
    pdf_pages,
    pdf_text,
    print_to_pdf,
    reference_problems,
    sheet_faces,
)
from tests.epub_validators import Report, ace, epubcheck, require_ace, require_epubcheck
from tests.json_support import VALIDATOR
from tests.pdf_support import (
    assert_contains_letters,
    assert_words_in_order,
    pypdf_pages,
    reader,
    significant_words,
)

FORMATS = ("epub", "pdf", "docx", "json")
SUFFIXES = {"epub": ".epub", "pdf": ".pdf", "docx": ".docx", "json": ".json"}
COMMAND = [sys.executable, "-m", "convert"]
NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "h": "http://www.w3.org/1999/xhtml",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "epub": "http://www.idpf.org/2007/ops",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DATE_RANGE = "9 January \u2013 27 March 2024"
"""The span of the samples' dates, as the digest's default title and subtitle write it."""


# Building ---------------------------------------------------------------------------------------


def run_convert(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`convert ARGS…` in a process of its own, as a user runs it; it must succeed."""
    done = subprocess.run(
        [*COMMAND, *args], cwd=folder, capture_output=True, text=True, timeout=900, check=False, env=os.environ.copy()
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def outputs(folder: Path) -> dict[str, bytes]:
    """Every file a run wrote except its manifest, by path under `folder`."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != "manifest.json"
    }


@dataclass(frozen=True, slots=True)
class Built:
    """The digests and per-article outputs the module checks."""

    folder: Path
    digest: dict[str, bytes]
    """Format -> the digest's bytes, built with one worker."""
    digest_paths: dict[str, Path]
    two_workers: dict[str, bytes]
    """Format -> the digest's bytes, built with two workers."""
    articles: tuple[dict[str, bytes], dict[str, bytes]]
    """Every per-article output of the samples, with one worker and with two."""

    @property
    def publication(self) -> Publication:
        item = loads(self.digest["json"], "digest.json")
        assert isinstance(item, Publication)
        return item


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    folder = tmp_path_factory.mktemp("digest")
    targets = ",".join(FORMATS)
    runs = {}
    for jobs in ("1", "2"):
        run_convert(folder, str(SEEDS), "--to", targets, "--digest", "--jobs", jobs, "--out", f"digest-{jobs}")
        run_convert(folder, str(SEEDS), "--to", targets, "--jobs", jobs, "--out", f"articles-{jobs}")
        runs[jobs] = outputs(folder / f"digest-{jobs}")
    paths: dict[str, Path] = {}
    for fmt in FORMATS:
        found = [path for path in (folder / "digest-1").glob(f"*{SUFFIXES[fmt]}") if path.name != "manifest.json"]
        assert len(found) == 1, found
        paths[fmt] = found[0]
    return Built(
        folder=folder,
        digest={fmt: path.read_bytes() for fmt, path in paths.items()},
        digest_paths=paths,
        two_workers={fmt: runs["2"][path.name] for fmt, path in paths.items()},
        articles=(outputs(folder / "articles-1"), outputs(folder / "articles-2")),
    )


def expected_digest() -> Publication:
    """The library's digest of the samples, which the command line must have written."""
    return make_digest(sample_documents())


def contents_of(publication: Publication) -> list[tuple[str, list[str]]]:
    """Each group's title with its articles' titles, in reading order."""
    return [
        (section.title or "", [document.metadata.title for document in section.documents])
        for section in publication.sections
    ]


def shown_contents(publication: Publication) -> list[tuple[str, list[str]]]:
    """`contents_of` as the EPUB and DOCX spell it: no line breaks inside a date or a count."""
    return [
        (bind_spaces(group), [bind_spaces(title) for title in titles]) for group, titles in contents_of(publication)
    ]


def words_label(document: Document) -> str:
    count = document.metadata.word_count
    return f"{count} word{'' if count == 1 else 's'}"


def dated(document: Document) -> str:
    """An article's date as the writers print it: "9 January 2024"."""
    assert document.metadata.date is not None
    return written_date(document.metadata.date)


def all_text(element: etree._Element) -> str:
    """The text inside `element`, in document order."""
    return "".join(str(part) for part in element.itertext())


def one_line(text: str) -> str:
    return " ".join(text.split())


# The command line and the library agree ----------------------------------------------------------


def test_the_digest_is_written_once_per_format_under_the_title_slug(built: Built) -> None:
    publication = built.publication
    assert publication.title == f"News digest, {DATE_RANGE}"
    assert publication.subtitle == f"11 articles, {DATE_RANGE}"
    assert {path.name for path in built.digest_paths.values()} == {
        f"news-digest-9-january-27-march-2024{suffix}" for suffix in SUFFIXES.values()
    }
    assert replace(publication, modified=None) == expected_digest()
    assert [len(section.documents) for section in publication.sections] == [1, 2, 1, 1, 1, 1, 1, 1, 1, 1]


# EPUB -------------------------------------------------------------------------------------------


class Epub:
    """An EPUB opened from its bytes: package document, spine and files."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        rootfile = container.find(".//c:rootfile", NS)
        assert rootfile is not None
        self.opf_path = PurePosixPath(rootfile.get("full-path", ""))
        self.opf = etree.fromstring(self.zip.read(str(self.opf_path)))
        self.items = {item.get("id"): item for item in self.opf.iterfind("opf:manifest/opf:item", NS)}

    def read(self, href: str) -> bytes:
        return self.zip.read(str(self.opf_path.parent / href))

    def xml(self, href: str) -> etree._Element:
        return etree.fromstring(self.read(href))

    @property
    def spine(self) -> list[str]:
        return [self.items[ref.get("idref")].get("href", "") for ref in self.opf.iterfind("opf:spine/opf:itemref", NS)]

    def item_with(self, **wanted: str) -> etree._Element:
        found = [item for item in self.items.values() if all(item.get(key) == value for key, value in wanted.items())]
        assert len(found) == 1, (wanted, found)
        return found[0]


@pytest.fixture(scope="module")
def epub_reports(built: Built) -> tuple[Report, Report]:
    """EPUBCheck's and Ace's reports on the digest, run side by side."""
    require_epubcheck()
    require_ace()
    path = built.digest_paths["epub"]
    with ThreadPoolExecutor(max_workers=2) as pool:
        checked = pool.submit(epubcheck, path)
        audited = pool.submit(ace, path)
        return checked.result(), audited.result()


def test_epubcheck_reports_no_message_on_the_digest(epub_reports: tuple[Report, Report]) -> None:
    report = epub_reports[0]
    assert report.messages == ()
    assert report.returncode == 0


def test_ace_reports_no_violation_on_the_digest(epub_reports: tuple[Report, Report]) -> None:
    report = epub_reports[1]
    assert report.messages == ()
    assert report.returncode == 0


def test_epub_declares_a_generated_cover_picture(built: Built) -> None:
    book = Epub(built.digest["epub"])
    picture = book.item_with(properties="cover-image")
    assert picture.get("media-type") == "image/png"
    covers = book.opf.findall("opf:metadata/opf:meta[@name='cover']", NS)
    assert [meta.get("content") for meta in covers] == [picture.get("id")]
    assert book.spine[:3] == ["cover.xhtml", "titlepage.xhtml", "nav.xhtml"]
    page = book.xml("cover.xhtml")
    images = page.findall(".//h:img", NS)
    assert len(images) == 1
    image = images[0]
    assert image.get("src") == picture.get("href")
    alt = image.get("alt", "")
    for said in (f"News digest, {DATE_RANGE}", "11 articles"):
        assert said in alt
    guide = book.opf.find("opf:guide/opf:reference[@type='cover']", NS)
    assert guide is not None and guide.get("href") == "cover.xhtml"
    accessible = [meta.text for meta in book.opf.iterfind("opf:metadata/opf:meta[@property='schema:accessMode']", NS)]
    assert accessible == ["textual", "visual"]


def png_chunks(data: bytes) -> list[str]:
    """The chunk types of a PNG file, in order."""
    assert data.startswith(PNG_SIGNATURE)
    chunks: list[str] = []
    offset = len(PNG_SIGNATURE)
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        chunks.append(data[offset + 4 : offset + 8].decode("ascii"))
        offset += 12 + length
    return chunks


def test_the_cover_picture_is_a_plain_png_of_the_cover_size(built: Built) -> None:
    book = Epub(built.digest["epub"])
    data = book.read(book.item_with(properties="cover-image").get("href", ""))
    assert set(png_chunks(data)) == {"IHDR", "IDAT", "IEND"}  # no time, text or other metadata
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size, image.mode) == ("PNG", (1600, 2400), "RGB")
        colours = image.getcolors(maxcolors=1 << 16)
    assert colours is not None and len(colours) > 20  # drawn text, anti-aliased, not an empty page
    style = convert.load_style("default")
    accent = style.section.color
    with Image.open(io.BytesIO(data)) as image:
        assert image.getpixel((800, 10)) == (accent.red, accent.green, accent.blue)  # the band at the top
        assert image.getpixel((800, 1800)) == (255, 255, 255)


def test_epub_navigation_and_ncx_list_groups_then_articles(built: Built) -> None:
    book = Epub(built.digest["epub"])
    expected = shown_contents(built.publication)
    nav = book.xml(book.item_with(properties="nav").get("href", ""))
    toc = nav.find(".//h:nav[@epub:type='toc']", NS)
    assert toc is not None
    found: list[tuple[str, list[str]]] = []
    article_files: list[str] = []
    for group in toc.iterfind("h:ol/h:li", NS):
        link = group.find("h:a", NS)
        assert link is not None
        articles = group.findall("h:ol/h:li/h:a", NS)
        assert group.findall("h:ol/h:li/h:ol", NS) == []  # the samples have no headings: two levels only
        found.append((link.text or "", [article.text or "" for article in articles]))
        # The group's heading opens its first article's file: no page holds a heading alone.
        group_file = link.get("href", "")
        first = book.xml(group_file).find(".//h:body/h:section/h:h1", NS)
        assert first is not None and first.get("class") == "section" and first.text == link.text
        assert articles[0].get("href", "").split("#")[0] == group_file
        article_files.extend(article.get("href", "") for article in articles)
    assert found == expected
    for href, document in zip(article_files, built.publication.documents, strict=True):
        file, _, anchor = href.partition("#")
        article = book.xml(file).find(f".//h:article[@id='{anchor}']" if anchor else ".//h:article", NS)
        assert article is not None
        title = article.find("h:header/h:h1", NS)
        assert title is not None and title.text == bind_spaces(document.metadata.title)
    ncx = book.xml("toc.ncx")
    points = ncx.findall("ncx:navMap/ncx:navPoint", NS)
    ncx_found = [
        (
            point.findtext("ncx:navLabel/ncx:text", "", NS),
            [child.findtext("ncx:navLabel/ncx:text", "", NS) for child in point.findall("ncx:navPoint", NS)],
        )
        for point in points
    ]
    assert ncx_found == expected
    depth = ncx.find("ncx:head/ncx:meta[@name='dtb:depth']", NS)
    assert depth is not None and depth.get("content") == "2"
    sources = [child.find("ncx:content", NS) for point in points for child in point.findall("ncx:navPoint", NS)]
    assert [None if source is None else source.get("src") for source in sources] == article_files


def test_epub_holds_every_word_in_order_and_each_article_its_date_line(built: Built) -> None:
    book = Epub(built.digest["epub"])
    bodies = [book.xml(href).find("h:body", NS) for href in book.spine]
    text = "\n".join(all_text(body) for body in bodies if body is not None)
    expected = [word for document in built.publication.documents for word in document_words(document)]
    assert_text_words_in_order(expected, text)
    lines = [
        one_line(all_text(line))
        for href in book.spine
        for line in book.xml(href).iterfind(".//h:article/h:header/h:p[@class='date']", NS)
    ]
    assert lines == [f"{dated(document)} \u00b7 {words_label(document)}" for document in built.publication.documents]


# PDF --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Bookmark:
    depth: int
    title: str
    page: int


def bookmarks(data: bytes) -> list[Bookmark]:
    """The outline, depth first, with the 1-based page each entry goes to."""
    pdf = reader(data)
    found: list[Bookmark] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                page = pdf.get_destination_page_number(item)
                assert page is not None
                found.append(Bookmark(depth, str(item.title), page + 1))

    walk(pdf.outline, 0)
    return found


def test_pdf_page_one_is_a_cover_then_a_title_page_then_the_contents(built: Built) -> None:
    pages = pypdf_pages(built.digest["pdf"])
    cover = one_line(pages[0])
    for said in (f"News digest, {DATE_RANGE}", "11 articles"):
        assert said in cover
    assert "Page 1 of" not in cover  # a cover has no page number (and no running header)
    title_page = one_line(pages[1])
    assert f"News digest, {DATE_RANGE}" in title_page and f"Page 2 of {len(pages)}" in title_page
    assert "Contents" in pages[2].splitlines()[:3]
    # The lines the DOCX breaks the title into (test_docx_starts_with_a_cover_then_a_title_page_then_the_contents).
    assert [line.strip() for line in pages[0].splitlines()[:3]] == ["News digest,", "9 January \u2013", "27 March 2024"]
    assert [line.strip() for line in pages[1].splitlines()[:2]] == ["News digest,", DATE_RANGE]


def test_pdf_outline_has_groups_then_articles_each_on_a_new_page(built: Built) -> None:
    marks = bookmarks(built.digest["pdf"])
    expected = contents_of(built.publication)
    assert [mark.depth for mark in marks] == [depth for _, titles in expected for depth in (0, *[1] * len(titles))]
    assert [mark.title for mark in marks if mark.depth == 0] == [group for group, _ in expected]
    assert [mark.title for mark in marks if mark.depth == 1] == [title for _, titles in expected for title in titles]
    starts = [mark.page for mark in marks if mark.depth == 1]
    assert starts[0] == 4  # after the cover, the title page and the contents
    assert starts == sorted(set(starts))
    for index, mark in enumerate(marks):
        if mark.depth == 0:  # a group opens on the page of its first article
            assert mark.page == marks[index + 1].page


def test_pdf_contents_page_lists_every_entry_with_its_page_and_a_link_there(built: Built) -> None:
    data = built.digest["pdf"]
    marks = bookmarks(data)
    contents = pypdf_pages(data)[2]
    position = 0
    for mark in marks:
        pattern = r"\s+".join(re.escape(word) for word in mark.title.split()) + r"[\s.]*?\.\s*(\d+)"  # dots lead to it
        match = re.compile(pattern).search(contents, position)
        assert match is not None, (mark, contents[position : position + 200])
        assert int(match.group(1)) == mark.page, mark
        position = match.end()
    pdf = reader(data)
    page_numbers = {page.indirect_reference.idnum: number for number, page in enumerate(pdf.pages, start=1)}  # type: ignore[union-attr]
    links = [annotation.get_object() for annotation in pdf.pages[2].get("/Annots", [])]
    destinations = [link["/Dest"] for link in links if link.get("/Subtype") == "/Link"]
    # A title wrapped onto two lines is a link per line, both to the same place.
    places = [(page_numbers[dest[0].idnum], float(dest[3])) for dest in destinations]
    targets = [place for index, place in enumerate(places) if index == 0 or place != places[index - 1]]
    assert [page for page, _top in targets] == [mark.page for mark in marks]


def test_pdf_holds_every_word_of_every_article_in_order(built: Built) -> None:
    pages = pypdf_pages(built.digest["pdf"])
    kept = [pages[0]]
    for number, page in enumerate(pages[1:], start=2):
        lines = [line for line in page.splitlines() if line.strip()]
        if number == 2:  # the title page after the cover has its title, and no running header saying it again
            assert one_line(page).count(built.publication.title) == 1
            kept.extend(lines[:-1])
        else:
            assert lines[0] == built.publication.title  # the running header
            kept.extend(lines[1:-1])
        assert lines[-1].strip() == f"Page {number} of {len(pages)}"
    text = "\n".join(kept)
    words = [word for document in built.publication.documents for word in document_words(document)]
    assert_words_in_order(significant_words(" ".join(words)), text)
    for mark, document in zip(
        [mark for mark in bookmarks(built.digest["pdf"]) if mark.depth == 1], built.publication.documents, strict=True
    ):
        page = one_line(pages[mark.page - 1])
        assert f"{dated(document)} \u00b7 {words_label(document)}" in page
        assert document.metadata.source not in page


# DOCX -------------------------------------------------------------------------------------------


def docx_paragraphs(data: bytes) -> list[etree._Element]:
    body = part(data, "word/document.xml").find(f"{W}body")
    assert body is not None
    return body.findall(f"{W}p")


def style_of(paragraph: etree._Element) -> str:
    found = paragraph.find(f"{W}pPr/{W}pStyle")
    return "" if found is None else found.get(f"{W}val", "")


def text_of(paragraph: etree._Element) -> str:
    """The paragraph's text, a line break as a newline."""
    return "".join("\n" if node.tag == f"{W}br" else node.text or "" for node in paragraph.iter(f"{W}t", f"{W}br"))


def pages_of(paragraphs: list[etree._Element]) -> list[list[etree._Element]]:
    """Paragraphs grouped by the page breaks before them, and the section breaks after them."""
    pages: list[list[etree._Element]] = []
    section_ended = False
    for paragraph in paragraphs:
        if not pages or section_ended or paragraph.find(f"{W}pPr/{W}pageBreakBefore") is not None:
            pages.append([])
        pages[-1].append(paragraph)
        section_ended = paragraph.find(f"{W}pPr/{W}sectPr") is not None
    return pages


def test_docx_passes_openxml_audit_and_the_reference_checks(built: Built, tmp_path: Path) -> None:
    data = built.digest["docx"]
    assert audit(data, tmp_path) == []
    assert reference_problems(data) == []


def test_docx_starts_with_a_cover_then_a_title_page_then_the_contents(built: Built) -> None:
    data = built.digest["docx"]
    pages = pages_of(docx_paragraphs(data))
    cover, title_page, contents = pages[:3]
    # The title broken at its sense, as the PDF breaks it, not after "9 January" with the date range split.
    assert [(style_of(p), text_of(p)) for p in cover] == [
        ("CoverTitle", bind_spaces("News digest,\n9 January \u2013\n27 March 2024")),
        ("CoverSubtitle", bind_spaces(f"11 articles, {DATE_RANGE}")),
    ]
    assert [(style_of(p), text_of(p)) for p in title_page] == [
        ("Title", bind_spaces(f"News digest,\n{DATE_RANGE}")),
        ("Subtitle", bind_spaces(f"11 articles, {DATE_RANGE}")),
    ]
    assert style_of(contents[0]) == "TOCHeading"
    # The cover and the title page are a section without a header; the cover has no footer either.
    front = title_page[-1].find(f"{W}pPr/{W}sectPr")
    assert front is not None and front.find(f"{W}titlePg") is not None
    assert [(node.tag.removeprefix(W), node.get(f"{W}type")) for node in front if "Reference" in node.tag] == [
        ("footerReference", "default")
    ]
    section = part(data, "word/document.xml").find(f"{W}body/{W}sectPr")
    assert section is not None and section.find(f"{W}titlePg") is None
    assert section.find(f"{W}headerReference") is not None
    styles = {node.get(f"{W}styleId"): node for node in part(data, "word/styles.xml").iter(f"{W}style")}
    for style_id, name in (("CoverTitle", "Cover Title"), ("CoverSubtitle", "Cover Subtitle")):
        assert styles[style_id].find(f"{W}name").get(f"{W}val") == name  # type: ignore[union-attr]


def test_docx_contents_link_to_bookmarks_on_each_group_and_article(built: Built) -> None:
    data = built.digest["docx"]
    paragraphs = docx_paragraphs(data)
    marks = {
        node.get(f"{W}name"): paragraph for paragraph in paragraphs for node in paragraph.iter(f"{W}bookmarkStart")
    }
    entries = [
        (style_of(paragraph), link.get(f"{W}anchor"), text_of(link).replace("\n", " "))  # broken as the PDF breaks it
        for paragraph in paragraphs
        for link in paragraph.iter(f"{W}hyperlink")
        if link.get(f"{W}anchor") is not None  # a link inside the document, not one of the articles' web links
    ]
    expected = shown_contents(built.publication)
    assert [(style, text) for style, _, text in entries] == [
        (style, text)
        for group, titles in expected
        for style, text in (("TOC1", group), *(("TOC2", title) for title in titles))
    ]
    pages = pages_of(paragraphs)
    for style, anchor, text in entries:
        target = marks[anchor]
        assert text_of(target) == text
        assert style_of(target) == ("SectionTitle" if style == "TOC1" else "Title")
        page = next(page for page in pages if target in page)
        if style == "TOC2":  # each article opens its own page, under its group's title or at the top
            assert page[0] is target or (style_of(page[0]) == "SectionTitle" and page[1] is target)


def test_docx_articles_keep_their_date_line_with_the_word_count(built: Built) -> None:
    paragraphs = docx_paragraphs(built.digest["docx"])
    lines = [
        text_of(paragraphs[index + 1])
        for index, paragraph in enumerate(paragraphs)
        if style_of(paragraph) == "Title" and paragraph.find(f".//{W}bookmarkStart") is not None
    ]
    assert lines == [
        bind_spaces(f"{dated(document)} \u00b7 {words_label(document)}") for document in built.publication.documents
    ]


@pytest.fixture(scope="module")
def printed_docx(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The digest DOCX printed to PDF by LibreOffice, with the sheet's fonts available to it."""
    folder = tmp_path_factory.mktemp("libreoffice")
    source = folder / "digest.docx"
    source.write_bytes(built.digest["docx"])
    style = convert.load_style("default")
    fonts = font_config(folder, sheet_faces(style))
    return print_to_pdf([source], folder, fonts)[0]


def has_rtl(word: str) -> bool:
    return any("\u0590" <= char <= "\u08ff" for char in word)


def _squashed(text: str) -> str:
    """Text without white space or hyphens, which LibreOffice may add at line ends."""
    return re.sub(r"[\s\u00ad-]+", "", text)


def test_libreoffice_prints_the_cover_and_every_word_of_the_docx(printed_docx: Path) -> None:
    publication = expected_digest()
    count = pdf_pages(printed_docx)
    assert count >= 3 + len(publication.documents)
    cover = one_line(pdf_text(printed_docx, "-f", "1", "-l", "1"))
    for said in (f"News digest, {DATE_RANGE}", "11 articles"):
        assert said in cover
    assert "Page 1 of" not in cover and "Page 2 of" in pdf_text(printed_docx, "-f", "2", "-l", "2")
    text = pdf_text(printed_docx)
    words = [word for document in publication.documents for word in document_words(document)]
    # pdftotext gives right-to-left lines in its own order: their words are checked letter by letter instead.
    left_to_right = [squashed for word in words if not has_rtl(word) and (squashed := _squashed(word))]
    assert_text_words_in_order(left_to_right, _squashed(text))
    assert_contains_letters(" ".join(word for word in words if has_rtl(word)), text)


# JSON -------------------------------------------------------------------------------------------


def test_json_digest_validates_against_the_schema(built: Built) -> None:
    tree = json.loads(built.digest["json"])
    VALIDATOR.validate(tree)
    assert tree["schema"] == "convert-publication"
    assert [[doc["metadata"]["title"] for doc in section["documents"]] for section in tree["sections"]] == [
        titles for _, titles in contents_of(expected_digest())
    ]


def test_json_digest_renders_again_to_the_same_bytes_in_every_format(built: Built) -> None:
    again = built.folder / "again"
    run_convert(built.folder, str(built.digest_paths["json"]), "--to", ",".join(FORMATS), "--out", str(again))
    assert {fmt: (again / path.name).read_bytes() for fmt, path in built.digest_paths.items()} == built.digest


# Same bytes -------------------------------------------------------------------------------------


def test_one_or_two_workers_write_the_same_digest_bytes(built: Built) -> None:
    digests = {fmt: hashlib.sha256(data).hexdigest() for fmt, data in built.digest.items()}
    assert {fmt: hashlib.sha256(data).hexdigest() for fmt, data in built.two_workers.items()} == digests


def test_one_or_two_workers_write_the_same_article_bytes(built: Built) -> None:
    one, two = built.articles
    assert len(one) == len(FORMATS) * len(sample_documents())
    assert {Path(name).suffix for name in one} == set(SUFFIXES.values())
    assert {name: hashlib.sha256(data).hexdigest() for name, data in two.items()} == {
        name: hashlib.sha256(data).hexdigest() for name, data in one.items()
    }


# Single articles keep their plain front ----------------------------------------------------------


def test_single_articles_get_no_cover_but_the_same_date_line_with_word_count(built: Built) -> None:
    one, _two = built.articles
    document = sample_documents()[0]
    stem = Path(document.metadata.source).stem
    book = Epub(one[f"{stem}.epub"])
    assert book.spine == ["article-001.xhtml"]
    assert [item for item in book.items.values() if item.get("properties") == "cover-image"] == []
    modes = [meta.text for meta in book.opf.iterfind("opf:metadata/opf:meta[@property='schema:accessMode']", NS)]
    assert modes == ["textual"]
    line = book.xml("article-001.xhtml").find(".//h:header/h:p[@class='date']", NS)
    assert line is not None and one_line(all_text(line)) == f"{dated(document)} \u00b7 {words_label(document)}"
    pages = pypdf_pages(one[f"{stem}.pdf"])
    assert f"Page 1 of {len(pages)}" in pages[0]
    expected = f"{dated(document)} \u00b7 {words_label(document)}"
    assert expected in one_line(pages[0])
    docx = one[f"{stem}.docx"]
    paragraphs = docx_paragraphs(docx)
    assert [style_of(paragraph) for paragraph in paragraphs[:2]] == ["Title", "Subtitle"]
    assert text_of(paragraphs[1]) == bind_spaces(expected)
    # A different first page: the article's title, and no running header above it; the footer stays.
    section = part(docx, "word/document.xml").find(f"{W}body/{W}sectPr")
    assert section is not None and section.find(f"{W}titlePg") is not None
    references = sorted((node.tag.removeprefix(W), node.get(f"{W}type")) for node in section if "Reference" in node.tag)
    assert references == [("footerReference", "default"), ("footerReference", "first"), ("headerReference", "default")]


def test_a_title_too_long_for_the_cover_is_cut_short_there_and_kept_whole_after() -> None:
    words = [f"word{index}" for index in range(600)]
    publication = replace(many_article_publication(2), title=" ".join(words))
    pages = pypdf_pages(convert.render(publication, "pdf"))
    cover = one_line(pages[0])
    assert cover.startswith("word0 word1 ") and "\u2026" in cover and "2 articles" in cover
    assert "word599" not in cover and "Page 1 of" not in cover
    assert f"Page 2 of {len(pages)}" in pages[1]  # the cover took one page
    assert_text_words_in_order(words, one_line(" ".join(pages[1:])))
    books = [Epub(convert.render(publication, "epub")) for _ in range(2)]
    pictures = [book.read(book.item_with(properties="cover-image").get("href", "")) for book in books]
    assert pictures[0] == pictures[1]
    alt = books[0].xml("cover.xhtml").find(".//h:img", NS)
    assert alt is not None and " ".join(words) in alt.get("alt", "")  # the text alternative has it whole


def test_libreoffice_sees_the_docx_outline_the_pdf_has(built: Built, printed_docx: Path) -> None:
    """Groups, then their articles, as outline levels (Word's navigation pane, LibreOffice's Navigator):
    LibreOffice's PDF of the DOCX bookmarks exactly what ours does."""

    def outline(data: bytes) -> list[tuple[int, str]]:
        return [(mark.depth, one_line(mark.title)) for mark in bookmarks(data)]

    ours = outline(built.digest["pdf"])
    assert [depth for depth, _title in ours[:2]] == [0, 1]
    assert outline(printed_docx.read_bytes()) == ours
    levels = [node.get(f"{W}val") for node in part(built.digest["docx"], "word/document.xml").iter(f"{W}outlineLvl")]
    assert levels.count("0") == len(built.publication.sections) and levels.count("1") == len(
        built.publication.documents
    )


def test_the_docx_cover_has_the_accent_bands_and_rule_the_pdf_paints(
    built: Built, printed_docx: Path, tmp_path: Path
) -> None:
    """Both formats' page 1, rendered (ours by poppler, the DOCX by LibreOffice) at one pixel a point:
    the accent colour across the top and the bottom of the page, and the rule under the title at the
    same height and width."""
    accent = convert.load_style("default").section.color
    expected = (accent.red, accent.green, accent.blue)
    rules = {}
    for name, pdf in (("ours", built.folder / "ours.pdf"), ("docx", printed_docx)):
        if name == "ours":
            pdf.write_bytes(built.digest["pdf"])
        prefix = tmp_path / name
        subprocess.run(["pdftoppm", "-r", "72", "-png", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True)
        with Image.open(next(tmp_path.glob(f"{name}*.png"))) as image:
            page = image.convert("RGB")
        width, height = page.size
        for y in (2, round(height * 0.03), height - 2):  # inside the top band (6 %) and the bottom one (1.5 %)
            assert page.getpixel((width // 2, y)) == expected, (name, y)
        assert page.getpixel((width // 2, round(height * 0.1))) == (255, 255, 255), name
        between = range(round(height * 0.1), round(height * 0.9))
        rows = [y for y in between if _near(page.getpixel((width // 2, y)), expected)]
        assert rows, name
        row = rows[len(rows) // 2]
        columns = [x for x in range(width) if _near(page.getpixel((x, row)), expected)]
        rules[name] = (rows[0], columns[0], columns[-1])
    assert all(abs(ours - theirs) <= 4 for ours, theirs in zip(rules["ours"], rules["docx"], strict=True)), rules
    anchors = list(part(built.digest["docx"], "word/document.xml").iter(f"{{{WP}}}anchor"))
    assert [anchor.get("behindDoc") for anchor in anchors] == ["1", "1", "1"]  # the bands and the rule, on the cover


def _near(pixel: object, colour: tuple[int, int, int]) -> bool:
    """A pixel of `colour`, allowing for the blend of an edge."""
    assert isinstance(pixel, tuple)
    return all(abs(int(value) - wanted) <= 40 for value, wanted in zip(pixel[:3], colour, strict=True))
