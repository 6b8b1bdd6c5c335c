"""Every dispatch over the model's node kinds is exhaustive: a missing kind is a mypy error, an unknown one raises."""

from __future__ import annotations

import datetime as dt
import inspect
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from convert import render, write
from convert.model import (
    BlockQuote,
    Document,
    Emphasis,
    Heading,
    Inline,
    ListBlock,
    Metadata,
    Paragraph,
    Text,
)

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ("pdf", "epub", "docx", "json")
DISPATCH_MODULES = {
    "convert/model/__init__.py",
    "convert/model/jsonform.py",
    "convert/writers/pdf/story.py",
    "convert/writers/common/marks.py",
    "convert/writers/docx/body.py",
    "convert/writers/epub/xhtml.py",
    "convert/model/prepare.py",
    "convert/writers/epub/splitting.py",
}
"""Where the model's kinds are dispatched on; each of them must notice a kind added to the model."""


@dataclass(frozen=True, slots=True)
class Figure:
    """A block kind the model does not have."""

    caption: str


@dataclass(frozen=True, slots=True)
class Superscript:
    """An inline kind the model does not have."""

    children: tuple[Inline, ...]


def mypy(*args: str, cwd: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    """mypy --strict with the project's settings, run on `args` from `cwd`, the project importable."""
    command = [sys.executable, "-m", "mypy", "--strict", "--config-file", str(ROOT / "pyproject.toml")]
    command += ["--cache-dir", str(cache), "--no-error-summary", "--show-absolute-path", *args]
    env = {**os.environ, "MYPYPATH": str(ROOT)}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


# Type checking: a kind left out -----------------------------------------------------------------

DISPATCH = '''"""A dispatch over every kind of block."""

from typing import assert_never

from convert.model import Block, BlockQuote, Heading, ListBlock, Paragraph, ThematicBreak


def kind(block: Block) -> str:
    match block:
        case Heading() | Paragraph():
            return "text"
        case BlockQuote() | ListBlock():
            return "container"
{break_case}
        case _:
            assert_never(block)
'''
BREAK_CASE = '''        case ThematicBreak():
            return "break"'''


def test_mypy_reports_a_dispatch_that_leaves_out_a_kind_of_block(tmp_path: Path) -> None:
    complete = tmp_path / "complete.py"
    complete.write_text(DISPATCH.format(break_case=BREAK_CASE), encoding="utf-8")
    missing = tmp_path / "missing.py"
    missing.write_text(DISPATCH.format(break_case=""), encoding="utf-8")

    assert mypy(str(complete), cwd=tmp_path, cache=tmp_path / "cache").stdout == ""
    report = mypy(str(missing), cwd=tmp_path, cache=tmp_path / "cache")
    line = missing.read_text(encoding="utf-8").splitlines().index("            assert_never(block)") + 1
    assert report.returncode == 1
    expected = f'{missing}:{line}: error: Argument 1 to "assert_never" has incompatible type "ThematicBreak"'
    assert expected in report.stdout


# Type checking: a kind added to the model -------------------------------------------------------


def _with_new_kinds(model: str) -> str:
    """The model's source with `Figure` and `Superscript` (their source above) added to its unions."""
    new_kinds = "".join(f"\n\n{inspect.getsource(kind)}" for kind in (Figure, Superscript)) + "\n\n"

    inline_union = "Inline: TypeAlias = Text | Emphasis | Strong | Quote | Link | LineBreak\n"
    block_union = "Block: TypeAlias = Heading | Paragraph | BlockQuote | ListBlock | ThematicBreak\n"
    assert inline_union in model and block_union in model
    model = model.replace(block_union, block_union.replace("\n", " | Figure\n"))
    return model.replace(inline_union, new_kinds + inline_union.replace("\n", " | Superscript\n"))


def _assert_never_calls(package: Path) -> set[tuple[str, int]]:
    calls: set[tuple[str, int]] = set()
    for path in sorted(package.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "assert_never(" in line and not line.lstrip().startswith(("from ", "import ")):
                calls.add((str(path), number))
    return calls


def test_a_kind_added_to_the_model_is_a_mypy_error_at_every_dispatch(tmp_path: Path) -> None:
    package = tmp_path / "convert"
    shutil.copytree(ROOT / "convert", package, ignore=shutil.ignore_patterns("__pycache__"))
    model = package / "model" / "__init__.py"
    model.write_text(_with_new_kinds(model.read_text(encoding="utf-8")), encoding="utf-8")

    report = mypy("convert", cwd=tmp_path, cache=tmp_path / "cache")
    errors: dict[tuple[str, int], str] = {}
    for found in re.finditer(r"^(.+?\.py):(\d+): error: (.*)$", report.stdout, re.MULTILINE):
        errors[(found[1], int(found[2]))] = found[3]

    calls = _assert_never_calls(package)
    assert {str(Path(path).relative_to(tmp_path)) for path, _ in calls} == DISPATCH_MODULES
    unnoticed = sorted(f"{Path(path).relative_to(tmp_path)}:{line}" for path, line in calls - errors.keys())
    assert not unnoticed, f"dispatches that did not notice the new kinds: {unnoticed}\n{report.stdout}"
    for call in calls:
        assert re.search(r'"assert_never" has incompatible type "(Figure|Superscript)', errors[call]), errors[call]


# At run time: an unknown kind raises -----------------------------------------------------------


FIGURE: Any = Figure("a chart")
SUPERSCRIPT: Any = Superscript((Text("2"),))
PLACES = {
    "block": (FIGURE,),
    "block in a quotation": (BlockQuote((Paragraph((Text("Quoted."),)), FIGURE)),),
    "block in a list": (ListBlock(((Paragraph((Text("Item."),)),), (FIGURE,))),),
    "inline in a paragraph": (Paragraph((Text("E = mc"), SUPERSCRIPT)),),
    "inline in emphasis in a heading": (Heading(1, (Emphasis((Text("x"), SUPERSCRIPT)),)),),
}


def _document(blocks: tuple[Any, ...]) -> Document:
    metadata = Metadata(
        title="Unknown kinds",
        date=dt.date(2024, 1, 9),
        language="en",
        source="unknown.txt",
        identifier="urn:uuid:00000000-0000-0000-0000-000000000000",
        word_count=3,
    )
    return Document(metadata, (Paragraph((Text("Before."),)), *blocks))


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("format", FORMATS)
def test_an_unknown_kind_reaching_a_writer_raises_instead_of_being_written(format: str, place: str) -> None:
    unreachable = r"Expected code to be unreachable, but got: (Figure|Superscript)\("
    with pytest.raises(AssertionError, match=unreachable) as info:
        render(_document(PLACES[place]), format)
    dispatch = Path(info.traceback[-2].path)  # the frame that called assert_never
    assert str(dispatch.relative_to(ROOT)) in DISPATCH_MODULES


def test_the_json_writer_no_longer_writes_an_unknown_block_as_a_break(tmp_path: Path) -> None:
    target = tmp_path / "unknown.json"
    with pytest.raises(AssertionError, match=r"got: Figure\(caption='a chart'\)"):
        write(_document((FIGURE,)), target)
    assert list(tmp_path.iterdir()) == []
