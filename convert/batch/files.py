"""Single-article conversion in a batch: plan each input's outputs, keep what is current, run
the rest as tasks, and record each input as its result arrives."""

from __future__ import annotations

from dataclasses import replace

from convert.batch.discover import Found, Input
from convert.batch.manifest import (
    InputEntry,
    Output,
    Status,
    job_key,
    kept_from_earlier,
    other_formats,
    sha256_of_file,
    still_on_disk,
)
from convert.batch.plan import FileJob, plan_files
from convert.batch.pool import run_tasks
from convert.batch.signals import StopRequest
from convert.batch.state import RunState, base_keys, taken_by_others
from convert.batch.task import FileTask, KeyedTarget, Result, Task, Written


def _refuse(run: RunState, found: Found) -> None:
    for note in found.notes:
        run.warn(note)
    for refusal in found.refused:
        run.reporter.fail(f"{refusal.shown}: {refusal.reason}", None)
        run.manifest.inputs[refusal.shown] = InputEntry(refusal.shown, None, reason=refusal.reason)
        run.count(Status.FAILED)


def convert_files(run: RunState, found: Found, stopping: StopRequest) -> None:
    request = run.request
    _refuse(run, found)
    names = {item.shown for item in found.inputs}
    kept = kept_from_earlier(run.previous, request.out_dir, names, None)
    jobs, notes = plan_files(found.inputs, request.formats, taken_by_others(kept))
    for note in notes:
        run.warn(note)
    base = base_keys(request)
    tasks: list[Task] = []
    for job in jobs:
        if stopping():
            return
        task = _file_task(run, job, base, len(tasks))
        if task is not None:
            tasks.append(task)
    by_index = {task.index: task for task in tasks if isinstance(task, FileTask)}
    unfinished = dict(by_index)

    def on_result(result: Result) -> None:
        _record_file(run, unfinished.pop(result.index), result)

    try:
        run_tasks(tasks, request.workers, on_result, stopping)
    finally:
        for task in unfinished.values():
            _settle_file(run, task)


def _file_task(run: RunState, job: FileJob, base: dict[str, str], index: int) -> FileTask | None:
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


def _record_file(run: RunState, task: FileTask, result: Result) -> None:
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


def _settle_file(run: RunState, task: FileTask) -> None:
    """An input the run did not finish: what it wrote before it stopped, and what was there before."""
    old = run.previous.inputs.get(task.shown)
    outputs = run.settle(task.targets, old.outputs if old else (), task.shown)
    if not outputs and (old is None or old.reason is None):
        return
    replaced = any(output.run == run.number for output in outputs)
    if old is not None and not replaced:
        run.manifest.inputs[task.shown] = replace(old, outputs=outputs)
        return
    # Made from bytes the run never reported: no hash to skip the input by next time.
    warnings = old.warnings if old else ()
    run.manifest.inputs[task.shown] = InputEntry(task.shown, None, outputs, warnings)


def _with_bytes(written: Written, recorded: dict[tuple[str, str], Output]) -> Written:
    """A current output, with the size and hash recorded when it was written."""
    if written.status is not Status.CURRENT:
        return written
    earlier = recorded[written.format, written.path]
    return replace(written, size=earlier.size, sha256=earlier.sha256)
