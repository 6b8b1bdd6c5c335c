"""From input paths to written outputs: plan the jobs, skip what is current, run the rest on workers."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from convert import __version__
from convert.conversion import Outcome, Settings, Target, convert_file, convert_publication, read_input
from convert.digest import GroupBy, make_digest
from convert.errors import ConvertError
from convert.interrupts import stop_between_tasks
from convert.manifest import MANIFEST_NAME, Entry, job_key, load_manifest, save_manifest, sha256_of, still_current
from convert.model import Document, Publication
from convert.readers import SUFFIXES
from convert.styles.sheets import layered_sheet

if TYPE_CHECKING:
    from convert.workers import Done, Task

TOOL = f"convert {__version__}"
WORKER_DIED = "the worker converting it stopped unexpectedly"


@dataclass(frozen=True, slots=True)
class Input:
    """A file found under a path the user named, with its name relative to that path."""

    path: Path
    relative: Path
    shown: str
    """The input as the user sees it in messages and the manifest."""


@dataclass(frozen=True, slots=True)
class Job:
    """One input file and the files it becomes."""

    input: Input
    targets: tuple[Target, ...]


@dataclass(frozen=True, slots=True)
class DigestOptions:
    """What `--digest` asks for."""

    title: str | None
    group_by: GroupBy


@dataclass(slots=True)
class Summary:
    """Counts for the closing line and the exit status."""

    converted: int = 0
    skipped: int = 0
    failed: int = 0
    written: int = 0
    warnings: int = 0
    interrupted: bool = False
    digest_current: bool = False
    """A digest run found its outputs current and wrote nothing."""

    def line(self, out_dir: Path, seconds: float, digest: bool) -> str:
        """The closing line of a run."""
        done = f"{self.converted} included" if digest else f"{self.converted} converted, {self.skipped} skipped"
        files = f"{self.written} file{'' if self.written == 1 else 's'}"
        warnings = f"{self.warnings} warning{'' if self.warnings == 1 else 's'}"
        text = f"{done}, {self.failed} failed; {files} written to {out_dir.as_posix()}/ in {seconds:.2f} s ({warnings})"
        if self.digest_current:
            text += "; the digest is current"
        return text + ("; interrupted" if self.interrupted else "")


Report = Callable[[str, Entry], None]
"""Called once per finished input (and once for a digest) as soon as it is known."""


@dataclass(slots=True)
class Run:
    """One batch run: its options, and the entries gathered so far."""

    out_dir: Path
    formats: dict[str, str]
    """Format name → suffix."""
    settings: Settings
    workers: int
    force: bool
    report: Report
    entries: list[Entry] = field(default_factory=list)
    digests: list[Entry] = field(default_factory=list)
    summary: Summary = field(default_factory=Summary)

    def record(self, entry: Entry, digest: bool = False) -> None:
        (self.digests if digest else self.entries).append(entry)
        self.summary.warnings += len(entry.warnings)
        if entry.status == "failed":
            self.summary.failed += 1
        elif digest:
            self.summary.digest_current = entry.status == "skipped"
        else:
            self.summary.skipped += entry.status == "skipped"
            self.summary.converted += entry.status != "skipped"
        self.summary.written += len(entry.outputs) if entry.status == "converted" else 0
        self.report(entry.input, entry)


def find_inputs(paths: list[Path]) -> tuple[list[Input], list[tuple[str, str]]]:
    """Every input file under `paths` (folders searched recursively), and the paths that are missing."""
    found: list[Input] = []
    missing: list[tuple[str, str]] = []
    seen: set[str] = set()
    for given in paths:
        if given.is_dir():
            pairs = [
                (given / relative, Path(relative), real) for relative, real in sorted(_files_under(os.fspath(given)))
            ]
        elif given.exists():
            pairs = [(given, Path(given.name), os.path.realpath(given))]
        else:
            missing.append((given.as_posix(), "no such file or folder"))
            continue
        for item, relative, real in pairs:
            if real not in seen:
                seen.add(real)
                found.append(Input(item, relative, item.as_posix()))
    return found, missing


def _files_under(folder: str) -> list[tuple[str, str]]:
    """(relative POSIX path, real path) of each input file below `folder`, found with one scandir
    per folder. Like `Path.rglob`, symbolic links to files count and links to folders are not
    followed; a file's real path is its folder's, resolved once, unless the file is a link."""
    found: list[tuple[str, str]] = []
    folders = [("", folder)]
    while folders:
        prefix, path = folders.pop()
        real_folder = os.path.realpath(path)
        try:
            entries = list(os.scandir(path))
        except OSError:
            continue  # an unreadable folder is skipped, as rglob skips it
        for entry in entries:
            relative = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                folders.append((relative + "/", entry.path))
            elif _suffix(entry.name).lower() in SUFFIXES and entry.is_file():
                link = entry.is_symlink()
                found.append((relative, os.path.realpath(entry.path) if link else f"{real_folder}/{entry.name}"))
    return found


def _suffix(name: str) -> str:
    """`PurePath(name).suffix`, without making a path."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def plan_jobs(inputs: list[Input], formats: dict[str, str], out_dir: Path) -> tuple[list[Job], list[str]]:
    """Targets for every input; inputs whose outputs would clash keep their own suffix in the name."""
    users: dict[Path, list[Input]] = defaultdict(list)
    for item in inputs:
        for suffix in formats.values():
            users[item.relative.with_suffix(suffix)].append(item)
    reserved = Path(MANIFEST_NAME)
    clashing = {
        item.path for path, sharing in users.items() if len(sharing) > 1 or path == reserved for item in sharing
    }
    notes = [f"{item.shown}: output names clash; keeping the input suffix" for item in inputs if item.path in clashing]
    jobs = []
    for item in inputs:
        targets = []
        for name, suffix in formats.items():
            keep = item.path in clashing
            relative = (
                item.relative.with_name(item.relative.name + suffix) if keep else item.relative.with_suffix(suffix)
            )
            targets.append(Target(name, out_dir / relative, relative.as_posix()))
        jobs.append(Job(item, tuple(targets)))
    return jobs, notes


def style_fingerprint(settings: Settings) -> str:
    """Everything of the style that outputs depend on, as one string."""
    return json.dumps(layered_sheet(settings.style, _override_table(settings)), sort_keys=True, default=str)


def slug(title: str) -> str:
    """A file name from a title: lower-case ASCII words joined by hyphens."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:80].rstrip("-") or "digest"


def run_files(run: Run, jobs: list[Job], missing: list[tuple[str, str]]) -> None:
    """Convert every job, skipping those whose outputs are current; record each as it finishes."""
    for shown, reason in missing:
        run.record(Entry(shown, "", "", "failed", error=reason))
    previous = {} if run.force else load_manifest(run.out_dir)
    fingerprint = style_fingerprint(run.settings)
    todo: list[tuple[Job, bytes, str, str]] = []
    for job in jobs:
        try:
            data = job.input.path.read_bytes()
        except OSError as error:
            run.record(Entry(job.input.shown, "", "", "failed", error=f"cannot read: {error.strerror or error}"))
            continue
        checksum = sha256_of(data)
        key = job_key(TOOL, fingerprint, run.settings.language or "", checksum, *_target_names(job.targets))
        old = previous.get(job.input.shown)
        if old is not None and still_current(old, key, run.out_dir):
            run.record(Entry(job.input.shown, checksum, key, "skipped", old.outputs, old.warnings))
        else:
            todo.append((job, data, checksum, key))
    tasks: list[Task] = [(_convert_task, (job.input.path, data, job.targets, run.settings)) for job, data, _, _ in todo]

    def done(index: int, outcome: Outcome) -> None:
        job, _, checksum, key = todo[index]
        run.record(_entry(job.input.shown, checksum, key, outcome))

    _execute(run, tasks, [job.targets for job, _, _, _ in todo], done)


def run_digest(run: Run, inputs: list[Input], missing: list[tuple[str, str]], options: DigestOptions) -> None:
    """Read every input, package them as one publication and write it in each format."""
    for shown, reason in missing:
        run.record(Entry(shown, "", "", "failed", error=reason))
    documents: list[Document] = []
    checksums: list[str] = []
    for item in inputs:
        try:
            data = item.path.read_bytes()
            read = read_input(data, item.path, run.settings)
        except ConvertError as error:
            run.record(Entry(item.shown, "", "", "failed", error=error.reason))
            continue
        except OSError as error:
            run.record(Entry(item.shown, "", "", "failed", error=f"cannot read: {error.strerror or error}"))
            continue
        found = list(read.documents) if isinstance(read, Publication) else [read]
        documents.extend(found)
        checksums.append(sha256_of(data))
        warnings = [warning for document in found for warning in document.metadata.warnings]
        run.record(Entry(item.shown, checksums[-1], "", "included", warnings=warnings))
    if not documents:
        return
    notes: list[str] = []
    publication = make_digest(documents, options.title, options.group_by, notes)
    name = slug(publication.title)
    targets = tuple(
        Target(fmt, run.out_dir / f"{name}{suffix}", f"{name}{suffix}") for fmt, suffix in run.formats.items()
    )
    fingerprint = style_fingerprint(run.settings)
    key = job_key(TOOL, fingerprint, run.settings.language or "", options.title or "", options.group_by, *checksums)
    key = job_key(key, *_target_names(targets))
    previous = {} if run.force else load_manifest(run.out_dir)
    old = previous.get(publication.title)
    if old is not None and still_current(old, key, run.out_dir):
        run.record(Entry(publication.title, key, key, "skipped", old.outputs, notes), digest=True)
        return
    tasks: list[Task] = [(_publication_task, (publication, (target,), run.settings)) for target in targets]
    merged = Outcome(warnings=list(notes))

    def done(_: int, outcome: Outcome) -> None:
        merged.written.extend(outcome.written)
        merged.warnings.extend(outcome.warnings)
        merged.error = merged.error or outcome.error

    try:
        _execute(run, tasks, [(target,) for target in targets], done)
    finally:
        merged.written.sort(key=lambda output: output.path)
        run.record(_entry(publication.title, key, key, merged), digest=True)


def finish(run: Run) -> None:
    """Write the manifest: what this run did, whether or not it ran to the end."""
    save_manifest(run.out_dir, TOOL, run.entries, run.digests, run.summary.interrupted)


def _entry(shown: str, checksum: str, key: str, outcome: Outcome) -> Entry:
    status = "failed" if outcome.error is not None else "converted"
    return Entry(shown, checksum, key, status, outcome.written, outcome.warnings, outcome.error)


def _target_names(targets: tuple[Target, ...]) -> list[str]:
    return [f"{target.format}:{target.relative}" for target in targets]


def _override_table(settings: Settings) -> dict[str, object]:
    from convert.styles import parse_overrides

    return parse_overrides(settings.overrides)


def _convert_task(source: Path, data: bytes, targets: tuple[Target, ...], settings: Settings) -> Outcome:
    return convert_file(source, data, targets, settings)


def _publication_task(publication: Publication, targets: tuple[Target, ...], settings: Settings) -> Outcome:
    return convert_publication(publication, targets, settings)


def _execute(run: Run, tasks: list[Task], targets: list[tuple[Target, ...]], done: Done) -> None:
    """Run the tasks here or on worker processes, calling `done(index, outcome)` as each ends.

    When a worker dies, the tasks it had started are retried alone, and fail if they kill their
    worker again; the others are simply run again. A first Ctrl-C starts no more tasks and lets
    the running ones finish and be recorded, so that the manifest names every file written; a
    second stops at once, and removes the temporary files of what it cut short.
    """
    with stop_between_tasks() as stopping:
        if run.workers <= 1 or len(tasks) <= 1:
            for index, (function, arguments) in enumerate(tasks):
                if stopping():
                    raise KeyboardInterrupt
                done(index, function(*arguments))
            return
        from convert.workers import run_pool  # multiprocessing is imported only when there is work for it

        def abandon(index: int) -> None:
            _remove_partial_files(targets[index])

        pending = list(range(len(tasks)))
        while pending:
            if stopping():  # asked while retrying what a dying worker took down
                raise KeyboardInterrupt
            broken, started = run_pool(tasks, pending, min(run.workers, len(pending)), done, stopping, abandon)
            for index in broken:
                _remove_partial_files(targets[index])
            suspects = [index for index in broken if index in started] or broken
            for index in suspects:
                if run_pool(tasks, [index], 1, done, stopping, abandon)[0]:
                    _remove_partial_files(targets[index])
                    done(index, Outcome(error=WORKER_DIED))
            pending = [index for index in broken if index not in suspects]


def _remove_partial_files(targets: tuple[Target, ...]) -> None:
    for target in targets:
        for leftover in target.path.parent.glob(f".{target.path.name}.*.part"):
            leftover.unlink(missing_ok=True)


def default_workers() -> int:
    """One worker per CPU this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
