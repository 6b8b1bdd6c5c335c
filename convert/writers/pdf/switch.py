"""A scoped, thread-safe switch: replacements for a library's module-level functions, there only
while one of our renders runs, and doing their own work only in the threads running one.

The first render to start puts the replacements in; the last to end puts back exactly the
objects it found. Between those two moments another thread's plain reportlab sees our
functions as the module's attributes, but each one checks the thread it runs in and hands that
thread's calls to the library's own function unchanged: the same results, none of our memos.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any


class Gate(threading.local):
    """Per thread: whether this thread is inside one of our renders, and whether the replacements work for it."""

    writing = False
    fast = False
    shipped = 0
    """How deep this thread is in `as_shipped()`: renders there run on the library alone."""


class ScopedSwitch:
    """Replacements for (owner, attribute) pairs, installed while any thread renders."""

    def __init__(
        self, gate: Gate, replacements: Sequence[tuple[tuple[Any, str], Any]], enabled: Callable[[], bool]
    ) -> None:
        self.gate = gate
        self._replacements = tuple(replacements)
        self._enabled = enabled
        self._lock = threading.Lock()
        self._renders = 0
        self._found: list[tuple[Any, str, Any]] = []

    @contextmanager
    def rendering(self) -> Iterator[None]:
        """One of our renders in this thread while the block runs, with the replacements on unless
        in `as_shipped()` or not enabled (a nested block changes nothing)."""
        gate = self.gate
        if gate.writing:
            yield
            return
        fast = not gate.shipped and self._enabled()
        if fast:
            self._enter()
        gate.writing, gate.fast = True, fast
        try:
            yield
        finally:
            gate.writing = gate.fast = False
            if fast:
                self._leave()

    @contextmanager
    def as_shipped(self) -> Iterator[None]:
        """Renders in this thread on the library alone while the block runs: for comparing and measuring."""
        gate = self.gate
        was_fast = gate.fast
        gate.shipped += 1
        gate.fast = False
        try:
            yield
        finally:
            gate.shipped -= 1
            gate.fast = was_fast

    def _enter(self) -> None:
        with self._lock:
            if self._renders == 0:
                self._found = [(owner, name, getattr(owner, name)) for (owner, name), _ in self._replacements]
                for (owner, name), replacement in self._replacements:
                    setattr(owner, name, replacement)
            self._renders += 1

    def _leave(self) -> None:
        with self._lock:
            self._renders -= 1
            if self._renders == 0:
                for owner, name, original in self._found:
                    setattr(owner, name, original)
                self._found = []
