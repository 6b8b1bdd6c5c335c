"""The publication as a list of flowables: front matter, sections, articles and their blocks, in reading order."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import assert_never

from reportlab.lib.colors import HexColor
from reportlab.platypus import Flowable, KeepInFrame, PageBreak, Spacer
from reportlab.platypus.flowables import HRFlowable

from convert.model import (
    Block,
    BlockQuote,
    Document,
    Heading,
    ListBlock,
    Paragraph,
    Publication,
    ThematicBreak,
)
from convert.styles.types import Alignment, Style, TextStyle
from convert.text.direction import direction_of, own_line_setting
from convert.text.phrases import CONTENTS, UNTITLED, date_line
from convert.writers.common.contents import Entry, entries, entry_indents, entry_style
from convert.writers.common.cover import (
    RULE_THICKNESS,
    RULE_WIDTH,
    cover_look,
    cover_text,
    scaled,
    title_page_drop,
)
from convert.writers.common.outline import article_level, heading_level
from convert.writers.common.startpages import StartPages
from convert.writers.common.titlelines import measure, paged_cover_title, sense_lines
from convert.writers.pdf.contents import ContentsEntry
from convert.writers.pdf.paragraphs import OutlineEntry
from convert.writers.pdf.spans import Span, flatten, plain_spans, spans_text
from convert.writers.pdf.typesetting import Typesetter

_LIST_INDENT_EMS = 1.6
"""How far each level of a list is indented, in ems of the body text."""


class StoryBuilder:
    """Builds the flowables of one publication; bookmarks record their pages in `pages`."""

    def __init__(self, publication: Publication, style: Style, setter: Typesetter, pages: dict[str, int]) -> None:
        self.publication = publication
        self.style = style
        self.setter = setter
        self.pages = pages
        page = style.page
        self.width = page.width - page.margin_left - page.margin_right
        self.height = page.height - page.margin_top - page.margin_bottom
        self._last_level = -1
        self._headings = 0
        self._at_page_start = True

    def build(self) -> list[Flowable]:
        """Every flowable of the publication, each article starting on a new page."""
        story: list[Flowable] = []
        front = self.publication.front_matter
        self.setter.use(self.publication.language, "the front matter")
        if front.cover:
            story.append(self._cover())
            self._break_page(story)
        if front.title_page:
            story.extend(self._title_page())
            self._break_page(story)
        if front.contents:
            story.extend(self._contents())
            self._break_page(story)
        article = 0
        for position, section in enumerate(self.publication.sections):
            for number, document in enumerate(section.documents):
                if not self._at_page_start:
                    self._break_page(story)
                self.setter.use(document.metadata.language, _label(document))
                if number == 0 and section.title is not None:
                    story.append(self._section_title(section.title, position))
                story.extend(self._article(document, article, article_level(section)))
                self._at_page_start = False
                article += 1
        return story

    # -- front matter ----------------------------------------------------------------------

    def _cover(self) -> Flowable:
        """The cover's words, drawn between the bands `Chrome` paints; shrunk if a sheet's sizes overfill the page."""
        text = cover_text(self.publication)
        look = cover_look(self.style)
        page = self.style.page
        fallbacks = self.style.fallback_families
        fitted = paged_cover_title(text.title, look.title, fallbacks, self.width)
        flowables: list[Flowable] = [Spacer(1, look.title_offset)]
        flowables.extend(self._lines(fitted.lines, scaled(look.title, fitted.factor)))
        flowables.append(
            HRFlowable(
                width=page.width * RULE_WIDTH,
                thickness=page.height * RULE_THICKNESS,
                color=HexColor(look.accent.hex),
                spaceBefore=0,
                spaceAfter=look.title.space_after,
                hAlign="CENTER",
            )
        )
        for line in text.lines:
            flowables.extend(self._broken(line, look.subtitle))
        return KeepInFrame(self.width, self.height, flowables, mode="shrink")

    def _title_page(self) -> list[Flowable]:
        publication = self.publication
        style = self.style
        # Centred where the cover's title is: one design for the front matter.
        flowables: list[Flowable] = [Spacer(1, title_page_drop(style))]
        flowables.extend(self._broken(publication.title, style.title, "center"))
        for line in cover_text(publication).lines:  # the subtitle, and the count if it does not give it
            flowables.extend(self._broken(line, style.date, "center"))
        return flowables

    def _broken(self, text: str, text_style: TextStyle, align: Alignment | None = None) -> list[Flowable]:
        """A display text broken at its sense (`titlelines`) to the frame's width."""
        lines = sense_lines(text, measure(text_style, self.style.fallback_families), self.width)
        return self._lines(lines, text_style, align)

    def _lines(self, lines: tuple[str, ...], text_style: TextStyle, align: Alignment | None = None) -> list[Flowable]:
        """A display text set in the lines `titlelines` broke it into: one paragraph a line, spaced as one."""
        made: list[Flowable] = []
        last = len(lines) - 1
        for index, line in enumerate(lines):
            line_style = replace(
                text_style,
                space_before=text_style.space_before if index == 0 else 0.0,
                space_after=text_style.space_after if index == last else 0.0,
                keep_with_next=text_style.keep_with_next or index < last,
            )
            rtl = direction_of(line) == "rtl"
            made.append(self.setter.paragraph(plain_spans(line), line_style, self.width, rtl=rtl, align=align))
        return made

    def _contents(self) -> list[Flowable]:
        style = self.style
        flowables: list[Flowable] = [self.setter.paragraph(plain_spans(CONTENTS), style.section, self.width)]
        for entry in entries(self.publication):
            if entry.document is not None:
                self.setter.use(entry.document.metadata.language, _label(entry.document))
            key = _section_key(entry.section) if entry.article is None else _article_key(entry.article)
            flowables.append(self._contents_entry(entry, key))
        return flowables

    def _contents_entry(self, entry: Entry, key: str) -> Flowable:
        spans = [Span(span.text, link=f"#{key}") for span in plain_spans(entry.title)]
        rtl = direction_of(entry.title) == "rtl"
        text_style = entry_style(self.style, entry.level)
        indents = entry_indents(text_style)
        # The sheet's style with the entry's hanging indent, its lines stopping short of the number column.
        hanging = replace(
            text_style, left_indent=indents.left, first_line_indent=-indents.hanging, right_indent=indents.right
        )
        paragraph = self.setter.paragraph(spans, hanging, self.width, rtl=rtl)
        contents_entry = ContentsEntry(paragraph, key, self.pages, text_style, indents.number)
        contents_entry.keepWithNext = entry.keep_with_next
        return contents_entry

    # -- articles --------------------------------------------------------------------------

    def _section_title(self, title: str, position: int) -> Flowable:
        outline = self._outline(title, 0, _section_key(position))
        rtl = direction_of(title) == "rtl"
        return self.setter.paragraph(plain_spans(title), self.style.section, self.width, rtl=rtl, outline=outline)

    def _article(self, document: Document, article: int, level: int) -> list[Flowable]:
        meta = document.metadata
        rtl = meta.direction == "rtl"
        outline = self._outline(meta.title, level, _article_key(article))
        flowables: list[Flowable] = [
            self.setter.paragraph(plain_spans(meta.title), self.style.title, self.width, rtl=rtl, outline=outline),
        ]
        line = date_line(document).text
        own, align = own_line_setting(line, meta.direction)
        flowables.append(
            self.setter.paragraph(plain_spans(line), self.style.date, self.width, rtl=own == "rtl", align=align)
        )
        flowables.extend(self._blocks(document.blocks, rtl, level + 1, quoted=0, indent=0.0, top=True))
        return flowables

    def _blocks(
        self, blocks: tuple[Block, ...], rtl: bool, level: int, *, quoted: int, indent: float, top: bool
    ) -> list[Flowable]:
        flowables: list[Flowable] = []
        first_paragraph = top
        for block in blocks:
            match block:
                case Paragraph():
                    text_style = self._text_style(quoted, first_paragraph)
                    first_paragraph = False
                    flowables.append(self._paragraph(block, text_style, rtl, indent + self._quote_indent(quoted)))
                case Heading():
                    flowables.append(self._heading(block, rtl, level, indent + self._quote_indent(quoted)))
                case BlockQuote():
                    inner = self._blocks(block.blocks, rtl, level, quoted=quoted + 1, indent=indent, top=False)
                    flowables.extend(inner)
                case ListBlock():
                    flowables.extend(self._list(block, rtl, level, quoted, indent))
                case ThematicBreak():
                    flowables.append(self._rule())
                case _:
                    assert_never(block)
        return flowables

    def _text_style(self, quoted: int, first: bool) -> TextStyle:
        if quoted:
            return self.style.blockquote
        return self.style.first if first else self.style.body

    def _quote_indent(self, quoted: int) -> float:
        """Nested quotes step in further; the first level's indent is the blockquote style's own."""
        return max(quoted - 1, 0) * self.style.blockquote.left_indent

    def _paragraph(
        self, block: Paragraph, text_style: TextStyle, rtl: bool, indent: float, bullet: str | None = None
    ) -> Flowable:
        direction = rtl if block.direction is None else block.direction == "rtl"
        return self.setter.paragraph(
            flatten(block.inlines), text_style, self.width, rtl=direction, indent=indent, bullet=bullet
        )

    def _heading(self, block: Heading, rtl: bool, level: int, indent: float, bullet: str | None = None) -> Flowable:
        spans = flatten(block.inlines)
        title = spans_text(spans)
        self._headings += 1
        outline = self._outline(title, heading_level(level - 1, block), f"h{self._headings}")
        direction = rtl if block.direction is None else block.direction == "rtl"
        text_style = self.style.heading(block.level)
        return self.setter.paragraph(
            spans, text_style, self.width, rtl=direction, indent=indent, bullet=bullet, outline=outline
        )

    def _list(self, block: ListBlock, rtl: bool, level: int, quoted: int, indent: float) -> list[Flowable]:
        step = _LIST_INDENT_EMS * self.style.body.size
        inner_indent = indent + step
        flowables: list[Flowable] = []
        base = self._text_style(quoted, False)
        for number, item in enumerate(block.items, start=1):
            bullet: str | None = f"{number}." if block.ordered else "\u2022"
            for child in item:
                match child:
                    case Paragraph():
                        flowables.append(
                            self._paragraph(child, base, rtl, inner_indent + self._quote_indent(quoted), bullet)
                        )
                    case Heading():
                        flowables.append(
                            self._heading(child, rtl, level, inner_indent + self._quote_indent(quoted), bullet)
                        )
                    case BlockQuote() | ListBlock() | ThematicBreak():  # no bullet of their own
                        inner = self._blocks((child,), rtl, level, quoted=quoted, indent=inner_indent, top=False)
                        flowables.extend(inner)
                        continue
                    case _:
                        assert_never(child)
                bullet = None
        return flowables

    def _rule(self) -> Flowable:
        body = self.style.body
        return HRFlowable(
            width="25%",
            thickness=0.6,
            color=HexColor(body.color.hex),
            spaceBefore=body.leading / 2,
            spaceAfter=body.leading / 2,
            hAlign="CENTER",
        )

    # -- helpers ---------------------------------------------------------------------------

    def _break_page(self, story: list[Flowable]) -> None:
        story.append(PageBreak())
        self._at_page_start = True

    def _outline(self, title: str, level: int, key: str) -> OutlineEntry:
        level = max(0, min(level, self._last_level + 1))
        self._last_level = level
        return OutlineEntry(outline_title(title), key, level, self.pages)


def outline_title(text: str) -> str:
    """A bookmark's title: the text on one line, without control characters; never empty."""
    cleaned = re.sub(r"\s+", " ", re.sub("[\x00-\x1f\x7f-\x9f]", " ", text)).strip()
    return cleaned or UNTITLED


def _label(document: Document) -> str:
    meta = document.metadata
    return f"\u201c{outline_title(meta.title)}\u201d ({meta.source})"


def start_pages_of(publication: Publication, pages: dict[str, int]) -> StartPages:
    """Where a built story's groups and articles landed, from the pages their bookmarks recorded."""
    sections = tuple(
        None if section.title is None else pages[_section_key(position)]
        for position, section in enumerate(publication.sections)
    )
    return StartPages(sections, tuple(pages[_article_key(number)] for number in range(len(publication.documents))))


def _article_key(position: int) -> str:
    return f"a{position + 1}"


def _section_key(position: int) -> str:
    return f"s{position + 1}"
