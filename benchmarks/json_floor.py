"""The floor for JSON: bare json.dumps of the same paragraphs, so our JSON writer's overhead is a ratio.

Every floor script offers the same two calls, which the benchmark runner times as whole processes:
`write_articles(sources, out)` writes one file per seed into the folder `out`, and
`write_digest(sources, out)` writes all of them as one file into `out`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

DATE_PREFIX = "date "


@dataclass(frozen=True, slots=True)
class BareArticle:
    """A seed split the plainest way: the date line's date, the first sentence as title, the paragraphs."""

    title: str
    date: str
    paragraphs: list[str]


def read_bare(path: Path) -> BareArticle:
    """Split a seed file at blank lines, joining wrapped lines; no decoding guesses, no checks."""
    text = path.read_text(encoding="utf-8").lstrip()
    date = ""
    if text.startswith(DATE_PREFIX):
        date, _, text = text[len(DATE_PREFIX) :].partition(" ")
    paragraphs = [" ".join(chunk.split()) for chunk in text.split("\n\n") if chunk.strip()]
    first = paragraphs[0] if paragraphs else ""
    title = first.split(". ", 1)[0][:90]
    return BareArticle(title, date, paragraphs)


def _as_dict(article: BareArticle) -> dict[str, object]:
    return {"title": article.title, "date": article.date, "paragraphs": article.paragraphs}


def write_articles(sources: Sequence[Path], out: Path) -> None:
    """One JSON file per seed, named after it, in `out`."""
    out.mkdir(parents=True, exist_ok=True)
    for source in sources:
        data = json.dumps(_as_dict(read_bare(source)), ensure_ascii=False, indent=1)
        (out / f"{source.stem}.json").write_text(data, encoding="utf-8")


def write_digest(sources: Sequence[Path], out: Path) -> None:
    """Every seed in one JSON file, `out/digest.json`."""
    out.mkdir(parents=True, exist_ok=True)
    articles = [_as_dict(read_bare(source)) for source in sources]
    data = json.dumps({"title": "Digest", "articles": articles}, ensure_ascii=False, indent=1)
    (out / "digest.json").write_text(data, encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m benchmarks.json_floor SOURCE OUT [--digest]`: SOURCE is a seed file or a folder of them."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    digest = "--digest" in arguments
    paths = [argument for argument in arguments if argument != "--digest"]
    if len(paths) != 2:
        print("usage: python -m benchmarks.json_floor SOURCE OUT [--digest]", file=sys.stderr)
        return 2
    source, out = Path(paths[0]), Path(paths[1])
    sources = sorted(source.rglob("*.txt")) if source.is_dir() else [source]
    (write_digest if digest else write_articles)(sources, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
