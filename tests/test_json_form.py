"""The model's JSON form: lossless round trips, the shipped schema, and clear refusals."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

import jsonschema
import pytest
from hypothesis import given

from convert import render
from convert.errors import InputError
from convert.model import Document, Publication, publication_of
from convert.model.jsonform import dumps, loads
from tests.corpus import documents, hostile_documents, many_article_publication, sample_documents

SCHEMA = json.loads(files("convert").joinpath("schema/convert.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def valid(data: bytes) -> dict[str, Any]:
    tree: dict[str, Any] = json.loads(data)
    VALIDATOR.validate(tree)
    return tree


@given(documents())
def test_model_json_model_is_lossless(document: Document) -> None:
    data = dumps(document)
    valid(data)
    assert loads(data, "x.json") == document
    assert dumps(loads(data, "x.json")) == data


@given(documents())
def test_publications_round_trip(document: Document) -> None:
    publication = publication_of(document)
    data = dumps(publication)
    valid(data)
    assert loads(data, "x.json") == publication


def test_json_writer_output_is_schema_valid_for_every_kind_of_input() -> None:
    inputs: list[Document | Publication] = [*sample_documents(), *hostile_documents().values()]
    inputs.append(many_article_publication())
    for item in inputs:
        data = render(item, "json")
        tree = valid(data)
        assert tree["schema"] == ("convert-document" if isinstance(item, Document) else "convert-publication")
        assert render(loads(data, "x.json"), "json") == data


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{", "x.json:1: invalid JSON: Expecting property name enclosed in double quotes"),
        ("[]", "x.json: not a convert model: expected an object"),
        (
            '{"schema": "other"}',
            'x.json: not a convert model: "schema" must be "convert-document" or "convert-publication"',
        ),
        (
            '{"schema": "convert-document", "version": 99}',
            "x.json: not a convert model: at version: schema version 99 is not supported (this is 1)",
        ),
        (
            '{"schema": "convert-document", "version": 1, "blocks": []}',
            "x.json: not a convert model: at metadata: missing",
        ),
        (
            '{"schema": "convert-document", "version": 1, "blocks": [{"type": "table"}]}',
            "x.json: not a convert model: at blocks[0].type: unknown block type 'table'",
        ),
    ],
)
def test_bad_json_is_refused_with_the_place_of_the_fault(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        loads(text.encode(), "x.json")
    assert caught.value.message == message


def test_bad_metadata_value_names_its_path() -> None:
    tree = json.loads(dumps(sample_documents()[0]))
    tree["metadata"]["date"] = "2024-02-30"
    with pytest.raises(InputError, match=r"at metadata\.date: not an ISO date: '2024-02-30'"):
        loads(json.dumps(tree).encode(), "x.json")
    tree["metadata"]["date"] = None
    tree["metadata"]["word_count"] = "many"
    with pytest.raises(InputError, match=r"at metadata\.word_count: expected a whole number"):
        loads(json.dumps(tree).encode(), "x.json")


def test_control_characters_in_json_are_removed_with_a_warning() -> None:
    tree = json.loads(dumps(sample_documents()[0]))
    tree["blocks"][0]["inlines"][0] = "bell\u0007 here"
    document = loads(json.dumps(tree).encode(), "x.json")
    assert isinstance(document, Document)
    assert document.blocks[0].inlines[0].text == "bell here"  # type: ignore[union-attr]
    assert document.metadata.warnings[-1] == "removed 1 control character that XML cannot carry"
