"""EPUB 3 output that passes EPUBCheck and DAISY Ace, styled by the same sheet as every format."""

from __future__ import annotations

from convert.writers.epub.writer import EpubWriter

__all__ = ["EpubWriter"]
