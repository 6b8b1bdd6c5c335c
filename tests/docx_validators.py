"""Independent checks on DOCX files: python-docx reopens them, openxml-audit validates them, LibreOffice prints them.

Why openxml-audit: it is a pure-Python port of the Open XML SDK's validator, driven by the SDK's own
schema data for ECMA-376 (transitional, with Office's extensions), so it checks every part against
the content models (element order, allowed children), attribute types and enumerations, required
relationships and references between parts (styles, numbering, relationship ids). No PyPI package
ships the ECMA-376 XSD files themselves for lxml to load. What it does not check, found by feeding
it broken files: some simple types (a colour such as "zzzzzz", a half-point size such as "10.5",
an on/off value such as "maybe") and links to bookmarks that do not exist; `reference_problems`
checks those for the parts this writer produces.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import docx
import pytest
from lxml import etree

from convert.styles.types import Style

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_TEXT_NODE = 10_000_000
"""libxml2's limit on one text node; python-docx's parser refuses anything longer."""

_HEX_COLOR = re.compile(r"[0-9A-Fa-f]{6}|auto")
_INTEGER = re.compile(r"-?\d+")
_ON_OFF = frozenset({"true", "false", "1", "0", "on", "off"})
_TOGGLES = frozenset(
    f"{W}{name}"
    for name in ("b", "bCs", "i", "iCs", "keepNext", "suppressAutoHyphens", "bidi", "rtl", "pageBreakBefore")
)
_SIZES = frozenset(f"{W}{name}" for name in ("sz", "szCs"))
_MEASURES = ("before", "after", "line", "left", "right", "firstLine", "hanging", "w", "h", "top", "bottom")


def part(data: bytes, name: str) -> etree._Element:
    """One XML part of the package, parsed as python-docx would (no huge-tree allowance)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read(name), etree.XMLParser(resolve_entities=False))


def reopened(data: bytes) -> docx.document.Document:
    """The document as python-docx reads it."""
    return docx.Document(io.BytesIO(data))


def body_text(data: bytes) -> str:
    """Every body paragraph's text (hyperlinks included), one per line, as python-docx reads them."""
    return "\n".join(paragraph.text for paragraph in reopened(data).paragraphs)


def audit(data: bytes, folder: Path, name: str = "audited.docx") -> list[str]:
    """openxml-audit's findings for the whole package, one line each (empty when valid)."""
    try:
        from openxml_audit import OpenXmlValidator
    except ImportError as error:  # the lowest-versions run: it needs a newer lxml than convert's minimum
        if os.environ.get("CONVERT_REQUIRE_VALIDATORS"):
            pytest.fail(f"openxml-audit is required here but missing: {error}")
        pytest.skip(f"openxml-audit not available: {error}")
    path = folder / name
    path.write_bytes(data)
    result = OpenXmlValidator(max_errors=0).validate(path)
    return [f"{error.part_uri} {error.path}: {error.description}" for error in result.errors]


def reference_problems(data: bytes) -> list[str]:
    """What openxml-audit lets through: simple-type values, bookmarks and links to them, text-node sizes."""
    problems: list[str] = []
    for name in ("word/document.xml", "word/styles.xml"):
        root = part(data, name)
        for node in root.iter():
            problems.extend(f"{name}: {problem}" for problem in _value_problems(node))
    document = part(data, "word/document.xml")
    starts = [node.get(f"{W}id") for node in document.iter(f"{W}bookmarkStart")]
    ends = [node.get(f"{W}id") for node in document.iter(f"{W}bookmarkEnd")]
    if len(set(starts)) != len(starts) or sorted(starts, key=str) != sorted(ends, key=str):
        problems.append(f"bookmarks do not pair up: starts {starts}, ends {ends}")
    names = {node.get(f"{W}name") for node in document.iter(f"{W}bookmarkStart")}
    for link in document.iter(f"{W}hyperlink"):
        anchor = link.get(f"{W}anchor")
        if anchor is not None and anchor not in names:
            problems.append(f"a link points to the missing bookmark {anchor!r}")
    return problems


def _value_problems(node: etree._Element) -> Iterable[str]:
    value = node.get(f"{W}val")
    if node.tag == f"{W}color" and (value is None or not _HEX_COLOR.fullmatch(value)):
        yield f"colour {value!r} is not six hex digits"
    if node.tag in _SIZES and (value is None or not value.isdigit()):
        yield f"size {value!r} is not a whole number of half-points"
    if node.tag in _TOGGLES and value is not None and value not in _ON_OFF:
        yield f"{etree.QName(node).localname} has the on/off value {value!r}"
    for attribute in _MEASURES:
        measure = node.get(f"{W}{attribute}")
        if measure is not None and node.tag != f"{W}bookmarkStart" and not _INTEGER.fullmatch(measure):
            yield f"{etree.QName(node).localname}/@{attribute} {measure!r} is not a whole number of twips"
    if node.tag == f"{W}t" and node.text is not None and len(node.text) > MAX_TEXT_NODE:
        yield f"a text node of {len(node.text)} characters"


def relationships(data: bytes, name: str = "word/_rels/document.xml.rels") -> dict[str, etree._Element]:
    """A part's relationships by id."""
    return {node.get("Id", ""): node for node in part(data, name).iter(f"{REL}Relationship")}


# LibreOffice ------------------------------------------------------------------------------------


def soffice() -> str:
    """The LibreOffice program; fails the test with how to install it when it is missing."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        raise AssertionError(
            "LibreOffice is needed: apt-get install --no-install-recommends libreoffice-writer-nogui "
            "(scripts/setup-dev installs it when run as root)"
        )
    return program


def sheet_faces(style: Style) -> list[Path]:
    """The static faces convert cuts for a sheet's families, as Word would have them installed:
    LibreOffice takes a variable file's default instance for every weight (a bold heading prints regular)."""
    families = (style.body_family, style.heading_family, *style.fallback_families)
    return [family.face_file(face.bold, face.italic) for family in families for face in family.faces]


def font_config(folder: Path, font_files: Iterable[Path]) -> Path:
    """A fontconfig file that adds the folders of `font_files` to the system's fonts, cached in `folder`."""
    folders = sorted({str(path.parent) for path in font_files})
    lines = [
        "<?xml version='1.0'?>",
        "<!DOCTYPE fontconfig SYSTEM 'fonts.dtd'>",
        "<fontconfig>",
        "<include ignore_missing='yes'>/etc/fonts/fonts.conf</include>",
        *(f"<dir>{item}</dir>" for item in folders),
        f"<cachedir>{folder / 'fontcache'}</cachedir>",
        "</fontconfig>",
    ]
    path = folder / "fonts.conf"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def print_to_pdf(files: Sequence[Path], folder: Path, fonts: Path | None = None) -> list[Path]:
    """Convert DOCX files to PDF with LibreOffice in one run, with a profile of its own in `folder`.

    soffice exits 0 even when it cannot load a file, so success is judged by the PDFs it leaves.
    """
    out = folder / "pdf"
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "HOME": str(folder)}
    if fonts is not None:
        env["FONTCONFIG_FILE"] = str(fonts)
    command = [
        soffice(),
        f"-env:UserInstallation={(folder / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        *map(str, files),
    ]
    completed = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env, check=False)
    pdfs = [out / f"{file.stem}.pdf" for file in files]
    missing = [pdf.name for pdf in pdfs if not pdf.is_file() or pdf.stat().st_size == 0]
    if missing:
        raise AssertionError(f"LibreOffice made no PDF of {missing}: {completed.stdout} {completed.stderr}")
    return pdfs


def cached_page_numbers(xml: etree._Element) -> list[str]:
    """The result each field of document.xml shows: the text between its `separate` and its `end`."""
    numbers: list[str] = []
    showing: list[str] | None = None
    for node in xml.iter(f"{W}fldChar", f"{W}t"):
        kind = node.get(f"{W}fldCharType")
        if kind == "separate":
            showing = []
        elif kind == "end" and showing is not None:
            numbers.append("".join(showing))
            showing = None
        elif node.tag == f"{W}t" and showing is not None:
            showing.append(node.text or "")
    return numbers


def pdf_text(pdf: Path, *options: str) -> str:
    """The text of a PDF as pdftotext (poppler-utils) extracts it."""
    completed = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *options, str(pdf), "-"], capture_output=True, timeout=120, check=True
    )
    return completed.stdout.decode("utf-8")


def pdf_pages(pdf: Path) -> int:
    """The number of pages of a PDF, from pdfinfo."""
    completed = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=60, check=True)
    match = re.search(r"^Pages:\s+(\d+)", completed.stdout, re.MULTILINE)
    assert match is not None, completed.stdout
    return int(match.group(1))


def word_boxes(pdf: Path) -> list[tuple[str, float, float, float, float, int]]:
    """Every word pdftotext finds with its box (x min, y min, x max, y max) and page number."""
    html = pdf_text(pdf, "-bbox")
    words: list[tuple[str, float, float, float, float, int]] = []
    page = 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
        match = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
        if match:
            x0, y0, x1, y1 = (float(match.group(index)) for index in range(1, 5))
            words.append((match.group(5), x0, y0, x1, y1, page))
    return words


# Fonts as Word resolves them ----------------------------------------------------------------------

SLOT_ATTRIBUTES = ("ascii", "hAnsi", "eastAsia", "cs")


def _slots(fonts: etree._Element | None) -> dict[str, str]:
    if fonts is None:
        return {}
    return {slot: fonts.get(f"{W}{slot}", "") for slot in SLOT_ATTRIBUTES if fonts.get(f"{W}{slot}")}


def _style_fonts(styles: etree._Element) -> tuple[dict[str, str], dict[str, tuple[str | None, dict[str, str]]]]:
    defaults = _slots(styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts"))
    table: dict[str, tuple[str | None, dict[str, str]]] = {}
    for style in styles.iter(f"{W}style"):
        based = style.find(f"{W}basedOn")
        own = style.find(f"{W}rPr/{W}rFonts")
        slots = (
            {}
            if own is None
            else {slot: own.get(f"{W}{slot}", "") for slot in SLOT_ATTRIBUTES if own.get(f"{W}{slot}")}
        )
        table[style.get(f"{W}styleId", "")] = (None if based is None else based.get(f"{W}val"), slots)
    return defaults, table


def _chain_fonts(table: dict[str, tuple[str | None, dict[str, str]]], style_id: str | None) -> dict[str, str]:
    chain: list[dict[str, str]] = []
    while style_id is not None and style_id in table and len(chain) < 20:
        based, slots = table[style_id]
        chain.append(slots)
        style_id = based
    merged: dict[str, str] = {}
    for slots in reversed(chain):
        merged.update(slots)
    return merged


def run_fonts(data: bytes) -> list[tuple[str, dict[str, str], bool]]:
    """Every body run's text, the font in each slot as Word resolves it, and whether the run is right to left."""
    defaults, table = _style_fonts(part(data, "word/styles.xml"))
    runs: list[tuple[str, dict[str, str], bool]] = []
    for paragraph in part(data, "word/document.xml").iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        paragraph_fonts = {**defaults, **_chain_fonts(table, None if style is None else style.get(f"{W}val"))}
        for run in paragraph.iter(f"{W}r"):
            fonts = dict(paragraph_fonts)
            character = run.find(f"{W}rPr/{W}rStyle")
            if character is not None:
                fonts.update(_chain_fonts(table, character.get(f"{W}val")))
            fonts.update(_slots(run.find(f"{W}rPr/{W}rFonts")))
            text = "".join(node.text or "" for node in run.iter(f"{W}t"))
            runs.append((text, fonts, run.find(f"{W}rPr/{W}rtl") is not None))
    return runs
