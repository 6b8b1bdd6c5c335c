"""Readers by file suffix: each turns the bytes of one input file into the model."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path, PurePath

from convert.errors import InputError
from convert.model import Document, Publication, Section
from convert.model.jsonform import loads
from convert.readers.seed import read_seed

SUFFIXES = (".txt", ".json")
"""Input suffixes (matched in any case) that folders are searched for."""


def read_bytes(data: bytes, source: str, language: str | None = None) -> Document | Publication:
    """Read one input's bytes, choosing the reader by the suffix of `source`."""
    suffix = PurePath(source).suffix.lower()
    if suffix == ".json":
        return _with_language(loads(data, PurePath(source).name), language)
    if suffix == ".txt":
        return read_seed(data, source, language)
    raise InputError(f"unknown input type {suffix or '(no suffix)'}: expected .txt or .json", PurePath(source).name)


def read_file(path: Path, language: str | None = None) -> Document | Publication:
    """Read one input file from disk."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"cannot read: {error.strerror or error}", path.name) from None
    return read_bytes(data, str(path), language)


def _with_language(item: Document | Publication, language: str | None) -> Document | Publication:
    if language is None:
        return item
    if isinstance(item, Document):
        return _relabel(item, language)
    sections = tuple(
        Section(section.title, tuple(_relabel(doc, language) for doc in section.documents)) for section in item.sections
    )
    return replace(item, language=language, sections=sections)


def _relabel(document: Document, language: str) -> Document:
    return replace(document, metadata=replace(document.metadata, language=language))
