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
)
from convert.text.links import nested_target
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
    if not text:
        return
    text = bind_spaces(text)
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


class BlockBuilder:
    """Turns model blocks and inlines into XHTML elements, collecting warnings about dropped links."""

    def __init__(self) -> None:
        self.warnings: list[str] = []

    def block(self, parent: Element, block: Block, *, level: int = 0, anchor: str | None = None) -> Element:
        """Append `block` to `parent`; `level` is the heading level to use (0: the model's level + 1)."""
        match block:
            case Paragraph():
                element = sub(parent, "p")
                self._direction(element, block.direction)
                self.inlines(element, block.inlines)
            case Heading():
                element = sub(parent, f"h{level or min(block.level + 1, 6)}")
                if anchor:
                    element.set("id", anchor)
                self._direction(element, block.direction)
                self.inlines(element, block.inlines)
            case BlockQuote():
                element = sub(parent, "blockquote")
                for inner in block.blocks:
                    self.block(element, inner)
            case ListBlock():
                element = sub(parent, "ol" if block.ordered else "ul")
                for item in block.items:
                    entry = sub(element, "li")
                    for inner in item:
                        self.block(entry, inner)
            case ThematicBreak():
                element = sub(parent, "hr")
            case _:
                assert_never(block)
        return element

    def inlines(self, parent: Element, inlines: tuple[Inline, ...], link: str | None = None) -> None:
        """Append `inlines` to `parent`, inside a link with target `link`. A quotation is a
        `<span class="quote">` around its own marks: calibre's MOBI output puts a pair of “ ” around
        every `<q>`, whatever the language and the style sheet, which would show each mark twice."""
        for inline in inlines:
            match inline:
                case Text():
                    append_text(parent, inline.text)
                case LineBreak():
                    sub(parent, "br")
                case Emphasis():
                    self.inlines(sub(parent, "em"), inline.children, link)
                case Strong():
                    self.inlines(sub(parent, "strong"), inline.children, link)
                case Quote():
                    self.inlines(sub(parent, "span", {"class": QUOTE_CLASS}), inline.children, link)
                case Link():
                    self._link(parent, inline, link)
                case _:
                    assert_never(inline)

    def _link(self, parent: Element, link: Link, outer: str | None) -> None:
        target = nested_target(outer, link)
        if outer is not None:  # HTML forbids a link inside a link
            self.warnings.append(f"kept the text of a link to {_shown(link.url)} but not the link: inside a link")
            self.inlines(parent, link.children, outer)
        elif target is None:
            self.warnings.append(f"kept the text of a link to {_shown(link.url)} but not the link: not a web address")
            self.inlines(parent, link.children)
        else:
            self.inlines(sub(parent, "a", href=target), link.children, target)

    @staticmethod
    def _direction(element: Element, direction: Direction | None) -> None:
        if direction is not None:
            element.set("dir", direction)


def _shown(url: str) -> str:
    return repr(url if len(url) <= 80 else url[:77] + "...")
