"""The typography report: how evenly our PDFs set body text, measured from their glyph positions, beside Typst's.

`python -m benchmarks.typography [--articles N] [--styles default classic ...]` sets the shipped
samples and N generated articles in each built-in style, and the same paragraphs in Typst (the
`typst` package, a real typesetter) with the same face file, size, leading, page, margins,
alignment and hyphenation; then reads both sets of PDFs with pdfminer and measures, from where
each glyph was drawn: characters per full line, word spaces in justified lines as a multiple of
the face's natural space (median, 95th percentile, worst), the share of lines ending in a
hyphen, the longest run of such lines, and pages whose last line ends in one. It writes the
table to TYPOGRAPHY.md.

What counts as what, the same for both sides: body lines are those set in the body size, their
glyphs gathered by baseline (a fallback face's boxes sit higher or lower than the body face's, and
its glyphs are on the line all the same);
a line is full when it reaches within 0.75 pt of the text block's right edge; word spaces are
measured only in full lines of justified styles, from the end of one word's last glyph to the
start of the next word's first; characters per line are counted in lines at least 75% of the
block's width, spaces included.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fontTools.ttLib import TTFont
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTComponent, LTContainer

from benchmarks.corpus import generate
from convert.api import read
from convert.model import Paragraph, inline_text
from convert.styles import Style, load_style, style_names

ROOT = Path(__file__).resolve().parent.parent
FULL_LINE = 0.75
"""Points short of the block's right edge a line may end and still count as full (justified)."""
LONG_LINE = 0.75
"""The share of the block's width from which a line counts towards characters per line."""
DASH, TIMES = "\u2013", "\u00d7"
HYPHENS = frozenset("-\u2010\u00ad")


@dataclass(slots=True)
class Figures:
    """One side's measurements over every page it set in one style."""

    characters: list[int] = field(default_factory=list)
    spaces: list[float] = field(default_factory=list)
    lines: int = 0
    hyphenated: int = 0
    longest_run: int = 0
    page_ends: int = 0
    pages: int = 0


@dataclass(frozen=True, slots=True)
class _Glyph:
    char: str
    x0: float
    x1: float
    y: float


def measure(pdfs: Iterable[Path], body_size: float, natural_space: float, justified: bool) -> Figures:
    """The figures of body text set at `body_size` points in `pdfs`."""
    figures = Figures()
    for pdf in pdfs:
        for page in extract_pages(str(pdf), laparams=LAParams(line_margin=0.0, char_margin=50.0)):
            glyphs = [
                _Glyph(item.get_text(), item.x0, item.x1, round(item.matrix[5], 1))
                for item in _chars(page)
                if abs(item.size - body_size) < 0.05
            ]
            if glyphs:
                figures.pages += 1
                _measure_page(glyphs, body_size, natural_space, justified, figures)
    return figures


def _chars(item: LTComponent) -> Iterable[LTChar]:
    if isinstance(item, LTChar):
        yield item
    elif isinstance(item, LTContainer):
        for child in item:
            yield from _chars(child)


def _measure_page(glyphs: list[_Glyph], size: float, natural: float, justified: bool, figures: Figures) -> None:
    rows: dict[float, list[_Glyph]] = {}
    for glyph in glyphs:
        rows.setdefault(glyph.y, []).append(glyph)
    lines = [sorted(rows[y], key=lambda glyph: glyph.x0) for y in sorted(rows, reverse=True)]
    lines = [[glyph for glyph in line if glyph.char.strip()] for line in lines]
    lines = [line for line in lines if line]
    left = min(line[0].x0 for line in lines)
    right = max(line[-1].x1 for line in lines)
    block = right - left
    run = 0
    for number, line in enumerate(lines):
        figures.lines += 1
        words = _words(line, size)
        hyphen = line[-1].char in HYPHENS and len(line) > 1 and line[-2].char.isalpha()
        if hyphen:
            figures.hyphenated += 1
            run += 1
            figures.longest_run = max(figures.longest_run, run)
            if number == len(lines) - 1:
                figures.page_ends += 1
        else:
            run = 0
        width = line[-1].x1 - line[0].x0
        if width >= LONG_LINE * block:
            figures.characters.append(sum(len(word) for word in words) + len(words) - 1)
        if justified and right - line[-1].x1 <= FULL_LINE and len(words) > 1:
            figures.spaces.extend(gap / natural for gap in _gaps(line, size))


def _split_points(line: list[_Glyph], size: float) -> list[int]:
    """Indexes of glyphs that start a new word: after a gap wider than a fifth of the type size."""
    return [at for at in range(1, len(line)) if line[at].x0 - line[at - 1].x1 > 0.2 * size]


def _words(line: list[_Glyph], size: float) -> list[str]:
    points = [0, *_split_points(line, size), len(line)]
    return ["".join(glyph.char for glyph in line[start:end]) for start, end in itertools.pairwise(points)]


def _gaps(line: list[_Glyph], size: float) -> list[float]:
    return [line[at].x0 - line[at - 1].x1 for at in _split_points(line, size)]


def natural_space(style: Style) -> float:
    """The width of a space in the body face at the body size, in points."""
    face = TTFont(style.body.family.face_file())
    glyph = face.getBestCmap()[ord(" ")]
    return float(face["hmtx"][glyph][0]) / float(face["head"].unitsPerEm) * style.body.size


# Typst --------------------------------------------------------------------------------------


def typst_source(style: Style, paragraphs: Sequence[str], family: str) -> str:
    """A Typst document setting `paragraphs` as `style` sets body text."""
    page, body = style.page, style.body
    language = "en"
    lines = [
        f"#set page(width: {page.width}pt, height: {page.height}pt, margin: (top: {page.margin_top}pt, "
        f"right: {page.margin_right}pt, bottom: {page.margin_bottom}pt, left: {page.margin_left}pt))",
        # One em of line height, so Typst's leading is the gap the style's leading leaves.
        f'#set text(font: "{family}", size: {body.size}pt, lang: "{language}", '
        f"hyphenate: {'true' if body.hyphenate else 'false'}, top-edge: 0.8em, bottom-edge: -0.2em)",
        f"#set par(justify: {'true' if body.align == 'justify' else 'false'}, "
        f"leading: {body.leading - body.size}pt, spacing: {body.leading - body.size + body.space_after}pt, "
        f"first-line-indent: {body.first_line_indent}pt)",
        "",
    ]
    for text in paragraphs:
        lines.append("#" + json.dumps(text, ensure_ascii=False))
        lines.append("")
    return "\n".join(lines)


def body_paragraphs(path: Path) -> list[str]:
    """The plain text of an article's body paragraphs, as our reader gives them."""
    document = read(path)
    return [inline_text(block.inlines) for block in document.blocks if isinstance(block, Paragraph)]


def typst_family(face_file: Path) -> str:
    """The family name Typst knows the face file by."""
    names = TTFont(face_file)["name"]
    found = names.getDebugName(16) or names.getDebugName(1)
    return str(found)


def set_in_typst(style: Style, samples: Sequence[Path], out: Path) -> list[Path]:
    """Each sample's body paragraphs set by Typst in `style`'s body face, one PDF each."""
    import typst

    fonts = out / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    face_file = style.body.family.face_file()
    shutil.copy(face_file, fonts / face_file.name)
    family = typst_family(face_file)
    pdfs: list[Path] = []
    for number, sample in enumerate(samples):
        source = out / f"{number:04d}.typ"
        source.write_text(typst_source(style, body_paragraphs(sample), family), encoding="utf-8")
        pdf = source.with_suffix(".pdf")
        typst.compile(str(source), output=str(pdf), font_paths=[str(fonts)], ignore_system_fonts=True)
        pdfs.append(pdf)
    return pdfs


def set_by_convert(style: str, samples: Sequence[Path], out: Path) -> list[Path]:
    """The samples converted to PDF by our command in `style`."""
    out.mkdir(parents=True, exist_ok=True)
    listing = out / "inputs"
    listing.mkdir(exist_ok=True)
    for number, sample in enumerate(samples):
        shutil.copy(sample, listing / f"{number:04d}.txt")
    command = [sys.executable, "-m", "convert", str(listing), "--to", "pdf", "--style", style, "--out", str(out), "-q"]
    subprocess.run(command, check=True)
    return sorted(out.glob("*.pdf"))


# The report ---------------------------------------------------------------------------------


def _percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(share * len(ordered)), len(ordered) - 1)]


def row(label: str, figures: Figures, justified: bool) -> str:
    chars = figures.characters
    spread = (
        f"{statistics.median(chars):.0f} ({_percentile(chars, 0.05):.0f}{DASH}{_percentile(chars, 0.95):.0f})"
        if chars
        else DASH
    )
    if justified and figures.spaces:
        spaces = figures.spaces
        stretch = f"{statistics.median(spaces):.2f} / {_percentile(spaces, 0.95):.2f} / {max(spaces):.2f}"
    else:
        stretch = "n/a (ragged right)"
    share = figures.hyphenated / figures.lines if figures.lines else 0.0
    return (
        f"| {label} | {figures.pages} | {figures.lines} | {spread} | {stretch} | {share:.1%} | "
        f"{figures.longest_run} | {figures.page_ends} |"
    )


HEADER = (
    f"| style, typesetter | pages | body lines | characters per line: median (5th{DASH}95th percentile) "
    f"| word space in justified lines, {TIMES} natural: median / p95 / worst | lines ending in a hyphen "
    "| most hyphens in a row | pages ending in a hyphen |\n|---|---|---|---|---|---|---|---|"
)


def samples(workdir: Path, articles: int) -> list[Path]:
    """The shipped samples, then `articles` generated ones."""
    shipped = sorted((ROOT / "seeds").glob("*.txt"))
    return shipped + generate(workdir / "corpus", articles)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.typography", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100, help="generated articles besides the samples")
    parser.add_argument("--styles", nargs="+", default=list(style_names()), help="built-in styles to set")
    parser.add_argument("--report", type=Path, default=ROOT / "TYPOGRAPHY.md")
    parser.add_argument("--workdir", type=Path, default=None, help="keep the PDFs here")
    options = parser.parse_args(argv)
    work = options.workdir or Path(tempfile.mkdtemp(prefix="typography-"))
    inputs = samples(work, options.articles)
    table = [HEADER]
    for name in options.styles:
        style = load_style(name)
        justified = style.body.align == "justify"
        space, size = natural_space(style), style.body.size
        ours = measure(set_by_convert(name, inputs, work / name / "convert"), size, space, justified)
        theirs = measure(set_in_typst(style, inputs, work / name / "typst"), size, space, justified)
        table.append(row(f"{name}, convert", ours, justified))
        table.append(row(f"{name}, Typst {_typst_version()}", theirs, justified))
        print(table[-2], table[-1], sep="\n", flush=True)
    text = (
        "# Typography report\n\n"
        f"Made by `python -m benchmarks.typography --articles {options.articles}`: the {len(inputs)} articles "
        "(the shipped samples and generated ones) in each built-in style, by convert and by Typst with the same "
        "face file, size, leading, page and alignment. How each figure is measured: the module's docstring.\n\n"
        + "\n".join(table)
        + "\n"
    )
    options.report.write_text(text, encoding="utf-8")
    if options.workdir is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _typst_version() -> str:
    from importlib.metadata import version

    return version("typst")


if __name__ == "__main__":
    raise SystemExit(main())
