"""One run at a time per output folder: two runs writing into one folder would overwrite each
other's outputs and manifest, so the second is refused in one line."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator

try:
    import fcntl
except ImportError:  # no advisory file locks on this system: runs are not kept apart
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".convert.lock"


class FolderBusyError(Exception):
    """Another run holds the output folder."""


@contextlib.contextmanager
def output_folder_lock(out_dir: str) -> Iterator[int]:
    """Hold the output folder for this run (where the system can lock files); FolderBusyError when
    another run holds it. The lock file is removed again at the end.

    Yields the time the run began by the folder's own clock (in ns): a file there modified since
    was written by this run, as no other run can write there meanwhile. The file system's clock,
    not ours, because it is the one that stamps the outputs (coarser, and on a network share, set
    by another machine)."""
    if fcntl is None:
        yield time.time_ns()
        return
    path = os.path.join(out_dir, LOCK_NAME)  # noqa: PTH118
    try:
        os.makedirs(out_dir, exist_ok=True)  # noqa: PTH103
        handle = _locked(path)
    except OSError:
        yield time.time_ns()  # an output folder that cannot be made or written fails each output in its own line
        return
    try:
        yield _stamp(handle)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)  # noqa: PTH108 (while still held: a later run makes a new one)
        os.close(handle)


def _locked(path: str) -> int:
    """An open, locked handle on the lock file; its name still leads to it (a run that removed
    it at its end between our open and our lock would leave us holding a file nobody else sees)."""
    for _ in range(100):
        handle = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(handle)
            raise FolderBusyError from None
        try:
            same = os.stat(path).st_ino == os.fstat(handle).st_ino  # noqa: PTH116
        except FileNotFoundError:
            same = False
        if same:
            return handle
        os.close(handle)
    raise FolderBusyError


def _stamp(handle: int) -> int:
    """Set the lock file's modification time to now, by the file system's clock, and return it."""
    try:
        os.utime(handle)
        return os.fstat(handle).st_mtime_ns
    except OSError:
        return time.time_ns()
