"""The cover as a PNG picture, drawn with Pillow: the one place Pillow is used, the same bytes every time.

Text is laid out with Pillow's basic layout engine, never Raqm, whose presence varies by machine and
would change the picture; Arabic letters are joined by arabic-reshaper and right-to-left lines put in
visual order by python-bidi first, as the PDF writer does for reportlab. The picture carries no
metadata chunks and no time.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from bidi import get_display
from PIL import Image, ImageDraw, ImageFont

from convert.fonts import FontFamily, split_runs
from convert.styles.types import Color, PageStyle, TextStyle
from convert.text.direction import has_right_to_left
from convert.writers.common.cover import (
    BOTTOM_BAND,
    PAPER,
    RULE_THICKNESS,
    RULE_WIDTH,
    TITLE_LINES,
    TITLE_SIZES,
    TITLE_TOP,
    TOP_BAND,
    CoverLook,
    CoverText,
)
from convert.writers.common.shaping import shape
from convert.writers.common.titlelines import Measure, fitted_title, sense_lines

WIDTH = 1600
HEIGHT = 2400
"""Pixels: a 2:3 portrait picture, large enough for the reading systems' cover views."""
MEDIA_TYPE = "image/png"
_SIDE_MARGIN = 0.1
"""Blank room left and right of the text, as a fraction of the width."""

Font = ImageFont.FreeTypeFont


@dataclass(frozen=True, slots=True)
class _Set:
    """Lines of one text style at one size in pixels, ready to draw."""

    style: TextStyle
    size: float
    leading: float
    lines: tuple[str, ...]


class _Faces:
    """Pillow fonts by family, face and size, opened once per picture."""

    def __init__(self) -> None:
        self._fonts: dict[tuple[str, bool, bool, float], Font] = {}

    def font(self, family: FontFamily, style: TextStyle, size: float) -> Font:
        key = (family.name, style.bold, style.italic, size)
        found = self._fonts.get(key)
        if found is None:
            path = family.face_file(style.bold, style.italic)
            found = ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)
            self._fonts[key] = found
        return found

    def runs(self, text: str, style: TextStyle, size: float) -> list[tuple[Font, str]]:
        """`text` in runs of one font each; what no font has is drawn (as boxes) in the style's own."""
        return [
            (self.font(family or style.family, style, size), part) for family, part in split_runs(text, [style.family])
        ]

    def width(self, text: str, style: TextStyle, size: float) -> float:
        return sum(font.getlength(part) for font, part in self.runs(text, style, size))

    def measure(self, style: TextStyle, size: float) -> Measure:
        """How wide a line is in pixels, in `style` at `size`."""
        return lambda text: self.width(text, style, size)


def cover_png(text: CoverText, look: CoverLook, page: PageStyle) -> bytes:
    """The cover picture: bands and rule in the accent colour, the title and lines centred between them."""
    faces = _Faces()
    scale = WIDTH / page.width  # pixels per point, so the picture's type matches the PDF's page
    room = WIDTH * (1 - 2 * _SIDE_MARGIN)
    title = _fitted(faces, shape(text.title), look.title, look.title.size * scale, room, scale)
    size = look.subtitle.size * scale
    below = [line for item in text.lines for line in sense_lines(shape(item), faces.measure(look.subtitle, size), room)]
    lines = _Set(look.subtitle, size, look.subtitle.leading * scale, tuple(below))
    image = Image.new("RGB", (WIDTH, HEIGHT), _rgb(PAPER))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH - 1, round(HEIGHT * TOP_BAND) - 1), fill=_rgb(look.accent))
    draw.rectangle((0, HEIGHT - round(HEIGHT * BOTTOM_BAND), WIDTH - 1, HEIGHT - 1), fill=_rgb(look.accent))
    top = HEIGHT * TITLE_TOP
    bottom = _draw_lines(draw, faces, title, top)
    rule_top = bottom + look.title.space_after * scale
    rule_left = round(WIDTH * (1 - RULE_WIDTH) / 2)
    rule_height = max(2, round(HEIGHT * RULE_THICKNESS))
    rule = (rule_left, round(rule_top), WIDTH - rule_left - 1, round(rule_top) + rule_height - 1)
    draw.rectangle(rule, fill=_rgb(look.accent))
    _draw_lines(draw, faces, lines, rule_top + rule_height + look.title.space_after * scale)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=False, compress_level=9)
    return buffer.getvalue()


def _fitted(faces: _Faces, text: str, style: TextStyle, size: float, room: float, scale: float) -> _Set:
    """The title broken and sized as every format's cover sets it (`titlelines.fitted_title`)."""
    fitted = fitted_title(text, lambda factor: faces.measure(style, size * factor), room, TITLE_SIZES, TITLE_LINES)
    factor = fitted.factor
    return _Set(style, size * factor, style.leading * scale * factor, fitted.lines)


def _draw_lines(draw: ImageDraw.ImageDraw, faces: _Faces, lines: _Set, top: float) -> float:
    """Each line centred, the first one's baseline below `top` by its ascent; returns where the last line ends."""
    baseline = top + lines.size * 0.8
    for line in lines.lines:
        visual = get_display(line) if has_right_to_left(line) else line
        runs = faces.runs(visual, lines.style, lines.size)
        x = (WIDTH - sum(font.getlength(part) for font, part in runs)) / 2
        for font, part in runs:
            draw.text((x, baseline), part, font=font, fill=_rgb(lines.style.color), anchor="ls")
            x += font.getlength(part)
        baseline += lines.leading
    return baseline - lines.leading + lines.size * 0.25


def _rgb(color: Color) -> tuple[int, int, int]:
    return (color.red, color.green, color.blue)
