"""Hyphenation dictionaries (pyphen) for reportlab's line breaking, chosen by the text's language."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyphen

from convert.atomic import write_atomically
from convert.caches import memoised
from convert.fonts import cache_dir

_MAX_WORDS = 50_000


class Hyphenator:
    """Callable reportlab asks for the places a word may break: (head, tail) pairs, longest head first."""

    def __init__(self, language: str) -> None:
        self.language = language
        _load_patterns(pyphen.LANGUAGES[language])
        self._dictionary = pyphen.Pyphen(lang=language)
        self._known: dict[str, tuple[tuple[str, str], ...]] = {}

    def __call__(self, word: str) -> Iterator[tuple[str, str]]:
        # News text repeats its words: each is looked up in the dictionary once.
        pairs = self._known.get(word)
        if pairs is None:
            if len(self._known) >= _MAX_WORDS:
                self._known.clear()
            pairs = self._known[word] = tuple(self._dictionary.iterate(word))
        return iter(pairs)

    def __deepcopy__(self, memo: dict[int, object]) -> Hyphenator:
        # reportlab deep-copies paragraph styles when it splits a paragraph; the dictionary is shared.
        return self


@memoised(32)
def hyphenator_for(language: str) -> Hyphenator | None:
    """The hyphenator for a BCP 47 language tag such as "en" or "pt-BR", or None if pyphen has none."""
    tag = language.replace("-", "_")
    found = pyphen.language_fallback(tag)
    return Hyphenator(found) if found else None


def _load_patterns(path: Path) -> None:
    """Put the patterns of `path` in pyphen's own cache, read from our cache folder when there.

    pyphen parses a dictionary's text on first use, 50 ms for English: most of the time of a
    one-article PDF. The parsed patterns are kept as JSON, keyed by pyphen's version and the
    dictionary file; dictionaries with non-standard breaks (rare) are parsed every time.
    """
    if path in pyphen.hdcache:
        return
    try:
        stat = path.stat()
        key = hashlib.sha256(f"{pyphen.__version__}\0{path}\0{stat.st_size}\0{stat.st_mtime_ns}".encode()).hexdigest()
        cached = cache_dir() / "hyphenation" / f"{path.stem}-{key[:20]}.json"
    except OSError:
        return
    try:
        tree = json.loads(cached.read_bytes())
        pyphen.hdcache[path] = _patterns_from(tree)
        return
    except (OSError, ValueError, KeyError, TypeError):
        pass  # not made yet, or unreadable: parse the dictionary
    parsed = pyphen.HyphDict(path)
    pyphen.hdcache[path] = parsed
    tree = _tree_of(parsed)
    if tree is not None:
        with contextlib.suppress(OSError):  # a read-only cache folder only costs the parsing
            write_atomically(cached, json.dumps(tree, ensure_ascii=False).encode("utf-8"))


def _tree_of(parsed: Any) -> dict[str, Any] | None:
    patterns: dict[str, tuple[int, tuple[int, ...]]] = parsed.patterns
    if any(type(value) is not int for _, values in patterns.values() for value in values):
        return None  # a non-standard break's data has no JSON form here
    return {
        "maxlen": parsed.maxlen,
        "patterns": {tags: [start, list(values)] for tags, (start, values) in patterns.items()},
    }


def _patterns_from(tree: dict[str, Any]) -> Any:
    parsed = pyphen.HyphDict.__new__(pyphen.HyphDict)  # filled in as its __init__ would
    parsed.patterns = {
        tags: (int(start), tuple(map(int, values))) for tags, (start, values) in tree["patterns"].items()
    }
    parsed.maxlen = int(tree["maxlen"])
    parsed.cache = {}
    return parsed
