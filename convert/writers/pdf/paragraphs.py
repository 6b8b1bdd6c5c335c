"""Paragraph flowables: the resolved text styles as reportlab styles, and paragraphs that split cheaply."""

from __future__ import annotations

from copy import copy
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import FragLine

from convert.styles.types import TextStyle
from convert.writers.pdf.faces import face_name
from convert.writers.pdf.hyphenation import Hyphenator

_ALIGNMENTS = {"left": TA_LEFT, "right": TA_RIGHT, "center": TA_CENTER, "justify": TA_JUSTIFY}

CHUNK_LINES = 40
"""Lines per piece when a paragraph flows over a page: later pieces are wrapped on their own."""


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


_MAX_STYLES = 512
_STYLES: dict[tuple[int, Setting], tuple[TextStyle, ParagraphStyle]] = {}
"""(id of a text style, setting) -> the text style (kept alive, so the id stays its own) and its reportlab style."""


def paragraph_style(text_style: TextStyle, setting: Setting) -> ParagraphStyle:
    """The reportlab style for `text_style` set as `setting` (made once, then shared)."""
    key = (id(text_style), setting)
    found = _STYLES.get(key)
    if found is not None:
        return found[1]
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
    if len(_STYLES) >= _MAX_STYLES:  # styles loaded afresh for every render must not pile up
        _STYLES.clear()
    _STYLES[key] = (text_style, made)
    return made


class FlowingParagraph(Paragraph):  # type: ignore[misc]  # reportlab has no type hints
    """A Paragraph whose remainder after a page break is cut into pieces wrapped one at a time.

    reportlab re-wraps the whole rest of a paragraph after every page break, so one paragraph
    of 60,000 words costs time quadratic in its length. The lines are already known after the
    first wrap; each piece takes a slice of them, keeping the line breaks (and justification)
    exactly as one paragraph would have them.
    """

    outline: OutlineEntry | None = None
    style: Any

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803 - reportlab's names
        parts: list[Any] = super().split(availWidth, availHeight)
        if not parts and getattr(self, "_postponed", False):
            parts = self._split_anyway(availWidth, availHeight)
        if len(parts) != 2 or parts[0] is self:
            return parts
        head, tail = parts
        head.outline = self.outline
        # A piece whose last line was cut from a justified paragraph keeps that line justified.
        tail._JustifyLast = getattr(self, "_JustifyLast", False)
        lines = self.blPara.lines
        start, total = len(head.blPara.lines), len(lines)
        if total - start <= CHUNK_LINES:
            return parts
        cut = self._get_split_blParaFunc()
        middle = copy(tail.style)
        middle.spaceBefore = middle.spaceAfter = 0
        middle.allowOrphans = middle.allowWidows = 1
        last = copy(tail.style)
        last.spaceBefore = 0
        last.allowOrphans = 1
        pieces: list[Any] = [head]
        for begin in range(start, total, CHUNK_LINES):
            end = min(begin + CHUNK_LINES, total)
            piece = FlowingParagraph(None, middle if end < total else last, frags=cut(self.blPara, begin, end))
            if end < total:
                line = lines[end - 1]
                piece._JustifyLast = not (isinstance(line, FragLine) and getattr(line, "lineBreak", False))
            else:
                piece._JustifyLast = tail._JustifyLast
            pieces.append(piece)
        return pieces

    def _split_anyway(self, width: float, height: float) -> list[Any]:
        """Split on an empty page, where keeping lines together has already failed once.

        Widows and orphans are allowed; if not even one line fits (a style with type taller
        than the page), the first line goes alone and may run into the margin. reportlab
        would stop the whole document with a LayoutError instead.
        """
        relaxed: Any = copy(self.style)
        relaxed.allowOrphans = relaxed.allowWidows = 1
        self.style = relaxed
        parts: list[Any] = super().split(width, height)
        if parts:
            return parts
        self.wrap(width, height)
        lines = self.blPara.lines
        cut = self._get_split_blParaFunc()
        head = _Overfull(None, self.style, bulletText=self.bulletText, frags=cut(self.blPara, 0, 1))
        head.outline = self.outline
        if len(lines) == 1:
            return [head]
        rest = copy(self.style)
        rest.firstLineIndent = 0
        return [head, FlowingParagraph(None, rest, frags=cut(self.blPara, 1, len(lines)))]

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
