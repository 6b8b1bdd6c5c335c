"""Inlines as Word runs: a character style per kind of inline, right-to-left runs, fonts for every script.

Formatting lives in character styles (Emphasis, Strong, Inline Quote, Hyperlink); a run carries
direct formatting only where one style cannot say it all (emphasis inside a quotation), a font
only where the style's font has no glyph for the text or its language wants another (Korean and
Japanese Han forms, a Hebrew font where the document's complex-script one is Arabic), `w:rtl`
where the text is right to left, and `w:lang` where its language is not the document's: the
article's, or that of a part in another script (`convert.text.partlanguage`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from convert.fonts import FontFamily, families_to_try, split_runs
from convert.model import Inline, Text
from convert.styles.types import Style
from convert.text.direction import has_right_to_left, strong_direction
from convert.text.language import primary_language
from convert.text.partlanguage import language_runs
from convert.writers.common.marks import Marks, marked_text
from convert.writers.docx.ooxml import BR, R_ID, RPR, RSTYLE, SPACE, TAB, VAL, R, T, w
from convert.writers.docx.slots import SLOTS, ScriptFonts, Slot, covers, covers_ascii, script_fonts, slot_of
from convert.writers.docx.stylesheet import EMPHASIS, HYPERLINK, INLINE_QUOTE, STRONG, language_element

MAX_TEXT = 32_768
"""Characters per `w:t`: long paragraphs are cut into several, far below libxml2's text-node limit."""

_CONTROLS = re.compile(r"(\r\n|[\r\n\t\u2028])")
_B, _BCS, _I, _RTL, _RFONTS, _HYPERLINK = (w(name) for name in ("b", "bCs", "i", "rtl", "rFonts", "hyperlink"))
_ANCHOR, _HISTORY = w("anchor"), w("history")


@dataclass(frozen=True, slots=True)
class Format:
    """What surrounds a piece of text: the inline kinds it sits in and the link it belongs to."""

    emphasis: bool = False
    strong: bool = False
    quote: bool = False
    url: str | None = None
    """The target of the web link the text belongs to (`convert.text.links`)."""
    anchor: str | None = None
    """A bookmark inside the document, for contents entries."""


PLAIN = Format()
"""Text outside any inline."""


@dataclass(slots=True)
class RunContext:
    """What every run of one paragraph needs to know."""

    style: Style
    family: FontFamily
    """The paragraph style's family: Word's ascii and hAnsi slots hold it."""
    quote_family: FontFamily
    fonts: ScriptFonts
    """The families the styles put in the East Asian and complex-script slots."""
    link_id: Callable[[str], str]
    """The relationship id of the external link to a target."""
    text_language: str
    """The language the paragraph is written in: the article's, or its part's in another script."""
    document_language: str
    """The language the styles mark; runs in any other carry their own `w:lang`."""
    settled: dict[tuple[str, bool, ScriptFonts], set[str]] = field(default_factory=dict)
    """Characters already known to need no fallback font, by (family name, right to left, the slots'
    fonts); shared by the contexts of one document."""
    languages: Counter[str] = field(default_factory=Counter)
    """Letters written in each language other than the document's, for the styles' language slots."""
    named: dict[FontFamily, None] = field(default_factory=dict)
    """Families runs name beyond the styles' ones, in the order first named, for the font table."""

    @property
    def chain(self) -> tuple[FontFamily, ...]:
        """The sheet's fallback families, tried in order for characters the slot's font lacks."""
        return self.style.fallback_families


def append_inlines(
    paragraph: etree._Element, inlines: tuple[Inline, ...], context: RunContext, base: Format = PLAIN
) -> None:
    """Append runs (and hyperlinks holding runs) for `inlines` to `paragraph`."""
    outer = Marks(base.strong, base.emphasis, base.quote, base.url)
    pieces = [
        (Format(marks.emphasis, marks.strong, marks.quote, marks.link, base.anchor), text)
        for marks, text in marked_text(inlines, outer)
    ]
    parent = paragraph
    current_link: tuple[str | None, str | None] = (None, None)
    for fmt, text in _merged(pieces):
        link = (fmt.url, fmt.anchor)
        if link != current_link:
            current_link = link
            parent = paragraph
            if fmt.anchor is not None:
                parent = etree.SubElement(paragraph, _HYPERLINK, {_ANCHOR: fmt.anchor, _HISTORY: "1"})
            elif fmt.url is not None:
                parent = etree.SubElement(paragraph, _HYPERLINK, {R_ID: context.link_id(fmt.url), _HISTORY: "1"})
        _append_text(parent, fmt, text, context)


def append_text(paragraph: etree._Element, text: str, context: RunContext, base: Format = PLAIN) -> None:
    """Append runs for plain text (a title or a date line) to `paragraph`."""
    append_inlines(paragraph, (Text(text),), context, base)


def _merged(pieces: list[tuple[Format, str | None]]) -> Iterator[tuple[Format, str]]:
    """Neighbouring pieces of one format as one text; a line break is a newline in it."""
    current: Format | None = None
    parts: list[str] = []
    for fmt, text in pieces:
        if fmt != current and current is not None:
            yield current, "".join(parts)
            parts = []
        current = fmt
        parts.append("\n" if text is None else text)
    if current is not None:
        yield current, "".join(parts)


def _append_text(parent: etree._Element, fmt: Format, text: str, context: RunContext) -> None:
    if not text:
        return
    family = context.quote_family if fmt.quote else context.family
    for own, piece in language_runs(text, context.text_language):
        language = own or context.text_language
        mark = None if language == context.document_language or _left_unmarked(language) else language
        if mark is not None:
            context.languages[mark] += len(piece)
        fonts = context.fonts if language == context.document_language else script_fonts(context.style, language)
        for rtl, chunk in _direction_chunks(piece):
            for overrides, part in _font_segments(chunk, rtl, family, context, fonts, language):
                run = etree.SubElement(parent, R)
                properties = _run_properties(fmt, overrides, rtl, mark)
                if properties is not None:
                    run.append(properties)
                _append_content(run, part)


_UNMARKED_LANGUAGES = frozenset({"th"})
"""Parts not given their `w:lang` in a DOCX: LibreOffice justifies text marked Thai by spreading it
between its letters and sets the vowel marks apart from them (seen in 7.4), so a Thai name in a
justified English paragraph came out broken; unmarked, it is shaped and set whole. EPUB marks them."""


def _left_unmarked(language: str) -> bool:
    return primary_language(language) in _UNMARKED_LANGUAGES


def _run_properties(fmt: Format, overrides: dict[str, str], rtl: bool, mark: str | None) -> etree._Element | None:
    style = (
        HYPERLINK
        if fmt.url is not None and fmt.anchor is None
        else INLINE_QUOTE
        if fmt.quote
        else STRONG
        if fmt.strong
        else EMPHASIS
        if fmt.emphasis
        else None
    )
    bold = fmt.strong and style != STRONG
    italic = fmt.emphasis and style != EMPHASIS
    if style is None and not (overrides or bold or italic or rtl or mark):
        return None
    properties = etree.Element(RPR)
    if style is not None:
        etree.SubElement(properties, RSTYLE, {VAL: style})
    if overrides:
        etree.SubElement(properties, _RFONTS, {w(slot): overrides[slot] for slot in SLOTS if slot in overrides})
    if bold:
        etree.SubElement(properties, _B)
        etree.SubElement(properties, _BCS)
    if italic:  # w:i only: complex-script text (Arabic, Hebrew) stays upright, as in the PDF
        etree.SubElement(properties, _I)
    if rtl:
        etree.SubElement(properties, _RTL)
    if mark:
        properties.append(language_element(mark))
    return properties


def _append_content(run: etree._Element, text: str) -> None:
    """Text as `w:t` pieces, with newlines as `w:br` and tabs as `w:tab`, which Word draws as such."""
    for part in (
        _CONTROLS.split(text) if ("\n" in text or "\t" in text or "\r" in text or "\u2028" in text) else (text,)
    ):
        if not part:
            continue
        if part == "\t":
            etree.SubElement(run, TAB)
        elif part in ("\n", "\r", "\r\n", "\u2028"):
            etree.SubElement(run, BR)
        else:
            for start in range(0, len(part), MAX_TEXT):
                node = etree.SubElement(run, T)
                node.text = part[start : start + MAX_TEXT]
                node.set(SPACE, "preserve")


def _direction_chunks(text: str) -> list[tuple[bool, str]]:
    """`text` cut where the strong direction changes; neutral characters stay with what precedes them."""
    if not has_right_to_left(text):
        return [(False, text)]
    chunks: list[tuple[bool, str]] = []
    current: bool | None = None
    start = 0
    for index, char in enumerate(text):
        direction = strong_direction(char)
        if direction is not None:
            rtl = direction == "rtl"
            if current is None:
                current = rtl
            elif rtl != current:
                chunks.append((current, text[start:index]))
                current, start = rtl, index
    chunks.append((bool(current), text[start:]))
    return chunks


def _font_segments(
    text: str, rtl: bool, family: FontFamily, context: RunContext, fonts: ScriptFonts, language: str
) -> list[tuple[dict[str, str], str]]:
    """`text` in `language` cut where the font must change, each part with the slots it must set:
    to the East Asian or complex-script family of its language where that is not the styles' one,
    and to a fallback family where the slot's font lacks a character."""
    own = _language_overrides(fonts, context)
    if not rtl and text.isascii() and covers_ascii(family):
        return [(own, text)]
    defaults: dict[Slot, FontFamily | None] = {
        "ascii": family,
        "hAnsi": family,
        "eastAsia": fonts.east_asian,
        "cs": fonts.complex,
    }
    settled = context.settled.setdefault((family.name, rtl, fonts), set())
    unknown = set(text) - settled
    lacking = {
        char for char in unknown if not (char.isspace() or covers(defaults["cs" if rtl else slot_of(char)], char))
    }
    settled |= unknown - lacking
    if not lacking:
        return [(own, text)]
    segments: list[tuple[dict[str, str], list[str]]] = []
    for chosen, part in split_runs(text, families_to_try(family, context.chain), lang=language):
        fallbacks: dict[str, str] = {}
        if chosen is not None:
            for char in part:
                slot: Slot = "cs" if rtl else slot_of(char)
                if slot not in fallbacks and not char.isspace() and not covers(defaults[slot], char):
                    fallbacks[slot] = chosen.name
                    context.named[chosen] = None
        overrides = {**own, **fallbacks}
        if segments and segments[-1][0] == overrides:
            segments[-1][1].append(part)
        else:
            segments.append((overrides, [part]))
    return [(overrides, "".join(parts)) for overrides, parts in segments]


def _language_overrides(fonts: ScriptFonts, context: RunContext) -> dict[str, str]:
    """The East Asian and complex-script slots a run in a language with `fonts` sets itself."""
    overrides: dict[str, str] = {}
    for slot, mine, styles in (
        ("eastAsia", fonts.east_asian, context.fonts.east_asian),
        ("cs", fonts.complex, context.fonts.complex),
    ):
        if mine is not None and mine != styles:
            overrides[slot] = mine.name
            context.named[mine] = None
    return overrides
