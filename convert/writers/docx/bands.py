"""The cover's accent bands and rule in the DOCX: rectangles anchored to the page, where the PDF paints them.

Word has no page background for one page, and a paragraph border is at most 12 points wide and
as wide as its paragraph, so each band and the rule is a DrawingML shape (`wps:wsp`, Word 2010
and later, LibreOffice) anchored to the page's top-left corner, behind the text and not
wrapping it.
"""

from __future__ import annotations

from lxml import etree

from convert.styles.types import Color, PageStyle
from convert.writers.common.cover import BOTTOM_BAND, TOP_BAND
from convert.writers.docx.ooxml import R, w

WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
_EMU_PER_POINT = 12700


def _wp(name: str) -> str:
    return f"{{{WP_NS}}}{name}"


def _a(name: str) -> str:
    return f"{{{A_NS}}}{name}"


def _wps(name: str) -> str:
    return f"{{{WPS_NS}}}{name}"


def band_runs(
    page: PageStyle, accent: Color, rule: tuple[float, float, float, float], first_id: int
) -> list[etree._Element]:
    """Runs holding the cover's top and bottom bands, full page width, and the rule under its title
    at `rule` (left, top, width, height in points); drawing ids from `first_id`."""
    top, bottom = page.height * TOP_BAND, page.height * BOTTOM_BAND
    return [
        _band((0.0, 0.0, page.width, top), accent, first_id, "Cover band, top"),
        _band((0.0, page.height - bottom, page.width, bottom), accent, first_id + 1, "Cover band, bottom"),
        _band(rule, accent, first_id + 2, "Cover rule"),
    ]


def _band(box: tuple[float, float, float, float], accent: Color, identifier: int, name: str) -> etree._Element:
    left, offset, width, height = (round(value * _EMU_PER_POINT) for value in box)
    run = etree.Element(R)
    anchor = etree.SubElement(
        etree.SubElement(run, w("drawing")),
        _wp("anchor"),
        {
            "distT": "0",
            "distB": "0",
            "distL": "0",
            "distR": "0",
            "simplePos": "0",
            "relativeHeight": str(identifier),
            "behindDoc": "1",
            "locked": "1",
            "layoutInCell": "1",
            "allowOverlap": "1",
        },
        nsmap={"wp": WP_NS},
    )
    etree.SubElement(anchor, _wp("simplePos"), {"x": "0", "y": "0"})
    for axis, position in (("positionH", left), ("positionV", offset)):
        placed = etree.SubElement(anchor, _wp(axis), {"relativeFrom": "page"})
        etree.SubElement(placed, _wp("posOffset")).text = str(position)
    etree.SubElement(anchor, _wp("extent"), {"cx": str(width), "cy": str(height)})
    etree.SubElement(anchor, _wp("effectExtent"), {"l": "0", "t": "0", "r": "0", "b": "0"})
    etree.SubElement(anchor, _wp("wrapNone"))
    etree.SubElement(anchor, _wp("docPr"), {"id": str(identifier), "name": name, "descr": ""})
    etree.SubElement(anchor, _wp("cNvGraphicFramePr"))
    graphic = etree.SubElement(anchor, _a("graphic"), nsmap={"a": A_NS})
    data = etree.SubElement(graphic, _a("graphicData"), {"uri": WPS_NS})
    shape = etree.SubElement(data, _wps("wsp"), nsmap={"wps": WPS_NS})
    etree.SubElement(shape, _wps("cNvSpPr"))
    properties = etree.SubElement(shape, _wps("spPr"))
    frame = etree.SubElement(properties, _a("xfrm"))
    etree.SubElement(frame, _a("off"), {"x": "0", "y": "0"})
    etree.SubElement(frame, _a("ext"), {"cx": str(width), "cy": str(height)})
    etree.SubElement(etree.SubElement(properties, _a("prstGeom"), {"prst": "rect"}), _a("avLst"))
    etree.SubElement(
        etree.SubElement(properties, _a("solidFill")), _a("srgbClr"), {"val": accent.hex.lstrip("#").upper()}
    )
    etree.SubElement(etree.SubElement(properties, _a("ln")), _a("noFill"))
    etree.SubElement(shape, _wps("bodyPr"))
    return run
