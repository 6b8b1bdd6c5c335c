"""reportlab's hot spots made faster, without changing a byte of what it writes, and only while convert writes.

Each replacement computes exactly what the function it replaces computes (the PDFs of a
1,000-article corpus come out byte for byte the same), only without work that our fragments
never need. Four reach reportlab through our own subclasses: text split and subsets made by our
font and its face, font files deflated by a filter of our own, long paragraphs broken by our
paragraph. The functions reportlab looks up in its modules at every call go in through a
scoped switch for the duration of each of our renders (`while_writing()`), and reportlab's own
are back when the last render ends. Every replacement works only in a thread inside one of our
renders, and hands any other call to reportlab's function. When the adapter finds a reportlab
it was not written for, none of this is used.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics

from convert.caches import Lru, memoised
from convert.writers.pdf.adapters import reportlab_adapter as internals
from convert.writers.pdf.switch import Gate, ScopedSwitch
from convert.writers.pdf.wordqueue import QueuedWords, WordQueue

_GATE = Gate()
"""Per thread: inside one of our renders, with the speed-ups on."""


def fast() -> bool:
    """Whether this thread is inside one of our renders with the speed-ups on."""
    return _GATE.fast


def writing() -> bool:
    """Whether this thread is inside one of our renders, with the speed-ups on or not."""
    return _GATE.writing


_string_width = pdfmetrics.stringWidth
_ascent_descent = pdfmetrics.getAscentDescent


@memoised(200_000)  # a font name always stands for one face file
def _width(text: str, font_name: str, size: float, encoding: str) -> float:
    return float(_string_width(text, font_name, size, encoding))


@memoised(10_000)
def _extent(font_name: str, size: float | None) -> tuple[float, float]:
    extent: tuple[float, float] = _ascent_descent(font_name, size)
    return extent


def remembered_width(text: str, fontName: str, fontSize: float, encoding: str = "utf8") -> float:  # noqa: N803
    """reportlab's `stringWidth`, remembered: its line breaking measures every word of every
    paragraph, and news text uses the same few thousand words."""
    if not _GATE.fast:
        return float(_string_width(text, fontName, fontSize, encoding))
    return _width(text, fontName, fontSize, encoding)


def remembered_extent(fontName: str, fontSize: float | None = None) -> tuple[float, float]:  # noqa: N803
    """reportlab's `getAscentDescent`, remembered: line breaking asks it for every word."""
    if not _GATE.fast:
        shipped: tuple[float, float] = _ascent_descent(fontName, fontSize)
        return shipped
    return _extent(fontName, fontSize)


_SAME_FRAGMENT_FIELDS = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")


def same_fragment(first: Any, second: Any) -> bool:
    """Whether two fragments draw alike: reportlab's own pure-Python `sameFrag`.

    Its C version asks each fragment for attributes ours never have (`backColor`, `nobr`,
    `cbDefn`, `lineBreak`); every miss raises and clears an AttributeError, 5 µs a call, and
    line breaking calls it for every word of a paragraph with more than one style."""
    if not _GATE.fast:
        return bool(internals.ORIGINAL_SAME_FRAGMENT(first, second))
    first_fields, second_fields = first.__dict__, second.__dict__
    if "cbDefn" in first_fields or "lineBreak" in first_fields:
        return False
    if "cbDefn" in second_fields or "lineBreak" in second_fields:
        return False
    first_get, second_get = first_fields.get, second_fields.get
    return [first_get(name) for name in _SAME_FRAGMENT_FIELDS] == [second_get(name) for name in _SAME_FRAGMENT_FIELDS]


def split_string(font: Any, text: Any, doc: Any, encoding: str, shipped: Callable[..., Any]) -> Any:
    """`TTFont.splitString` (text → (subset, codes) chunks), at C speed when every character
    already has a code in the first subset: the usual case once a document's first lines are
    drawn. reportlab looks each character up in a Python loop, a tenth of a PDF's time.
    `shipped` is reportlab's own method, for every other case."""
    if _GATE.fast and isinstance(text, str) and text and "\xa0" not in text:
        state = internals.subset_codes(font, doc)
        if state is not None:
            known = getattr(state, "_convert_codes", None)
            if known is None or known[0] != len(state.assignments):
                codes = {char: code for char, code in state.assignments.items() if code < 0x100}
                known = state._convert_codes = (len(state.assignments), codes, frozenset(map(chr, codes)))
            if known[2].issuperset(text):
                return [(0, text.translate(known[1]).encode("latin-1"))]
    return shipped(text, doc, encoding)


def pdfdoc_encoded(value: Any) -> Any:
    """`pdfdoc.pdfdocEnc`: text in PDFDocEncoding, which is ASCII for printable ASCII; reportlab
    sends every number and name of a PDF's objects through its Python codec."""
    if _GATE.fast and isinstance(value, str) and value.isascii() and value.isprintable():
        return value.encode("ascii")
    return internals.ORIGINAL_PDFDOC_ENCODED(value)


_SUBSETS: Lru[tuple[Any, tuple[int, ...]], bytes] = Lru("convert.writers.pdf.speedups.remembered_subset", 256)


def remembered_subset(face: Any, subset: list[int], make: Callable[[list[int]], bytes]) -> bytes:
    """`TTFontFile.makeSubset` (`make`), remembered per face and code list: it rebuilds a font
    file in Python for every subset of every document, and articles mostly need the same few
    (ASCII keeps its own codes; the rest follow in order of first use): 223 distinct in 3,024
    calls over the 1,000-article corpus."""
    if not _GATE.fast:
        return make(subset)
    key = (face, tuple(subset))
    made = _SUBSETS.get(key)
    if made is None:
        made = _SUBSETS.keep(key, make(subset))
    return made


_COMPRESSED: Lru[bytes, bytes] = Lru("convert.writers.pdf.speedups.remembered_compression", 256)


class RememberedCompression(internals.ORIGINAL_ZCOMPRESS):  # type: ignore[misc]  # reportlab has no type hints
    """reportlab's Flate filter, remembered, for the font files above: the same subset bytes come
    back for many documents, and deflating one takes longer than drawing a page."""

    def encode(self, text: Any) -> Any:
        if not _GATE.fast or not isinstance(text, bytes) or len(text) < 4096:
            return super().encode(text)
        packed = _COMPRESSED.get(text)
        if packed is None:
            packed = _COMPRESSED.keep(text, super().encode(text))
        return packed


REMEMBERED_COMPRESSION = RememberedCompression()


def pdf_format(element: Any, document: Any, toplevel: int = 0) -> Any:
    """`pdfdoc.format`, which writes each PDF value: numbers (most of them: a font's glyph
    widths, every coordinate) go straight to `fp_str`, whose digits need no encoding."""
    kind = type(element)
    if (kind is int or kind is float) and _GATE.fast:
        return fp_str(element).encode("ascii")
    return internals.ORIGINAL_FORMAT(element, document, toplevel)


_QUEUED_FROM = 400
"""Words in a paragraph from which its line breaker gets them as a `WordQueue`: below, a list is quicker."""


def fragment_words(frags: Any, maxWidth: Any = None) -> Any:  # noqa: N803 - reportlab's names
    """`_getFragWords` (a paragraph of several styles as words), as a `WordQueue` when it is long:
    the line breaker takes them one by one from the front."""
    words = internals.ORIGINAL_FRAGMENT_WORDS(frags, maxWidth)
    return WordQueue(words) if _GATE.fast and len(words) > _QUEUED_FROM else words


def break_lines(paragraph: Any, width: Any, shipped: Callable[[Any], Any]) -> Any:
    """`Paragraph.breakLines`, with the words of a long paragraph of one style as a `WordQueue`.

    reportlab splits such a paragraph's text into a list of its own; a stand-in fragment holding
    the same words, split the same way, makes it copy them with `words[:]` instead. That path is
    taken on exactly the conditions reportlab takes its own for one plain fragment. `shipped` is
    reportlab's own method, bound to the paragraph."""
    frags = paragraph.frags
    style = paragraph.style
    if not _GATE.fast or len(frags) != 1 or style.endDots or getattr(style, "shaping", 0) or _reorders_words(style):
        return shipped(width)
    only = frags[0]
    text = getattr(only, "text", None)
    if not isinstance(text, str) or text.count(" ") < _QUEUED_FROM:
        return shipped(width)
    if hasattr(only, "cbDefn") or hasattr(only, "backColor") or internals.processed_fragments(frags):
        return shipped(width)
    stand_in = only.clone()
    del stand_in.text
    stand_in.words = QueuedWords(internals.split_words(text))
    paragraph.frags = [stand_in]
    try:
        return shipped(width)
    finally:
        paragraph.frags = frags


def _reorders_words(style: Any) -> bool:
    """Whether reportlab reorders the paragraph's words for right-to-left text (its `doBidi`)."""
    wrap = style.wordWrap
    return bool(wrap) and str(wrap).upper() in ("RTL", "LTR")


_SWITCH = ScopedSwitch(
    _GATE,
    tuple(
        zip(
            internals.LOOKED_UP_PER_CALL,
            (remembered_width, remembered_extent, same_fragment, fragment_words, pdfdoc_encoded, pdf_format),
            strict=True,
        )
    ),
    internals.usable,
)


def while_writing() -> AbstractContextManager[None]:
    """The speed-ups on in this thread for one of our renders; reportlab's own functions back after the last."""
    return _SWITCH.rendering()


def reportlab_as_shipped() -> AbstractContextManager[None]:
    """Renders in this thread on reportlab alone while the block runs: for comparing and measuring reportlab itself."""
    return _SWITCH.as_shipped()
