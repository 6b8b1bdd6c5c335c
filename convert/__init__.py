"""convert: plain-text news articles to EPUB, PDF, DOCX and JSON, from one style sheet."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from convert.api import formats, read, read_publication, render, write
    from convert.caches import clear_caches
    from convert.errors import ConvertError, ConvertWarning, InputError, StyleError, UnknownFormatError, UsageError
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
        Node,
        Paragraph,
        Publication,
        Quote,
        Section,
        Strong,
        Text,
        ThematicBreak,
        map_tree,
        publication_of,
        walk,
    )
    from convert.model.digest import make_digest
    from convert.styles import Style, TextStyle, load_style, style_names

__all__ = [
    "Block",
    "BlockQuote",
    "ConvertError",
    "ConvertWarning",
    "Document",
    "Emphasis",
    "FrontMatter",
    "Heading",
    "Inline",
    "InputError",
    "LineBreak",
    "Link",
    "ListBlock",
    "Metadata",
    "Node",
    "Paragraph",
    "Publication",
    "Quote",
    "Section",
    "Strong",
    "Style",
    "StyleError",
    "Text",
    "TextStyle",
    "ThematicBreak",
    "UnknownFormatError",
    "UsageError",
    "__version__",
    "clear_caches",
    "formats",
    "load_style",
    "make_digest",
    "map_tree",
    "publication_of",
    "read",
    "read_publication",
    "render",
    "style_names",
    "walk",
    "write",
]

# Each name is imported from its home module on first use, so that `convert --version` stays fast.
_HOMES = ("convert.caches", "convert.api", "convert.errors", "convert.model", "convert.styles", "convert.model.digest")


def __getattr__(name: str) -> Any:
    if name in __all__:
        for home in _HOMES:
            module = import_module(home)
            if hasattr(module, name):
                value = getattr(module, name)
                globals()[name] = value
                return value
    raise AttributeError(f"module 'convert' has no attribute {name!r}")


def __dir__() -> list[str]:
    """The public API, the package's own dunder names and the subpackages loaded so far, none of it
    imported to answer; not the names this module uses to load them (`Any`, `import_module`)."""
    own = {name for name, value in globals().items() if name.startswith("__") or isinstance(value, ModuleType)}
    return sorted({*own, *__all__})
