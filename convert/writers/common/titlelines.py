"""Where a display title breaks: at its sense and never inside a date, by one rule for every format.

The cover and the title page set the publication's title in a few large centred lines. Broken
wherever the words run out, "News digest, 9 January \u2013 27 March 2024" becomes "News digest, 9
January \u2013" / "27 March 2024": a date split, the phrases mixed. A reader takes a title in by its
phrases, so the lines follow them: the title is cut into phrases after a comma, colon, semicolon,
question or exclamation mark (not a full stop, which ends "St." as often as a sentence); a phrase
too long for a line is cut after its spaced dashes; only a part still too long is broken between
words, into the fewest lines, as even as they can be, not ending on a little word ("of", "the"),
and never at a space `bind_spaces` binds (in a date, between a number and its unit).

The paged formats measure with the face files' own advance widths (`fonts.metrics`), so the PDF
and the DOCX, whose pages are alike, break a title alike; the cover picture measures with the
fonts it draws with; EPUB, whose page width only the reader knows, keeps each phrase together
where it fits (`phrases`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from convert.fonts import FontFamily
from convert.fonts.metrics import line_width
from convert.styles.types import TextStyle
from convert.text.phrases import ELLIPSIS
from convert.text.scripts import written_without_spaces
from convert.text.spacing import FUNCTION_WORDS, NO_BREAK_SPACE, bind_spaces
from convert.writers.common.cover import TITLE_LINES, TITLE_SIZES, scaled

PAGED_ROOM = 0.97
"""The share of the text width a paged title line may fill: Word or LibreOffice setting it in a
face hinted or substituted a little wider than the face file measures must not wrap it again."""

Measure = Callable[[str], float]
"""The width of a line, in the unit of the room it must fit."""

_PHRASE_END = re.compile(r"(?<=[,;:?!])\s+")
"""After a phrase's closing mark: where a title breaks first."""
_AFTER_DASH = re.compile(r"(?<=\s[\u2013\u2014])\s+")
"""After a spaced en or em dash ("9 January \u2013 27 March"): the break inside a phrase."""
_LITTLE_WORD_END = 0.25
"""What a line ending on a function word costs, as a share of the squared room: a line that much
less even is preferred."""


def sense_lines(title: str, width: Measure, room: float) -> tuple[str, ...]:
    """`title` in the lines it is set in, each at most `room` wide (unless one character is wider)."""
    text = " ".join(title.split())
    if not text or width(text) <= room:
        return (text,)
    lines: list[str] = []
    joinable = False  # the last line holds whole phrases, so the next whole phrase may join it
    for phrase in _PHRASE_END.split(text):
        if width(phrase) <= room:
            if joinable and width(f"{lines[-1]} {phrase}") <= room:
                lines[-1] = f"{lines[-1]} {phrase}"
            else:
                lines.append(phrase)
            joinable = True
            continue
        for part in _AFTER_DASH.split(phrase):
            lines.extend(_even_lines(part, width, room))
        joinable = False
    return tuple(lines)


def phrases(title: str) -> tuple[str, ...]:
    """`title` in its phrases, the first places it breaks; joined by single spaces they are the title."""
    return tuple(_PHRASE_END.split(" ".join(title.split())))


@dataclass(frozen=True, slots=True)
class FittedTitle:
    """A title's lines at the size they fit."""

    factor: float
    """The share of the style's size the title is set at."""
    lines: tuple[str, ...]


def fitted_title(
    title: str, measure_at: Callable[[float], Measure], room: float, factors: tuple[float, ...], most: int
) -> FittedTitle:
    """`title` at the first of `factors` (largest first) at which it takes at most `most` lines that fit;
    else at the last, its lines cut short after `most` with an ellipsis."""
    lines: tuple[str, ...] = ()
    for factor in factors:
        width = measure_at(factor)
        lines = sense_lines(title, width, room)
        if len(lines) <= most and all(width(line) <= room for line in lines):
            return FittedTitle(factor, lines)
    factor = factors[-1]
    width = measure_at(factor)
    kept = list(lines[:most])
    cut = kept[-1]
    while cut and width(cut + ELLIPSIS) > room:
        cut = cut[:-1]
    kept[-1] = cut.rstrip() + ELLIPSIS
    return FittedTitle(factor, tuple(kept))


def _narrowed(word: str, width: Measure, room: float) -> list[str]:
    """`word` as it is, or, when it is text written without spaces (Chinese, Japanese, Thai) too wide
    for a line, cut between characters into pieces that fit. A wider word of other scripts stays
    whole: the title is then set smaller (`fitted_title`)."""
    if width(word) <= room or not written_without_spaces(word):
        return [word]
    pieces = [""]
    for char in word:
        if pieces[-1] and width(pieces[-1] + char) > room:
            pieces.append("")
        pieces[-1] += char
    return pieces


def _even_lines(text: str, width: Measure, room: float) -> list[str]:
    """`text` broken between words into the fewest lines that fit, as even as they can be."""
    # Each piece with what joins it to the one before: a space between words, nothing inside a word.
    pieces = [
        (piece, " " if index == 0 else "")
        for word in bind_spaces(text).split(" ")
        for index, piece in enumerate(_narrowed(word, width, room))
    ]
    count = len(pieces)

    def line(start: int, end: int) -> str:
        return "".join(glue + piece for piece, glue in pieces[start:end])[len(pieces[start][1]) :]

    # best[i]: (lines, cost) of the best setting of pieces[i:]; ends[i]: where its first line ends.
    best: list[tuple[int, float]] = [(0, 0.0)] * (count + 1)
    ends = [count] * (count + 1)
    for start in range(count - 1, -1, -1):
        best[start] = (count + 1, 0.0)
        for end in range(start + 1, count + 1):
            slack = room - width(line(start, end))
            if slack < 0 and end > start + 1:
                break  # a longer line fits even less
            lines, cost = best[end]
            cost += max(slack, 0.0) ** 2
            if end < count and pieces[end - 1][0].casefold() in FUNCTION_WORDS:
                cost += _LITTLE_WORD_END * room**2
            if (lines + 1, cost) < best[start]:
                best[start], ends[start] = (lines + 1, cost), end
    broken: list[str] = []
    start = 0
    while start < count:
        broken.append(line(start, ends[start]).replace(NO_BREAK_SPACE, " "))
        start = ends[start]
    return broken


def measure(text_style: TextStyle, fallbacks: Sequence[FontFamily]) -> Measure:
    """How wide a line is in `text_style` on a page, in points: the measure the PDF and the DOCX share,
    with PAGED_ROOM's margin in it."""
    return lambda text: (
        line_width(text, text_style.family, fallbacks, text_style.size, text_style.bold, text_style.italic) / PAGED_ROOM
    )


def paged_cover_title(title: str, text_style: TextStyle, fallbacks: Sequence[FontFamily], room: float) -> FittedTitle:
    """The cover title as the PDF and the DOCX set it: sized and broken to `room` points."""
    return fitted_title(
        title, lambda factor: measure(scaled(text_style, factor), fallbacks), room, TITLE_SIZES, TITLE_LINES
    )
