"""Nested inlines as a flat run of marked text: what PDF and DOCX both set, so they agree on what is what."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import assert_never

from convert.model import Emphasis, Inline, LineBreak, Link, Quote, Strong, Text
from convert.text.links import nested_target
from convert.text.spacing import bind_spaces


@dataclass(frozen=True, slots=True)
class Marks:
    """The inline kinds a piece of text sits in, and the link it belongs to."""

    strong: bool = False
    emphasis: bool = False
    quote: bool = False
    link: str | None = None
    """The target of the link the text belongs to (`convert.text.links.nested_target`), or None."""


UNMARKED = Marks()


def marked_text(inlines: tuple[Inline, ...], outer: Marks = UNMARKED) -> Iterator[tuple[Marks, str | None]]:
    """Each text of `inlines` in reading order with its marks, its spaces bound where a line must not
    break (`bind_spaces`); None stands for a line break."""
    for inline in inlines:
        match inline:
            case Text():
                yield outer, bind_spaces(inline.text)
            case LineBreak():
                yield outer, None
            case Emphasis():
                yield from marked_text(inline.children, replace(outer, emphasis=True))
            case Strong():
                yield from marked_text(inline.children, replace(outer, strong=True))
            case Quote():
                yield from marked_text(inline.children, replace(outer, quote=True))
            case Link():
                yield from marked_text(inline.children, replace(outer, link=nested_target(outer.link, inline)))
            case _:
                assert_never(inline)
