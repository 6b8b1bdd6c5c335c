"""A batch run from start to end: find the inputs, plan every output, skip what is current, run
the rest as tasks on an executor, and record each result in the manifest as it arrives."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol

from convert.batch.discover import Found, Input, find_inputs
from convert.batch.keys import TOOL, library_versions, style_fingerprint
from convert.batch.manifest import (
    DigestEntry,
    InputEntry,
    Manifest,
    Output,
    Source,
    Status,
    job_key,
    kept_from_earlier,
    load_manifest,
    other_formats,
    save_manifest,
    sha256_of,
    sha256_of_file,
    still_on_disk,
)
from convert.batch.names import clash_key, printable, slug
from convert.batch.plan import FileJob, Target, plan_digest, plan_files
from convert.batch.pool import run_tasks
from convert.batch.signals import StopRequest, stop_requests
from convert.batch.task import (
    DigestTask,
    FileTask,
    KeyedTarget,
    Result,
    Settings,
    Task,
    Written,
    describe,
    read_regular,
)
from convert.digest import GroupBy, make_digest
from convert.model import Document, Publication


@dataclass(frozen=True, slots=True)
class DigestOptions:
    """What `--digest` asks for."""

    title: str | None
    group_by: GroupBy


@dataclass(frozen=True, slots=True)
class Request:
    """Everything a batch run is asked to do."""

    paths: list[str]
    out_dir: str
    formats: dict[str, str]
    """Format name → suffix of its files."""
    settings: Settings
    workers: int
    force: bool = False
    digest: DigestOptions | None = None


class Reporter(Protocol):
    """Where a run tells how it goes: one line per problem, and progress."""

    def begin(self, total: int) -> None: ...
    def warn(self, line: str) -> None: ...
    def fail(self, line: str, debug: str | None) -> None: ...
    def advance(self) -> None: ...


@dataclass(slots=True)
class Summary:
    """Counts for the closing line and the exit status."""

    converted: int = 0
    skipped: int = 0
    failed: int = 0
    written: int = 0
    warnings: int = 0
    complete: bool = False
    exit_status: int | None = None
    """Set when a signal stopped the run: 130 for Ctrl-C, 143 for SIGTERM."""
    manifest_error: str | None = None
    digest_current: bool = False

    def line(self, out_dir: str, seconds: float, digest: bool) -> str:
        """The closing line of a run."""
        done = f"{self.converted} included" if digest else f"{self.converted} converted, {self.skipped} skipped"
        files = f"{self.written} file{'' if self.written == 1 else 's'}"
        warnings = f"{self.warnings} warning{'' if self.warnings == 1 else 's'}"
        shown = out_dir.rstrip("/") or "/"
        text = f"{done}, {self.failed} failed; {files} written to {shown}/ in {seconds:.2f} s ({warnings})"
        if self.digest_current:
            text += "; the digest is current"
        return text + ("" if self.complete else "; interrupted")


@dataclass(slots=True)
class _Run:
    request: Request
    reporter: Reporter
    previous: Manifest
    manifest: Manifest
    summary: Summary = field(default_factory=Summary)

    @property
    def number(self) -> int:
        return self.manifest.run

    def warn(self, line: str) -> None:
        self.summary.warnings += 1
        self.reporter.warn(line)

    def output(self, written: Written, shown: str) -> Output:
        if written.status is Status.FAILED:
            self.reporter.fail(f"{shown}: {written.format}: {written.reason}", written.debug)
        elif written.status is Status.CONVERTED:
            self.summary.written += 1
        return Output(
            written.format,
            written.path,
            written.status,
            self.number,
            written.key,
            written.size,
            written.sha256,
            written.reason,
        )

    def count(self, status: Status) -> None:
        if status is Status.FAILED:
            self.summary.failed += 1
        elif status is Status.CURRENT:
            self.summary.skipped += 1
        else:
            self.summary.converted += 1
        self.reporter.advance()


def run_batch(request: Request, reporter: Reporter, found: Found | None = None) -> Summary:
    """Carry out `request` (on the inputs `found` already, if given); the manifest is written
    whatever happens, and the summary returned. Interrupted by a signal, the run stops between
    tasks and says so in the summary."""
    previous = load_manifest(request.out_dir)
    found = found if found is not None else find_inputs(request.paths, request.out_dir)
    digest_title = None
    run = _Run(request, reporter, previous, Manifest(run=previous.run + 1))
    try:
        with stop_requests() as stopping:
            try:
                if request.digest is None:
                    reporter.begin(len(found.inputs) + len(found.refused))
                    _convert_files(run, found, stopping)
                else:
                    reporter.begin(len(found.inputs) + len(found.refused) + len(request.formats))
                    digest_title = _convert_digest(run, found, request.digest, stopping)
                run.summary.complete = not stopping()
            except KeyboardInterrupt:
                pass
            except Exception as error:  # a bug in the run itself: said in one line, and the manifest still written
                reason, debug = describe(error)
                reporter.fail(f"convert: {reason}", debug)
                run.summary.failed += 1
            run.summary.exit_status = stopping.exit_status or (None if run.summary.complete else 130)
    except KeyboardInterrupt:  # a signal between the end of the work and the handlers' removal
        run.summary.complete = False
        run.summary.exit_status = run.summary.exit_status or 130
    in_this_run = set() if request.digest is not None else {item.shown for item in found.inputs}
    _save(run, in_this_run | set(run.manifest.inputs), digest_title)
    return run.summary


def _save(run: _Run, inputs_now: set[str], digest_title: str | None) -> None:
    kept = kept_from_earlier(run.previous, run.request.out_dir, inputs_now, digest_title)
    merged = Manifest(run.number, {**kept.inputs, **run.manifest.inputs}, {**kept.digests, **run.manifest.digests})
    out_dir = run.request.out_dir
    try:
        if os.path.exists(out_dir) and not os.path.isdir(out_dir):  # noqa: PTH110, PTH112
            raise NotADirectoryError(errno.ENOTDIR, "not a folder")
        os.makedirs(out_dir, exist_ok=True)  # noqa: PTH103
        save_manifest(out_dir, merged, TOOL, run.summary.complete)
    except OSError as error:
        run.summary.manifest_error = f"cannot write the manifest in {printable(out_dir)}: {error.strerror or error}"
        run.reporter.fail(f"convert: {run.summary.manifest_error}", None)


def _taken(kept: Manifest) -> dict[str, str]:
    """Clash keys of the outputs earlier runs wrote for inputs and digests not in this run, and whose they are."""
    taken: dict[str, str] = {}
    for name, entry in kept.inputs.items():
        taken.update((clash_key(output.path), name) for output in entry.outputs)
    for title, digest in kept.digests.items():
        taken.update((clash_key(output.path), f"the digest {title!r}") for output in digest.outputs)
    return taken


def _refuse(run: _Run, found: Found) -> None:
    for note in found.notes:
        run.warn(note)
    for refusal in found.refused:
        run.reporter.fail(f"{refusal.shown}: {refusal.reason}", None)
        run.manifest.inputs[refusal.shown] = InputEntry(refusal.shown, None, reason=refusal.reason)
        run.count(Status.FAILED)


def _convert_files(run: _Run, found: Found, stopping: StopRequest) -> None:
    request = run.request
    _refuse(run, found)
    names = {item.shown for item in found.inputs}
    kept = kept_from_earlier(run.previous, request.out_dir, names, None)
    jobs, notes = plan_files(found.inputs, request.formats, _taken(kept))
    for note in notes:
        run.warn(note)
    base = _base_keys(request)
    tasks: list[Task] = []
    for job in jobs:
        if stopping():
            return
        task = _file_task(run, job, base, len(tasks))
        if task is not None:
            tasks.append(task)
    by_index = {task.index: task for task in tasks if isinstance(task, FileTask)}

    def on_result(result: Result) -> None:
        _record_file(run, by_index[result.index], result)

    run_tasks(tasks, request.workers, on_result, stopping)


def _base_keys(request: Request) -> dict[str, str]:
    """Per format, the key parts every output of the run shares."""
    fingerprint = style_fingerprint(request.settings.style, request.settings.overrides)
    language = request.settings.language or ""
    return {name: job_key(TOOL, library_versions(name), fingerprint, language, name) for name in request.formats}


def _file_task(run: _Run, job: FileJob, base: dict[str, str], index: int) -> FileTask | None:
    """The task for one job, or None when every output is current (recorded as such here)."""
    request = run.request
    keyed = tuple(KeyedTarget(target, job_key(base[target.format], target.relative)) for target in job.targets)
    old = None if request.force else run.previous.inputs.get(job.input.shown)
    current, expected = _current_formats(old, keyed, job.input, request.out_dir)
    task = FileTask(index, job.input.path, job.input.shown, request.out_dir, keyed, request.settings, current, expected)
    if len(current) < len(keyed):
        return task
    result = Result(
        index, expected, [Written(k.target.format, k.target.relative, Status.CURRENT, k.key) for k in keyed]
    )
    _record_file(run, task, result)
    return None


def _current_formats(
    old: InputEntry | None, keyed: tuple[KeyedTarget, ...], item: Input, out_dir: str
) -> tuple[frozenset[str], str | None]:
    """Formats whose outputs are still what an earlier run wrote for these bytes and options, and
    the input's hash they hold for."""
    if old is None or old.sha256 is None:
        return frozenset(), None
    recorded = {(output.format, output.path, output.key): output for output in old.outputs}
    candidates = [
        (k.target.format, recorded[key])
        for k in keyed
        if (key := (k.target.format, k.target.relative, k.key)) in recorded
        and recorded[key].status is not Status.FAILED
    ]
    if not candidates:
        return frozenset(), None
    try:
        sha256 = sha256_of_file(item.path)
    except OSError:
        return frozenset(), None
    if sha256 != old.sha256:
        return frozenset(), None
    return frozenset(fmt for fmt, output in candidates if still_on_disk(output, out_dir, verify=True)), sha256


def _record_file(run: _Run, task: FileTask, result: Result) -> None:
    shown = task.shown
    old = run.previous.inputs.get(shown)
    unchanged = old if old is not None and result.sha256 is not None and old.sha256 == result.sha256 else None
    if result.reason is not None:
        run.reporter.fail(f"{shown}: {result.reason}", result.debug)
    for warning in result.warnings:
        run.warn(f"{shown}: {warning}")
    earlier = [warning for warning in unchanged.warnings if warning not in result.warnings] if unchanged else []
    recorded = {(output.format, output.path): output for output in unchanged.outputs} if unchanged else {}
    outputs = tuple(run.output(_with_bytes(written, recorded), shown) for written in result.outputs)
    requested = {keyed.target.format for keyed in task.targets}
    others = other_formats(unchanged, requested, run.request.out_dir)
    entry = InputEntry(shown, result.sha256, (*outputs, *others), (*result.warnings, *earlier), result.reason)
    run.manifest.inputs[shown] = entry
    run.count(entry.status)


def _with_bytes(written: Written, recorded: dict[tuple[str, str], Output]) -> Written:
    """A current output, with the size and hash recorded when it was written."""
    if written.status is not Status.CURRENT:
        return written
    earlier = recorded[written.format, written.path]
    return replace(written, size=earlier.size, sha256=earlier.sha256)


def _convert_digest(run: _Run, found: Found, options: DigestOptions, stopping: StopRequest) -> str | None:
    """Read every input here, package them, and render each format as a task; the digest's title."""
    request = run.request
    for note in found.notes:
        run.warn(note)
    sources = [Source(refusal.shown, None, Status.FAILED, reason=refusal.reason) for refusal in found.refused]
    documents: list[Document] = []
    for item in found.inputs:
        if stopping():
            return None
        source, read = _read_source(item, request.settings)
        sources.append(source)
        documents.extend(read)
    for source in sources:
        if source.reason is not None:
            run.reporter.fail(f"{source.input}: {source.reason}", None)
        for warning in source.warnings:
            run.warn(f"{source.input}: {warning}")
        run.count(source.status)
    if not documents:
        return None
    notes: list[str] = []
    try:
        publication = make_digest(documents, options.title, options.group_by, notes)
    except Exception as error:  # nothing to render: every format fails, in one line
        reason, debug = describe(error)
        run.reporter.fail(f"convert: the digest: {reason}", debug)
        run.summary.failed += 1
        return None
    title = publication.title
    kept = kept_from_earlier(run.previous, request.out_dir, set(), title)
    targets, clashes = plan_digest(slug(title), title, request.formats, _taken(kept))
    warnings = [*clashes, *notes]
    for note in warnings:
        run.warn(note)
    base = _base_keys(request)
    digest_key = job_key(options.title or "", options.group_by, *(source.sha256 or "-" for source in sources))
    keyed = [KeyedTarget(target, job_key(base[target.format], digest_key, target.relative)) for target in targets]
    old = None if request.force else run.previous.digests.get(title)
    outputs: dict[str, Output] = {}
    tasks: list[Task] = []
    for k in keyed:
        recorded = _recorded_output(old, k.target, k.key)
        if recorded is not None and still_on_disk(recorded, request.out_dir, verify=True):
            outputs[k.target.format] = Output(
                k.target.format, k.target.relative, Status.CURRENT, run.number, k.key, recorded.size, recorded.sha256
            )
            run.reporter.advance()
        else:
            tasks.append(DigestTask(len(tasks), publication, request.out_dir, k, request.settings))
    same_sources = old is not None and [(s.input, s.sha256) for s in old.sources] == [
        (s.input, s.sha256) for s in sources
    ]
    others = other_formats(old if same_sources else None, set(request.formats), request.out_dir)

    def record() -> None:
        ordered = tuple(outputs[target.format] for target in targets if target.format in outputs)
        run.manifest.digests[title] = DigestEntry(title, tuple(sources), (*ordered, *others), tuple(warnings))

    def on_result(result: Result) -> None:
        for written in result.outputs:
            outputs[written.format] = run.output(written, title)
        for warning in result.warnings:
            if warning not in warnings:
                warnings.append(warning)
                run.warn(f"{title}: {warning}")
        run.reporter.advance()
        record()

    record()
    run.summary.digest_current = not tasks
    run_tasks(tasks, request.workers, on_result, stopping)
    if any(output.status is Status.FAILED for output in outputs.values()):
        run.summary.failed += 1
    return title


def _recorded_output(old: DigestEntry | None, target: Target, key: str) -> Output | None:
    if old is None:
        return None
    for output in old.outputs:
        if (output.format, output.path, output.key) == (target.format, target.relative, key):
            return output if output.status is not Status.FAILED else None
    return None


def _read_source(item: Input, settings: Settings) -> tuple[Source, Iterable[Document]]:
    """One input of a digest, read; any failure is that input's alone."""
    from convert.readers import read_bytes

    try:
        data = read_regular(item.path)
        sha256 = sha256_of(data)
    except Exception as error:
        return Source(item.shown, None, Status.FAILED, reason=describe(error)[0]), ()
    try:
        read = read_bytes(data, item.shown, settings.language)
    except Exception as error:
        return Source(item.shown, sha256, Status.FAILED, reason=describe(error)[0]), ()
    documents = list(read.documents) if isinstance(read, Publication) else [read]
    warnings = tuple(warning for document in documents for warning in document.metadata.warnings)
    return Source(item.shown, sha256, Status.INCLUDED, warnings), documents
