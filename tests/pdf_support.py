"""Reading PDFs back for the writer's tests: text by pypdf and poppler, fonts, and text normalised for comparing."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfminer.high_level
import pypdf
import pytest
from pypdf.generic import DictionaryObject, IndirectObject

STANDARD_14 = frozenset(
    {
        "Courier",
        "Courier-Bold",
        "Courier-BoldOblique",
        "Courier-Oblique",
        "Helvetica",
        "Helvetica-Bold",
        "Helvetica-BoldOblique",
        "Helvetica-Oblique",
        "Symbol",
        "Times-Bold",
        "Times-BoldItalic",
        "Times-Italic",
        "Times-Roman",
        "ZapfDingbats",
    }
)


def reader(data: bytes) -> pypdf.PdfReader:
    """A pypdf reader of `data`, strict so that a malformed file fails the test."""
    return pypdf.PdfReader(io.BytesIO(data), strict=True)


def pypdf_text(data: bytes) -> str:
    """Every page's text as pypdf extracts it, pages separated by newlines."""
    return "\n".join(page.extract_text() for page in reader(data).pages)


def pypdf_pages(data: bytes) -> list[str]:
    """Each page's text as pypdf extracts it."""
    return [page.extract_text() for page in reader(data).pages]


_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Marks pdftotext puts around the right-to-left lines it reorders."""


def body_text(pages: list[str], cover: bool = False) -> str:
    """The text of the pages without the running header (pages 2 on) and the "Page X of Y" footer.

    Running heads would otherwise come between the two halves of a word broken by a page break.
    With `cover`, page 1 is a cover, which has neither: it must show no page number and is kept whole.
    """
    kept: list[str] = []
    headers: set[str] = set()
    for number, page in enumerate(pages, start=1):
        lines = [line for line in _BIDI_CONTROLS.sub("", page).splitlines() if line.strip()]
        footer = re.compile(rf"\s*Page {number} of {len(pages)}\s*")
        if cover and number == 1:
            assert not any(footer.fullmatch(line) for line in lines), lines
            kept.extend(lines)
            continue
        assert lines and footer.fullmatch(lines[-1]), lines[-1:]
        lines.pop()
        if number > 1:
            headers.add(lines.pop(0).strip())
        kept.extend(lines)
    assert len(headers) <= 1, headers  # the same running header on every page
    return "\n".join(kept)


def need(tool: str) -> str:
    """The path of a poppler tool; where poppler-utils is missing the test skips, or fails in CI.

    CI sets CONVERT_REQUIRE_VALIDATORS, so that a missing tool cannot pass for a passing test.
    """
    found = shutil.which(tool)
    if found is None:
        reason = f"{tool} (Debian package poppler-utils) is not installed"
        if os.environ.get("CONVERT_REQUIRE_VALIDATORS"):
            pytest.fail(f"{reason}, and CONVERT_REQUIRE_VALIDATORS asks for it")
        pytest.skip(reason)
    return found


def pdfminer_text(data: bytes) -> str:
    """Every page's text as pdfminer.six extracts it."""
    return str(pdfminer.high_level.extract_text(io.BytesIO(data)))


def poppler_pages(data: bytes, tmp_path: Path) -> list[str]:
    """Each page's text as pdftotext extracts it."""
    return poppler_text(data, tmp_path).split("\f")[:-1]


def poppler_text(data: bytes, tmp_path: Path, *options: str) -> str:
    """The text pdftotext extracts from `data`."""
    source = tmp_path / "input.pdf"
    source.write_bytes(data)
    result = subprocess.run(
        [need("pdftotext"), "-enc", "UTF-8", *options, str(source), "-"],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return result.stdout.decode("utf-8")


def significant(text: str, *, rtl_marks: bool = False) -> str:
    """Letters, marks and digits of `text` in order, compatibility forms folded (NFKC).

    Punctuation and spaces are left out: hyphenation adds hyphens, line breaks and justification
    move spaces, and a bracket inside right-to-left text is drawn (and so extracted) mirrored.
    Arabic presentation forms, drawn for joined letters, fold back to the letters themselves.
    Hebrew and Arabic vowel marks are left out unless `rtl_marks`: each is drawn after its
    letter, which extractors reading a reversed line put after the mark.
    """
    folded = unicodedata.normalize("NFKC", text)
    return "".join(
        char
        for char in folded
        if unicodedata.category(char)[0] in "LN"
        or (unicodedata.category(char)[0] == "M" and (rtl_marks or not "\u0590" <= char <= "\u08ff"))
    )


def significant_words(text: str) -> list[str]:
    """The white-space separated words of `text`, each reduced to its significant characters."""
    return [word for word in (significant(part) for part in text.split()) if word]


def assert_words_in_order(words: list[str], extracted: str) -> None:
    """Each word occurs in the extracted text after the one before it (line breaks and hyphens aside)."""
    stream = significant(extracted)
    position = 0
    for index, word in enumerate(words):
        found = stream.find(word, position)
        if found == -1:
            context = stream[position : position + 120]
            raise AssertionError(f"word {index} {word!r} of {len(words)} missing after {position}: {context!r}")
        position = found + len(word)


def assert_subsequence(expected: str, extracted: str) -> None:
    """The significant characters of `expected` occur in `extracted` in the same order."""
    wanted = significant(expected)
    stream = iter(significant(extracted))
    for index, char in enumerate(wanted):
        if not any(found == char for found in stream):
            raise AssertionError(f"character {index} {char!r} (U+{ord(char):04X}) of {wanted[:80]!r}... missing")


def assert_contains_letters(expected: str, extracted: str) -> None:
    """Every significant character of `expected` is in `extracted` at least as often (order aside)."""
    missing = Counter(significant(expected, rtl_marks=True)) - Counter(significant(extracted, rtl_marks=True))
    assert not missing, f"characters missing from the PDF: {dict(missing)}"


def font_dictionaries(data: bytes) -> list[DictionaryObject]:
    """Every font dictionary in the file, found by walking all objects, not just the pages."""
    pdf = reader(data)
    fonts: list[DictionaryObject] = []
    for generation, numbers in pdf.xref.items():
        for number in numbers:
            item = pdf.get_object(IndirectObject(number, generation, pdf))
            if isinstance(item, DictionaryObject) and item.get("/Type") == "/Font":
                fonts.append(item)
    return fonts


def base_name(font: DictionaryObject) -> str:
    """A font's name without its subset tag: "AAAAAA+NotoSerif-Regular" -> "NotoSerif-Regular"."""
    name = str(font.get("/BaseFont", ""))
    return name.lstrip("/").split("+", 1)[-1]


def outline_titles(data: bytes) -> list[tuple[int, str]]:
    """The bookmarks as (depth, title), depth first."""
    pdf = reader(data)

    def walk(items: list[Any], depth: int) -> Iterator[tuple[int, str]]:
        for item in items:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            else:
                yield depth, str(item.title)

    return list(walk(pdf.outline, 0))


def outline_pages(data: bytes) -> dict[str, int]:
    """Bookmark title -> the 1-based page its destination is on."""
    pdf = reader(data)
    pages: dict[str, int] = {}

    def walk(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                number = pdf.get_destination_page_number(item)
                assert number is not None, f"bookmark {item.title!r} leads to no page"
                pages[str(item.title)] = number + 1

    walk(pdf.outline)
    return pages
