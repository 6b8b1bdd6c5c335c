"""Line breaking for text reportlab cannot wrap itself: right-to-left lines, and scripts without spaces.

reportlab breaks lines at spaces and draws characters in the order given. Bidirectional text
must be reordered line by line after the lines are known, and Chinese, Japanese and Thai
break between characters; so these paragraphs are wrapped here and handed to reportlab one
finished line at a time.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START

from convert.text.scripts import breaks_anywhere, is_mark, written_without_spaces
from convert.writers.pdf.bidi import mirrored, paragraph_levels, visual_order
from convert.writers.pdf.faces import string_width
from convert.writers.pdf.runs import Run
from convert.writers.pdf.totalfit import STRETCH, TRACKING, Items, Rules, break_points

SPACES = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u200b\u2028\u2029\u202f\u205f\u3000"
)
"""The characters reportlab splits words at (its own list); each is set as one space."""

_SAFETY = 0.5
"""Points kept free on each line so reportlab, measuring again, never breaks a line a second time."""


_BREAK_AFTER = frozenset("/?&=-_.,;:#~+|\\")
"""Where a word too long for a line (a URL, say) is best cut: after one of these."""
_WELL_FILLED = 0.6
"""A cut after punctuation is taken when it fills at least this share of the line."""
_OPENING = frozenset(("Ps", "Pi"))
_CLOSING = frozenset(("Pe", "Pf"))
_STOPS = frozenset("!,.:;?\uff01\uff0c\uff0e\uff1a\uff1b\uff1f")
"""Stops no line starts with that reportlab's list leaves out: Latin ones and their full-width forms."""


def needs_wrapping_here(text: str) -> bool:
    """Whether `text` has characters reportlab's own line breaking cannot set well."""
    return written_without_spaces(text)


def has_overlong_word(runs: Sequence[Run], width: float) -> bool:
    """Whether a word of `runs` is wider than `width` (reportlab can set such a URL past the margin)."""
    for run in runs:
        if run.line_break or not run.size:
            continue
        shortest = width / (1.5 * run.size)  # no glyph is wider than 1.5 em, so shorter words fit
        for word in run.text.split():
            if len(word) > shortest and string_width(word, run.font, run.size) > width:
                return True
    return False


@dataclass(frozen=True, slots=True)
class _Piece:
    """Characters `start:end` of the paragraph that stay on one line; `gap` is the space before them."""

    start: int
    end: int
    gap: int | None
    hard_break: bool = False


@dataclass(frozen=True, slots=True)
class Line:
    """One wrapped line: its runs in drawing order, and whether a forced break or the paragraph ends it."""

    runs: list[Run]
    hard_end: bool


def wrap_runs(runs: Sequence[Run], first_width: float, width: float, rtl: bool, justify: bool = False) -> list[Line]:
    """`runs` broken into lines no wider than the widths given, each line's runs in drawing order.

    Lines to be justified are broken by total fit (`totalfit`), the rest by first fit."""
    owners: list[int] = []
    parts: list[str] = []
    for index, run in enumerate(runs):
        piece = "\n" if run.line_break else run.text
        parts.append(piece)
        owners.extend([index] * len(piece))
    text = "".join(parts)
    if not text.strip():
        return []
    advances = [_advance(" " if char in SPACES else char, runs[owners[at]]) for at, char in enumerate(text)]
    pieces = _pieces(text, runs, owners)
    sizes = [runs[owner].size for owner in owners]
    lines = (_fill_total(pieces, advances, sizes, first_width, width) if justify else None) or _fill(
        text, pieces, advances, first_width, width
    )
    levels = paragraph_levels(text, rtl)
    return [
        Line(_line_runs(text, line, levels, runs, owners), line.hard_end or number == len(lines) - 1)
        for number, line in enumerate(lines)
    ]


def _advance(char: str, run: Run) -> float:
    return string_width(char, run.font, run.size)


def _pieces(text: str, runs: Sequence[Run], owners: list[int]) -> list[_Piece]:
    """The unbreakable pieces of the paragraph, with the space (if any) before each."""
    pieces: list[_Piece] = []
    gap: int | None = None
    start: int | None = None
    for at, char in enumerate(text):
        if char == "\n" and runs[owners[at]].line_break:
            if start is not None:
                pieces.append(_Piece(start, at, gap))
            pieces.append(_Piece(at, at, None, hard_break=True))
            start = gap = None
        elif char in SPACES:
            if start is not None:
                pieces.append(_Piece(start, at, gap))
                start = None
                gap = at
            elif gap is None and pieces and not pieces[-1].hard_break:
                gap = at
        elif start is None:
            start = at
        elif _may_break_between(text[at - 1], char):
            pieces.append(_Piece(start, at, gap))
            start, gap = at, None
    if start is not None:
        pieces.append(_Piece(start, len(text), gap))
    return pieces


def _may_break_between(before: str, after: str) -> bool:
    """Whether a line may end between two characters beside CJK text: never after an opening bracket
    or quote, nor before a closing one or a stop (kinsoku, by reportlab's CJK lists and Unicode's classes)."""
    if not (breaks_anywhere(before) or breaks_anywhere(after)):
        return False
    if before in ALL_CANNOT_END or unicodedata.category(before) in _OPENING:
        return False
    if after in ALL_CANNOT_START or unicodedata.category(after) in _CLOSING or after in _STOPS:
        return False
    return _starts_cluster(after, before)


def _starts_cluster(char: str, before: str) -> bool:
    return before != "\u200d" and not is_mark(char) and char not in "\ufe0e\ufe0f"


@dataclass(slots=True)
class _Line:
    pieces: list[_Piece]
    width: float = 0.0
    hard_end: bool = False


def _fill(text: str, pieces: list[_Piece], advances: list[float], first_width: float, width: float) -> list[_Line]:
    """Greedy line filling; a piece wider than a whole line is cut between letters."""
    lines: list[_Line] = []
    line = _Line([])

    def limit() -> float:
        return max((first_width if not lines else width) - _SAFETY, 1.0)

    for piece in pieces:
        if piece.hard_break:
            line.hard_end = True
            lines.append(line)
            line = _Line([])
            continue
        size = sum(advances[piece.start : piece.end])
        gap = advances[piece.gap] if line.pieces and piece.gap is not None else 0.0
        if line.width + gap + size <= limit():
            line.pieces.append(piece)
            line.width += gap + size
            continue
        if size <= limit():
            if line.pieces:
                lines.append(line)
            line = _Line([_Piece(piece.start, piece.end, None)], size)
            continue
        # Wider than a whole line: it starts where the line has got to, as reportlab does.
        start, gap_index = piece.start, piece.gap if line.pieces else None
        while start < piece.end:
            room = limit() - line.width - (advances[gap_index] if gap_index is not None else 0.0)
            end, used = _cut(text, advances, start, piece.end, room) if room > 0 else (start, 0.0)
            if end == start or (line.pieces and used > room):
                lines.append(line)
                line, gap_index = _Line([]), None
                continue
            line.pieces.append(_Piece(start, end, gap_index))
            line.width += used + (advances[gap_index] if gap_index is not None else 0.0)
            gap_index, start = None, end
            if start < piece.end:
                lines.append(line)
                line = _Line([])
    if line.pieces:
        lines.append(line)
    return lines


def _fill_total(
    pieces: list[_Piece], advances: list[float], sizes: list[float], first_width: float, width: float
) -> list[_Line] | None:
    """Lines chosen by total fit; None when a piece is wider than a line (first fit cuts it) or a line is forced.

    A space between pieces is glue that stretches, as reportlab widens it; a break between CJK
    characters (where `_pieces` allows one: kinsoku holds) is glue of no width that stretches
    as the letters of the piece after it may spread, as `setlines` draws such lines."""
    if any(piece.hard_break for piece in pieces):
        return None
    items = Items()
    for number, piece in enumerate(pieces):
        if number and piece.gap is not None:
            space = advances[piece.gap]
            items.glue(space, space * STRETCH, 0.0)  # no shrink: reportlab, justifying, only stretches
        elif number:
            items.glue(0.0, TRACKING * sizes[piece.start] * (piece.end - piece.start), 0.0)
        items.box(sum(advances[piece.start : piece.end]))
    first, rest = max(first_width - _SAFETY, 1.0), max(width - _SAFETY, 1.0)
    breaks = break_points(items, first, rest, Rules(tolerance=float("inf")))
    if breaks is None:
        return None
    lines: list[_Line] = []
    start = 0
    for position in breaks:
        end = (position + 1) // 2  # items alternate: box, glue, box
        chosen = [pieces[start], *pieces[start + 1 : end]] if start < end else []
        lines.append(_Line([_Piece(chosen[0].start, chosen[0].end, None), *chosen[1:]]))
        start = end
    return lines


def _cut(text: str, advances: list[float], start: int, end: int, room: float) -> tuple[int, float]:
    """The end of the longest run of whole letters (with their marks) from `start` that fits `room`.

    A cut just after a slash or other punctuation is preferred when the line is still well
    filled, so that URLs break where a reader expects.
    """
    used = 0.0
    best, best_used = start, 0.0
    tidy, tidy_used = start, 0.0
    for at in range(start, end):
        if at > start and _starts_cluster(text[at], text[at - 1]):
            best, best_used = at, used
            if text[at - 1] in _BREAK_AFTER:
                tidy, tidy_used = at, used
        used += advances[at]
        if used > room and best > start:
            if tidy > start and tidy_used >= _WELL_FILLED * room:
                return tidy, tidy_used
            return best, best_used
    if used <= room:
        return end, used
    # Not even one letter fits: put it alone on the line rather than lose it.
    return (best, best_used) if best > start else (_next_cluster(text, start, end), used)


def _next_cluster(text: str, start: int, end: int) -> int:
    at = start + 1
    while at < end and not _starts_cluster(text[at], text[at - 1]):
        at += 1
    return at


def _line_runs(text: str, line: _Line, levels: list[int], runs: Sequence[Run], owners: list[int]) -> list[Run]:
    """One line's characters reordered for drawing and grouped back into runs."""
    indexes: list[int] = []
    for position, piece in enumerate(line.pieces):
        if position and piece.gap is not None:
            indexes.append(piece.gap)
        indexes.extend(range(piece.start, piece.end))
    chars = [" " if text[at] in SPACES else text[at] for at in indexes]
    order = visual_order(chars, [levels[at] for at in indexes])
    result: list[Run] = []
    for position in order:
        at = indexes[position]
        owner = runs[owners[at]]
        char = mirrored(chars[position], levels[at])
        last = result[-1] if result else None
        if last is not None and (last.font, last.color, last.link) == (owner.font, owner.color, owner.link):
            result[-1] = Run(last.text + char, last.font, last.size, last.color, last.link)
        else:
            result.append(Run(char, owner.font, owner.size, owner.color, owner.link))
    return result
