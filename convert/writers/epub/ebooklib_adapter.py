"""ebooklib's internals the EPUB writer uses: the steps of its writer, overridden for a byte-stable container.

ebooklib's public writer stamps each ZIP entry with the clock, records an NCX depth of 0 and
gives the package element no `xml:lang`. The private path runs its steps into a ZIP file of
fixed times and amends the package and NCX on the way. With another ebooklib, or one whose
writer changed, the public writer makes the book and every file is copied from it into the same
fixed-time ZIP, amended the same way: the same files, at the cost of a second pass.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO

from ebooklib import epub
from lxml import etree

from convert.writers.common.internals import Internals
from convert.writers.common.stamps import ZIP_FIRST, ZipTime, w3c_date_time, zip_time
from convert.writers.epub.xhtml import XML_LANG

if TYPE_CHECKING:
    from _typeshed import SizedBuffer

NCX_FILE = "toc.ncx"
_NCX_NS = "http://www.daisy.org/z3986/2005/ncx/"
# EPUB 3 reserves the `rendition:` prefix; declaring it again, as ebooklib always does, is redundant.
_EBOOKLIB_PREFIX = "rendition: http://www.idpf.org/vocab/rendition/#"
_STEPS = ("_write_container", "_write_opf", "_write_items", "_get_ncx", "_write_opf_file")


def _present() -> bool:
    writer = epub.EpubWriter
    return all(hasattr(writer, step) for step in _STEPS) and "out" in writer._write_opf_file.__code__.co_names


INTERNALS = Internals("ebooklib", "0.18", "1", _present)


def write_book(book: Any, options: dict[str, Any], language: str, stream: BinaryIO) -> None:
    """Write `book` as an EPUB into `stream`: every entry at `options["mtime"]`, the package in `language`."""
    buffer = io.BytesIO()
    if INTERNALS.usable():
        _StableWriter(buffer, book, options, language=language).write()
    else:
        _write_through_public_writer(book, options, language, buffer)
    stream.write(buffer.getvalue())


def amended_ncx(ncx_bytes: bytes) -> bytes:
    """ebooklib's NCX with its real depth: it always records 0, and EPUB 2 reading systems size their contents by it."""
    ncx = etree.fromstring(ncx_bytes)
    point = f"{{{_NCX_NS}}}navPoint"
    depth = max((1 + sum(1 for _ in node.iterancestors(point)) for node in ncx.iter(point)), default=0)
    for meta in ncx.iterfind(f"{{{_NCX_NS}}}head/{{{_NCX_NS}}}meta[@name='dtb:depth']"):
        meta.set("content", str(depth))
    return etree.tostring(ncx, pretty_print=True, encoding="utf-8", xml_declaration=True)


def amend_package(root: etree._Element, language: str, modified: str) -> None:
    """The package element with an `xml:lang`, a four-digit year in its modified time (ebooklib's
    strftime writes the year 812 as "812") and without ebooklib's redundant prefix declaration."""
    root.set(XML_LANG, language)
    for meta in root.iterfind("metadata/meta[@property='dcterms:modified']"):
        meta.text = modified
    if root.get("prefix") == _EBOOKLIB_PREFIX:
        del root.attrib["prefix"]


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
        return amended_ncx(super()._get_ncx())

    def _write_opf_file(self, root: etree._Element) -> None:
        amend_package(root, self._language, self._modified)
        super()._write_opf_file(root)


def _write_through_public_writer(book: Any, options: dict[str, Any], language: str, target: BinaryIO) -> None:
    draft = io.BytesIO()
    epub.EpubWriter(draft, book, {**options, "compresslevel": 0}).write()  # stored quickly, deflated once below
    amend: dict[str, Callable[[bytes], bytes]] = {
        NCX_FILE: amended_ncx,
        "content.opf": lambda data: _package(data, language, w3c_date_time(options["mtime"])),
    }
    with zipfile.ZipFile(draft) as source, _StableZip(target, "w", zipfile.ZIP_DEFLATED) as out:
        out.compresslevel = options["compresslevel"]
        out.date_time = zip_time(options["mtime"])
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "mimetype":
                out.writestr("mimetype", data, compress_type=zipfile.ZIP_STORED)
                continue
            change = amend.get(entry.filename.rsplit("/", 1)[-1])
            out.writestr(entry.filename, change(data) if change else data)


def _package(data: bytes, language: str, modified: str) -> bytes:
    root = etree.fromstring(data)
    amend_package(root, language, modified)
    return etree.tostring(root, pretty_print=True, encoding="utf-8", xml_declaration=True)


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
