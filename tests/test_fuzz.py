"""Fuzzing every writer with hostile seeds and model documents: each case converts with every letter
of its text in every format, or is refused in one line naming the file.

The budget is small by default so that CI stays quick; `CONVERT_FUZZ_EXAMPLES=2000 pytest
tests/test_fuzz.py` runs a longer search on demand.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import unicodedata
from collections import Counter

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import convert
from convert.errors import InputError
from convert.model import BlockQuote, Document, Emphasis, Inline, ListBlock, Paragraph, Text, block_texts
from convert.model.jsonform import dumps, loads
from convert.readers.seed import read_seed
from tests.corpus import documents
from tests.output_text import missing_letters, output_text
from tests.pdf_support import significant

FORMATS = ("pdf", "epub", "docx", "json")
EXAMPLES = int(os.environ.get("CONVERT_FUZZ_EXAMPLES", "15"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    print_blob=True,
    # The bounded budget runs the same examples every time, so that CI's verdict is repeatable; a
    # longer search on demand draws new ones.
    derandomize="CONVERT_FUZZ_EXAMPLES" not in os.environ,
)

_WORDS = {
    "latin": ["harbour", "Zoë", "façade", "naïve", "Ärger", "smörgås"],
    "greek": ["λιμάνι", "Αθήνα"],
    "cyrillic": ["гавань", "Київ"],
    "arabic": ["الميناء", "مدينة", "٢٠٢٤"],
    "hebrew": ["נמל", "עיר"],
    "devanagari": ["बंदरगाह", "शहर"],
    "thai": ["ท่าเรือ"],
    "cjk": ["港口", "東京", "항구"],
    "digits": ["2024", "3.5", "40%"],
}
_ODD = [
    *"\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d\u202e\u200e\u200f\u061c",  # bidi controls
    *"\x00\x01\x07\x0b\x0c\x1b\x1f\x7f\x85\x9b",  # C0 and C1 controls
    "\ufdd0", "\ufffe", "\U0001fffe", "\U0010ffff",  # noncharacters
    "\ue000", "\U000f0000", "\u0378", "\U000e0fff",  # private use, unassigned
    "\U000e0067", "\U000e007f",  # tags
    "\u0301", "\u0308\u0301\u0302", "\u200d", "\u200c", "\ufe0f",  # marks and joiners
    "\u2028", "\u2029", "\x1c", "\u00a0", "\u3000",  # separators
    "<b>", "&amp;", "]]>", "https://example.org/a b", "\U0001f600", "\u2600",
    "\U0002f974", "\u212b",  # in no font: drawn as their canonical equivalents
]  # fmt: skip
_LINE_ENDS = st.sampled_from(["\n", "\r\n", "\r", "\u2028"])


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    pieces = draw(
        st.lists(
            st.one_of(
                st.sampled_from([word for words in _WORDS.values() for word in words]),
                st.sampled_from(_ODD),
            ),
            min_size=1,
            max_size=12,
        )
    )
    glue = draw(st.sampled_from([" ", " ", "", "  ", "\t"]))
    return glue.join(pieces)


@st.composite
def date_lines(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["valid", "valid", "impossible", "none", "garbled"]))
    if kind == "valid":
        return f"date {draw(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))).isoformat()} "
    if kind == "impossible":
        return f"date {draw(st.integers(0, 9999)):04d}-{draw(st.integers(0, 19)):02d}-{draw(st.integers(0, 39)):02d} "
    if kind == "garbled":
        return f"date {draw(st.sampled_from(['2024/1/2', '٢٠٢٤-٠١-٠٢', '2024-01-01T00:00', '9' * 30]))} "
    return ""


@st.composite
def seeds(draw: st.DrawFn) -> bytes:
    """Seed files as they arrive: any encoding, line ends, controls, scripts, bidi controls and dates."""
    end = draw(_LINE_ENDS)
    text = draw(date_lines()) + (end + end).join(draw(st.lists(paragraphs(), min_size=1, max_size=4)))
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "cp1252", "broken-utf-8"]))
    if encoding == "cp1252":
        return text.encode("cp1252", "replace")
    if encoding == "broken-utf-8":
        data = bytearray(text.encode("utf-8", "surrogatepass"))
        for _ in range(draw(st.integers(1, 3))):
            data.insert(draw(st.integers(0, len(data))), draw(st.sampled_from([0x80, 0x92, 0xE9, 0xFF])))
        return bytes(data)
    if encoding == "utf-16":
        return codecs.BOM_UTF16_LE + text.encode("utf-16-le", "surrogatepass")
    return text.encode(encoding, "surrogatepass")


def _converts_whole_or_refuses_in_one_line(data: bytes, name: str) -> None:
    try:
        item = read_seed(data, name)
    except InputError as error:
        assert error.message.startswith(f"{name}: ") and "\n" not in error.message, error.message
        return
    for output_format in FORMATS:
        rendered = convert.render(item, output_format)
        assert missing_letters(item, output_text(rendered, output_format), output_format) == {}, output_format


@FUZZ
@given(seeds())
def test_any_seed_converts_whole_in_every_format_or_is_refused_in_one_line(data: bytes) -> None:
    _converts_whole_or_refuses_in_one_line(data, "fuzzed.txt")


@FUZZ
@given(st.lists(paragraphs(), min_size=1, max_size=3))
@example(["harbour\x00\u0301"])
def test_a_utf8_seed_keeps_every_letter_of_its_text(texts: list[str]) -> None:
    # What the reader may drop: controls XML cannot carry; every letter, digit and mark stays.
    data = ("date 2024-05-01 " + "\n\n".join(texts)).encode("utf-8", "surrogatepass")
    try:
        item = read_seed(data, "fuzzed.txt")
    except InputError as error:
        assert error.message == "fuzzed.txt: no article text", error.message
        assert not significant("".join(texts))
        return
    # Decomposed: a mark the reader joins to the letter before a removed control composes with it.
    kept = Counter(unicodedata.normalize("NFKD", significant("\n".join(block_texts(item.blocks)))))
    wanted = Counter(unicodedata.normalize("NFKD", significant("\n".join(texts))))
    assert wanted - kept == Counter()


def _deep(inline: Inline, depth: int) -> Inline:
    for _ in range(depth):
        inline = Emphasis((inline,))
    return inline


@st.composite
def deep_documents(draw: st.DrawFn) -> Document:
    """Generated documents wrapped in block quotes and lists, with inlines nested deep, up to the limit."""
    base = draw(documents(most=3))
    depth = draw(st.integers(1, 64))
    odd = draw(st.sampled_from(_ODD))
    innermost = Paragraph((Text("deepest words"), _deep(Text(f"odd {odd} text"), draw(st.integers(0, 64)))))
    block = innermost
    for level in range(depth):
        block = BlockQuote((block,)) if draw(st.booleans()) else ListBlock(((block,),), ordered=level % 2 == 0)
    return Document(base.metadata, (*base.blocks, block))


@FUZZ
@given(deep_documents())
def test_any_model_document_converts_whole_in_every_format(document: Document) -> None:
    # Through the JSON form first, as a hand-edited file would arrive.
    try:
        item = loads(dumps(document), "fuzzed.json")
    except InputError as error:
        pytest.fail(f"the reader refused what the writer wrote: {error.message}")
    assert isinstance(item, Document)
    for output_format in FORMATS:
        rendered = convert.render(item, output_format)
        assert missing_letters(item, output_text(rendered, output_format), output_format) == {}, output_format
