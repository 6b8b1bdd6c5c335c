"""The running head, one rule for PDF and DOCX: the pages without one, and the title cut at a word to fit a line."""

from __future__ import annotations

from convert.fonts.metrics import text_width
from convert.model import Publication
from convert.styles.types import Style
from convert.text.phrases import ELLIPSIS

_TRAILING = ",;:-\u2013\u2014"
"""Punctuation a cut head does not end with before its ellipsis."""
ROOM = 0.92
"""The share of the text width a head may take: room for a word processor's substitute font to be a little wider."""


def running_head(title: str, style: Style) -> str:
    """`title` as the head of pages set in `style`: whole, or its longest start of whole words and an ellipsis."""
    head = style.header
    width = (style.page.width - style.page.margin_left - style.page.margin_right) * ROOM
    words = title.split()
    text = " ".join(words)

    def fits(candidate: str) -> bool:
        return text_width(candidate, head.family, head.size, head.bold, head.italic) <= width

    if fits(text):
        return text
    for count in range(len(words) - 1, 0, -1):
        candidate = " ".join(words[:count]).rstrip(_TRAILING) + ELLIPSIS
        if fits(candidate):
            return candidate
    # Not even the first word fits: it is cut between letters.
    first = words[0] if words else ""
    for end in range(len(first) - 1, 0, -1):
        if fits(first[:end] + ELLIPSIS):
            return first[:end] + ELLIPSIS
    return ELLIPSIS


def pages_without_head(publication: Publication) -> int:
    """How many pages open the publication without a running head: the first (an article's own title, a
    cover or a title page), and the title page after a cover."""
    front = publication.front_matter
    return 2 if not publication.is_single and front.cover and front.title_page else 1
