"""The local executor: worker processes fed batches of tasks over pipes.

Each worker runs its batch in order, marks in shared memory which task it is running, and
sends results in small bundles. When one dies, its mark names the task it was running: that
one is tried once more on its own and fails alone if it kills that worker too, while the rest
of its batch goes back in the queue. Workers ignore Ctrl-C and SIGTERM (the main process
decides), stop between tasks when asked, and die with the main process: on Linux the kernel
kills them, and none writes a file once it is gone. Started by fork, a worker finds the tasks
in the memory it inherited and is sent only their numbers.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing
import multiprocessing.connection
import os
import pickle
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.context import ForkContext, ForkServerContext, SpawnContext
from multiprocessing.process import BaseProcess
from typing import Any

from convert.atomic import temporary_prefix
from convert.batch.manifest import Status
from convert.batch.task import FileTask, Result, Task, Written, describe, guard_writes, run_task

WORKER_DIED = "the worker converting it stopped unexpectedly"
BATCH_LIMIT = 64
"""The most tasks handed to a worker at once: large enough that handing them out costs little,
small enough that the last batches still spread over every worker."""
BUNDLE_SECONDS = 0.02
"""How long a worker gathers results before sending them: few messages, and a live progress bar."""
_WAIT = 0.25
"""Seconds between looks at whether the run was asked to stop."""
_IDLE = -1

OnResult = Callable[[Result], None]
Stopping = Callable[[], bool]

_inherited: Sequence[Task] = ()
"""The run's tasks, set before workers are forked: they look tasks up here by number."""


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    connection: multiprocessing.connection.Connection
    seat: int
    """Its slot in the shared array of running tasks."""
    running: deque[int] = field(default_factory=deque)
    """The tasks handed to it and not yet reported, in the order it runs them."""
    alone: bool = False
    """Running one task that killed a worker before."""


def run_tasks(tasks: Sequence[Task], workers: int, on_result: OnResult, stopping: Stopping) -> bool:
    """Run every task on up to `workers` processes, calling `on_result` as each ends; True when
    all ended, False when the run stopped first. Task `n` must be `tasks[n]`. A
    KeyboardInterrupt (a second Ctrl-C) ends the workers at once: the files they were writing
    are removed, and it is raised again."""
    if not tasks:
        return True
    return _Pool(tasks, max(1, min(workers, len(tasks))), on_result).run(stopping)


class _Pool:
    def __init__(self, tasks: Sequence[Task], size: int, on_result: OnResult) -> None:
        self.tasks = tasks
        self.size = size
        self.on_result = on_result
        self.context = _context()
        self.by_number = self.context.get_start_method() == "fork"
        self.stop_flag = self.context.RawValue("b", 0)
        self.marks = self.context.RawArray("q", [_IDLE] * size)
        self.queue: deque[int] = deque(range(len(tasks)))
        self.suspects: deque[int] = deque()
        self.workers: list[_Worker] = []

    def run(self, stopping: Stopping) -> bool:
        global _inherited
        _inherited = self.tasks if self.by_number else ()
        try:
            for seat in range(self.size):
                self.workers.append(self._start(seat))
            while self.queue or self.suspects or any(worker.running for worker in self.workers):
                if stopping():
                    self.stop_flag.value = 1
                    self.queue.clear()
                    self.suspects.clear()
                else:
                    self._hand_out()
                self._wait()
            return not self.stop_flag.value
        except KeyboardInterrupt:
            self._end_now()
            raise
        finally:
            self._close()
            _inherited = ()

    def _start(self, seat: int) -> _Worker:
        mine, theirs = self.context.Pipe()
        self.marks[seat] = _IDLE
        arguments = (theirs, self.stop_flag, self.marks, seat, os.getpid())
        process = self.context.Process(target=_serve, args=arguments, daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, mine, seat)

    def _hand_out(self) -> None:
        for worker in self.workers:
            if not (self.queue or self.suspects):
                return
            if worker.running or not worker.process.is_alive():
                continue
            worker.alone = bool(self.suspects)
            if worker.alone:
                self._send(worker, [self.suspects.popleft()])
            else:
                count = max(1, min(BATCH_LIMIT, len(self.queue) // (2 * len(self.workers))))
                self._send(worker, [self.queue.popleft() for _ in range(min(count, len(self.queue)))])

    def _send(self, worker: _Worker, numbers: list[int]) -> None:
        if self.by_number:
            message = pickle.dumps(numbers)
        else:
            try:
                message = pickle.dumps([self.tasks[number] for number in numbers])
            except Exception:  # a model too deep to pickle fails its own task, not the run
                numbers = [number for number in numbers if self._picklable(number)]
                message = pickle.dumps([self.tasks[number] for number in numbers])
        worker.connection.send_bytes(message)
        worker.running.extend(numbers)

    def _picklable(self, number: int) -> bool:
        try:
            pickle.dumps(self.tasks[number])
        except Exception as error:
            self.on_result(_failure(self.tasks[number], describe(error)))
            return False
        return True

    def _wait(self) -> None:
        by_connection = {worker.connection: worker for worker in self.workers}
        by_sentinel = {worker.process.sentinel: worker for worker in self.workers}
        ready = multiprocessing.connection.wait([*by_connection, *by_sentinel], timeout=_WAIT)
        for item in ready:
            if isinstance(item, multiprocessing.connection.Connection):
                self._receive(by_connection[item])
        for item in ready:
            if isinstance(item, int):
                self._receive(by_sentinel[item])
                self._buried(by_sentinel[item])

    def _receive(self, worker: _Worker) -> None:
        with contextlib.suppress(EOFError, OSError):
            while worker.connection.poll():
                for message in pickle.loads(worker.connection.recv_bytes()):
                    if isinstance(message, Result):
                        worker.running.remove(message.index)
                        self.on_result(message)
                    else:  # the numbers of the tasks it did not start, once asked to stop
                        for number in message:
                            worker.running.remove(number)

    def _buried(self, worker: _Worker) -> None:
        """A worker died: fail or requeue what it held, and start another if there is work."""
        worker.process.join()
        self.workers.remove(worker)
        worker.connection.close()
        culprit = self.marks[worker.seat]
        if culprit in worker.running:
            worker.running.remove(culprit)
            _remove_temporaries(self.tasks[culprit], worker.process.pid)
            if self.stop_flag.value:
                pass  # not finished, so not recorded: the manifest says the run is incomplete
            elif worker.alone:
                self.on_result(_failure(self.tasks[culprit], (WORKER_DIED, None)))
            else:
                self.suspects.append(culprit)
        self.queue.extendleft(reversed(worker.running))  # finished ones whose results were lost run again
        if not self.stop_flag.value and (self.queue or self.suspects):
            self.workers.append(self._start(worker.seat))

    def _end_now(self) -> None:
        for worker in self.workers:
            if worker.process.is_alive():
                worker.process.kill()
        for worker in self.workers:
            worker.process.join()
            self._receive(worker)  # what finished before the kill is whole, and recorded
            culprit = self.marks[worker.seat]
            if culprit in worker.running:
                _remove_temporaries(self.tasks[culprit], worker.process.pid)

    def _close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError):
                worker.connection.send_bytes(pickle.dumps(None))
        for worker in self.workers:
            worker.process.join(timeout=5)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
            worker.connection.close()


def _failure(task: Task, described: tuple[str, str | None]) -> Result:
    reason, debug = described
    if isinstance(task, FileTask):
        return Result(task.index, reason=reason, debug=debug)
    target = task.target
    written = Written(
        target.target.format, target.target.relative, Status.FAILED, target.key, reason=reason, debug=debug
    )
    return Result(task.index, outputs=[written])


def _targets_of(task: Task) -> Iterator[str]:
    keyed = task.targets if isinstance(task, FileTask) else (task.target,)
    for target in keyed:
        yield os.path.join(task.out_dir, target.target.relative)  # noqa: PTH118


def _remove_temporaries(task: Task, pid: int | None) -> None:
    """Remove what a killed worker was writing for `task` (its own temporary files only)."""
    if pid is None:
        return
    for path in _targets_of(task):
        prefix = temporary_prefix(path, pid)
        folder, start = os.path.split(prefix)
        with contextlib.suppress(OSError), os.scandir(folder or ".") as listing:
            for entry in listing:
                if entry.name.startswith(start) and entry.name.endswith(".part"):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)  # noqa: PTH108


def _serve(connection: multiprocessing.connection.Connection, stop: Any, marks: Any, seat: int, main: int) -> None:
    """A worker's life: run each batch it is handed, report the results in bundles, until told
    to finish. `stop` and `marks` are shared memory: the main process's request to stop, and
    the number of the task each worker is running."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    parent = _die_with_parent()
    guard_writes(lambda: os.getppid() == parent)
    while True:
        try:
            batch = pickle.loads(connection.recv_bytes())
        except (EOFError, OSError):
            return  # the main process is gone
        if batch is None:
            return
        tasks = [_inherited[item] if isinstance(item, int) else item for item in batch]
        bundle: list[object] = []
        sent = time.monotonic()
        for position, task in enumerate(tasks):
            if stop.value:
                bundle.append([other.index for other in tasks[position:]])
                break
            marks[seat] = task.index
            bundle.append(run_task(task))
            marks[seat] = _IDLE
            if time.monotonic() - sent >= BUNDLE_SECONDS:
                _send_bundle(connection, bundle, tasks)
                bundle, sent = [], time.monotonic()
        _send_bundle(connection, bundle, tasks)


def _send_bundle(connection: multiprocessing.connection.Connection, bundle: list[object], tasks: list[Task]) -> None:
    if not bundle:
        return
    try:
        message = pickle.dumps(bundle)
    except Exception:  # a result that cannot be pickled fails its task, not the bundle
        message = pickle.dumps([_sendable(item, tasks) for item in bundle])
    connection.send_bytes(message)


def _sendable(item: object, tasks: list[Task]) -> object:
    try:
        pickle.dumps(item)
    except Exception as error:
        assert isinstance(item, Result)
        task = next(task for task in tasks if task.index == item.index)
        return _failure(task, describe(error))
    return item


def _die_with_parent() -> int:
    """Have the kernel kill this process when its parent dies (Linux); the parent's pid."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)
    return parent


def _context() -> ForkContext | ForkServerContext | SpawnContext:
    """Fork while this process has one thread (instant, and safe then); else a fork server, which
    starts workers from a clean process (spawn where there is no fork)."""
    if not sys.platform.startswith("linux"):
        return multiprocessing.get_context("spawn")
    if threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver")
