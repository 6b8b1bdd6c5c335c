"""A document built with reportlab alone, as a program that also imports convert might build its own.

Run as a script (`python tests/plain_reportlab.py FONT.ttf OUT.pdf`) it builds the document in a
process that never imported convert: the bytes reportlab itself makes, to compare with.
"""

from __future__ import annotations

import io
import sys

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

_WORDS = (
    "Internationalisation",
    "telecommunications",
    "the",
    "council's",
    "extraordinarily",
    "https://example.org/a/long/path/that/goes/on/and/on",
    "Ωμέγα",
    "Жук",
    "\U0001ee01\U0001ee02\U0001ee03",  # beyond U+FFFF: reportlab writes its ToUnicode entries its own way
    "x" * 60,
)


def plain_document(font_file: str) -> bytes:
    """A few pages of justified paragraphs with long words, in a TrueType font registered from `font_file`."""
    pdfmetrics.registerFont(TTFont("PlainSerif", font_file))
    style = ParagraphStyle("plain", fontName="PlainSerif", fontSize=10, leading=13, alignment=4, splitLongWords=1)
    story = [
        Paragraph(" ".join(_WORDS[(index * 5 + count) % len(_WORDS)] for count in range(40 + index * 30)), style)
        for index in range(24)
    ]
    story.append(Paragraph(" ".join(f"w{index}" for index in range(600)), style))  # long enough for a word queue
    stream = io.BytesIO()
    SimpleDocTemplate(stream, invariant=1, title="plain", author="", creator="", producer="").build(story)
    return stream.getvalue()


if __name__ == "__main__":
    with open(sys.argv[2], "wb") as out:  # noqa: PTH123 - a script kept free of everything but reportlab
        out.write(plain_document(sys.argv[1]))
