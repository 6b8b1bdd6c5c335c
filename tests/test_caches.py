"""Process-wide caches: one bounded policy, keyed by value, emptied by `convert.clear_caches()`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

import convert
from convert.caches import Lru, cache_info, clear_caches, memoised
from convert.model import Document, Publication
from tests.conftest import RunCli
from tests.corpus import ROOT, SCRIPTS, many_article_publication, seed_bytes

FORMATS = ("pdf", "epub", "docx", "json")


def sizes() -> dict[str, tuple[int, int]]:
    return {info.name: (info.size, info.maxsize) for info in cache_info()}


def every_script_article(tmp_path: Path) -> Document:
    """An article read from disk whose text needs every script rule, shaping and font fallback."""
    path = tmp_path / "scripts.txt"
    path.write_bytes(seed_bytes("2024-02-03", [*SCRIPTS.values(), "More at https://example.org/frost."]))
    return convert.read(path)


def render_everything(items: list[Document | Publication], style: str) -> dict[str, bytes]:
    """Every item in every installed format, and as an EPUB with its fonts embedded."""
    names = convert.formats()
    assert set(FORMATS) <= set(names)
    rendered = {}
    embedding = convert.load_style(style, ["fonts.embed=true"])
    for index, item in enumerate(items):
        rendered.update({f"{index}.{name}": convert.render(item, name, style) for name in names})
        rendered[f"{index}.epub with fonts"] = convert.render(item, "epub", embedding)
    return rendered


def test_clear_caches_empties_every_cache_and_renders_the_same_bytes_again(tmp_path: Path) -> None:
    items: list[Document | Publication] = [every_script_article(tmp_path), many_article_publication(3)]
    before = render_everything(items, "default")
    filled = sizes()
    batch_only = {name for name in filled if name.startswith("convert.batch.")}  # a batch run fills these
    assert not [name for name, (size, _) in filled.items() if size == 0 and name not in batch_only]
    assert len(filled) >= 30

    convert.clear_caches()

    assert {name: size for name, (size, _) in sizes().items() if size} == {}
    assert render_everything([every_script_article(tmp_path), many_article_publication(3)], "default") == before


def test_every_cache_stays_within_its_bound(tmp_path: Path) -> None:
    documents = [
        convert.read(_article(tmp_path, index, f"Article {index} tells of {word} frost in the valley."))
        for index, word in enumerate(("early", "late", "hard", "light", "odd", "rare"))
    ]
    for size in range(40):
        style = convert.load_style("default", [f"styles.body.size={8 + size / 4}pt"])
        for name in FORMATS:
            convert.render(documents[size % len(documents)], name, style)
    found = sizes()
    assert {name: bound for name, bound in found.items() if bound[0] > bound[1]} == {}
    # Forty styles went through caches bounded at fewer: they dropped the oldest instead of growing.
    assert found["convert.styles.load_style"] == (32, 32)
    assert found["convert.writers.docx.sheetparts.sheet_parts"] == (16, 16)


def _article(folder: Path, index: int, text: str) -> Path:
    path = folder / f"article-{index}.txt"
    path.write_bytes(seed_bytes(f"2024-03-{10 + index}", [text]))
    return path


def test_no_cache_is_made_outside_the_one_policy() -> None:
    own = re.compile(r"functools\.cache\b|lru_cache|^\s*@cache\b|^\s*from functools import .*\bcache\b", re.MULTILINE)
    found = [
        path.relative_to(ROOT).as_posix()
        for path in sorted((ROOT / "convert").rglob("*.py"))
        if path.name != "caches.py" and own.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []


def test_an_lru_drops_the_least_recently_used_entry() -> None:
    cache: Lru[str, int] = Lru("tests.lru", 2)
    cache.keep("a", 1)
    cache.keep("b", 2)
    assert cache.get("a") == 1  # "a" is now the more recent
    cache.keep("c", 3)
    assert (cache.get("a"), cache.get("b"), cache.get("c"), len(cache)) == (1, None, 3, 2)
    assert ("tests.lru", 2, 2) in {(info.name, info.size, info.maxsize) for info in cache_info()}
    clear_caches()
    assert (len(cache), cache.get("a")) == (0, None)


def test_a_memoised_function_is_registered_and_bounded() -> None:
    calls: list[int] = []

    @memoised(3)
    def double(value: int) -> int:
        calls.append(value)
        return 2 * value

    assert [double(value) for value in (1, 2, 1, 3, 4, 1)] == [2, 4, 2, 6, 8, 2]
    assert calls == [1, 2, 3, 4]  # 1 stayed in: it was used again before 2 was dropped
    name = f"{__name__}.test_a_memoised_function_is_registered_and_bounded.<locals>.double"
    assert sizes()[name] == (3, 3)
    with pytest.raises(ValueError, match="at least one entry"):
        memoised(0)


def test_a_style_loaded_again_is_the_one_resolved_before() -> None:
    first = convert.load_style("classic", ["styles.body.size=11pt"])
    assert convert.load_style("classic", ["styles.body.size=11pt"]) is first
    assert convert.load_style("classic", ["styles.body.size=12pt"]).fingerprint != first.fingerprint
    clear_caches()
    again = convert.load_style("classic", ["styles.body.size=11pt"])
    assert again is not first
    assert (again, hash(again), again.fingerprint) == (first, hash(first), first.fingerprint)


def test_a_fingerprint_follows_the_values_and_is_the_same_in_every_process() -> None:
    style = convert.load_style("modern")
    assert replace(style, embed_fonts=style.embed_fonts).fingerprint == style.fingerprint
    changed = replace(style, body=replace(style.body, size=style.body.size + 1))
    assert changed.fingerprint != style.fingerprint
    assert changed != style
    script = "import convert; print(convert.load_style('modern').fingerprint)"
    other = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert other.stdout.strip() == style.fingerprint
    assert re.fullmatch(r"[0-9a-f]{64}", style.fingerprint)


def test_an_edited_sheet_is_seen_at_once(tmp_path: Path) -> None:
    sheet = tmp_path / "house.toml"
    sheet.write_text('extends = "classic"\n[styles.body]\nsize = "11pt"\n', encoding="utf-8")
    first = convert.load_style(str(sheet))
    sheet.write_text('extends = "classic"\n[styles.body]\nsize = "13pt"\n', encoding="utf-8")
    second = convert.load_style(str(sheet))
    assert (first.body.size, second.body.size) == (11.0, 13.0)


def test_a_batch_rebuilds_for_an_edited_look_and_not_for_an_edited_comment(run_cli: RunCli, tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    _article(tmp_path / "in", 1, "Frost came early to the orchards.")
    sheet = tmp_path / "house.toml"
    sheet.write_text('[styles.body]\nsize = "11pt"\n', encoding="utf-8")

    def run() -> dict[str, str]:
        result = run_cli("in", "--to", "json", "--style", "house.toml")
        assert result.returncode == 0, result.stderr
        recorded = json.loads((tmp_path / "dist" / "manifest.json").read_text(encoding="utf-8"))
        return {entry["input"]: entry["outputs"][0]["status"] for entry in recorded["inputs"]}

    assert run() == {"in/article-1.txt": "converted"}
    sheet.write_text('# the house look\n[styles.body]\nsize = "11pt"  # as before\n', encoding="utf-8")
    assert run() == {"in/article-1.txt": "current"}
    sheet.write_text('[styles.body]\nsize = "12pt"\n', encoding="utf-8")
    assert run() == {"in/article-1.txt": "converted"}


def test_dir_lists_the_public_api_without_importing_it() -> None:
    script = (
        "import sys, convert\n"
        "names = dir(convert)\n"
        "print(sorted(set(convert.__all__) - set(names)), sorted(m for m in sys.modules if m.startswith('convert.')))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert result.stdout.strip() == "[] []"
    assert {"clear_caches", "render", "load_style", "Document", "__version__"} <= set(dir(convert))
    assert not {"Any", "TYPE_CHECKING", "annotations", "import_module"} & set(dir(convert))  # its own machinery
