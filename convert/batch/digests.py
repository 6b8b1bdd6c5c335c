"""A digest in a batch: read every input here, package them as one publication, and render each
format that is not current as a task of its own."""

from __future__ import annotations

from collections.abc import Iterable

from convert.batch.discover import Found, Input
from convert.batch.manifest import (
    DigestEntry,
    Output,
    Source,
    Status,
    job_key,
    kept_from_earlier,
    other_formats,
    sha256_of,
    still_on_disk,
)
from convert.batch.names import slug
from convert.batch.plan import Target, plan_digest
from convert.batch.pool import run_tasks
from convert.batch.signals import StopRequest
from convert.batch.state import DigestOptions, RunState, base_keys, taken_by_others
from convert.batch.task import DigestTask, KeyedTarget, Result, Settings, Task, describe, read_regular
from convert.model import Document, Publication


def convert_digest(run: RunState, found: Found, options: DigestOptions, stopping: StopRequest) -> str | None:
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
    from convert.model.digest import make_digest  # imported only for a digest: it takes a while

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
    targets, clashes = plan_digest(slug(title), title, request.formats, taken_by_others(kept))
    warnings = [*clashes, *notes]
    for note in warnings:
        run.warn(note)
    base = base_keys(request)
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
    try:
        run_tasks(tasks, request.workers, on_result, stopping)
    finally:
        earlier = run.previous.digests.get(title)
        for task in tasks:
            if isinstance(task, DigestTask) and task.target.target.format not in outputs:
                fmt = task.target.target.format
                before = [output for output in earlier.outputs if output.format == fmt] if earlier else []
                for output in run.settle([task.target], before, title):
                    outputs[fmt] = output
        record()
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
