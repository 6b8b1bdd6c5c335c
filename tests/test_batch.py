"""Batch runs: worker processes, identical bytes, incremental skips, the manifest, interruptions."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import RunCli
from tests.corpus import generated_document, seed_bytes
from tests.test_registry import install_plugin

SLOW_OR_FATAL_WRITER = '''
"""A test writer: sleeps on articles titled "Slow" (a minute on "Stuck"), kills its process on "Fatal" ones."""
import os, signal, time

class TestWriter:
    name = "probe"
    suffix = ".probe"
    media_type = "text/plain"

    def write(self, publication, style, stream):
        if publication.title.startswith("Stuck"):
            started = os.environ["PROBE_STARTED"]
            os.makedirs(started, exist_ok=True)
            open(os.path.join(started, publication.title), "w").close()
            time.sleep(60)
        if publication.title.startswith("Fatal"):
            os.kill(os.getpid(), signal.SIGKILL)
        if publication.title.startswith("Slow"):
            time.sleep(0.5)
        stream.write(publication.title.encode("utf-8"))
        return []
'''


def make_corpus(folder: Path, count: int) -> Path:
    source = folder / "corpus"
    for index in range(count):
        document = generated_document(index, None)
        texts = [" ".join(str(block) for block in document.blocks[:1])]
        path = source / f"{index % 3}" / f"article-{index:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(seed_bytes(f"2024-0{1 + index % 3}-1{index % 9}", [f"Article {index} opens.", *texts]))
    return source


def digests(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def manifest(folder: Path) -> dict[str, Any]:
    tree: dict[str, Any] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return tree


def test_one_or_two_workers_write_the_same_bytes(run_cli: RunCli, tmp_path: Path) -> None:
    make_corpus(tmp_path, 24)
    assert run_cli("corpus", "--to", "json", "--jobs", "1", "--out", "one").returncode == 0
    assert run_cli("corpus", "--to", "json", "--jobs", "2", "--out", "two").returncode == 0
    assert digests(tmp_path / "one") == digests(tmp_path / "two")
    assert len(digests(tmp_path / "one")) == 25


def test_second_run_skips_current_outputs_and_force_rebuilds(run_cli: RunCli, tmp_path: Path) -> None:
    source = make_corpus(tmp_path, 12)
    first = run_cli("corpus", "--to", "json")
    assert first.stderr.splitlines()[-1].startswith("12 converted, 0 skipped, 0 failed; 12 files written")
    second = run_cli("corpus", "--to", "json")
    assert second.stderr.splitlines()[-1].startswith("0 converted, 12 skipped, 0 failed; 0 files written")
    (source / "0" / "article-000.txt").write_bytes(seed_bytes("2024-05-01", ["Changed text."]))
    (tmp_path / "dist" / "1" / "article-001.json").write_text("tampered", encoding="utf-8")
    (tmp_path / "dist" / "2" / "article-002.json").unlink()
    third = run_cli("corpus", "--to", "json")
    assert third.stderr.splitlines()[-1].startswith("3 converted, 9 skipped, 0 failed")
    restyled = run_cli("corpus", "--to", "json", "--set", "styles.body.size=12pt")
    assert restyled.stderr.splitlines()[-1].startswith("12 converted, 0 skipped")
    forced = run_cli("corpus", "--to", "json", "--set", "styles.body.size=12pt", "--force")
    assert forced.stderr.splitlines()[-1].startswith("12 converted, 0 skipped")


def test_manifest_records_inputs_outputs_warnings_and_failures(run_cli: RunCli, tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "good.txt").write_bytes(b"date 2024-01-02 Good. Text.")
    (source / "undated.txt").write_bytes(b"Undated text.")
    (source / "empty.txt").write_bytes(b"")
    assert run_cli("in", "--to", "json").returncode == 1
    tree = manifest(tmp_path / "dist")
    assert tree["complete"] is True
    entries = {entry["input"]: entry for entry in tree["inputs"]}
    assert entries["in/empty.txt"]["status"] == "failed"
    assert entries["in/empty.txt"]["error"] == "no article text"
    assert entries["in/undated.txt"]["warnings"] == ["no date line: the article is undated"]
    good = entries["in/good.txt"]
    assert good["sha256"] == hashlib.sha256(b"date 2024-01-02 Good. Text.").hexdigest()
    [output] = good["outputs"]
    written = (tmp_path / "dist" / "good.json").read_bytes()
    assert output == {
        "path": "good.json",
        "format": "json",
        "size": len(written),
        "sha256": hashlib.sha256(written).hexdigest(),
    }


def test_a_killed_worker_fails_only_its_input(run_cli: RunCli, tmp_path: Path) -> None:
    site = install_plugin(tmp_path)
    (site / "shout_writer.py").write_text(SLOW_OR_FATAL_WRITER.replace("TestWriter", "ShoutWriter"), encoding="utf-8")
    (site / "shout_writer-1.0.dist-info" / "entry_points.txt").write_text(
        "[convert.writers]\nprobe = shout_writer:ShoutWriter\n", encoding="utf-8"
    )
    source = tmp_path / "in"
    source.mkdir()
    for index in range(6):
        (source / f"ok{index}.txt").write_bytes(f"date 2024-01-0{index + 1} Fine article {index}. Text.".encode())
    (source / "fatal.txt").write_bytes(b"date 2024-01-09 Fatal article. It kills its worker.")
    result = run_cli("in", "--to", "probe,json", "--jobs", "2", env={"PYTHONPATH": str(site)})
    assert result.returncode == 1
    assert "in/fatal.txt: the worker converting it stopped unexpectedly" in result.stderr.splitlines()
    assert "Traceback" not in result.stderr
    out = tmp_path / "dist"
    assert sorted(path.name for path in out.iterdir()) == sorted(
        [*(f"ok{i}.probe" for i in range(6)), *(f"ok{i}.json" for i in range(6)), "manifest.json"]
    )
    statuses = {entry["input"]: entry["status"] for entry in manifest(out)["inputs"]}
    assert statuses == {**{f"in/ok{i}.txt": "converted" for i in range(6)}, "in/fatal.txt": "failed"}


def _start_probe_run(tmp_path: Path, titles: list[str], jobs: str) -> subprocess.Popen[str]:
    """`convert in --to probe` over one article per title, in its own process group, as a terminal runs it."""
    site = install_plugin(tmp_path)
    (site / "shout_writer.py").write_text(SLOW_OR_FATAL_WRITER.replace("TestWriter", "ShoutWriter"), encoding="utf-8")
    (site / "shout_writer-1.0.dist-info" / "entry_points.txt").write_text(
        "[convert.writers]\nprobe = shout_writer:ShoutWriter\n", encoding="utf-8"
    )
    source = tmp_path / "in"
    source.mkdir()
    for index, title in enumerate(titles):
        (source / f"a{index:02d}.txt").write_bytes(f"date 2024-01-01 {title} article {index}. Text.".encode())
    return subprocess.Popen(
        [sys.executable, "-m", "convert", "in", "--to", "probe", "--jobs", jobs],
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(site), "PROBE_STARTED": str(tmp_path / "started")},
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _wait_for(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 60
    while not condition():
        assert time.monotonic() < deadline, f"never happened: {what}"
        time.sleep(0.02)


def _assert_whole_files_and_a_truthful_manifest(out: Path, every_file_recorded: bool) -> None:
    written = {path.name for path in out.iterdir()}
    assert not [name for name in written if name.endswith(".part")]
    tree = manifest(out)
    assert tree["complete"] is False
    recorded = {Path(entry["outputs"][0]["path"]).name for entry in tree["inputs"] if entry["status"] == "converted"}
    if every_file_recorded:
        assert recorded == written - {"manifest.json"}
    else:
        assert recorded <= written - {"manifest.json"}
    for name in recorded:
        assert (out / name).read_text(encoding="utf-8").startswith("Slow article")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_lets_running_files_finish_and_the_manifest_names_every_file_written(tmp_path: Path, jobs: str) -> None:
    process = _start_probe_run(tmp_path, ["Slow"] * 40, jobs)
    out = tmp_path / "dist"
    _wait_for(lambda: len(list(out.glob("*.probe"))) >= 3, "three files written")
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole process group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    assert "stopping once the files being written are done" in stderr
    assert len(list(out.glob("*.probe"))) < 40
    _assert_whole_files_and_a_truthful_manifest(out, every_file_recorded=True)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_second_ctrl_c_stops_at_once(tmp_path: Path, jobs: str) -> None:
    process = _start_probe_run(tmp_path, ["Slow", "Slow", "Stuck", "Stuck", "Slow"], jobs)
    started = tmp_path / "started"
    _wait_for(lambda: started.exists() and len(list(started.iterdir())) >= 1, "a stuck article started")
    assert process.stderr is not None
    os.killpg(process.pid, signal.SIGINT)
    assert "stopping once" in process.stderr.readline()
    began = time.monotonic()
    os.killpg(process.pid, signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert time.monotonic() - began < 20  # a stuck article takes 60 s
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr
    _assert_whole_files_and_a_truthful_manifest(tmp_path / "dist", every_file_recorded=False)


def test_inputs_are_found_as_rglob_finds_them_and_each_file_once(tmp_path: Path) -> None:
    from convert.batch import find_inputs

    tree = tmp_path / "tree"
    for name in ["b.txt", "a/Z.TXT", "a/c.json", "a/notes.md", ".hidden.txt", ".txt", "trailing.", "a/b/deep.txt"]:
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text("x", encoding="utf-8")
    (tree / "linked.txt").symlink_to(tmp_path / "elsewhere.txt")
    (tmp_path / "elsewhere.txt").write_text("x", encoding="utf-8")
    (tree / "again.txt").symlink_to(tree / "b.txt")  # b.txt by another name: found once, under the first
    (tree / "loop").symlink_to(tree, target_is_directory=True)  # a linked folder is not followed
    found, missing = find_inputs([tree, tree / "a" / "c.json", tmp_path / "absent.txt"])
    expected = sorted(
        (path.relative_to(tree).as_posix() for path in tree.rglob("*") if path.suffix.lower() in (".txt", ".json")),
    )
    expected.remove("b.txt")
    assert [item.relative.as_posix() for item in found] == expected
    assert [item.relative.as_posix() for item in found] == [
        ".hidden.txt",
        "a/Z.TXT",
        "a/b/deep.txt",
        "a/c.json",
        "again.txt",
        "linked.txt",
    ]
    assert all(item.path == tree / item.relative for item in found)
    assert missing == [((tmp_path / "absent.txt").as_posix(), "no such file or folder")]
