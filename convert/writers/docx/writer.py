"""The DOCX writer: a publication and a style sheet in, a Word document out, the same bytes every time."""

from __future__ import annotations

from dataclasses import replace
from typing import BinaryIO, ClassVar

from convert.model import Publication
from convert.model.prepare import modified_time
from convert.styles.types import Style
from convert.writers.common.runninghead import pages_without_head, running_head
from convert.writers.common.startpages import start_pages
from convert.writers.docx.body import BodyBuilder
from convert.writers.docx.fonttable import font_table_part
from convert.writers.docx.numbering import Numbering
from convert.writers.docx.ooxml import MAIN_CONTENT_TYPE, WML_CONTENT_TYPE
from convert.writers.docx.package import write_package
from convert.writers.docx.parts import content_types_part, footer_part, header_part, section_properties
from convert.writers.docx.properties import app_part, core_part
from convert.writers.docx.relationships import Relationships
from convert.writers.docx.runs import RunContext
from convert.writers.docx.sheetparts import sheet_parts
from convert.writers.docx.slots import slot_languages
from convert.writers.docx.stylesheet import styles_part, used_fonts

_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_DOCUMENT_TYPES = {
    "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
    "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    "word/document.xml": MAIN_CONTENT_TYPE,
    "word/styles.xml": WML_CONTENT_TYPE.format("styles"),
    "word/settings.xml": WML_CONTENT_TYPE.format("settings"),
    "word/fontTable.xml": WML_CONTENT_TYPE.format("fontTable"),
    "word/numbering.xml": WML_CONTENT_TYPE.format("numbering"),
    "word/header1.xml": WML_CONTENT_TYPE.format("header"),
    "word/footer1.xml": WML_CONTENT_TYPE.format("footer"),
    "word/theme/theme1.xml": "application/vnd.openxmlformats-officedocument.theme+xml",
}

_RELATIONS = {
    "word/styles.xml": "styles",
    "word/settings.xml": "settings",
    "word/fontTable.xml": "fontTable",
    "word/numbering.xml": "numbering",
    "word/header1.xml": "header",
    "word/footer1.xml": "footer",
    "word/theme/theme1.xml": "theme",
}


class DocxWriter:
    """Writes Word documents whose look lives in named styles mapped from the sheet."""

    name: ClassVar[str] = "docx"
    suffix: ClassVar[str] = ".docx"
    media_type: ClassVar[str] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def write(self, publication: Publication, style: Style, stream: BinaryIO) -> list[str]:
        """Write the document to `stream`; there is nothing to warn about."""
        return write_docx(publication, style, stream)


def write_docx(publication: Publication, style: Style, stream: BinaryIO) -> list[str]:
    """Build every part, then write them to `stream` in a fixed order with fixed timestamps."""
    language = publication.language
    sheet = sheet_parts(style, language)
    fonts = sheet.fonts
    relationships = Relationships()
    numbering = Numbering()
    rtl = publication.direction == "rtl"
    header = relationships.add("header", "header1.xml")
    footer = relationships.add("footer", "footer1.xml")
    cover_footer = "" if publication.front_matter.cover else footer  # a cover has neither header nor footer
    # After a cover, the cover and the title page are a section of their own, without a header.
    front = pages_without_head(publication) == 2
    front_section = section_properties(style.page, None, footer, rtl, cover_footer) if front else None
    # The contents print the pages the PDF of the same publication and sheet puts each article on.
    pages = start_pages(publication, style) if publication.front_matter.contents else None
    builder = BodyBuilder(style, publication, fonts, relationships.link, numbering, front_section, pages)
    body = builder.build()

    story = RunContext(
        style=style,
        family=style.header.family,
        quote_family=style.quote.family,
        fonts=fonts,
        link_id=relationships.link,
        text_language=language,
        document_language=language,
        languages=builder.languages,
        named=builder.named,
    )
    header_xml = header_part(running_head(publication.title, style), story, rtl)
    footer_xml = footer_part(replace(story, family=style.footer.family))
    east_asian, bidi = slot_languages(language, builder.languages)
    parts: dict[str, bytes] = {
        "word/styles.xml": styles_part(style, language, east_asian, bidi),
        "word/settings.xml": sheet.settings,
        "word/fontTable.xml": font_table_part((*used_fonts(style, language), *builder.named)),
        "word/header1.xml": header_xml,
        "word/footer1.xml": footer_xml,
        "word/theme/theme1.xml": sheet.theme,
    }
    numbering_part = numbering.part()
    if numbering_part is not None:
        parts["word/numbering.xml"] = numbering_part
    for name in parts:
        if name not in ("word/header1.xml", "word/footer1.xml"):  # those two have their ids already
            relationships.add(_RELATIONS[name], name.removeprefix("word/"))
    body.append(section_properties(style.page, header, footer, rtl, None if front else cover_footer))

    package_relationships = Relationships()
    package_relationships.add("officeDocument", "word/document.xml")
    package_relationships.add(_PROPERTIES, "docProps/core.xml")
    package_relationships.add("extended-properties", "docProps/app.xml")
    ordered: list[tuple[str, bytes | list[bytes]]] = [
        ("docProps/core.xml", core_part(publication)),
        ("docProps/app.xml", app_part(publication)),
        ("word/document.xml", builder.document_part()),
        *sorted(parts.items()),
        ("word/_rels/document.xml.rels", relationships.part()),
    ]
    content_types = content_types_part(
        {name: _DOCUMENT_TYPES[name] for name, _data in ordered if name in _DOCUMENT_TYPES}
    )
    files = [("[Content_Types].xml", content_types), ("_rels/.rels", package_relationships.part()), *ordered]
    write_package(stream, files, modified_time(publication))
    return []
