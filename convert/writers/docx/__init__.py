"""Word (DOCX) output: the sheet's looks as named Word styles, valid OOXML, the same bytes for the same input."""

from __future__ import annotations

from convert.writers.docx.writer import DocxWriter

__all__ = ["DocxWriter"]
