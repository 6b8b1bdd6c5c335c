"""How fast the PDF writer is, against a bare reportlab script setting the same paragraphs in the same font."""

from __future__ import annotations

import io
import re
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Paragraph, SimpleDocTemplate

import convert
from benchmarks.floors import article_count, corpus_articles, one_paragraph_article
from convert.fonts import FontFamily
from convert.model import (
    BlockQuote,
    Document,
    Emphasis,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Quote,
    Strong,
    Text,
    block_texts,
)
from convert.model import (
    Paragraph as ParagraphBlock,
)
from convert.readers import read_file
from convert.styles import Style, TextStyle, load_style
from convert.text.phrases import date_line
from convert.writers.pdf.faces import face_name

_PAGE = re.compile(rb"/Type /Page\b(?!s)")


@dataclass(frozen=True, slots=True)
class Run:
    """One timed pass over a set of articles, each rendered to a PDF of its own."""

    articles: int
    pages: int
    seconds: float
    """Wall-clock time."""
    cpu_seconds: float
    """Processor time of this process: steadier than wall time on a shared machine; ratios use it."""

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else float("inf")

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds else float("inf")


@dataclass(frozen=True, slots=True)
class PdfFloor:
    """The figures one run measures."""

    samples: Run
    samples_bare: Run
    samples_styled: Run
    corpus: Run
    corpus_bare: Run
    corpus_styled: Run
    style: str
    peak_bytes: int
    """Peak memory Python allocated while rendering the articles one by one (a separate, traced run)."""
    traced_articles: int
    max_rss_bytes: int
    """The process's peak resident size at the end, everything included."""
    long_paragraph_seconds: tuple[float, float]
    """Seconds for an article of one paragraph of `LONG_PARAGRAPH_WORDS[0]` words, then of `[1]`."""

    @property
    def ratio(self) -> float:
        """The writer's time over the bare script's for the generated corpus: the issue asks for at most 1.5."""
        return _ratio(self.corpus, self.corpus_bare)

    @property
    def styled_ratio(self) -> float:
        """The writer's time over the bare script setting the same inline styling."""
        return _ratio(self.corpus, self.corpus_styled)

    def lines(self) -> list[str]:
        """The figures as a person reads them."""

        def line(label: str, run: Run) -> str:
            return (
                f"  {label}: {run.articles} articles, {run.pages} pages in {run.seconds:.2f} s "
                f"({run.cpu_seconds:.2f} s CPU): {run.articles_per_second:.1f} articles/s, "
                f"{run.pages_per_second:.1f} pages/s"
            )

        return [
            f"PDF writer, one PDF per article, style {self.style!r}",
            line("samples, writer             ", self.samples),
            line("samples, bare script        ", self.samples_bare),
            line("samples, bare script, styled", self.samples_styled),
            f"  samples: writer / bare = {_ratio(self.samples, self.samples_bare):.2f}, "
            f"writer / bare styled = {_ratio(self.samples, self.samples_styled):.2f}",
            line("corpus, writer              ", self.corpus),
            line("corpus, bare script         ", self.corpus_bare),
            line("corpus, bare script, styled ", self.corpus_styled),
            f"  corpus: writer / bare = {self.ratio:.2f}, writer / bare styled = {self.styled_ratio:.2f} "
            "(CPU time; target: at most 1.5)",
            f"  peak Python memory over {self.traced_articles} articles: {self.peak_bytes / 1e6:.1f} MB",
            f"  process peak resident size: {self.max_rss_bytes / 1e6:.1f} MB",
            self.long_paragraph_line(),
        ]

    def long_paragraph_line(self) -> str:
        """How the time for one long paragraph grows with its length: linear is the length's growth."""
        (short, long), (fewer, more) = self.long_paragraph_seconds, LONG_PARAGRAPH_WORDS
        return (
            f"  one paragraph of {fewer:,} words: {short:.3f} s; of {more:,} words: {long:.3f} s "
            f"({long / short:.1f} times the time for {more / fewer:g} times the words)"
        )


def _ratio(run: Run, floor: Run) -> float:
    return run.cpu_seconds / floor.cpu_seconds if floor.cpu_seconds else float("inf")


def sample_articles() -> list[Document]:
    """The sample articles shipped in seeds/."""
    from pathlib import Path

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    found = [read_file(path) for path in sorted(seeds.glob("*.txt"))]
    return [item for item in found if isinstance(item, Document)]


def render_with_writer(document: Document, style: Style) -> bytes:
    """The article through the PDF writer, as `convert.render` gives it."""
    return convert.render(document, "pdf", style)


def _bare_style(text_style: TextStyle, align: int) -> ParagraphStyle:
    return ParagraphStyle(
        text_style.name,
        fontName=face_name(text_style.family, text_style.bold, text_style.italic),
        fontSize=text_style.size,
        leading=text_style.leading,
        textColor=HexColor(text_style.color.hex),
        alignment=align,
        spaceAfter=text_style.space_after,
    )


def _register_family(family: FontFamily) -> None:
    """The four faces of `family` registered with reportlab as a family, for `<b>` and `<i>`."""
    pdfmetrics.registerFontFamily(
        face_name(family),
        normal=face_name(family),
        bold=face_name(family, bold=True),
        italic=face_name(family, italic=True),
        boldItalic=face_name(family, bold=True, italic=True),
    )


def _bare_pdf(style: Style, title: str, date: str, paragraphs: list[str]) -> bytes:
    _register_family(style.body_family)
    body = _bare_style(style.body, TA_JUSTIFY)
    story = [Paragraph(title, _bare_style(style.title, TA_LEFT)), Paragraph(date, _bare_style(style.date, TA_LEFT))]
    story.extend(Paragraph(text, body) for text in paragraphs)
    stream = io.BytesIO()
    page = style.page
    SimpleDocTemplate(
        stream,
        pagesize=(page.width, page.height),
        leftMargin=page.margin_left,
        rightMargin=page.margin_right,
        topMargin=page.margin_top,
        bottomMargin=page.margin_bottom,
        initialFontName=body.fontName,
    ).build(story)
    return stream.getvalue()


def render_bare(document: Document, style: Style) -> bytes:
    """The same paragraphs as plain text in the same faces and sizes; no styling, fallback, outline or running heads."""
    texts = [escape(text) for text in block_texts(document.blocks)]
    return _bare_pdf(style, escape(document.metadata.title), escape(date_line(document).text), texts)


def render_bare_styled(document: Document, style: Style) -> bytes:
    """As `render_bare`, with the inline styling the writer sets: quotations in their colour, bold, italics."""
    quote = style.quote.color.hex

    def markup(inlines: tuple[Inline, ...]) -> str:
        parts = []
        for inline in inlines:
            if isinstance(inline, Text):
                parts.append(escape(inline.text))
            elif isinstance(inline, LineBreak):
                parts.append("<br/>")
            elif isinstance(inline, Strong):
                parts.append(f"<b>{markup(inline.children)}</b>")
            elif isinstance(inline, Emphasis):
                parts.append(f"<i>{markup(inline.children)}</i>")
            elif isinstance(inline, Quote):
                parts.append(f'<font color="{quote}">{markup(inline.children)}</font>')
            elif isinstance(inline, Link):
                parts.append(markup(inline.children))
        return "".join(parts)

    def texts(blocks: tuple[object, ...]) -> list[str]:
        found: list[str] = []
        for block in blocks:
            if isinstance(block, ParagraphBlock | Heading):
                found.append(markup(block.inlines))
            elif isinstance(block, BlockQuote):
                found.extend(texts(block.blocks))
            elif isinstance(block, ListBlock):
                for item in block.items:
                    found.extend(texts(item))
        return found

    paragraphs = texts(document.blocks)
    return _bare_pdf(style, escape(document.metadata.title), escape(date_line(document).text), paragraphs)


LONG_PARAGRAPH_WORDS = (15_000, 60_000)


def long_paragraph_seconds(words: int, style: Style) -> float:
    """Seconds to render an article of one paragraph of `words` words, over many pages (best of three)."""
    document = one_paragraph_article(words)
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        convert.render(document, "pdf", style)
        best = min(best, time.perf_counter() - began)
    return best


def time_run(documents: list[Document], render: Callable[[Document, Style], bytes], style: Style) -> Run:
    """Render each document to its own PDF, one after another; count the pages made."""
    pages = 0
    start, cpu = time.perf_counter(), time.process_time()
    for document in documents:
        pages += len(_PAGE.findall(render(document, style)))
    return Run(len(documents), pages, time.perf_counter() - start, time.process_time() - cpu)


def measure(count: int = 1000, style: Style | None = None, traced: int = 100) -> PdfFloor:
    """Time the writer and the bare script on the samples and `count` generated articles; trace memory."""
    sheet = style or load_style("default")
    samples = sample_articles()
    corpus = corpus_articles(count)
    renderers = (render_with_writer, render_bare, render_bare_styled)
    for document in samples:  # warm up: imports, font faces and caches are not the writer's speed
        for render in renderers:
            render(document, sheet)
    sample_runs = [time_run(samples, render, sheet) for render in renderers]
    corpus_runs = [time_run(corpus, render, sheet) for render in renderers]
    subset = corpus[: min(traced, count)]
    tracemalloc.start()
    try:
        for document in subset:
            render_with_writer(document, sheet)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # ru_maxrss is in kilobytes on Linux.
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return PdfFloor(
        samples=sample_runs[0],
        samples_bare=sample_runs[1],
        samples_styled=sample_runs[2],
        corpus=corpus_runs[0],
        corpus_bare=corpus_runs[1],
        corpus_styled=corpus_runs[2],
        style=sheet.name,
        peak_bytes=peak,
        traced_articles=len(subset),
        max_rss_bytes=max_rss,
        long_paragraph_seconds=(
            long_paragraph_seconds(LONG_PARAGRAPH_WORDS[0], sheet),
            long_paragraph_seconds(LONG_PARAGRAPH_WORDS[1], sheet),
        ),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line: `python -m benchmarks.pdf_floor [N]`."""
    count = article_count(
        "pdf_floor",
        "Measure the PDF writer on the samples and N generated articles against a bare reportlab script.",
        argv,
    )
    for line in measure(count).lines():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
