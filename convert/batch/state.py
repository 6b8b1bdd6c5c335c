"""A batch run's request, its state while under way, and its summary: what the steps of a run share."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from convert.batch.keys import TOOL, code_fingerprint, library_versions, style_fingerprint
from convert.batch.manifest import Manifest, Output, Status, job_key, sha256_of_file, still_valid
from convert.batch.names import clash_key, printable
from convert.batch.task import KeyedTarget, Settings, Written

if TYPE_CHECKING:
    from convert.model.digest import GroupBy


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
        shown = printable(out_dir.rstrip("/") or "/")
        text = f"{done}, {self.failed} failed; {files} written to {shown}/ in {seconds:.2f} s ({warnings})"
        if self.digest_current:
            text += "; the digest is current"
        return text + ("" if self.complete else "; interrupted")


@dataclass(slots=True)
class RunState:
    """A run under way: what it was asked, where it reports, the earlier manifest and this run's."""

    request: Request
    reporter: Reporter
    previous: Manifest
    manifest: Manifest
    started: int
    """When the run began, by the output folder's clock (ns)."""
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

    def settle(self, targets: Iterable[KeyedTarget], earlier: Iterable[Output], shown: str) -> tuple[Output, ...]:
        """The outputs of a task whose result never came (the run was stopped at once): each file
        the task wrote whole before it was stopped, recorded with its size and hash but an empty
        key, so that the next run makes it again with its warnings; and the earlier outputs it did
        not replace, as they were."""
        out_dir = self.request.out_dir
        written = [found for keyed in targets if (found := _written_since(keyed, out_dir, self.started))]
        replaced = {item.path for item in written}
        kept = [output for output in earlier if output.path not in replaced and still_valid(output, out_dir)]
        return (*(self.output(item, shown) for item in written), *kept)

    def count(self, status: Status) -> None:
        if status is Status.FAILED:
            self.summary.failed += 1
        elif status is Status.CURRENT:
            self.summary.skipped += 1
        else:
            self.summary.converted += 1
        self.reporter.advance()


def _written_since(keyed: KeyedTarget, out_dir: str, started: int) -> Written | None:
    """The target's file, if it was modified since `started` (and so is this run's, and whole)."""
    path = os.path.join(out_dir, keyed.target.relative)  # noqa: PTH118
    try:
        found = os.stat(path)  # noqa: PTH116
        if found.st_mtime_ns < started:
            return None
        sha256 = sha256_of_file(path)
    except OSError:
        return None
    return Written(keyed.target.format, keyed.target.relative, Status.CONVERTED, "", found.st_size, sha256)


def taken_by_others(kept: Manifest) -> dict[str, str]:
    """Clash keys of the outputs earlier runs wrote for inputs and digests not in this run, and whose they are."""
    taken: dict[str, str] = {}
    for name, entry in kept.inputs.items():
        taken.update((clash_key(output.path), name) for output in entry.outputs)
    for title, digest in kept.digests.items():
        taken.update((clash_key(output.path), f"the digest {title!r}") for output in digest.outputs)
    return taken


def base_keys(request: Request) -> dict[str, str]:
    """Per format, the key parts every output of the run shares."""
    fingerprint = style_fingerprint(request.settings.style, request.settings.overrides)
    language = request.settings.language or ""
    return {
        name: job_key(TOOL, code_fingerprint(), library_versions(name), fingerprint, language, name)
        for name in request.formats
    }
