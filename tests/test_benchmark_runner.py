"""The benchmark runner: its measurements of whole process trees, its table, and a tiny run of the whole thing."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from benchmarks import json_floor, run
from benchmarks import measure as measure_module
from benchmarks.corpus import generate
from benchmarks.measure import CommandError, Sample, measure, repeat, repeat_pair
from benchmarks.pandoc import escape, find_tools, write_digest_markdown
from benchmarks.report import MIB, Figure, Row, Target, markdown_table
from convert.model import block_texts
from convert.readers.seed import read_seed

ALLOCATE = "import time; block = bytearray({size}); block[::4096] = b'x' * len(block[::4096]); time.sleep({sleep})"


def python(code: str) -> list[str]:
    return [sys.executable, "-c", textwrap.dedent(code)]


def sample(seconds: float, peak: int = 10 * MIB) -> Sample:
    return Sample(seconds, peak, peak, peak, 1, 0)


# The measurement ------------------------------------------------------------------------------


@pytest.mark.timed
def test_measure_times_a_tiny_command_and_sees_its_memory() -> None:
    result = measure(python("pass"))
    assert result.returncode == 0
    assert 0 < result.seconds < 5
    # A Python interpreter holds several MiB resident; nothing near a gigabyte.
    assert 2 * MIB < result.peak_bytes < 500 * MIB
    assert result.processes == 1


@pytest.mark.timed
def test_measure_adds_up_workers_alive_at_the_same_time() -> None:
    size = 80 * MIB
    worker = ALLOCATE.format(size=size, sleep=1.0)
    result = measure(
        python(f"""
            import subprocess, sys
            workers = [subprocess.Popen([sys.executable, "-c", {worker!r}]) for _ in range(2)]
            for process in workers:
                process.wait()
        """)
    )
    assert result.processes == 3
    assert size < result.largest_process_bytes < 2 * size
    assert result.tree_peak_bytes >= 2 * size
    assert result.peak_bytes >= 2 * size


@pytest.mark.timed
def test_measure_follows_orphans_but_times_only_the_command() -> None:
    size = 120 * MIB
    # The orphan waits for its parent, the command, to exit, then allocates and lives on for three seconds.
    orphan = "import os, sys, time\nwhile os.getppid() == int(sys.argv[1]): time.sleep(0.005)\n"
    orphan += ALLOCATE.format(size=size, sleep=3.0)
    result = measure(
        python(f"""
            import os, subprocess, sys
            subprocess.Popen([sys.executable, "-c", {orphan!r}, str(os.getpid())], start_new_session=True)
        """)
    )
    assert result.seconds < 2.0  # the command alone takes a few hundredths; with the orphan, over three seconds
    assert result.peak_bytes >= size
    assert result.processes == 2


def test_measure_reports_a_failing_command_with_its_output(tmp_path: Path) -> None:
    log = tmp_path / "log.txt"
    with pytest.raises(CommandError, match=r"exit 3: .*no such article"):
        measure(python("import sys; print('no such article', file=sys.stderr); sys.exit(3)"), log=log)
    assert "no such article" in log.read_text()


def test_measure_runs_in_the_folder_given(tmp_path: Path) -> None:
    measure(python("open('here.txt', 'w').write('x')"), cwd=tmp_path)
    assert (tmp_path / "here.txt").read_text() == "x"


@pytest.mark.timed
def test_the_wrapper_ends_the_whole_tree_when_terminated(tmp_path: Path) -> None:
    ready = tmp_path / "grandchild.pid"
    command = python(f"""
        import pathlib, subprocess, sys, time
        child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
        pathlib.Path({str(ready)!r}).write_text(str(child.pid))
        time.sleep(60)
    """)
    wrapper = subprocess.Popen(
        [sys.executable, "-I", measure_module.__file__, "--", *command], stdout=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 20
    while not ready.exists() or not ready.read_text():
        assert time.monotonic() < deadline, "the command never started its child"
        time.sleep(0.02)
    grandchild = int(ready.read_text())
    wrapper.terminate()
    assert wrapper.wait(timeout=20) == 128 + signal.SIGTERM
    deadline = time.monotonic() + 20
    while _alive(grandchild):
        assert time.monotonic() < deadline, "the command's child outlived the wrapper"
        time.sleep(0.02)


def _alive(pid: int) -> bool:
    """Whether a process still runs (a zombie waiting to be reaped does not)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def test_repeat_takes_the_median_after_a_warm_up() -> None:
    times = iter([9.0, 0.3, 0.1, 0.2, 0.5, 0.4])
    result = repeat(lambda: sample(next(times)), runs=5, budget=60)
    assert not result.warmup_only
    assert [item.seconds for item in result.samples] == [0.3, 0.1, 0.2, 0.5, 0.4]
    assert result.seconds == 0.3
    assert result.spread == (0.1, 0.5)


def test_repeat_runs_long_cases_fewer_times() -> None:
    calls: list[float] = []

    def once(seconds: float) -> Sample:
        calls.append(seconds)
        return sample(seconds)

    assert repeat(lambda: once(25.0), runs=5, budget=60).runs == 2
    assert len(calls) == 3  # the warm-up and two runs
    calls.clear()
    longest = repeat(lambda: once(90.0), runs=5, budget=60)
    assert longest.warmup_only and longest.runs == 1
    assert len(calls) == 1


def test_a_pair_is_run_in_turns_after_a_warm_up_each() -> None:
    order: list[str] = []

    def once(name: str, seconds: float) -> Sample:
        order.append(name)
        return sample(seconds)

    one, two = repeat_pair(lambda: once("one", 2.0), lambda: once("two", 1.0), runs=3, budget=60)
    assert order == ["one", "two"] * 4
    assert (one.runs, two.runs) == (3, 3)
    assert (one.seconds, two.seconds) == (2.0, 1.0)


def test_a_pair_too_long_to_repeat_keeps_its_warm_ups() -> None:
    one, two = repeat_pair(lambda: sample(10.0), lambda: sample(70.0), runs=5, budget=60)
    assert one.warmup_only and two.warmup_only
    assert (one.seconds, two.seconds) == (10.0, 70.0)


# The table ------------------------------------------------------------------------------------


def figure(seconds: float, articles: int = 1, peak_mib: int = 100, note: str = "") -> Figure:
    return Figure(seconds, peak_mib * MIB, articles, note)


def test_a_batch_row_reads_per_article_with_ratios_and_its_verdict() -> None:
    row = Row(
        "1,000 articles → PDF, --jobs 1",
        "batch",
        ours=figure(5.0, 1000),
        pandoc=figure(59.0, 100, note="100 of 1,000 files"),
        floor=figure(2.5, 1000),
        target=Target("≥ 100 articles/s", min_rate=100),
    )
    what, ours, pandoc, floor, to_pandoc, to_floor, target, result = row.cells()
    assert what == "1,000 articles → PDF, --jobs 1"
    assert ours == "5 ms/article (200/s), 100 MiB"
    assert pandoc == "590 ms/article (2/s), 100 MiB [100 of 1,000 files]"
    assert floor == "2.5 ms/article (400/s), 100 MiB"
    assert (to_pandoc, to_floor) == ("0.0085\u00d7", "2\u00d7")
    assert target == "≥ 100 articles/s"
    assert result == "met (200/s)"


def test_time_and_memory_targets_are_judged_together() -> None:
    target = Target("≤ 2 s, ≤ 200 MiB", max_seconds=2.0, max_bytes=200 * MIB)
    assert target.judge(figure(1.5, peak_mib=150)) == "met (1.5 s, 150 MiB)"
    assert target.judge(figure(1.5, peak_mib=250)) == "missed (1.5 s, 250 MiB)"
    assert target.judge(figure(2.5, peak_mib=150)) == "missed (2.5 s, 150 MiB)"
    assert target.judge(Figure.missing("n/a: writer not installed")) == "n/a"


def test_a_target_set_for_1000_articles_shows_but_does_not_judge_a_quick_run() -> None:
    target = Target("≥ 100 articles/s", min_rate=100, articles=1000)
    assert target.judge(figure(5.0, 1000)) == "met (200/s)"
    assert target.judge(figure(9.0, 100)) == "not judged: set for 1,000 articles"


def test_shares_and_growth_are_judged_against_their_reference() -> None:
    share = Target("≤ 5% of the first", max_share=0.05)
    assert share.judge(figure(0.4), figure(10.0)) == "met (4.0%)"
    assert share.judge(figure(0.6), figure(10.0)) == "missed (6.0%)"
    assert share.judge(figure(0.6), None) == "n/a (no reference)"
    growth = Target("linear", max_growth=1.3, max_bytes=2_000_000_000)
    assert growth.judge(figure(12.0, 10_000), figure(1.0, 1000)) == "met (1.20\u00d7 per article, 100 MiB)"
    assert growth.judge(figure(14.0, 10_000), figure(1.0, 1000)).startswith("missed (1.40\u00d7")


def test_an_incremental_row_shows_its_share_of_the_first_run() -> None:
    row = Row("second run", "incremental", figure(0.25), target=Target("≤ 5%", max_share=0.05), reference=figure(10.0))
    assert row.cells()[1] == "250 ms (2.5% of the first), 100 MiB"
    assert row.cells()[-1] == "met (2.5%)"


def test_a_missing_figure_keeps_its_reason_and_leaves_ratios_empty() -> None:
    row = Row("digest", "time", Figure.missing("n/a: writer not installed"), figure(3.0), target=None)
    cells = row.cells()
    assert cells[1] == "n/a: writer not installed"
    assert cells[4] == cells[6] == cells[7] == "\u2013"


def test_a_long_failure_is_cut_short_in_the_table() -> None:
    reason = "failed: exit 1: convert: internal error: LayoutError: Splitting error(n==2) on page 12108 " + "x" * 200
    cell = Row("digest", "time", Figure.missing(reason)).cells()[1]
    assert cell == "failed: exit 1: convert: internal error: LayoutError: Splitting error(n==2) on page 12108\u2026"


def test_the_markdown_table_has_one_line_per_row_and_escapes_pipes() -> None:
    table = markdown_table(["a", "b"], [["x|y", "1"], ["z", "2"]])
    assert table.splitlines() == ["| a | b |", "|---|---|", "| x\\|y | 1 |", "| z | 2 |"]


# The floor and pandoc's inputs ----------------------------------------------------------------


def test_the_json_floor_writes_the_same_paragraphs_as_our_reader_finds(tmp_path: Path) -> None:
    sources = generate(tmp_path / "corpus", 12, seed=3)
    json_floor.write_articles(sources, tmp_path / "one-each")
    json_floor.write_digest(sources, tmp_path / "digest")
    digest = json.loads((tmp_path / "digest" / "digest.json").read_text(encoding="utf-8"))
    assert len(digest["articles"]) == len(sources)
    for source, in_digest in zip(sources, digest["articles"], strict=True):
        expected = block_texts(read_seed(source.read_bytes(), source.name).blocks)
        alone = json.loads((tmp_path / "one-each" / f"{source.stem}.json").read_text(encoding="utf-8"))
        assert alone["paragraphs"] == in_digest["paragraphs"] == expected
        assert alone["date"] == source.read_text(encoding="utf-8").split()[1]


@pytest.mark.parametrize("fmt", ["pdf", "epub", "docx", "json"])
def test_every_floor_script_runs_as_the_runner_calls_it(fmt: str, tmp_path: Path) -> None:
    from benchmarks.cases import FLOOR_CODE, RENDER_BARE_CODE

    sources = generate(tmp_path / "corpus", 3, seed=5)
    module = f"benchmarks.{fmt}_floor"
    out = tmp_path / "out"
    out.mkdir()
    calls = [[FLOOR_CODE, module, "write_articles", str(tmp_path / "corpus"), str(out)]]
    if fmt == "pdf":  # the PDF floor offers only a renderer: the runner reads the seeds for it
        calls = [[RENDER_BARE_CODE, module, str(tmp_path / "corpus"), str(out), ".pdf"]]
    for call in calls:
        result = subprocess.run([sys.executable, "-c", *call], capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stderr
    written = sorted(path for path in out.rglob("*") if path.is_file())
    assert len(written) == len(sources)
    assert all(path.stat().st_size > 500 for path in written)


HOSTILE = "AT&T x<y <b> *not* _x_ [l](u) #tag $5 @c ~s~ ^s^ \\b `c` | p -- d ... \"q\" 'q' {a} <!-- [^1] \\(x\\)"
"""Text Markdown would read as markup, entities, HTML, math, citations or footnotes, were it not escaped."""


NOT_MARKUP = [
    HOSTILE,
    "1. not a list",
    "2024) not a list",
    "(iv) not a list",
    "a. not a list",
    "B) not a list",
    "% not a title",
    "- not a list",
    "+ not a list",
    "> not a quote",
    "# not a heading",
    ": not a definition",
]


@pytest.mark.parametrize("text", NOT_MARKUP)
def test_pandoc_reads_the_escaped_markdown_back_as_the_same_characters(text: str, tmp_path: Path) -> None:
    tools = find_tools()
    if isinstance(tools, str):
        pytest.skip(tools)
    source = tmp_path / "a.md"
    source.write_text(escape(text) + "\n", encoding="utf-8")
    result = subprocess.run(
        [str(tools.pandoc), str(source), "--from", "markdown-smart", "--to", "plain", "--wrap=none"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == text


def test_the_digest_markdown_has_a_heading_per_group_and_per_article(tmp_path: Path) -> None:
    sources = generate(tmp_path / "corpus", 15, seed=1)
    text = write_digest_markdown(sources, tmp_path / "digest.md").read_text(encoding="utf-8")
    groups = [line for line in text.splitlines() if line.startswith("# ")]
    articles = [line for line in text.splitlines() if line.startswith("## ")]
    assert len(articles) == len(sources)
    assert groups and all(line.startswith("# Week of ") for line in groups)


# A tiny run of the whole runner ---------------------------------------------------------------


def test_a_tiny_run_fills_every_row_and_reports_missing_writers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = "n/a: writer not installed (for this test)"
    monkeypatch.setattr(run, "_our_writer_problem", lambda fmt: missing if fmt == "epub" else None)
    report = tmp_path / "BENCHMARKS.md"
    arguments = ["--quick", "--formats", "json,epub", "--skip-pandoc", "--report", str(report)]
    arguments += ["--articles", "4", "--digest-articles", "4", "--large-digest-articles", "8", "--budget", "0.01"]
    arguments += ["--large-seed-mb", "0.2"]
    assert run.main([*arguments, "--workdir", str(tmp_path)]) == 0
    table = capsys.readouterr().out
    rows = {line.split(" | ")[0].removeprefix("| "): line for line in table.splitlines()[2:]}
    assert list(rows) == [
        "4 articles → EPUB, --jobs 1",
        "4 articles → EPUB, --jobs 2",
        "4 articles → JSON, --jobs 1",
        "4 articles → JSON, --jobs 2",
        "4 articles \u00d7 JSON, --jobs 2",
        "digest of 4 → EPUB",
        "digest of 4 → JSON",
        "digest of 8 → EPUB",
        "digest of 8 → JSON",
        "`convert --version`, cold",
        "one article → JSON, cold",
        "one article → EPUB, cold",
        "one seed of 0.2 MB → EPUB",
        "one seed of 0.2 MB → JSON",
        "second run over 4 unchanged",
    ]
    for name, line in rows.items():
        cells = line.strip("| ").split(" | ")
        assert len(cells) == 8
        if "EPUB" in name:
            assert cells[1] == missing and cells[7] in ("n/a", "\u2013")
        else:
            assert "ms" in cells[1] or " s" in cells[1], line
            assert "skipped (--skip-pandoc)" in cells[2] or cells[2] == "\u2013"
    assert "met (" in rows["digest of 8 → JSON"] or "missed (" in rows["digest of 8 → JSON"]
    large = rows["one seed of 0.2 MB → JSON"]
    assert "≤ 4× the seed" in large and ("met (" in large or "missed (" in large)
    assert "% of the first" in rows["second run over 4 unchanged"]
    assert " ms/article " in rows["4 articles → JSON, --jobs 1"].split(" | ")[3]  # the JSON floor ran
    written = report.read_text(encoding="utf-8")
    assert table.strip() in written
    for heading in ("## Machine", "## Method", "## Results", "## Every measured command"):
        assert heading in written
    assert "- CPU: " in written and "- Python: " in written and "reportlab " in written
    assert not [path for path in tmp_path.iterdir() if path.name.startswith("convert-bench-")]


def test_unknown_formats_are_refused() -> None:
    with pytest.raises(SystemExit, match="unknown formats: odt"):
        run.main(["--formats", "odt", "--skip-pandoc"])
