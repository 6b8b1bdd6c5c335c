"""The one rule for the language of a part (convert/text/partlanguage.py): what a paragraph or a run
in another script is in, and where a paragraph's pieces in another language begin and end."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from convert.text.language import primary_language, script_subtag
from convert.text.partlanguage import language_runs, own_scripts, part_language
from tests.corpus import MIXED_LANGUAGES


@pytest.mark.parametrize(
    ("text", "surrounding", "expected"),
    [
        ("An English sentence, caf\u00e9 and all.", "en", None),
        ("\u0642\u0627\u0644 \u0627\u0644\u0645\u062a\u062d\u062f\u062b", "en", "ar"),
        ("\u05e9\u05dc\u05d5\u05dd \u05dc\u05db\u05d5\u05dc\u05dd", "en", "he"),
        ("\uae40\uc9c0\uc6d0", "en", "ko"),
        ("\u5c71\u7530\u3055\u304f\u3089", "en", "ja"),  # Han with kana: Japanese
        ("\u5317\u4eac\u5e02", "en", "zh"),  # Han alone: Chinese
        ("\u5317\u4eac\u5e02", "ja", None),  # ... unless the text around is in a language written in Han
        ("\u5317\u4eac\u5e02", "ko", None),
        ("\u5317\u4eac\u5e02", "zh-Hant-TW", None),
        ("\u3055\u304f\u3089", "ko", "ja"),
        ("\uae40\uc9c0\uc6d0", "ja", "ko"),
        ("\u0391\u03b8\u03ae\u03bd\u03b1", "en", "el"),
        ("\u041c\u043e\u0441\u043a\u0432\u0430", "en", "ru"),
        ("\u041a\u0438\u0457\u0432", "uk", None),
        ("\u041c\u043e\u0441\u043a\u0432\u0430", "sr-Latn", "ru"),  # the script subtag says Latin
        ("Beograd", "sr-Latn", None),
        ("\u0928\u092e\u0938\u094d\u0924\u0947", "en", "hi"),
        ("\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35", "en", "th"),
        ("\u06a9\u062a\u0627\u0628", "fa", None),  # Persian is written in Arabic letters
        ("Reuters and the BBC", "ar", "en"),  # Latin in a language written otherwise: English
        ("12:30 \u2013 100 %", "ar", None),  # no letters: nothing to tell
        ("", "en", None),
    ],
)
def test_a_part_is_in_the_language_its_dominant_script_implies(
    text: str, surrounding: str, expected: str | None
) -> None:
    assert part_language(text, surrounding) == expected


def test_a_part_takes_the_language_most_of_its_letters_are_in() -> None:
    mostly_english = "Kim Ji-won (\uae40\uc9c0\uc6d0) arrived in Seoul this morning."
    assert part_language(mostly_english, "en") is None
    mostly_korean = (
        "\uae40\uc9c0\uc6d0 \uc7a5\uad00\uc774 \uc624\ub298 \uc11c\uc6b8\uc5d0 \ub3c4\ucc29\ud588\ub2e4 (Seoul)."
    )
    assert part_language(mostly_korean, "en") == "ko"
    assert part_language("ab \u05d0\u05d1", "en") is None  # a tie stays in the surrounding language


def test_pieces_hold_exactly_the_foreign_letters_and_what_lies_between_them() -> None:
    pieces = language_runs(MIXED_LANGUAGES[0], "en")
    assert pieces == [
        (None, "The minister, Kim Ji-won ("),
        ("ko", "\uae40\uc9c0\uc6d0"),
        (None, "), met the novelist Yamada Sakura ("),
        ("ja", "\u5c71\u7530\u3055\u304f\u3089"),
        (None, ") in Seoul on Tuesday."),
    ]
    quoted = language_runs(MIXED_LANGUAGES[2], "en")
    assert [language for language, _text in quoted] == [None, "he", None]
    assert quoted[1][1] == "שלום לכולם, ברוכים הבאים"
    assert language_runs("\u05d0\u05d1\u05d2 Tel Aviv \u05d3", "he") == [
        (None, "\u05d0\u05d1\u05d2 "),
        ("en", "Tel Aviv"),
        (None, " \u05d3"),
    ]


def test_han_joins_the_kana_or_hangul_beside_it() -> None:
    assert language_runs("\uae40\uc9c0\uc6d0(\u91d1\u667a\u5a9b) said", "en") == [
        ("ko", "\uae40\uc9c0\uc6d0(\u91d1\u667a\u5a9b"),
        (None, ") said"),
    ]
    assert [language for language, _ in language_runs("\u6771\u4eac and \u5317\u4eac", "en")] == ["zh", None, "zh"]


def test_a_mark_after_the_last_letter_stays_in_its_piece() -> None:
    # नमस्ते ends with a vowel sign (a combining mark), which must not be cut from its consonant.
    pieces = language_runs("Say \u0928\u092e\u0938\u094d\u0924\u0947 now", "en")
    assert pieces == [(None, "Say "), ("hi", "\u0928\u092e\u0938\u094d\u0924\u0947"), (None, " now")]


def test_text_in_the_surrounding_scripts_is_one_piece() -> None:
    text = "Plain English, with caf\u00e9s and na\u00efvet\u00e9 \u2014 and digits 1 2 3."
    assert language_runs(text, "en") == [(None, text)]
    arabic = "\u0642\u0627\u0644 \u0627\u0644\u0645\u062a\u062d\u062f\u062b 2024"
    assert language_runs(arabic, "ar") == [(None, arabic)]


@given(st.text(), st.sampled_from(["en", "ar", "ja", "ko", "zh", "he", "ru", "sr-Latn", "und"]))
def test_pieces_join_up_to_the_text_and_agree_with_the_part_language(text: str, surrounding: str) -> None:
    pieces = language_runs(text, surrounding)
    assert "".join(piece for _language, piece in pieces) == text
    assert all(piece for _language, piece in pieces)
    assert all(pieces[i][0] != pieces[i + 1][0] or pieces[i][0] is not None for i in range(len(pieces) - 1))
    languages = {language for language, _piece in pieces}
    assert part_language(text, surrounding) in languages | {None}


def test_a_language_tags_subtags() -> None:
    assert primary_language("zh-Hant-TW") == "zh"
    assert (script_subtag("zh-Hant-TW"), script_subtag("sr_latn"), script_subtag("en-GB"), script_subtag("en")) == (
        "hant",
        "latn",
        None,
        None,
    )
    assert script_subtag("zh-yue-Hant") == "hant"  # after an extended language subtag
    assert own_scripts("ja") == {"Kana", "Han"}
    assert own_scripts("en-US") == own_scripts("und") == {"Latin"}
