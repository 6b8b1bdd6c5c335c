"""A batch under hostile inputs and faults: each bad input fails alone in one line, the good ones
convert, the manifest stays true, and signals, kills and a full disk leave no partial file and
no process behind."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.batch_support import (
    children_of,
    entries,
    files_in,
    install_probe,
    manifest,
    recorded_files,
    running,
    start_convert,
    wait_for,
    write_articles,
)
from tests.conftest import RunCli

GOOD = ["Good", "Fine", "Sound"]
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _nested_json(folder: Path) -> str:
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    return "in/deep.json"


def _fifo(folder: Path) -> str:
    os.mkfifo(folder / "pipe.txt")
    return "in/pipe.txt"


def _device(folder: Path) -> str:
    (folder / "device.txt").symlink_to("/dev/zero")
    return "in/device.txt"


def _link_loop(folder: Path) -> str:
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    return "in/loop.txt"


def _broken_link(folder: Path) -> str:
    (folder / "broken.txt").symlink_to(folder / "nowhere.txt")
    return "in/broken.txt"


def _raising_writer(folder: Path) -> str:
    write_articles(folder, ["Raise"], prefix="raise")
    return "in/raise00.txt"


def _fatal_writer(folder: Path) -> str:
    write_articles(folder, ["Fatal"], prefix="fatal")
    return "in/fatal00.txt"


BAD_INPUTS: dict[str, tuple[Callable[[Path], str], str]] = {
    "model JSON nested too deep": (_nested_json, "in/deep.json: "),
    "a FIFO": (_fifo, "in/pipe.txt: not a regular file (a FIFO)"),
    "a device": (_device, "in/device.txt: not a regular file (a device)"),
    "a symbolic link loop": (_link_loop, "in/loop.txt: symbolic link loop"),
    "a broken symbolic link": (_broken_link, "in/broken.txt: broken symbolic link"),
    "a writer that raises": (_raising_writer, "in/raise00.txt: probe: internal error: ValueError: the probe refuses"),
    "a writer that kills its worker": (_fatal_writer, "in/fatal00.txt: the worker converting it stopped unexpectedly"),
}


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_a_bad_input_fails_alone_in_one_line(run_cli: RunCli, tmp_path: Path, case: str, jobs: str) -> None:
    env = install_probe(tmp_path)
    folder = tmp_path / "in"
    write_articles(folder, GOOD)
    make, line = BAD_INPUTS[case]
    bad = make(folder)
    result = run_cli("in", "--to", "probe,json", "--jobs", jobs, env=env)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    problems = [text for text in result.stderr.splitlines() if not text.startswith(("warning:", "convert: note"))]
    assert len(problems) == 2, result.stderr  # the bad input's line, and the summary
    assert problems[0].startswith(line), result.stderr
    assert problems[-1].startswith(f"{len(GOOD)} converted, 0 skipped, 1 failed")
    out = tmp_path / "dist"
    good = {f"a{index:02d}.{suffix}" for index in range(len(GOOD)) for suffix in ("probe", "json")}
    assert good <= files_in(out) == recorded_files(out)
    found = entries(out)
    assert found[bad]["status"] == "failed"
    assert all(found[f"in/a{index:02d}.txt"]["status"] == "converted" for index in range(len(GOOD)))
    assert manifest(out)["complete"] is True


def test_a_fifo_named_directly_is_refused_without_waiting(run_cli: RunCli, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    result = run_cli("pipe.txt", "--to", "json")
    assert (result.returncode, result.stderr.splitlines()[0]) == (1, "pipe.txt: not a regular file (a FIFO)")


def test_a_file_name_that_is_not_utf8_converts_under_a_portable_name(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (Path(os.fsdecode(os.fsencode(folder) + b"/caf\xe9.txt"))).write_bytes(b"date 2024-01-01 Latin-1 name. Text.")
    result = run_cli("in", "--to", "json,pdf")
    assert result.returncode == 0, result.stderr
    assert files_in(tmp_path / "dist") == {"caf%E9.json", "caf%E9.pdf"}
    assert list(entries(tmp_path / "dist")) == ["in/caf\\xe9.txt"]


@pytest.mark.skipif(IS_ROOT, reason="root reads any folder, so none is unreadable")
def test_an_unreadable_folder_is_named_and_the_rest_converts(run_cli: RunCli, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", GOOD)
    locked = tmp_path / "in" / "locked"
    write_articles(locked, ["Hidden"])
    locked.chmod(0)
    try:
        result = run_cli("in", "--to", "json")
    finally:
        locked.chmod(0o755)
    assert result.returncode == 1
    assert "in/locked: cannot read folder: Permission denied" in result.stderr.splitlines()
    assert len(files_in(tmp_path / "dist")) == len(GOOD)


def _mount_tmpfs(folder: Path, options: str) -> None:
    folder.mkdir(exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", os.fspath(folder)], check=True)


@pytest.fixture
def small_disk(tmp_path: Path) -> Path:
    """A file system of 64 KiB, mounted for the test (needs root)."""
    if not IS_ROOT:
        pytest.skip("mounting a small file system needs root")
    disk = tmp_path / "disk"
    try:
        _mount_tmpfs(disk, "size=64k")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("this machine cannot mount a tmpfs")
    yield disk
    subprocess.run(["umount", "-l", os.fspath(disk)], check=False)


def test_a_full_disk_fails_each_output_in_one_line_and_leaves_no_partial_file(
    run_cli: RunCli, tmp_path: Path, small_disk: Path
) -> None:
    write_articles(tmp_path / "in", [f"Article {index}" for index in range(8)])
    result = run_cli("in", "--to", "pdf", "--out", "disk/out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    failures = [line for line in lines if line.endswith(": pdf: cannot write: No space left on device")]
    written = files_in(small_disk / "out")
    assert failures and len(failures) + len(written) == 8, result.stderr
    assert lines[-1].startswith(f"{len(written)} converted, 0 skipped, {len(failures)} failed")
    assert not [name for name in written if name.endswith(".part")]
    if (small_disk / "out" / "manifest.json").exists():
        assert recorded_files(small_disk / "out") == written
    else:
        assert "convert: cannot write the manifest in disk/out: No space left on device" in lines


def test_a_manifest_that_cannot_be_written_is_one_line_and_exit_1(run_cli: RunCli, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", GOOD)
    (tmp_path / "taken").write_text("a file where the output folder should be", encoding="utf-8")
    result = run_cli("in", "--to", "json", "--out", "taken")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "convert: cannot write the manifest in taken: not a folder" in lines
    assert not [line for line in lines if line.startswith("warning:")]
    assert lines[-1].startswith("0 converted, 0 skipped, 3 failed; 0 files written to taken/")
    assert "Traceback" not in result.stderr


def test_a_read_only_output_folder_is_one_line_per_output_and_for_the_manifest(run_cli: RunCli, tmp_path: Path) -> None:
    if not IS_ROOT:
        pytest.skip("mounting a read-only file system needs root")
    write_articles(tmp_path / "in", GOOD)
    frozen = tmp_path / "frozen"
    try:
        _mount_tmpfs(frozen, "size=1m,ro")
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("this machine cannot mount a tmpfs")
    try:
        result = run_cli("in", "--to", "json", "--out", "frozen")
    finally:
        subprocess.run(["umount", "-l", os.fspath(frozen)], check=False)
    lines = result.stderr.splitlines()
    assert result.returncode == 1
    assert len([line for line in lines if line.endswith(": json: cannot write: Read-only file system")]) == len(GOOD)
    assert "convert: cannot write the manifest in frozen: Read-only file system" in lines
    assert lines[-1].startswith("0 converted, 0 skipped, 3 failed")


def _outputs_stay_whole_and_recorded(out: Path) -> None:
    """No partial file, every file in the manifest with its true size and hash, and the run said to be incomplete."""
    written = files_in(out)
    assert not [name for name in written if name.endswith(".part")]
    tree = manifest(out)
    assert tree["complete"] is False
    assert recorded_files(out) == written
    for entry in tree["inputs"]:
        for output in entry["outputs"]:
            data = (out / output["path"]).read_bytes()
            assert (output["size"], output["sha256"]) == (len(data), hashlib.sha256(data).hexdigest()), output
            if output["format"] == "probe":
                assert data.startswith(b"Slow article")


@pytest.mark.timed
@pytest.mark.parametrize(("jobs", "stop", "status"), [("1", "INT", 130), ("2", "INT", 130), ("2", "TERM", 143)])
def test_a_first_stop_signal_lets_running_files_finish_and_records_every_file_written(
    tmp_path: Path, jobs: str, stop: str, status: int
) -> None:
    env = install_probe(tmp_path)
    write_articles(tmp_path / "in", ["Slow"] * 12)
    process = start_convert(tmp_path, "in", "--to", "probe", "--jobs", jobs, env=env)
    out = tmp_path / "dist"
    wait_for(lambda: len(list(out.glob("*.probe"))) >= 3, "three files written")
    signal_number = getattr(signal, f"SIG{stop}")
    if stop == "INT":
        os.killpg(process.pid, signal_number)  # what Ctrl-C in a terminal does: the whole process group
    else:
        process.send_signal(signal_number)  # what `kill` or a service manager does
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == status, stderr
    assert "Traceback" not in stderr
    assert "stopping once the files being written are done" in stderr
    assert stderr.splitlines()[-1].endswith("; interrupted")
    assert len(list(out.glob("*.probe"))) < 12
    _outputs_stay_whole_and_recorded(out)
    resumed = subprocess.run(
        [sys.executable, "-m", "convert", "in", "--to", "probe", "--jobs", jobs],
        cwd=tmp_path,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert resumed.returncode == 0
    skipped = int(resumed.stderr.splitlines()[-1].split(" skipped")[0].rsplit(" ", 1)[1])
    assert skipped >= 3
    assert manifest(out)["complete"] is True


@pytest.mark.timed
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_second_ctrl_c_stops_at_once(tmp_path: Path, jobs: str) -> None:
    env = install_probe(tmp_path)
    write_articles(tmp_path / "in", ["Slow", "Slow", "Stuck", "Stuck", "Slow"])
    # JSON first: a stuck article's JSON is written whole before its probe output hangs, and its
    # worker never reports it; the manifest must still list it.
    process = start_convert(tmp_path, "in", "--to", "json,probe", "--jobs", jobs, env=env)
    started = tmp_path / "started"
    wait_for(lambda: started.exists() and len(list(started.iterdir())) >= 1, "a stuck article started")
    assert process.stderr is not None
    os.killpg(process.pid, signal.SIGINT)
    assert "stopping once" in process.stderr.readline()
    began = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert time.monotonic() - began < 20  # a stuck article takes 60 s
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    out = tmp_path / "dist"
    _outputs_stay_whole_and_recorded(out)
    stuck = {name: entry for name, entry in entries(out).items() if " Stuck " in (tmp_path / name).read_text()}
    assert stuck, entries(out)
    for entry in stuck.values():
        # Written, but its warnings never arrived: no input hash and no key, so the next run makes it again.
        assert entry["sha256"] is None
        assert [(output["format"], output["key"]) for output in entry["outputs"]] == [("json", "")]


@pytest.mark.timed
def test_an_interrupted_rebuild_keeps_the_entries_it_did_not_reach(tmp_path: Path) -> None:
    env = install_probe(tmp_path)
    write_articles(tmp_path / "in", ["Slow"] * 12)
    first = start_convert(tmp_path, "in", "--to", "probe", "--jobs", "2", env=env)
    _, stderr = first.communicate(timeout=60)
    assert first.returncode == 0, stderr
    out = tmp_path / "dist"
    before = {path.name: path.stat().st_mtime_ns for path in out.glob("*.probe")}
    again = start_convert(tmp_path, "in", "--to", "probe", "--jobs", "1", "--force", env=env)
    wait_for(
        lambda: sum(path.stat().st_mtime_ns != before[path.name] for path in out.glob("*.probe")) >= 2,
        "two files rebuilt",
    )
    os.killpg(again.pid, signal.SIGINT)
    _, stderr = again.communicate(timeout=60)
    assert again.returncode == 130, stderr
    _outputs_stay_whole_and_recorded(out)
    assert len(entries(out)) == 12  # the inputs not reached keep what the first run recorded


@pytest.mark.timed
@pytest.mark.parametrize("how", ["KILL", "TERM"])
def test_no_worker_outlives_the_main_process(tmp_path: Path, how: str) -> None:
    env = install_probe(tmp_path)
    write_articles(tmp_path / "in", ["Stuck"] * 4)
    process = start_convert(tmp_path, "in", "--to", "probe", "--jobs", "2", env=env)
    started = tmp_path / "started"
    wait_for(lambda: started.exists() and len(list(started.iterdir())) >= 2, "both workers busy")
    workers = children_of(process.pid)
    assert len(workers) == 2
    out = tmp_path / "dist"

    def outputs() -> set[str]:
        return {name for name in files_in(out) if name != ".convert.lock"}

    before = outputs()
    process.send_signal(getattr(signal, f"SIG{how}"))
    if how == "TERM":  # a first SIGTERM waits for the running files; a second stops at once
        time.sleep(0.5)
        process.send_signal(signal.SIGTERM)
    process.communicate(timeout=30)
    killed = time.monotonic()
    wait_for(lambda: not any(running(pid) for pid in workers), "every worker gone", seconds=5)
    assert time.monotonic() - killed < 5
    time.sleep(1)
    assert outputs() == before  # nothing written after the main process is gone
    assert not [path for path in out.iterdir() if path.name.endswith(".part")]


def _high_water_mark(pid: int) -> int:
    """The most memory process `pid` has held so far, in bytes (0 once it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    marks = [int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmHWM:")]
    return marks[0] if marks else 0


@pytest.mark.timed
def test_the_main_process_does_not_hold_the_inputs(tmp_path: Path) -> None:
    folder = tmp_path / "big"
    folder.mkdir()
    paragraph = "Words of a long article. " * 400 + "\n\n"
    for index in range(8):
        (folder / f"big{index}.txt").write_text(f"date 2024-01-01 Big {index}. " + paragraph * 2000, encoding="utf-8")
    total = sum(path.stat().st_size for path in folder.iterdir())
    assert total > 150 * 2**20
    process = start_convert(tmp_path, "big", "--to", "json", "--jobs", "2")
    peak = 0
    while process.poll() is None:
        peak = max(peak, _high_water_mark(process.pid))
        time.sleep(0.02)
    _, stderr = process.communicate()
    assert process.returncode == 0, stderr
    assert peak < total / 4, f"main process peaked at {peak / 2**20:.0f} MiB for {total / 2**20:.0f} MiB of inputs"


@pytest.mark.timed
def test_a_second_run_into_a_busy_output_folder_is_refused_in_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    env = install_probe(tmp_path)
    write_articles(tmp_path / "in", ["Slow"] * 6)
    first = start_convert(tmp_path, "in", "--to", "probe", "--jobs", "1", env=env)
    wait_for(lambda: (tmp_path / "dist" / ".convert.lock").exists(), "the first run under way")
    second = run_cli("in", "--to", "probe", env=env)
    assert (second.returncode, second.stderr) == (
        1,
        "convert: dist is in use by another convert run; try again when it ends\n",
    )
    _, stderr = first.communicate(timeout=60)
    assert first.returncode == 0, stderr
    assert files_in(tmp_path / "dist") == recorded_files(tmp_path / "dist") == {f"a0{i}.probe" for i in range(6)}
    assert not (tmp_path / "dist" / ".convert.lock").exists()
    assert run_cli("in", "--to", "probe", env=env).returncode == 0  # free again


def test_an_unreadable_manifest_is_said_and_replaced(run_cli: RunCli, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", GOOD)
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "manifest.json").write_text("[" * 50_000, encoding="utf-8")
    result = run_cli("in", "--to", "json")
    assert result.returncode == 0
    assert "warning: dist/manifest.json: not readable (RecursionError); starting a new one" in result.stderr
    assert len(entries(tmp_path / "dist")) == len(GOOD)


def test_a_name_with_control_characters_stays_on_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_articles(folder, GOOD)
    (folder / "two\nlines.txt").write_bytes(b"")  # fails: no article text
    result = run_cli("in", "--to", "json")
    assert result.returncode == 1
    assert "in/two\\x0alines.txt: no article text" in result.stderr.splitlines()
    assert "in/two\\x0alines.txt" in entries(tmp_path / "dist")


HOSTILE_TEXTS = {
    "a date far in the future": "date 2300-01-01 A report from the far future. It has text.",
    "directional isolates, unmatched": "date 2024-01-05 Isolates \u2066 open \u2067 and \u2069 shut \u2068 here.",
    "noncharacters and private use": "date 2024-01-06 Odd \ufdd0 code \U0010ffff points \ue000 here. Text.",
}


@pytest.mark.parametrize("case", list(HOSTILE_TEXTS))
def test_an_input_that_trips_a_writer_costs_at_most_its_own_outputs(run_cli: RunCli, tmp_path: Path, case: str) -> None:
    folder = tmp_path / "in"
    write_articles(folder, GOOD)
    (folder / "odd.txt").write_text(HOSTILE_TEXTS[case], encoding="utf-8")
    result = run_cli("in", "--to", "pdf,epub,docx,json", "--jobs", "2")
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines()[:-1] if not line.startswith("warning:")]
    assert all(line.startswith("in/odd.txt: ") for line in lines), result.stderr
    out = tmp_path / "dist"
    found = entries(out)
    assert all(found[f"in/a{index:02d}.txt"]["status"] == "converted" for index in range(len(GOOD)))
    odd = found["in/odd.txt"]
    failed = [output["format"] for output in odd["outputs"] if output["status"] == "failed"]
    assert (odd["status"] == "failed") == bool(lines) == bool(failed) == (result.returncode == 1)
    assert sorted(f"in/odd.txt: {fmt}: " for fmt in failed) == sorted(
        line[: len(line.split(": ")[1]) + 14] for line in lines
    )
    assert files_in(out) == recorded_files(out)
