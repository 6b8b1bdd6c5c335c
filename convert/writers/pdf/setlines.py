"""Justified lines drawn as they were broken: each line's slack shared between its word spaces and its letters.

reportlab's paragraphs can justify only by widening word spaces, the same letter spacing on every
line. A line broken by total fit here is drawn directly on the canvas instead: its word spaces
take the slack up to half their width (`Tw`), and its letters a little of it too (`Tc`, at most
`TRACKING` of an em each way), so loose lines are rarer than spaces alone allow. The block splits
between lines like any paragraph (no widow, no orphan, no hyphen at a page's foot).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from convert.text.scripts import is_mark
from convert.text.spacing import NO_BREAK_SPACE
from convert.writers.pdf.adapters import reportlab_adapter as internals
from convert.writers.pdf.faces import string_width
from convert.writers.pdf.paragraphs import OutlineEntry, add_bookmark, lines_before_break
from convert.writers.pdf.runs import Run
from convert.writers.pdf.totalfit import SHRINK, STRETCH, TRACKING, TRACKING_SHRINK

_FUZZ = 1e-6
_CUT_AS = "-"
"""What text extraction that reads ActualText takes a line-end soft hyphen for (see `_marked_hyphen`)."""


@dataclass(frozen=True, slots=True)
class SetLine:
    """One line: its runs (spaces included), where it starts, and whether it is justified."""

    runs: tuple[Run, ...]
    indent: float
    justified: bool
    natural: float
    """Its width with every space and letter at its natural width."""
    spaces: int
    space_width: float
    """The natural width of one of its spaces."""
    glyphs: int
    size: float
    soft_hyphen: bool = False
    """Whether its last character is the soft hyphen drawn where it cut a word."""
    spreads: bool = True
    """Whether its letters may take all its slack when it has no spaces (CJK): not when a combining
    mark is among them (Thai), which letter spacing would move off its letter."""


def set_line(runs: Sequence[Run], indent: float, justified: bool, soft_hyphen: bool = False) -> SetLine:
    """A line of `runs`, measured; `soft_hyphen` when it ends in the soft hyphen drawn at a cut."""
    natural = sum(string_width(run.text, run.font, run.size) for run in runs)
    spaces = sum(run.text.count(" ") + run.text.count(NO_BREAK_SPACE) for run in runs)  # both drawn as code 32
    first = runs[0] if runs else None
    space = string_width(" ", first.font, first.size) if first is not None else 0.0
    glyphs = sum(len(run.text) for run in runs)
    size = max((run.size for run in runs), default=0.0)
    marks = any(is_mark(char) for run in runs for char in run.text)
    return SetLine(tuple(runs), indent, justified, natural, spaces, space, glyphs, size, soft_hyphen, not marks)


def spacing(line: SetLine, room: float) -> tuple[float, float]:
    """The extra width of each word space and of each letter (`Tw`, `Tc`) that fills `room`."""
    if not line.justified or line.glyphs < 2:
        return 0.0, 0.0
    slack = room - line.natural
    gaps = line.glyphs - 1  # the last letter's spacing falls past the line's end
    if slack >= 0:
        letters, words = TRACKING * line.size * gaps, STRETCH * line.space_width * line.spaces
    else:
        letters, words = TRACKING * TRACKING_SHRINK * line.size * gaps, SHRINK * line.space_width * line.spaces
    flexible = letters + words
    if flexible <= 0:
        return 0.0, 0.0
    ratio = slack / flexible
    letter_ratio = max(min(ratio, 1.0), -1.0)  # letters never spread past their limit: the spaces take the rest
    per_letter = letter_ratio * letters / gaps
    rest = slack - per_letter * gaps
    if line.spaces:
        return rest / line.spaces, per_letter
    return 0.0, slack / gaps if line.spreads else per_letter


class SetLines(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """Lines broken already, drawn one under the other with their own spacing; split between lines."""

    def __init__(
        self,
        lines: list[SetLine],
        leading: float,
        left: float,
        right: float,
        space_before: float,
        space_after: float,
        hyphenated: frozenset[int] = frozenset(),
    ) -> None:
        super().__init__()
        self.lines = lines
        self.leading = leading
        self.left, self.right = left, right
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self.hyphenated = hyphenated
        """The lines (counted from 0) that end in a hyphen: none may end a page."""
        self.outline: OutlineEntry | None = None
        self.bullet: Run | None = None
        """Drawn in the left indent of the first line (a list item's mark)."""
        self.bullet_indent = 0.0

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        self.width, self.height = availWidth, len(self.lines) * self.leading
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803 - reportlab's names
        total = len(self.lines)
        fitting = min(int((availHeight + _FUZZ) / self.leading), total) if self.leading > 0 else total
        if fitting >= total:
            return [self]
        fitting = lines_before_break(fitting, total, internals.postponed(self), self.hyphenated)
        if not fitting:
            return []
        head = self._piece(0, fitting, self.spaceBefore, 0.0)
        head.outline, head.bullet, head.bullet_indent = self.outline, self.bullet, self.bullet_indent
        if fitting * self.leading > availHeight + _FUZZ:  # not even one line fits an empty page
            head = _Overfull.of(head, availHeight)
        return [head, self._piece(fitting, total, 0.0, self.spaceAfter)]

    def _piece(self, start: int, end: int, before: float, after: float) -> SetLines:
        piece = SetLines(self.lines[start:end], self.leading, self.left, self.right, before, after)
        piece.hyphenated = frozenset(line - start for line in self.hyphenated if start <= line < end)
        return piece

    def draw(self) -> None:
        canvas = self.canv
        if self.outline is not None:
            add_bookmark(canvas, self.outline, self.height)
        room = self.width - self.left - self.right
        text = canvas.beginText()
        color: str | None = None
        for number, line in enumerate(self.lines):
            baseline = self.height - line.size - number * self.leading
            word_space, char_space = spacing(line, room - line.indent)
            text.setWordSpace(word_space)
            text.setCharSpace(char_space)
            x = self.left + line.indent
            text.setTextOrigin(x, baseline)
            for position, run in enumerate(line.runs):
                if run.color != color:
                    text.setFillColor(HexColor(run.color))
                    color = run.color
                text.setFont(run.font, run.size)
                if line.soft_hyphen and position == len(line.runs) - 1:
                    text.textOut(run.text[:-1])
                    _marked_hyphen(text, run)
                else:
                    text.textOut(run.text)
                advance = string_width(run.text, run.font, run.size)
                advance += (
                    len(run.text) * char_space + (run.text.count(" ") + run.text.count(NO_BREAK_SPACE)) * word_space
                )
                if run.link:
                    _link(
                        canvas,
                        run.link,
                        (x, baseline - run.size / 8, x + advance, baseline - run.size / 8 + self.leading),
                    )
                x += advance
        if self.bullet is not None and self.lines:
            bullet = self.bullet
            text.setWordSpace(0)
            text.setCharSpace(0)
            text.setTextOrigin(self.bullet_indent, self.height - self.lines[0].size)
            text.setFillColor(HexColor(bullet.color))
            text.setFont(bullet.font, bullet.size)
            text.textOut(bullet.text)
        canvas.drawText(text)


def _marked_hyphen(text: Any, run: Run) -> None:
    """Draw the soft hyphen ending `run` and its line, marked as a hyphen-minus for text extraction.

    Its glyph maps to U+00AD, the incidental hyphen Tagged PDF asks for, which pypdf and pdfminer
    (reading no ActualText) give before the line's end. pdftotext reads ActualText and joins a
    word across lines only where a line ends in U+002D (poppler's `TextLine::hyphenated`), so the
    hyphen says `-` there and pdftotext gives the word whole. The mark goes inside the text
    object, where the pen is: a text object of its own would move the pen anew, which pypdf
    takes for a space when the line's word spacing is wide."""
    marked = internals.add_to_text(text, f"/Span <</ActualText ({_CUT_AS})>> BDC")
    text.textOut(run.text[-1])
    if marked:
        internals.add_to_text(text, "EMC")


class _Overfull(SetLines):
    """A line taller than the space left on an empty page: it claims only that space and overhangs."""

    available = 0.0

    @classmethod
    def of(cls, lines: SetLines, available: float) -> _Overfull:
        made = cls(lines.lines, lines.leading, lines.left, lines.right, lines.spaceBefore, 0.0, lines.hyphenated)
        made.outline, made.bullet, made.bullet_indent = lines.outline, lines.bullet, lines.bullet_indent
        made.available = available
        return made

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        width, height = super().wrap(availWidth, availHeight)
        self.height = min(height, max(self.available, availHeight))
        return width, self.height


def _link(canvas: Any, target: str, rect: tuple[float, float, float, float]) -> None:
    """A link over `rect` as reportlab's paragraphs make one: `#key` inside the document, anything else a URI."""
    if target.startswith("#"):
        canvas.linkRect("", target[1:], rect, relative=1)
    else:
        canvas.linkURL(target, rect, relative=1, kind="URI")
