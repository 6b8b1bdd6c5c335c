"""The benchmark corpus: the same bytes for the same count and seed, and articles shaped like real seeds."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.corpus import article_path, article_text, generate, main
from convert.model import Document, Paragraph, Quote, inline_text
from convert.readers.seed import read_seed
from convert.text.scripts import count_words, script_of

ROOT = Path(__file__).resolve().parents[1]
COUNT = 1000


def run_corpus(*args: str, cwd: Path, hash_seed: str = "0") -> subprocess.CompletedProcess[str]:
    """Run `python -m benchmarks.corpus ARGS…` from the project root, as the benchmark runner would."""
    return subprocess.run(
        [sys.executable, "-m", "benchmarks.corpus", *args],
        cwd=cwd,
        env={**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def digest(folder: Path) -> str:
    """sha256 over every file's path relative to `folder` and its bytes, in path order."""
    total = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            total.update(f"{path.relative_to(folder).as_posix()}\0{len(data)}\0".encode())
            total.update(data)
    return total.hexdigest()


def paragraph_texts(document: Document) -> list[str]:
    return [inline_text(block.inlines) for block in document.blocks if isinstance(block, Paragraph)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return generate(tmp_path_factory.mktemp("corpus"), COUNT, seed=0)


@pytest.fixture(scope="module")
def documents(corpus: list[Path]) -> list[Document]:
    return [read_seed(path.read_bytes(), path.name) for path in corpus]


def test_the_same_count_and_seed_give_the_same_bytes(tmp_path: Path) -> None:
    # Two processes with different string-hash seeds, and the library in this one.
    first = run_corpus(str(tmp_path / "first"), "300", "--seed", "7", cwd=tmp_path, hash_seed="1")
    second = run_corpus(str(tmp_path / "second"), "300", "--seed", "7", cwd=tmp_path, hash_seed="2")
    assert (first.returncode, first.stderr, second.returncode, second.stderr) == (0, "", 0, "")
    generate(tmp_path / "library", 300, seed=7)
    generate(tmp_path / "other", 300, seed=8)
    expected = digest(tmp_path / "first")
    assert len(list((tmp_path / "first").rglob("*.txt"))) == 300
    assert digest(tmp_path / "second") == expected
    assert digest(tmp_path / "library") == expected
    assert digest(tmp_path / "other") != expected


def test_an_article_does_not_depend_on_the_corpus_size(tmp_path: Path, corpus: list[Path]) -> None:
    small = generate(tmp_path, 50)
    assert [path.read_bytes() for path in small] == [path.read_bytes() for path in corpus[:50]]
    assert all(corpus[index].read_text(encoding="utf-8") == article_text(index, 0) for index in (0, 49, 999))


def test_every_article_reads_without_warnings_and_with_a_2024_date(documents: list[Document]) -> None:
    assert [document.metadata.warnings for document in documents] == [()] * COUNT
    dates = [document.metadata.date for document in documents]
    assert all(date is not None and date.year == 2024 for date in dates)
    assert len({date.month for date in dates if date}) == 12
    assert len({date.isocalendar().week for date in dates if date}) >= 50


def test_paragraph_and_word_counts_stay_in_their_ranges(documents: list[Document]) -> None:
    paragraph_counts = [len(paragraph_texts(document)) for document in documents]
    word_counts = [count_words(text) for document in documents for text in paragraph_texts(document)]
    assert min(paragraph_counts) == 6
    assert max(paragraph_counts) == 14
    assert 40 <= min(word_counts) <= 45
    assert 85 <= max(word_counts) <= 90


def test_about_five_percent_name_someone_in_another_script(documents: list[Document]) -> None:
    scripts_per_article = [
        {script_of(char) for text in paragraph_texts(document) for char in text if char.isalpha()} - {"Latn"}
        for document in documents
    ]
    non_latin = [scripts for scripts in scripts_per_article if scripts]
    assert 0.03 <= len(non_latin) / COUNT <= 0.08
    assert set().union(*non_latin) >= {"Grek", "Cyrl", "Arab", "Hani", "Hang"}
    with_arabic_paragraph = [
        document
        for document in documents
        if any(isinstance(block, Paragraph) and block.direction == "rtl" for block in document.blocks)
    ]
    assert with_arabic_paragraph
    assert all(document.metadata.direction == "ltr" for document in with_arabic_paragraph)


def test_articles_are_typeset_like_news(corpus: list[Path], documents: list[Document]) -> None:
    text = "".join(path.read_text(encoding="utf-8") for path in corpus)
    counts = Counter(text)
    for char in "\u201c\u201d\u2019\u2013\u2014%\u20ac\u00a3$":
        assert counts[char] > 100, char
    assert counts['"'] == counts["'"] == 0
    assert all(
        any(
            isinstance(inline, Quote)
            for block in document.blocks
            if isinstance(block, Paragraph)
            for inline in block.inlines
        )
        for document in documents
    )
    assert ",\u201d a spokeswoman said." in text
    assert ",\u201d a spokesman for the council said." in text
    titles = [document.metadata.title for document in documents]
    assert len(set(titles)) > COUNT * 0.9


def test_articles_are_spread_over_folders_of_a_thousand(tmp_path: Path) -> None:
    paths = generate(tmp_path, 1005, seed=3)
    assert paths == [article_path(tmp_path, index) for index in range(1005)]
    assert paths[42] == tmp_path / "0000" / "article-00042.txt"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["0000", "0001"]
    assert len(list((tmp_path / "0000").iterdir())) == 1000
    assert sorted(path.name for path in (tmp_path / "0001").iterdir()) == [
        f"article-{index:05d}.txt" for index in range(1000, 1005)
    ]


def test_regenerating_keeps_unchanged_files_and_drops_stale_ones(tmp_path: Path) -> None:
    generate(tmp_path, 1005)
    first = article_path(tmp_path, 0)
    stamp = first.stat().st_mtime_ns
    os.utime(first, ns=(stamp - 10**9, stamp - 10**9))
    changed = article_path(tmp_path, 1)
    changed.write_text("date 2024-01-01 Edited by hand.", encoding="utf-8")
    unrelated = tmp_path / "notes.txt"
    unrelated.write_text("kept", encoding="utf-8")
    paths = generate(tmp_path, 10)
    assert first.stat().st_mtime_ns == stamp - 10**9
    assert changed.read_text(encoding="utf-8") == article_text(1, 0)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.txt")) == sorted(
        [p.relative_to(tmp_path).as_posix() for p in paths] + ["notes.txt"]
    )
    assert not (tmp_path / "0001").exists()


def test_a_negative_count_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        generate(tmp_path, -1)


def test_missing_arguments_are_a_usage_error(tmp_path: Path) -> None:
    result = run_corpus(cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("usage: python -m benchmarks.corpus")
    assert "the following arguments are required: OUT, N" in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["out"], "the following arguments are required: N"),
        (["out", "-1"], "argument N: must not be negative: -1"),
        (["out", "many"], "argument N: not a whole number: 'many'"),
        (["out", "3", "--seed", "x"], "argument --seed: invalid int value: 'x'"),
    ],
)
def test_bad_arguments_are_usage_errors(
    args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_the_command_line_reports_what_it_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "out"), "3", "--seed", "5"]) == 0
    assert capsys.readouterr().out == f"3 articles in {tmp_path / 'out'} (seed 5)\n"
    assert len(list((tmp_path / "out").rglob("*.txt"))) == 3
