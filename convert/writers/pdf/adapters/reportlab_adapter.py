"""Every reportlab internal the PDF writer uses, behind one check of the versions it was written for.

With another reportlab, or one whose internals moved, PDFs are still whole and deterministic:
reportlab's own functions set them (no speed-ups), a piece of a split paragraph asked for at an
unexpected width draws the lines it was cut with, ToUnicode maps of characters beyond U+FFFF are
left as reportlab writes them, font subsets keep reportlab's tags (`AAAAAA`, `AAAAAB`, ...), the
hyphen that ends a cut word's line goes unmarked, the document's ID is reportlab's own invariant
one, and a face other code registered first draws our text too (reportlab keeps one font per face).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase import pdfdoc, pdfmetrics, ttfonts
from reportlab.platypus import paragraph

from convert.writers.common.internals import Internals

_PARAGRAPH_NAMES = (
    "stringWidth",
    "getAscentDescent",
    "sameFrag",
    "split",
    "strip",
    "_getFragWords",
    "_processed_frags",
    "_split_blParaSimple",
    "_split_blParaHard",
)


def _present() -> bool:
    state = ttfonts.TTFont.State(0)
    return (
        all(hasattr(paragraph, name) for name in _PARAGRAPH_NAMES)
        and all(hasattr(paragraph.Paragraph, name) for name in ("breakLines", "_split_blParaProcessed"))
        and all(hasattr(pdfdoc, name) for name in ("pdfdocEnc", "format", "PDFZCompress", "PDFStreamFilterZCompress"))
        and hasattr(ttfonts, "SUBSETN")
        and isinstance(getattr(state, "assignments", None), dict)
        and isinstance(getattr(state, "subsets", None), list)
        and hasattr(state, "internalName")
        and hasattr(pdfdoc.PDFDocument, "Reference")
        and all(hasattr(pdfdoc.PDFPage, name) for name in ("stream", "compression", "check_format"))
        and "Contents" in getattr(pdfdoc.PDFPage, "__NoDefault__", ())
        and isinstance(getattr(pdfmetrics, "_fonts", None), dict)
    )


INTERNALS = Internals("reportlab", "4.1", "6", _present)


def usable() -> bool:
    """Whether this reportlab is one the private paths below were written for."""
    return INTERNALS.usable()


# reportlab's own functions, as imported: the speed-ups call them, and put them back after a render.
ORIGINAL_FRAGMENT_WORDS: Any = getattr(paragraph, "_getFragWords", None)
ORIGINAL_SAME_FRAGMENT: Any = getattr(paragraph, "sameFrag", None)
ORIGINAL_PDFDOC_ENCODED: Any = getattr(pdfdoc, "pdfdocEnc", None)
ORIGINAL_FORMAT: Any = getattr(pdfdoc, "format", None)
ORIGINAL_ZCOMPRESS: Any = getattr(pdfdoc, "PDFStreamFilterZCompress", object)

LOOKED_UP_PER_CALL: tuple[tuple[Any, str], ...] = (
    (paragraph, "stringWidth"),
    (paragraph, "getAscentDescent"),
    (paragraph, "sameFrag"),
    (paragraph, "_getFragWords"),
    (pdfdoc, "pdfdocEnc"),
    (pdfdoc, "format"),
)
"""Module-level functions that reportlab's line breaking and PDF formatting look up at every
call: no subclass reaches them, so a scoped switch replaces them while one of our renders runs."""


def register_font(font: Any) -> None:
    """Register `font` under its name, and make sure that name draws with `font` itself.

    reportlab keeps one font per face name: a face that other code in the process registered
    first, under a name of its own, would stand in for ours, with its own subsets and maps, and
    our PDFs would depend on what that code did. reportlab offers no public way to say otherwise."""
    pdfmetrics.registerFont(font)
    if usable() and pdfmetrics.getFont(font.fontName) is not font:
        pdfmetrics._fonts[font.fontName] = font


def split_words(text: str) -> list[str]:
    """A paragraph's text as reportlab's line breaking splits it into words."""
    words: list[str] = paragraph.split(paragraph.strip(text))
    return words


def processed_fragments(frags: list[Any]) -> bool:
    """Whether reportlab has already turned these fragments into words of its own (shaped text)."""
    return bool(paragraph._processed_frags(frags))


def subset_codes(font: Any, doc: Any) -> Any:
    """The code assignments of `font`'s subsets in `doc` so far (reportlab's per-document state), or None."""
    return font.state.get(doc)


@dataclass(frozen=True, slots=True)
class Subset:
    """One subset of a font in a document, as reportlab is about to embed it."""

    codes: list[int]
    """The code point each of its character codes stands for."""
    object_name: str
    """reportlab's name for its font dictionary in the document."""
    base_name: str
    """The BaseFont reportlab gives it: the tag `AAAAAA`, `AAAAAB`, ... by its number, then the face's name."""


def subsets_of(font: Any, doc: Any) -> list[Subset]:
    """Each subset of `font` in `doc`: read before reportlab adds and forgets them."""
    state = font.state.get(doc)
    if state is None or state.internalName is None:
        return []
    face = font.face
    return [
        Subset(
            list(codes),
            f"{state.internalName}+{number}",
            b"".join((ttfonts.SUBSETN(number), b"+", face.name, face.subfontNameX)).decode("pdfdoc"),
        )
        for number, codes in enumerate(state.subsets)
    ]


def face_name(font: Any) -> str:
    """The name of `font`'s face as a BaseFont holds it after the tag: its PostScript name (and collection index)."""
    face = font.face
    name: str = b"".join((face.name, face.subfontNameX)).decode("pdfdoc")
    return name


def embedded_font_file(doc: Any, font: Any, subset: Subset) -> bytes:
    """The font file reportlab embedded for `subset` (once `addObjects` has run)."""
    content: bytes = font_file_stream(doc, font.face, subset.base_name).content
    return content


def rename_subset(doc: Any, subset: Subset, base_name: str, unicode_map: str) -> None:
    """Give `subset` (once `addObjects` has run) the BaseFont `base_name` and the ToUnicode map `unicode_map`.

    reportlab writes the name into the font dictionary, its descriptor and its ToUnicode map, and
    offers no way to choose it; the objects keep the keys reportlab filed them under."""
    doc.idToObject[subset.object_name].BaseFont = base_name
    doc.idToObject["fontDescriptor:" + subset.base_name].dict["FontName"] = pdfdoc.PDFName(base_name)
    doc.idToObject["toUnicodeCMap:" + subset.base_name].content = unicode_map


def font_file_stream(doc: Any, face: Any, font_name: str) -> Any:
    """The embedded font file reportlab made for subset `font_name` of `face` in `doc`."""
    return doc.idToObject[f"fontFile:{face.filename}({font_name})"]


def fragments_of_lines(source: Any, lines: Any, start: int, end: int) -> list[Any]:
    """The fragments of lines `start:end` of a broken paragraph, as reportlab hands them to its own split parts."""
    if lines.kind == 0:
        return list(paragraph._split_blParaSimple(lines, start, end))
    if not paragraph._processed_frags(source.frags):
        return list(paragraph._split_blParaHard(lines, start, end))
    return list(source._split_blParaProcessed(lines, start, end))


def postponed(flowable: Any) -> bool:
    """Whether reportlab's frame loop has already moved `flowable` to an empty page once.

    reportlab offers no public way to ask; the attribute is the one its document template sets."""
    return bool(getattr(flowable, "_postponed", False))


def mark_postponed(flowable: Any) -> None:
    """Tell `flowable` it is on an empty page already, as reportlab's document template would."""
    flowable._postponed = 1


def justifies_last_line(flowable: Any) -> bool:
    """Whether reportlab justifies the last line of this paragraph (its per-paragraph switch)."""
    return bool(getattr(flowable, "_JustifyLast", False))


def justify_last_line(flowable: Any, justify: bool) -> None:
    """Have reportlab justify (or not) the last line of this paragraph."""
    flowable._JustifyLast = justify


def unfinished_page(canvas: Any) -> bool:
    """Whether `canvas` holds drawing not yet ended by showPage."""
    if usable():
        return bool(canvas._code)
    return not canvas.pageHasData()  # reportlab's name says the opposite of what it answers


def add_to_text(text: Any, operators: str) -> bool:
    """Write `operators` (marked content, say) into the text object `text` where its pen is; False when
    this reportlab offers no way, and then nothing is written. Its public canvas writes only between
    text objects (`addLiteral`)."""
    code = getattr(text, "_code", None)
    if not usable() or not isinstance(code, list):
        return False
    code.append(operators)
    return True


def sign_document(canvas: Any, signature: Any) -> None:
    """Make `signature` (an md5 object) the seed of the document's ID, instead of what reportlab feeds it."""
    if usable():
        canvas._doc.signature = signature


def deflate_finished_page(canvas: Any) -> None:
    """Deflate the page `showPage` just ended now, not when the document is saved.

    reportlab keeps every page's drawing as text until `save`: over a book of thousands of
    pages that text is larger than the article. The stream is also left binary: reportlab would
    wrap it in ASCII85 as well (`rl_config.useA85`, for 7-bit channels no PDF travels through
    now), which makes it a quarter larger. The page is otherwise the one `PDFPage.check_format`
    would finish at `save`.
    """
    if not usable():
        return
    page = canvas._doc.Pages.pages[-1]
    text = page.stream
    if not page.compression or page.Contents is not None or not isinstance(text, str) or not text:
        return
    stream = pdfdoc.PDFStream(content=pdfdoc.PDFZCompress.encode(text))
    stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])
    stream.__Comment__ = "page stream"
    page.Contents = stream
    page.stream = None
