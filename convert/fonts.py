"""Font families from installed font packages, shared by the PDF, EPUB and DOCX writers."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class FontFamily:
    """A font family known by name; its static faces are made only when a writer asks."""

    name: str
    sources: tuple[Path, ...]
    """The font files the family is built from (variable or static TrueType)."""


def family_names() -> tuple[str, ...]:
    """Names of every family that `find_family` accepts."""
    return ("Noto Serif", "Noto Sans")


def find_family(name: str) -> FontFamily:
    """The family called `name` (case-insensitive); LookupError names the known ones."""
    for known in family_names():
        if known.casefold() == name.casefold():
            return FontFamily(name=known, sources=())
    raise LookupError(f"unknown font family {name!r}; known: {', '.join(family_names())}")


def fallback_families() -> tuple[FontFamily, ...]:
    """Per-script fallback chain (placeholder until the font layer lands)."""
    return ()


def family_from_files(
    name: str, regular: Path, bold: Path | None = None, italic: Path | None = None, bold_italic: Path | None = None
) -> FontFamily:
    """A family from TrueType files named in a style sheet."""
    return FontFamily(name=name, sources=tuple(p for p in (regular, bold, italic, bold_italic) if p is not None))
