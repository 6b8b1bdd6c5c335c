"""A line of the contents page: a title that wraps under a hanging indent, dot leaders, and its bookmark's page."""

from __future__ import annotations

from functools import partial
from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, Paragraph

from convert.styles.types import TextStyle
from convert.writers.pdf.adapters import reportlab_adapter as internals
from convert.writers.pdf.faces import face_name, string_width

LEADER = "."
LEADER_STEP_EMS = 0.5
"""The pitch of the leader dots, in ems: they sit on one grid counted from the right edge, so the
dots of every entry line up down the page."""
LEADER_GAP_EMS = 0.3
"""The least space between a title's last letter, or the number, and the nearest dot."""


class ContentsEntry(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A title paragraph with the page its bookmark `key` landed on at the right, dots leading to it.

    The contents come before the pages they list, so the number is drawn as a form (a PDF
    XObject) that the canvas fills in once the whole document is laid out: one pass, and the
    title's lines stop short of a number column of fixed width (its right indent), so nothing
    moves when the numbers arrive. The leaders are in the form too: they stop where the number,
    of whatever width, begins.
    """

    def __init__(
        self, paragraph: Flowable, key: str | None, pages: dict[str, int], text_style: TextStyle, number_width: float
    ) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.key = key
        self.pages = pages
        self.text_style = text_style
        self.number_width = number_width
        self.spaceBefore = paragraph.getSpaceBefore()
        self.spaceAfter = paragraph.getSpaceAfter()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        _width, height = self.paragraph.wrap(availWidth, availHeight)
        self.width, self.height = availWidth, height
        return availWidth, height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803 - reportlab's names
        if internals.postponed(self):  # already moved to an empty page once: it must split now
            internals.mark_postponed(self.paragraph)
        parts = self.paragraph.split(availWidth, availHeight)
        if len(parts) < 2:
            return []
        made = [ContentsEntry(part, None, self.pages, self.text_style, self.number_width) for part in parts]
        made[-1].key = self.key
        made[0].spaceBefore, made[-1].spaceAfter = self.spaceBefore, self.spaceAfter
        for part in made[:-1]:
            part.spaceAfter = 0
        for part in made[1:]:
            part.spaceBefore = 0
        return made

    def draw(self) -> None:
        self.paragraph.drawOn(self.canv, 0, 0)
        if not self.key:
            return
        style = self.text_style
        name = f"contents-{self.key}"
        self.canv.saveState()
        self.canv.translate(self.width, style.leading - style.size)  # the last line's baseline, at the right
        self.canv.doForm(name)
        self.canv.restoreState()
        start = self._last_line_end() - self.width
        box = (min(start, -self.number_width), -style.size, 0.0, 2 * style.size)
        self.canv.fill_in_later(name, box, partial(self._draw_number, start))

    def _last_line_end(self) -> float:
        """Where the title's last line ends, from the left; the right edge when unknown (no leaders)."""
        paragraph = self.paragraph
        if not isinstance(paragraph, Paragraph) or paragraph.style.alignment != 0:  # right-to-left: none
            return self.width
        widths = paragraph.getActualLineWidths0()
        return float(widths[-1] - paragraph.style.rightIndent) if widths else self.width

    def _draw_number(self, leaders_from: float, canvas: Any) -> None:
        """The page number right-aligned at the form's origin and dots leading to it from `leaders_from`
        (left of the origin): called when every page is known."""
        page = self.pages.get(self.key) if self.key else None
        if page is None:
            return
        style = self.text_style
        font = face_name(style.family, style.bold, style.italic)
        canvas.setFont(font, style.size)
        canvas.setFillColor(HexColor(style.color.hex))
        number = str(page)
        step, gap = LEADER_STEP_EMS * style.size, LEADER_GAP_EMS * style.size
        dot = string_width(LEADER, font, style.size)
        last = step * ((-string_width(number, font, style.size) - gap - dot) // step)
        count = int((last - leaders_from - gap) // step) + 1 if last >= leaders_from + gap else 0
        if count:
            # One string, each dot a step from the last (character spacing): text extraction reads
            # the dots in one run between the title and its number.
            leaders = canvas.beginText(last - (count - 1) * step, 0)
            leaders.setCharSpace(step - dot)
            leaders.textOut(LEADER * count)
            leaders.setCharSpace(0)  # the text state outlives the text object: the number is set tight
            canvas.drawText(leaders)
        canvas.drawRightString(0, 0, number)
