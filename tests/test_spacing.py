"""No-break spaces: one rule for the pairs a line must not split, the same in PDF, EPUB and DOCX, none in JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from convert.api import read, render
from convert.model import Document, publication_of
from convert.styles import load_style
from convert.text.spacing import NO_BREAK_SPACE, bind_spaces
from convert.writers.pdf.notices import Notices
from convert.writers.pdf.paragraphs import FlowingParagraph
from convert.writers.pdf.setlines import SetLines
from convert.writers.pdf.story import StoryBuilder
from convert.writers.pdf.typesetting import Typesetter
from tests.output_text import docx_text, epub_text
from tests.pdf_support import pypdf_text

NB = NO_BREAK_SPACE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a level of 40 mg/L in the river", f"a level of 40{NB}mg/L in the river"),
        ("from 7 March to 12 April", f"from 7{NB}March to 12{NB}April"),
        ("on March 7, 2024", f"on March{NB}7, 2024"),
        ("a $1.5 million grant and €48 million more", f"a $1.5{NB}million grant and €48{NB}million more"),
        ("about 11,000 people", f"about 11,000{NB}people"),
        ("see page 12 and p. 4", f"see page{NB}12 and p.{NB}4"),
        ("the 6.5 km line", f"the 6.5{NB}km line"),
        ("at 21:30 pm", f"at 21:30{NB}pm"),
        ("a 9% rise", "a 9% rise"),
    ],
)
def test_figures_stay_with_their_units_and_the_words_they_count(text: str, expected: str) -> None:
    assert bind_spaces(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "in 2015 the council voted",  # a year qualifies nothing after it
        "rose by 9 to 12",  # "to" is no unit
        "scored 3 in the final",
        "Area 51 is closed",
        "no figures at all here",
        "item4 people",  # a figure inside a word
    ],
)
def test_other_spaces_stay_breakable(text: str) -> None:
    assert bind_spaces(text) == text


def _typeset_text(document: Document) -> str:
    """The text of every paragraph the PDF writer sets, as the lines are broken from it."""
    style = load_style()
    publication = publication_of(document)
    story = StoryBuilder(publication, style, Typesetter(style, publication.language, Notices()), {}).build()
    texts: list[str] = []
    for flowable in story:
        if isinstance(flowable, SetLines):
            texts.append(" ".join("".join(run.text for run in line.runs) for line in flowable.lines))
        elif isinstance(flowable, FlowingParagraph):
            texts.append("".join(fragment.text for fragment in flowable.frags))
    return "\n".join(texts)


def test_every_set_format_keeps_the_same_pairs_together_and_json_keeps_the_seed(tmp_path: Path) -> None:
    seed = tmp_path / "river.txt"
    seed.write_text(
        "date 2024-03-07 Nitrate in the river\n\nInspectors found 40 mg/L on 7 March; "
        "the clean-up will cost $1.5 million, page 12 of the report says.\n",
        encoding="utf-8",
    )
    document = read(seed)
    pairs = [f"40{NB}mg/L", f"7{NB}March", f"$1.5{NB}million", f"page{NB}12"]
    texts = {
        "epub": epub_text(render(document, "epub")),
        "docx": docx_text(render(document, "docx")),
        "pdf": _typeset_text(document),
    }
    for fmt, text in texts.items():
        for pair in pairs:
            assert pair in text, (fmt, pair)
    # reportlab draws a no-break space as a space, after the lines are broken: the PDF reads with spaces.
    assert "40 mg/L" in pypdf_text(render(document, "pdf"))
    model = json.dumps(json.loads(render(document, "json")), ensure_ascii=False)
    assert NB not in model and "40 mg/L on 7 March" in model
