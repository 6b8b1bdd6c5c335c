"""Worker processes for a batch: a fresh pool that can tell which task a dying worker had started."""

from __future__ import annotations

import multiprocessing
import multiprocessing.queues
import sys
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool

from convert.conversion import Outcome

Task = tuple[Callable[..., Outcome], tuple[object, ...]]
Done = Callable[[int, Outcome], None]


def run_pool(tasks: list[Task], indices: list[int], workers: int, done: Done) -> tuple[list[int], set[int]]:
    """Run some tasks on a fresh pool; return those lost to a dying worker, and which had started."""
    context = _context()
    started_queue = context.SimpleQueue()
    broken: list[int] = []
    pool = ProcessPoolExecutor(workers, context, initializer=_remember_queue, initargs=(started_queue,))
    futures = {pool.submit(_started_task, index, *tasks[index]): index for index in indices}
    try:
        for future in as_completed(futures):
            _settle(future, futures[future], done, broken)
    except KeyboardInterrupt:
        running = [future for future in futures if not future.cancel() and not future.done()]
        for future in as_completed(running):
            _settle(future, futures[future], done, broken)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    started: set[int] = set()
    while not started_queue.empty():
        started.add(started_queue.get())
    return broken, started


_started: multiprocessing.queues.SimpleQueue[int] | None = None
"""In a worker: where it tells the main process which task it begins, to find the culprit of a crash."""


def _remember_queue(queue: multiprocessing.queues.SimpleQueue[int]) -> None:
    global _started
    _started = queue


def _started_task(index: int, function: Callable[..., Outcome], arguments: tuple[object, ...]) -> Outcome:
    if _started is not None:
        _started.put(index)
    return function(*arguments)


def _settle(future: Future[Outcome], index: int, done: Done, broken: list[int]) -> None:
    try:
        outcome = future.result()
    except BrokenProcessPool:
        broken.append(index)
    except (KeyboardInterrupt, CancelledError):
        pass  # the worker was interrupted: nothing was written for this task
    else:
        done(index, outcome)


def _context() -> multiprocessing.context.BaseContext:
    # forkserver: workers start from a clean, single-threaded server process, not a copy of this one.
    method = "forkserver" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)
