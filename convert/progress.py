"""How a run shows itself: a progress bar on a terminal, plain lines elsewhere, nothing when quiet."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.progress import Progress as Bar
    from rich.progress import TaskID

_REFRESH = 0.1
"""Seconds between redraws of the bar."""


class Progress:
    """Prints failures always, warnings unless quiet, and a live bar when writing to a terminal.

    The bar is redrawn as results arrive, not by a thread of its own: the batch starts its
    workers by forking, which is safe only while this process has a single thread."""

    def __init__(self, quiet: bool, debug: bool = False, stream: TextIO = sys.stderr) -> None:
        self.quiet = quiet
        self.debug = debug
        self.stream = stream
        self._bar: Bar | None = None
        self._task: TaskID | None = None
        self._drawn = 0.0

    def begin(self, total: int) -> None:
        """Start the bar for `total` steps, when there is a terminal to show it on."""
        if self.quiet or total <= 1 or not self.stream.isatty():
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
        from rich.progress import Progress as LiveBar

        self._bar = LiveBar(
            TextColumn("converting"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeRemainingColumn(),
            console=Console(file=self.stream),
            transient=True,
            auto_refresh=False,
        )
        self._task = self._bar.add_task("converting", total=total)
        self._bar.start()

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def say(self, line: str) -> None:
        """One line for the user, printed above the bar when there is one."""
        if self._bar is not None:
            self._bar.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=self.stream)

    def warn(self, line: str) -> None:
        """A warning line, unless quiet."""
        if not self.quiet:
            self.say(f"warning: {line}")

    def fail(self, line: str, debug: str | None) -> None:
        """A failure line, always; with `--debug`, the traceback of a bug after it."""
        self.say(line)
        if self.debug and debug:
            self.say(debug.rstrip("\n"))

    def advance(self) -> None:
        """One step done."""
        if self._bar is not None and self._task is not None:
            self._bar.advance(self._task)
            now = time.monotonic()
            if now - self._drawn >= _REFRESH:
                self._drawn = now
                self._bar.refresh()
