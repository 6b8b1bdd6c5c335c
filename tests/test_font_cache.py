"""The font cache: a folder that cannot be written costs one warning and nothing else, and a
damaged cached face is found before use and cut again."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

import convert
from convert.fonts import find_family
from convert.fonts.cache import RECORD_SUFFIX
from convert.styles import load_style
from tests.conftest import RunCli

ROOT = Path(__file__).resolve().parent.parent
SEEDS = [
    ROOT / "seeds" / name
    for name in ("2024-03-27-tervel-valley-orchard-frost.txt", "2024-01-22-dunmere-ferry-timetable.txt")
]
HEEBO = ["--set", "fonts.body=Heebo", "--set", "fonts.heading=Heebo"]
"""A style whose every face is cut from a small variable font: quick to cut afresh."""
WARNING = "convert: warning: cannot write the font cache"


def expected_pdfs() -> dict[str, bytes]:
    style = load_style("default", ["fonts.body=Heebo", "fonts.heading=Heebo"])
    return {seed.stem + ".pdf": convert.render(convert.read(seed), "pdf", style) for seed in SEEDS}


def convert_seeds(run_cli: RunCli, tmp_path: Path, cache: Path, *options: str) -> subprocess.CompletedProcess[str]:
    out = tmp_path / "out"
    shutil.rmtree(out, ignore_errors=True)
    environment = {"CONVERT_CACHE_DIR": str(cache), "TMPDIR": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir(exist_ok=True)
    return run_cli(*map(str, SEEDS), "--to", "pdf", "--out", str(out), "--jobs", "1", *HEEBO, *options, env=environment)


def outputs(tmp_path: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in (tmp_path / "out").glob("*.pdf")}


def stand_in_faces(tmp_path: Path) -> dict[str, int]:
    """Name -> modification time of each file in this user's shared temporary font folder."""
    folder = tmp_path / "tmp" / f"convert-{os.getuid()}" / "fonts"
    return {path.name: path.stat().st_mtime_ns for path in sorted(folder.iterdir())}


def assert_converted_with_one_warning(result: subprocess.CompletedProcess[str], tmp_path: Path) -> None:
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("convert: warning:")]
    assert len(warnings) == 1 and warnings[0].startswith(WARNING), result.stderr
    assert f"faces are kept in {tmp_path / 'tmp'}" in warnings[0]
    assert outputs(tmp_path) == expected_pdfs()


def test_a_cache_folder_under_a_regular_file_costs_one_warning_and_every_pdf_converts(
    run_cli: RunCli, tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    result = convert_seeds(run_cli, tmp_path, tmp_path / "a-file" / "cache")
    assert_converted_with_one_warning(result, tmp_path)
    assert "(Not a directory)" in result.stderr
    faces = stand_in_faces(tmp_path)
    cut = [name for name in faces if name.endswith(".ttf")]
    assert cut and all(name.startswith("Heebo-") for name in cut)
    assert sorted(faces) == sorted([*cut, *(name + RECORD_SUFFIX for name in cut)])
    # A later process finds the faces the first one cut, and cuts none again.
    again = convert_seeds(run_cli, tmp_path, tmp_path / "a-file" / "cache")
    assert again.returncode == 0 and WARNING not in again.stderr, again.stderr
    assert outputs(tmp_path) == expected_pdfs()
    assert stand_in_faces(tmp_path) == faces


def test_quiet_keeps_the_cache_warning_to_itself(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    result = convert_seeds(run_cli, tmp_path, tmp_path / "a-file" / "cache", "--quiet")
    assert result.returncode == 0 and result.stderr == "", result.stderr
    assert outputs(tmp_path) == expected_pdfs()


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A read-only tmpfs: the one folder root cannot write into (chmod does not stop root)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a read-only tmpfs needs root; a folder under a regular file is tested instead")
    folder = tmp_path / "read-only"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"this machine refuses a tmpfs mount: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_read_only_cache_folder_costs_one_warning_and_every_pdf_converts(
    run_cli: RunCli, tmp_path: Path, read_only_folder: Path
) -> None:
    result = convert_seeds(run_cli, tmp_path, read_only_folder)
    assert_converted_with_one_warning(result, tmp_path)
    assert "(Read-only file system)" in result.stderr
    assert list(read_only_folder.iterdir()) == []


def test_a_temporary_folder_name_another_user_could_write_is_not_used(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    shared = tmp_path / "tmp" / f"convert-{os.getuid()}"
    shared.mkdir(parents=True)
    shared.chmod(0o777)
    result = convert_seeds(run_cli, tmp_path, tmp_path / "a-file" / "cache")
    assert result.returncode == 0, result.stderr
    assert f"faces are kept in {tmp_path / 'tmp' / 'convert-fonts-'}" in result.stderr
    assert list(shared.iterdir()) == []
    assert outputs(tmp_path) == expected_pdfs()


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONVERT_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "fonts"


def damage_truncate(face: Path) -> None:
    face.write_bytes(face.read_bytes()[: face.stat().st_size // 2])


def damage_garbage_of_the_same_size(face: Path) -> None:
    face.write_bytes(bytes(index % 251 for index in range(face.stat().st_size)))


def damage_lose_the_record(face: Path) -> None:
    face.with_name(face.name + RECORD_SUFFIX).unlink()


def damage_lose_the_face(face: Path) -> None:
    face.unlink()


@pytest.mark.parametrize(
    "damage",
    [damage_truncate, damage_garbage_of_the_same_size, damage_lose_the_record, damage_lose_the_face],
    ids=lambda damage: damage.__name__.removeprefix("damage_"),
)
def test_a_damaged_cached_face_is_cut_again_before_use(own_cache: Path, damage: object) -> None:
    family = find_family("Heebo")
    face = family.face_file()
    assert face.parent == own_cache
    whole = face.read_bytes()
    assert face.with_name(face.name + RECORD_SUFFIX).read_text(encoding="ascii").split()[0] == str(len(whole))
    damage(face)  # type: ignore[operator]
    assert family.face_file() == face
    assert face.read_bytes() == whole


def test_a_truncated_cached_face_is_cut_again_by_a_fresh_process(run_cli: RunCli, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert convert_seeds(run_cli, tmp_path, cache).returncode == 0
    faces = sorted((cache / "fonts").glob("*.ttf"))
    assert faces
    whole = {face: face.read_bytes() for face in faces}
    for face in faces:
        damage_truncate(face)
    result = convert_seeds(run_cli, tmp_path, cache)
    assert result.returncode == 0 and "convert: warning" not in result.stderr, result.stderr
    assert outputs(tmp_path) == expected_pdfs()
    assert {face: face.read_bytes() for face in faces} == whole
