"""Justified paragraphs broken by total fit: each line's runs, for `setlines` to draw with its own spacing.

The words are measured as reportlab measures them and offered to `totalfit` with the places they
may be hyphenated; a space stretches and shrinks, and so, a little, do the letters of the word
after it (the tracking `setlines` draws). Two passes, as TeX's: one that keeps every line within
a tolerance, then any looseness rather than a line past the margin.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from convert.caches import memoised
from convert.text.hyphenation import MOST_HYPHENS_IN_A_ROW, word_core
from convert.text.spacing import NO_BREAK_SPACE
from convert.writers.pdf.faces import has_char, string_width
from convert.writers.pdf.hyphenation import Hyphenator
from convert.writers.pdf.runs import Run
from convert.writers.pdf.totalfit import (
    INFINITY,
    SHRINK,
    STRETCH,
    TRACKING,
    TRACKING_SHRINK,
    Items,
    Rules,
    break_points,
)
from convert.writers.pdf.wrapping import SPACES

HYPHEN = "\u00ad"
"""What ends a hyphenated line: the soft hyphen, drawn as a hyphen, so that text taken out of the PDF
says the word was cut there and joins it again."""
PLAIN_HYPHEN = "-"
"""For a face that has no soft hyphen."""
HYPHEN_PENALTY = 50.0
"""TeX's \\hyphenpenalty and \\exhyphenpenalty: the cost of a line ending in a hyphen."""
URL_PENALTY = 100.0
"""The cost of cutting a long link after one of its slashes or dots."""
_LONG_TOKEN = 24
"""Letters from which a word without spaces (a link, a path) may be cut after its punctuation."""
_CUT_AFTER = frozenset("/?&=_.#~+|\\")
_EXPLICIT_HYPHENS = frozenset("-\u2010")
_WORDS = re.compile("[^" + re.escape("".join(sorted(SPACES))) + "]+")
_PLAIN_SPACES = SPACES - {" "}
_MAX_WORDS = 50_000
_SAFETY = 0.5
"""Points kept free on each line, so reportlab's own measuring agrees that every line fits."""

_PASSES = (
    # With hyphenation, spaces at most doubled: almost every paragraph ends here.
    Rules(tolerance=2.0, most_flagged_in_a_row=MOST_HYPHENS_IN_A_ROW),
    # Any looseness rather than a line past the margin.
    Rules(tolerance=float("inf"), most_flagged_in_a_row=MOST_HYPHENS_IN_A_ROW),
)
"""TeX's passes, short of its first without hyphenation: on news text (names, figures) that one
mostly fails, and the paragraphs it sets take as many hyphens from the second."""


@dataclass(frozen=True, slots=True)
class Broken:
    """A paragraph's lines, each its runs, which of them end in a hyphen, and which in the soft hyphen of a cut."""

    lines: list[list[Run]]
    hyphenated: frozenset[int]
    soft_hyphens: frozenset[int] = frozenset()
    """The lines whose last character is `HYPHEN`, drawn where the line cut a word."""


def break_justified(
    runs: Sequence[Run], first_width: float, width: float, hyphenator: Hyphenator | None
) -> Broken | None:
    """`runs` broken into lines of `first_width` then `width` points; None when a word is wider than a line."""
    text = "".join(run.text for run in runs)
    owners = [index for index, run in enumerate(runs) for _ in run.text]
    first, rest = first_width - _SAFETY, width - _SAFETY
    items, starts, hyphens = _items(text, owners, runs, hyphenator)
    for rules in _PASSES:
        breaks = break_points(items, first, rest, rules)
        if breaks is not None:
            return _broken(text, owners, runs, items, starts, hyphens, breaks)
    return None


def _items(
    text: str, owners: list[int], runs: Sequence[Run], hyphenator: Hyphenator | None
) -> tuple[Items, list[int], set[int]]:
    """The paragraph as boxes, glue and penalties, where each item starts in `text`, and the hyphens drawn."""
    items = Items()
    starts: list[int] = []
    hyphens: set[int] = set()
    previous_end = 0
    positions = hyphenator.positions if hyphenator is not None else None
    measures = [_measures(run.font, run.size) for run in runs]
    box, glue, mark = items.box, items.glue, starts.append
    for match in _WORDS.finditer(text):
        start, end = match.span()
        owner = owners[start]
        if starts:  # spaces before the first word or after the last are not set
            space, stretch, shrink, letter, letter_shrink = measures[owners[previous_end]].space
            length = end - start + 1  # the space and the word after it
            glue(space, stretch + letter * length, shrink + letter_shrink * length)
            mark(previous_end)
        previous_end = end
        word = match.group()
        if (
            owner == owners[end - 1]
            and len(word) < _LONG_TOKEN
            and not (positions is not None and positions(word))
            and _EXPLICIT_HYPHENS.isdisjoint(word)
            and NO_BREAK_SPACE not in word
        ):  # the usual word: one box
            box(measures[owner].width(word))
            mark(start)
            continue
        _word(text, owners, runs, start, end, hyphenator, items, starts, hyphens)
    return items, starts, hyphens


class _Measures:
    """One face at one size: its space and what it stretches by, and the words measured so far."""

    def __init__(self, font: str, size: float) -> None:
        self.font, self.size = font, size
        space = string_width(" ", font, size)
        letter = TRACKING * size
        self.space = (space, space * STRETCH, space * SHRINK, letter, letter * TRACKING_SHRINK)
        self._widths: dict[str, float] = {}

    def width(self, word: str) -> float:
        found = self._widths.get(word)
        if found is None:
            if len(self._widths) >= _MAX_WORDS:
                self._widths.clear()
            found = self._widths[word] = string_width(word, self.font, self.size)
        return found


@memoised(64)
def _measures(font: str, size: float) -> _Measures:
    return _Measures(font, size)


def _word(
    text: str,
    owners: list[int],
    runs: Sequence[Run],
    start: int,
    end: int,
    hyphenator: Hyphenator | None,
    items: Items,
    starts: list[int],
    hyphens: set[int],
) -> None:
    """One word as boxes (one per run it spans), with a penalty at each place it may break."""
    word = text[start:end]
    cuts: dict[int, tuple[float, bool, bool]] = {}  # offset -> (cost, draws a hyphen, ends a hyphenated line)
    if hyphenator is not None:
        for offset in hyphenator.positions(word):
            cuts[offset] = (HYPHEN_PENALTY, True, True)
    core_start, core_end = word_core(word)
    for offset in range(core_start + 1, core_end - 1):
        if word[offset] in _EXPLICIT_HYPHENS and word[offset - 1].isalpha() and word[offset + 1].isalpha():
            cuts[offset + 1] = (HYPHEN_PENALTY, False, True)
    if len(word) >= _LONG_TOKEN:
        for offset in range(1, len(word) - 1):
            if word[offset - 1] in _CUT_AFTER and word[offset] not in _CUT_AFTER:
                cuts.setdefault(offset, (URL_PENALTY, False, False))
    piece_start = start
    for at in range(start, end + 1):
        tie = at < end and text[at] == NO_BREAK_SPACE
        boundary = at == end or tie or (at > start and owners[at] != owners[at - 1])
        cut = cuts.get(at - start) if start < at < end and not tie else None
        if not (boundary or cut):
            continue
        if at > piece_start:
            run = runs[owners[piece_start]]
            items.box(_measures(run.font, run.size).width(text[piece_start:at]))
            starts.append(piece_start)
        piece_start = at
        if tie:  # a space no line breaks at that still stretches and shrinks with the others, as TeX's ~
            space, stretch, shrink, letter, letter_shrink = _measures(
                runs[owners[at]].font, runs[owners[at]].size
            ).space
            items.penalty(0.0, INFINITY, False)
            items.glue(space, stretch + letter, shrink + letter_shrink)
            starts.extend((at, at))
            piece_start = at + 1
            continue
        if cut is not None:
            cost, draws_hyphen, flagged = cut
            before = runs[owners[at - 1]]
            width = _measures(before.font, before.size).width(HYPHEN) if draws_hyphen else 0.0
            items.penalty(width, cost, flagged)
            starts.append(at)
            if draws_hyphen:
                hyphens.add(len(items) - 1)


def _broken(
    text: str,
    owners: list[int],
    runs: Sequence[Run],
    items: Items,
    starts: list[int],
    hyphens: set[int],
    breaks: list[int],
) -> Broken:
    """Each line's runs, a hyphen drawn where a word was cut."""
    lines: list[list[Run]] = []
    hyphenated: set[int] = set()
    soft_hyphens: set[int] = set()
    line_start = 0
    for number, position in enumerate(breaks):
        final = position == len(items)
        line_end = len(text) if final else starts[position]
        while line_end > line_start and text[line_end - 1] in SPACES:
            line_end -= 1
        line: list[Run] = []
        _append(line, runs, owners, line_start, line_end, text)
        lines.append(line)
        if final:
            break
        if position in hyphens:
            last = runs[owners[line_end - 1]]
            mark = HYPHEN if has_char(last.font, HYPHEN) else PLAIN_HYPHEN
            _append_run(line, Run(mark, last.font, last.size, last.color, last.link))
            if mark == HYPHEN:
                soft_hyphens.add(number)
        if items.flagged[position]:
            hyphenated.add(number)
        line_start = _next_start(text, starts[position])
    return Broken(lines, frozenset(hyphenated), frozenset(soft_hyphens))


def _next_start(text: str, at: int) -> int:
    while at < len(text) and text[at] in SPACES:
        at += 1
    return at


def _append(result: list[Run], runs: Sequence[Run], owners: list[int], start: int, end: int, text: str) -> None:
    at = start
    while at < end:
        owner = owners[at]
        stop = at
        while stop < end and owners[stop] == owner:
            stop += 1
        source = runs[owner]
        piece = text[at:stop]
        if not _PLAIN_SPACES.isdisjoint(piece):  # word spaces are drawn as spaces, which justification widens
            piece = "".join(" " if char in _PLAIN_SPACES else char for char in piece)
        _append_run(result, Run(piece, source.font, source.size, source.color, source.link))
        at = stop


def _append_run(result: list[Run], run: Run) -> None:
    last = result[-1] if result else None
    if (
        last is not None
        and not last.line_break
        and (last.font, last.size, last.color, last.link)
        == (
            run.font,
            run.size,
            run.color,
            run.link,
        )
    ):
        result[-1] = Run(last.text + run.text, run.font, run.size, run.color, run.link)
    else:
        result.append(run)
