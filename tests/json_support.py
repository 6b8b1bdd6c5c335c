"""The model's JSON in tests: the shipped schema, validated as its contract says, and trees changed in one place."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

import jsonschema

SCHEMA_TEXT = files("convert").joinpath("schema/convert.schema.json").read_text(encoding="utf-8")
SCHEMA: dict[str, Any] = json.loads(SCHEMA_TEXT)
DRAFT = jsonschema.validators.validator_for(SCHEMA)
"""The validator class of the draft the schema declares in `$schema`."""
VALIDATOR = DRAFT(SCHEMA, format_checker=DRAFT.FORMAT_CHECKER)
"""Checks `date` and `date-time` values against the calendar (date-time needs rfc3339-validator)."""

DROP = object()
"""For `changed`: remove the key instead of setting it."""


def changed(tree: Any, place: tuple[str | int, ...], value: object) -> Any:
    """`tree` (changed in place) with the value at `place`, a path of keys and indexes, set to `value`."""
    *parents, last = place
    parent = tree
    for key in parents:
        parent = parent[key]
    if value is DROP:
        del parent[last]
    else:
        parent[last] = value
    return tree
