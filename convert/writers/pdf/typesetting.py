"""One paragraph of text in one text style, set by reportlab or, for bidi and CJK text, wrapped here first."""

from __future__ import annotations

from dataclasses import replace

from reportlab.platypus import Flowable

from convert.styles.types import Alignment, Style, TextStyle
from convert.text.direction import has_right_to_left, paragraph_first_line_indent
from convert.text.phrases import ELLIPSIS
from convert.writers.pdf.faces import string_width
from convert.writers.pdf.fragments import runs_fragments
from convert.writers.pdf.hyphenation import Hyphenator, hyphenator_for
from convert.writers.pdf.justified import break_justified
from convert.writers.pdf.lines import LineStack
from convert.writers.pdf.notices import Notices
from convert.writers.pdf.paragraphs import FlowingParagraph, OutlineEntry, Setting, paragraph_style
from convert.writers.pdf.runs import Run, RunMaker
from convert.writers.pdf.setlines import SetLine, SetLines, set_line
from convert.writers.pdf.spans import Span
from convert.writers.pdf.wrapping import has_overlong_word, needs_wrapping_here, wrap_runs

NARROWEST_MEASURE = 12.0
"""The fewest ems of text a nested block quote or list item keeps beside its indent."""


class Typesetter:
    """Makes paragraph flowables for one publication in one style."""

    def __init__(self, style: Style, language: str, notices: Notices) -> None:
        self.style = style
        self.notices = notices
        self.language = language
        self.runs = RunMaker(style, language, notices)

    def use(self, language: str, article: str) -> None:
        """Set what follows as text in `language`, reporting problems as found in `article`."""
        self.language = self.runs.language = language
        self.notices.article = article

    def paragraph(
        self,
        spans: list[Span],
        text_style: TextStyle,
        width: float,
        *,
        rtl: bool = False,
        indent: float = 0.0,
        bullet: str | None = None,
        outline: OutlineEntry | None = None,
        align: Alignment | None = None,
    ) -> Flowable:
        """`spans` as a paragraph `width` points wide (before indents) in `text_style`.

        Right-to-left paragraphs are right-aligned, with their indents mirrored; a bullet goes
        at their right, as text. `align` overrides the style's alignment.
        """
        wanted: str = align or text_style.align
        if bullet is not None and rtl:
            spans = [Span(f"{bullet} "), *spans]
            bullet = None
        runs = self.runs.runs(spans, text_style)
        text = "".join(run.text for run in runs)
        # Nesting steps in until the text would have less than NARROWEST_MEASURE left, then stops:
        # deeper quotes and lists share the last indent rather than squeeze their words out.
        room = width - text_style.left_indent - text_style.right_indent - NARROWEST_MEASURE * text_style.size
        indent = min(indent, max(room, 0.0))
        left, right = text_style.left_indent + indent, text_style.right_indent
        if rtl:
            left, right = right, left
        inner = width - left - right
        hard_breaks = any(run.line_break for run in runs)
        if not (
            rtl or hard_breaks or has_right_to_left(text) or needs_wrapping_here(text) or has_overlong_word(runs, inner)
        ):
            hyphenator = hyphenator_for(self.language) if text_style.hyphenate else None
            if wanted == "justify":
                justified = self._justified(runs, text_style, left, right, inner, hyphenator, bullet)
                if justified is not None:
                    justified.outline = outline
                    return justified
            setting = Setting(wanted, left, right, text_style.first_line_indent, hyphenator)
            return self._flowable(runs, text_style, setting, bullet, outline)
        first_indent = paragraph_first_line_indent(text_style, rtl)
        wrapped = wrap_runs(runs, inner - first_indent, inner, rtl, wanted == "justify" and not rtl)
        if (
            wrapped
            and wanted == "justify"
            and not (rtl or hard_breaks or has_right_to_left(text))
            and needs_wrapping_here(text)
        ):  # CJK and Thai lines have few spaces or none: their letters take the slack too, as setlines draws them
            set_lines = [
                set_line(line.runs, first_indent if number == 0 else 0.0, not line.hard_end)
                for number, line in enumerate(wrapped)
            ]
            return self._set_lines(set_lines, frozenset(), text_style, left, right, runs[0], bullet, outline)
        lines: list[FlowingParagraph] = []
        for number, line in enumerate(wrapped):
            justify = wanted == "justify" and not line.hard_end
            if wanted == "center":  # centred lines stay centred in either direction
                line_align = "center"
            else:
                line_align = "right" if rtl else "left" if wanted == "justify" and not justify else wanted
            indent_here = first_indent if number == 0 else 0.0
            setting = Setting(line_align, left, right, indent_here, None, justify, 0.0, 0.0)
            first = number == 0
            content = line.runs or [Run("\u00a0", runs[0].font, runs[0].size, runs[0].color)]  # an empty line
            lines.append(
                self._flowable(content, text_style, setting, bullet if first else None, outline if first else None)
            )
        stack = LineStack(lines, text_style.space_before, text_style.space_after)
        stack.keepWithNext = text_style.keep_with_next
        if not lines:
            stack.outline = outline
        return stack

    def _justified(
        self,
        runs: list[Run],
        text_style: TextStyle,
        left: float,
        right: float,
        inner: float,
        hyphenator: Hyphenator | None,
        bullet: str | None,
    ) -> SetLines | None:
        """The paragraph broken by total fit and drawn justified, or None when a word is wider than a line."""
        indent = text_style.first_line_indent
        broken = break_justified(runs, inner - indent, inner, hyphenator)
        if broken is None:
            return None
        count = len(broken.lines)
        lines = [
            set_line(line, indent if number == 0 else 0.0, number < count - 1, number in broken.soft_hyphens)
            for number, line in enumerate(broken.lines)
        ]
        return self._set_lines(lines, broken.hyphenated, text_style, left, right, runs[0], bullet, None)

    def _set_lines(
        self,
        lines: list[SetLine],
        hyphenated: frozenset[int],
        text_style: TextStyle,
        left: float,
        right: float,
        first: Run,
        bullet: str | None,
        outline: OutlineEntry | None,
    ) -> SetLines:
        """Lines broken already, drawn justified by `setlines`; a bullet in `first`'s face."""
        block = SetLines(
            lines, text_style.leading, left, right, text_style.space_before, text_style.space_after, hyphenated
        )
        block.keepWithNext = text_style.keep_with_next
        block.outline = outline
        if bullet is not None:
            block.bullet = Run(bullet, first.font, first.size, first.color)
            block.bullet_indent = max(left - 1.5 * text_style.size, 0.0)
        return block

    def line(self, spans: list[Span], text_style: TextStyle, width: float, rtl: bool = False) -> FlowingParagraph:
        """`spans` on one line at most, cut with an ellipsis when too long (for running heads)."""
        runs = self.runs.runs(spans, text_style)
        text = "".join(run.text for run in runs)
        simple = not (
            rtl or has_right_to_left(text) or needs_wrapping_here(text) or any(run.line_break for run in runs)
        )
        if simple and sum(string_width(run.text, run.font, run.size) for run in runs) <= width - 1.0:
            content = runs
        else:
            lines = wrap_runs([run for run in runs if not run.line_break], width, width, rtl)
            content = lines[0].runs if len(lines) == 1 else _shortened(runs, width, rtl)
        align = "right" if rtl and text_style.align == "left" else text_style.align
        setting = Setting("left" if align == "justify" else align, 0.0, 0.0, 0.0, None, False, 0.0, 0.0)
        return self._flowable(content, text_style, setting, None, None)

    def _flowable(
        self,
        runs: list[Run],
        text_style: TextStyle,
        setting: Setting,
        bullet: str | None,
        outline: OutlineEntry | None,
    ) -> FlowingParagraph:
        style = paragraph_style(text_style, setting)
        flowable = FlowingParagraph(None, style, bulletText=bullet, frags=runs_fragments(runs))
        flowable.outline = outline
        return flowable


def _shortened(runs: list[Run], width: float, rtl: bool) -> list[Run]:
    """The longest start of `runs` that fits on one line with an ellipsis after it."""
    text_runs = [run for run in runs if not run.line_break]
    if not text_runs:
        return []
    tail = text_runs[-1]
    room = width - string_width(ELLIPSIS, tail.font, tail.size)
    low, high = 0, sum(len(run.text) for run in text_runs)
    while low < high:  # the most characters whose line still fits
        middle = (low + high + 1) // 2
        if len(wrap_runs(_prefix(text_runs, middle), room, room, rtl)) <= 1:
            low = middle
        else:
            high = middle - 1
    cut = _prefix(text_runs, low)
    cut.append(Run(ELLIPSIS, tail.font, tail.size, tail.color))
    lines = wrap_runs(cut, width, width, rtl)
    return lines[0].runs if lines else []


def _prefix(runs: list[Run], count: int) -> list[Run]:
    kept: list[Run] = []
    for run in runs:
        if count <= 0:
            break
        kept.append(replace(run, text=run.text[:count]))
        count -= len(run.text)
    return kept
