"""A block's nested inlines flattened into styled spans, the unit every later step works on."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import assert_never

from convert.model import Emphasis, Inline, LineBreak, Link, Quote, Strong, Text

_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
"""Control characters no font draws; the few that separate words become spaces instead."""
_SEPARATORS = re.compile("[\t\n\x0b\x0c\r]")
_LINK_SCHEMES = ("http://", "https://", "mailto:", "ftp://")
"""Link targets worth a clickable annotation; anything else (javascript:) stays plain text."""


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of text with one set of inline attributes; `line_break` spans carry no text."""

    text: str
    strong: bool = False
    emphasis: bool = False
    quote: bool = False
    link: str | None = None
    line_break: bool = False


@dataclass(slots=True)
class Flattened:
    """The spans of some inlines and how many control characters were left out of them."""

    spans: list[Span]
    controls: int = 0


def flatten(inlines: tuple[Inline, ...]) -> Flattened:
    """The spans of `inlines` in reading order, neighbours with equal attributes merged."""
    result = Flattened([])
    _walk(inlines, Span(""), result)
    return result


def plain_spans(text: str) -> Flattened:
    """Spans of a plain string such as a title: the string's text, without attributes."""
    return flatten((Text(text),))


def spans_text(spans: list[Span]) -> str:
    """The characters of `spans` as one string, a line break as a newline."""
    return "".join("\n" if span.line_break else span.text for span in spans)


def _walk(inlines: tuple[Inline, ...], context: Span, result: Flattened) -> None:
    for inline in inlines:
        match inline:
            case Text():
                text, removed = _clean(inline.text)
                result.controls += removed
                if text:
                    _append(result.spans, Span(text, context.strong, context.emphasis, context.quote, context.link))
            case LineBreak():
                result.spans.append(Span("", line_break=True))
            case Emphasis():
                _walk(inline.children, _with(context, emphasis=True), result)
            case Strong():
                _walk(inline.children, _with(context, strong=True), result)
            case Quote():
                _walk(inline.children, _with(context, quote=True), result)
            case Link():
                target = inline.url.strip()
                link = target if target.lower().startswith(_LINK_SCHEMES) else context.link
                _walk(inline.children, _with(context, link=link), result)
            case _:
                assert_never(inline)


def _with(
    context: Span,
    *,
    strong: bool = False,
    emphasis: bool = False,
    quote: bool = False,
    link: str | None = None,
) -> Span:
    return Span(
        "",
        strong=context.strong or strong,
        emphasis=context.emphasis or emphasis,
        quote=context.quote or quote,
        link=link if link is not None else context.link,
    )


def _append(spans: list[Span], span: Span) -> None:
    if spans and not spans[-1].line_break:
        last = spans[-1]
        if (last.strong, last.emphasis, last.quote, last.link) == (span.strong, span.emphasis, span.quote, span.link):
            spans[-1] = Span(last.text + span.text, span.strong, span.emphasis, span.quote, span.link)
            return
    spans.append(span)


def _clean(text: str) -> tuple[str, int]:
    """`text` with word-separating controls as spaces and other controls removed, and how many."""
    text = _SEPARATORS.sub(" ", text)
    return _CONTROLS.subn("", text)
