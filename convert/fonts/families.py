"""A font family's faces: which file serves each of regular, bold, italic and bold italic, and at what axis location."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from convert.fonts.cutting import face_file
from convert.fonts.sfnt import BOLD_WEIGHT, REGULAR_WEIGHT, Axis, coverage, sfnt_info

_MIN_BOLD_WEIGHT = 600
"""A face lighter than this does not count as a real bold."""
_SERIF_WORDS = frozenset({"serif", "naskh", "mincho", "ming", "song"})
"""Words in a family's name that name a design with serifs (Naskh for Arabic, Mincho or Song for CJK)."""
_SANS_WORDS = frozenset({"sans", "gothic", "kufi", "grotesk"})
_PANOSE_LATIN_TEXT = 2
_PANOSE_SERIF_STYLES = range(2, 11)
"""PANOSE bSerifStyle values 2-10 are kinds of serif (cove, square, triangle, ...); 11-13 are sans."""
_PANOSE_SANS_STYLES = range(11, 14)


_STYLE_NAMES = {
    (False, False): "Regular",
    (True, False): "Bold",
    (False, True): "Italic",
    (True, True): "Bold Italic",
}


_FACE_PREFERENCE: dict[tuple[bool, bool], tuple[tuple[bool, bool], ...]] = {
    (False, False): ((False, False), (False, True), (True, False), (True, True)),
    (True, False): ((True, False), (False, False), (True, True), (False, True)),
    (False, True): ((False, True), (False, False), (True, True), (True, False)),
    (True, True): ((True, True), (True, False), (False, True), (False, False)),
}
"""For each requested (bold, italic) face, the real faces to use in order when it is missing."""


@dataclass(frozen=True, slots=True)
class FaceSource:
    """One real face of a family: the file it is cut from and its pinned position on the axes."""

    bold: bool
    italic: bool
    path: Path
    location: tuple[tuple[str, float], ...] = ()
    """Every axis of a variable file pinned to one value; empty for a static file."""

    @property
    def style(self) -> str:
        """The style name: "Regular", "Bold", "Italic" or "Bold Italic"."""
        return _STYLE_NAMES[(self.bold, self.italic)]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A font file considered for a family's faces, with the role it plays there."""

    path: Path
    italic: bool
    weight: int
    axes: tuple[Axis, ...]

    def weight_range(self) -> tuple[float, float]:
        axis = next((axis for axis in self.axes if axis.tag == "wght"), None)
        return (axis.minimum, axis.maximum) if axis else (self.weight, self.weight)

    def slants_by_axis(self) -> bool:
        """The upright file can be made italic on its own axes (`ital` or `slnt`)."""
        return any(
            (axis.tag == "ital" and axis.maximum >= 1) or (axis.tag == "slnt" and axis.minimum < 0)
            for axis in self.axes
        )


def as_candidate(path: Path, italic: bool | None = None, weight: int | None = None) -> Candidate:
    """The file at `path` as a face candidate; `italic`/`weight` override what its header says."""
    info = sfnt_info(path)
    return Candidate(
        path=path,
        italic=info.italic if italic is None else italic,
        weight=info.weight if weight is None else weight,
        axes=info.axes,
    )


def _location(candidate: Candidate, weight: float, slant_by_axis: bool) -> tuple[tuple[str, float], ...]:
    """Every axis of `candidate` pinned: `wght` to `weight`, slant as asked, the rest at default."""
    pins: dict[str, float] = {}
    slant_axis = ""
    if slant_by_axis:
        tags = {axis.tag for axis in candidate.axes}
        slant_axis = "ital" if "ital" in tags else "slnt"
    for axis in candidate.axes:
        if axis.tag == "wght":
            pins[axis.tag] = weight
        elif axis.tag == slant_axis == "ital":
            pins[axis.tag] = axis.maximum
        elif axis.tag == slant_axis == "slnt":
            pins[axis.tag] = axis.minimum
        else:
            pins[axis.tag] = axis.default
    return tuple(sorted(pins.items()))


def _pick_face(candidates: Sequence[Candidate], bold: bool, italic: bool) -> FaceSource | None:
    """The real face (bold, italic) among `candidates`, or None if the family has no such face."""
    target = BOLD_WEIGHT if bold else REGULAR_WEIGHT
    pool = [candidate for candidate in candidates if candidate.italic == italic]
    slant_by_axis = False
    if not pool and italic:
        pool = [candidate for candidate in candidates if not candidate.italic and candidate.slants_by_axis()]
        slant_by_axis = True
    best: tuple[tuple[float, bool, bool, float, int], Candidate, float] | None = None
    for order, candidate in enumerate(pool):
        low, high = candidate.weight_range()
        weight = min(max(float(target), low), high)
        # Nearest weight, then the file meant for this weight, then one needing no generation,
        # then the lighter one, then file order.
        score = (abs(weight - target), candidate.weight != target, bool(candidate.axes), weight, order)
        if best is None or score < best[0]:
            best = (score, candidate, weight)
    if best is None:
        return None
    _score, chosen, weight = best
    if bold and weight < _MIN_BOLD_WEIGHT:
        return None
    location = _location(chosen, weight, slant_by_axis) if chosen.axes else ()
    return FaceSource(bold=bold, italic=italic, path=chosen.path, location=location)


def faces_of(candidates: Sequence[Candidate]) -> tuple[FaceSource, ...]:
    """The distinct real faces of a family built from `candidates`."""
    faces: list[FaceSource] = []
    for bold, italic in _STYLE_NAMES:
        face = _pick_face(candidates, bold, italic)
        if face is not None and all((face.path, face.location) != (kept.path, kept.location) for kept in faces):
            faces.append(face)
    return tuple(faces)


@dataclass(frozen=True, slots=True)
class FontFamily:
    """A font family known by name; its static faces are made only when a writer asks for them."""

    name: str
    sources: tuple[Path, ...]
    """The font files the family is built from (variable or static TrueType, or CFF OpenType)."""
    faces: tuple[FaceSource, ...] = ()
    """The family's real faces; worked out from the files' headers when not given."""

    def __post_init__(self) -> None:
        if not self.faces and self.sources:
            object.__setattr__(self, "faces", faces_of([as_candidate(path) for path in self.sources]))

    def __hash__(self) -> int:
        # Equal families have equal names, so the name alone is a valid hash, and a cheap one: caches
        # are asked about a family for every run of text. Equality still compares every field.
        return hash(self.name)

    def face(self, bold: bool = False, italic: bool = False) -> FaceSource:
        """The real face closest to (bold, italic): no italic falls back to upright, bold to regular."""
        real = {(face.bold, face.italic): face for face in self.faces}
        for key in _FACE_PREFERENCE[(bold, italic)]:
            if key in real:
                return real[key]
        raise LookupError(f"font family {self.name!r} has no usable font file")

    def has_face(self, bold: bool = False, italic: bool = False) -> bool:
        """Whether the family has a real (designed, not substituted) face of that style."""
        return any(face.bold == bold and face.italic == italic for face in self.faces)

    def face_file(self, bold: bool = False, italic: bool = False) -> Path:
        """A static TrueType file of that face (or the closest real one); made and cached on first use."""
        return face_file(self.name, self.face(bold, italic))

    def covers(self, char: str) -> bool:
        """Whether the regular face's cmap maps `char` (one code point) to a glyph."""
        if len(char) != 1:
            raise ValueError(f"covers() takes one code point, got {char!r}")
        regular = self.faces[0] if self.faces and not (self.faces[0].bold or self.faces[0].italic) else self.face()
        return ord(char) in coverage(regular.path)

    @property
    def serif(self) -> bool | None:
        """Whether the family's design has serifs, as its fonts' PANOSE class or else its name says (None: neither)."""
        for source in self.sources:
            family_type, serif_style = sfnt_info(source).panose[:2]
            if family_type == _PANOSE_LATIN_TEXT and serif_style in _PANOSE_SERIF_STYLES:
                return True
            if family_type == _PANOSE_LATIN_TEXT and serif_style in _PANOSE_SANS_STYLES:
                return False
        words = set(self.name.casefold().split())
        if words & _SERIF_WORDS:
            return True
        if words & _SANS_WORDS:
            return False
        return None
