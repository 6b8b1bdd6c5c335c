"""The digest's contents page in PDF, DOCX and EPUB: hanging indents from one rule, dot leaders, and
page numbers that are the pages LibreOffice, printing our DOCX, puts every article on, as our PDF does."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

import convert
from convert.model import Publication
from convert.model.digest import make_digest
from convert.writers.common.contents import entry_indents
from tests.corpus import sample_documents
from tests.docx_validators import W, cached_page_numbers, font_config, part, pdf_text, print_to_pdf, sheet_faces
from tests.pdf_support import outline_pages, poppler_text, pypdf_pages

SHEETS = ("default", "classic", "modern", "large-print")


@pytest.fixture(scope="module")
def digest() -> Publication:
    return make_digest(sample_documents())


def contents_lines(data: bytes, tmp_path: Path, page: int = 3) -> list[tuple[float, float, str]]:
    """Each line poppler finds on a page of our PDF: its left and right edges and its words."""
    html = poppler_text(data, tmp_path, "-bbox-layout", "-f", str(page), "-l", str(page))
    found = []
    for match in re.finditer(
        r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(.*?)</line>', html, re.S
    ):
        words = " ".join(re.findall(r">([^<]*)</word>", match.group(3)))
        found.append((float(match.group(1)), float(match.group(2)), words))
    return found


def test_pdf_entries_hang_and_lead_dots_to_their_page_numbers(digest: Publication, tmp_path: Path) -> None:
    style = convert.load_style("default")
    data = convert.render(digest, "pdf", style=style)
    lines = contents_lines(data, tmp_path)
    page = style.page
    left = page.margin_left
    right = page.width - page.margin_right
    toc2 = entry_indents(style.toc2)
    starts = outline_pages(data)
    numbered = [line for line in lines if re.search(r"\.\s*\d+$", line[2])]
    assert len(numbered) == len(starts)  # every entry ends with dots and its number
    assert [int(line[2].rsplit(None, 1)[-1]) for line in numbered] == list(starts.values())
    for _x_min, x_max, words in numbered:
        assert re.search(r"(\. ?){3,}\d+$", words), words
        assert x_max == pytest.approx(right, abs=0.5)  # numbers end at the right margin
    # An article's first line starts at toc2's left indent; the lines a title wraps onto one em further in.
    first_lines = {round(x - left, 1) for x, _, words in lines[2:] if not words.startswith("Week of")}
    assert round(toc2.first_line, 1) in first_lines and round(toc2.left, 1) in first_lines
    assert toc2.left - toc2.first_line == pytest.approx(style.toc2.size)
    # Titles stop short of the number column: only dots and numbers reach into it.
    column = right - toc2.right
    for _x, x_max, words in lines[2:]:
        if not re.search(r"\d+$", words):
            assert x_max <= column + 0.5, words


def test_docx_entries_hang_as_the_pdfs_and_end_in_a_dotted_tab_and_pageref(digest: Publication) -> None:
    style = convert.load_style("default")
    data = convert.render(digest, "docx", style=style)
    styles = {node.get(f"{W}styleId"): node for node in part(data, "word/styles.xml").iter(f"{W}style")}
    width = style.page.width - style.page.margin_left - style.page.margin_right
    for style_id, text_style in (("TOC1", style.toc1), ("TOC2", style.toc2)):
        indents = entry_indents(text_style)
        ind = styles[style_id].find(f"{W}pPr/{W}ind")
        assert ind is not None
        assert int(ind.get(f"{W}left", "")) == round(indents.left * 20)
        assert int(ind.get(f"{W}hanging", "")) == round(indents.hanging * 20)
        tab = styles[style_id].find(f"{W}pPr/{W}tabs/{W}tab")
        assert tab is not None
        assert (tab.get(f"{W}val"), tab.get(f"{W}leader"), tab.get(f"{W}pos")) == (
            "right",
            "dot",
            str(round(width * 20)),
        )
    document = part(data, "word/document.xml")
    entries = [
        p
        for p in document.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle[@{W}val='TOC1']") is not None
        or p.find(f"{W}pPr/{W}pStyle[@{W}val='TOC2']") is not None
    ]
    assert entries
    for paragraph in entries:
        link = paragraph.find(f"{W}hyperlink")
        instruction = paragraph.find(f".//{W}instrText")
        assert link is not None and instruction is not None
        assert (instruction.text or "").split() == ["PAGEREF", link.get(f"{W}anchor"), "\\h"]
        assert paragraph.find(f"{W}r/{W}tab") is not None
        group = paragraph.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "TOC1"  # type: ignore[union-attr]
        assert (paragraph.find(f"{W}pPr/{W}keepNext") is not None) == group  # a week stays with its first article


def test_epub_contents_hang_as_the_pdfs(digest: Publication) -> None:
    style = convert.load_style("default")
    data = convert.render(digest, "epub", style=style)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        css = next(archive.read(name).decode() for name in archive.namelist() if name.endswith(".css"))
    rule = re.search(r"li\.toc2 \{([^}]*)\}", css)
    assert rule is not None
    indents = entry_indents(style.toc2)
    assert f"text-indent: {-indents.hanging / style.toc2.size:.3g}em;" in rule.group(1)


@pytest.fixture(scope="module")
def printed(digest: Publication, tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, bytes, Path]]:
    """Sheet -> our PDF, our DOCX and LibreOffice's PDF of that DOCX (printed with the sheets' fonts)."""
    folder = tmp_path_factory.mktemp("contents")
    made: dict[str, tuple[bytes, bytes]] = {}
    fonts = []
    for sheet in SHEETS:
        style = convert.load_style(sheet)
        made[sheet] = convert.render(digest, "pdf", style=style), convert.render(digest, "docx", style=style)
        (folder / f"{sheet}.docx").write_bytes(made[sheet][1])
        fonts += sheet_faces(style)
    pdfs = print_to_pdf([folder / f"{sheet}.docx" for sheet in SHEETS], folder, font_config(folder, fonts))
    return {sheet: (*made[sheet], pdf) for sheet, pdf in zip(SHEETS, pdfs, strict=True)}


@pytest.mark.parametrize("sheet", SHEETS)
def test_libreoffice_starts_every_article_on_the_page_our_pdf_and_the_contents_give(
    printed: dict[str, tuple[bytes, bytes, Path]], sheet: str
) -> None:
    ours, docx, theirs = printed[sheet]
    expected = list(outline_pages(ours).values())  # LibreOffice's bookmarks spell the no-break spaces
    assert list(outline_pages(theirs.read_bytes()).values()) == expected
    contents = part(docx, "word/document.xml")
    assert cached_page_numbers(contents) == [str(page) for page in expected]
    total = len(pypdf_pages(ours))
    printed_total = int(re.search(r"Page \d+ of (\d+)", pdf_text(theirs, "-f", "2", "-l", "2")).group(1))  # type: ignore[union-attr]
    if sheet == "classic":  # its last article ends two lines over a page in LibreOffice, which hyphenates nothing
        assert printed_total == total + 1
    else:
        assert printed_total == total


@pytest.mark.parametrize("sheet", SHEETS)
def test_docx_titles_break_where_the_pdfs_do_short_of_the_number_column(digest: Publication, sheet: str) -> None:
    """The DOCX has no right indent (LibreOffice would hide the number), so its titles carry the PDF's
    line breaks: every line but an entry's last, which ends in the leaders, is a line of the PDF's contents."""
    style = convert.load_style(sheet)
    pages = pypdf_pages(convert.render(digest, "pdf", style=style))
    pdf_lines = {line.strip().replace("\u00a0", " ") for page in pages[2:5] for line in page.splitlines()}
    document = part(convert.render(digest, "docx", style=style), "word/document.xml")
    broken = 0
    for paragraph in document.iter(f"{W}p"):
        style_id = paragraph.find(f"{W}pPr/{W}pStyle")
        if style_id is None or style_id.get(f"{W}val") not in ("TOC1", "TOC2"):
            continue
        text = "".join("\n" if node.tag == f"{W}br" else node.text or "" for node in paragraph.iter(f"{W}t", f"{W}br"))
        lines = text.replace("\u00a0", " ").split("\n")
        broken += len(lines) > 1
        assert set(lines[:-1]) <= pdf_lines, lines
    assert broken >= 5  # the samples' long titles wrap
