"""Wall time and peak memory of a whole process tree, worker processes included, measured from outside."""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import ctypes.util
import json
import os
import resource
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

PROC = Path("/proc")
LINGER_SECONDS = 10.0
"""How long descendants may outlive the command (a forkserver closing down) before they are killed."""
PR_SET_CHILD_SUBREAPER = 36


@dataclass(frozen=True, slots=True)
class Sample:
    """One run of a command."""

    seconds: float
    """Wall time from starting the command to its exit (descendants still closing down not counted)."""
    peak_bytes: int
    """Peak resident memory of the tree: the larger of the sampled sum and the largest single process."""
    tree_peak_bytes: int
    """Largest sum of the resident sizes of all the processes alive at one sampling instant (0 without /proc)."""
    largest_process_bytes: int
    """Peak resident size of the largest single process: its high-water mark, from /proc while it
    lives and from the kernel's accounting of reaped children when that exceeds the wrapper's own size."""
    processes: int
    """How many processes were seen, the command included."""
    returncode: int


class CommandError(Exception):
    """A measured command exited with an error."""

    def __init__(self, command: Sequence[str], returncode: int, log: Path | None) -> None:
        tail = _tail(log) if log is not None else ""
        super().__init__(f"exit {returncode}" + (f": {tail}" if tail else ""))
        self.command = list(command)
        self.returncode = returncode


@dataclass(frozen=True, slots=True)
class Measurement:
    """The runs of one case that count: several after a warm-up, or the warm-up alone when it is long."""

    samples: tuple[Sample, ...]
    warmup_only: bool
    """The case was too long to repeat: its one run was also its warm-up."""

    @property
    def seconds(self) -> float:
        return statistics.median(sample.seconds for sample in self.samples)

    @property
    def peak_bytes(self) -> int:
        return int(statistics.median(sample.peak_bytes for sample in self.samples))

    @property
    def runs(self) -> int:
        return len(self.samples)

    @property
    def spread(self) -> tuple[float, float]:
        """The fastest and slowest run."""
        times = [sample.seconds for sample in self.samples]
        return min(times), max(times)


def repeat(run_once: Callable[[], Sample], runs: int, budget: float) -> Measurement:
    """A warm-up run, then up to `runs` more within about `budget` seconds; the warm-up alone if it is longer.

    `run_once` prepares (outside the timing) and measures one run, raising CommandError on failure.
    """
    warmup = run_once()
    if warmup.seconds >= budget or runs < 1:
        return Measurement((warmup,), warmup_only=True)
    count = max(1, min(runs, int(budget // max(warmup.seconds, 1e-3))))
    return Measurement(tuple(run_once() for _ in range(count)), warmup_only=False)


def repeat_pair(
    first: Callable[[], Sample], second: Callable[[], Sample], runs: int, budget: float
) -> tuple[Measurement, Measurement]:
    """Two cases whose ratio matters, run in turns (a warm-up each, then first, second, first...).

    A shared machine's speed drifts over minutes; taken in turns, both cases see the same drift and
    their ratio stays true where back-to-back series would fold the drift into it.
    """
    warmups = (first(), second())
    if max(warmup.seconds for warmup in warmups) >= budget or runs < 1:
        return Measurement((warmups[0],), warmup_only=True), Measurement((warmups[1],), warmup_only=True)
    slowest = max(max(warmup.seconds for warmup in warmups), 1e-3)
    count = max(1, min(runs, int(budget // slowest)))
    samples: tuple[list[Sample], list[Sample]] = ([], [])
    for _ in range(count):
        samples[0].append(first())
        samples[1].append(second())
    return Measurement(tuple(samples[0]), warmup_only=False), Measurement(tuple(samples[1]), warmup_only=False)


def measure(
    command: Sequence[str],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    log: Path | None = None,
) -> Sample:
    """Run `command` under a fresh wrapper process and return its sample; raise CommandError when it fails.

    A fresh wrapper, because its children's resource usage then holds this command's tree and nothing
    else, and because it can adopt the command's orphaned descendants without touching the caller.
    """
    wrapper = [sys.executable, "-I", str(Path(__file__).resolve())]
    if cwd is not None:
        wrapper += ["--cwd", str(cwd)]
    if log is not None:
        wrapper += ["--log", str(log)]
    environment = dict(os.environ if env is None else env)
    # Measured as installed programs run, with their bytecode cached (the warm-up run writes it):
    # a shell that turns the cache off would otherwise time the compiling of every changed module.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    process = subprocess.Popen(
        [*wrapper, "--", *command],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        stdout, stderr = process.communicate()
    except BaseException:
        # Interrupted: the wrapper ends the command's whole tree on SIGTERM, which killing it would not.
        process.terminate()
        process.wait()
        raise
    if process.returncode != 0 or not stdout.strip():
        raise RuntimeError(f"the measuring wrapper failed: {stderr.strip()[-2000:]}")
    sample = Sample(**json.loads(stdout.strip().splitlines()[-1]))
    if sample.returncode != 0:
        raise CommandError(command, sample.returncode, log)
    return sample


def run_tree(command: Sequence[str], log: Path | None = None) -> Sample:
    """Run `command` as a child of this process and measure it and every process it starts.

    Meant for a process that runs nothing else (the wrapper): it becomes a child subreaper, so that
    descendants whose parent exits (a forkserver's workers, a daemonised helper) are reparented here,
    sampled, and reaped, which puts their peak into this process's RUSAGE_CHILDREN.
    """
    _become_subreaper()
    signal.signal(signal.SIGTERM, _end_tree)
    output = (log or Path(os.devnull)).open("wb")
    try:
        wrapper_peak = _status_bytes(os.getpid()).get("VmHWM", 0)
        started = time.perf_counter()
        child = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=output, stderr=output)
        ended: list[float] = []
        status: list[int] = []
        exited = threading.Event()

        def wait() -> None:
            # A thread blocked in wait4 wakes the moment the command exits: the end time is exact,
            # not rounded up to the sampling interval.
            _, code, _ = os.wait4(child.pid, 0)
            ended.append(time.perf_counter())
            status.append(code)
            exited.set()

        waiter = threading.Thread(target=wait, daemon=True)
        waiter.start()
        peaks = _Peaks({child.pid})
        while not exited.is_set():
            peaks.sample()
            exited.wait(_interval(time.perf_counter() - started))
        waiter.join()
        child.returncode = os.waitstatus_to_exitcode(status[0])  # keep Popen from waiting again
        _reap_descendants(peaks)
    finally:
        output.close()
    # The kernel's figure for reaped children is exact for processes too short-lived to sample, but
    # an exec keeps the high-water mark of the memory it replaces: a figure no larger than this
    # wrapper's own peak may be the wrapper's, and says nothing.
    accounted = _max_rss_bytes(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    largest = max(peaks.largest, accounted if accounted > wrapper_peak else 0)
    tree_peak = peaks.tree
    return Sample(
        seconds=ended[0] - started,
        peak_bytes=max(tree_peak, largest),
        tree_peak_bytes=tree_peak,
        largest_process_bytes=largest,
        processes=len(peaks.seen),
        returncode=child.returncode,
    )


def _end_tree(signum: int, _: object) -> None:
    """On SIGTERM, kill every process below this one, then exit as terminated."""
    pending = _children(os.getpid())
    while pending:
        pid = pending.pop()
        pending.extend(_children(pid))
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    os._exit(128 + signum)


def _interval(elapsed: float) -> float:
    # Often at first, when short commands live and die; less often later, when only the total counts
    # and sampling would steal time from the command on a small machine.
    return min(0.05, 0.004 + elapsed / 100)


def _reap_descendants(peaks: _Peaks) -> None:
    """Wait for the descendants that outlive the command, sampling them; kill those that linger too long."""
    deadline = time.perf_counter() + LINGER_SECONDS
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid:
            continue
        if time.perf_counter() > deadline:
            for orphan in _children(os.getpid()):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(orphan, signal.SIGKILL)
        peaks.sample()
        time.sleep(0.01)


class _Peaks:
    """The largest figures seen so far over the processes below this one."""

    def __init__(self, seen: set[int]) -> None:
        self.seen = seen
        self.tree = 0
        """The largest sum of resident sizes at one instant."""
        self.largest = 0
        """The largest high-water mark of a single process."""

    def sample(self) -> None:
        total = 0
        pending = _children(os.getpid())
        while pending:
            pid = pending.pop()
            self.seen.add(pid)
            figures = _status_bytes(pid)
            total += figures.get("VmRSS", 0)
            self.largest = max(self.largest, figures.get("VmHWM", 0))
            pending.extend(_children(pid))
        self.tree = max(self.tree, total)


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = list((PROC / str(pid) / "task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            found.extend(int(part) for part in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def _status_bytes(pid: int) -> dict[str, int]:
    """The memory figures (VmRSS, VmHWM) of a process from /proc, in bytes; empty when it is gone."""
    figures: dict[str, int] = {}
    try:
        text = (PROC / str(pid) / "status").read_text()
    except OSError:
        return figures
    for line in text.splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            name, value = line.split(":", 1)
            figures[name] = int(value.split()[0]) * 1024  # always in kB
    return figures


def _max_rss_bytes(value: int) -> int:
    # getrusage reports kilobytes on Linux and bytes on macOS.
    return value if sys.platform == "darwin" else value * 1024


def _become_subreaper() -> None:
    if not sys.platform.startswith("linux"):
        return
    name = ctypes.util.find_library("c")
    if name is None:
        return
    libc = ctypes.CDLL(name, use_errno=True)
    libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)


def _tail(log: Path, lines: int = 3) -> str:
    try:
        text = log.read_text(errors="replace")
    except OSError:
        return ""
    return " | ".join(line.strip() for line in text.strip().splitlines()[-lines:])


def main(argv: Sequence[str] | None = None) -> int:
    """The wrapper: `python measure.py [--cwd DIR] [--log FILE] -- COMMAND...`; prints the sample as JSON."""
    parser = argparse.ArgumentParser(description="Measure one command's wall time and the peak memory of its tree.")
    parser.add_argument("--cwd", type=Path, help="folder to run the command in")
    parser.add_argument("--log", type=Path, help="file for the command's standard output and error")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="the command, after --")
    arguments = parser.parse_args(argv)
    command = arguments.command[1:] if arguments.command[:1] == ["--"] else arguments.command
    if not command:
        parser.error("no command given")
    if arguments.cwd is not None:
        os.chdir(arguments.cwd)
    print(json.dumps(asdict(run_tree(command, arguments.log))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
