"""convert: plain-text news articles to EPUB, PDF, DOCX and JSON, from one style sheet."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from convert.api import formats, read, read_publication, render, write
    from convert.errors import ConvertError, InputError, StyleError, UnknownFormatError, UsageError
    from convert.model import (
        Block,
        BlockQuote,
        Document,
        Emphasis,
        FrontMatter,
        Heading,
        Inline,
        LineBreak,
        Link,
        ListBlock,
        Metadata,
        Paragraph,
        Publication,
        Quote,
        Section,
        Strong,
        Text,
        ThematicBreak,
        publication_of,
    )
    from convert.styles import Style, TextStyle, load_style, style_names

# The library's names, imported on first use so that `convert --version` stays fast.
_HOMES = {
    **dict.fromkeys(("formats", "read", "read_publication", "render", "write"), "convert.api"),
    **dict.fromkeys(("ConvertError", "InputError", "StyleError", "UnknownFormatError", "UsageError"), "convert.errors"),
    **dict.fromkeys(("Style", "TextStyle", "load_style", "style_names"), "convert.styles"),
    **dict.fromkeys(
        (
            "Block",
            "BlockQuote",
            "Document",
            "Emphasis",
            "FrontMatter",
            "Heading",
            "Inline",
            "LineBreak",
            "Link",
            "ListBlock",
            "Metadata",
            "Paragraph",
            "Publication",
            "Quote",
            "Section",
            "Strong",
            "Text",
            "ThematicBreak",
            "publication_of",
        ),
        "convert.model",
    ),
}

__all__ = ["__version__", *sorted(_HOMES)]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'convert' has no attribute {name!r}")
    value = getattr(import_module(home), name)
    globals()[name] = value
    return value
