"""Shared set-up: a home of the session's own, its font faces cut once, and running the command line as a user would."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("default")

CONVERT = [sys.executable, "-m", "convert"]

RunCli = Callable[..., subprocess.CompletedProcess[str]]

SESSION_HOME = "CONVERT_TESTS_HOME"
"""Set while the tests run: the home folder the session made, which its xdist workers inherit."""


def session_home_environment(home: Path) -> dict[str, str]:
    """Every variable that says where programs keep files under a home, pointed into `home`.

    The font faces convert cuts, the hyphenation patterns it parses, Ace's configuration and logs,
    Chromium's profile and fontconfig's cache all land there. Java reads its home from the password
    file instead; tests/epub_validators.py hands it the same folder.
    """
    cache = home / ".cache"
    return {
        "HOME": str(home),
        "XDG_CACHE_HOME": str(cache),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "CONVERT_CACHE_DIR": str(cache / "convert"),
    }


def pytest_configure(config: pytest.Config) -> None:
    """Keep the tests out of the user's home: one temporary home for the whole session.

    Made once, before any xdist worker starts, and inherited by the workers through the environment,
    so the font faces are cut once per session however many workers need them, and removed when the
    session ends.
    """
    if os.environ.get(SESSION_HOME):
        return  # an xdist worker: the controller made the home and set the variables
    home = Path(tempfile.mkdtemp(prefix="convert-tests-home-"))
    os.environ.update({SESSION_HOME: str(home), **session_home_environment(home)})
    config.add_cleanup(lambda: shutil.rmtree(home, ignore_errors=True))


@pytest.fixture(scope="session", autouse=True)
def _every_face_cut_first(request: pytest.FixtureRequest) -> None:
    """When the session runs a test that needs every font face, its workers first cut them all, each face once.

    A worker skips a face another worker is cutting and takes the next one, then waits for those it skipped.
    Left to the tests, every worker would cut nearly every face itself (most PDFs need many of them), the
    session's cache being empty.
    """
    if not any(item.get_closest_marker("every_face") for item in request.session.items):
        return
    from convert import fonts

    locks = Path(os.environ[SESSION_HOME]) / "face-locks"
    locks.mkdir(exist_ok=True)
    families = [fonts.find_family(name) for name in fonts.family_names()]
    # The largest sources first, so the last faces left are short ones.
    faces = sorted(
        ((family, face) for family in families for face in family.faces), key=lambda pair: -pair[1].path.stat().st_size
    )
    skipped = []
    for family, face in faces:
        lock = (locks / f"{family.name} {face.style}.lock").open("a")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            skipped.append(lock)
            continue
        with lock:
            family.face_file(face.bold, face.italic)
    for lock in skipped:
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)


@pytest.fixture(autouse=True)
def _one_timed_test_at_a_time(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test marked `timed` holds the session's lock while it runs, so no two overlap on any xdist worker.

    Their bounds allow for a busy machine, but two of them at once, each with a convert and its workers,
    would share two cores between six processes.
    """
    if request.node.get_closest_marker("timed") is None:
        yield
        return
    with (Path(os.environ[SESSION_HOME]) / "timed.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


@pytest.fixture
def run_cli(tmp_path: Path) -> RunCli:
    """Run `convert ARGS…` in a fresh process inside `tmp_path`, returning what it printed."""

    def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*CONVERT, *args],
            cwd=cwd or tmp_path,
            env={**os.environ, **(env or {})},
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    return run
