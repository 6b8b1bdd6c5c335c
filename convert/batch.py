"""From input paths to written outputs: find the inputs, plan their outputs, convert each one."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from convert.api import render
from convert.atomic import write_atomically
from convert.errors import ConvertError
from convert.model import Publication, publication_of
from convert.readers import SUFFIXES, read_file
from convert.styles import Style


@dataclass(frozen=True, slots=True)
class Output:
    """One file a job writes."""

    format: str
    path: Path


@dataclass(frozen=True, slots=True)
class Job:
    """One input file and the outputs it becomes."""

    source: Path
    shown: str
    """The input as the user sees it in messages: the path under the folder they gave."""
    outputs: tuple[Output, ...]


@dataclass(slots=True)
class JobResult:
    """What became of one job."""

    job: Job
    written: list[Output] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass(frozen=True, slots=True)
class Input:
    """A file found under a path the user named, with its name relative to that path."""

    path: Path
    relative: Path
    shown: str


def find_inputs(paths: list[Path]) -> tuple[list[Input], list[tuple[str, str]]]:
    """Every input file under `paths` (folders searched recursively), and the paths that are missing."""
    found: list[Input] = []
    missing: list[tuple[str, str]] = []
    seen: set[Path] = set()
    for given in paths:
        if given.is_dir():
            candidates = sorted(
                (item for item in given.rglob("*") if item.suffix.lower() in SUFFIXES and item.is_file()),
                key=lambda item: item.relative_to(given).as_posix(),
            )
            pairs = [(item, item.relative_to(given)) for item in candidates]
        elif given.exists():
            pairs = [(given, Path(given.name))]
        else:
            missing.append((str(given), "no such file or folder"))
            continue
        for item, relative in pairs:
            key = item.resolve()
            if key not in seen:
                seen.add(key)
                found.append(Input(item, relative, item.as_posix()))
    return found, missing


def plan_jobs(inputs: list[Input], suffixes: dict[str, str], out_dir: Path) -> tuple[list[Job], list[str]]:
    """Outputs for every input; inputs whose outputs would collide keep their own suffix in the name."""
    targets: dict[Path, list[Input]] = defaultdict(list)
    for item in inputs:
        for suffix in suffixes.values():
            targets[out_dir / item.relative.with_suffix(suffix)].append(item)
    clashing = {item.path for users in targets.values() if len(users) > 1 for item in users}
    notes = sorted(
        {f"{item.shown}: output names clash; keeping the input suffix" for item in inputs if item.path in clashing}
    )
    jobs = []
    for item in inputs:
        outputs = tuple(
            Output(name, out_dir / _output_name(item.relative, suffix, item.path in clashing))
            for name, suffix in suffixes.items()
        )
        jobs.append(Job(item.path, item.shown, outputs))
    return jobs, notes


def _output_name(relative: Path, suffix: str, keep_input_suffix: bool) -> Path:
    return relative.with_name(relative.name + suffix) if keep_input_suffix else relative.with_suffix(suffix)


def run_job(job: Job, style: Style, language: str | None) -> JobResult:
    """Read, render and write one job; an expected failure is recorded, never raised."""
    result = JobResult(job)
    try:
        item = read_file(job.source, language)
        publication = item if isinstance(item, Publication) else publication_of(item)
        for document in publication.documents:
            result.warnings.extend(document.metadata.warnings)
        for output in job.outputs:
            data = render(publication, output.format, style, result.warnings)
            write_atomically(output.path, data)
            result.written.append(output)
    except ConvertError as error:
        result.error = error.reason if error.line is None else f"line {error.line}: {error.reason}"
    except OSError as error:
        result.error = f"cannot write: {error.strerror or error}"
    return result
