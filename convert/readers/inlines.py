"""Find the inline structure of plain paragraph text: quotations and web addresses."""

from __future__ import annotations

import re

from convert.model import Inline, Link, Quote, Text
from convert.text.links import link_target

# Opening mark → closing mark. Straight double quotes pair with each other.
_QUOTE_PAIRS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c", '"': '"'}
_URL = re.compile(r"https?://[^\s<>\"\u201c\u201d\u00ab\u00bb]+")
_URL_TRAILING = ".,;:!?'\u2019)]}"


def parse_inlines(text: str) -> tuple[Inline, ...]:
    """Split `text` into text, quotation and link inlines; the characters are kept exactly."""
    marks = [mark for mark in _QUOTE_PAIRS if mark in text]
    has_links = "://" in text
    if not marks and not has_links:
        return (Text(text),) if text else ()
    inlines: list[Inline] = []
    position = 0
    while position < len(text):
        opening = _next_opening(text, position, marks)
        if opening is None:
            break
        start, closing = opening
        end = text.find(closing, start + 1)
        if end == -1:
            break
        inlines.extend(_links(text[position:start], has_links))
        inlines.append(Quote(_links(text[start : end + 1], has_links)))
        position = end + 1
    inlines.extend(_links(text[position:], has_links))
    return tuple(inlines)


def _next_opening(text: str, position: int, marks: list[str]) -> tuple[int, str] | None:
    found = [(index, _QUOTE_PAIRS[mark]) for mark in marks if (index := text.find(mark, position)) != -1]
    return min(found) if found else None


def _links(text: str, has_links: bool) -> tuple[Inline, ...]:
    if not text:
        return ()
    if not has_links:
        return (Text(text),)
    inlines: list[Inline] = []
    position = 0
    for match in _URL.finditer(text):
        url = _trim_url(match.group())
        if link_target(url) is None:  # "https://" alone, say: text, as every writer would keep it
            continue
        start = match.start()
        if start > position:
            inlines.append(Text(text[position:start]))
        inlines.append(Link(url=url, children=(Text(url),)))
        position = start + len(url)
    if position < len(text):
        inlines.append(Text(text[position:]))
    return tuple(inlines)


def _trim_url(url: str) -> str:
    while url and url[-1] in _URL_TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url
