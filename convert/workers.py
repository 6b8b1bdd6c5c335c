"""Worker processes for a batch: a fresh pool that can tell which task a dying worker had started."""

from __future__ import annotations

import multiprocessing
import multiprocessing.queues
import sys
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from convert.conversion import Outcome
from convert.interrupts import Stopping, ignore_interrupts

Task = tuple[Callable[..., Outcome], tuple[object, ...]]
Done = Callable[[int, Outcome], None]
Abandon = Callable[[int], None]


def run_pool(
    tasks: list[Task], indices: list[int], workers: int, done: Done, stopping: Stopping, abandon: Abandon
) -> tuple[list[int], set[int]]:
    """Run some tasks on a fresh pool; return those lost to a dying worker, and which had started.

    Once `stopping()`, tasks not yet handed to a worker are cancelled, those running are waited
    for and recorded, and KeyboardInterrupt is raised. A KeyboardInterrupt here (a second
    Ctrl-C) ends the workers at once, and `abandon(index)` is called for each task they had
    started and not finished.
    """
    context = _context()
    started_queue = context.SimpleQueue()
    broken: list[int] = []
    settled: set[int] = set()
    pool = ProcessPoolExecutor(workers, context, initializer=_prepare_worker, initargs=(started_queue,))
    futures = {pool.submit(_started_task, index, *tasks[index]): index for index in indices}
    cancelled = False
    try:
        for future in as_completed(futures):
            index = futures[future]
            _settle(future, index, done, broken)
            settled.add(index)
            if stopping() and not cancelled:
                cancels = [other.cancel() for other in futures]  # every one: no stopping at the first
                cancelled = any(cancels)
    except KeyboardInterrupt:
        _end_workers(pool)
        for index in _drained(started_queue) - settled:
            abandon(index)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    if cancelled:
        raise KeyboardInterrupt
    return broken, _drained(started_queue)


def _drained(queue: multiprocessing.queues.SimpleQueue[int]) -> set[int]:
    found: set[int] = set()
    while not queue.empty():
        found.add(queue.get())
    return found


def _end_workers(pool: ProcessPoolExecutor) -> None:
    """Stop every worker of `pool` now (Python 3.14 has this as `terminate_workers`)."""
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.terminate()


_started: multiprocessing.queues.SimpleQueue[int] | None = None
"""In a worker: where it tells the main process which task it begins, to find the culprit of a crash."""


def _prepare_worker(queue: multiprocessing.queues.SimpleQueue[int]) -> None:
    global _started
    _started = queue
    ignore_interrupts()


def _started_task(index: int, function: Callable[..., Outcome], arguments: tuple[object, ...]) -> Outcome:
    if _started is not None:
        _started.put(index)
    return function(*arguments)


def _settle(future: Future[Outcome], index: int, done: Done, broken: list[int]) -> None:
    try:
        outcome = future.result()
    except BrokenProcessPool:
        broken.append(index)
    except CancelledError:
        pass  # cancelled before it started: nothing was written for this task
    else:
        done(index, outcome)


def _context() -> multiprocessing.context.BaseContext:
    # forkserver: workers start from a clean, single-threaded server process, not a copy of this one.
    method = "forkserver" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)
