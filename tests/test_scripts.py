"""The Unicode rules: scripts and kinds of font, directions, word counts and language guesses."""

from __future__ import annotations

import unicodedata

import pytest
from bidi import get_display
from hypothesis import given
from hypothesis import strategies as st

from convert.text.direction import direction_of, has_right_to_left, strong_direction
from convert.text.scripts import count_words, font_class, guess_language, script_of
from tests.corpus import SCRIPTS


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("One two three \u2014 four.", 4),
        ("a_b __ -- 12 x", 3),
        ("\u5e02\u653f\u5e9c said", 4),
        ("-" * 5000 + "a", 1),
        ("", 0),
        ("\u201cQuoted,\u201d she said.", 3),
    ],
)
def test_count_words(text: str, words: int) -> None:
    assert count_words(text) == words


@given(st.text(st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFF)))
def test_the_fast_count_of_text_without_cjk_agrees_with_the_general_one(text: str) -> None:
    # One ideograph after a space is one more word, and sends the count down the general path.
    assert count_words(f"{text} \u5e02") == count_words(text) + 1


_TOKEN = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp"), max_codepoint=0x2FFF), min_size=1
).filter(lambda token: not any(char.isspace() for char in token))


@given(st.lists(st.tuples(_TOKEN, st.sampled_from([" ", "\n"]))), st.booleans())
def test_single_spaced_text_counts_the_tokens_holding_a_letter_or_digit(
    tokens: list[tuple[str, str]], padded: bool
) -> None:
    # The reader's text: words apart by one space or line feed, the path that counts spaces.
    text = "".join(token + space for token, space in tokens)[:-1]
    text = f" {text} " if padded else text
    assert count_words(text) == sum(any(char.isalnum() for char in token) for token, _ in tokens)


@pytest.mark.parametrize(
    ("script", "language", "direction"),
    [
        ("latin", "en", "ltr"),
        ("greek", "el", "ltr"),
        ("cyrillic", "ru", "ltr"),
        ("arabic", "ar", "rtl"),
        ("hebrew", "he", "rtl"),
        ("devanagari", "hi", "ltr"),
        ("thai", "th", "ltr"),
        ("chinese", "zh", "ltr"),
        ("japanese", "ja", "ltr"),
        ("korean", "ko", "ltr"),
    ],
)
def test_language_and_direction_by_script(script: str, language: str, direction: str) -> None:
    assert guess_language(SCRIPTS[script]) == language
    assert direction_of(SCRIPTS[script]) == direction


def test_punctuation_alone_is_english_left_to_right() -> None:
    assert guess_language("\u201c\u2014 \u20ac 12 \u2019") == "en"
    assert direction_of("12 \u2014 34") == "ltr"


@pytest.mark.parametrize(
    ("char", "direction"),
    [
        ("a", "ltr"),
        ("\u00e9", "ltr"),
        ("\u4e2d", "ltr"),
        ("\u05d0", "rtl"),
        ("\u0628", "rtl"),
        ("\u200f", "rtl"),  # RIGHT-TO-LEFT MARK is a strong character
        ("\u061c", "rtl"),  # ARABIC LETTER MARK too
        ("\ufb1d", "rtl"),  # the first Hebrew presentation form
        ("\ufefc", "rtl"),  # the last Arabic presentation form
        ("\ufeff", None),  # the byte order mark, after it, is not
        ("\U00010800", "rtl"),  # Cypriot, in the supplementary planes
        ("\U0001e900", "rtl"),  # Adlam
        ("\u202e", None),  # an override is no character of either direction
        ("1", None),
        ("\u0661", None),  # an Arabic digit
        (" ", None),
    ],
)
def test_strong_direction_of_a_character(char: str, direction: str | None) -> None:
    assert strong_direction(char) == direction


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain text", False),
        ("caf\u00e9 \u4e2d\u6587 \u0301", False),
        ("\ufeffbom", False),
        ("an \u05d0 inside", True),
        ("figures \u0661\u0662", True),  # Arabic numbers run right to left among themselves
        ("\u202bembedded", True),
        ("\u202eoverridden", True),
        ("\u2067isolated\u2069", True),
        ("\U0001e922", True),
    ],
)
def test_what_needs_the_bidirectional_algorithm(text: str, expected: bool) -> None:
    assert has_right_to_left(text) is expected


_ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@given(_ANY_TEXT)
def test_text_without_right_to_left_is_drawn_in_its_own_order(text: str) -> None:
    # python-bidi, the algorithm the PDF runs, agrees that such text needs no reordering.
    if not has_right_to_left(text):
        assert get_display(text, base_dir="L") == text


@given(st.lists(st.sampled_from(["a", "\u00e9", "\u05d0", "\u0628", " ", "1", "\u0301", "\u200f"])).map("".join))
def test_direction_of_a_text_is_the_majority_of_its_strong_characters(text: str) -> None:
    ltr = sum(unicodedata.bidirectional(char) == "L" for char in text)
    rtl = sum(unicodedata.bidirectional(char) in ("R", "AL") for char in text)
    assert direction_of(text) == ("rtl" if rtl > ltr else "ltr")


@pytest.mark.parametrize(
    ("char", "script"),
    [
        ("a", "Latn"),
        ("\ufb01", "Latn"),  # the fi ligature, in a block shared with Hebrew
        ("\ufb1d", "Hebr"),
        ("\u060c", "Arab"),  # the Arabic comma, shared by several scripts
        ("\u0964", "Deva"),  # the danda, shared by the Indic scripts
        ("\u30fc", "Hira"),  # the prolonged sound mark of both kana
        ("\U00020000", "Hani"),
        (",", "Zyyy"),
        ("\u0301", "Latn"),  # the combining acute, first of the scripts sharing it convert has fonts for
        ("\ufe00", "Zinh"),  # a variation selector, of any script
    ],
)
def test_script_of_a_character(char: str, script: str) -> None:
    assert script_of(char) == script


@pytest.mark.parametrize(
    ("char", "kind"),
    [
        ("a", "western"),
        ("\u00e9", "western"),
        ("\u0416", "western"),
        ("\ufb01", "western"),
        ("\ufeff", "western"),
        ("\u4dc0", "western"),  # a Yijing hexagram: a symbol, not CJK text
        ("\u05d0", "complex"),
        ("\ufb1d", "complex"),
        ("\ufefc", "complex"),
        ("\u0915", "complex"),
        ("\u0e01", "complex"),
        ("\U0001e900", "complex"),
        ("\u4e2d", "east-asian"),
        ("\u3042", "east-asian"),
        ("\ud55c", "east-asian"),
        ("\u3001", "east-asian"),  # CJK punctuation, though several scripts share it
        ("\uff21", "east-asian"),  # a full-width Latin letter
        ("\U00020000", "east-asian"),
    ],
)
def test_kind_of_font_for_a_character(char: str, kind: str) -> None:
    assert font_class(char) == kind


@given(st.characters(categories=("Lu", "Ll", "Lt", "Lm", "Lo")))
def test_every_right_to_left_letter_is_set_in_a_complex_script_font(char: str) -> None:
    # Two tables agree: Python's bidirectional classes and fontTools' scripts.
    if strong_direction(char) == "rtl":
        assert font_class(char) == "complex"
