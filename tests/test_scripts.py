"""Script detection: word counts, directions and language guesses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from convert.text.scripts import count_words, direction_of, guess_language
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
