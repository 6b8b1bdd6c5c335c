"""How a run shows itself: a progress bar on a terminal, plain lines elsewhere, nothing when quiet."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TextIO

from convert.manifest import Entry


class Progress:
    """Prints failures always, warnings unless quiet, and a live bar when writing to a terminal."""

    def __init__(self, total: int, quiet: bool, stream: TextIO = sys.stderr) -> None:
        self.quiet = quiet
        self.stream = stream
        self._bar = None
        if not quiet and total > 1 and stream.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as Bar

            self._bar = Bar(
                TextColumn("converting"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(file=stream),
                transient=True,
            )
            self._task = self._bar.add_task("converting", total=total)

    def __enter__(self) -> Progress:
        if self._bar is not None:
            self._bar.start()
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

    def entry(self, shown: str, entry: Entry) -> None:
        """Report one finished input or digest."""
        for warning in entry.warnings:
            self.warn(f"{shown}: {warning}")
        if entry.error is not None:
            self.say(f"{shown}: {entry.error}")
        if self._bar is not None:
            self._bar.advance(self._task)
