"""Kindle books made from convert's EPUB by calibre's `ebook-convert`: every quotation mark shows once."""

from __future__ import annotations

import io
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import lxml.html
import pytest

import convert
from convert.readers.seed import read_seed
from convert.styles import load_style
from tests.epub_validators import require_ebook_convert

# An English article quoting English, German and French speakers, each with a quotation inside a
# quotation, and one straight pair; its first paragraph, which the title is made from, has no marks.
SEED = """date 2024-04-08 Three choirs from neighbouring countries sang together on the border bridge on Sunday, \
ending a week of rehearsals in the old customs house.

\u201cWe sang one line each,\u201d said the English conductor, Ruth Pell. \u201cA singer from Lyon told me, \
\u2018Nobody will notice the wrong key,\u2019 and she was right.\u201d

The German choir\u2019s leader, Jonas Feld, put it his own way: \u201eWir haben \u201aStille Nacht\u2018 im April \
gesungen, und niemand hat gelacht.\u201c

The French soloist answered: \u00ab On nous a dit \u2039 chantez plus fort \u203a, alors nous avons chant\u00e9 \
plus fort. \u00bb A tenor added, \u00ab C\u2019\u00e9tait \u201cmagique\u201d, vraiment. \u00bb

Someone wrote "Encore!" on the board by the bridge.
"""
MARKS = '\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb\u2039\u203a"'


def marks(text: str) -> list[str]:
    """The quotation marks of `text` (apostrophes too: U+2019 is both), in order."""
    return [char for char in text if char in MARKS]


def ebook_convert(source: Path, target: Path) -> Path:
    """`source` converted by calibre to the format `target`'s suffix names."""
    result = subprocess.run(
        [require_ebook_convert(), str(source), str(target)], capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return target


def read_back(book: Path) -> lxml.html.HtmlElement:
    """The body of `book` as calibre reads it back (to HTMLZ, a zipped HTML page)."""
    htmlz = ebook_convert(book, book.with_suffix(".htmlz"))
    with zipfile.ZipFile(htmlz) as archive:
        page = archive.read("index.html")
    body = lxml.html.parse(io.BytesIO(page)).getroot().find("body")
    assert body is not None
    return body


@pytest.fixture(scope="module")
def epub(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kindle") / "choirs.epub"
    path.write_bytes(convert.render(read_seed(SEED.encode(), "choirs.txt"), "epub", load_style()))
    return path


@pytest.mark.parametrize("suffix", [".mobi", ".azw3"])
def test_each_quotation_mark_shows_once(epub: Path, suffix: str) -> None:
    body = read_back(ebook_convert(epub, epub.with_suffix(suffix)))
    shown = marks(body.text_content())
    assert Counter(shown) == Counter(marks(SEED))
    assert shown == marks(SEED)
    # A `<q>` left in the book gets marks of its own from a Kindle that does not honour the style sheet.
    assert not body.findall(".//q")
    assert "Stille Nacht" in body.text_content()
