"""Runs to reportlab's paragraph fragments directly: text is never read as markup, so none of it is a tag.

Building the fragments ourselves also skips reportlab's markup parser, which costs more than
the rest of setting a short paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.lib.colors import Color, HexColor
from reportlab.platypus.paraparser import ParaFrag

from convert.caches import memoised
from convert.writers.pdf.runs import Run


@memoised(256)
def _color(hex_color: str) -> Color:
    return HexColor(hex_color)


def runs_fragments(runs: Iterable[Run]) -> list[ParaFrag]:
    """The fragments reportlab's parser would make from markup drawing `runs`, one per run."""
    fragments: list[ParaFrag] = []
    links = 0
    for run in runs:
        fragment = ParaFrag(
            text="" if run.line_break else run.text,
            fontName=run.font,
            fontSize=run.size,
            textColor=_color(run.color),
            rise=0,
            greek=0,
            bold=0,
            italic=0,
            us_lines=[],
            link=[],
        )
        if run.line_break:
            fragment.lineBreak = True
        elif run.link:
            fragment.link = [(links, run.link)]
            links += 1
        fragments.append(fragment)
    return fragments
