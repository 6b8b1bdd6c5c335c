"""pyphen's internals the PDF writer uses: its cache of parsed dictionaries, filled from our own cache folder.

pyphen parses a dictionary's text on first use, 50 ms for English: most of the time of a
one-article PDF. The parsed patterns are kept as JSON, keyed by pyphen's version and the
dictionary file, and put in pyphen's own cache (`hdcache`) as the `HyphDict` its parser would
have made. With another pyphen, or one whose internals moved, pyphen parses the dictionary
itself: the same breaks, at pyphen's own cost.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

import pyphen

from convert.atomic import write_atomically
from convert.fonts import cache_dir
from convert.writers.common.internals import Internals


def _present() -> bool:
    assigned = set(pyphen.HyphDict.__init__.__code__.co_names)  # the attributes its parser fills in
    return isinstance(pyphen.hdcache, dict) and {"patterns", "maxlen", "cache"} <= assigned


INTERNALS = Internals("pyphen", "0.16", "1", _present)


def load_patterns(path: Path) -> None:
    """Put the patterns of dictionary `path` in pyphen's own cache, read from our cache folder when there.

    Dictionaries with non-standard breaks (rare) are parsed every time; a read-only cache
    folder only costs the parsing."""
    if not INTERNALS.usable() or path in pyphen.hdcache:
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
        with contextlib.suppress(OSError):
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
