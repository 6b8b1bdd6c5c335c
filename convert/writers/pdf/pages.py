"""The page: one text frame inside the margins, a running header, and "Page X of Y" below.

A cover, when there is one, is page 1: it gets the accent bands and neither header nor footer. The
first page has no header, nor has a title page after a cover (`pages_without_head`).

The footer of every page is a form drawn once the last page is known, so the total is exact
after a single pass and never guessed; the contents' page numbers are forms filled in the same way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import partial
from typing import Any, BinaryIO

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from convert.model import Publication
from convert.styles.types import PageStyle, Style
from convert.text.phrases import page_footer
from convert.writers.common.cover import BOTTOM_BAND, TOP_BAND, cover_look
from convert.writers.common.runninghead import pages_without_head, running_head
from convert.writers.pdf.adapters import reportlab_adapter as internals
from convert.writers.pdf.faces import face_name
from convert.writers.pdf.metadata import Info
from convert.writers.pdf.spans import plain_spans
from convert.writers.pdf.typesetting import Typesetter

_RULE_GAP = 3.0
"""Points between the running header's text and the hairline under it."""


class Chrome:
    """What surrounds the text frame on every page: header, rule and footer."""

    def __init__(self, style: Style, setter: Typesetter, publication: Publication) -> None:
        self.style = style
        self.setter = setter
        self.cover = publication.front_matter.cover
        """Page 1 is a cover: the accent bands instead of header and footer."""
        self.bare = pages_without_head(publication)
        """The pages at the start without a running head."""
        page = style.page
        self.width = page.width - page.margin_left - page.margin_right
        head = running_head(publication.title, style)
        self.header = setter.line(plain_spans(head), style.header, self.width, publication.direction == "rtl")

    def draw_header(self, canvas: Canvas, _document: Any) -> None:
        """The publication's title above the frame, on every page after the first (a cover's gets its bands)
        and a title page."""
        number = canvas.getPageNumber()
        if number == 1:
            canvas.showOutline()
            if self.cover:
                self._draw_bands(canvas)
        if number <= self.bare:
            return
        page = self.style.page
        _width, height = self.header.wrap(self.width, page.margin_top)
        bottom = page.height - page.margin_top / 2 - height / 2
        self.header.drawOn(canvas, page.margin_left, bottom)
        canvas.saveState()
        canvas.setStrokeColor(HexColor(self.style.header.color.hex))
        canvas.setLineWidth(0.5)
        rule = bottom - _RULE_GAP
        canvas.line(page.margin_left, rule, page.width - page.margin_right, rule)
        canvas.restoreState()

    def _draw_bands(self, canvas: Canvas) -> None:
        page = self.style.page
        accent = cover_look(self.style).accent
        canvas.saveState()
        canvas.setFillColor(HexColor(accent.hex))
        top = page.height * TOP_BAND
        canvas.rect(0, page.height - top, page.width, top, stroke=0, fill=1)
        canvas.rect(0, 0, page.width, page.height * BOTTOM_BAND, stroke=0, fill=1)
        canvas.restoreState()

    def footed(self, number: int) -> bool:
        """Whether page `number` gets "Page X of Y": all but a cover."""
        return not (self.cover and number == 1)

    def draw_footer(self, canvas: Canvas, number: int, total: int) -> None:
        """ "Page X of Y", centred in the bottom margin (or as the footer style aligns it)."""
        page = self.style.page
        footer = self.style.footer
        text = page_footer(number, total)
        font = face_name(footer.family, footer.bold, footer.italic)
        if not all(footer.family.covers(char) for char in set(text) - {" "}):  # a style's odd footer font
            line = self.setter.line(plain_spans(text), footer, self.width)
            _width, height = line.wrap(self.width, page.margin_bottom)
            line.drawOn(canvas, page.margin_left, page.margin_bottom / 2 - height / 2)
            return
        # Drawn directly: one Paragraph per page would cost more than the rest of a short article.
        baseline = page.margin_bottom / 2 - footer.size * 0.35
        canvas.setFont(font, footer.size)
        canvas.setFillColor(HexColor(footer.color.hex))
        if footer.align == "left" or footer.align == "justify":
            canvas.drawString(page.margin_left, baseline, text)
        elif footer.align == "right":
            canvas.drawRightString(page.width - page.margin_right, baseline, text)
        else:
            canvas.drawCentredString(page.margin_left + self.width / 2, baseline, text)


class PagedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
    """A canvas that gives every page a footer form, filled in when the page count is final.

    It also takes the document's dates and identity from the content, not from the clock or
    the environment reportlab would otherwise consult.
    """

    def __init__(self, filename: Any, *, chrome: Chrome, info: Info, **options: Any) -> None:
        super().__init__(filename, **options)
        self._chrome = chrome
        self._late_forms: dict[str, tuple[tuple[float, float, float, float], Callable[[Canvas], None]]] = {}
        self.setDateFormatter(lambda *_parts: info.pdf_date)
        seed = f"{info.title}\x1f{info.pdf_date}".encode()
        internals.sign_document(self, hashlib.md5(b"a reportlab document" + seed, usedforsecurity=False))

    def fill_in_later(self, name: str, box: tuple[float, float, float, float], draw: Callable[[Canvas], None]) -> None:
        """Have `draw` make form `name` (within `box`: left, bottom, right, top) once the last page is done."""
        self._late_forms[name] = (box, draw)

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        number = self.getPageNumber()
        if self._chrome.footed(number):
            self.doForm(_footer_name(number))
        super().showPage()
        internals.deflate_finished_page(self)

    def save(self) -> None:
        if internals.unfinished_page(self):
            self.showPage()
        total = self.getPageNumber() - 1
        for name, (box, draw) in self._late_forms.items():
            self.beginForm(name, *box)
            draw(self)
            self.endForm()
        for number in filter(self._chrome.footed, range(1, total + 1)):
            self.beginForm(_footer_name(number))
            self._chrome.draw_footer(self, number, total)
            self.endForm()
        super().save()


def _footer_name(number: int) -> str:
    return f"footer{number}"


def text_frame(page: PageStyle) -> Frame:
    """The frame text flows in: the page inside its margins, with no padding of reportlab's."""
    return Frame(
        page.margin_left,
        page.margin_bottom,
        page.width - page.margin_left - page.margin_right,
        page.height - page.margin_top - page.margin_bottom,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="text",
    )


def document_template(stream: BinaryIO, style: Style, info: Info) -> BaseDocTemplate:
    """A reportlab document for `stream` with the style's page, the metadata and invariant output."""
    page = style.page
    body = style.body
    frame = text_frame(page)
    return BaseDocTemplate(
        stream,
        pagesize=(page.width, page.height),
        leftMargin=page.margin_left,
        rightMargin=page.margin_right,
        topMargin=page.margin_top,
        bottomMargin=page.margin_bottom,
        title=info.title,
        author="",
        subject=info.subject,
        keywords=info.keywords,
        creator=info.creator,
        producer=info.producer,
        lang=info.language,
        invariant=1,
        initialFontName=face_name(body.family, body.bold, body.italic),
        initialFontSize=body.size,
        initialLeading=body.leading,
        displayDocTitle=1,
        pageTemplates=[PageTemplate(id="page", frames=[frame])],
    )


def build(document: BaseDocTemplate, story: list[Flowable], chrome: Chrome, info: Info) -> None:
    """Lay out `story` into `document`, with the header on each page and the footers at the end."""
    for template in document.pageTemplates:
        template.onPage = chrome.draw_header
    document.build(story, canvasmaker=partial(PagedCanvas, chrome=chrome, info=info))
