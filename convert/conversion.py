"""The work of one worker: read an input, render it in each format, write the files whole."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from convert.api import render
from convert.atomic import write_atomically
from convert.errors import ConvertError
from convert.manifest import WrittenOutput, sha256_of
from convert.model import Document, Publication, publication_of
from convert.readers import read_bytes
from convert.styles import Style, load_style


@dataclass(frozen=True, slots=True)
class Settings:
    """What every job of a run shares; small and picklable, so workers rebuild the style once each."""

    style: str
    overrides: tuple[str, ...]
    language: str | None


@dataclass(frozen=True, slots=True)
class Target:
    """One file to write: its format, its path, and its path relative to the output folder."""

    format: str
    path: Path
    relative: str


@dataclass(slots=True)
class Outcome:
    """What a job produced: written files, warnings, or the one-line reason it failed."""

    written: list[WrittenOutput] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


@cache
def style_for(settings: Settings) -> Style:
    """The run's style, resolved once per process."""
    return load_style(settings.style, settings.overrides)


def read_input(data: bytes, source: Path, settings: Settings) -> Document | Publication:
    """Read one input's bytes with the run's language."""
    return read_bytes(data, str(source), settings.language)


def convert_file(source: Path, data: bytes, targets: tuple[Target, ...], settings: Settings) -> Outcome:
    """Convert one input to every target; expected failures become the outcome's error."""
    outcome = Outcome()
    try:
        item = read_input(data, source, settings)
        publication = item if isinstance(item, Publication) else publication_of(item)
        for document in publication.documents:
            outcome.warnings.extend(document.metadata.warnings)
        write_targets(publication, targets, settings, outcome)
    except ConvertError as error:
        outcome.error = error.reason if error.line is None else f"line {error.line}: {error.reason}"
    except OSError as error:
        outcome.error = f"cannot write: {error.strerror or error}"
    return outcome


def write_targets(publication: Publication, targets: tuple[Target, ...], settings: Settings, outcome: Outcome) -> None:
    """Render and write each target in turn, recording each as it lands."""
    style = style_for(settings)
    for target in targets:
        data = render(publication, target.format, style, outcome.warnings)
        write_atomically(target.path, data)
        outcome.written.append(WrittenOutput(target.relative, target.format, len(data), sha256_of(data)))


def convert_publication(publication: Publication, targets: tuple[Target, ...], settings: Settings) -> Outcome:
    """Render a digest to its targets; expected failures become the outcome's error."""
    outcome = Outcome()
    try:
        write_targets(publication, targets, settings, outcome)
    except ConvertError as error:
        outcome.error = error.reason
    except OSError as error:
        outcome.error = f"cannot write: {error.strerror or error}"
    return outcome
