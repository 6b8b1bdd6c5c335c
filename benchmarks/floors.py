"""What the bare-library floor scripts share: reading seeds, one file each or one digest, the command line."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO

from benchmarks.corpus import article_text
from convert.model import Document, FrontMatter, Publication, Section
from convert.model.identifiers import content_identifier
from convert.readers import read_file
from convert.readers.seed import read_seed

BareWriter = Callable[[Sequence[Document], Path | BinaryIO], None]
"""A bare-library script: these documents into one file."""


def read_documents(sources: Sequence[Path]) -> list[Document]:
    """The articles of `sources` as our reader makes them, outside what the floor times."""
    documents: list[Document] = []
    for source in sources:
        item = read_file(source)
        documents.extend(item.documents if isinstance(item, Publication) else [item])
    return documents


def write_each(bare: BareWriter, sources: Sequence[Path], out: Path, suffix: str) -> None:
    """One file per seed by the bare script, named after the seed, in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for source, document in zip(sources, read_documents(sources), strict=True):
        bare([document], out / f"{source.stem}{suffix}")


def write_together(bare: BareWriter, sources: Sequence[Path], out: Path, suffix: str) -> None:
    """Every seed in one file by the bare script, `out/digest<suffix>`."""
    out.mkdir(parents=True, exist_ok=True)
    bare(read_documents(sources), out / f"digest{suffix}")


def article_count(prog: str, description: str, argv: Sequence[str] | None) -> int:
    """N from `python -m benchmarks.<prog> [N]` (default 1000, at least 1)."""
    parser = argparse.ArgumentParser(prog=f"python -m benchmarks.{prog}", description=description)
    parser.add_argument("count", metavar="N", type=int, nargs="?", default=1000, help="articles (default 1000)")
    count: int = parser.parse_args(argv).count
    if count < 1:
        parser.error("N must be at least 1")
    return count


def corpus_articles(count: int, seed: int = 0) -> list[Document]:
    """The first `count` articles of the benchmark corpus, read by the seed reader as real inputs are."""
    return [read_seed(article_text(index, seed).encode("utf-8"), f"article-{index:05d}.txt") for index in range(count)]


def one_paragraph_article(words: int) -> Document:
    """An article whose body is one paragraph of `words` words: many pages, or many spine files."""
    text = " ".join(f"word{index % 997}" for index in range(words))
    return read_seed(f"date 2024-02-05 One paragraph of {words:,} words. {text}".encode(), "long.txt")


def publication_of_many(documents: Sequence[Document], title: str = "News digest", cover: bool = True) -> Publication:
    """A digest: the articles by date, grouped by month, with a title page, contents and (if `cover`) a cover."""
    ordered = sorted(documents, key=lambda doc: (doc.metadata.date is None, doc.metadata.date, doc.metadata.source))
    groups: dict[str, list[Document]] = {}
    for document in ordered:
        date = document.metadata.date
        groups.setdefault(date.strftime("%B %Y") if date else "Undated", []).append(document)
    dates = [doc.metadata.date for doc in ordered if doc.metadata.date]
    return Publication(
        title=title,
        subtitle=f"{len(ordered)} articles",
        language="en",
        identifier=content_identifier(*(doc.metadata.identifier for doc in ordered)),
        sections=tuple(Section(name, tuple(docs)) for name, docs in groups.items()),
        date=max(dates) if dates else None,
        front_matter=FrontMatter(cover=cover, title_page=True, contents=True),
        modified=dt.datetime(2024, 12, 31, tzinfo=dt.UTC),
    )
