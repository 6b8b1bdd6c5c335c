"""The pandoc side of the benchmark: seeds as Markdown, pandoc's commands, and a driver running one call per file.

pandoc has no plain-text reader, so the seeds become Markdown with their title first, outside the
timing; the driver (`python -m benchmarks.pandoc MD_DIR OUT --to FMT --jobs N --pandoc PATH`) then
runs one pandoc call per file, N at a time, as a user's shell loop would, and is timed as a whole.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from convert.model import Document

FORMATS = ("epub", "docx", "json", "pdf")
DIGEST_TITLE = "Benchmark digest"

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~^$@&])")
"""Characters Markdown may read as markup anywhere in a line."""
_BLOCK_START = re.compile(r"^([-+:>%=])(?=\s|$)")
"""A paragraph start Markdown would read as a list, quote, definition, title block or heading underline."""
_NUMBER_START = re.compile(r"^(\(?)(\d+|[A-Za-z]|[ivxlcdmIVXLCDM]+)([.)])(?=\s|$)")
"""A paragraph start Markdown would read as an ordered list (1. a) (iv) B.): the mark after the number is escaped."""


@dataclass(frozen=True, slots=True)
class PandocTools:
    """Where pandoc and its PDF engine are, and which version of pandoc this is."""

    pandoc: Path
    version: str
    pdf_engine: Path | None
    """The weasyprint executable, or None when WeasyPrint is not installed."""


def find_tools() -> PandocTools | str:
    """pandoc from the pypandoc-binary package and weasyprint beside this Python, or why they are missing."""
    try:
        import pypandoc  # type: ignore[import-untyped]
    except ImportError:
        return "pypandoc-binary is not installed (pip install '.[bench]')"
    try:
        pandoc = Path(pypandoc.get_pandoc_path())
        version = str(pypandoc.get_pandoc_version())
    except OSError as error:
        return f"pandoc is not available: {error}"
    beside = Path(sys.executable).parent / "weasyprint"
    found = str(beside) if beside.exists() else shutil.which("weasyprint")
    return PandocTools(pandoc, version, Path(found) if found else None)


def escape(text: str) -> str:
    """`text` as one Markdown paragraph that pandoc reads back as exactly these characters."""
    flat = " ".join(text.split())
    escaped = _BLOCK_START.sub(r"\\\1", _SPECIAL.sub(r"\\\1", flat))
    return _NUMBER_START.sub(r"\1\2\\\3", escaped)


def _yaml_string(text: str) -> str:
    # pandoc reads metadata values as Markdown, and a JSON string is a YAML double-quoted scalar.
    return json.dumps(escape(text), ensure_ascii=False)


def article_markdown(document: Document) -> str:
    """One article as a standalone Markdown file: its title and date as metadata, then its paragraphs."""
    from convert.model import block_texts

    meta = document.metadata
    head = ["---", f"title: {_yaml_string(meta.title)}"]
    if meta.date is not None:
        head.append(f"date: {meta.date.isoformat()}")
    head.append("---")
    return "\n".join(head) + "\n\n" + "\n\n".join(escape(text) for text in block_texts(document.blocks)) + "\n"


def write_article_markdown(sources: Sequence[Path], out: Path) -> list[Path]:
    """Each seed as `out/<name>.md`, read by our seed reader so that pandoc gets the same title and paragraphs."""
    from convert.readers.seed import read_seed

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sources:
        target = out / f"{source.stem}.md"
        target.write_text(article_markdown(read_seed(source.read_bytes(), source.name)), encoding="utf-8")
        written.append(target)
    return written


def write_digest_markdown(sources: Sequence[Path], target: Path) -> Path:
    """All the seeds as one Markdown file, in our digest's order and weekly groups, two heading levels deep."""
    from convert.model import block_texts
    from convert.model.digest import make_digest
    from convert.readers.seed import read_seed
    from convert.text.phrases import written_date

    documents = [read_seed(source.read_bytes(), source.name) for source in sources]
    publication = make_digest(documents, DIGEST_TITLE, "week")
    parts = ["---", f"title: {_yaml_string(publication.title)}", "---", ""]
    for section in publication.sections:
        level = "#"
        if section.title is not None:
            parts += [f"# {escape(section.title)}", ""]
            level = "##"
        for document in section.documents:
            parts += [f"{level} {escape(document.metadata.title)}", ""]
            if document.metadata.date is not None:
                parts += [f"*{written_date(document.metadata.date)}*", ""]
            for text in block_texts(document.blocks):
                parts += [escape(text), ""]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(parts), encoding="utf-8")
    return target


def pandoc_command(
    pandoc: Path, source: Path, target: Path, fmt: str, pdf_engine: Path | None = None, toc: bool = False
) -> list[str]:
    """The pandoc call turning one Markdown file into `fmt` (epub, docx, json or pdf through WeasyPrint)."""
    # Without "smart", pandoc keeps straight quotes, "--" and "..." as the seeds have them.
    command = [str(pandoc), str(source), "--from", "markdown-smart", "--output", str(target)]
    if fmt == "pdf":
        if pdf_engine is None:
            raise ValueError("PDF through pandoc needs WeasyPrint (pip install weasyprint)")
        command += ["--to", "html5", f"--pdf-engine={pdf_engine}"]
    elif fmt == "epub":
        command += ["--to", "epub3"]
    elif fmt in ("docx", "json"):
        command += ["--to", fmt]
    else:
        raise ValueError(f"no pandoc benchmark for {fmt!r}")
    if fmt != "json":
        command.append("--standalone")
    if toc:
        command += ["--toc", "--toc-depth=2"]
    return command


def convert_each(sources: Sequence[Path], out: Path, fmt: str, jobs: int, pandoc: Path, pdf_engine: Path | None) -> int:
    """Run one pandoc call per source, `jobs` at a time, in `out`; return how many failed twice.

    A failed call is tried once more (said on standard error): on a busy machine WeasyPrint now and
    then fails on a file it converts the next time, and one such file should not void the whole run.
    """
    out.mkdir(parents=True, exist_ok=True)
    running: dict[int, tuple[Path, bool, subprocess.Popen[bytes]]] = {}
    failed = 0
    queue: list[tuple[Path, bool]] = [(source, False) for source in sources]
    while queue or running:
        while queue and len(running) < jobs:
            source, retry = queue.pop(0)
            command = pandoc_command(pandoc, source, out / f"{source.stem}.{fmt}", fmt, pdf_engine)
            # pandoc writes its PDF engine's temporary files into the current folder: the output folder.
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, cwd=out)
            running[process.pid] = (source, retry, process)
        # Whichever call ends first frees its slot, as `xargs -P` would.
        pid, status = os.wait()
        source, retry, process = running.pop(pid)
        # Tell the Popen object its process is reaped, so that it never waits for a reused process id.
        process.returncode = code = os.waitstatus_to_exitcode(status)
        if code == 0:
            continue
        print(f"pandoc failed on {source}: exit {code}" + ("" if retry else "; trying once more"), file=sys.stderr)
        if retry:
            failed += 1
        else:
            queue.insert(0, (source, True))
    return failed


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m benchmarks.pandoc MD_DIR OUT --to FMT [--jobs N] --pandoc PATH [--pdf-engine PATH]`."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.pandoc",
        description="Convert every Markdown file in a folder with one pandoc call each.",
    )
    parser.add_argument("sources", metavar="MD_DIR", type=Path, help="folder of .md files")
    parser.add_argument("out", metavar="OUT", type=Path, help="folder for the outputs")
    parser.add_argument("--to", dest="fmt", choices=FORMATS, required=True)
    parser.add_argument("--jobs", type=int, default=1, help="pandoc calls at a time (default 1)")
    parser.add_argument("--pandoc", type=Path, required=True, help="the pandoc executable")
    parser.add_argument("--pdf-engine", type=Path, help="the weasyprint executable, for PDF")
    arguments = parser.parse_args(argv)
    sources = sorted(arguments.sources.glob("*.md"))
    failed = convert_each(
        sources, arguments.out, arguments.fmt, max(1, arguments.jobs), arguments.pandoc, arguments.pdf_engine
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
