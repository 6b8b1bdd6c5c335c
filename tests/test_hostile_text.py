"""Hostile text in seed files: every class converts in every format with every letter kept."""

from __future__ import annotations

import functools
from dataclasses import replace

import pytest

import convert
from convert.model import Block, BlockQuote, Document, Emphasis, Inline, ListBlock, Paragraph, Quote, Strong, Text
from convert.model.jsonlimits import MAX_NESTING
from convert.readers.seed import read_seed
from tests.output_text import missing_letters, output_text
from tests.pdf_support import base_name, font_dictionaries

FORMATS = ("pdf", "epub", "docx", "json")

HEBREW = "העירייה אישרה את התקציב"
ARABIC = "وافق المجلس على الميزانية"

TEXTS = {
    "isolate alone": "The word \u2066isolated runs on",
    "pdi alone": "A closing \u2069 with nothing open",
    "isolates unmatched": f"{HEBREW} \u2067 open \u2067 twice {HEBREW}",
    "first strong isolate": f"Before \u2068{HEBREW}\u2069 after \u2068plain\u2069 end",
    "embeddings mixed with isolates": f"Start \u202b{HEBREW} \u2066inner\u202c still\u2069 end",
    "overrides": f"Forced \u202eoverride\u202c and \u202dltr {HEBREW}\u202c back",
    "embeddings past the depth limit": "Deep " + "\u202b" * 70 + "inside" + "\u202c" * 70 + " out",
    "isolates past the depth limit": "Deep " + "\u2067" * 130 + f"inside {ARABIC}" + "\u2069" * 130 + " out",
    "marks without any pairing": "Marks \u200e\u200f\u061c\u202c\u202c\u2069 everywhere",
    "noncharacters": "Non \ufdd0 characters \ufdef and \U0001fffe or \U0010ffff stay",
    "private use and unassigned": "Private \ue000 use \U000f0000 unassigned \U000e0fff \u0378 end",
    "tag characters": "Flag \U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f tagged",
    "stacked combining marks": "Stacked e" + "\u0301\u0302\u0303\u0308" * 25 + " marks",
    "every separator": "Line\u2028sep para\u2029sep next\u0085line vertical\x0btab form\x0cfeed file\x1csep",
    "variation selectors and joiners": "Emoji \u2764\ufe0f family \U0001f468\u200d\U0001f469 zwnj \u200cend",
    "canonical singletons": "Ideographs \U0002f974 \uf900 \ufa10 \U0002f800 units \u2126 \u212b \u212a end",
}


def seed(text: str) -> bytes:
    return f"date 2024-03-01 {text}\n\nA second paragraph closes it.".encode()


@functools.cache
def document(name: str, right_to_left: bool) -> Document:
    text = TEXTS[name]
    return read_seed(seed(f"{ARABIC} {text} {HEBREW}" if right_to_left else text), f"{name}.txt")


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("right_to_left", [False, True], ids=["ltr", "rtl"])
@pytest.mark.parametrize("name", list(TEXTS))
def test_hostile_text_converts_with_every_letter_kept(name: str, right_to_left: bool, output_format: str) -> None:
    item = document(name, right_to_left)
    data = convert.render(item, output_format)
    assert missing_letters(item, output_text(data, output_format), output_format) == {}


def _nested_block(kind: str, depth: int, innermost: Block) -> Block:
    block = innermost
    for level in range(depth):
        if kind == "block_quote" or (kind == "mixed" and level % 2):
            block = BlockQuote((block,))
        else:
            block = ListBlock(ordered=level % 3 == 0, items=((Paragraph((Text(f"item{level}"),)), block),))
    return block


def _nested_inline(depth: int) -> Inline:
    inline: Inline = Text("innermost")
    for level in range(depth):
        inline = (Emphasis, Strong, Quote)[level % 3]((inline, Text(f"word{level}")))
    return inline


@functools.cache
def nested_document(kind: str) -> Document:
    base = read_seed(seed("A document nested as deep as the model allows."), f"{kind}.txt")
    innermost = Paragraph((Text("The innermost paragraph keeps"), _nested_inline(MAX_NESTING)))
    if kind == "inlines":
        blocks: tuple[Block, ...] = (innermost,)
    else:
        blocks = (_nested_block(kind, MAX_NESTING, innermost), Paragraph((Text("After the nesting."),)))
    return replace(base, blocks=base.blocks + blocks)


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("kind", ["block_quote", "list", "mixed", "inlines"])
def test_every_word_nested_to_the_limit_is_rendered(kind: str, output_format: str) -> None:
    item = nested_document(kind)
    data = convert.render(item, output_format)
    assert missing_letters(item, output_text(data, output_format), output_format) == {}


def test_a_character_no_font_has_is_drawn_as_its_canonical_equivalent_without_a_warning() -> None:
    # Compatibility ideographs are in no CJK font's cmap, but each is by definition its unified ideograph.
    item = read_seed(seed("Place \U0002f974 and \U0002f800 end"), "equivalents.txt")
    warnings: list[str] = []
    data = convert.render(item, "pdf", warnings=warnings)
    assert warnings == []
    assert {"\u4359", "\u4e3d"} <= set(output_text(data, "pdf"))


def test_symbols_are_drawn_by_the_symbol_and_math_fonts_and_only_what_no_font_has_is_warned() -> None:
    symbols = "Weather \u2600 \u2605 \u2713 \u26a0 \u260e \u2708 \u2665 \u2318 \u26bd \U0001f30d \U0001f44d \u2764"
    math = "\u222e \u2a01 \u27c2"
    item = read_seed(seed(f"{symbols} and {math} and \U0001f600 end"), "symbols.txt")
    warnings: list[str] = []
    data = convert.render(item, "pdf", warnings=warnings)
    fonts_used = {base_name(font).split("-")[0] for font in font_dictionaries(data)}
    assert {"NotoSansSymbols2", "STIXTwoMath"} <= fonts_used
    missing = {line.split(" is in no installed font")[0] for line in warnings}
    assert missing == {"U+1F600 GRINNING FACE"}  # no monochrome emoji font is on PyPI: the box stays, and says so
    assert missing_letters(item, output_text(data, "pdf"), "pdf") == {}
