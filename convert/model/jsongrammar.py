"""The JSON form described once: the reader checks input against it, and the shipped schema is made from it.

`python -m convert.model.jsongrammar > convert/schema/convert.schema.json` writes the schema;
a test holds the shipped file to it.
"""

from __future__ import annotations

import sys

from convert.model import SCHEMA_VERSION
from convert.model.jsonlayout import laid_out
from convert.model.jsonlimits import LONGEST_INTEGER, MAX_NESTING
from convert.model.jsonshape import (
    DATE,
    DATE_TIME,
    Array,
    Boolean,
    Choice,
    Definitions,
    Field,
    Integer,
    JsonSchema,
    Nullable,
    Number,
    Object,
    String,
    Tagged,
    Variant,
    anchored,
)
from convert.text.cleaning import VANISHING
from convert.text.language import LANGUAGE_TAG

DOCUMENT_KIND = "convert-document"
PUBLICATION_KIND = "convert-publication"

COUNT_LIMIT = 2**31 - 1
"""The largest word count: what a signed 32-bit integer holds, as DOCX's count and most readers of one do."""

DEFS = Definitions()
BLOCKS = DEFS.ref("blocks")
INLINES = DEFS.ref("inlines")

TEXT = DEFS.define(
    "text", String(non_empty=True, pattern=f"[^{VANISHING}]", form="text with a character XML can carry")
)
"""Text that must say something, still after the reader removes what XML cannot carry: titles,
identifiers, addresses, an inline's characters."""
DIRECTION = DEFS.define("direction", Choice(("ltr", "rtl")))
DAY = DEFS.define("date", Nullable(String(format=DATE)))
"""A day that exists, or null: a date the calendar lacks (2024-02-30) is refused, not kept as text
the way the seed reader keeps it, because in the model's own form such text belongs in
`raw_date`, and an edit that breaks a date should be told, not turn the article undated."""
LANGUAGE = DEFS.define(
    "language", String(pattern=anchored(LANGUAGE_TAG), form='a language tag such as "en" or "pt-BR"')
)

DEFS.define(
    "inline",
    Tagged(
        "type",
        "inline type",
        plain=TEXT,
        variants=(
            Variant(("emphasis", "strong", "quote"), (Field("children", INLINES),)),
            Variant(("link",), (Field("url", TEXT), Field("children", INLINES))),
            Variant(("line_break",), ()),
        ),
    ),
)
DEFS.define("inlines", Array(DEFS.ref("inline")))
DEFS.define(
    "block",
    Tagged(
        "type",
        "block type",
        variants=(
            Variant(("paragraph",), (Field("inlines", INLINES), Field("direction", DIRECTION, required=False))),
            Variant(
                ("heading",),
                (
                    Field("level", Integer(1, 3)),
                    Field("inlines", INLINES),
                    Field("direction", DIRECTION, required=False),
                ),
            ),
            Variant(("block_quote",), (Field("blocks", BLOCKS),)),
            Variant(("list",), (Field("ordered", Boolean()), Field("items", Array(BLOCKS)))),
            Variant(("break",), ()),
        ),
    ),
)
DEFS.define("blocks", Array(DEFS.ref("block")))

METADATA = DEFS.define(
    "metadata",
    Object(
        (
            Field("title", TEXT),
            Field("date", DAY),
            Field("raw_date", Nullable(TEXT)),
            Field("language", LANGUAGE),
            Field("direction", DIRECTION),
            Field("source", TEXT),
            Field("identifier", TEXT),
            Field("word_count", Integer(0, COUNT_LIMIT)),
            Field("warnings", Array(String())),
        )
    ),
)
ARTICLE = (Field("metadata", METADATA), Field("blocks", BLOCKS))
DOCUMENT = DEFS.define("document", Object(ARTICLE))

VERSION = Field("version", Number(SCHEMA_VERSION))
FRONT_MATTER = Object(tuple(Field(name, Boolean()) for name in ("cover", "title_page", "contents")))
SECTION = Object((Field("title", Nullable(TEXT)), Field("documents", Array(DOCUMENT, min_items=1))))

FORM = Tagged(
    "schema",
    "schema",
    variants=(
        Variant((DOCUMENT_KIND,), (VERSION, *ARTICLE)),
        Variant(
            (PUBLICATION_KIND,),
            (
                VERSION,
                Field("title", TEXT),
                Field("subtitle", Nullable(TEXT)),
                Field("language", LANGUAGE),
                Field("direction", DIRECTION),
                Field("identifier", TEXT),
                Field("date", DAY),
                Field("modified", Nullable(String(format=DATE_TIME))),
                Field("front_matter", FRONT_MATTER),
                Field("sections", Array(SECTION)),
            ),
        ),
    ),
)
"""A document (one article) or a publication (articles in sections), told apart by "schema"."""

_CONTRACT = (
    "Validate with format assertion on: a date and a date-time must name a real day (with Python's "
    "jsonschema: format_checker=FormatChecker(), with rfc3339-validator installed). Patterns end in "
    "$(?!\\n) so that validators whose $ also matches before a final newline agree with the others. "
    "Made from convert/model/jsongrammar.py, which convert's reader checks input against: the two "
    "accept the same trees. convert's reader also refuses JSON text that I-JSON (RFC 7493) rules out "
    f"(duplicate keys, lone surrogates, NaN, integers of over {LONGEST_INTEGER} digits) and blocks or "
    f"inlines nested deeper than {MAX_NESTING} levels."
)


def schema() -> JsonSchema:
    """The JSON Schema of the form."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://convert.invalid/schema/convert-{SCHEMA_VERSION}.json",
        "title": f"convert model, version {SCHEMA_VERSION}",
        "description": "The JSON form of a convert document (one article) or publication (many articles in sections).",
        "$comment": _CONTRACT,
        **FORM.schema(),
        "$defs": DEFS.schema(),
    }


def schema_text() -> str:
    """The schema as shipped: one member per line, small objects whole on one line."""
    return laid_out(schema(), _is_small) + "\n"


def _is_small(tree: dict[str, object]) -> bool:
    """An object holding no object, not even in a list."""
    values = [*tree.values(), *(item for value in tree.values() if isinstance(value, list) for item in value)]
    return not any(isinstance(value, dict) for value in values)


if __name__ == "__main__":
    sys.stdout.write(schema_text())
