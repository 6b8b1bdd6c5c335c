"""Ctrl-C and SIGTERM in a batch: the first asks the run to stop between tasks, so that what is
being written finishes and is recorded; the second stops at once."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import FrameType

NOTICE = "convert: stopping once the files being written are done (Ctrl-C again stops at once)\n"
EXIT_STATUS = {signal.SIGINT: 130, signal.SIGTERM: 143}
"""128 + the signal's number, as a shell reports a process that a signal ended."""


@dataclass(slots=True)
class StopRequest:
    """Whether, and by which signal, the run has been asked to stop."""

    signals: list[int] = field(default_factory=list)

    def __call__(self) -> bool:
        return bool(self.signals)

    @property
    def exit_status(self) -> int | None:
        """The status to exit with: that of the first signal, or None when there was none."""
        return EXIT_STATUS.get(signal.Signals(self.signals[0])) if self.signals else None


Handler = Callable[[int, FrameType | None], object] | signal.Handlers
_UNHANDLED: dict[signal.Signals, Handler] = {signal.SIGINT: signal.default_int_handler, signal.SIGTERM: signal.SIG_DFL}
"""Each signal's handler when nobody has set one; only those are taken over."""


@contextmanager
def stop_requests() -> Iterator[StopRequest]:
    """While inside, the first SIGINT or SIGTERM is recorded instead of acted on; the second
    raises KeyboardInterrupt. A KeyboardInterrupt could otherwise land between a file's rename
    and the line that records it. Off the main thread, nothing changes; a signal that a program
    embedding convert handles itself, or that is ignored (Ctrl-C in a background job), is left
    as it is."""
    request = StopRequest()
    if threading.current_thread() is not threading.main_thread():
        yield request
        return

    def on_signal(number: int, _frame: FrameType | None) -> None:
        request.signals.append(number)
        if len(request.signals) > 1:
            raise KeyboardInterrupt
        os.write(2, NOTICE.encode())

    taken = [number for number, unhandled in _UNHANDLED.items() if signal.getsignal(number) is unhandled]
    for number in taken:
        signal.signal(number, on_signal)
    try:
        yield request
    finally:
        for number in taken:
            signal.signal(number, _UNHANDLED[number])
