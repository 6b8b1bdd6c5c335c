"""Shared parts of the batch tests: a probe writer whose behaviour an article's title chooses, real
`convert` processes started as a terminal or a service manager would, and manifest readers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.test_registry import install_plugin

PROBE_WRITER = '''
"""A test writer; an article's title chooses what it does: "Slow" sleeps half a second, "Stuck"
a minute (after leaving a mark in $PROBE_STARTED), "Fatal" kills its process, "Raise" raises
(as does every title while $PROBE_RAISE is set)."""
import os, signal, time

class ProbeWriter:
    name = "probe"
    suffix = ".probe"
    media_type = "text/plain"

    def write(self, publication, style, stream):
        title = publication.title
        if title.startswith("Stuck"):
            started = os.environ["PROBE_STARTED"]
            os.makedirs(started, exist_ok=True)
            open(os.path.join(started, title), "w").close()
            time.sleep(60)
        if title.startswith("Fatal"):
            os.kill(os.getpid(), signal.SIGKILL)
        if title.startswith("Raise") or os.environ.get("PROBE_RAISE"):
            raise ValueError("the probe refuses " + title)
        if title.startswith("Slow"):
            time.sleep(0.5)
        stream.write(title.encode("utf-8"))
        return []
'''


def install_probe(folder: Path) -> dict[str, str]:
    """Install the probe writer as a plug-in under `folder`; the environment that finds it."""
    site = install_plugin(folder, "probe_writer", PROBE_WRITER, "probe = probe_writer:ProbeWriter")
    return {"PYTHONPATH": str(site), "PROBE_STARTED": str(folder / "started")}


def write_articles(folder: Path, titles: list[str], prefix: str = "a") -> list[Path]:
    """One seed per title, `folder/<prefix>NN.txt`."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, title in enumerate(titles):
        path = folder / f"{prefix}{index:02d}.txt"
        path.write_bytes(f"date 2024-01-{1 + index % 28:02d} {title} article {index}. It has text.".encode())
        paths.append(path)
    return paths


def start_convert(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """`convert ARGS…` in its own process group, as a terminal runs it.

    Ctrl-C is restored to its default first: a shell without job control starts a background job
    with SIGINT ignored, the tests would inherit that, and Python (like convert) keeps an ignored
    SIGINT ignored.
    """
    return subprocess.Popen(
        [sys.executable, "-m", "convert", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        preexec_fn=_as_from_a_terminal,
    )


def _as_from_a_terminal() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.02)


def manifest(out: Path) -> dict[str, Any]:
    tree: dict[str, Any] = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return tree


def entries(out: Path) -> dict[str, dict[str, Any]]:
    """The manifest's entries by input."""
    return {entry["input"]: entry for entry in manifest(out)["inputs"]}


def recorded_files(out: Path) -> set[str]:
    """Every output the manifest says is in the folder (converted or current)."""
    tree = manifest(out)
    return {
        output["path"]
        for entry in [*tree["inputs"], *tree["digests"]]
        for output in entry["outputs"]
        if output["status"] != "failed"
    }


def files_in(out: Path) -> set[str]:
    """Every file under `out` but the manifest, relative, POSIX style."""
    return {path.relative_to(out).as_posix() for path in out.rglob("*") if path.is_file()} - {"manifest.json"}


def children_of(pid: int) -> list[int]:
    """The processes whose parent is `pid`, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Whether process `pid` exists and is not a zombie (dead, waiting to be reaped)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")
