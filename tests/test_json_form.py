"""The model's JSON form: lossless round trips, the shipped schema, and clear refusals."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from typing import Any

import jsonschema
import pytest
from hypothesis import given

from convert import render
from convert.errors import InputError
from convert.model import Document, Publication, publication_of
from convert.model.jsonform import dumps, loads
from convert.model.jsongrammar import schema_text
from convert.model.jsonlayout import laid_out
from convert.model.jsonlimits import MAX_NESTING
from convert.readers.seed import read_seed
from tests.corpus import documents, hostile_documents, many_article_publication, publications, sample_documents
from tests.json_support import DRAFT, SCHEMA, SCHEMA_TEXT, VALIDATOR, changed


def valid(data: bytes) -> dict[str, Any]:
    tree: dict[str, Any] = json.loads(data)
    VALIDATOR.validate(tree)
    return tree


@given(documents() | publications())
def test_model_json_model_is_lossless(item: Document | Publication) -> None:
    data = dumps(item)
    valid(data)
    assert loads(data, "x.json") == item
    assert dumps(loads(data, "x.json")) == data


@given(documents())
def test_publications_round_trip(document: Document) -> None:
    publication = publication_of(document)
    data = dumps(publication)
    valid(data)
    assert loads(data, "x.json") == publication


@given(documents() | publications())
def test_the_form_written_in_batches_is_the_form_laid_out_whole(item: Document | Publication) -> None:
    tree = json.loads(dumps(item))
    assert dumps(item) == (laid_out(tree, lambda value: "type" in value) + "\n").encode()


def test_a_document_larger_than_a_batch_reads_back_whole() -> None:
    text = "\n\n".join(f"Paragraph {number} with \u201cquoted\u201d words and m\u00e1s " * 6 for number in range(3000))
    document = read_seed(f"date 2024-01-01 {text}".encode(), "big.txt")
    data = dumps(document)
    assert len(data) > 4 * (1 << 16)
    assert loads(data, "big.json") == document


def test_the_shipped_schema_is_the_one_the_grammar_makes() -> None:
    assert schema_text() == SCHEMA_TEXT, "run: python -m convert.model.jsongrammar > convert/schema/convert.schema.json"
    assert DRAFT is jsonschema.Draft202012Validator
    DRAFT.check_schema(SCHEMA)


def test_the_validator_checks_dates_against_the_calendar() -> None:
    assert {"date", "date-time"} <= set(VALIDATOR.format_checker.checkers)  # type: ignore[union-attr]
    assert not VALIDATOR.is_valid({"schema": "convert-document", "version": 1, "metadata": {"date": "2024-02-30"}})


def test_a_time_is_written_with_an_offset_of_whole_minutes() -> None:
    publication = many_article_publication(2)
    cases = {
        dt.datetime(2024, 3, 1, 12, 30): "2024-03-01T12:30:00+00:00",  # without an offset: UTC
        dt.datetime(
            2024, 3, 1, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))
        ): "2024-03-01T12:30:00+05:30",
        dt.datetime(1900, 1, 1, 12, 0, 30, tzinfo=dt.timezone(dt.timedelta(seconds=1172))): "1900-01-01T11:40:58+00:00",
        dt.datetime(2024, 3, 1, 0, 0, 0, 250, tzinfo=dt.UTC): "2024-03-01T00:00:00.000250+00:00",
    }
    for moment, written in cases.items():
        tree = valid(dumps(replace(publication, modified=moment)))
        assert tree["modified"] == written
        again = loads(json.dumps(tree).encode(), "x.json")
        assert isinstance(again, Publication)
        assert again.modified == moment.replace(tzinfo=moment.tzinfo or dt.UTC)


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
        ("1" * 5000, "x.json: not a convert model: an integer of 5000 digits (at most 20)"),
        (
            '{"schema": "convert-document", "version": NaN}',
            "x.json: not a convert model: at version: NaN, which is not JSON",
        ),
        (
            '{"schema": "convert-document", "version": 1, "version": 1}',
            'x.json: not a convert model: the key "version" twice',
        ),
        (
            '{"schema": "convert-document", "version": 1, "metadata": {"title": "a\\udc00b"}}',
            "x.json: not a convert model: at metadata.title: "
            "text with a lone surrogate (U+DC00), which no Unicode text holds",
        ),
        (
            '{"schema": "convert-document", "version": 1, "\\ud800": 1}',
            "x.json: not a convert model: a key with a lone surrogate (U+D800), which no Unicode text holds",
        ),
        (
            '{"schema": "convert-document", "version": 1, "metadata": {"word_count": -123456789012345678901}}',
            "x.json: not a convert model: at metadata.word_count: an integer of 21 digits (at most 20)",
        ),
        (
            '{"schema": "convert-document", "version": "1"}',
            'x.json: not a convert model: at version: expected 1, not "1"',
        ),
        (
            '{"schema": "convert-document", "version": 1.5}',
            "x.json: not a convert model: at version: expected 1, not 1.5",
        ),
        (
            '{"schema": "other"}',
            'x.json: not a convert model: at schema: unknown schema "other"; '
            'expected "convert-document" or "convert-publication"',
        ),
        (
            '{"schema": "convert-document", "version": 99}',
            "x.json: not a convert model: at version: expected 1, not 99",
        ),
        (
            '{"schema": "convert-document", "version": true}',
            "x.json: not a convert model: at version: expected 1, not true",
        ),
        (
            '{"schema": "convert-document", "version": 1, "blocks": []}',
            "x.json: not a convert model: at metadata: missing",
        ),
        (
            '{"schema": "convert-document", "version": 1, "metadata": {}, "blocks": []}',
            "x.json: not a convert model: at metadata.title: missing",
        ),
        (
            '{"schema": "convert-document", "version": 1, "blocks": [], "note": "x"}',
            "x.json: not a convert model: at note: unknown key; allowed here: schema, version, metadata, blocks",
        ),
        (
            '{"schema": "convert-document", "version": 1, "blocks": [], "a\\nb": 1}',
            'x.json: not a convert model: at ["a\\nb"]: unknown key; allowed here: schema, version, metadata, blocks',
        ),
    ],
)
def test_bad_json_is_refused_with_the_place_of_the_fault(text: str, message: str) -> None:
    with pytest.raises(InputError) as caught:
        loads(text.encode(), "x.json")
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("place", "value", "reason"),
    [
        (("metadata", "date"), "2024-02-30", 'at metadata.date: not a day in the calendar: "2024-02-30"'),
        (("metadata", "date"), "2024-2-3", 'at metadata.date: expected a date YYYY-MM-DD, not "2024-2-3"'),
        (("metadata", "word_count"), "many", "at metadata.word_count: expected a whole number"),
        (
            ("metadata", "word_count"),
            -1,
            "at metadata.word_count: expected a whole number from 0 to 2147483647, not -1",
        ),
        (("metadata", "language"), "", 'at metadata.language: expected a language tag such as "en" or "pt-BR", not ""'),
        (("metadata", "title"), "", "at metadata.title: expected a non-empty string"),
        (("blocks", 0, "type"), "table", 'at blocks[0].type: unknown block type "table"; expected "paragraph", '),
        (("blocks", 0, "inlines", 0), 7, "at blocks[0].inlines[0]: expected a string"),
        (("blocks", 0, "direction"), None, 'at blocks[0].direction: expected "ltr" or "rtl", not null'),
    ],
)
def test_a_bad_value_is_refused_in_one_line_naming_its_path(
    place: tuple[str | int, ...], value: object, reason: str
) -> None:
    tree = changed(json.loads(dumps(sample_documents()[0])), place, value)
    with pytest.raises(InputError) as caught:
        loads(json.dumps(tree).encode(), "x.json")
    assert caught.value.message.startswith(f"x.json: not a convert model: {reason}")
    assert "\n" not in caught.value.message


def _nested(kind: str, depth: int, innermost: str) -> str:
    opening = {
        "block_quote": '{"type": "block_quote", "blocks": [',
        "list": '{"type": "list", "ordered": false, "items": [[',
        "emphasis": '{"type": "emphasis", "children": [',
        "link": '{"type": "link", "url": "https://example.org/", "children": [',
    }[kind]
    closing = "]]}" if kind == "list" else "]}"
    return opening * depth + innermost + closing * depth


def _with_block(block: str) -> bytes:
    return dumps(sample_documents()[0]).decode().replace('"blocks": [', f'"blocks": [{block},', 1).encode()


@pytest.mark.parametrize("kind", ["block_quote", "list"])
def test_blocks_nested_to_the_limit_are_read_and_one_level_more_is_refused(kind: str) -> None:
    paragraph = '{"type": "paragraph", "inlines": ["innermost words"]}'
    document = loads(_with_block(_nested(kind, MAX_NESTING, paragraph)), "x.json")
    assert isinstance(document, Document)
    with pytest.raises(InputError) as caught:
        loads(_with_block(_nested(kind, MAX_NESTING + 1, paragraph)), "x.json")
    step = ".blocks[0]" if kind == "block_quote" else ".items[0][0]"
    assert caught.value.message == (
        f"x.json: not a convert model: at blocks[0], then {step} {MAX_NESTING} times: "
        f"nested deeper than {MAX_NESTING} levels"
    )


@pytest.mark.parametrize("kind", ["emphasis", "link"])
def test_inlines_nested_to_the_limit_are_read_and_one_level_more_is_refused(kind: str) -> None:
    def paragraph(depth: int) -> str:
        return '{"type": "paragraph", "inlines": [' + _nested(kind, depth, '"innermost"') + "]}"

    assert isinstance(loads(_with_block(paragraph(MAX_NESTING)), "x.json"), Document)
    with pytest.raises(InputError) as caught:
        loads(_with_block(paragraph(MAX_NESTING + 1)), "x.json")
    path = f"blocks[0].inlines[0], then .children[0] {MAX_NESTING} times"  # not the step 64 times over
    assert caught.value.message == f"x.json: not a convert model: at {path}: nested deeper than {MAX_NESTING} levels"


def test_nesting_deeper_than_python_parses_is_refused_in_the_same_words() -> None:
    with pytest.raises(InputError) as caught:
        loads(b"[" * 100_000, "x.json")
    assert caught.value.message == f"x.json: not a convert model: nested deeper than {MAX_NESTING} levels"
    with pytest.raises(InputError) as caught:
        loads(_with_block(_nested("block_quote", 300, '{"type": "break"}')), "x.json")
    assert caught.value.message.endswith(f": nested deeper than {MAX_NESTING} levels")


def test_control_characters_in_json_are_removed_with_a_warning() -> None:
    tree = json.loads(dumps(sample_documents()[0]))
    tree["blocks"][0]["inlines"][0] = "bell\u0007 here"
    document = loads(json.dumps(tree).encode(), "x.json")
    assert isinstance(document, Document)
    assert document.blocks[0].inlines[0].text == "bell here"  # type: ignore[union-attr]
    assert document.metadata.warnings[-1] == "removed 1 control character that XML cannot carry"
