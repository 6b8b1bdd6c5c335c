"""The PDF writer: a publication typeset with reportlab, every font embedded, the same bytes every time."""

from __future__ import annotations

import io
from typing import BinaryIO, ClassVar

from convert.model import Publication
from convert.styles.types import Style
from convert.writers.pdf.faces import register_family
from convert.writers.pdf.metadata import info_of
from convert.writers.pdf.notices import Notices
from convert.writers.pdf.pages import Chrome, build, document_template
from convert.writers.pdf.story import StoryBuilder
from convert.writers.pdf.typesetting import Typesetter


class PdfWriter:
    """Writes a publication as a paginated PDF, each article starting on a new page."""

    name: ClassVar[str] = "pdf"
    suffix: ClassVar[str] = ".pdf"
    media_type: ClassVar[str] = "application/pdf"

    def write(self, publication: Publication, style: Style, stream: BinaryIO) -> list[str]:
        """Typeset `publication` into `stream`; warn about characters no installed font has.

        With a contents page the layout runs twice: the first run finds the page of every
        article, the second prints them. Both runs lay out the same boxes.
        """
        pages: dict[str, int] = {}
        passes = 2 if publication.front_matter.contents else 1
        notices = Notices()
        for number in range(passes):
            notices = Notices()
            target = stream if number == passes - 1 else io.BytesIO()
            _typeset(publication, style, notices, pages, target)
        return notices.messages()


def _typeset(publication: Publication, style: Style, notices: Notices, pages: dict[str, int], stream: BinaryIO) -> None:
    for family in (style.body_family, style.heading_family):
        register_family(family)
    setter = Typesetter(style, publication.language, notices)
    story = StoryBuilder(publication, style, setter, pages).build()
    info = info_of(publication)
    setter.use(publication.language, "the running header")
    chrome = Chrome(style, setter, publication.title, publication.direction == "rtl", publication.front_matter.cover)
    build(document_template(stream, style, info), story, chrome, info)
