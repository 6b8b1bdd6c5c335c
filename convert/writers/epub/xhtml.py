"""XHTML content documents built as lxml trees, so that text is always escaped and never parsed as markup."""

from __future__ import annotations

from typing import assert_never, cast

from lxml import etree

from convert.model import (
    Block,
    BlockQuote,
    Direction,
    Emphasis,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Strong,
    Text,
    ThematicBreak,
    inline_text,
)
from convert.text.links import nested_target
from convert.text.partlanguage import language_runs, part_language
from convert.text.spacing import bind_spaces

XHTML_NS = "http://www.w3.org/1999/xhtml"
OPS_NS = "http://www.idpf.org/2007/ops"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EPUB_TYPE = f"{{{OPS_NS}}}type"
STYLESHEET = "style.css"
QUOTE_CLASS = "quote"
PHRASE_CLASS = "phrase"
"""A display title's phrase, kept on one line where it fits (`titlelines.phrases`)."""
_NSMAP: dict[str | None, str] = {None: XHTML_NS, "epub": OPS_NS}
_DOCTYPE = "<!DOCTYPE html>"

Element = etree._Element


def new_document(title: str, language: str, direction: Direction) -> tuple[Element, Element]:
    """An XHTML document linking the style sheet: its root and its empty body."""
    html = etree.Element(f"{{{XHTML_NS}}}html", nsmap=cast("dict[str, str]", _NSMAP))  # None: the default namespace
    set_language(html, language)
    if direction == "rtl":
        html.set("dir", "rtl")
    head = sub(html, "head")
    sub(head, "title").text = title
    sub(head, "link", rel="stylesheet", type="text/css", href=STYLESHEET)
    return html, sub(html, "body")


def serialise(html: Element) -> bytes:
    """The document's bytes: UTF-8 with an XML declaration and the HTML doctype."""
    return etree.tostring(html, xml_declaration=True, encoding="utf-8", doctype=_DOCTYPE)


def sub(parent: Element, tag: str, attributes: dict[str, str] | None = None, **more: str) -> Element:
    """A new XHTML child element of `parent` (attributes such as `class` go in the dictionary)."""
    return etree.SubElement(parent, f"{{{XHTML_NS}}}{tag}", {**(attributes or {}), **more})


def set_language(element: Element, language: str) -> None:
    """Both `lang` (HTML) and `xml:lang` (XML), which EPUB asks to agree."""
    element.set("lang", language)
    element.set(XML_LANG, language)


def append_text(parent: Element, text: str) -> None:
    """Add text after whatever `parent` already holds, its spaces bound where a line must not break."""
    if text:
        _append_bound(parent, bind_spaces(text))


def _append_bound(parent: Element, text: str) -> None:
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def append_text_in(parent: Element, text: str, language: str) -> None:
    """`append_text` for text written in `language`, each piece in another language (`language_runs`)
    in a span marked with its own, so that a reader's voice and fonts change for it."""
    if not text:
        return
    for own, piece in language_runs(bind_spaces(text), language):
        if own is None:
            _append_bound(parent, piece)
        else:
            span = sub(parent, "span")
            set_language(span, own)
            span.text = piece


def set_part_language(element: Element, text: str, language: str) -> str:
    """Mark `element`, holding `text` inside text in `language`, with the language of its part when it
    differs (`part_language`); the language its own text is then written in."""
    own = part_language(text, language)
    if own is None:
        return language
    set_language(element, own)
    return own


class BlockBuilder:
    """Turns model blocks and inlines into XHTML elements, collecting warnings about dropped links."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def block(
        self, parent: Element, block: Block, language: str, *, level: int = 0, anchor: str | None = None
    ) -> Element:
        """Append `block`, inside text in `language`, to `parent`; `level` is the heading level to use
        (0: the model's level + 1)."""
        match block:
            case Paragraph():
                element = sub(parent, "p")
                self._direction(element, block.direction)
                own = set_part_language(element, inline_text(block.inlines), language)
                self.inlines(element, block.inlines, own)
            case Heading():
                element = sub(parent, f"h{level or min(block.level + 1, 6)}")
                if anchor:
                    element.set("id", anchor)
                self._direction(element, block.direction)
                own = set_part_language(element, inline_text(block.inlines), language)
                self.inlines(element, block.inlines, own)
            case BlockQuote():
                element = sub(parent, "blockquote")
                for inner in block.blocks:
                    self.block(element, inner, language)
            case ListBlock():
                element = sub(parent, "ol" if block.ordered else "ul")
                for item in block.items:
                    entry = sub(element, "li")
                    for inner in item:
                        self.block(entry, inner, language)
            case ThematicBreak():
                element = sub(parent, "hr")
            case _:
                assert_never(block)
        return element

    def inlines(self, parent: Element, inlines: tuple[Inline, ...], language: str, link: str | None = None) -> None:
        """Append `inlines`, written in `language`, to `parent`, inside a link with target `link`. A
        quotation is a `<span class="quote">` around its own marks: calibre's MOBI output puts a pair
        of \u201c \u201d around every `<q>`, whatever the language and the style sheet, which would show each
        mark twice."""
        for inline in inlines:
            match inline:
                case Text():
                    append_text_in(parent, inline.text, language)
                case LineBreak():
                    sub(parent, "br")
                case Emphasis():
                    self.inlines(sub(parent, "em"), inline.children, language, link)
                case Strong():
                    self.inlines(sub(parent, "strong"), inline.children, language, link)
                case Quote():
                    self.inlines(sub(parent, "span", {"class": QUOTE_CLASS}), inline.children, language, link)
                case Link():
                    self._link(parent, inline, language, link)
                case _:
                    assert_never(inline)

    def _link(self, parent: Element, link: Link, language: str, outer: str | None) -> None:
        target = nested_target(outer, link)
        if outer is not None:  # HTML forbids a link inside a link
            self.warnings.append(f"kept the text of a link to {_shown(link.url)} but not the link: inside a link")
            self.inlines(parent, link.children, language, outer)
        elif target is None:
            self.warnings.append(f"kept the text of a link to {_shown(link.url)} but not the link: not a web address")
            self.inlines(parent, link.children, language)
        else:
            self.inlines(sub(parent, "a", href=target), link.children, language, target)

    @staticmethod
    def _direction(element: Element, direction: Direction | None) -> None:
        if direction is not None:
            element.set("dir", direction)


def _shown(url: str) -> str:
    return repr(url if len(url) <= 80 else url[:77] + "...")
