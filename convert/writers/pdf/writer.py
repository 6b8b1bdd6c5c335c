"""The PDF writer: a publication typeset with reportlab, every font embedded, the same bytes every time."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, BinaryIO, ClassVar

from convert.model import Publication
from convert.styles.types import Style
from convert.writers.common.startpages import StartPages, remember
from convert.writers.pdf.notices import Notices

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer


class PdfWriter:
    """Writes a publication as a paginated PDF, each article starting on a new page."""

    name: ClassVar[str] = "pdf"
    suffix: ClassVar[str] = ".pdf"
    media_type: ClassVar[str] = "application/pdf"

    def write(self, publication: Publication, style: Style, stream: BinaryIO) -> list[str]:
        """Typeset `publication` into `stream` in one pass; warn about characters no installed font has.

        The contents' page numbers and the footers' totals are filled in when the last page is done.
        """
        notices = Notices()
        pages = _typeset(publication, style, notices, stream)
        if publication.front_matter.contents:  # for the contents page of the same digest in another format
            remember(publication, style, pages)
        return notices.messages()


def lay_out(publication: Publication, style: Style) -> StartPages:
    """Where each group and article of `publication` starts in its PDF, found by typesetting it (and
    dropping the bytes): the page numbers a contents page in another format prints."""
    return _typeset(publication, style, Notices(), _Discarded())


class _Discarded(io.BytesIO):
    """A stream that takes bytes and keeps none."""

    def write(self, data: ReadableBuffer, /) -> int:
        return memoryview(data).nbytes


def _typeset(publication: Publication, style: Style, notices: Notices, stream: BinaryIO) -> StartPages:
    # reportlab is imported with the first document, not with the writer: a batch that finds
    # every PDF current never pays for it.
    from convert.writers.pdf.metadata import info_of
    from convert.writers.pdf.pages import Chrome, build, document_template
    from convert.writers.pdf.speedups import while_writing
    from convert.writers.pdf.story import StoryBuilder, start_pages_of
    from convert.writers.pdf.typesetting import Typesetter

    with while_writing():  # reportlab's own functions are back once the last of our renders ends
        setter = Typesetter(style, publication.language, notices)
        pages: dict[str, int] = {}
        story = StoryBuilder(publication, style, setter, pages).build()
        info = info_of(publication)
        setter.use(publication.language, "the running header")
        chrome = Chrome(style, setter, publication)
        build(document_template(stream, style, info), story, chrome, info)
    return start_pages_of(publication, pages)
