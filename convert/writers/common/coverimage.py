"""The cover as a PNG picture, drawn with Pillow: the one place Pillow is used, the same bytes every time.

Text is laid out with Pillow's basic layout engine, never Raqm, whose presence varies by machine and
would change the picture; Arabic letters are joined by arabic-reshaper and right-to-left lines put in
visual order by python-bidi first, as the PDF writer does for reportlab. The picture carries no
metadata chunks and no time.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from bidi import get_display
from PIL import Image, ImageDraw, ImageFont

from convert.fonts import FontFamily, split_runs
from convert.styles.types import Color, PageStyle, TextStyle
from convert.text.direction import has_right_to_left
from convert.text.phrases import ELLIPSIS
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


def cover_png(text: CoverText, look: CoverLook, page: PageStyle) -> bytes:
    """The cover picture: bands and rule in the accent colour, the title and lines centred between them."""
    faces = _Faces()
    scale = WIDTH / page.width  # pixels per point, so the picture's type matches the PDF's page
    room = WIDTH * (1 - 2 * _SIDE_MARGIN)
    title = _fitted(faces, shape(text.title), look.title, look.title.size * scale, room, scale)
    size = look.subtitle.size * scale
    wrapped = [line for item in text.lines for line in _wrapped(faces, shape(item), look.subtitle, size, room, 8)]
    lines = _Set(look.subtitle, size, look.subtitle.leading * scale, tuple(wrapped))
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
    """The title at the largest of TITLE_SIZES at which it takes at most TITLE_LINES lines; else cut short."""
    for factor in TITLE_SIZES:
        current = size * factor
        lines = _wrapped(faces, text, style, current, room, TITLE_LINES + 1)
        if len(lines) <= TITLE_LINES:
            break
    else:
        lines = [*lines[: TITLE_LINES - 1], _cut(faces, lines[TITLE_LINES - 1], style, current, room)]
    return _Set(style, current, style.leading * scale * factor, tuple(lines))


def _wrapped(faces: _Faces, text: str, style: TextStyle, size: float, room: float, most: int) -> list[str]:
    """`text` broken at spaces into lines `room` pixels wide (words too long broken anywhere); `most` lines at most."""
    lines: list[str] = []
    current = ""
    for token in _tokens(text):
        if faces.width((current + token).rstrip(), style, size) <= room:
            current += token
            continue
        if current:
            lines.append(current.rstrip())
            current = ""
        if len(lines) >= most:
            return lines
        if faces.width(token.rstrip(), style, size) <= room:
            current = token
            continue
        width = 0.0
        for char in token:  # a word wider than the line, or text without spaces: break between characters
            advance = faces.width(char, style, size)
            if width + advance > room and current.strip():
                lines.append(current.rstrip())
                if len(lines) >= most:
                    return lines
                current, width = "", 0.0
            current += char
            width += advance
    if current.strip():
        lines.append(current.rstrip())
    return lines[:most]


def _tokens(text: str) -> list[str]:
    """Words with their following space; a number stays with the word after it ("9 January") and a lone
    dash or other mark with the word before it, so that no line starts with one."""
    tokens: list[str] = []
    for word in re.findall(r"\S+\s*", text):
        if tokens and (tokens[-1].strip().isdigit() or not any(char.isalnum() for char in word)):
            tokens[-1] += word
        else:
            tokens.append(word)
    return tokens


def _cut(faces: _Faces, line: str, style: TextStyle, size: float, room: float) -> str:
    """`line` shortened until it fits with an ellipsis after it."""
    while line and faces.width(line + ELLIPSIS, style, size) > room:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS


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
