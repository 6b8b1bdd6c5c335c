"""The shipped JSON Schema and the JSON reader accept exactly the same documents.

Trees come from the model generators dumped by jsonform, valid as they are, and near-valid: the
same tree changed once (a key dropped or added, a value of another type, a number at an edge,
another node type, a broken date, an edited string). The schema is run by the draft it declares,
with format assertion on, as its contract says.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from convert.errors import InputError
from convert.model.jsonform import dumps, loads
from tests.corpus import documents, publications, sample_documents
from tests.json_support import DROP, SCHEMA, VALIDATOR, changed

Json = Any


def schema_keys(schema: Json) -> set[str]:
    """Every key an object of the form may have, gathered from the schema's `properties`."""
    if isinstance(schema, list):
        return set().union(*(schema_keys(item) for item in schema))
    if not isinstance(schema, dict):
        return set()
    found = set(schema.get("properties", {}))
    return found.union(*(schema_keys(value) for value in schema.values()))


KEYS = sorted(schema_keys(SCHEMA))
"""Every key the form knows: each one is unknown in some other object."""
TAGS = ["paragraph", "heading", "block_quote", "list", "break", "emphasis", "strong", "quote", "link", "line_break"]
NUMBERS: list[Json] = [True, False, -1, 0, 1, 3, 4, 1.0, 2.5, -0.0, 2**31 - 1, 2**31, 10**30, 1e300, float("inf")]
STRINGS: list[Json] = ["", " ", "x", "\x07", "a\x07", "en\n", "e", "en_GB", "pt-BR", "de-CH-1901", "abcdefghi", "rtl"]
VALUES: list[Json] = [None, True, 0, -1, 2.5, 2**31, "", "x", "ltr", [], ["x"], {}, {"type": "break"}]
DATES = [
    "2024-02-29",
    "2023-02-29",
    "2024-02-30",
    "2024-13-01",
    "2024-00-10",
    "0000-01-01",
    "0001-01-01",
    "2024-2-3",
    "20240203",
    "2024-02-03\n",
    "2024-W05-1",
    "\u0662\u0660\u0662\u0664-\u0660\u0662-\u0660\u0663",  # Arabic-Indic digits
    "2024-02-29T23:59:59.5-05:30",
    "2024-02-30T00:00:00+00:00",
    "2024-01-01T00:00:00Z",
    "2024-01-01T24:00:00Z",
    "2024-01-01T00:00:60Z",
    "2024-01-01t00:00:00z",
    "2024-01-01T00:00:00",
    "2024-01-01 00:00:00+00:00",
    "2024-01-01T00:00:00.1234567Z",
    "2024-01-01T00:00:00+00:60",
    "2024-01-01T00:00:00+24:00",
    "0000-01-01T00:00:00Z",
]
CHANGES_PER_TREE = 6


def schema_accepts(tree: Json) -> bool:
    return VALIDATOR.is_valid(tree)


def reader_accepts(tree: Json) -> bool:
    """Whether `loads` takes the tree; a refusal must be one line that names a place in the tree."""
    try:
        loads(json.dumps(tree, ensure_ascii=False).encode(), "x.json")
    except InputError as error:
        assert "\n" not in error.message
        match = re.fullmatch(r"x\.json: not a convert model: (?:at (.+?): )?(.+)", error.message)
        assert match is not None, error.message
        if match.group(1):
            assert_names_a_place(tree, match.group(1), missing=match.group(2) == "missing")
        return False
    return True


def assert_names_a_place(tree: Json, path: str, missing: bool) -> None:
    """`path` leads to a value in `tree` (or, for a missing key, to the object that lacks it)."""
    steps = re.findall(r'\.?([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]', path)
    assert "".join((name and f".{name}") or f"[{index or quoted}]" for name, index, quoted in steps).lstrip(".") == path
    value = tree
    for position, (name, index, quoted) in enumerate(steps):
        key: str | int = int(index) if index else name or json.loads(quoted)
        if missing and position == len(steps) - 1:
            assert isinstance(value, dict) and key not in value, path
            return
        assert isinstance(value, dict | list), path
        value = value[key]  # raises if the path names nothing


Place = tuple[Json, str | int, str]
"""A container, a key or index in it, and the role of that place: its key, or `blocks[]`, `inlines[][]`."""


def places(tree: Json, role: str = "") -> list[Place]:
    """Every place in the tree, in document order."""
    found: list[Place] = []
    items = tree.items() if isinstance(tree, dict) else enumerate(tree) if isinstance(tree, list) else []
    for key, value in items:
        inner = key if isinstance(key, str) else f"{role}[]"
        found.append((tree, key, inner))
        found.extend(places(value, inner))
    return found


def by_role(draw: st.DrawFn, candidates: list[Place]) -> Place:
    """A place of a role drawn first, so that a field met once (the version) is as likely as text."""
    role = draw(st.sampled_from(sorted({role for _, _, role in candidates})))
    return draw(st.sampled_from([place for place in candidates if place[2] == role]))


def objects_by_kind(tree: Json) -> dict[str, list[dict[str, Json]]]:
    """Every object in the tree, by its node type, or by its role when it has none."""
    kinds: dict[str, list[dict[str, Json]]] = {"root": [tree]}
    for parent, key, role in places(tree):
        value = parent[key]
        if isinstance(value, dict):
            kinds.setdefault(str(value.get("type", role)), []).append(value)
    return kinds


@st.composite
def valid_trees(draw: st.DrawFn) -> Json:
    return json.loads(dumps(draw(documents() | publications())))


@st.composite
def changed_once(draw: st.DrawFn, original: Json) -> tuple[Json, str]:
    """A copy of `original` changed in one place, and what was changed."""
    tree = copy.deepcopy(original)
    kind = draw(st.sampled_from(["drop", "add", "retag", "replace", "edge number", "date", "string"]))
    if kind in ("add", "retag"):
        kinds = objects_by_kind(tree)
        if kind == "retag":  # the objects that have a node type, and the root
            kinds = {name: found for name, found in kinds.items() if "type" in found[0] or "schema" in found[0]}
        target = draw(st.sampled_from(kinds[draw(st.sampled_from(sorted(kinds)))]))
        if kind == "add":
            key = draw(st.sampled_from([*KEYS, "extra", "", "Type"]))
            target[key] = draw(st.sampled_from(VALUES))
            return tree, f"added {key} = {target[key]!r}"
        tag = "type" if "type" in target else "schema"
        target[tag] = draw(st.sampled_from([*TAGS, "table", "", "convert-document", "convert-publication"]))
        return tree, f"{tag} = {target[tag]!r}"
    every = places(tree)
    choices = {
        "drop": ([place for place in every if isinstance(place[1], str)], None),
        "replace": (every, VALUES),
        "edge number": ([place for place in every if type(place[0][place[1]]) in (int, float)], NUMBERS),
        "date": ([place for place in every if place[1] in ("date", "modified")], DATES),
        "string": ([place for place in every if isinstance(place[0][place[1]], str)], STRINGS),
    }
    candidates, values = choices[kind]
    parent, key, role = by_role(draw, candidates)
    if values is None:
        del parent[key]
        return tree, f"dropped {role}"
    old = parent[key]
    edits = [old + "\n", " " + old, old[:1], old.upper()] if isinstance(old, str) else []
    parent[key] = draw(st.sampled_from([*values, *edits]))
    return tree, f"{kind}: {role} = {parent[key]!r}"


@settings(max_examples=40)
@given(valid_trees())
def test_both_accept_every_tree_the_writer_makes(tree: Json) -> None:
    assert schema_accepts(tree)
    assert reader_accepts(tree)


@settings(max_examples=120)
@given(valid_trees(), st.data())
def test_the_schema_accepts_a_changed_tree_exactly_when_the_reader_does(original: Json, data: st.DataObject) -> None:
    for _ in range(CHANGES_PER_TREE):
        tree, change = data.draw(changed_once(original))
        by_schema = schema_accepts(tree)
        event("accepted" if by_schema else "refused")
        assert by_schema == reader_accepts(tree), f"{change}: the schema {'accepts' if by_schema else 'refuses'}"
        if by_schema:  # what the reader takes, the writer writes back in a form both take
            again = json.loads(dumps(loads(json.dumps(tree).encode(), "x.json")))
            assert schema_accepts(again), change


PROBES: list[tuple[str, tuple[str | int, ...], Json, bool]] = [
    ("unknown key at the root", ("note",), "x", False),
    ("unknown key in metadata", ("metadata", "note"), "x", False),
    ("unknown key in a block", ("blocks", 0, "note"), "x", False),
    ("unknown key in an inline", ("blocks", 0, "inlines", 0), {"type": "line_break", "note": 1}, False),
    ("a key of another block", ("blocks", 0, "level"), 1, False),
    ("missing metadata", ("metadata",), DROP, False),
    ("missing raw date", ("metadata", "raw_date"), DROP, False),
    ("missing direction", ("metadata", "direction"), DROP, False),
    ("missing node type", ("blocks", 0, "type"), DROP, False),
    ("direction on a paragraph", ("blocks", 0, "direction"), "rtl", True),
    ("direction as null", ("blocks", 0, "direction"), None, False),
    ("a boolean as the word count", ("metadata", "word_count"), True, False),
    ("a negative word count", ("metadata", "word_count"), -1, False),
    ("a fractional word count", ("metadata", "word_count"), 2.5, False),
    ("a word count written 3.0", ("metadata", "word_count"), 3.0, True),
    ("a very large word count", ("metadata", "word_count"), 10**30, False),
    ("the largest word count", ("metadata", "word_count"), 2**31 - 1, True),
    ("a word count as text", ("metadata", "word_count"), "12", False),
    ("an empty language", ("metadata", "language"), "", False),
    ("a malformed language", ("metadata", "language"), "en_GB", False),
    ("a language with a newline", ("metadata", "language"), "en\n", False),
    ("a language with subtags", ("metadata", "language"), "zh-Hant-TW", True),
    ("a day that does not exist", ("metadata", "date"), "2024-02-30", False),
    ("a leap day", ("metadata", "date"), "2024-02-29", True),
    ("a date in another form", ("metadata", "date"), "20240229", False),
    ("a version that is text", ("version",), "1", False),
    ("a version that is true", ("version",), True, False),
    ("a version written 1.0", ("version",), 1.0, True),
    ("an unsupported version", ("version",), 2, False),
    ("an unknown block type", ("blocks", 0, "type"), "table", False),
    ("an inline type as a block", ("blocks", 0, "type"), "emphasis", False),
    ("an empty title", ("metadata", "title"), "", False),
    ("a title XML cannot carry", ("metadata", "title"), "\x07", False),
    ("an empty inline text", ("blocks", 0, "inlines", 0), "", False),
    ("an empty raw date", ("metadata", "raw_date"), "", False),
    ("an empty warning", ("metadata", "warnings"), [""], True),
    ("a number as the title", ("metadata", "title"), 5, False),
    ("a list as the metadata", ("metadata",), [], False),
]


@pytest.mark.parametrize(
    ("place", "value", "accepted"), [probe[1:] for probe in PROBES], ids=[probe[0] for probe in PROBES]
)
def test_each_probe_of_the_issue_is_judged_the_same_way(
    place: tuple[str | int, ...], value: Json, accepted: bool
) -> None:
    tree = changed(json.loads(dumps(sample_documents()[0])), place, value)
    assert schema_accepts(tree) is accepted
    assert reader_accepts(tree) is accepted
