"""The benchmark runner: our command, pandoc and the bare libraries on the same generated articles, in one table.

`python -m benchmarks.run [--quick] [--formats pdf,epub,docx,json] [--skip-pandoc]` measures whole
processes (median of up to 5 runs after a warm-up; wall time and peak memory of the process tree),
prints the table and writes it with the machine's description to BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import importlib.util
import os
import shutil
import signal
import statistics
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from benchmarks import pandoc as pandoc_side
from benchmarks.cases import (
    FORMATS,
    ISSUE_ARTICLES,
    ROOT,
    SEED,
    Bench,
    Scale,
    Setup,
    count_text,
    measure_rows,
    say,
)
from benchmarks.cores import parallel_ceiling
from benchmarks.corpus import generate, large_seed
from benchmarks.report import DETAIL_HEADER, HEADER, TIMES, machine_lines, markdown_table

FULL = Scale(
    articles=1000,
    digest_articles=1000,
    large_digest_articles=10000,
    pandoc_sample=0,
    runs=5,
    budget=60.0,
    large_seed_bytes=200_000_000,
)
QUICK = replace(
    FULL,
    articles=100,
    digest_articles=100,
    large_digest_articles=200,
    pandoc_sample=5,
    budget=1.0,
    large_seed_bytes=20_000_000,
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and write the report."""
    arguments = _parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        return _run(arguments)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(arguments: argparse.Namespace) -> int:
    scale = _scale(arguments)
    formats = _formats(arguments.formats)
    report = arguments.report or ROOT / "BENCHMARKS.md"
    work = Path(tempfile.mkdtemp(prefix="convert-bench-", dir=arguments.workdir or _scratch_root()))
    say(f"benchmark in {work} ({'quick' if arguments.quick else 'full'}: {scale.articles} articles)")
    try:
        setup = _prepare(work, scale, formats, arguments.skip_pandoc)
        bench = Bench(work, scale)
        ceilings = [parallel_ceiling()]
        rows = measure_rows(bench, setup, scale)
        ceilings.append(parallel_ceiling())
        table = markdown_table(HEADER, [row.cells() for row in rows])
        document = _document(arguments, scale, setup, table, bench, ceilings)
    finally:
        if not arguments.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(table)
    report.write_text(document, encoding="utf-8")
    say(f"written to {report}")
    return 0


def _stop(signum: int, _: object) -> None:
    # As an exception, so that the command being measured is ended and the scratch folder removed.
    raise SystemExit(128 + signum)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="100 articles, digests of 100 and 200, pandoc on 5 files")
    parser.add_argument("--formats", nargs="+", default=list(FORMATS), help="formats to measure (default: all four)")
    parser.add_argument("--skip-pandoc", action="store_true", help="leave pandoc out")
    parser.add_argument("--articles", type=int, help="articles in the batch runs")
    parser.add_argument("--digest-articles", type=int, help="articles in the digest")
    parser.add_argument("--large-digest-articles", type=int, help="articles in the large digest (0: skip it)")
    parser.add_argument("--large-seed-mb", type=float, help="size of the one large seed, in MB (0: skip it)")
    parser.add_argument("--pandoc-sample", type=int, help="articles pandoc converts one by one (0: all)")
    parser.add_argument("--runs", type=int, help="measured runs after the warm-up (default 5)")
    parser.add_argument("--budget", type=float, help="seconds a case may take before it is run fewer times")
    parser.add_argument("--report", type=Path, help="where to write the report (default BENCHMARKS.md)")
    parser.add_argument("--workdir", type=Path, help="folder for the scratch files (default /dev/shm or the temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch files")
    return parser


def _scale(arguments: argparse.Namespace) -> Scale:
    scale = QUICK if arguments.quick else FULL
    changes = {
        name: getattr(arguments, name)
        for name in ("articles", "digest_articles", "large_digest_articles", "pandoc_sample", "runs", "budget")
        if getattr(arguments, name) is not None
    }
    if arguments.large_seed_mb is not None:
        changes["large_seed_bytes"] = int(arguments.large_seed_mb * 1e6)
    return replace(scale, **changes)


def _formats(requested: list[str]) -> tuple[str, ...]:
    names = [name.strip().lower() for part in requested for name in part.split(",") if name.strip()]
    unknown = sorted(set(names) - set(FORMATS))
    if unknown:
        raise SystemExit(f"unknown formats: {', '.join(unknown)}; choose from {', '.join(FORMATS)}")
    return tuple(name for name in FORMATS if name in names)


def _scratch_root() -> Path:
    # Memory-backed when possible, so the disk does not time itself into the figures.
    shm = Path("/dev/shm")
    return shm if shm.is_dir() and os.access(shm, os.W_OK) else Path(tempfile.gettempdir())


def _prepare(work: Path, scale: Scale, formats: tuple[str, ...], skip_pandoc: bool) -> Setup:
    """Everything outside the timing: corpora, pandoc's Markdown, and what can run."""
    sizes = {scale.articles, scale.digest_articles} | ({scale.large_digest_articles} - {0})
    corpora: dict[int, Path] = {}
    for size in sorted(sizes):
        corpora[size] = work / f"corpus-{size}"
        generate(corpora[size], size, SEED)
    one_article = min(corpora[scale.articles].rglob("*.txt"))
    ours = {fmt: _our_writer_problem(fmt) for fmt in formats}
    floors = {fmt: _floor_module(fmt) for fmt in formats}
    tools: pandoc_side.PandocTools | None = None
    reason = "skipped (--skip-pandoc)"
    markdown = one_markdown = digest_markdown = None
    if not skip_pandoc:
        found = pandoc_side.find_tools()
        if isinstance(found, str):
            reason = f"n/a: {found}"
        else:
            tools, reason = found, ""
            articles = sorted(corpora[scale.articles].rglob("*.txt"))
            sample = articles[: scale.pandoc_sample] if scale.pandoc_sample else articles
            markdown = work / "markdown" / "articles"
            pandoc_side.write_article_markdown(sample, markdown)
            one_markdown = pandoc_side.write_article_markdown([one_article], work / "markdown" / "one")[0]
            digest_sources = sorted(corpora[scale.digest_articles].rglob("*.txt"))
            digest_markdown = pandoc_side.write_digest_markdown(digest_sources, work / "markdown" / "digest.md")
    seed = large_seed(work / "large-seed.txt", scale.large_seed_bytes, SEED) if scale.large_seed_bytes else None
    return Setup(
        corpora,
        one_article,
        formats,
        ours,
        floors,
        _load(),
        tools,
        reason,
        markdown,
        one_markdown,
        digest_markdown,
        seed,
    )


def _load() -> str:
    """The load averages over 1, 5 and 15 minutes, to tell whether something else was busy."""
    try:
        return ", ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def _our_writer_problem(fmt: str) -> str | None:
    try:
        from convert.writers import load_writer

        load_writer(fmt)
    except Exception as error:  # any failure to load means "not installed" for the table
        return f"n/a: writer not installed ({type(error).__name__}: {error})"
    return None


def _floor_module(fmt: str) -> str:
    name = f"benchmarks.{fmt}_floor"
    if importlib.util.find_spec(name) is None:
        return f"n/a: benchmarks/{fmt}_floor.py not found"
    try:
        importlib.import_module(name)
    except Exception as error:  # a floor script being written may not import yet
        return f"n/a: benchmarks/{fmt}_floor.py does not import ({type(error).__name__})"
    return name


def _load_during(loads: list[float]) -> str:
    if not loads:
        return ""
    return (
        f"; during it (one minute, as each case began): median {statistics.median(loads):.2f}, highest {max(loads):.2f}"
    )


def _document(
    arguments: argparse.Namespace, scale: Scale, setup: Setup, table: str, bench: Bench, ceilings: list[float]
) -> str:
    mode = "quick" if arguments.quick else "full"
    when = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    pandoc_version = setup.pandoc.version if setup.pandoc else None
    lines = [
        "# Benchmarks",
        "",
        f"Written by `python -m benchmarks.run{' --quick' if arguments.quick else ''}` on {when} ({mode} run).",
        "",
        "## Machine",
        "",
        *machine_lines(pandoc_version),
        f"- Load average (1, 5, 15 min) before the run: {setup.load_before}; after: {_load()}"
        + _load_during(bench.loads),
        f"- Two cores: two CPU-bound processes at once get {ceilings[0]:.2f}{TIMES} the work of one done before "
        f"the run, {ceilings[1]:.2f}{TIMES} after it (`benchmarks/cores.py`): the most any --jobs 2 row can gain.",
        "",
        "## Method",
        "",
        *_method_lines(scale),
    ]
    lines += ["", "## Results", "", table, "", "## Every measured command", ""]
    lines.append(markdown_table(DETAIL_HEADER, [detail.cells() for detail in bench.details]))
    return "\n".join(lines) + "\n"


def _method_lines(scale: Scale) -> list[str]:
    sizes = f"digests of {count_text(scale.digest_articles)}"
    if scale.large_digest_articles:
        sizes += f" and {count_text(scale.large_digest_articles)}"
    lines = [
        f"- Corpus: `python -m benchmarks.corpus OUT N --seed {SEED}`; batch runs over {count_text(scale.articles)} "
        f"articles, {sizes} articles; made in a memory-backed scratch folder before the timing.",
        "- Every figure is a whole process (or a driver process and its children), started fresh: the median of up "
        f"to {scale.runs} runs after a warm-up run. A case whose warm-up takes longer than {scale.budget:g} s is run "
        "fewer times, and its cell says so ('once': one run, no warm-up).",
        "- Memory is the peak resident size of the whole process tree: the largest sum over all live processes at "
        "one sampling instant (every 4 to 50 ms, from /proc), or the largest single process's high-water mark "
        "when that is larger. Worker processes and orphaned descendants are included.",
        "- pandoc: each seed converted to Markdown with its title (by our seed reader) before the timing; one "
        "pandoc call per file, serially and two at a time, from a small driver process; digests as one call with "
        "`--toc` on one Markdown file in our digest's order and weekly groups; PDF through "
        "`--pdf-engine=weasyprint`.",
        "- `--jobs 1` and `--jobs 2` of a format are taken in turns (one, two, one, two...), so that the "
        "machine's drift over minutes weighs on both sides of their ratio alike.",
        "- Floors: `benchmarks/<format>_floor.py`, the bare library writing the same paragraphs, run as a process "
        f"of its own. Ratios compare times (per article for batch runs): below 1{TIMES} we are faster.",
    ]
    if scale.pandoc_sample and scale.pandoc_sample < scale.articles:
        lines.append(
            f"- pandoc's one-call-per-file runs use the first {scale.pandoc_sample} articles; their figures are "
            "per article, and the all-formats figure multiplies them out."
        )
    if scale.articles != ISSUE_ARTICLES:
        lines.append(
            f"- The batch, all-formats, incremental and digest targets are set for {count_text(ISSUE_ARTICLES)} "
            f"articles: over {count_text(scale.articles)} they are shown but not judged, as starting the "
            "process weighs far more per article."
        )
    return lines


if __name__ == "__main__":
    sys.exit(main())
