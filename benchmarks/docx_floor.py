"""How fast the DOCX writer is, and the floor it is measured against: bare python-docx writing the same paragraphs.

`measure(N)` (and `python -m benchmarks.docx_floor [N]`, N defaulting to 1,000) renders N generated
articles one by one in one process (articles per second), builds one N-article publication in a
fresh process (time and peak memory), and checks the sizes the writer promises to handle in
seconds: a 60,000-word paragraph and a 10,000-paragraph publication (the exit status is 1 when
either takes longer than its limit). `write_articles` and `write_digest` are the floor calls the
benchmark runner times: python-docx adding one paragraph per paragraph, no styles of ours.
"""

from __future__ import annotations

import io
import multiprocessing
import resource
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import convert
from benchmarks.corpus import article_text
from benchmarks.floors import (
    article_count,
    corpus_articles,
    one_paragraph_article,
    publication_of_many,
    write_each,
    write_together,
)
from convert.model import Document, Paragraph, Text, block_texts
from convert.readers.seed import read_seed
from convert.styles import Style, load_style

HUGE_PARAGRAPH_SECONDS = 5.0
"""Most the 60,000-word paragraph may take to build."""
TEN_THOUSAND_PARAGRAPHS_SECONDS = 10.0
"""Most a publication of 10,000 paragraphs (100 articles of 100) may take to build."""


@dataclass(frozen=True, slots=True)
class DocxFloor:
    """What one run measured."""

    articles: int
    single_seconds: float
    """All articles, one DOCX each, one after another in one process (after one warm-up file)."""
    first_seconds: float
    """The warm-up file: importing python-docx and reading its template once."""
    bare_seconds: float
    """The same articles written by bare python-docx, one file each."""
    publication_seconds: float
    publication_bytes: int
    publication_peak_bytes: int
    """Peak resident size of a fresh process that builds the publication."""
    huge_paragraph_seconds: float
    ten_thousand_paragraphs_seconds: float

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.single_seconds

    @property
    def within_limits(self) -> bool:
        """Whether both large inputs built within their limits."""
        return (
            self.huge_paragraph_seconds <= HUGE_PARAGRAPH_SECONDS
            and self.ten_thousand_paragraphs_seconds <= TEN_THOUSAND_PARAGRAPHS_SECONDS
        )

    def lines(self) -> list[str]:
        """The figures as a person reads them."""
        return [
            f"DOCX writer, {self.articles} generated articles, default style",
            f"  one DOCX per article: {self.single_seconds:.2f} s, {self.articles_per_second:.0f} articles/s "
            f"(first file {self.first_seconds * 1000:.0f} ms: imports and template)",
            f"  bare python-docx, same paragraphs: {self.bare_seconds:.2f} s, "
            f"{self.articles / self.bare_seconds:.0f} articles/s",
            f"  one {self.articles}-article publication: {self.publication_seconds:.2f} s, "
            f"{self.publication_bytes / 1e6:.2f} MB, peak resident size {self.publication_peak_bytes / 1e6:.0f} MB",
            f"  60,000-word paragraph: {self.huge_paragraph_seconds:.2f} s (limit {HUGE_PARAGRAPH_SECONDS:g} s)",
            f"  10,000-paragraph publication: {self.ten_thousand_paragraphs_seconds:.2f} s "
            f"(limit {TEN_THOUSAND_PARAGRAPHS_SECONDS:g} s)",
        ]


# The floor: bare python-docx ---------------------------------------------------------------------


def _bare(documents: Sequence[Document], target: Path | BinaryIO) -> None:
    """The floor: python-docx's template, a Title paragraph per article and a plain paragraph per paragraph."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    word = docx.Document()
    body = word.element.body
    for document in documents:
        word.add_paragraph(document.metadata.title, style="Title")
        for text in block_texts(document.blocks):
            # python-docx's add_paragraph searches the body for its section properties on every call;
            # appending before them directly keeps the floor linear, as our writer is.
            paragraph = body.makeelement(qn("w:p"), {})
            run = OxmlElement("w:r")
            node = OxmlElement("w:t")
            node.text = text
            run.append(node)
            paragraph.append(run)
            body[-1].addprevious(paragraph)
    word.save(target if not isinstance(target, Path) else str(target))


def write_articles(sources: Sequence[Path], out: Path) -> None:
    """One DOCX per seed, by bare python-docx, named after it, in `out`."""
    write_each(_bare, sources, out, ".docx")


def write_digest(sources: Sequence[Path], out: Path) -> None:
    """Every seed in one DOCX by bare python-docx, `out/digest.docx`."""
    write_together(_bare, sources, out, ".docx")


# Our writer -------------------------------------------------------------------------------------


def _publication_child(count: int, results: multiprocessing.Queue[tuple[float, int, int]]) -> None:
    style = load_style()
    publication = publication_of_many(corpus_articles(count), cover=False)
    convert.render(
        publication_of_many(corpus_articles(2), cover=False), "docx", style
    )  # imports and template, outside the timing
    began = time.perf_counter()
    data = convert.render(publication, "docx", style)
    seconds = time.perf_counter() - began
    # ru_maxrss is in kilobytes on Linux.
    results.put((seconds, len(data), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024))


def publication_cost(count: int) -> tuple[float, int, int]:
    """Build one `count`-article publication in a fresh process: (seconds, bytes, peak resident bytes)."""
    context = multiprocessing.get_context("spawn")
    results: multiprocessing.Queue[tuple[float, int, int]] = context.Queue()
    child = context.Process(target=_publication_child, args=(count, results))
    child.start()
    figures = results.get(timeout=3600)
    child.join()
    return figures


def large_inputs(style: Style) -> tuple[float, float]:
    """Seconds to build a 60,000-word paragraph, and a publication of 100 articles of 100 paragraphs."""
    document = one_paragraph_article(60_000)
    began = time.perf_counter()
    convert.render(document, "docx", style)
    huge_seconds = time.perf_counter() - began
    paragraphs = [text for index in range(200) for text in article_text(index, 1).split("\n\n")][:10_000]
    while len(paragraphs) < 10_000:
        paragraphs.extend(paragraphs[: 10_000 - len(paragraphs)])
    long_articles = []
    for number in range(100):
        head = read_seed(b"date 2024-03-01 Long article.", f"long-{number:03d}.txt")
        blocks = tuple(Paragraph((Text(text),)) for text in paragraphs[number * 100 : (number + 1) * 100])
        long_articles.append(Document(head.metadata, blocks))
    publication = publication_of_many(long_articles, "Ten thousand paragraphs", cover=False)
    began = time.perf_counter()
    convert.render(publication, "docx", style)
    return huge_seconds, time.perf_counter() - began


def measure(count: int = 1000, style: Style | None = None) -> DocxFloor:
    """Every figure for `count` articles (see the module's description)."""
    sheet = style or load_style("default")
    publication_seconds, publication_bytes, peak = publication_cost(count)
    documents = corpus_articles(count)
    began = time.perf_counter()
    convert.render(documents[0], "docx", sheet)
    first = time.perf_counter() - began
    began = time.perf_counter()
    for document in documents:
        convert.render(document, "docx", sheet)
    single = time.perf_counter() - began
    began = time.perf_counter()
    for document in documents:
        _bare([document], io.BytesIO())
    bare = time.perf_counter() - began
    huge_seconds, paragraphs_seconds = large_inputs(sheet)
    return DocxFloor(
        count, single, first, bare, publication_seconds, publication_bytes, peak, huge_seconds, paragraphs_seconds
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line: `python -m benchmarks.docx_floor [N]`."""
    count = article_count(
        "docx_floor", "Measure the DOCX writer on N generated articles: one by one, then as one publication.", argv
    )
    floor = measure(count)
    for line in floor.lines():
        print(line)
    if not floor.within_limits:
        print("docx_floor: a large input took longer than its limit", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
