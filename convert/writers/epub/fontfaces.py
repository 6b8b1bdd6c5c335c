"""Which fonts the book names and embeds: the style's families, and the fallbacks its text needs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from convert.caches import Lru, memoised
from convert.fonts import FontFamily, families_to_try, family_for_char
from convert.styles.types import Style, TextStyle

FONT_FOLDER = "fonts"
FONT_MEDIA_TYPE = "font/ttf"
_STYLE_WORDS = {(False, False): "regular", (True, False): "bold", (False, True): "italic", (True, True): "bold-italic"}


@dataclass(frozen=True, slots=True)
class EmbeddedFace:
    """A font file packed into the book, and how the style sheet declares it."""

    family: str
    bold: bool
    italic: bool
    file_name: str
    """Path inside the package's content folder, such as "fonts/noto-serif-bold.ttf"."""
    path: Path
    chars: str = field(default="", repr=False)
    """The characters the book draws in this face, in code point order: what its subset keeps."""


FaceKey = tuple[str, bool, bool]
"""A family's name and one of its real faces: (name, bold, italic)."""


@dataclass(frozen=True, slots=True)
class FontPlan:
    """The family names each style's family is followed by, and the faces to embed."""

    stacks: dict[str, tuple[str, ...]]
    """Main family name → that family and the fallbacks the text needs, in the order to try them."""
    faces: tuple[EmbeddedFace, ...]
    families: dict[str, FontFamily] = field(default_factory=dict, repr=False, compare=False)
    """Every family a stack names, by name."""


def display_styles(style: Style) -> tuple[TextStyle, ...]:
    """The styles of titles, headings, dates and contents lines: short texts, often in another face."""
    return (
        style.title,
        style.date,
        style.section,
        style.heading1,
        style.heading2,
        style.heading3,
        style.toc1,
        style.toc2,
    )


def running_styles(style: Style) -> tuple[TextStyle, ...]:
    """The styles of the articles' running text (running heads and footers belong to paged formats)."""
    return (style.body, style.first, style.blockquote, style.quote)


def plan_fonts(style: Style, display_text: Iterable[str], running_text: Iterable[str]) -> FontPlan:
    """Fallbacks for the characters each style's family lacks; no faces yet (`with_faces` adds them).

    Each style is checked against the characters it can be drawn with: `display_text` for titles,
    headings, dates and the contents, `running_text` for the articles' paragraphs.
    """
    chars = {"display": _drawn(display_text), "running": _drawn(running_text)}
    uses = [(text_style, "display") for text_style in display_styles(style)]
    uses.extend((text_style, "running") for text_style in running_styles(style))
    chain = style.fallback_families
    stacks: dict[str, list[str]] = {}
    families: dict[str, FontFamily] = {}
    found: dict[tuple[str, str], list[FontFamily]] = {}  # styles share families and texts: look each pair up once
    for text_style, role in uses:
        family = text_style.family
        key = (family.name, role)
        if key not in found:
            found[key] = _fallbacks(family, chain, chars[role])
        stack = stacks.setdefault(family.name, [family.name])
        stack.extend(fallback.name for fallback in found[key] if fallback.name not in stack)
        families.setdefault(family.name, family)
        families.update((fallback.name, fallback) for fallback in found[key])
    ordered = {name: tuple(sorted(names[1:], key=_chain_order(chain))) for name, names in stacks.items()}
    plan_stacks = {name: (name, *rest) for name, rest in ordered.items()}
    return FontPlan(stacks=plan_stacks, faces=(), families=families)


def with_faces(plan: FontPlan, drawn: Mapping[FaceKey, Iterable[str]]) -> FontPlan:
    """`plan` with a face to embed for each real face that draws some characters, holding those."""
    faces: list[EmbeddedFace] = []
    slugs: dict[str, str] = {}
    for name, family in plan.families.items():  # in the order the stacks first name them
        for bold, italic in _STYLE_WORDS:
            chars = "".join(sorted(set(drawn.get((name, bold, italic), ()))))
            if not chars:
                continue
            slug = slugs.setdefault(name, _slug(name, set(slugs.values())))
            file_name = f"{FONT_FOLDER}/{slug}-{_STYLE_WORDS[(bold, italic)]}.ttf"
            faces.append(EmbeddedFace(name, bold, italic, file_name, family.face_file(bold, italic), chars))
    return replace(plan, faces=tuple(faces))


def _drawn(texts: Iterable[str]) -> list[str]:
    """The characters that need a glyph, in a fixed order."""
    return sorted(char for char in set("".join(texts)) if not attaches(char))


def _chain_order(chain: tuple[FontFamily, ...]) -> Callable[[str], int]:
    names = [family.name for family in chain]
    return lambda name: names.index(name) if name in names else len(names)


@memoised(8192)  # asked of the same few hundred characters for every article
def attaches(char: str) -> bool:
    """White space, marks and controls are drawn with the font of the text around them."""
    return char.isspace() or unicodedata.category(char)[0] in ("M", "C")


def _covers(family: FontFamily, char: str) -> bool:
    try:
        return family.covers(char)
    except (LookupError, OSError):  # a family without usable files covers nothing
        return False


_COVERED: Lru[FontFamily, set[str]] = Lru("convert.writers.epub.fontfaces._fallbacks", 256)
"""A family -> the characters it was found to have."""


def _fallbacks(family: FontFamily, chain: tuple[FontFamily, ...], chars: list[str]) -> list[FontFamily]:
    others = [fallback for fallback in chain if fallback.name != family.name]
    known = _COVERED.get(family)
    covered = known if known is not None else _COVERED.keep(family, set())
    needed: set[str] = set()
    for char in sorted(set(chars) - covered):  # most articles: no character not seen before
        if _covers(family, char):
            covered.add(char)
            continue
        # The one choice every format makes: the script's specialists of the family's design first.
        try:
            found = family_for_char(char, families_to_try(family, chain))
        except (LookupError, OSError):  # a family without usable files covers nothing
            found = next((fallback for fallback in others if _covers(fallback, char)), None)
        if found is not None:
            needed.add(found.name)
    return [fallback for fallback in others if fallback.name in needed]


def _slug(name: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "font"
    slug = base
    number = 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug
