"""The running head: one rule for PDF and DOCX, cut at a word boundary the same way in both, never wrapping."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest
from lxml import etree

import convert
from convert.fonts.metrics import text_width
from convert.styles import load_style, style_names
from convert.writers.common.runninghead import ELLIPSIS, ROOM, running_head
from tests.corpus import generated_document
from tests.pdf_support import pypdf_pages

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LONG_TITLE = (
    "Regional transport board approves the extension of the tram line into the eastern districts after "
    "a decade of debate, with construction to begin in the autumn and last three years"
)


def _docx_head(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        header = etree.fromstring(archive.read("word/header1.xml"))
    return "".join(node.text or "" for node in header.iter(f"{W}t"))


@pytest.mark.parametrize("name", style_names())
def test_a_long_title_is_cut_at_a_word_and_the_pdf_and_docx_heads_agree(name: str) -> None:
    style = load_style(name)
    head = running_head(LONG_TITLE, style)
    assert head.endswith(ELLIPSIS) and LONG_TITLE.startswith(head.removesuffix(ELLIPSIS))
    assert LONG_TITLE[len(head) - 1] == " "  # the cut falls between two words
    width = style.page.width - style.page.margin_left - style.page.margin_right
    assert text_width(head, style.header.family, style.header.size) <= ROOM * width  # one line, with room to spare
    kept = len(head.removesuffix(ELLIPSIS).split())
    longer = " ".join(LONG_TITLE.split()[: kept + 1])  # one word more
    assert text_width(longer + ELLIPSIS, style.header.family, style.header.size) > ROOM * width  # and no shorter
    document = generated_document(0, None, paragraphs=30)
    document = replace(document, metadata=replace(document.metadata, title=LONG_TITLE))
    pages = pypdf_pages(convert.render(document, "pdf", style))
    assert len(pages) > 1
    assert pages[0].splitlines()[0] != head  # page 1 opens with the article's own title: no running head
    assert pages[1].splitlines()[0] == head
    assert _docx_head(convert.render(document, "docx", style)) == head


def test_a_title_that_fits_is_the_head_whole() -> None:
    assert running_head("Ferry timetable cut for the winter", load_style()) == "Ferry timetable cut for the winter"


def test_a_single_word_too_long_for_the_line_is_cut_between_letters() -> None:
    head = running_head("x" * 400, load_style())
    assert head.endswith(ELLIPSIS) and set(head.removesuffix(ELLIPSIS)) == {"x"}
