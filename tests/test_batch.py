"""Batch runs: identical bytes from any number of workers, incremental skips, a manifest that
describes the output folder across runs, and a plan in which no two outputs share a file."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from convert.batch.manifest import Status
from tests.batch_support import entries, files_in, install_probe, manifest, recorded_files, write_articles
from tests.conftest import RunCli
from tests.corpus import SEEDS, generated_document, seed_bytes


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
        if path.is_file() and path.name != "manifest.json"
    }


def last_line(stderr: str) -> str:
    return stderr.splitlines()[-1]


@pytest.mark.parametrize("formats", ["json", "pdf,docx,epub"])
def test_any_number_of_workers_writes_the_same_bytes(run_cli: RunCli, tmp_path: Path, formats: str) -> None:
    make_corpus(tmp_path, 24 if formats == "json" else 6)
    for jobs in ("1", "2"):
        result = run_cli("corpus", "--to", formats, "--jobs", jobs, "--out", f"out{jobs}")
        assert result.returncode == 0, result.stderr
    assert digests(tmp_path / "out1") == digests(tmp_path / "out2")
    assert len(digests(tmp_path / "out1")) == (24 if formats == "json" else 18)


def test_second_run_skips_current_outputs_and_force_rebuilds(run_cli: RunCli, tmp_path: Path) -> None:
    source = make_corpus(tmp_path, 12)
    first = run_cli("corpus", "--to", "json")
    assert last_line(first.stderr).startswith("12 converted, 0 skipped, 0 failed; 12 files written")
    second = run_cli("corpus", "--to", "json")
    assert last_line(second.stderr).startswith("0 converted, 12 skipped, 0 failed; 0 files written")
    (source / "0" / "article-000.txt").write_bytes(seed_bytes("2024-05-01", ["Changed text."]))
    (tmp_path / "dist" / "1" / "article-001.json").write_text("tampered", encoding="utf-8")
    (tmp_path / "dist" / "2" / "article-002.json").unlink()
    third = run_cli("corpus", "--to", "json")
    assert last_line(third.stderr).startswith("3 converted, 9 skipped, 0 failed")
    restyled = run_cli("corpus", "--to", "json", "--set", "styles.body.size=12pt")
    assert last_line(restyled.stderr).startswith("12 converted, 0 skipped")
    forced = run_cli("corpus", "--to", "json", "--set", "styles.body.size=12pt", "--force")
    assert last_line(forced.stderr).startswith("12 converted, 0 skipped")


def test_manifest_records_inputs_outputs_warnings_and_failures(run_cli: RunCli, tmp_path: Path) -> None:
    source = tmp_path / "in"
    source.mkdir()
    (source / "good.txt").write_bytes(b"date 2024-01-02 Good. Text.")
    (source / "undated.txt").write_bytes(b"Undated text.")
    (source / "empty.txt").write_bytes(b"")
    assert run_cli("in", "--to", "json").returncode == 1
    tree = manifest(tmp_path / "dist")
    assert (tree["manifest"], tree["version"], tree["run"], tree["complete"]) == ("convert", 2, 1, True)
    found = entries(tmp_path / "dist")
    assert found["in/empty.txt"]["status"] == "failed"
    assert found["in/empty.txt"]["reason"] == "no article text"
    assert found["in/undated.txt"]["warnings"] == ["no date line: the article is undated"]
    good = found["in/good.txt"]
    assert good["sha256"] == hashlib.sha256(b"date 2024-01-02 Good. Text.").hexdigest()
    [output] = good["outputs"]
    written = (tmp_path / "dist" / "good.json").read_bytes()
    assert {key: output[key] for key in ("path", "format", "status", "run", "size", "sha256")} == {
        "path": "good.json",
        "format": "json",
        "status": "converted",
        "run": 1,
        "size": len(written),
        "sha256": hashlib.sha256(written).hexdigest(),
    }
    assert run_cli("in", "--to", "json").returncode == 1
    again = entries(tmp_path / "dist")
    assert (again["in/good.txt"]["status"], again["in/good.txt"]["outputs"][0]["run"]) == ("current", 2)
    assert again["in/undated.txt"]["warnings"] == ["no date line: the article is undated"]
    statuses = {entry["status"] for entry in again.values()} | {
        o["status"] for e in again.values() for o in e["outputs"]
    }
    assert statuses <= {status.value for status in Status}


def test_the_manifest_describes_the_folder_across_runs_and_formats(run_cli: RunCli, tmp_path: Path) -> None:
    env = install_probe(tmp_path)
    write_articles(tmp_path / "in", ["First", "Second", "Third"])
    assert run_cli("in", "--to", "json", env=env).returncode == 0
    assert run_cli("in", "--to", "probe", env=env).returncode == 0
    out = tmp_path / "dist"
    assert recorded_files(out) == files_in(out) == {f"a0{i}.{suffix}" for i in range(3) for suffix in ("json", "probe")}
    assert {output["format"]: output["run"] for output in entries(out)["in/a00.txt"]["outputs"]} == {
        "json": 1,
        "probe": 2,
    }
    (tmp_path / "in" / "a01.txt").unlink()  # its outputs stay on disk, but no input stands behind them
    (out / "a02.json").unlink()  # gone from the folder: gone from the manifest
    assert run_cli("in/a00.txt", "--to", "probe", env=env).returncode == 0
    assert set(entries(out)) == {"in/a00.txt", "in/a02.txt"}
    assert [output["format"] for output in entries(out)["in/a02.txt"]["outputs"]] == ["probe"]
    (tmp_path / "in" / "a00.txt").write_bytes(b"date 2024-02-01 Changed article. New text.")
    assert run_cli("in/a00.txt", "--to", "probe", env=env).returncode == 0
    changed = entries(out)["in/a00.txt"]
    assert [output["format"] for output in changed["outputs"]] == ["probe"]  # its old JSON is stale


def test_a_digest_that_fails_in_one_format_is_recorded_failed_and_rebuilt_next_time(
    run_cli: RunCli, tmp_path: Path
) -> None:
    env = install_probe(tmp_path)
    write_articles(tmp_path / "in", ["First", "Second"])
    failing = run_cli("in", "--to", "probe,json", "--digest", "--title", "Weekly", env={**env, "PROBE_RAISE": "1"})
    assert failing.returncode == 1
    assert "Weekly: probe: internal error: ValueError: the probe refuses Weekly" in failing.stderr
    [digest] = manifest(tmp_path / "dist")["digests"]
    assert digest["status"] == "failed"
    assert {output["format"]: output["status"] for output in digest["outputs"]} == {
        "probe": "failed",
        "json": "converted",
    }
    assert not (tmp_path / "dist" / "weekly.probe").exists()
    again = run_cli("in", "--to", "probe,json", "--digest", "--title", "Weekly", env=env)
    assert again.returncode == 0, again.stderr
    assert "the digest is current" not in again.stderr
    assert (tmp_path / "dist" / "weekly.probe").read_text(encoding="utf-8") == "Weekly"
    [digest] = manifest(tmp_path / "dist")["digests"]
    assert {output["format"]: output["status"] for output in digest["outputs"]} == {
        "probe": "converted",
        "json": "current",
    }
    third = run_cli("in", "--to", "probe,json", "--digest", "--title", "Weekly", env=env)
    assert "the digest is current" in last_line(third.stderr)


def test_jobs_above_the_cpu_count_are_capped_with_a_note(run_cli: RunCli, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", ["One", "Two", "Three"])
    cpus = len(os.sched_getaffinity(0))
    result = run_cli("in", "--to", "json", "--jobs", str(cpus + 62))
    assert result.returncode == 0
    plural = "s" if cpus > 1 else ""
    assert f"convert: note: --jobs {cpus + 62} is more than the {cpus} CPU{plural} this run may use; using {cpus}" in (
        result.stderr.splitlines()
    )


def test_an_upgraded_library_rebuilds_the_formats_it_shapes(run_cli: RunCli, tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    assert run_cli("seeds", "--to", "json,docx").returncode == 0
    newer = tmp_path / "newer" / "python_docx-99.0.dist-info"  # found before the installed one
    newer.mkdir(parents=True)
    (newer / "METADATA").write_text("Metadata-Version: 2.1\nName: python-docx\nVersion: 99.0\n", encoding="utf-8")
    result = run_cli("seeds", "--to", "json,docx", env={"PYTHONPATH": str(tmp_path / "newer")})
    count = len(list(SEEDS.glob("*.txt")))
    assert last_line(result.stderr).startswith(f"{count} converted, 0 skipped, 0 failed; {count} files written")
    formats = {o["format"]: o["status"] for e in entries(tmp_path / "dist").values() for o in e["outputs"]}
    assert formats == {"json": "current", "docx": "converted"}


def test_a_change_to_converts_own_code_rebuilds_even_under_the_same_version(tmp_path: Path) -> None:
    import convert

    site = tmp_path / "site"
    shutil.copytree(Path(convert.__file__).parent, site / "convert", ignore=shutil.ignore_patterns("__pycache__"))
    write_articles(tmp_path / "in", ["One"])

    def run() -> str:
        done = subprocess.run(
            [sys.executable, "-m", "convert", "in", "--to", "json"],
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(site)},
            capture_output=True,
            text=True,
            check=True,
        )
        return last_line(done.stderr).split(";")[0]

    assert run() == "1 converted, 0 skipped, 0 failed"
    assert run() == "0 converted, 1 skipped, 0 failed"
    with (site / "convert" / "model" / "jsonlayout.py").open("a", encoding="utf-8") as stream:
        stream.write("# a local patch\n")
    assert run() == "1 converted, 0 skipped, 0 failed"


def test_an_output_folder_inside_the_input_folder_is_never_read_back(run_cli: RunCli, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", ["One", "Two"])
    for _ in range(3):
        result = run_cli("in", "--to", "json,epub", "--out", "in/out")
        assert result.returncode == 0, result.stderr
    assert files_in(tmp_path / "in" / "out") == {"a00.json", "a01.json", "a00.epub", "a01.epub"}
    assert set(entries(tmp_path / "in" / "out")) == {"in/a00.txt", "in/a01.txt"}
    other = run_cli("in", "--to", "json", "--out", "in/other")
    assert "warning: in/out: holds a manifest convert wrote; not searched" in other.stderr
    assert files_in(tmp_path / "in" / "other") == {"a00.json", "a01.json"}
    back = run_cli("in/other", "--to", "json", "--out", "again")  # named: searched
    assert files_in(tmp_path / "again") == {"a00.json", "a01.json"}, back.stderr


def test_two_inputs_never_write_one_output(run_cli: RunCli, tmp_path: Path) -> None:
    for folder, title in (("d1", "One"), ("d2", "Two")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_bytes(f"date 2024-01-01 {title}. Text.".encode())
    result = run_cli("d1/x.txt", "d2/x.txt", "--to", "json")
    assert result.returncode == 0
    assert "output names clash: d1/x.txt and d2/x.txt would both write x.json" in result.stderr
    out = tmp_path / "dist"
    assert files_in(out) == recorded_files(out) == {"x.txt.json", "x.txt-2.json"}
    titles = {entry["input"]: entry["outputs"][0]["path"] for entry in manifest(out)["inputs"]}
    assert titles == {"d1/x.txt": "x.txt.json", "d2/x.txt": "x.txt-2.json"}
    assert b'"One.' in (out / "x.txt.json").read_bytes()


def test_names_that_differ_only_in_case_or_by_an_input_suffix_get_files_of_their_own(
    run_cli: RunCli, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    names = ["a.txt", "A.TXT", "a.txt.txt", "b.txt", "B.txt.txt"]
    for index, name in enumerate(names):
        (folder / name).write_bytes(f"date 2024-01-0{index + 1} Title {index}. Text.".encode())
    result = run_cli("in", "--to", "json,pdf")
    assert result.returncode == 0, result.stderr
    written = files_in(tmp_path / "dist")
    assert len(written) == 2 * len(names)
    assert len({name.casefold() for name in written}) == len(written)
    assert written == recorded_files(tmp_path / "dist")


def test_an_earlier_runs_output_for_another_input_is_not_overwritten(run_cli: RunCli, tmp_path: Path) -> None:
    for folder, title in (("d1", "One"), ("d2", "Two")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_bytes(f"date 2024-01-01 {title}. Text.".encode())
    assert run_cli("d1/x.txt", "--to", "json").returncode == 0
    before = (tmp_path / "dist" / "x.json").read_bytes()
    result = run_cli("d2/x.txt", "--to", "json")
    assert "d2/x.txt would write x.json, which is written for d1/x.txt" in result.stderr
    assert (tmp_path / "dist" / "x.json").read_bytes() == before
    assert {entry["input"]: entry["outputs"][0]["path"] for entry in manifest(tmp_path / "dist")["inputs"]} == {
        "d1/x.txt": "x.json",
        "d2/x.txt": "x.txt.json",
    }


def test_a_digest_titled_manifest_does_not_overwrite_the_manifest(run_cli: RunCli, tmp_path: Path) -> None:
    write_articles(tmp_path / "in", ["One", "Two"])
    result = run_cli("in", "--to", "json", "--digest", "--title", "Manifest")
    assert result.returncode == 0, result.stderr
    assert files_in(tmp_path / "dist") == {"manifest-2.json"}
    assert manifest(tmp_path / "dist")["digests"][0]["title"] == "Manifest"


def test_inputs_are_found_in_name_order_and_each_file_once(tmp_path: Path) -> None:
    from convert.batch.discover import find_inputs

    tree = tmp_path / "tree"
    for name in ["b.txt", "a/Z.TXT", "a/c.json", "a/notes.md", ".hidden.txt", ".txt", "trailing.", "a/b/deep.txt"]:
        (tree / name).parent.mkdir(parents=True, exist_ok=True)
        (tree / name).write_text("x", encoding="utf-8")
    (tree / "linked.txt").symlink_to(tmp_path / "elsewhere.txt")
    (tmp_path / "elsewhere.txt").write_text("x", encoding="utf-8")
    (tree / "again.txt").symlink_to(tree / "b.txt")  # b.txt by another name: found once, under the first
    os.link(tree / "a" / "Z.TXT", tree / "hard.txt")  # and a hard link is the same file too
    (tree / "loop").symlink_to(tree, target_is_directory=True)  # a linked folder is not followed
    (tree / "knot").symlink_to(tree / "knot")  # a loop of links not named like an input
    found = find_inputs([os.fspath(tree), os.fspath(tree / "a" / "c.json"), os.fspath(tmp_path / "absent.txt")])
    assert [item.relative for item in found.inputs] == [
        ".hidden.txt",
        "a/Z.TXT",
        "a/b/deep.txt",
        "a/c.json",
        "again.txt",
        "linked.txt",
    ]
    assert all(item.path == os.fspath(tree / item.relative) for item in found.inputs)
    assert [(refusal.shown, refusal.reason) for refusal in found.refused] == [
        ((tmp_path / "absent.txt").as_posix(), "no such file or folder")
    ]
    assert found.notes == [
        f"{(tree / 'knot').as_posix()}: symbolic link loop; not followed",
        f"{(tree / 'loop').as_posix()}: a link to a folder; not followed (name it to convert it)",
    ]
