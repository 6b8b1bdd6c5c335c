"""The cases the benchmark measures, and the table rows they fill: ours, pandoc's and the floor's side by side."""

from __future__ import annotations

import contextlib
import importlib
import os
import re
import shlex
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks import pandoc as pandoc_side
from benchmarks.measure import CommandError, Measurement, Sample, measure, repeat, repeat_pair
from benchmarks.report import (
    MIB,
    TIMES,
    Detail,
    Figure,
    Row,
    Target,
    memory_text,
    seconds_text,
)

ROOT = Path(__file__).resolve().parents[1]
EXECUTABLES = ("python", "python3", "convert", "pandoc", "weasyprint")
_PLAIN_WORD = re.compile(r"[\w@%+=:,./$-]+")
"""An argument a shell would read as it is ($WORK included, as a variable)."""
FORMATS = ("pdf", "epub", "docx", "json")
SEED = 0
DIGEST_TITLE = "Benchmark digest"
ISSUE_ARTICLES = 1000
"""The article count the issue's time targets are stated for."""

RATE_TARGETS = {"pdf": 100.0, "epub": 500.0, "docx": 100.0, "json": 2000.0}
"""Articles per second, one worker."""
SPEEDUP_TARGETS = {"pdf": 1.7, "docx": 1.7}
"""How many times faster two workers must be than one on a two-core machine; other formats
must simply be no slower."""
ALL_FORMATS_SECONDS = 15.0
DIGEST_TARGETS: dict[str, tuple[float, float | None]] = {
    "epub": (2.0, 200.0),
    "pdf": (12.0, 300.0),
    "docx": (4.0, None),
}
"""Seconds and MiB for a digest of 1,000 articles."""
COLD_TARGETS = {"version": 0.100, "json": 0.150, "pdf": 0.300}
INCREMENTAL_SHARE = 0.05
LARGE_SEED_MULTIPLES = {"json": 4.0, "epub": 4.0, "docx": 4.0, "pdf": 6.0}
"""Peak memory of one large seed's conversion, in times the seed's size, the interpreter, the
libraries and the fonts included. A PDF's is higher: reportlab keeps an object per page (some
55,000 for 200 MB) and every flowable of the story until the document is saved."""
LARGE_DIGEST_BYTES = 2_000_000_000
LINEAR_GROWTH = 1.3
""""Linear in the article count": the larger digest may cost at most this many times more per article."""
FLOOR_CODE = (
    "import sys\nfrom importlib import import_module\nfrom pathlib import Path\n"
    "source = Path(sys.argv[3])\n"
    "paths = sorted(source.rglob('*.txt')) if source.is_dir() else [source]\n"
    "getattr(import_module(sys.argv[1]), sys.argv[2])(paths, Path(sys.argv[4]))\n"
)
"""A floor script's call, run as a process of its own: module, function, seed file or folder, output folder."""
RENDER_BARE_CODE = (
    "import sys\nfrom importlib import import_module\nfrom pathlib import Path\n"
    "from convert.readers.seed import read_seed\nfrom convert.styles import load_style\n"
    "render = import_module(sys.argv[1]).render_bare\nstyle = load_style('default')\n"
    "source, out, suffix = Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4]\n"
    "for path in sorted(source.rglob('*.txt')) if source.is_dir() else [source]:\n"
    "    (out / (path.stem + suffix)).write_bytes(render(read_seed(path.read_bytes(), path.name), style))\n"
)
"""For a floor script offering only `render_bare(document, style) -> bytes`: our reader and style, its rendering."""


@dataclass(frozen=True, slots=True)
class Scale:
    """How big the run is."""

    articles: int
    digest_articles: int
    large_digest_articles: int
    """0 skips the large digest."""
    pandoc_sample: int
    """pandoc's one-call-per-file runs use the first this many articles (0: all), their time scaled per article."""
    runs: int
    budget: float
    """Seconds one case may take beyond its warm-up; longer cases are run fewer times."""
    large_seed_bytes: int = 0
    """The size of the one large seed converted to each format (0 skips it)."""


class Bench:
    """Runs cases in a scratch folder and keeps every measurement for the appendix."""

    def __init__(self, work: Path, scale: Scale) -> None:
        self.work = work
        self.scale = scale
        self.details: list[Detail] = []
        self.loads: list[float] = []
        """The one-minute load average as each case began: how busy the machine was meanwhile."""
        self.logs = work / "logs"
        self.logs.mkdir(parents=True, exist_ok=True)

    def case(
        self, name: str, command: list[str], out: Path | None, articles: int, note: str = "", cwd: Path = ROOT
    ) -> Figure:
        """Measure `command` (its output folder emptied before each run); a failure becomes a note, not a crash.

        Commands run in the project folder, where `python -m benchmarks...` finds its modules; pandoc, which
        leaves temporary files in the current folder, runs in the scratch folder instead.
        """
        self._note_load()
        try:
            measurement = repeat(self._runner(command, out, cwd), self.scale.runs, self.scale.budget)
        except (CommandError, OSError, RuntimeError) as error:
            return self._failed(name, command, error)
        return self._figure(name, command, measurement, articles, note)

    def pair(
        self, names: tuple[str, str], commands: tuple[list[str], list[str]], out: Path, articles: int
    ) -> tuple[Figure, Figure]:
        """Measure two commands in turns, for a ratio between them that the machine's drift does not bend."""
        self._note_load()
        try:
            measured = repeat_pair(
                self._runner(commands[0], out, ROOT),
                self._runner(commands[1], out, ROOT),
                self.scale.runs,
                self.scale.budget,
            )
        except (CommandError, OSError, RuntimeError) as error:
            return self._failed(names[0], commands[0], error), self._failed(names[1], commands[1], error)
        return (
            self._figure(names[0], commands[0], measured[0], articles, ""),
            self._figure(names[1], commands[1], measured[1], articles, ""),
        )

    def _runner(self, command: list[str], out: Path | None, cwd: Path) -> Callable[[], Sample]:
        log = self.logs / f"{len(self.details):03d}-{len(command)}.log"

        def run_once() -> Sample:
            if out is not None:
                shutil.rmtree(out, ignore_errors=True)
                out.mkdir(parents=True)
            return measure(command, cwd=cwd, log=log)

        return run_once

    def _note_load(self) -> None:
        with contextlib.suppress(OSError, AttributeError):
            self.loads.append(os.getloadavg()[0])

    def _failed(self, name: str, command: list[str], error: Exception) -> Figure:
        self.details.append(Detail(name, self._shown(command), None, f"failed: {error}"))
        say(f"  {name}: failed: {error}")
        return Figure.missing(f"failed: {error}")

    def _figure(self, name: str, command: list[str], measurement: Measurement, articles: int, note: str) -> Figure:
        self.details.append(Detail(name, self._shown(command), measurement))
        say(
            f"  {name}: {seconds_text(measurement.seconds)}, {memory_text(measurement.peak_bytes)}"
            f" ({measurement.runs} run{'s' if measurement.runs > 1 else ''})"
        )
        return Figure.of(measurement, articles, self.scale.runs, note)

    def _shown(self, command: list[str]) -> str:
        return " ".join(_shown(part, self.work) for part in command)


@dataclass(frozen=True, slots=True)
class Setup:
    """What the cases run on: corpora, Markdown for pandoc, and which tools exist."""

    corpora: dict[int, Path]
    one_article: Path
    formats: tuple[str, ...]
    ours: dict[str, str | None]
    """Format → why our writer cannot run (None when it can)."""
    floors: dict[str, str]
    """Format → the floor module to run, or why there is none (starting 'n/a')."""
    load_before: str
    pandoc: pandoc_side.PandocTools | None
    pandoc_reason: str
    markdown: Path | None
    """Folder of the articles pandoc converts one by one."""
    one_markdown: Path | None
    digest_markdown: Path | None
    large_seed: Path | None = None


def _convert() -> list[str]:
    beside = Path(sys.executable).parent / "convert"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("convert")
    return [found] if found else [sys.executable, "-m", "convert"]


def measure_rows(bench: Bench, setup: Setup, scale: Scale) -> list[Row]:
    """Measure every case and return the table's rows in the issue's order."""
    rows: list[Row] = []
    rows += _batch_rows(bench, setup, scale)
    rows += _digest_rows(bench, setup, scale)
    rows += _cold_rows(bench, setup)
    rows += _large_seed_rows(bench, setup)
    # The issue's table ends with the second run; it is measured right after the first.
    rows.sort(key=lambda row: row.kind == "incremental")
    return rows


def count_text(number: int) -> str:
    """A count as the table writes it: 10,000."""
    return f"{number:,}"


def _batch_rows(bench: Bench, setup: Setup, scale: Scale) -> list[Row]:
    corpus = setup.corpora[scale.articles]
    n = scale.articles
    rows: list[Row] = []
    pandoc_two: dict[str, Figure] = {}
    one_worker = Figure()
    for fmt in setup.formats:
        labels = tuple(f"{count_text(n)} articles → {fmt.upper()}, --jobs {jobs}" for jobs in (1, 2))
        problem = setup.ours[fmt]
        if problem:
            figures = (Figure.missing(problem), Figure.missing(problem))
        else:
            out = bench.work / "out"
            commands = tuple(
                [*_convert(), str(corpus), "--to", fmt, "--out", str(out), "--jobs", str(jobs), "-q"] for jobs in (1, 2)
            )
            figures = bench.pair((f"ours {labels[0]}", f"ours {labels[1]}"), (commands[0], commands[1]), out, n)
        for jobs, label, ours in zip((1, 2), labels, figures, strict=True):
            theirs = _pandoc_each(bench, setup, fmt, jobs)
            if jobs == 2:
                pandoc_two[fmt] = theirs
            floor = _floor(bench, setup, fmt, "write_articles", corpus, n, f"floor {label}") if jobs == 1 else Figure()
            target = None
            reference = None
            if jobs == 1 and fmt in RATE_TARGETS:
                target = Target(
                    f"≥ {RATE_TARGETS[fmt]:,.0f} articles/s", min_rate=RATE_TARGETS[fmt], articles=ISSUE_ARTICLES
                )
            if jobs == 2:
                speedup = SPEEDUP_TARGETS.get(fmt, 1.0)
                text = f"≥ {speedup}{TIMES} faster than --jobs 1" if speedup > 1 else "no slower than --jobs 1"
                target = Target(text, min_speedup=speedup, articles=ISSUE_ARTICLES)
                reference = one_worker
            rows.append(Row(label, "batch", ours, theirs, floor, target, reference))
            one_worker = ours
    rows.extend(_all_formats_rows(bench, setup, scale, pandoc_two))
    return rows


def _all_formats_rows(bench: Bench, setup: Setup, scale: Scale, pandoc_two: dict[str, Figure]) -> tuple[Row, Row]:
    """All formats in one call, then the same call again over the unchanged articles and outputs."""
    n = scale.articles
    usable = [fmt for fmt in setup.formats if setup.ours[fmt] is None]
    names = "all four formats" if len(usable) == len(FORMATS) else ", ".join(fmt.upper() for fmt in usable)
    label = f"{count_text(n)} articles {TIMES} {names or 'no formats'}, --jobs 2"
    target = Target(f"≤ {seconds_text(ALL_FORMATS_SECONDS)}", max_seconds=ALL_FORMATS_SECONDS, articles=ISSUE_ARTICLES)
    again = f"second run over {count_text(n)} unchanged"
    share = Target(f"≤ {INCREMENTAL_SHARE:.0%} of the first", max_share=INCREMENTAL_SHARE, articles=ISSUE_ARTICLES)
    if not usable:
        missing = Figure.missing("n/a: no writer installed")
        return Row(label, "time", missing, target=target), Row(again, "incremental", missing, target=share)
    out = bench.work / "all-formats"
    command = [*_convert(), str(setup.corpora[n]), "--to", ",".join(usable), "--out", str(out), "--jobs", "2", "-q"]
    ours = bench.case(f"ours {label}", command, out, n)
    # The last run's outputs and manifest stay in `out`: every run of the same command now finds them current.
    second = bench.case(f"ours {again}", command, None, n) if ours.measured else Figure.missing("n/a: no first run")
    parts = [pandoc_two.get(fmt, Figure()) for fmt in usable]
    if all(part.measured for part in parts):
        total = sum((part.per_article or 0.0) * n for part in parts)
        peak = max(part.peak_bytes or 0 for part in parts)
        sampled = bench.scale.pandoc_sample and bench.scale.pandoc_sample < n
        how = f"per article {TIMES} {count_text(n)}" if sampled else "added up"
        theirs = Figure(total, peak, n, f"the formats' two-at-a-time runs, {how}")
    else:
        theirs = Figure.missing(setup.pandoc_reason or "n/a: a format's pandoc run is missing")
    first = Row(label, "time", ours, theirs, Figure(), target)
    return first, Row(again, "incremental", second, target=share, reference=ours)


def _pandoc_each(bench: Bench, setup: Setup, fmt: str, jobs: int) -> Figure:
    tools = setup.pandoc
    if tools is None or setup.markdown is None:
        return Figure.missing(setup.pandoc_reason)
    if fmt == "pdf" and tools.pdf_engine is None:
        return Figure.missing("n/a: weasyprint is not installed")
    count = len(list(setup.markdown.glob("*.md")))
    command = [sys.executable, "-m", "benchmarks.pandoc", str(setup.markdown), str(bench.work / "pandoc-out")]
    command += ["--to", fmt, "--jobs", str(jobs), "--pandoc", str(tools.pandoc)]
    if tools.pdf_engine is not None:
        command += ["--pdf-engine", str(tools.pdf_engine)]
    total = bench.scale.articles
    note = f"{count} of {count_text(total)} files" if count != total else ""
    how = "serial" if jobs == 1 else "two at a time"
    return bench.case(f"pandoc {fmt} one call per file, {how}", command, bench.work / "pandoc-out", count, note)


def _floor(bench: Bench, setup: Setup, fmt: str, call: str, source: Path, articles: int, name: str) -> Figure:
    """The floor script's `call` over `source`; a script with only `render_bare` still gives one file per article."""
    module_name = setup.floors[fmt]
    if module_name.startswith("n/a"):
        return Figure.missing(module_name)
    module = importlib.import_module(module_name)
    out = bench.work / "floor-out"
    if callable(getattr(module, call, None)):
        command = [sys.executable, "-c", FLOOR_CODE, module_name, call, str(source), str(out)]
        return bench.case(name, command, out, articles)
    if call == "write_articles" and callable(getattr(module, "render_bare", None)):
        command = [sys.executable, "-c", RENDER_BARE_CODE, module_name, str(source), str(out), f".{fmt}"]
        return bench.case(name, command, out, articles, "render_bare")
    return Figure.missing(f"n/a: benchmarks/{fmt}_floor.py has no {call}")


def _digest_rows(bench: Bench, setup: Setup, scale: Scale) -> list[Row]:
    rows: list[Row] = []
    small: dict[str, Figure] = {}
    for size, large in ((scale.digest_articles, False), (scale.large_digest_articles, True)):
        if size == 0:
            continue
        for fmt in setup.formats:
            label = f"digest of {count_text(size)} → {fmt.upper()}"
            problem = setup.ours[fmt]
            if problem:
                ours = Figure.missing(problem)
            else:
                command = [*_convert(), str(setup.corpora[size]), "--to", fmt, "--out", str(bench.work / "out")]
                command += ["--digest", "--title", DIGEST_TITLE, "--group-by", "week", "--jobs", "1", "-q"]
                ours = bench.case(f"ours {label}", command, bench.work / "out", size)
            target: Target | None = None
            if large:
                target = Target(
                    f"≤ {LARGE_DIGEST_BYTES / 1e9:g} GB, ≤ {LINEAR_GROWTH:g}{TIMES} the time per article "
                    f"of {count_text(scale.digest_articles)}",
                    max_bytes=LARGE_DIGEST_BYTES,
                    max_growth=LINEAR_GROWTH,
                )
                rows.append(Row(label, "time", ours, target=target, reference=small.get(fmt)))
                continue
            small[fmt] = ours
            theirs = _pandoc_digest(bench, setup, fmt, size)
            floor = _floor(bench, setup, fmt, "write_digest", setup.corpora[size], size, f"floor {label}")
            if fmt in DIGEST_TARGETS:
                seconds, mib = DIGEST_TARGETS[fmt]
                text = f"≤ {seconds_text(seconds)}" + (f", ≤ {mib:,.0f} MiB" if mib is not None else "")
                if fmt == "docx":
                    text += ", with filled contents"
                memory = int(mib * MIB) if mib else None
                target = Target(text, max_seconds=seconds, max_bytes=memory, articles=ISSUE_ARTICLES)
            rows.append(Row(label, "time", ours, theirs, floor, target))
    return rows


def _pandoc_digest(bench: Bench, setup: Setup, fmt: str, size: int) -> Figure:
    tools = setup.pandoc
    if tools is None or setup.digest_markdown is None:
        return Figure.missing(setup.pandoc_reason)
    if fmt == "pdf" and tools.pdf_engine is None:
        return Figure.missing("n/a: weasyprint is not installed")
    out = bench.work / "pandoc-out"
    command = pandoc_side.pandoc_command(
        tools.pandoc, setup.digest_markdown, out / f"digest.{fmt}", fmt, tools.pdf_engine, toc=True
    )
    return bench.case(f"pandoc digest of {count_text(size)} → {fmt}, --toc", command, out, size, cwd=bench.work)


def _cold_rows(bench: Bench, setup: Setup) -> list[Row]:
    rows: list[Row] = []
    ours = bench.case("ours convert --version", [*_convert(), "--version"], None, 1)
    theirs = Figure.missing(setup.pandoc_reason)
    if setup.pandoc is not None:
        theirs = bench.case("pandoc --version", [str(setup.pandoc.pandoc), "--version"], None, 1)
    floor = bench.case("python -c pass", [sys.executable, "-c", "pass"], None, 1)
    version = COLD_TARGETS["version"]
    target = Target(f"≤ {seconds_text(version)}", max_seconds=version)
    rows.append(Row("`convert --version`, cold", "time", ours, theirs, floor, target))
    out = bench.work / "out"
    for fmt in sorted(setup.formats, key=lambda name: ("json", "pdf", "epub", "docx").index(name)):
        label = f"one article → {fmt.upper()}, cold"
        problem = setup.ours[fmt]
        if problem:
            ours = Figure.missing(problem)
        else:
            command = [*_convert(), str(setup.one_article), "--to", fmt, "--out", str(out), "--jobs", "1", "-q"]
            ours = bench.case(f"ours {label}", command, out, 1)
        theirs = Figure.missing(setup.pandoc_reason)
        if setup.pandoc is not None and setup.one_markdown is not None:
            if fmt == "pdf" and setup.pandoc.pdf_engine is None:
                theirs = Figure.missing("n/a: weasyprint is not installed")
            else:
                command = pandoc_side.pandoc_command(
                    setup.pandoc.pandoc, setup.one_markdown, out / f"one.{fmt}", fmt, setup.pandoc.pdf_engine
                )
                theirs = bench.case(f"pandoc {label}", command, out, 1, cwd=bench.work)
        floor = _floor(bench, setup, fmt, "write_articles", setup.one_article, 1, f"floor {label}")
        limit = COLD_TARGETS.get(fmt)
        cold = Target(f"≤ {seconds_text(limit)}", max_seconds=limit) if limit else None
        rows.append(Row(label, "time", ours, theirs, floor, cold))
    return rows


def _large_seed_rows(bench: Bench, setup: Setup) -> list[Row]:
    """One seed of hundreds of megabytes to each format: its peak memory against its size."""
    if setup.large_seed is None:
        return []
    size = setup.large_seed.stat().st_size
    rows: list[Row] = []
    for fmt in setup.formats:
        multiple = LARGE_SEED_MULTIPLES[fmt]
        limit = int(multiple * size)
        label = f"one seed of {bench.scale.large_seed_bytes / 1e6:g} MB → {fmt.upper()}"
        problem = setup.ours[fmt]
        out = bench.work / "out"
        if problem:
            ours = Figure.missing(problem)
        else:
            command = [*_convert(), str(setup.large_seed), "--to", fmt, "--out", str(out), "--jobs", "1", "-q"]
            ours = bench.case(f"ours {label}", command, out, 1)
        target = Target(f"≤ {multiple:g}{TIMES} the seed ({memory_text(limit)})", max_bytes=limit)
        rows.append(Row(label, "time", ours, target=target))
    return rows


def _shown(part: str, work: Path) -> str:
    """A command argument as the appendix shows it: scratch paths under $WORK, tools by name, no machine's paths."""
    if "\n" in part:
        return "'…'"
    option, equals, value = part.partition("=") if part.startswith("--") else ("", "", part)
    if value == sys.executable:
        value = "python"
    elif Path(value).is_absolute() and Path(value).name in EXECUTABLES:
        value = Path(value).name
    elif value.startswith(str(work)):
        value = "$WORK" + value[len(str(work)) :]
    elif value.startswith(str(ROOT)):
        value = value[len(str(ROOT)) + 1 :] or "."
    shown = option + equals + value
    return shown if _PLAIN_WORD.fullmatch(shown) else shlex.quote(shown)


def say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)
