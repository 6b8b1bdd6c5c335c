"""A block's nested inlines flattened into styled spans, the unit every later step works on."""

from __future__ import annotations

import re
from dataclasses import dataclass

from convert.model import Inline, Text
from convert.writers.common.marks import marked_text

_SEPARATORS = re.compile("[\t\n\r\x85]")
"""Tabs and line ends inside a text: white space between words, as a line break is its own inline."""


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of text with one set of inline attributes; `line_break` spans carry no text."""

    text: str
    strong: bool = False
    emphasis: bool = False
    quote: bool = False
    link: str | None = None
    """A link target (`convert.text.links`), or `#key` for a place inside the document."""
    line_break: bool = False


def flatten(inlines: tuple[Inline, ...]) -> list[Span]:
    """The spans of `inlines` in reading order, neighbours with equal attributes merged."""
    spans: list[Span] = []
    for marks, text in marked_text(inlines):
        if text is None:
            spans.append(Span("", line_break=True))
            continue
        text = _SEPARATORS.sub(" ", text)
        if text:
            _append(spans, Span(text, marks.strong, marks.emphasis, marks.quote, marks.link))
    return spans


def plain_spans(text: str) -> list[Span]:
    """Spans of a plain string such as a title: the string's text, without attributes."""
    return flatten((Text(text),))


def spans_text(spans: list[Span]) -> str:
    """The characters of `spans` as one string, a line break as a newline."""
    return "".join("\n" if span.line_break else span.text for span in spans)


def _append(spans: list[Span], span: Span) -> None:
    if spans and not spans[-1].line_break:
        last = spans[-1]
        if (last.strong, last.emphasis, last.quote, last.link) == (span.strong, span.emphasis, span.quote, span.link):
            spans[-1] = Span(last.text + span.text, span.strong, span.emphasis, span.quote, span.link)
            return
    spans.append(span)
