"""How fast the EPUB writer is, and the floor it is measured against: bare ebooklib packing the same paragraphs.

`measure(N)` (and `python -m benchmarks.epub_floor [N]`, N defaulting to 1,000) renders N generated
articles one by one in one process (articles per second), builds one N-article publication in a
fresh process (time and peak memory), and times a 60,000-word paragraph. `write_articles` and
`write_digest` are the floor calls the benchmark runner times: ebooklib's own EpubHtml chapters, one
heading and one paragraph element per paragraph, its default navigation, no styles of ours.
"""

from __future__ import annotations

import html
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
from benchmarks.floors import (
    article_count,
    corpus_articles,
    one_paragraph_article,
    publication_of_many,
    write_each,
    write_together,
)
from convert.model import Document, block_texts
from convert.model.identifiers import content_identifier
from convert.styles import Style, load_style


@dataclass(frozen=True, slots=True)
class EpubFloor:
    """What one run measured."""

    articles: int
    single_seconds: float
    """All articles, one EPUB each, one after another in one process (after one warm-up file)."""
    first_seconds: float
    """The warm-up file: importing ebooklib and lxml and looking the fonts up once."""
    bare_seconds: float
    """The same articles packed by bare ebooklib, one file each."""
    publication_seconds: float
    publication_bytes: int
    publication_peak_bytes: int
    """Peak resident size of a fresh process that builds the publication."""
    huge_paragraph_seconds: float

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.single_seconds

    def lines(self) -> list[str]:
        """The figures as a person reads them."""
        return [
            f"EPUB writer, {self.articles} generated articles, default style",
            f"  one EPUB per article: {self.single_seconds:.2f} s, {self.articles_per_second:.0f} articles/s "
            f"(first file {self.first_seconds * 1000:.0f} ms: imports and font look-ups)",
            f"  bare ebooklib, same paragraphs: {self.bare_seconds:.2f} s, "
            f"{self.articles / self.bare_seconds:.0f} articles/s",
            f"  one {self.articles}-article publication: {self.publication_seconds:.2f} s, "
            f"{self.publication_bytes / 1e6:.2f} MB, peak resident size {self.publication_peak_bytes / 1e6:.0f} MB",
            f"  60,000-word paragraph: {self.huge_paragraph_seconds:.2f} s",
        ]


# The floor: bare ebooklib ------------------------------------------------------------------------


def _bare(documents: Sequence[Document], target: Path | BinaryIO) -> None:
    """The floor: one ebooklib EpubHtml chapter per article, its navigation and NCX, its packaging."""
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier(content_identifier(*(document.metadata.identifier for document in documents)))
    book.set_title(documents[0].metadata.title if len(documents) == 1 else "Digest")
    book.set_language("en")
    chapters = []
    for number, document in enumerate(documents, 1):
        paragraphs = "".join(f"<p>{html.escape(text)}</p>" for text in block_texts(document.blocks))
        chapter = epub.EpubHtml(title=document.metadata.title, file_name=f"article-{number:05d}.xhtml", lang="en")
        chapter.content = f"<h1>{html.escape(document.metadata.title)}</h1>{paragraphs}"
        book.add_item(chapter)
        chapters.append(chapter)
    book.toc = chapters
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    book.spine = ["nav", *chapters]
    epub.write_epub(target if not isinstance(target, Path) else str(target), book)


def write_articles(sources: Sequence[Path], out: Path) -> None:
    """One EPUB per seed, by bare ebooklib, named after it, in `out`."""
    write_each(_bare, sources, out, ".epub")


def write_digest(sources: Sequence[Path], out: Path) -> None:
    """Every seed in one EPUB by bare ebooklib, `out/digest.epub`."""
    write_together(_bare, sources, out, ".epub")


# Our writer -------------------------------------------------------------------------------------


def _publication_child(count: int, results: multiprocessing.Queue[tuple[float, int, int]]) -> None:
    style = load_style()
    publication = publication_of_many(corpus_articles(count))
    convert.render(
        publication_of_many(corpus_articles(2)), "epub", style
    )  # imports and font look-ups, outside the timing
    began = time.perf_counter()
    data = convert.render(publication, "epub", style)
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


def huge_paragraph_seconds(style: Style) -> float:
    """Seconds to build an article of one 60,000-word paragraph (split over several spine files)."""
    document = one_paragraph_article(60_000)
    began = time.perf_counter()
    convert.render(document, "epub", style)
    return time.perf_counter() - began


def measure(count: int = 1000, style: Style | None = None) -> EpubFloor:
    """Every figure for `count` articles (see the module's description)."""
    sheet = style or load_style("default")
    publication_seconds, publication_bytes, peak = publication_cost(count)
    documents = corpus_articles(count)
    began = time.perf_counter()
    convert.render(documents[0], "epub", sheet)
    first = time.perf_counter() - began
    began = time.perf_counter()
    for document in documents:
        convert.render(document, "epub", sheet)
    single = time.perf_counter() - began
    began = time.perf_counter()
    for document in documents:
        _bare([document], io.BytesIO())
    bare = time.perf_counter() - began
    return EpubFloor(
        count, single, first, bare, publication_seconds, publication_bytes, peak, huge_paragraph_seconds(sheet)
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line: `python -m benchmarks.epub_floor [N]`."""
    count = article_count(
        "epub_floor", "Measure the EPUB writer on N generated articles: one by one, then as one publication.", argv
    )
    for line in measure(count).lines():
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
