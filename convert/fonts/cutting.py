"""Static TrueType faces cut from variable or CFF fonts and cached on disk by content: reportlab embeds only those."""

from __future__ import annotations

import importlib
import io
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from convert.entrypoints import versions
from convert.fonts.cache import cache_dir, cached_face, content_digest, keep_face
from convert.fonts.sfnt import SfntInfo, sfnt_info

if TYPE_CHECKING:
    from convert.fonts.families import FaceSource


LOGIC_VERSION = 1
"""Version of the face-generation logic; part of every cache key: bump it when output changes."""


_REPLACED_NAME_IDS = frozenset({1, 2, 3, 4, 6, 16, 17, 18, 21, 22, 25})
"""Name records rewritten in a generated face (family, style, unique, full, PostScript names)."""


def _postscript_name(family: str, style: str) -> str:
    """A valid PostScript name such as "NotoSansSC-BoldItalic"."""
    base = re.sub(r"[^A-Za-z0-9]", "", family)[:40] or "Font"
    return f"{base}-{style.replace(' ', '')}"


def face_file(family: str, face: FaceSource) -> Path:
    """The static TrueType file of `face`: the source when it already is one, else a cached cut."""
    info = sfnt_info(face.path)
    if not face.location and info.outlines == "glyf" and not info.collection and not info.axes:
        return face.path
    import hashlib
    import logging

    size, digest = content_digest(face.path)
    # fontTools is in the key: another version cuts other bytes (bold instances, for one).
    cutter = versions().get("fonttools", "")
    key_text = json.dumps([LOGIC_VERSION, cutter, family, face.style, face.path.name, size, digest, face.location])
    key = hashlib.sha256(key_text.encode("utf-8")).hexdigest()[:20]
    name = f"{_postscript_name(family, face.style)}-{key}.ttf"
    found = cached_face(name)
    if found is not None:
        return found
    logging.getLogger(__name__).info("making the %s %s face (once per machine) in %s", family, face.style, cache_dir())
    font = _build_face(family, face, info)
    made = io.BytesIO()
    font.save(made)
    return keep_face(name, made.getvalue())


def _fonttools(module: str) -> Any:
    """A fontTools module, imported only when a face is generated (fontTools has no type hints)."""
    return importlib.import_module(f"fontTools.{module}")


def _build_face(family: str, face: FaceSource, info: SfntInfo) -> Any:
    """The fontTools font of `face`: instanced, converted to TrueType outlines and renamed."""
    tt_lib = _fonttools("ttLib")
    font = tt_lib.TTFont(
        str(face.path),
        fontNumber=0 if info.collection else -1,
        recalcTimestamp=False,  # keep head.created/modified of the source: same input, same bytes
        lazy=False,
    )
    if face.location:
        instancer = _fonttools("varLib.instancer")
        # Every axis the location leaves out is pinned at its default (None), so the face is fully
        # static: what newer fontTools's `static=True` does, spelt so that older fontTools do it too.
        limits: dict[str, float | None] = dict(face.location)
        for axis in font["fvar"].axes:
            limits.setdefault(axis.axisTag, None)
        font = instancer.instantiateVariableFont(font, limits, inplace=True)
    if "CFF " in font or "CFF2" in font:
        _cff_to_glyf(font)
    for tag in ("DSIG", "STAT"):  # the signature no longer matches; STAT describes gone axes
        if tag in font:
            del font[tag]
    _rename(font, family, face)
    return font


def _cff_to_glyf(font: Any) -> None:
    """Replace CFF/CFF2 outlines with quadratic TrueType ones (the fontTools otf2ttf recipe)."""
    tt_lib = _fonttools("ttLib")
    tt_glyph_pen = _fonttools("pens.ttGlyphPen").TTGlyphPen
    cu2qu_pen = _fonttools("pens.cu2quPen").Cu2QuPen
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs: dict[str, Any] = {}
    for glyph_name in order:
        pen = tt_glyph_pen(None)
        glyph_set[glyph_name].draw(cu2qu_pen(pen, max_err=1.0, reverse_direction=True))
        glyphs[glyph_name] = pen.glyph()
    glyf = tt_lib.newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    font["loca"] = tt_lib.newTable("loca")
    font["glyf"] = glyf
    for tag in ("CFF ", "CFF2", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)  # computes the glyphs' bounds
    metrics = font["hmtx"].metrics
    for glyph_name, glyph in glyphs.items():
        if hasattr(glyph, "xMin"):
            metrics[glyph_name] = (metrics[glyph_name][0], glyph.xMin)
    maxp = tt_lib.newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attribute in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
        "maxPoints",
        "maxContours",
        "maxCompositePoints",
        "maxCompositeContours",
        "maxComponentDepth",
    ):
        setattr(maxp, attribute, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(order)
    font["maxp"] = maxp  # the counts are recalculated when the font is saved
    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller, and PDF embedding does not use them
    font.sfntVersion = "\x00\x01\x00\x00"


def _rename(font: Any, family: str, face: FaceSource) -> None:
    """Give the face R/I/B/BI names and style bits, so PDF, EPUB and DOCX readers tell faces apart."""
    style = face.style
    postscript = _postscript_name(family, style)
    table = font["name"]
    table.names = [record for record in table.names if record.nameID not in _REPLACED_NAME_IDS]
    for name_id, value in (
        (1, family),
        (2, style),
        (3, f"{postscript};convert-fonts-{LOGIC_VERSION}"),
        (4, f"{family} {style}"),
        (6, postscript),
    ):
        table.setName(value, name_id, 3, 1, 0x409)
    weight = dict(face.location).get("wght")
    os2 = font["OS/2"]
    if weight is not None:
        os2.usWeightClass = round(weight)
    selection = os2.fsSelection & ~0b1100001
    selection |= (0x01 if face.italic else 0) | (0x20 if face.bold else 0)
    selection |= 0x40 if not (face.bold or face.italic) else 0
    os2.fsSelection = selection
    font["head"].macStyle = (font["head"].macStyle & ~0b11) | (0x01 if face.bold else 0) | (0x02 if face.italic else 0)
    slant = dict(face.location).get("slnt")
    if face.italic and slant is not None and "post" in font and font["post"].italicAngle == 0:
        font["post"].italicAngle = slant
