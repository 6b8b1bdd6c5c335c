"""The local executor: worker processes fed batches of tasks over pipes.

Each worker runs its batch in order and reports each task as it ends, so when one dies the
task it was running is known: that one is tried once more on its own and fails alone if it
kills that worker too, while the rest of its batch goes back in the queue. Workers ignore
Ctrl-C and SIGTERM (the main process decides), stop between tasks when asked, and die with
the main process: on Linux the kernel kills them, and none writes a file once it is gone.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import multiprocessing
import multiprocessing.connection
import multiprocessing.sharedctypes
import os
import pickle
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.context import ForkContext, ForkServerContext, SpawnContext
from multiprocessing.process import BaseProcess

from convert.atomic import temporary_prefix
from convert.batch.manifest import Status
from convert.batch.task import FileTask, Result, Task, Written, describe, guard_writes, run_task

WORKER_DIED = "the worker converting it stopped unexpectedly"
BATCH_LIMIT = 64
"""The most tasks handed to a worker at once: large enough that handing them out costs little,
small enough that the last batches still spread over every worker."""
_WAIT = 0.25
"""Seconds between looks at whether the run was asked to stop."""

OnResult = Callable[[Result], None]
Stopping = Callable[[], bool]


@dataclass(slots=True)
class _Worker:
    process: BaseProcess
    connection: multiprocessing.connection.Connection
    running: deque[int] = field(default_factory=deque)
    """The tasks handed to it and not yet reported, in the order it runs them."""
    alone: bool = False
    """Running one task that killed a worker before."""


def run_tasks(tasks: Sequence[Task], workers: int, on_result: OnResult, stopping: Stopping) -> bool:
    """Run every task on up to `workers` processes, calling `on_result` as each ends; True when
    all ended, False when the run stopped first. A KeyboardInterrupt (a second Ctrl-C) ends
    the workers at once: the files they were writing are removed, and it is raised again."""
    if not tasks:
        return True
    return _Pool(tasks, max(1, min(workers, len(tasks))), on_result).run(stopping)


class _Pool:
    def __init__(self, tasks: Sequence[Task], size: int, on_result: OnResult) -> None:
        self.tasks = tasks
        self.size = size
        self.on_result = on_result
        self.context = _context()
        self.stop_flag = self.context.RawValue("b", 0)
        self.queue: deque[int] = deque(range(len(tasks)))
        self.suspects: deque[int] = deque()
        self.workers: list[_Worker] = []

    def run(self, stopping: Stopping) -> bool:
        try:
            for _ in range(self.size):
                self.workers.append(self._start())
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

    def _start(self) -> _Worker:
        mine, theirs = self.context.Pipe()
        process = self.context.Process(target=_serve, args=(theirs, self.stop_flag, os.getpid()), daemon=True)
        process.start()
        theirs.close()
        return _Worker(process, mine)

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

    def _send(self, worker: _Worker, indices: list[int]) -> None:
        batch = [self.tasks[index] for index in indices]
        try:
            message = pickle.dumps(batch)
        except Exception:  # a model too deep to pickle fails its own task, not the run
            batch = [task for task in batch if self._picklable(task)]
            message = pickle.dumps(batch)
        worker.connection.send_bytes(message)
        worker.running.extend(task.index for task in batch)

    def _picklable(self, task: Task) -> bool:
        try:
            pickle.dumps(task)
        except Exception as error:
            self.on_result(_failure(task, describe(error)))
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
                message = pickle.loads(worker.connection.recv_bytes())
                if isinstance(message, Result):
                    worker.running.remove(message.index)
                    self.on_result(message)
                else:  # the indices it did not start, once asked to stop
                    for index in message:
                        worker.running.remove(index)

    def _buried(self, worker: _Worker) -> None:
        """A worker died: fail or requeue what it held, and start another if there is work."""
        worker.process.join()
        self.workers.remove(worker)
        worker.connection.close()
        if worker.running:
            culprit = worker.running.popleft()
            _remove_temporaries(self.tasks[culprit], worker.process.pid)
            if worker.alone or self.stop_flag.value:
                if not self.stop_flag.value:
                    self.on_result(_failure(self.tasks[culprit], (WORKER_DIED, None)))
            else:
                self.suspects.append(culprit)
            self.queue.extendleft(reversed(worker.running))
        if not self.stop_flag.value and (self.queue or self.suspects):
            self.workers.append(self._start())

    def _end_now(self) -> None:
        for worker in self.workers:
            if worker.process.is_alive():
                worker.process.kill()
        for worker in self.workers:
            worker.process.join()
            self._receive(worker)  # what finished before the kill is whole, and recorded
            if worker.running:
                _remove_temporaries(self.tasks[worker.running[0]], worker.process.pid)

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


def _serve(
    connection: multiprocessing.connection.Connection, stop: multiprocessing.sharedctypes.Synchronized[int], main: int
) -> None:
    """A worker's life: run each batch it is handed, report each task, until told to finish."""
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
        for position, task in enumerate(batch):
            if stop.value:
                connection.send_bytes(pickle.dumps([other.index for other in batch[position:]]))
                break
            result = run_task(task)
            try:
                message = pickle.dumps(result)
            except Exception as error:
                message = pickle.dumps(_failure(task, describe(error)))
            connection.send_bytes(message)


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
