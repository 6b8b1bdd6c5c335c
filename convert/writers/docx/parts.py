"""The smaller parts around the body: settings, theme, header, footer, page setup and content types."""

from __future__ import annotations

from lxml import etree

from convert.styles.types import PageStyle, Style
from convert.text.hyphenation import MOST_HYPHENS_IN_A_ROW
from convert.text.phrases import PAGE_WORDS
from convert.writers.docx.ooxml import CONTENT_TYPES_NS, R_ID, WORD_NSMAP, child, element, package_root, to_bytes, twips
from convert.writers.docx.runs import RunContext, append_text
from convert.writers.docx.slots import ScriptFonts
from convert.writers.docx.template import theme


def settings_part(style: Style) -> bytes:
    """word/settings.xml: hyphenation as the sheet asks, Word 2013+ layout, no field-update prompt."""
    root = element("settings", nsmap=WORD_NSMAP)
    child(root, "zoom", {"percent": "100"})
    child(root, "defaultTabStop", {"val": "720"})
    if style.body.hyphenate:  # the book rules, as far as Word has settings for them
        child(root, "autoHyphenation")
        child(root, "consecutiveHyphenLimit", {"val": str(MOST_HYPHENS_IN_A_ROW)})
        child(root, "doNotHyphenateCaps")
    child(root, "characterSpacingControl", {"val": "doNotCompress"})
    compat = child(root, "compat")
    for name, value in (("compatibilityMode", "15"), ("enableOpenTypeFeatures", "1")):
        child(compat, "compatSetting", {"name": name, "uri": "http://schemas.microsoft.com/office/word", "val": value})
    child(root, "decimalSymbol", {"val": "."})
    child(root, "listSeparator", {"val": ","})
    return to_bytes(root)


_DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


def theme_part(style: Style, fonts: ScriptFonts) -> bytes:
    """word/theme/theme1.xml: Word's Office theme with the sheet's families as its heading and body fonts,
    so that Word's "Headings" and "Body" font choices match the sheet."""
    root = theme()
    root.set("name", "convert")
    for scheme in root.iter(f"{{{_DRAWING_NS}}}fontScheme"):
        scheme.set("name", "convert")
        for tag, family in (("majorFont", style.heading_family), ("minorFont", style.body_family)):
            for font in scheme.iter(f"{{{_DRAWING_NS}}}{tag}"):
                for item in list(font):
                    local = etree.QName(item).localname
                    if local == "font":
                        font.remove(item)  # per-script Windows fonts: the styles name installed ones instead
                    elif local == "latin":
                        item.set("typeface", family.name)
                    elif local == "ea":
                        item.set("typeface", fonts.east_asian.name if fonts.east_asian else "")
                    elif local == "cs":
                        item.set("typeface", fonts.complex.name if fonts.complex else "")
    return to_bytes(root)


def _story_paragraph(root: etree._Element, style_id: str, rtl: bool) -> etree._Element:
    paragraph = child(root, "p")
    properties = child(paragraph, "pPr")
    child(properties, "pStyle", {"val": style_id})
    if rtl:
        child(properties, "bidi")
    return paragraph


def header_part(title: str, context: RunContext, rtl: bool) -> bytes:
    """word/header1.xml: the publication's title on every page."""
    root = element("hdr", nsmap=WORD_NSMAP)
    append_text(_story_paragraph(root, "Header", rtl), title, context)
    return to_bytes(root)


def footer_part(context: RunContext) -> bytes:
    """word/footer1.xml: "Page X of Y" with real PAGE and NUMPAGES fields that Word and LibreOffice update.

    Left to right whatever the publication's direction: its words are English.
    """
    root = element("ftr", nsmap=WORD_NSMAP)
    paragraph = _story_paragraph(root, "Footer", rtl=False)
    before, between = PAGE_WORDS
    append_text(paragraph, before, context)
    _field(paragraph, "PAGE")
    append_text(paragraph, between, context)
    _field(paragraph, "NUMPAGES")
    return to_bytes(root)


def _field(paragraph: etree._Element, instruction: str) -> None:
    """A simple field with a cached result of 1: both programs compute the real number when they lay out pages."""
    field = child(paragraph, "fldSimple", {"instr": f" {instruction} \\* MERGEFORMAT "})
    child(child(field, "r"), "t").text = "1"


def section_properties(
    page: PageStyle, header_id: str | None, footer_id: str, rtl: bool, first: str | None
) -> etree._Element:
    """A `w:sectPr`: paper, margins, header and footer, in the schema's order.

    With `first` (the footer part for the section's first page, or "" for none) that page is set
    apart (`titlePg`) without a header: it holds a title, a cover or a title page. A section
    without a `header_id` has no header on any page.
    """
    properties = element("sectPr")
    references = [("footerReference", "default", footer_id)]
    if header_id is not None:
        references.insert(0, ("headerReference", "default", header_id))
    if first:
        references.append(("footerReference", "first", first))
    for tag, kind, rid in references:
        reference = child(properties, tag, {"type": kind})
        reference.set(R_ID, rid)
    size = {"w": twips(page.width), "h": twips(page.height)}
    if page.width > page.height:
        size["orient"] = "landscape"
    child(properties, "pgSz", size)
    child(
        properties,
        "pgMar",
        {
            "top": twips(page.margin_top),
            "right": twips(page.margin_right),
            "bottom": twips(page.margin_bottom),
            "left": twips(page.margin_left),
            "header": twips(page.margin_top / 2),
            "footer": twips(page.margin_bottom / 2),
            "gutter": "0",
        },
    )
    if first is not None:
        child(properties, "titlePg")
    if rtl:
        child(properties, "bidi")
    return properties


def content_types_part(overrides: dict[str, str]) -> bytes:
    """[Content_Types].xml: defaults for .rels and .xml, and an override for every part that needs one."""
    root = package_root(CONTENT_TYPES_NS, "Types")
    for extension, media_type in (
        ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
        ("xml", "application/xml"),
    ):
        etree.SubElement(root, f"{{{CONTENT_TYPES_NS}}}Default", {"Extension": extension, "ContentType": media_type})
    for name, media_type in overrides.items():
        etree.SubElement(root, f"{{{CONTENT_TYPES_NS}}}Override", {"PartName": f"/{name}", "ContentType": media_type})
    return to_bytes(root)
