"""python-bidi's internals the PDF writer uses: the steps of its pure-Python algorithm that resolve
embedding levels, and its table of mirrored characters.

python-bidi's public interface reorders whole strings and says nothing of levels, which the
writer needs to reorder each line after breaking. With another python-bidi, or one whose
internals moved, the levels come from a plainer reading of the algorithm on the standard
library's bidirectional classes (no explicit embeddings or overrides), and only the common
brackets and guillemets are mirrored.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from convert.writers.common.internals import Internals

_STEPS = (
    "get_empty_storage",
    "get_embedding_levels",
    "explicit_embed_and_overrides",
    "resolve_weak_types",
    "resolve_neutral_types",
    "resolve_implicit_levels",
)


def _present() -> bool:
    from bidi import algorithm
    from bidi.mirror import MIRRORED

    storage = algorithm.get_empty_storage()
    return all(hasattr(algorithm, step) for step in _STEPS) and "chars" in storage and isinstance(MIRRORED, dict)


INTERNALS = Internals("python-bidi", "0.6", "1", _present)


def embedding_levels(text: str, rtl: bool) -> list[int | None]:
    """The resolved embedding level of each character of a paragraph (UAX #9, rules P to I);
    None for the characters the algorithm sets aside (bidi controls, boundary neutrals)."""
    if not INTERNALS.usable():
        return _plain_levels(text, rtl)
    from bidi import algorithm

    storage: dict[str, Any] = algorithm.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    try:
        algorithm.get_embedding_levels(_as_the_internals_know_it(text), storage)
        for index, entry in enumerate(storage["chars"]):
            entry["index"] = index
        algorithm.explicit_embed_and_overrides(storage)
        algorithm.resolve_weak_types(storage)
        algorithm.resolve_neutral_types(storage, False)
        algorithm.resolve_implicit_levels(storage, False)
    except (AssertionError, KeyError, IndexError, ValueError):  # a combination its rules do not foresee
        return _plain_levels(text, rtl)
    levels: list[int | None] = [None] * len(text)
    for entry in storage["chars"]:
        levels[entry["index"]] = entry["level"]
    return levels


_ISOLATE_OPENERS = {"\u2066": "\u202a", "\u2067": "\u202b"}  # LRI -> LRE, RLI -> RLE
_ISOLATE_CLOSER = "\u2069"
_SET_ASIDE = "\u200b"
"""ZERO WIDTH SPACE, a boundary neutral: the algorithm sets it aside, as it would an unmatched PDI."""


def _as_the_internals_know_it(text: str) -> str:
    """`text` spelt, character for character so that levels keep their indexes, in what the
    internals know: isolates (Unicode 6.3) as embeddings (LRI and RLI open one, FSI the one of its
    first strong character, a matching PDI closes it, an unmatched one is set aside), and characters
    without a bidirectional class in the standard library (noncharacters, unassigned code points)
    set aside as the boundary neutrals UAX #9 makes of them."""
    if not any("\u2066" <= char <= "\u2069" or not unicodedata.bidirectional(char) for char in text):
        return text
    chars = list(text)
    open_isolates = 0
    for index, char in enumerate(chars):
        if not unicodedata.bidirectional(char):
            chars[index] = _SET_ASIDE
        elif char in _ISOLATE_OPENERS:
            chars[index] = _ISOLATE_OPENERS[char]
            open_isolates += 1
        elif char == "\u2068":  # FSI
            chars[index] = "\u202b" if _first_strong_is_right_to_left(text, index + 1) else "\u202a"
            open_isolates += 1
        elif char == _ISOLATE_CLOSER:
            chars[index] = "\u202c" if open_isolates else _SET_ASIDE
            open_isolates = max(open_isolates - 1, 0)
    return "".join(chars)


def _first_strong_is_right_to_left(text: str, start: int) -> bool:
    """Rule P2 within an isolate: the first strong character before its PDI, skipping nested isolates."""
    depth = 0
    for char in text[start:]:
        kind = unicodedata.bidirectional(char)
        if kind in ("LRI", "RLI", "FSI"):
            depth += 1
        elif kind == "PDI":
            if depth == 0:
                return False
            depth -= 1
        elif depth == 0 and kind in ("L", "R", "AL"):
            return kind != "L"
    return False


_PAIRS = "()[]{}<>\u00ab\u00bb\u2039\u203a"  # brackets and guillemets, each pair opening first
_PLAIN_MIRRORS = dict(zip(_PAIRS[::2] + _PAIRS[1::2], _PAIRS[1::2] + _PAIRS[::2], strict=True))


def mirror_of(char: str) -> str:
    """The character drawn for `char` inside a right-to-left run: its mirror image, where it has one."""
    if INTERNALS.usable():
        from bidi.mirror import MIRRORED

        return str(MIRRORED.get(char, char))
    return _PLAIN_MIRRORS.get(char, char)


_REMOVED = frozenset({"RLE", "LRE", "RLO", "LRO", "PDF", "BN"})
_NEUTRAL = frozenset({"B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"})


def _plain_levels(text: str, rtl: bool) -> list[int | None]:
    """Levels by rules W1 to W7, N1, N2, I1 and I2 over one level run at the paragraph's level."""
    base = 1 if rtl else 0
    start = "R" if rtl else "L"
    kept = [index for index, char in enumerate(text) if unicodedata.bidirectional(char) not in _REMOVED]
    kinds = [unicodedata.bidirectional(text[index]) or "L" for index in kept]
    previous = start
    for at, kind in enumerate(kinds):  # W1: a mark takes the class before it
        kinds[at] = previous if kind == "NSM" else kind
        previous = "ON" if kinds[at] in ("LRI", "RLI", "FSI", "PDI") else kinds[at]
    strong = start
    for at, kind in enumerate(kinds):  # W2, W3
        if kind in ("L", "R", "AL"):
            strong = kind
        if kind == "EN" and strong == "AL":
            kinds[at] = "AN"
    kinds = ["R" if kind == "AL" else kind for kind in kinds]
    for at in range(1, len(kinds) - 1):  # W4
        one, kind, other = kinds[at - 1], kinds[at], kinds[at + 1]
        if (one == other == "EN" and kind in ("ES", "CS")) or (one == other == "AN" and kind == "CS"):
            kinds[at] = one
    for at, kind in enumerate(kinds):  # W5: terminators next to European numbers
        if kind == "ET":
            left = right = at
            while left > 0 and kinds[left - 1] == "ET":
                left -= 1
            while right < len(kinds) - 1 and kinds[right + 1] == "ET":
                right += 1
            if (left > 0 and kinds[left - 1] == "EN") or (right < len(kinds) - 1 and kinds[right + 1] == "EN"):
                kinds[left : right + 1] = ["EN"] * (right + 1 - left)
    kinds = ["ON" if kind in ("ET", "ES", "CS") else kind for kind in kinds]  # W6
    strong = start
    for at, kind in enumerate(kinds):  # W7
        if kind in ("L", "R"):
            strong = kind
        elif kind == "EN" and strong == "L":
            kinds[at] = "L"
    direction = ["R" if kind in ("R", "EN", "AN") else kind for kind in kinds]
    at = 0
    while at < len(direction):  # N1, N2: a run of neutrals between like sides takes that side, else the base
        if direction[at] not in _NEUTRAL:
            at += 1
            continue
        end = at
        while end < len(direction) and direction[end] in _NEUTRAL:
            end += 1
        before = direction[at - 1] if at else start
        after = direction[end] if end < len(direction) else start
        direction[at:end] = [before if before == after else start] * (end - at)
        at = end
    levels: list[int | None] = [None] * len(text)
    for position, resolved, side in zip(kept, kinds, direction, strict=True):  # I1, I2
        if base == 0:
            levels[position] = 2 if resolved in ("AN", "EN") else (1 if side == "R" else 0)
        else:
            levels[position] = 2 if side == "L" or resolved in ("AN", "EN") else 1
    return levels
