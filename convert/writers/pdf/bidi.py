"""Right-to-left text: embedding levels for a paragraph, then each wrapped line in visual order."""

from __future__ import annotations

import unicodedata

from convert.text.direction import has_right_to_left
from convert.writers.pdf.adapters.bidi_adapter import embedding_levels, mirror_of

_JOINERS = frozenset(
    "\u200d\ufe00\ufe01\ufe02\ufe03\ufe04\ufe05\ufe06\ufe07\ufe08\ufe09\ufe0a\ufe0b\ufe0c\ufe0d\ufe0e\ufe0f"
)


def paragraph_levels(text: str, rtl: bool) -> list[int]:
    """The resolved embedding level of every character of a paragraph (UAX #9, rules P to I).

    Characters the algorithm sets aside (bidi controls, joiners) take their neighbour's level,
    so that no character is lost on the way.
    """
    base = 1 if rtl else 0
    if not has_right_to_left(text) and not rtl:
        return [0] * len(text)
    levels = embedding_levels(text, rtl)
    resolved: list[int] = []
    previous = base
    for level in levels:
        previous = previous if level is None else level
        resolved.append(previous)
    return resolved


def visual_order(chars: list[str], levels: list[int]) -> list[int]:
    """Indexes of one line's characters in the order they are drawn, left to right (rule L2).

    A letter and the marks that follow it move together, so a reversed run still draws each
    vowel sign after (on top of) its letter.
    """
    clusters: list[list[int]] = []
    for index, char in enumerate(chars):
        if clusters and (_continues_cluster(char) or chars[index - 1] == "\u200d"):
            clusters[-1].append(index)
        else:
            clusters.append([index])
    cluster_levels = [levels[cluster[0]] for cluster in clusters]
    order = list(range(len(clusters)))
    odd = [level for level in cluster_levels if level % 2]
    if odd:
        for level in range(max(cluster_levels), min(odd) - 1, -1):
            start = 0
            while start < len(order):
                if cluster_levels[order[start]] >= level:
                    end = start
                    while end < len(order) and cluster_levels[order[end]] >= level:
                        end += 1
                    order[start:end] = order[start:end][::-1]
                    start = end
                else:
                    start += 1
    return [index for position in order for index in clusters[position]]


def mirrored(char: str, level: int) -> str:
    """`char` as drawn at `level`: brackets and the like face the other way inside right-to-left runs (L4)."""
    if level % 2 and unicodedata.mirrored(char):
        return mirror_of(char)
    return char


def _continues_cluster(char: str) -> bool:
    return unicodedata.category(char) in ("Mn", "Mc", "Me") or char in _JOINERS
