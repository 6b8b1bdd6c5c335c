"""The seed reader on the inputs real corpora hold."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

import pytest

from convert.errors import InputError
from convert.model import Link, Paragraph, Quote, Text, block_texts, inline_text
from convert.readers.seed import read_seed
from convert.text.direction import direction_of
from convert.text.scripts import count_words, guess_language
from tests.corpus import MARKUP, SCRIPTS

REAL_SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def body(document_bytes: bytes) -> list[str]:
    document = read_seed(document_bytes, "a.txt")
    return [inline_text(block.inlines) for block in document.blocks if isinstance(block, Paragraph)]


def test_date_starts_the_first_paragraph() -> None:
    document = read_seed(b"  \n date 2024-01-21 First words here.\n\nSecond paragraph.", "a.txt")
    assert document.metadata.date == dt.date(2024, 1, 21)
    assert body(b"date 2024-01-21 First words here.\n\nSecond paragraph.") == ["First words here.", "Second paragraph."]
    assert document.metadata.warnings == ()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"date 2024-01-01 a\r\nb\r\n\r\nc", ["a b", "c"]),
        (b"date 2024-01-01 a\rb\r\rc", ["a b", "c"]),
        (b"date 2024-01-01 a\n \t \n\n\n  \nb", ["a", "b"]),
        (b"date 2024-01-01 hard\nwrapped   text\twith\t\ttabs\n\nnext", ["hard wrapped text with tabs", "next"]),
        (b"date 2024-01-01 no trailing newline", ["no trailing newline"]),
    ],
)
def test_line_ends_and_white_space(data: bytes, expected: list[str]) -> None:
    assert body(data) == expected


@pytest.mark.parametrize(
    "encoded",
    [
        codecs.BOM_UTF8 + "date 2024-01-01 Café “quoted” text.".encode(),
        codecs.BOM_UTF16_LE + "date 2024-01-01 Café “quoted” text.".encode("utf-16-le"),
        codecs.BOM_UTF16_BE + "date 2024-01-01 Café “quoted” text.".encode("utf-16-be"),
    ],
)
def test_byte_order_marks(encoded: bytes) -> None:
    document = read_seed(encoded, "a.txt")
    assert body(encoded) == ["Café “quoted” text."]
    assert document.metadata.warnings == ()


def test_other_encodings_are_detected_with_a_warning() -> None:
    text = "date 2024-01-01 Le café de la gare a fermé après trente années de service à la communauté. " * 3
    document = read_seed(text.encode("cp1252"), "a.txt")
    assert inline_text(document.blocks[0].inlines).startswith("Le café de la gare a fermé")  # type: ignore[union-attr]
    assert len(document.metadata.warnings) == 1
    assert document.metadata.warnings[0].startswith("not UTF-8: decoded as ")


def test_missing_date_is_undated_with_a_warning() -> None:
    document = read_seed(b"Just text.\n\nMore.", "a.txt")
    assert document.metadata.date is None
    assert document.metadata.warnings == ("no date line: the article is undated",)
    assert body(b"Just text.\n\nMore.") == ["Just text.", "More."]


@pytest.mark.parametrize("raw", ["2024-02-30", "2024-13-01", "21/01/2024", "2024-1-5"])
def test_malformed_date_is_kept_raw(raw: str) -> None:
    document = read_seed(f"date {raw} Some text.".encode(), "a.txt")
    assert document.metadata.date is None
    assert document.metadata.raw_date == raw
    assert document.metadata.warnings == (f'malformed date "{raw}": the article is undated',)
    assert body(f"date {raw} Some text.".encode()) == ["Some text."]


def test_control_characters_are_removed_and_counted() -> None:
    document = read_seed("date 2024-01-01 a\x01b\x7fc\x9bd\ufffee\uffff tab\there".encode(), "a.txt")
    assert inline_text(document.blocks[0].inlines) == "abcde tab here"  # type: ignore[union-attr]
    assert document.metadata.warnings == ("removed 5 control characters that XML cannot carry",)


@pytest.mark.parametrize("nuls", [1, 4])
def test_a_few_stray_nuls_are_removed_as_control_characters(nuls: int) -> None:
    data = b"date 2024-01-01 Stray" + b"\x00" * nuls + b" bytes stay out."
    document = read_seed(data, "a.txt")
    assert inline_text(document.blocks[0].inlines) == "Stray bytes stay out."  # type: ignore[union-attr]
    plural = "" if nuls == 1 else "s"
    assert document.metadata.warnings == (f"removed {nuls} control character{plural} that XML cannot carry",)


def test_one_nul_per_kib_is_still_text_and_one_more_is_not() -> None:
    line = b"A line of ordinary article text that runs on for a while. " * 17 + b"\n\n"  # 1004 bytes
    text = b"date 2024-01-01 " + (line[:-3] + b"\x00\n\n") * 8
    assert len(text) // 1024 == 7 and text.count(0) == 8  # 8 NULs: over one per KiB (7)
    with pytest.raises(InputError, match="not a text file: 8 of its"):
        read_seed(text, "a.txt")
    padded = text + b" " * (8 * 1024 - len(text))
    assert len(read_seed(padded, "a.txt").blocks) == 8


def test_a_few_bad_bytes_in_utf8_are_repaired_one_by_one_naming_the_lines() -> None:
    data = "date 2024-01-01 Café “quoted” text.\n\nA second paragraph ".encode()
    data += b"\x93said\x94 so.\n\nCaf\xc3\xa9\xff."
    document = read_seed(data, "a.txt")
    assert [inline_text(block.inlines) for block in document.blocks] == [  # type: ignore[attr-defined]
        "Café “quoted” text.",
        "A second paragraph “said” so.",
        "Caféÿ.",
    ]
    assert document.metadata.warnings == ("not UTF-8 on lines 3, 5: 3 bytes read as cp1252",)


def test_one_bad_byte_in_ascii_text_is_read_as_cp1252() -> None:
    document = read_seed(b"date 2024-01-01 The caf\xe9 opened.", "a.txt")
    assert inline_text(document.blocks[0].inlines) == "The café opened."  # type: ignore[union-attr]
    assert document.metadata.warnings == ("not UTF-8 on line 1: 1 byte read as cp1252",)


def test_text_in_another_encoding_is_not_repaired_but_detected() -> None:
    text = "date 2024-01-01 Городской совет утвердил новый бюджет на следующий год после долгих споров."
    document = read_seed(text.encode("cp1251"), "a.txt")
    # The detector's guess may differ in a letter or two between its versions; the words are Russian.
    assert "совет утвердил новый бюджет" in inline_text(document.blocks[0].inlines)  # type: ignore[union-attr]
    assert len(document.metadata.warnings) == 1
    assert document.metadata.warnings[0].startswith("not UTF-8: decoded as ")


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(encoding: str) -> None:
    document = read_seed("date 2024-01-01 Café text.".encode(encoding), "a.txt")
    assert inline_text(document.blocks[0].inlines) == "Café text."  # type: ignore[union-attr]
    assert document.metadata.warnings == (f"no byte order mark: decoded as {encoding}",)


def test_markup_is_text() -> None:
    document = read_seed(f"date 2024-01-01 {MARKUP}".encode(), "a.txt")
    assert inline_text(document.blocks[0].inlines) == MARKUP  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "a.txt: no article text"),
        (b"  \n\t\n  ", "a.txt: no article text"),
        (b"date 2024-01-21", "a.txt: no article text"),
        (b"date 2024-01-21 \n\n  \n", "a.txt: no article text"),
        ("date 2024-01-21 \u00a0\n\n\u3000\u2003".encode(), "a.txt: no article text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a.txt: not a text file: a PNG image"),
        (b"PK\x03\x04\x14\x00", "a.txt: not a text file: a ZIP archive"),
        (b"date 2024-01-01 words\x00\x00\x00\x00\x00", "a.txt: not a text file: 5 of its 26 bytes are NUL"),
        (bytes(range(256)) * 8, "a.txt: not a text file: 8 of its 2048 bytes are NUL"),
        (bytes(range(1, 32)) * 20, "a.txt: not a text file: mostly control characters"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "a.txt: not a text file: invalid utf-16-le at byte 0"),
    ],
)
def test_bad_inputs(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        read_seed(data, "folder/a.txt")
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("first_paragraph", "title"),
    [
        ("Short lede. Then more.", "Short lede"),
        ("Dr. Ada Vance opened the clinic on Monday. Patients queued.", "Dr. Ada Vance opened the clinic on Monday"),
        ("Did the vote pass? Nobody knew.", "Did the vote pass?"),
        ("The U.S. team won 3.5 points. Fans cheered.", "The U.S. team won 3.5 points"),
        ("“It is over,” she said. Then she left.", "“It is over,” she said"),
        ("市政府表示新桥将于下个月通车。其他内容。", "市政府表示新桥将于下个月通车。"),
        (
            "A council in the far north of the region voted on Tuesday to close three of its branch "
            "libraries to save money.",
            "A council in the far north of the region voted on Tuesday to close three of its branch…",
        ),
    ],
)
def test_titles(first_paragraph: str, title: str) -> None:
    document = read_seed(f"date 2024-01-01 {first_paragraph}\n\nSecond.".encode(), "a.txt")
    assert document.metadata.title == title
    assert len(document.metadata.title) <= 90
    assert inline_text(document.blocks[0].inlines) == first_paragraph  # type: ignore[union-attr]


def test_right_to_left_paragraphs_are_marked() -> None:
    english = "English again, and at length, so that English has most letters. " * 3
    lede = "An English lede that runs on for a good while before it ends."
    data = f"date 2024-01-01 {lede}\n\n{SCRIPTS['arabic']}\n\n{SCRIPTS['hebrew']}\n\n{english}".encode()
    document = read_seed(data, "a.txt")
    assert document.metadata.direction == "ltr"
    assert [getattr(block, "direction", None) for block in document.blocks] == [None, "rtl", "rtl", None]


def test_a_mostly_arabic_article_is_rtl_with_a_guessed_language() -> None:
    data = f"date 2024-01-01 {SCRIPTS['arabic']}\n\nEnglish words.".encode()
    document = read_seed(data, "a.txt")
    assert (document.metadata.direction, document.metadata.language) == ("rtl", "ar")
    assert [getattr(block, "direction", None) for block in document.blocks] == [None, "ltr"]
    assert read_seed(data, "a.txt", language="fa").metadata.language == "fa"


def test_quotations_and_links_become_inlines_keeping_every_character() -> None:
    text = "He said “see https://example.org/a.” and left (https://example.org/b)."
    paragraph = read_seed(f"date 2024-01-01 {text}".encode(), "a.txt").blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.inlines == (
        Text("He said "),
        Quote((Text("“see "), Link("https://example.org/a", (Text("https://example.org/a"),)), Text(".”"))),
        Text(" and left ("),
        Link("https://example.org/b", (Text("https://example.org/b"),)),
        Text(")."),
    )


def test_word_count_and_identifier() -> None:
    one = read_seed("date 2024-01-01 One two three — four.\n\n市政府".encode(), "a.txt")
    assert one.metadata.word_count == 7
    same = read_seed("date 2024-01-01 One  two three — four.\r\n\r\n市政府".encode(), "b.txt")
    assert same.metadata.identifier == one.metadata.identifier
    other = read_seed("date 2024-01-02 One two three — four.\n\n市政府".encode(), "a.txt")
    assert other.metadata.identifier != one.metadata.identifier


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["Plain English text", "more of it", "and an end"],
        [
            "Ein Absatz über Zoë",
            "\u05e2\u05d9\u05e8 \u05d2\u05d3\u05d5\u05dc\u05d4 and some words",
            "\u0645\u062f\u064a\u0646\u0629 " * 9,
        ],
        ["東京の港", "市政府は港を", "港口 2024 年"],
        ["  ", "— – 40 %", "gavan \u0433\u0430\u0432\u0430\u043d\u044c \u041a\u0438\u0457\u0432"],
    ],
    ids=["latin", "mostly-rtl", "cjk", "odd-spacing"],
)
def test_measures_taken_in_pieces_are_those_of_the_whole_text(
    paragraphs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A large seed is measured a piece of paragraphs at a time; a piece of one paragraph must give
    # the word count, direction and language the whole text gives.
    data = ("date 2024-01-01 " + "\n\n".join(paragraphs * 5)).encode()
    whole = read_seed(data, "whole.txt")
    monkeypatch.setattr("convert.readers.seed._PIECE", 1)
    pieces = read_seed(data, "whole.txt")
    assert pieces == whole
    text = "\n".join(block_texts(whole.blocks))
    assert whole.metadata.word_count == count_words(text)
    assert whole.metadata.direction == direction_of(text)
    assert whole.metadata.language == guess_language(text)


@pytest.mark.skipif(not REAL_SEEDS.is_dir(), reason="the shared real seed is not beside the project")
def test_the_real_seed() -> None:
    for path in sorted(REAL_SEEDS.glob("*.txt")):
        data = path.read_bytes()
        document = read_seed(data, path.name)
        assert document.metadata.date is not None
        assert 0 < len(document.metadata.title) <= 90
        expected = data.decode("utf-8").split()
        assert expected[0] == "date"
        words = " ".join(inline_text(block.inlines) for block in document.blocks).split()  # type: ignore[union-attr]
        assert words == expected[2:]
        assert document.metadata.warnings == ()
