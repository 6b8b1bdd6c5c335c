"""Spans to font runs: the face, size and colour drawing each piece, falling back per character."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from convert.fonts import FontFamily, families_to_try, family_for_char, split_runs
from convert.styles.types import Style, TextStyle
from convert.text.partlanguage import language_runs
from convert.writers.common.shaping import shape
from convert.writers.pdf.faces import face_name, missing_from
from convert.writers.pdf.notices import Notices
from convert.writers.pdf.spans import Span

_ATTACHED = frozenset({"Mn", "Mc", "Me", "Cf"})
"""Categories `split_runs` keeps in the run before them, whether or not its font has them."""


@dataclass(frozen=True, slots=True)
class Run:
    """Text drawn in one face, size and colour; a `line_break` run is a forced line end."""

    text: str
    font: str
    size: float
    color: str
    """`#rrggbb`."""
    link: str | None = None
    line_break: bool = False


@dataclass(frozen=True, slots=True)
class Look:
    """The family, weight, slant and colour of one span in one text style."""

    family: FontFamily
    bold: bool
    italic: bool
    color: str


def look_of(span: Span, base: TextStyle, quote: TextStyle) -> Look:
    """How `span` looks inside text set in `base`: quotes take the quote style, emphasis toggles the slant."""
    source = quote if span.quote else base
    return Look(source.family, span.strong or source.bold, source.italic != span.emphasis, source.color.hex)


class RunMaker:
    """Turns spans into runs for one publication, reporting what no font can draw."""

    def __init__(self, style: Style, language: str, notices: Notices) -> None:
        self.style = style
        self.language = language
        self.notices = notices
        self._coverage: dict[FontFamily, tuple[set[str], set[str]]] = {}
        """A family -> (characters it has, characters it lacks), as found so far."""

    def runs(self, spans: list[Span], base: TextStyle) -> list[Run]:
        """The runs drawing `spans` in text style `base`, neighbours in the same face merged."""
        runs: list[Run] = []
        for span in spans:
            look = look_of(span, base, self.style.quote)
            if span.line_break:
                runs.append(Run("", face_name(look.family, look.bold, look.italic), base.size, look.color, None, True))
                continue
            text = shape(span.text)
            if self._covered(look.family, text):
                for font, part in self._in_faces(look.family, look, text):
                    _append(runs, Run(part, font, base.size, look.color, span.link))
                continue
            chain = self._chain(look.family)
            for language, written in language_runs(text, self.language):  # Han forms by the part's language
                for family, chunk in split_runs(written, chain, lang=language or self.language):
                    for piece_family, piece in self._pieces(family, chunk, look.family, chain):
                        for font, part in self._in_faces(piece_family, look, piece):
                            _append(runs, Run(part, font, base.size, look.color, span.link))
        return runs

    def _chain(self, family: FontFamily) -> list[FontFamily]:
        """The families to try for `family`'s text (`families_to_try`)."""
        return list(families_to_try(family, self.style.fallback_families))

    def _covered(self, family: FontFamily, text: str) -> bool:
        """Whether `family` alone draws all of `text`, as it does for most text: then no splitting is needed."""
        entry = self._coverage.get(family)
        if entry is None:
            entry = self._coverage[family] = (set(), set())
        has, lacks = entry
        unknown = set(text) - has
        if not unknown:
            return True
        if unknown & lacks:
            return False
        for char in unknown:
            (has if char.isspace() or family.covers(char) else lacks).add(char)
        return not (unknown & lacks)

    def _in_faces(self, family: FontFamily, look: Look, text: str) -> list[tuple[str, str]]:
        """`text` in the face `look` asks for, letters that face lacks in the family's regular face."""
        font = face_name(family, look.bold, look.italic)
        if not (look.bold or look.italic) or not missing_from(font, text):
            return [(font, text)]
        regular = face_name(family)
        missing = missing_from(font, text)
        parts: list[tuple[str, list[str]]] = []
        for char in text:
            owner = regular if char in missing else font
            if not parts or parts[-1][0] != owner:
                parts.append((owner, []))
            parts[-1][1].append(char)
        return [(owner, "".join(chars)) for owner, chars in parts]

    def _pieces(
        self, family: FontFamily | None, chunk: str, preferred: FontFamily, chain: Sequence[FontFamily]
    ) -> list[tuple[FontFamily, str]]:
        """`chunk` in the families that draw it: marks its run's font lacks move to one that has them.

        A run no family draws (`family` None) is set in `preferred`, as missing-glyph boxes.
        """
        base = preferred if family is None else family
        pieces: list[tuple[FontFamily, list[str]]] = [(base, [])]
        for char in chunk:
            owner = base
            attached = unicodedata.category(char) in _ATTACHED
            if char.isspace() or (family is not None and (not attached or family.covers(char))):
                pass
            elif (other := family_for_char(char, chain) if attached else None) is not None:
                owner = other
            elif (equivalent := _canonical_equivalent(char, chain)) is not None:
                owner, char = equivalent
            elif unicodedata.category(char) == "Cf":
                self.notices.invisible(char)
                continue
            else:
                self.notices.uncovered(char)
            if pieces[-1][0] != owner:
                pieces.append((owner, []))
            pieces[-1][1].append(char)
        return [(owner, "".join(chars)) for owner, chars in pieces if chars]


def _canonical_equivalent(char: str, chain: Sequence[FontFamily]) -> tuple[FontFamily, str] | None:
    """A family and the canonically equivalent spelling of `char` it draws whole, when `char` itself
    is in no font: a CJK compatibility ideograph is its unified ideograph, the ohm sign is omega, a
    precomposed letter is its base and marks. Equivalent text is the same text, so it is drawn, not boxed."""
    spelling = unicodedata.normalize("NFD", char)
    if spelling == char:
        return None
    family = family_for_char(spelling[0], chain)
    if family is None or not all(family.covers(part) for part in spelling[1:]):
        return None
    return family, spelling


def _append(runs: list[Run], run: Run) -> None:
    if runs and not runs[-1].line_break:
        last = runs[-1]
        if (last.font, last.size, last.color, last.link) == (run.font, run.size, run.color, run.link):
            runs[-1] = Run(last.text + run.text, run.font, run.size, run.color, run.link)
            return
    runs.append(run)
