"""The errors `convert` raises on purpose, each naming the file and the reason in one line, and
the one warning category it gives about the machine rather than a document."""

from __future__ import annotations

import threading
import warnings

from convert.batch.names import printable


class ConvertError(Exception):
    """Base of every expected failure; its text is the one line a user sees."""

    exit_code = 1

    def __init__(self, reason: str, source: str | None = None, line: int | None = None) -> None:
        self.reason = reason
        self.source = source
        self.line = line
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """`file:line: reason`, with the parts that are known, on one printable line: a name's
        bytes that are not UTF-8 and any control character are shown as `\\xNN`."""
        where = self.source or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return printable(f"{where}: {self.reason}" if where else self.reason)


class InputError(ConvertError):
    """An input file that cannot be read as an article."""


class OutputError(ConvertError):
    """An output that could not be written."""


class UsageError(ConvertError):
    """A request that cannot be carried out as asked: bad option, format or style."""

    exit_code = 2


class StyleError(UsageError):
    """A style sheet that does not load or validate."""


class UnknownFormatError(UsageError):
    """A format name that no installed writer provides."""


class ConvertWarning(UserWarning):
    """Something about this machine that costs speed or a fix but no output: a library whose
    internals changed, a cache folder that cannot be written. Given once per process."""


_WARNED: set[str] = set()
_WARNED_LOCK = threading.Lock()


def warn_once(key: str, message: str) -> None:
    """A ConvertWarning with `message`, unless one for `key` was given in this process already.

    Once per process whatever the warning filters say: a long batch must not repeat it per article."""
    with _WARNED_LOCK:
        if key in _WARNED:
            return
        _WARNED.add(key)
    warnings.warn(message, ConvertWarning, stacklevel=3)
