"""The text each format's output carries, read back the way a reader's software would, for tests that
check no word of the input was lost: PDF by pypdf, XHTML of the EPUB and document.xml of the DOCX by
lxml, JSON through the model reader."""

from __future__ import annotations

import functools
import io
import unicodedata
import zipfile
from collections import Counter

from lxml import etree

from convert.fonts import family_for_char
from convert.model import Document, block_texts
from convert.model.jsonform import loads
from convert.styles import load_style
from tests.pdf_support import pypdf_text, significant

_PARSER = etree.XMLParser(resolve_entities=False, huge_tree=True)


def epub_text(data: bytes) -> str:
    """The text of every XHTML document of the book, in spine order."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        names = sorted(name for name in book.namelist() if name.endswith(".xhtml"))
        return "\n".join("".join(etree.fromstring(book.read(name), _PARSER).itertext()) for name in names)


def docx_text(data: bytes) -> str:
    """The text of the document's body, header and footer parts."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = [name for name in package.namelist() if name.startswith("word/") and name.endswith(".xml")]
        return "\n".join("".join(etree.fromstring(package.read(name), _PARSER).itertext()) for name in names)


def json_text(data: bytes) -> str:
    """The text of the document the JSON holds, read back by convert's own reader."""
    item = loads(data, "back.json")
    assert isinstance(item, Document)
    return "\n".join([item.metadata.title, *block_texts(item.blocks)])


def output_text(data: bytes, output_format: str) -> str:
    """The text `data`, an output in `output_format`, carries."""
    readers = {"pdf": pypdf_text, "epub": epub_text, "docx": docx_text, "json": json_text}
    return readers[output_format](data)


def _variation_selector(char: str) -> bool:
    return "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef"


@functools.cache
def _in_no_font(char: str) -> bool:
    """Whether no font of the default sheet draws `char`: a PDF shows it as a box, with a warning."""
    style = load_style()
    return family_for_char(char, [style.body.family, *style.fallback_families]) is None


def missing_letters(document: Document, extracted: str, output_format: str = "") -> dict[str, int]:
    """The letters, digits and marks of the document's text that `extracted` lacks (order aside:
    a PDF draws right-to-left runs in visual order). Variation selectors choose a glyph and are
    not text a PDF extracts, so they are not asked for; nor, of a PDF, letters no installed font
    has, which it draws as boxes and names in a warning."""
    expected = "\n".join([document.metadata.title, *block_texts(document.blocks)])
    wanted = Counter(char for char in _letters(expected) if not _variation_selector(char))
    if output_format == "pdf":
        wanted = Counter({char: count for char, count in wanted.items() if not _in_no_font(char)})
    return dict(wanted - Counter(_letters(extracted)))


def _letters(text: str) -> str:
    """The significant characters of `text`, decomposed: a mark that a reader puts after the letter
    of the next run composes with it, which counts the same either way."""
    return unicodedata.normalize("NFKD", significant(text, rtl_marks=True))
