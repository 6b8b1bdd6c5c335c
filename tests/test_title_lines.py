"""Display titles break at their sense: phrases first, then after a spaced dash, then evenly between words."""

from __future__ import annotations

import pytest

from convert.writers.common.titlelines import FittedTitle, Measure, fitted_title, phrases, sense_lines


def characters(text: str) -> float:
    """A measure of one unit per character: a monospaced face."""
    return float(len(text))


DIGEST = "News digest, 9 January \u2013 27 March 2024"


def test_a_title_that_fits_is_one_line() -> None:
    assert sense_lines(DIGEST, characters, 60) == (DIGEST,)


def test_a_title_breaks_at_its_phrase_before_anywhere_else() -> None:
    # First fit would give "News digest, 9 January \u2013" / "27 March 2024".
    assert sense_lines(DIGEST, characters, 28) == ("News digest,", "9 January \u2013 27 March 2024")


def test_a_phrase_too_long_breaks_after_its_dash_and_never_inside_a_date() -> None:
    assert sense_lines(DIGEST, characters, 14) == ("News digest,", "9 January \u2013", "27 March 2024")
    lines = sense_lines("Opening on 27 March 2024 at the harbour", characters, 14)
    assert all("27" not in line or "March" in line for line in lines), lines
    assert "March" in next(line for line in lines if "27" in line)


def test_short_phrases_share_a_line() -> None:
    title = "Tram line opens: city, port and airport linked at last"
    lines = sense_lines(title, characters, 30)
    assert lines == ("Tram line opens: city,", "port and airport", "linked at last")


def test_words_are_broken_evenly_and_not_after_a_little_word() -> None:
    title = "Engineers from nine countries met in the port city of Calveira"
    lines = sense_lines(title, characters, 40)
    assert len(lines) == 2
    assert " ".join(lines) == title
    widths = [len(line) for line in lines]
    assert max(widths) - min(widths) <= 12, lines  # first fit leaves 40 and 22
    assert not any(line.rsplit(" ", 1)[-1] in {"of", "the", "in", "from"} for line in lines[:-1]), lines


@pytest.mark.parametrize("room", [5, 9, 13, 21, 34, 55])
def test_no_word_is_lost_or_split(room: float) -> None:
    title = "Harbour authority, after two winters of storms \u2014 a new sea wall: 1.5 km of granite"
    lines = sense_lines(title, characters, room)
    assert " ".join(lines) == title
    assert all(len(line) <= room or " " not in line.replace("1.5 km", "") for line in lines), (
        lines
    )  # a word wider stays whole


def test_phrases_join_back_into_the_title() -> None:
    assert phrases(DIGEST) == ("News digest,", "9 January \u2013 27 March 2024")
    assert phrases("St. Mary's choir sings") == ("St. Mary's choir sings",)  # a full stop is no phrase end


def test_a_title_is_set_smaller_until_it_fits_then_cut() -> None:
    def measure_at(factor: float) -> Measure:
        return lambda text: len(text) * factor

    fitted = fitted_title(DIGEST, measure_at, 14, (1.0, 0.5), 2)
    assert fitted == FittedTitle(0.5, ("News digest,", "9 January \u2013 27 March 2024"))  # three lines at full size
    long = " ".join(["word"] * 40)
    cut = fitted_title(long, measure_at, 20, (1.0, 0.8), 3)
    assert cut.factor == 0.8 and len(cut.lines) == 3 and cut.lines[-1].endswith("\u2026")
    assert all(len(line) * 0.8 <= 20 for line in cut.lines)


def test_text_without_spaces_is_cut_between_characters_to_fit() -> None:
    title = "東京都の新しい路面電車が来年春に開業する予定です"
    lines = sense_lines(title, characters, 10)
    assert "".join(lines) == title
    assert all(len(line) <= 10 for line in lines), lines
    assert len(lines) == 3
