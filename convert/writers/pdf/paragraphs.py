"""Paragraph flowables: the resolved text styles as reportlab styles, and paragraphs that split cheaply."""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import FragLine, ParaLines

from convert.caches import Lru
from convert.styles.types import TextStyle
from convert.writers.pdf import speedups
from convert.writers.pdf.adapters import reportlab_adapter as internals
from convert.writers.pdf.faces import face_name
from convert.writers.pdf.hyphenation import Hyphenator

_ALIGNMENTS = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER, "justify": TA_JUSTIFY}

_FUZZ = 1e-6


@dataclass(slots=True)
class OutlineEntry:
    """A bookmark set where a paragraph is drawn, and the page it landed on."""

    title: str
    key: str
    level: int
    pages: dict[str, int] = field(default_factory=dict)
    """Shared by all entries of a build: bookmark key -> page number."""


@dataclass(frozen=True, slots=True)
class Setting:
    """How one paragraph is set beyond its text style: alignment, indents, hyphenation."""

    align: str
    left_indent: float
    right_indent: float
    first_line_indent: float
    hyphenator: Hyphenator | None
    justify_last: bool = False
    """Justify the last line too: for a line cut from a justified paragraph set on its own."""
    space_before: float | None = None
    space_after: float | None = None


_STYLES: Lru[tuple[TextStyle, Setting], ParagraphStyle] = Lru("convert.writers.pdf.paragraphs.paragraph_style", 512)


def paragraph_style(text_style: TextStyle, setting: Setting) -> ParagraphStyle:
    """The reportlab style for `text_style` set as `setting` (made once, then shared)."""
    key = (text_style, setting)
    found = _STYLES.get(key)
    if found is not None:
        return found
    font = face_name(text_style.family, text_style.bold, text_style.italic)
    made = ParagraphStyle(
        name=f"{text_style.name}-{len(_STYLES)}",
        fontName=font,
        fontSize=text_style.size,
        leading=text_style.leading,
        textColor=HexColor(text_style.color.hex),
        alignment=_ALIGNMENTS[setting.align],
        spaceBefore=text_style.space_before if setting.space_before is None else setting.space_before,
        spaceAfter=text_style.space_after if setting.space_after is None else setting.space_after,
        firstLineIndent=setting.first_line_indent,
        leftIndent=setting.left_indent,
        rightIndent=setting.right_indent,
        keepWithNext=int(text_style.keep_with_next),
        allowWidows=0,
        allowOrphans=0,
        hyphenationLang=setting.hyphenator or "",
        embeddedHyphenation=1,
        uriWasteReduce=0.3,
        splitLongWords=1,
        justifyLastLine=int(setting.justify_last),
        bulletFontName=font,
        bulletFontSize=text_style.size,
        bulletIndent=max(setting.left_indent - 1.5 * text_style.size, 0.0),
    )
    return _STYLES.keep(key, made)


@dataclass(frozen=True, slots=True)
class _Cut:
    """Lines `start:end` of a paragraph as broken once at `width`: what a piece of it draws."""

    source: Any
    """The paragraph first broken: its fragments and lines make the piece's own, should it ever need them."""
    lines: ParaLines
    width: float
    start: int
    end: int


class FlowingParagraph(Paragraph):  # type: ignore[misc]  # reportlab has no type hints
    """A Paragraph broken into lines once; a page break cuts those lines, and never breaks them again.

    reportlab re-breaks both parts of a split paragraph from their fragments. That costs time
    quadratic in a long paragraph's length, and the re-broken head can come out a line longer
    than the space it was cut for, which stops the whole document with a LayoutError. Here a
    piece of a split paragraph draws a slice of the lines already broken, so a head cut to fit
    always fits and the lines are the same wherever the page breaks fall.
    """

    outline: OutlineEntry | None = None
    style: Any
    width: float
    height: float
    _cut: _Cut | None = None
    _broken_at: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        if self._broken_at is not None and abs(self._broken_at - availWidth) <= _FUZZ and hasattr(self, "blPara"):
            return self.width, self.height  # the lines depend on the width alone
        cut = self._cut
        if cut is not None:
            # At another width (not one of ours: every frame is as wide) the piece's own text is
            # broken afresh, from fragments only reportlab's internals can cut; without them the
            # lines stay as they were cut.
            if abs(cut.width - availWidth) <= _FUZZ or not internals.usable():
                lines = copy(cut.lines)
                lines.lines = cut.lines.lines[cut.start : cut.end]
                self.blPara = lines
                self.width, self.height = availWidth, len(lines.lines) * self.style.leading
                self._broken_at = availWidth
                return self.width, self.height
            self.frags = internals.fragments_of_lines(cut.source, cut.lines, cut.start, cut.end)
            self._cut = None
        width, height = super().wrap(availWidth, availHeight)
        self._broken_at = availWidth
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803 - reportlab's names
        """The paragraph cut between lines to fit `availHeight`: at most two pieces, or none if it must move on.

        No line stands alone at a page's foot or head; a paragraph moved to an empty page
        (reportlab marks it postponed) splits wherever it must. If not even one line fits an
        empty page (a style with type taller than the page), the first line goes alone and
        runs into the margin: reportlab would stop the whole document with a LayoutError.
        """
        if availWidth < _FUZZ or availHeight < _FUZZ:
            return []
        self.wrap(availWidth, availHeight)
        total = len(self.blPara.lines)
        leading = self.style.leading
        fitting = min(int((availHeight + _FUZZ) / leading), total) if leading > 0 else total
        if fitting >= total:
            return [self]
        fitting = lines_before_break(fitting, total, internals.postponed(self))
        if not fitting:
            return []
        head_class = _Overfull if fitting * leading > availHeight + _FUZZ else FlowingParagraph
        head = self._piece(head_class, 0, fitting, availWidth, tail=False)
        head.outline = self.outline
        head.bulletText = self.bulletText
        return [head, self._piece(FlowingParagraph, fitting, total, availWidth, tail=True)]

    def _piece(self, kind: type[FlowingParagraph], start: int, end: int, width: float, tail: bool) -> FlowingParagraph:
        """Lines `start:end` of this paragraph (as now broken at `width`) as a paragraph of their own."""
        style = copy(self.style)
        if tail:
            style.firstLineIndent = style.spaceBefore = 0
        else:
            style.spaceAfter = 0
        piece = kind(None, style, frags=[])
        cut = self._cut
        if cut is not None and cut.width == width:  # a piece of a piece: slice the first lines again
            piece._cut = _Cut(cut.source, cut.lines, width, cut.start + start, cut.start + end)
        else:
            piece._cut = _Cut(self, self.blPara, width, start, end)
        lines = self.blPara.lines
        if tail:
            internals.justify_last_line(piece, internals.justifies_last_line(self))
        else:  # a line cut from a justified paragraph stays justified, unless a forced break ended it
            last = lines[end - 1]
            internals.justify_last_line(piece, not (isinstance(last, FragLine) and getattr(last, "lineBreak", False)))
        return piece

    def breakLines(self, width: Any) -> Any:  # noqa: N802 - reportlab's name
        return speedups.break_lines(self, width, super().breakLines)

    def draw(self) -> None:
        if self.outline is not None:
            add_bookmark(self.canv, self.outline, self.height)
        super().draw()


class _Overfull(FlowingParagraph):
    """A line taller than the space left on an empty page: it claims only that space and overhangs."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        width, height = super().wrap(availWidth, availHeight)
        self._overhang = max(height - availHeight, 0.0)
        return width, min(height, availHeight)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803 - reportlab's names
        super().drawOn(canvas, x, y - getattr(self, "_overhang", 0.0), _sW)


def lines_before_break(fitting: int, total: int, postponed: bool, hyphenated: frozenset[int] = frozenset()) -> int:
    """How many of a paragraph's `total` lines go before a page break when only `fitting` fit; 0 to move it on.

    No line stands alone at a page's foot or head: a widow takes a second line along, and a paragraph
    that would still leave one line alone moves on whole, unless it was already moved to an empty page
    (reportlab marks it postponed), where it splits as it must, after at least one line. Nor does a
    page end with a hyphen (lines `hyphenated`): the break moves up a line or two, or the paragraph on.
    """
    if total - fitting == 1 and fitting > 2:
        fitting -= 1
    while fitting >= 2 and fitting - 1 in hyphenated:
        fitting -= 1
    if fitting < 2 or total - fitting < 2:
        return max(fitting, 1) if postponed else 0
    return fitting


def add_bookmark(canvas: Any, entry: OutlineEntry, top: float) -> None:
    """Bookmark the current position `top` points up and list it in the outline at the entry's level.

    The level never goes more than one deeper than the entry drawn before it: reportlab refuses
    such a jump, and a heading of level 3 may follow one of level 1.
    """
    deepest = getattr(canvas, "_outline_level", -1) + 1
    level = min(entry.level, deepest)
    canvas._outline_level = level
    canvas.bookmarkHorizontal(entry.key, 0, top)
    canvas.addOutlineEntry(entry.title, entry.key, level, closed=False)
    entry.pages[entry.key] = canvas.getPageNumber()
