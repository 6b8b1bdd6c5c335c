"""One task of a batch, as a worker runs it: read an input (or take a digest), render each format,
write each file whole, and report in a small result. Nothing a task meets escapes it: every
failure becomes a one-line reason on the result, with the traceback kept for `--debug`."""

from __future__ import annotations

import os
import stat
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from convert.api import render
from convert.atomic import write_atomically
from convert.batch.manifest import Status, sha256_of
from convert.batch.plan import Target
from convert.caches import memoised
from convert.errors import ConvertError, InputError
from convert.model import Publication, publication_of
from convert.model.prepare import prepare
from convert.readers import read_bytes
from convert.styles import Style, load_style

_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
"""Non-blocking, so that a FIFO put where a file was found is refused, not waited on."""
_MESSAGE_LIMIT = 300


@dataclass(frozen=True, slots=True)
class Settings:
    """What every task of a run shares; small and picklable, so workers resolve the style once."""

    style: str
    overrides: tuple[str, ...]
    language: str | None


@dataclass(frozen=True, slots=True)
class KeyedTarget:
    """A planned output and the key of what it depends on besides its input."""

    target: Target
    key: str


@dataclass(frozen=True, slots=True)
class FileTask:
    """Convert one input to some formats."""

    index: int
    path: str
    shown: str
    out_dir: str
    targets: tuple[KeyedTarget, ...]
    settings: Settings
    current: frozenset[str] = frozenset()
    """Formats whose outputs were found current, if the input's bytes still hash to `expected`."""
    expected: str | None = None


@dataclass(frozen=True, slots=True)
class DigestTask:
    """Render a digest publication in one format."""

    index: int
    publication: Publication
    out_dir: str
    target: KeyedTarget
    settings: Settings


Task = FileTask | DigestTask


@dataclass(frozen=True)
class Written:
    """What became of one target (a message from a worker: no slots, which pickle slower)."""

    format: str
    path: str
    status: Status
    key: str
    size: int | None = None
    sha256: str | None = None
    reason: str | None = None
    debug: str | None = None


@dataclass
class Result:
    """What a task reports: its input's hash, each target, warnings, or why the input failed."""

    index: int
    sha256: str | None = None
    outputs: list[Written] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    reason: str | None = None
    debug: str | None = None


WriteGuard = Callable[[], bool]
_may_write: list[WriteGuard] = []
"""Set in a worker process: false once the process that started the run is gone."""


def guard_writes(check: WriteGuard) -> None:
    """Have every later write first ask `check`, and the process exit instead when it says no."""
    _may_write[:] = [check]


def run_task(task: Task) -> Result:
    """Run one task; it never raises an Exception."""
    if isinstance(task, FileTask):
        return _run_file(task)
    result = Result(task.index)
    _write_all(task.publication, [task.target], task.out_dir, task.settings, result)
    return result


def _run_file(task: FileTask) -> Result:
    result = Result(task.index)
    try:
        data = read_regular(task.path)
    except Exception as error:
        result.reason, result.debug = describe(error)
        return result
    result.sha256 = sha256_of(data)
    todo = [target for target in task.targets if not _is_current(task, target, result.sha256)]
    for keyed in task.targets:
        if keyed not in todo:
            result.outputs.append(Written(keyed.target.format, keyed.target.relative, Status.CURRENT, keyed.key))
    if not todo:
        return result
    try:
        item = read_bytes(data, task.shown, task.settings.language)
        del data
        publication = item if isinstance(item, Publication) else publication_of(item)
        for document in publication.documents:
            result.warnings.extend(document.metadata.warnings)
    except Exception as error:  # anything an input provokes fails that input alone
        result.reason, result.debug = describe(error)
        return result
    _write_all(publication, todo, task.out_dir, task.settings, result)
    return result


def _is_current(task: FileTask, keyed: KeyedTarget, sha256: str) -> bool:
    return keyed.target.format in task.current and sha256 == task.expected


def _write_all(
    publication: Publication, targets: list[KeyedTarget], out_dir: str, settings: Settings, result: Result
) -> None:
    """Render and write each target in turn; one failing leaves the others to be tried."""
    try:  # once for every format, so that each of its warnings is given once
        publication = prepare(publication, result.warnings)
    except Exception as error:
        result.outputs.extend(_failed(keyed, *describe(error, "cannot render")) for keyed in targets)
        return
    for keyed in targets:
        target = keyed.target
        try:
            data = render(publication, target.format, style_for(settings), result.warnings)
        except Exception as error:
            result.outputs.append(_failed(keyed, *describe(error, "cannot render")))
            continue
        if _may_write and not _may_write[0]():
            os._exit(1)  # the run is gone: write nothing more after it
        try:
            write_atomically(os.path.join(out_dir, target.relative), data)  # noqa: PTH118
        except Exception as error:
            result.outputs.append(_failed(keyed, *describe(error, "cannot write")))
            continue
        result.outputs.append(
            Written(target.format, target.relative, Status.CONVERTED, keyed.key, len(data), sha256_of(data))
        )


def _failed(keyed: KeyedTarget, reason: str, debug: str | None) -> Written:
    return Written(keyed.target.format, keyed.target.relative, Status.FAILED, keyed.key, reason=reason, debug=debug)


def read_regular(path: str) -> bytes:
    """The bytes of a regular file; anything else (a FIFO, a device) is refused, never waited on."""
    handle = os.open(path, _READ_FLAGS)
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise InputError("not a regular file")
        chunks = []
        while chunk := os.read(handle, max(info.st_size + 1, 1 << 16)):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(handle)


def describe(error: BaseException, doing: str = "cannot read") -> tuple[str, str | None]:
    """The one line a user sees for `error`, and the traceback for `--debug` when it is a bug;
    `doing` says what an OSError stopped ("cannot write")."""
    if isinstance(error, ConvertError):
        return (error.reason if error.line is None else f"line {error.line}: {error.reason}"), None
    if isinstance(error, OSError):
        return f"{doing}: {error.strerror or error}", None
    text = " ".join(str(error).split())
    if len(text) > _MESSAGE_LIMIT:
        text = text[: _MESSAGE_LIMIT - 1] + "…"
    kind = type(error)
    name = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
    reason = f"internal error: {name}: {text} (rerun with --debug for the traceback)"
    return reason, "".join(traceback.format_exception(error))


@memoised(8)
def style_for(settings: Settings) -> Style:
    """The run's style, resolved once per process."""
    return load_style(settings.style, settings.overrides)
