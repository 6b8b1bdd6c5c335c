"""Justified text broken by total fit, hyphenated by the book rules, measured from the PDF's own glyph positions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, PageTemplate, Paragraph

from benchmarks.typography import measure, natural_space
from convert.api import read, render
from convert.fonts import family_for_char
from convert.styles import load_style
from convert.text.hyphenation import may_hyphenate
from convert.writers.pdf.faces import face_name, string_width
from convert.writers.pdf.hyphenation import Hyphenator
from convert.writers.pdf.justified import HYPHEN, break_justified
from convert.writers.pdf.pages import text_frame
from convert.writers.pdf.paragraphs import lines_before_break
from convert.writers.pdf.runs import Run
from convert.writers.pdf.setlines import set_line, spacing
from convert.writers.pdf.totalfit import SHRINK, STRETCH, TRACKING, TRACKING_SHRINK, Items, Rules, break_points
from convert.writers.pdf.wrapping import wrap_runs
from tests.pdf_support import pdfminer_text, poppler_text, pypdf_pages, pypdf_text


def _p95(values: list[float]) -> float:
    return sorted(values)[int(0.95 * len(values))]


ENGLISH = Hyphenator("en_US")

PARAGRAPH = (
    "The regional water authority said on Thursday that the treatment works beside the estuary would be "
    "rebuilt over the coming three years, replacing filtering equipment installed before most of the "
    "engineers now running it were born. The authority expects the contingency reserve to cover unexpected "
    "repairs to the intake channel, which flooded twice last winter, and said that households would see no "
    "interruption to their supply while the work continues. Independent inspectors will publish a report "
    "on the condition of the remaining pipework before construction begins, and a consultation on the "
    "temporary road closures is planned for the spring."
)


def test_book_rules_decide_which_words_may_be_hyphenated() -> None:
    assert ENGLISH.positions("contingency") == (3, 6)
    assert ENGLISH.positions("(contingency),") == (4, 7)  # the punctuation around a word is no letter
    for word in ("Contingency", "UNESCO", "well-known", "covid19", "press@example.org", "example.org/news"):
        assert ENGLISH.positions(word) == (), word
    assert not may_hyphenate("Halvorsen") and may_hyphenate("halvorsen")


def test_at_least_two_letters_stay_and_three_go() -> None:
    words = ["hyphenation", "extraordinary", "municipality", "infrastructure", "generations", "equipment"]
    for word in words:
        for at in ENGLISH.positions(word):
            assert at >= 2 and len(word) - at >= 3, (word, at)
    assert list(ENGLISH("contingency")) == [("contin", "gency"), ("con", "tingency")]  # reportlab's order


def _boxes(widths: list[float], space: float = 4.0) -> Items:
    items = Items()
    for number, width in enumerate(widths):
        if number:
            items.glue(space, space * 0.5, space * 0.4)
        items.box(width)
    return items


def _ratios(items: Items, breaks: list[int], width: float) -> list[float]:
    """Each line's adjustment ratio, the last line left out."""
    ratios, start = [], 0
    for position in breaks[:-1]:
        natural = sum(items.widths[start:position])
        stretch = sum(items.stretch[start:position])
        ratios.append((width - natural) / stretch if stretch else float("inf"))
        start = position + 1
    return ratios


def test_total_fit_spreads_the_slack_that_first_fit_leaves_on_one_line() -> None:
    widths = [19.0, 13.0, 10.0, 14.0, 9.0, 9.0, 17.0, 13.0, 14.0, 19.0, 14.0, 13.0, 12.0, 16.0]
    items = _boxes(widths)
    breaks = break_points(items, 60.0, 60.0, Rules(tolerance=float("inf")))
    assert breaks is not None and breaks[-1] == len(items)
    first_fit = _first_fit(items, 60.0)
    assert first_fit == [5, 11, 17, 23, 27]  # its fourth line stretches its spaces by 5 times their stretch
    assert breaks == [5, 13, 19, 25, 27]  # no line beyond 3.25
    assert max(_ratios(items, breaks, 60.0)) < max(_ratios(items, first_fit, 60.0)) - 1.5


def _first_fit(items: Items, width: float) -> list[int]:
    """The breaks of filling each line as full as it goes, at the glue items."""
    breaks, used = [], 0.0
    for position in range(0, len(items), 2):
        box = items.widths[position]
        if used and used + 4.0 + box > width:
            breaks.append(position - 1)
            used = box
        else:
            used += (4.0 if used else 0.0) + box
    return [*breaks, len(items)]


def test_no_break_keeps_a_line_within_tolerance_then_none_is_given() -> None:
    items = _boxes([30.0, 30.0])  # a 34-point line of two words cannot fill 80 points
    assert break_points(items, 50.0, 50.0, Rules(tolerance=1.0)) is None
    assert break_points(items, 50.0, 50.0, Rules(tolerance=float("inf"))) == [1, 3]


def _hyphenable(widths: list[float]) -> Items:
    """Words of two halves each, which may be broken with a 3-point hyphen between the halves."""
    items = Items()
    for number, width in enumerate(widths):
        if number:
            items.glue(4.0, 2.0, 1.6)
        items.box(width / 2)
        items.penalty(3.0, 50.0, True)
        items.box(width / 2)
    return items


def _flagged_lines(items: Items, breaks: list[int]) -> list[int]:
    return [line for line, position in enumerate(breaks[:-1]) if items.flagged[position]]


def test_hyphens_never_end_two_lines_running_nor_the_line_before_the_last() -> None:
    items = _hyphenable([23.0] * 24)
    for rules in (Rules(tolerance=float("inf")), Rules(tolerance=float("inf"), most_flagged_in_a_row=2)):
        breaks = break_points(items, 45.0, 45.0, rules)
        assert breaks is not None
        flagged = _flagged_lines(items, breaks)
        assert flagged, "this paragraph sets well only with hyphens"
        runs = [
            line for line in flagged if all(line - back in flagged for back in range(rules.most_flagged_in_a_row + 1))
        ]
        assert runs == [], flagged
        assert len(breaks) - 2 not in flagged


def _body_runs(text: str, size: float = 11.0) -> list[Run]:
    font = face_name(load_style("default").body.family)
    return [Run(text, font, size, "#000000")]


def test_broken_lines_keep_every_character_and_fit_their_width() -> None:
    runs = _body_runs(PARAGRAPH)
    broken = break_justified(runs, 300.0, 320.0, ENGLISH)
    assert broken is not None
    lines = ["".join(run.text for run in line) for line in broken.lines]
    assert len(lines) > 4
    rejoined = "".join(line[:-1] if line.endswith(HYPHEN) else line + " " for line in lines)
    assert rejoined.strip() == PARAGRAPH
    assert {number for number, line in enumerate(lines) if line.endswith(HYPHEN)} == set(broken.hyphenated)
    space = string_width(" ", runs[0].font, 11.0)
    for number, line in enumerate(broken.lines[:-1]):
        room = 300.0 if number == 0 else 320.0
        word_space, letter_space = spacing(set_line(line, 0.0, True), room)
        # Every line fills its width within the limits: spaces between 0.6 and about 1.5 of their width
        # here (no word is long), letters within their tracking.
        assert -SHRINK * space <= word_space <= STRETCH * space * 1.6, lines[number]
        assert -TRACKING * TRACKING_SHRINK * 11.0 - 1e-9 <= letter_space <= TRACKING * 11.0 + 1e-9
    assert len(lines) - 2 not in broken.hyphenated


def test_a_word_wider_than_the_line_is_left_to_the_wrapping_that_cuts_it() -> None:
    assert break_justified(_body_runs("short " + "x" * 120), 200.0, 200.0, ENGLISH) is None


@pytest.mark.parametrize(
    ("fitting", "total", "hyphenated", "expected"),
    [
        (10, 20, frozenset(), 10),
        (10, 20, frozenset({9}), 9),  # the page would end with a hyphen: the break moves up a line
        (10, 20, frozenset({8, 9}), 8),
        (3, 20, frozenset({1, 2}), 0),  # no two lines left without a hyphen at the foot: the paragraph moves on
    ],
)
def test_no_page_ends_with_a_hyphen(fitting: int, total: int, hyphenated: frozenset[int], expected: int) -> None:
    assert lines_before_break(fitting, total, False, hyphenated) == expected


def _first_fit_pdf(paragraphs: list[str], path: Path) -> Path:
    """The paragraphs set by reportlab's own first-fit breaking, in the default style's face, size and measure."""
    style = load_style("default")
    body, page = style.body, style.page
    paragraph_style = ParagraphStyle(
        "body",
        fontName=face_name(body.family),
        fontSize=body.size,
        leading=body.leading,
        alignment=TA_JUSTIFY,
        spaceAfter=body.space_after,
        hyphenationLang=ENGLISH,
        embeddedHyphenation=1,
    )
    frame = text_frame(page)
    document = BaseDocTemplate(
        str(path), pagesize=(page.width, page.height), pageTemplates=[PageTemplate(frames=[frame])]
    )
    document.build([Paragraph(text, paragraph_style) for text in paragraphs])
    return path


def test_a_justified_article_is_set_more_evenly_than_first_fit_with_every_word_kept(tmp_path: Path) -> None:
    """The whole path, read back from the PDF's glyph positions the way the typography report reads them."""
    seed = tmp_path / "water.txt"
    paragraphs = [PARAGRAPH.replace("three", number) for number in ("two", "three", "four", "five", "six", "seven")]
    seed.write_text(
        "date 2024-03-07 Water works to be rebuilt\n\n" + "\n\n".join(paragraphs * 2) + "\n", encoding="utf-8"
    )
    data = render(read(seed), "pdf", "default")
    pdf = tmp_path / "water.pdf"
    pdf.write_bytes(data)
    style = load_style("default")
    space = natural_space(style)
    ours = measure([pdf], style.body.size, space, justified=True)
    theirs = measure([_first_fit_pdf(paragraphs * 2, tmp_path / "first-fit.pdf")], style.body.size, space, True)
    assert ours.pages >= 2 and ours.spaces and theirs.spaces
    assert _p95(ours.spaces) < _p95(theirs.spaces) and max(ours.spaces) < max(theirs.spaces)
    assert ours.longest_run <= 1 and ours.page_ends == 0
    text = "".join(pypdf_pages(data))
    for word in ("contingency", "interruption", "consultation", "construction", "pipework"):
        assert word in text.replace("\u00ad\n", "").replace("\n", " ")
    assert "\u00ad\n" in text  # the hyphens a line breaks at are soft hyphens: extraction can join the word


def test_a_word_cut_at_a_line_end_is_extracted_whole_and_no_other_text_changes(tmp_path: Path) -> None:
    """pypdf and pdfminer give the soft hyphen the line ends in (Tagged PDF's sign of a cut), pdftotext the word."""
    seed = tmp_path / "water.txt"
    paragraphs = [PARAGRAPH.replace("three", number) for number in ("two", "three", "four", "five", "six", "seven")]
    seed.write_text("date 2024-03-07 Water works to be rebuilt\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    data = render(read(seed), "pdf", "default")
    by_pypdf, by_pdfminer, by_poppler = pypdf_text(data), pdfminer_text(data), poppler_text(data, tmp_path)
    cut = re.findall(rf"(\w+){HYPHEN}\n(\w+)", by_pypdf)
    assert len(cut) >= 3 and len(cut) == by_pypdf.count(HYPHEN), by_pypdf
    assert {head + tail for head, tail in cut} <= set(re.findall(r"\w+", PARAGRAPH))  # real words, rejoined
    assert re.findall(rf"(\w+){HYPHEN}\n(\w+)", by_pdfminer) == cut
    assert HYPHEN not in by_poppler and not any(line.endswith("-") for line in by_poppler.splitlines())
    words = by_pypdf.replace(HYPHEN + "\n", "").split()
    assert by_pdfminer.replace(HYPHEN + "\n", "").split() == words
    assert by_poppler.split() == words  # every cut word whole, every other word as pypdf reads it


CHINESE = (
    "市政府表示，新桥将于下个月通车。工程师说：“这座桥连接了城市的东西两岸，每天可以通行三万辆汽车。”"
    "居民们对此表示欢迎（大多数人），认为这将大大缩短通勤时间。The council met Li Ming (李明) and Chen Jing "
    "(陈静) on Tuesday, and said 「新桥」 would open in May."
)
OPENING = frozenset("(（“「‘")
CLOSING = frozenset(")）”」’，。：、,.")


def _chinese_runs(text: str) -> list[Run]:
    family = family_for_char("市", [])
    assert family is not None
    return [Run(text, face_name(family), 10.0, "#000000")]


@pytest.mark.parametrize("justify", [True, False])
def test_cjk_lines_never_end_on_an_opening_mark_nor_start_with_a_closing_one(justify: bool) -> None:
    runs = _chinese_runs(CHINESE)
    for width in range(60, 300, 3):  # narrower, a run no rule lets break is wider than the line
        lines = ["".join(run.text for run in line.runs) for line in wrap_runs(runs, width, width, False, justify)]
        assert "".join(lines).replace(" ", "") == CHINESE.replace(" ", ""), width
        assert not [line for line in lines[:-1] if line.rstrip()[-1] in OPENING], width
        assert not [line for line in lines[1:] if line.lstrip()[0] in CLOSING], width


def _looseness(lines: list[list[Run]], width: float) -> list[float]:
    """The slack each line but the last leaves, per point its spaces and letters could stretch by."""
    ratios = []
    for runs in lines[:-1]:
        line = set_line(runs, 0.0, True)
        stretch = STRETCH * line.space_width * line.spaces + TRACKING * line.size * (line.glyphs - 1)
        ratios.append((width - line.natural) / stretch)
    return ratios


def test_total_fit_sets_cjk_text_more_evenly_than_first_fit() -> None:
    runs = _chinese_runs(CHINESE * 3)
    for width in (150.0, 180.0, 270.0):  # where first fit leaves one line loose and the rest full
        total = _looseness([line.runs for line in wrap_runs(runs, width, width, False, True)], width)
        first = _looseness([line.runs for line in wrap_runs(runs, width, width, False, False)], width)
        assert len(total) == len(first) and max(total) < 0.6 * max(first), width
        assert sum(ratio**3 for ratio in total) < sum(ratio**3 for ratio in first), width


def _line_ends(data: bytes, tmp_path: Path, size: float) -> list[float]:
    """Where each line of text `size` points high ends, as poppler places the glyphs (pdfminer drops the
    letter spacing after each string but the last)."""
    layout = poppler_text(data, tmp_path, "-bbox-layout")
    boxes = re.findall(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">', layout)
    return [float(right) for top, right, bottom in boxes if abs(float(bottom) - float(top) - size) < 0.05]


def test_justified_cjk_lines_reach_the_margin_with_their_letters_spread(tmp_path: Path) -> None:
    """A line of CJK has no spaces to widen: its slack goes between its characters, to the margin."""
    seed = tmp_path / "chinese.txt"
    text = CHINESE.split("The council")[0] * 4
    seed.write_text("date 2024-05-01 " + text + "\n", encoding="utf-8")
    style = load_style("default")
    data = render(read(seed), "pdf", "default")
    ends = _line_ends(data, tmp_path, style.body.size)
    assert len(ends) >= 6
    assert all(max(ends) - end < 0.01 for end in ends[:-1]), ends
    assert max(ends) - ends[-1] > 1.0  # the last line is not spread
    assert text in pypdf_text(data).replace("\n", "")


def test_an_english_paragraph_naming_people_in_cjk_keeps_its_word_spaces_even(tmp_path: Path) -> None:
    """The sample's paragraph set first fit had a space 3.65 times its width; by total fit none reaches 3."""
    sample = (Path(__file__).parent.parent / "seeds" / "2024-02-05-veldhaven-choir-festival.txt").read_text("utf-8")
    paragraph = next(text for text in sample.split("\n\n") if "東京" in text)
    seed = tmp_path / "choir.txt"
    seed.write_text("date 2024-02-05 " + paragraph + "\n\n" + paragraph + "\n", encoding="utf-8")
    pdf = tmp_path / "choir.pdf"
    pdf.write_bytes(render(read(seed), "pdf", "default"))
    style = load_style("default")
    figures = measure([pdf], style.body.size, natural_space(style), justified=True)
    assert figures.spaces and max(figures.spaces) < 3.0, max(figures.spaces)
