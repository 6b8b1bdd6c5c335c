"""Write output files whole or not at all: a temporary file beside the target, then a rename."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_ATTEMPTS = 100
_numbers = itertools.count()


def write_atomically(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace `path` with `data` in one step, so no reader ever sees a half-written file.

    The temporary file is named `.NAME.PID-N.part` beside `path`: this process's own, so no
    two writers ever share one, and created with mode 0o666 less the umask, as `open` would."""
    handle, temporary = _create_beside(path)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view) :]
        finally:
            os.close(handle)
        os.replace(temporary, path)  # noqa: PTH105 (the temporary is a string: no path made for it)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


_NAME_KEPT = 100
"""Characters of the target's name a temporary file's name keeps: enough to tell whose it is,
few enough that the name stays within a file system's limit when the target's is near it."""


def temporary_prefix(path: str | os.PathLike[str], pid: int) -> str:
    """The start of the names of the temporary files process `pid` writes `path` through."""
    folder, name = os.path.split(os.fspath(path))
    return os.path.join(folder, f".{name[:_NAME_KEPT]}.{pid}-")  # noqa: PTH118


def _create_beside(path: str | os.PathLike[str]) -> tuple[int, str]:
    prefix = temporary_prefix(path, os.getpid())
    for _ in range(_ATTEMPTS):
        temporary = f"{prefix}{next(_numbers)}.part"
        try:
            return os.open(temporary, _FLAGS, 0o666), temporary
        except FileExistsError:
            continue  # left behind by a killed process that had this process's number
        except FileNotFoundError:
            Path(path).parent.mkdir(parents=True, exist_ok=True)  # then the next name is tried in it
    raise FileExistsError(f"no free temporary name beside {path}")
