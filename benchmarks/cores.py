"""What a second core gives on this machine, so a --jobs 2 figure can be read against the machine's own ceiling."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

LOOP = "x = 0\nfor i in range(12_000_000):\n    x += i * i % 7\n"
"""About a second of pure CPU-bound Python, touching almost no memory."""
ROUNDS = 3


def parallel_ceiling(rounds: int = ROUNDS) -> float:
    """How many times more work two processes get done at once than one alone (2.0: two whole cores).

    The loop alone and two copies at once are taken in turns, and the median of the rounds is kept:
    on a shared host the second core is often slower than the first, and no pool can beat that.
    """
    ratios = []
    for _ in range(rounds):
        alone = _wall(1)
        together = _wall(2)
        ratios.append(2 * alone / together)
    return statistics.median(ratios)


def _wall(copies: int) -> float:
    start = time.perf_counter()
    processes = [subprocess.Popen([sys.executable, "-I", "-S", "-c", LOOP]) for _ in range(copies)]
    for process in processes:
        process.wait()
    return time.perf_counter() - start


if __name__ == "__main__":
    print(f"{parallel_ceiling():.2f}")
