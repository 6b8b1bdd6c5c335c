"""PDF output through reportlab: typeset pages with embedded fonts for every script."""

from convert.writers.pdf.writer import PdfWriter

__all__ = ["PdfWriter"]
