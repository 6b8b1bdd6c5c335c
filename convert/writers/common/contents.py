"""A digest's contents page, one rule for PDF, DOCX and EPUB: its entries in order, and each entry's indents.

An entry's first line starts at its style's left indent; the lines a long title wraps onto stand
`HANGING_EMS` further in (a hanging indent), so a wrapped line never reads as an entry of its own.
Every line stops short of the page number column at the right: room for four digits and a gap.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from convert.fonts import FontFamily
from convert.fonts.metrics import line_width, text_width
from convert.model import Document, Publication
from convert.styles.types import Style, TextStyle
from convert.text.spacing import NO_BREAK_SPACE, bind_spaces

HANGING_EMS = 1.0
"""How much further in than an entry's first line its wrapped lines stand, in ems of its size."""
NUMBER_ROOM = "0000"
"""The widest page number the column is measured for."""
SPACE_SHRINKAGE = 0.05
"""How much of its spaces' width a line may give up to take one more word: reportlab's default
(`spaceShrinkage`), with which the PDF fills its ragged lines."""
NUMBER_GAP_EMS = 1.0
"""Space between a title's lines and the number column, in ems of the entry's size."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the contents: a group's title (level 0) or an article's (level 0 alone, 1 under a group)."""

    title: str
    level: int
    section: int
    """The position of the entry's section in the publication."""
    article: int | None
    """The article's position in reading order; None for a group's own entry."""
    document: Document | None

    @property
    def keep_with_next(self) -> bool:
        """A group's entry never ends a page: it stays with its first article's."""
        return self.article is None


def entries(publication: Publication) -> Iterator[Entry]:
    """Every entry of the publication's contents, in reading order."""
    article = 0
    for position, section in enumerate(publication.sections):
        level = 0
        if section.title is not None:
            yield Entry(section.title, 0, position, None, None)
            level = 1
        for document in section.documents:
            yield Entry(document.metadata.title, level, position, article, document)
            article += 1


def entry_style(style: Style, level: int) -> TextStyle:
    """The sheet's style for entries of `level`: toc1, then toc2."""
    return style.toc1 if level == 0 else style.toc2


@dataclass(frozen=True, slots=True)
class EntryIndents:
    """Where an entry's lines start and stop, in points from the text block's edges."""

    left: float
    """Where wrapped lines start."""
    hanging: float
    """How far the first line starts before `left`."""
    right: float
    """Where every line of the title stops, from the end edge: the number column and its gap."""
    number: float
    """The number column's width."""

    @property
    def first_line(self) -> float:
        """Where the first line starts."""
        return self.left - self.hanging


def entry_indents(text_style: TextStyle) -> EntryIndents:
    """The indents of a contents entry set in `text_style` (toc1 or toc2)."""
    size = text_style.size
    hanging = HANGING_EMS * size
    number = text_width(NUMBER_ROOM, text_style.family, size, text_style.bold, text_style.italic)
    return EntryIndents(
        left=text_style.left_indent + hanging,
        hanging=hanging,
        right=text_style.right_indent + number + NUMBER_GAP_EMS * size,
        number=number,
    )


def entry_lines(
    title: str, text_style: TextStyle, fallbacks: Sequence[FontFamily], block_width: float
) -> tuple[str, ...]:
    """`title` broken into the lines the PDF sets it in: filled word by word (first fit, never at a
    no-break space), the first line from `first_line`, the others from `left`, each stopping short of
    the number column. A writer whose reader breaks lines itself (DOCX, where a right indent would
    hide the number in LibreOffice) sets these breaks so that titles stop where the PDF's do."""
    indents = entry_indents(text_style)
    rooms = (block_width - indents.first_line - indents.right, block_width - indents.left - indents.right)

    def width(text: str) -> float:
        return line_width(text, text_style.family, fallbacks, text_style.size, text_style.bold, text_style.italic)

    space = width(" ")
    lines: list[str] = []
    for word in bind_spaces(" ".join(title.split())).split(" "):
        room = rooms[min(len(lines) - 1, 1)] if lines else rooms[0]
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and width(candidate) <= room + SPACE_SHRINKAGE * space * candidate.count(" "):
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return tuple(line.replace(NO_BREAK_SPACE, " ") for line in lines)
