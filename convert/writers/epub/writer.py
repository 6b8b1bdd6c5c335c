"""The EPUB writer: lays the publication out, builds every file, and hands them to the packager."""

from __future__ import annotations

from typing import BinaryIO, ClassVar

from convert.fonts.subsetting import subset_face
from convert.model import Heading, Publication, block_texts
from convert.styles.types import Style
from convert.text.phrases import date_line, publication_date_line
from convert.writers.common.cover import cover_look, cover_text
from convert.writers.common.coverimage import MEDIA_TYPE as COVER_MEDIA_TYPE
from convert.writers.common.coverimage import cover_png
from convert.writers.epub.css import style_rules, stylesheet
from convert.writers.epub.fontfaces import FONT_MEDIA_TYPE, plan_fonts, with_faces
from convert.writers.epub.fontuse import contexts, faces_drawn
from convert.writers.epub.layout import NAV_FILE, ArticlePage, SectionPage, lay_out
from convert.writers.epub.metadata import package_metadata
from convert.writers.epub.navigation import nav_document
from convert.writers.epub.package import PackageFile, write_package
from convert.writers.epub.pages import article_page, cover_page, front_page, section_page
from convert.writers.epub.xhtml import STYLESHEET, BlockBuilder

XHTML_MEDIA_TYPE = "application/xhtml+xml"
COVER_IMAGE = "images/cover.png"
COVER_IMAGE_ID = "cover-image"


class EpubWriter:
    """EPUB 3 with an EPUB 2 table of contents, one or more files per article, styled by the sheet."""

    name: ClassVar[str] = "epub"
    suffix: ClassVar[str] = ".epub"
    media_type: ClassVar[str] = "application/epub+zip"

    def write(self, publication: Publication, style: Style, stream: BinaryIO) -> list[str]:
        """Write the EPUB to `stream`; warn about links that could not be kept."""
        layout = lay_out(publication)
        builder = BlockBuilder()
        nav = nav_document(layout, publication)
        files: list[PackageFile] = []
        nav_in_spine = False
        picture: PackageFile | None = None
        for page in layout.pages:
            stem = page.file_name.removesuffix(".xhtml")
            if isinstance(page, ArticlePage):
                content = article_page(page, builder)
            elif isinstance(page, SectionPage):
                content = section_page(page, publication)
            elif page.kind == "toc":
                nav_in_spine = True
                files.append(PackageFile("nav", NAV_FILE, XHTML_MEDIA_TYPE, nav, ("nav",), in_spine=True))
                continue
            elif page.kind == "cover":
                text = cover_text(publication)
                content = cover_page(publication, COVER_IMAGE, text.alt)
                png = cover_png(text, cover_look(style), style.page)
                picture = PackageFile(COVER_IMAGE_ID, COVER_IMAGE, COVER_MEDIA_TYPE, png, ("cover-image",))
            else:
                content = front_page(page, publication)
            files.append(PackageFile(stem, page.file_name, XHTML_MEDIA_TYPE, content, in_spine=True))
        if not nav_in_spine:
            files.append(PackageFile("nav", NAV_FILE, XHTML_MEDIA_TYPE, nav, ("nav",)))
        if picture is not None:
            files.append(picture)
        fonts = plan_fonts(style, *_texts(publication))
        if style.embed_fonts:
            documents = [file.content for file in files if file.media_type == XHTML_MEDIA_TYPE]
            fonts = with_faces(fonts, faces_drawn(fonts, contexts(style_rules(style, fonts), documents)))
        files.append(PackageFile("style", STYLESHEET, "text/css", stylesheet(style, fonts)))
        for face in fonts.faces:
            identifier = "font-" + face.file_name.rsplit("/", 1)[-1].removesuffix(".ttf")
            files.append(PackageFile(identifier, face.file_name, FONT_MEDIA_TYPE, subset_face(face.path, face.chars)))
        metadata = package_metadata(publication, with_cover_picture=picture is not None)
        write_package(files, layout.toc, layout.landmarks, metadata, stream)
        return list(builder.warnings)


def _texts(publication: Publication) -> tuple[list[str], list[str]]:
    """The book's display texts (titles, headings, dates) and running texts, to find the fonts they need."""
    display = [publication.title, publication.subtitle or "", publication_date_line(publication).text, "0123456789 -"]
    running: list[str] = []
    for section in publication.sections:
        display.append(section.title or "")
        for document in section.documents:
            display.extend((document.metadata.title, date_line(document).text))
            for block in document.blocks:
                (display if isinstance(block, Heading) else running).extend(block_texts((block,)))
    return display, running
