"""The command line as users run it: outputs, one-line failures, exit codes, fast start."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import RunCli
from tests.corpus import SEEDS


def make_folder(root: Path) -> Path:
    folder = root / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text("date 2024-01-02 A good article. It has text.", encoding="utf-8")
    (folder / "sub" / "nested.TXT").write_text("date 2024-01-03 Nested one.\n\nMore.", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b" \n\t\n")
    (folder / "dateonly.txt").write_bytes(b"date 2024-01-04\n")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR")
    (folder / "broken.json").write_text('{"schema": "convert-document", "version": 1', encoding="utf-8")
    (folder / "undated.txt").write_text("No date here. Still an article.", encoding="utf-8")
    (folder / "ignored.md").write_text("not an input", encoding="utf-8")
    return folder


def test_samples_convert_to_one_valid_json_each(run_cli: RunCli, tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    result = run_cli("seeds/", "--to", "json")
    assert result.returncode == 0, result.stderr
    outputs = sorted(path for path in (tmp_path / "dist").glob("*.json") if path.name != "manifest.json")
    assert [path.stem for path in outputs] == sorted(path.stem for path in SEEDS.glob("*.txt"))
    for path in outputs:
        assert json.loads(path.read_bytes())["schema"] == "convert-document"
    assert result.stderr.splitlines()[-1].startswith(f"{len(outputs)} converted, 0 skipped, 0 failed")


def test_bad_inputs_fail_one_line_each_and_the_rest_convert(run_cli: RunCli, tmp_path: Path) -> None:
    make_folder(tmp_path)
    result = run_cli("in", "--to", "json", "--out", "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert sorted(line for line in lines if not line.startswith(("warning:", "3 converted"))) == [
        "in/binary.txt: not a text file: a PNG image",
        "in/blank.txt: no article text",
        "in/broken.json: line 1: invalid JSON: Expecting ',' delimiter",
        "in/dateonly.txt: no article text",
        "in/empty.txt: no article text",
    ]
    assert "warning: in/undated.txt: no date line: the article is undated" in lines
    assert lines[-1].startswith("3 converted, 0 skipped, 5 failed; 3 files written to out/")
    written = sorted(path.relative_to(tmp_path / "out").as_posix() for path in (tmp_path / "out").rglob("*"))
    assert written == ["good.json", "manifest.json", "sub", "sub/nested.json", "undated.json"]


def test_json_output_reads_back_to_the_same_bytes(run_cli: RunCli, tmp_path: Path) -> None:
    make_folder(tmp_path)
    assert run_cli("in/good.txt", "--to", "json", "--out", "a").returncode == 0
    assert run_cli("a/good.json", "--to", "json", "--out", "b").returncode == 0
    assert (tmp_path / "a" / "good.json").read_bytes() == (tmp_path / "b" / "good.json").read_bytes()


def test_an_edited_json_renders_again(run_cli: RunCli, tmp_path: Path) -> None:
    make_folder(tmp_path)
    run_cli("in/good.txt", "--to", "json", "--out", "a")
    tree = json.loads((tmp_path / "a" / "good.json").read_text(encoding="utf-8"))
    tree["metadata"]["title"] = "A better title"
    (tmp_path / "a" / "good.json").write_text(json.dumps(tree), encoding="utf-8")
    assert run_cli("a/good.json", "--to", "json").returncode == 0
    assert json.loads((tmp_path / "dist" / "good.json").read_bytes())["metadata"]["title"] == "A better title"


def test_clashing_outputs_keep_both(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("date 2024-01-02 From text.", encoding="utf-8")
    run_cli("in/a.txt", "--to", "json", "--out", "model")
    shutil.copy(tmp_path / "model" / "a.json", folder / "a.json")
    result = run_cli("in", "--to", "json")
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in (tmp_path / "dist").iterdir()) == ["a.json.json", "a.txt.json", "manifest.json"]
    assert "output names clash" in result.stderr


def test_no_partial_files_are_left(run_cli: RunCli, tmp_path: Path) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    run_cli("seeds", "--to", "json")
    run_cli("seeds", "--to", "json")
    assert not [path for path in (tmp_path / "dist").rglob("*") if path.name.endswith(".part")]


def test_usage_errors_exit_2(run_cli: RunCli, tmp_path: Path) -> None:
    make_folder(tmp_path)
    unknown = run_cli("in", "--to", "odt")
    assert unknown.returncode == 2
    assert unknown.stderr.strip().startswith("convert: unknown format 'odt'; available: ")
    assert "json" in unknown.stderr
    assert run_cli("in").returncode == 2
    bad_style = run_cli("in", "--to", "json", "--set", "styles.body.colour=red")
    assert bad_style.returncode == 2
    assert bad_style.stderr.strip().startswith('convert: --set: styles.body.colour: unknown key; did you mean "color"?')
    empty = tmp_path / "nothing"
    empty.mkdir()
    assert run_cli("nothing", "--to", "json").returncode == 2
    assert not (tmp_path / "dist").exists()


def test_missing_input_fails_but_others_convert(run_cli: RunCli, tmp_path: Path) -> None:
    make_folder(tmp_path)
    result = run_cli("in/good.txt", "in/nope.txt", "--to", "json", "--quiet")
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["in/nope.txt: no such file or folder"]
    assert (tmp_path / "dist" / "good.json").exists()


def test_quiet_success_prints_nothing(run_cli: RunCli, tmp_path: Path) -> None:
    make_folder(tmp_path)
    result = run_cli("in/good.txt", "--to", "all", "--quiet")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_listings(run_cli: RunCli) -> None:
    formats = run_cli("--list-formats")
    assert formats.returncode == 0
    assert any(line.split()[:3] == ["json", ".json", "application/json"] for line in formats.stdout.splitlines())
    styles = run_cli("--list-styles")
    assert {line.split()[0] for line in styles.stdout.splitlines()} >= {"default", "classic", "modern", "large-print"}


def test_version_imports_no_writer_library(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "convert", "--version"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert result.stdout.startswith("convert ")
    modules = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if "|" in line}
    imported = {name.split(".")[0] for name in modules}
    assert "argparse" in imported  # the measurement works
    assert not imported & {"reportlab", "ebooklib", "docx", "lxml", "fontTools"}
    assert not [name for name in modules if name.startswith(("convert.writers", "convert.api", "convert.styles"))]


REAL_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def test_the_real_seed_converts_and_its_json_reads_back_byte_identical(run_cli: RunCli, tmp_path: Path) -> None:
    real = sorted(REAL_SEEDS.glob("*.txt"))
    if not real:
        pytest.skip("the shared real seed is not beside the project")
    first = run_cli(str(real[0]), "--to", "json", "--out", "a")
    assert first.returncode == 0, first.stderr
    written = tmp_path / "a" / f"{real[0].stem}.json"
    tree = json.loads(written.read_bytes())
    assert tree["metadata"]["date"] is not None and tree["metadata"]["warnings"] == []
    second = run_cli(str(written), "--to", "json", "--out", "b")
    assert second.returncode == 0, second.stderr
    assert (tmp_path / "b" / written.name).read_bytes() == written.read_bytes()


def test_the_command_line_offers_exactly_the_digest_groupings() -> None:
    from convert import cli
    from convert.model import digest

    assert cli.GROUPINGS == digest.GROUPINGS


def test_ctrl_c_before_any_file_is_written_exits_130_and_later_presses_are_ignored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from convert import cli

    def interrupted(arguments: list[str] | None = None) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "main", interrupted)
    previous = signal.getsignal(signal.SIGINT)
    try:
        with pytest.raises(SystemExit) as exit_info:
            cli.run()
        assert exit_info.value.code == 130
        assert signal.getsignal(signal.SIGINT) is signal.SIG_IGN  # nothing left to do but exit
    finally:
        signal.signal(signal.SIGINT, previous)
