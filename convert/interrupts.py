"""Ctrl-C in a batch: the first press lets the files being written finish and be recorded, the second stops at once."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Stopping = Callable[[], bool]
"""Whether the run has been asked to stop: checked between tasks."""

NOTICE = "convert: stopping once the files being written are done (Ctrl-C again stops at once)\n"


@contextmanager
def stop_between_tasks() -> Iterator[Stopping]:
    """While inside, a first Ctrl-C asks the run to stop instead of raising KeyboardInterrupt.

    A KeyboardInterrupt can land between a file's rename and the line that records it, which
    would leave a file the manifest does not name. A request is seen only between tasks. The
    second press raises as usual. Off the main thread, or where a program embedding us has its
    own handler, nothing changes.
    """
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield _never
        return
    asked: list[bool] = []

    def first_press(_signal: int, _frame: object) -> None:
        signal.signal(signal.SIGINT, signal.default_int_handler)
        asked.append(True)
        os.write(2, NOTICE.encode())

    signal.signal(signal.SIGINT, first_press)
    try:
        yield lambda: bool(asked)
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def _never() -> bool:
    return False


def ignore_interrupts() -> None:
    """For a worker process: Ctrl-C reaches the whole process group, and the main process decides."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
