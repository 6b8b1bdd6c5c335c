"""Hyphenation patterns: parsed by pyphen once per machine, then read back from the cache folder."""

from __future__ import annotations

from pathlib import Path

import pyphen
import pytest

from convert.writers.pdf.hyphenation import Hyphenator

ENGLISH = pyphen.LANGUAGES["en_US"]
WORDS = ["hyphenation", "extraordinary", "municipality", "infrastructure", "a", "Transportation"]


@pytest.fixture
def empty_caches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CONVERT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(pyphen, "hdcache", {})
    return tmp_path / "cache" / "hyphenation"


def breaks(hyphenator: Hyphenator) -> list[list[tuple[str, str]]]:
    return [list(hyphenator(word)) for word in WORDS]


def test_cached_patterns_break_words_as_freshly_parsed_ones(empty_caches: Path) -> None:
    first = Hyphenator("en_US")
    assert [path.suffix for path in empty_caches.iterdir()] == [".json"]
    parsed = pyphen.hdcache[ENGLISH]
    pyphen.hdcache.clear()
    second = Hyphenator("en_US")
    assert pyphen.hdcache[ENGLISH] is not parsed
    assert pyphen.hdcache[ENGLISH].patterns == parsed.patterns
    assert pyphen.hdcache[ENGLISH].maxlen == parsed.maxlen
    assert breaks(second) == breaks(first)
    assert ("hyphen", "ation") in breaks(second)[0]


def test_a_damaged_cache_file_is_parsed_again(empty_caches: Path) -> None:
    expected = breaks(Hyphenator("en_US"))
    (cached,) = empty_caches.iterdir()
    cached.write_text('{"maxlen": 5, "patterns": {"ab": [', encoding="utf-8")
    pyphen.hdcache.clear()
    assert breaks(Hyphenator("en_US")) == expected


def test_an_unwritable_cache_folder_only_costs_the_parsing(empty_caches: Path) -> None:
    empty_caches.parent.mkdir(parents=True)
    empty_caches.write_text("a file where the folder would go", encoding="utf-8")
    assert ("hyphen", "ation") in breaks(Hyphenator("en_US"))[0]
