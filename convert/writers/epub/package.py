"""The EPUB package: finished files in, an ebooklib book of them, written as a byte-stable container."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, BinaryIO

from ebooklib import epub

from convert.writers.epub.ebooklib_adapter import NCX_FILE, write_book
from convert.writers.epub.layout import Landmark, TocEntry
from convert.writers.epub.metadata import PackageMetadata

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
    write_book(book, options, metadata.languages[0], stream)


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
