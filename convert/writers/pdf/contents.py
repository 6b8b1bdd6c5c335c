"""A line of the contents page: a title that wraps, and the page number of its bookmark at the right."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable

from convert.styles.types import TextStyle
from convert.writers.pdf.adapters import reportlab_adapter as internals
from convert.writers.pdf.faces import face_name, string_width


class ContentsEntry(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """A title paragraph with the page its bookmark `key` landed on, at the right.

    The contents come before the pages they list, so the number is drawn as a form (a PDF
    XObject) that the canvas fills in once the whole document is laid out: one pass, and the
    number column has a fixed width, so nothing moves when the numbers arrive.
    """

    def __init__(
        self,
        paragraph: Flowable,
        key: str | None,
        pages: dict[str, int],
        text_style: TextStyle,
        number_width: float,
    ) -> None:
        super().__init__()
        self.paragraph = paragraph
        self.key = key
        self.pages = pages
        self.text_style = text_style
        self.number_room = number_width
        self.spaceBefore = paragraph.getSpaceBefore()
        self.spaceAfter = paragraph.getSpaceAfter()

    @staticmethod
    def number_width(text_style: TextStyle) -> float:
        """Room for a four-digit page number and a gap before it."""
        font = face_name(text_style.family, text_style.bold, text_style.italic)
        return string_width("0000", font, text_style.size) + text_style.size

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        _width, height = self.paragraph.wrap(availWidth - self.number_room, availHeight)
        self.width, self.height = availWidth, height
        return availWidth, height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803 - reportlab's names
        if internals.postponed(self):  # already moved to an empty page once: it must split now
            internals.mark_postponed(self.paragraph)
        parts = self.paragraph.split(availWidth - self.number_room, availHeight)
        if len(parts) < 2:
            return []
        made = [ContentsEntry(part, None, self.pages, self.text_style, self.number_room) for part in parts]
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
        self.canv.translate(self.width, style.leading - style.size)
        self.canv.doForm(name)
        self.canv.restoreState()
        box = (-self.number_room, -style.size, 0.0, 2 * style.size)
        self.canv.fill_in_later(name, box, self._draw_number)

    def _draw_number(self, canvas: Any) -> None:
        """The page number, right-aligned at the form's origin: called when every page is known."""
        page = self.pages.get(self.key) if self.key else None
        if page is None:
            return
        style = self.text_style
        canvas.setFont(face_name(style.family, style.bold, style.italic), style.size)
        canvas.setFillColor(HexColor(style.color.hex))
        canvas.drawRightString(0, 0, str(page))
