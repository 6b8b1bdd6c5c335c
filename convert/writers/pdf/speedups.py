"""reportlab's hot spots made faster, without changing a byte of what it writes.

Installed when this module is imported, which the PDF writer does with its first document
(through `faces`); `reportlab_as_shipped()` takes them out for a while. Each replacement computes exactly what the
function it replaces computes (the PDFs of a 1,000-article corpus come out byte for byte the
same), only without work that our fragments never need.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, TTFontFile
from reportlab.platypus import paragraph

from convert.caches import Lru, memoised
from convert.writers.pdf.wordqueue import QueuedWords, WordQueue


@memoised(200_000)  # a font name always stands for one face file
def remembered_width(text: str, fontName: str, fontSize: float, encoding: str = "utf8") -> float:  # noqa: N803
    """reportlab's `stringWidth`, remembered: its line breaking measures every word of every
    paragraph, and news text uses the same few thousand words."""
    width: float = pdfmetrics.stringWidth(text, fontName, fontSize, encoding)
    return width


@memoised(10_000)
def remembered_extent(fontName: str, fontSize: float | None = None) -> tuple[float, float]:  # noqa: N803
    """reportlab's `getAscentDescent`, remembered: line breaking asks it for every word."""
    extent: tuple[float, float] = pdfmetrics.getAscentDescent(fontName, fontSize)
    return extent


_SAME_FRAGMENT_FIELDS = ("fontName", "fontSize", "textColor", "rise", "us_lines", "link", "backColor", "nobr")


def same_fragment(first: Any, second: Any) -> bool:
    """Whether two fragments draw alike: reportlab's own pure-Python `sameFrag`.

    Its C version asks each fragment for attributes ours never have (`backColor`, `nobr`,
    `cbDefn`, `lineBreak`); every miss raises and clears an AttributeError, 5 µs a call, and
    line breaking calls it for every word of a paragraph with more than one style."""
    first_fields, second_fields = first.__dict__, second.__dict__
    if "cbDefn" in first_fields or "lineBreak" in first_fields:
        return False
    if "cbDefn" in second_fields or "lineBreak" in second_fields:
        return False
    first_get, second_get = first_fields.get, second_fields.get
    return [first_get(name) for name in _SAME_FRAGMENT_FIELDS] == [second_get(name) for name in _SAME_FRAGMENT_FIELDS]


_split_string = TTFont.splitString


def split_string(self: Any, text: Any, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
    """`TTFont.splitString` (text → (subset, codes) chunks), at C speed when every character
    already has a code in the first subset: the usual case once a document's first lines are
    drawn. reportlab looks each character up in a Python loop, a tenth of a PDF's time."""
    state = self.state.get(doc) if isinstance(text, str) and text and "\xa0" not in text else None
    if state is not None:
        known = getattr(state, "_convert_codes", None)
        if known is None or known[0] != len(state.assignments):
            codes = {char: code for char, code in state.assignments.items() if code < 0x100}
            known = state._convert_codes = (len(state.assignments), codes, frozenset(map(chr, codes)))
        if known[2].issuperset(text):
            return [(0, text.translate(known[1]).encode("latin-1"))]
    result: list[tuple[int, bytes]] = _split_string(self, text, doc, encoding)
    return result


_pdfdoc_encoded = pdfdoc.pdfdocEnc


def pdfdoc_encoded(value: Any) -> Any:
    """`pdfdoc.pdfdocEnc`: text in PDFDocEncoding, which is ASCII for printable ASCII; reportlab
    sends every number and name of a PDF's objects through its Python codec."""
    if isinstance(value, str) and value.isascii() and value.isprintable():
        return value.encode("ascii")
    return _pdfdoc_encoded(value)


_make_subset = TTFontFile.makeSubset
_SUBSETS: Lru[tuple[Any, tuple[int, ...]], bytes] = Lru("convert.writers.pdf.speedups.remembered_subset", 256)


def remembered_subset(self: Any, subset: list[int]) -> bytes:
    """`TTFontFile.makeSubset`, remembered per face and code list: it rebuilds a font file in
    Python for every subset of every document, and articles mostly need the same few (ASCII
    keeps its own codes; the rest follow in order of first use): 223 distinct in 3,024 calls
    over the 1,000-article corpus."""
    key = (self, tuple(subset))
    made = _SUBSETS.get(key)
    if made is None:
        made = _SUBSETS.keep(key, _make_subset(self, subset))
    return made


_compress = pdfdoc.PDFStreamFilterZCompress.encode
_COMPRESSED: Lru[bytes, bytes] = Lru("convert.writers.pdf.speedups.remembered_compression", 256)


def remembered_compression(self: Any, text: Any) -> Any:
    """`PDFStreamFilterZCompress.encode`, remembered for the font files above: the same subset
    bytes come back for many documents, and deflating one takes longer than drawing a page."""
    if not isinstance(text, bytes) or len(text) < 4096:
        return _compress(self, text)
    packed = _COMPRESSED.get(text)
    if packed is None:
        packed = _COMPRESSED.keep(text, _compress(self, text))
    return packed


_pdf_format = pdfdoc.format


def pdf_format(element: Any, document: Any, toplevel: int = 0) -> Any:
    """`pdfdoc.format`, which writes each PDF value: numbers (most of them: a font's glyph
    widths, every coordinate) go straight to `fp_str`, whose digits need no encoding."""
    kind = type(element)
    if kind is int or kind is float:
        return fp_str(element).encode("ascii")
    return _pdf_format(element, document, toplevel)


_QUEUED_FROM = 400
"""Words in a paragraph from which its line breaker gets them as a `WordQueue`: below, a list is quicker."""

_fragment_words = paragraph._getFragWords


def fragment_words(frags: Any, maxWidth: Any = None) -> Any:  # noqa: N803 - reportlab's names
    """`_getFragWords` (a paragraph of several styles as words), as a `WordQueue` when it is long:
    the line breaker takes them one by one from the front."""
    words = _fragment_words(frags, maxWidth)
    return WordQueue(words) if len(words) > _QUEUED_FROM else words


_break_lines = paragraph.Paragraph.breakLines


def break_lines(self: Any, width: Any) -> Any:
    """`Paragraph.breakLines`, with the words of a long paragraph of one style as a `WordQueue`.

    reportlab splits such a paragraph's text into a list of its own; a stand-in fragment holding
    the same words, split the same way, makes it copy them with `words[:]` instead. That path is
    taken on exactly the conditions reportlab takes its own for one plain fragment."""
    frags = self.frags
    style = self.style
    if len(frags) != 1 or style.endDots or getattr(style, "shaping", 0) or _reorders_words(style):
        return _break_lines(self, width)
    only = frags[0]
    text = getattr(only, "text", None)
    if not isinstance(text, str) or text.count(" ") < _QUEUED_FROM:
        return _break_lines(self, width)
    if hasattr(only, "cbDefn") or hasattr(only, "backColor") or paragraph._processed_frags(frags):
        return _break_lines(self, width)
    stand_in = only.clone()
    del stand_in.text
    stand_in.words = QueuedWords(paragraph.split(paragraph.strip(text)))
    self.frags = [stand_in]
    try:
        return _break_lines(self, width)
    finally:
        self.frags = frags


def _reorders_words(style: Any) -> bool:
    """Whether reportlab reorders the paragraph's words for right-to-left text (its `doBidi`)."""
    wrap = style.wordWrap
    return bool(wrap) and str(wrap).upper() in ("RTL", "LTR")


_REPLACED: tuple[tuple[Any, str, Any], ...] = (
    (paragraph, "stringWidth", remembered_width),
    (paragraph, "getAscentDescent", remembered_extent),
    (paragraph, "sameFrag", same_fragment),
    (TTFont, "splitString", split_string),
    (pdfdoc, "pdfdocEnc", pdfdoc_encoded),
    (pdfdoc, "format", pdf_format),
    (TTFontFile, "makeSubset", remembered_subset),
    (pdfdoc.PDFStreamFilterZCompress, "encode", remembered_compression),
    (paragraph, "_getFragWords", fragment_words),
    (paragraph.Paragraph, "breakLines", break_lines),
)
_ORIGINALS = tuple(getattr(owner, name) for owner, name, _ in _REPLACED)


def _install(functions: Iterable[Any]) -> None:
    for (owner, name, _), function in zip(_REPLACED, functions, strict=True):
        setattr(owner, name, function)


@contextmanager
def reportlab_as_shipped() -> Iterator[None]:
    """reportlab without these replacements for a while: for measuring reportlab itself."""
    _install(_ORIGINALS)
    try:
        yield
    finally:
        _install(ours for _, _, ours in _REPLACED)


_install(ours for _, _, ours in _REPLACED)
