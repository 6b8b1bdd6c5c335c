"""The benchmark's table: figures side by side, ratios, targets judged met or missed, and the machine they ran on."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Literal

from benchmarks.measure import Measurement

MIB = 1024 * 1024
NONE = "\u2013"
"""An empty cell: an en dash."""
TIMES = "\u00d7"
"""The multiplication sign of ratios (spelled out because it looks like an x in source)."""
Kind = Literal["batch", "time", "incremental"]
"""How a row reads: per article (batch runs), as a time and memory (one call), or as a share of a first run."""
LIBRARIES = (
    "convert", "reportlab", "EbookLib", "python-docx", "fonttools", "rich",
    "pypandoc-binary", "weasyprint",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Figure:
    """One side of a row: a measured (or derived) time and peak memory over some articles, or why there is none."""

    seconds: float | None = None
    peak_bytes: int | None = None
    articles: int = 1
    note: str = ""
    """Shown instead of the figure when there is none; beside it (sample size, repetitions) when there is."""

    @classmethod
    def of(cls, measurement: Measurement, articles: int, runs: int, note: str = "") -> Figure:
        """The figure of a measurement; says so when it had fewer than `runs` runs."""
        notes = [note] if note else []
        if measurement.warmup_only:
            notes.append("once")
        elif measurement.runs < runs:
            notes.append(f"{measurement.runs} run{'s' if measurement.runs > 1 else ''}")
        return cls(measurement.seconds, measurement.peak_bytes, articles, "; ".join(notes))

    @classmethod
    def missing(cls, note: str) -> Figure:
        return cls(note=note)

    @property
    def measured(self) -> bool:
        return self.seconds is not None

    @property
    def per_article(self) -> float | None:
        return None if self.seconds is None else self.seconds / max(self.articles, 1)


@dataclass(frozen=True, slots=True)
class Target:
    """What a row must reach; only the fields given are checked."""

    text: str
    min_rate: float | None = None
    """Articles per second at least."""
    max_seconds: float | None = None
    max_bytes: int | None = None
    max_share: float | None = None
    """At most this fraction of the reference figure's time."""
    max_growth: float | None = None
    """Time per article at most this many times the reference figure's."""
    min_speedup: float | None = None
    """The reference figure's time at least this many times ours (more workers against one)."""
    articles: int | None = None
    """The article count the target is set for: a run over another count (a quick run's 100,
    where starting the process weighs ten times as much per article) is shown, not judged."""

    def judge(self, ours: Figure, reference: Figure | None = None) -> str:
        """'met (figure)', 'missed (figure)', 'n/a' or, at another article count, not judged."""
        if ours.seconds is None or ours.seconds <= 0:
            return "n/a"
        if self.articles is not None and ours.articles != self.articles:
            return f"not judged: set for {self.articles:,} articles"
        failures: list[str] = []
        figures: list[str] = []
        if self.min_rate is not None:
            rate = ours.articles / ours.seconds
            figures.append(f"{rate:,.0f}/s")
            if rate < self.min_rate:
                failures.append("rate")
        if self.max_seconds is not None:
            figures.append(seconds_text(ours.seconds))
            if ours.seconds > self.max_seconds:
                failures.append("time")
        if self.max_share is not None or self.max_growth is not None or self.min_speedup is not None:
            if reference is None or reference.seconds is None or reference.per_article is None:
                return "n/a (no reference)"
            if self.min_speedup is not None:
                speedup = reference.seconds / ours.seconds
                figures.append(f"{speedup:.2f}{TIMES} faster")
                if speedup < self.min_speedup:
                    failures.append("speed-up")
            if self.max_share is not None:
                share = ours.seconds / reference.seconds
                figures.append(f"{share:.1%}")
                if share > self.max_share:
                    failures.append("share")
            if self.max_growth is not None:
                growth = (ours.per_article or 0.0) / reference.per_article
                figures.append(f"{growth:.2f}{TIMES} per article")
                if growth > self.max_growth:
                    failures.append("growth")
        if self.max_bytes is not None:
            if ours.peak_bytes is None:
                return "n/a (no memory figure)"
            figures.append(memory_text(ours.peak_bytes))
            if ours.peak_bytes > self.max_bytes:
                failures.append("memory")
        return f"{'missed' if failures else 'met'} ({', '.join(figures)})"


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table."""

    what: str
    kind: Kind
    ours: Figure
    pandoc: Figure = field(default_factory=lambda: Figure.missing(NONE))
    floor: Figure = field(default_factory=lambda: Figure.missing(NONE))
    target: Target | None = None
    reference: Figure | None = None
    """The figure a share or growth is judged against: the first run, or the smaller digest."""

    def cells(self) -> list[str]:
        """The row's text, column by column."""
        return [
            self.what,
            self._cell(self.ours),
            self._cell(self.pandoc),
            self._cell(self.floor),
            ratio_text(self._ratio(self.pandoc)),
            ratio_text(self._ratio(self.floor)),
            self.target.text if self.target else NONE,
            self.target.judge(self.ours, self.reference) if self.target else NONE,
        ]

    def _cell(self, figure: Figure) -> str:
        if figure.seconds is None:
            return shortened(figure.note) or NONE
        if self.kind == "batch":
            per_article = figure.per_article or 0.0
            rate = 1 / per_article if per_article else float("inf")
            text = f"{seconds_text(per_article)}/article ({rate:,.0f}/s)"
        elif self.kind == "incremental" and self.reference is not None and self.reference.seconds:
            text = f"{seconds_text(figure.seconds)} ({figure.seconds / self.reference.seconds:.1%} of the first)"
        else:
            text = seconds_text(figure.seconds)
        if figure.peak_bytes:
            text += f", {memory_text(figure.peak_bytes)}"
        return text + (f" [{figure.note}]" if figure.note else "")

    def _ratio(self, other: Figure) -> float | None:
        if self.kind == "batch":
            ours, theirs = self.ours.per_article, other.per_article
        else:
            ours, theirs = self.ours.seconds, other.seconds
        if ours is None or theirs is None or theirs <= 0:
            return None
        return ours / theirs


HEADER = ["what", "ours", "pandoc", "floor (bare library)", "ours / pandoc", "ours / floor", "target", "result"]


def shortened(text: str, limit: int = 90) -> str:
    """`text` cut at a word to at most `limit` characters, for a table cell; the appendix keeps it whole."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    return (head[: head.rfind(" ")] if " " in head else head[: limit - 1]) + "\u2026"


def seconds_text(seconds: float) -> str:
    """A duration with three significant digits, in ms below a second."""
    if seconds < 1:
        return f"{seconds * 1000:.3g} ms"
    if seconds < 100:
        return f"{seconds:.3g} s"
    return f"{seconds:,.0f} s"


def memory_text(size: int) -> str:
    return f"{size / MIB:,.0f} MiB"


def ratio_text(ratio: float | None) -> str:
    if ratio is None:
        return NONE
    return f"{ratio:,.0f}{TIMES}" if ratio >= 10 else f"{ratio:.2g}{TIMES}"


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    """A GitHub Markdown table; pipes inside cells are escaped."""
    lines = [_table_line(header), "|" + "|".join("---" for _ in header) + "|"]
    lines += [_table_line(row) for row in rows]
    return "\n".join(lines)


def _table_line(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


@dataclass(frozen=True, slots=True)
class Detail:
    """One measured command, for the appendix."""

    case: str
    command: str
    measurement: Measurement | None
    error: str = ""

    def cells(self) -> list[str]:
        if self.measurement is None:
            return [self.case, self.command, NONE, NONE, NONE, NONE, NONE, self.error]
        low, high = self.measurement.spread
        largest = max(sample.largest_process_bytes for sample in self.measurement.samples)
        processes = max(sample.processes for sample in self.measurement.samples)
        runs = f"{self.measurement.runs}" + (" (no warm-up)" if self.measurement.warmup_only else "")
        return [
            self.case,
            self.command,
            runs,
            seconds_text(self.measurement.seconds),
            f"{seconds_text(low)} {NONE} {seconds_text(high)}",
            memory_text(self.measurement.peak_bytes),
            memory_text(largest),
            str(processes),
        ]


DETAIL_HEADER = [
    "case",
    "command",
    "runs",
    "median",
    f"fastest {NONE} slowest",
    "peak (tree)",
    "largest process",
    "processes",
]


def machine_lines(pandoc_version: str | None) -> list[str]:
    """What the figures ran on: CPU, cores, memory, system, Python and the libraries' versions."""
    lines = [
        f"- CPU: {_cpu_model()}; {_cores()}",
        f"- Memory: {_memory()}",
        f"- System: {platform.platform()}",
        f"- Python: {platform.python_implementation()} {platform.python_version()}",
    ]
    versions = []
    for name in LIBRARIES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    lines.append(f"- Libraries: {', '.join(versions)}")
    lines.append(f"- pandoc: {pandoc_version or 'not installed'}")
    return lines


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    if sys.platform == "darwin":
        result = subprocess.run(
            ["sysctl", "-n", "machdep.cpu.brand_string"], capture_output=True, text=True, check=False
        )
        if result.stdout.strip():
            return result.stdout.strip()
    return platform.processor() or platform.machine()


def _cores() -> str:
    total = os.cpu_count() or 1
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = total
    text = f"{total} logical cores" + (f", {usable} usable by this process" if usable != total else "")
    try:
        quota, period = Path("/sys/fs/cgroup/cpu.max").read_text().split()
    except (OSError, ValueError):
        return text
    if quota != "max":
        text += f", a CPU quota of {int(quota) / int(period):g} cores"
    return text


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) * 1024 / 1024**3:.1f} GiB"
    except OSError:
        pass
    try:
        return f"{os.sysconf('SC_PAGE_SIZE') * os.sysconf('SC_PHYS_PAGES') / 1024**3:.1f} GiB"
    except (ValueError, OSError, AttributeError):
        return "unknown"
