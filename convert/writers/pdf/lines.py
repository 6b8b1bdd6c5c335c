"""A paragraph broken into lines here, not by reportlab: one single-line Paragraph per line.

Right-to-left and CJK paragraphs are wrapped and reordered before reportlab sees them. Each
finished line is its own one-line Paragraph, so reportlab never re-wraps or re-splits them: a
page break falls between two lines, keeping widows and orphans away as for any paragraph.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Flowable

from convert.writers.pdf.adapters import reportlab_adapter as internals
from convert.writers.pdf.paragraphs import FlowingParagraph, OutlineEntry, add_bookmark, lines_before_break

_FUZZ = 1e-6


class LineStack(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """Lines set one under the other, split between lines: never one line alone at a page's foot or head."""

    def __init__(
        self,
        lines: list[FlowingParagraph],
        space_before: float,
        space_after: float,
        measured: tuple[float, list[float]] | None = None,
    ) -> None:
        super().__init__()
        self.lines = lines
        self.spaceBefore = space_before
        self.spaceAfter = space_after
        self._measured = measured
        self.outline: OutlineEntry | None = None
        """Set only on a stack without lines; otherwise the first line carries the bookmark."""
        """The width last wrapped at and each line's height there: a line's height depends on nothing else."""

    def _heights(self, width: float) -> list[float]:
        if self._measured is None or abs(self._measured[0] - width) > _FUZZ:
            self._measured = (width, [line.wrap(width, 1e9)[1] for line in self.lines])
        return self._measured[1]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        self.width, self.height = availWidth, sum(self._heights(availWidth))
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803 - reportlab's names
        heights = self._heights(availWidth)
        fitting, used = 0, 0.0
        for height in heights:
            if used + height > availHeight + _FUZZ:
                break
            fitting, used = fitting + 1, used + height
        total = len(self.lines)
        if fitting >= total:
            return [self]
        fitting = lines_before_break(fitting, total, internals.postponed(self))
        if not fitting:
            return []
        if heights[0] > availHeight:  # not even one line fits an empty page
            head: LineStack = _Overfull(self.lines[:1], self.spaceBefore, 0.0, (availWidth, heights[:1]))
        else:
            head = LineStack(self.lines[:fitting], self.spaceBefore, 0.0, (availWidth, heights[:fitting]))
        done = len(head.lines)
        if done >= total:
            return [head]
        return [head, LineStack(self.lines[done:], 0.0, self.spaceAfter, (availWidth, heights[done:]))]

    def draw(self) -> None:
        if not self.lines and self.outline is not None:
            add_bookmark(self.canv, self.outline, 0.0)
        top = self.height
        for line, height in zip(self.lines, self._heights(self.width), strict=True):
            top -= height
            line.drawOn(self.canv, 0, top)


class _Overfull(LineStack):
    """One line taller than an empty page's frame: it claims the frame and runs into the margin."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803 - reportlab's names
        width, height = super().wrap(availWidth, availHeight)
        self.height = min(height, availHeight)
        return width, self.height

    def draw(self) -> None:
        self.lines[0].drawOn(self.canv, 0, self.height - self._heights(self.width)[0])
