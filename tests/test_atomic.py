"""Whole-or-nothing output files: modes, missing folders, stale temporary files, failures."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

import convert.atomic
from convert.atomic import write_atomically


def test_writes_the_bytes_with_the_mode_open_would_give_and_leaves_nothing_beside(tmp_path: Path) -> None:
    target = tmp_path / "new" / "deeper" / "out.json"
    previous = os.umask(0o027)
    try:
        write_atomically(target, b"x" * 300_000)
    finally:
        os.umask(previous)
    assert target.read_bytes() == b"x" * 300_000
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [path.name for path in target.parent.iterdir()] == ["out.json"]


def test_replaces_an_existing_file_past_a_stale_temporary_of_the_same_name(tmp_path: Path) -> None:
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    number = next(convert.atomic._numbers) + 1
    stale = tmp_path / f".out.pdf.{os.getpid()}-{number}.part"
    stale.write_bytes(b"left by a killed process")
    write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert stale.read_bytes() == b"left by a killed process"
    assert sorted(path.name for path in tmp_path.iterdir()) == [stale.name, "out.pdf"]


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")

    def refuse(source: str, destination: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(convert.atomic.os, "replace", refuse)
    with pytest.raises(OSError, match="No space"):
        write_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [path.name for path in tmp_path.iterdir()] == ["out.docx"]
