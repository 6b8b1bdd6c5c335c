"""The thin adapter over ebooklib: finished files in, a byte-stable EPUB container out."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, BinaryIO

from ebooklib import epub
from lxml import etree

from convert.writers.common.stamps import ZIP_FIRST, ZipTime, w3c_date_time, zip_time
from convert.writers.epub.layout import Landmark, TocEntry
from convert.writers.epub.metadata import PackageMetadata

if TYPE_CHECKING:
    from _typeshed import SizedBuffer

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NCX_FILE = "toc.ncx"
_NCX_NS = "http://www.daisy.org/z3986/2005/ncx/"
# EPUB 3 reserves the `rendition:` prefix; declaring it again, as ebooklib always does, is redundant.
_EBOOKLIB_PREFIX = "rendition: http://www.idpf.org/vocab/rendition/#"
# EPUB 2 guide types for the landmarks that older reading systems look for.
_GUIDE_TYPES = {"cover": "cover", "titlepage": "title-page", "toc": "toc", "bodymatter": "text"}


@dataclass(frozen=True, slots=True)
class PackageFile:
    """A finished file for the package, with its manifest entry."""

    identifier: str
    file_name: str
    media_type: str
    content: bytes
    properties: tuple[str, ...] = ()
    in_spine: bool = False


def write_package(
    files: list[PackageFile],
    toc: tuple[TocEntry, ...],
    landmarks: tuple[Landmark, ...],
    metadata: PackageMetadata,
    stream: BinaryIO,
) -> None:
    """Package `files` (spine order is their order) with an NCX made from `toc`, and write the EPUB."""
    book = epub.EpubBook()
    # ebooklib names itself in a generator tag; the book should depend on our input, not its version.
    book.metadata.get(epub.NAMESPACES["OPF"], {}).pop("generator", None)
    book.set_identifier(metadata.identifier)
    book.set_title(metadata.title)
    for language in metadata.languages:
        book.set_language(language)
    book.language = metadata.languages[0]
    if metadata.direction == "rtl":
        book.set_direction("rtl")
    if metadata.date is not None:
        book.add_metadata("DC", "date", metadata.date.isoformat())
    for name, value in metadata.properties:
        book.add_metadata(None, "meta", value, {"property": name})
    spine: list[Any] = []
    for file in files:
        # A plain EpubItem keeps our bytes as they are; EpubHtml would parse and rebuild them.
        item = epub.EpubItem(uid=file.identifier, file_name=file.file_name, media_type=file.media_type)
        item.content = file.content
        if file.properties:
            item.properties = list(file.properties)
        if "cover-image" in file.properties:  # EPUB 2 reading systems find the cover picture by this meta
            book.add_metadata(None, "meta", "", {"name": "cover", "content": file.identifier})
        book.add_item(item)
        if file.in_spine:
            spine.append(item)
    book.add_item(epub.EpubNcx(uid="ncx", file_name=NCX_FILE))
    book.spine = spine
    book.toc = _ncx_entries(toc, [0])
    book.guide = [{"type": _GUIDE_TYPES[mark.kind], "title": mark.label, "href": mark.href} for mark in landmarks]
    options = {
        "epub3_landmark": False,
        "epub3_pages": False,
        "package_direction": metadata.direction == "rtl",
        "mtime": metadata.modified,
        "compresslevel": 9,
    }
    buffer = io.BytesIO()
    _StableWriter(buffer, book, options, language=metadata.languages[0]).write()
    stream.write(buffer.getvalue())


def _ncx_entries(entries: tuple[TocEntry, ...], counter: list[int]) -> list[Any]:
    """ebooklib's table of contents: a Link per leaf, a (Section, children) pair per branch."""
    items: list[Any] = []
    for entry in entries:
        counter[0] += 1
        if entry.children:
            items.append((epub.Section(entry.label, entry.href), _ncx_entries(entry.children, counter)))
        else:
            items.append(epub.Link(entry.href, entry.label, f"nav-{counter[0]}"))
    return items


class _StableWriter(epub.EpubWriter):  # type: ignore[misc]
    """ebooklib's writer with fixed ZIP timestamps and an `xml:lang` on the package element."""

    def __init__(self, target: BinaryIO, book: Any, options: dict[str, Any], *, language: str) -> None:
        super().__init__(target, book, options)
        self._language = language
        self._date_time = zip_time(options["mtime"])
        self._modified = w3c_date_time(options["mtime"])

    def write(self) -> None:
        # Same steps as ebooklib's own write(), into a ZIP file whose entries all carry one fixed time.
        self.out = _StableZip(self.file_name, "w", zipfile.ZIP_DEFLATED, compresslevel=self.options["compresslevel"])
        self.out.date_time = self._date_time
        self.out.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        self._write_container()
        self._write_opf()
        self._write_items()
        self.out.close()

    def _get_ncx(self) -> bytes:
        # ebooklib always records a depth of 0; EPUB 2 reading systems size their contents view by it.
        ncx = etree.fromstring(super()._get_ncx())
        point = f"{{{_NCX_NS}}}navPoint"
        depth = max((1 + sum(1 for _ in node.iterancestors(point)) for node in ncx.iter(point)), default=0)
        for meta in ncx.iterfind(f"{{{_NCX_NS}}}head/{{{_NCX_NS}}}meta[@name='dtb:depth']"):
            meta.set("content", str(depth))
        return etree.tostring(ncx, pretty_print=True, encoding="utf-8", xml_declaration=True)

    def _write_opf_file(self, root: etree._Element) -> None:
        root.set(XML_LANG, self._language)
        # ebooklib's strftime writes the year 812 as "812"; a W3C date-time needs four digits.
        for modified in root.iterfind("metadata/meta[@property='dcterms:modified']"):
            modified.text = self._modified
        if root.get("prefix") == _EBOOKLIB_PREFIX:
            del root.attrib["prefix"]
        super()._write_opf_file(root)


class _StableZip(zipfile.ZipFile):
    """A ZIP file whose entries all get the same time, permissions and system, whatever the machine."""

    date_time: ZipTime = ZIP_FIRST

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: SizedBuffer | str,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=self.date_time)
            info.compress_type = self.compression if compress_type is None else compress_type
            info.external_attr = 0o100644 << 16
            info.create_system = 3
            zinfo_or_arcname = info
        level = self.compresslevel if compresslevel is None else compresslevel
        super().writestr(zinfo_or_arcname, data, compress_type, level)
