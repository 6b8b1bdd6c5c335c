"""The reportlab side of fonts: register each face file once as an embeddable TrueType font."""

from __future__ import annotations

import re
import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from convert.caches import memoised
from convert.fonts import FontFamily
from convert.writers.pdf.adapters import reportlab_adapter as internals
from convert.writers.pdf.speedups import remembered_width
from convert.writers.pdf.truetype import Font

_LOCK = threading.RLock()


@memoised(1024)  # asked for every run of text
def face_name(family: FontFamily, bold: bool = False, italic: bool = False) -> str:
    """The reportlab font name drawing `family` in that weight and slant, registered on first use.

    A family without a real bold or italic face answers with its closest real face, never a
    synthesised one. Only the faces asked for are made: a CJK face takes seconds to cut.
    """
    with _LOCK:
        return _register_file(family.face_file(bold, italic), family, bold, italic)


def missing_from(name: str, text: str) -> set[str]:
    """The characters of `text` (white space aside) that the registered face `name` has no glyph for.

    A family's bold or italic may cover less than its regular face (Amiri Bold lacks the Arabic
    mathematical letters its regular has), so each face is asked for itself.
    """
    mapping = pdfmetrics.getFont(name).face.charToGlyph
    return {char for char in set(text) if ord(char) not in mapping and not char.isspace()}


@memoised(1024)
def has_char(name: str, char: str) -> bool:
    """Whether the registered face `name` has a glyph for `char`."""
    return ord(char) in pdfmetrics.getFont(name).face.charToGlyph


def string_width(text: str, name: str, size: float) -> float:
    """Advance width of `text` in points, as reportlab measures it when it sets the line."""
    return float(remembered_width(text, name, size))


def _register_file(path: Path, family: FontFamily, bold: bool, italic: bool) -> str:
    """The name of the face file `path` in reportlab's font table, registered under our name for it.

    The table itself is the record: it keeps every font for the life of the process and ignores a
    second font under a name it has. A name is ours for `path` only when the font under it is one
    we registered from that file; a name another program took (or another file of ours holds) is
    passed over, so no name ever changes files and a program's own fonts never stand in for ours.
    """
    taken = set(pdfmetrics.getRegisteredFontNames())
    style = family.face(bold, italic).style.replace(" ", "")
    base = re.sub(r"[^A-Za-z0-9]", "", family.name) or "Font"
    name = f"{base}-{style}"
    suffix = 2
    while name in taken:  # ours already, or another's (two families of one name, a program's own font)
        font = pdfmetrics.getFont(name)
        if isinstance(font, Font) and getattr(font.face, "filename", None) == str(path):
            return name
        name = f"{base}{suffix}-{style}"
        suffix += 1
    internals.register_font(Font(name, str(path)))
    return name
