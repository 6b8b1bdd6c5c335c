"""A batch run from start to end: find the inputs, plan every output, skip what is current, run
the rest as tasks on an executor, and record each result in the manifest as it arrives."""

from __future__ import annotations

import errno
import os

from convert.batch.digests import convert_digest
from convert.batch.discover import MANIFEST_NAME, Found, find_inputs
from convert.batch.files import convert_files
from convert.batch.keys import TOOL
from convert.batch.lock import output_folder_lock
from convert.batch.manifest import Manifest, kept_from_earlier, load_manifest, save_manifest
from convert.batch.names import printable
from convert.batch.signals import stop_requests
from convert.batch.state import DigestOptions, Reporter, Request, RunState, Summary
from convert.batch.task import describe

__all__ = ["DigestOptions", "Reporter", "Request", "Summary", "run_batch"]


def run_batch(request: Request, reporter: Reporter, found: Found | None = None) -> Summary:
    """Carry out `request` (on the inputs `found` already, if given); the manifest is written
    whatever happens, and the summary returned. Interrupted by a signal, the run stops between
    tasks and says so in the summary."""
    with output_folder_lock(request.out_dir) as started:
        return _run_batch(request, reporter, found, started)


def _run_batch(request: Request, reporter: Reporter, found: Found | None, started: int) -> Summary:
    previous, unreadable = load_manifest(request.out_dir)
    if unreadable is not None:
        reporter.warn(f"{printable(os.path.join(request.out_dir, MANIFEST_NAME))}: {unreadable}; starting a new one")  # noqa: PTH118
    found = found if found is not None else find_inputs(request.paths, request.out_dir)
    digest_title = None
    run = RunState(request, reporter, previous, Manifest(run=previous.run + 1), started)
    try:
        with stop_requests() as stopping:
            try:
                if request.digest is None:
                    reporter.begin(len(found.inputs) + len(found.refused))
                    convert_files(run, found, stopping)
                else:
                    reporter.begin(len(found.inputs) + len(found.refused) + len(request.formats))
                    digest_title = convert_digest(run, found, request.digest, stopping)
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


def _save(run: RunState, inputs_now: set[str], digest_title: str | None) -> None:
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
