"""The resolved style sheet as named Word styles, so that restyling Title or Heading 1 in Word restyles them all.

Each sheet style becomes one Word style (built-in names where Word has one, so its gallery and
navigation know them). A style states only what differs from the style it is based on, as Word's
own styles do, so that changing Normal in Word carries through to everything built on it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import cast

from lxml import etree

from convert.caches import memoised
from convert.fonts import FontFamily
from convert.styles.types import Style, TextStyle
from convert.writers.common.contents import entry_indents, entry_style
from convert.writers.common.cover import RULE_THICKNESS, cover_look
from convert.writers.docx.ooxml import WORD_NSMAP, child, element, half_points, hex_color, to_bytes, twips, w
from convert.writers.docx.slots import ScriptFonts, is_complex_language, is_east_asian_language, script_fonts
from convert.writers.docx.template import builtin_style, latent_styles

NORMAL = "Normal"
BODY = "BodyText"
FIRST = "FirstParagraph"
TITLE = "Title"
SUBTITLE = "Subtitle"
HEADINGS = ("Heading1", "Heading2", "Heading3")
QUOTE = "Quote"
SECTION = "SectionTitle"
CONTENTS_HEADING = "TOCHeading"
CONTENTS = ("TOC1", "TOC2")
HEADER = "Header"
FOOTER = "Footer"
LIST = "ListParagraph"
SCENE_BREAK = "SceneBreak"
HYPERLINK = "Hyperlink"
STRONG = "Strong"
EMPHASIS = "Emphasis"
INLINE_QUOTE = "InlineQuote"
COVER_TITLE = "CoverTitle"
COVER_SUBTITLE = "CoverSubtitle"
_COVER_ROLES = ("cover_title", "cover_subtitle")
_DEFAULT_FONT = "DefaultParagraphFont"


@dataclass(frozen=True, slots=True)
class WordStyle:
    """One Word style and the sheet style that gives its look."""

    style_id: str
    name: str
    """Word's own name for built-in styles (lower case where Word spells them so), else ours."""
    role: str | None
    """The sheet's text style (an attribute of Style), or None for a look of our own."""
    based_on: str | None
    next_style: str | None = None
    character: bool = False
    priority: int = 99
    quick: bool = False
    """Shown in Word's quick style gallery."""
    custom: bool = False
    """Ours rather than one of Word's built-in styles."""


PARAGRAPH_STYLES = (
    WordStyle(NORMAL, "Normal", "body", None, quick=True, priority=0),
    WordStyle(BODY, "Body Text", "body", NORMAL, BODY),
    WordStyle(FIRST, "First Paragraph", "first", BODY, BODY, quick=True, custom=True),
    WordStyle(TITLE, "Title", "title", NORMAL, SUBTITLE, quick=True, priority=10),
    WordStyle(SUBTITLE, "Subtitle", "date", NORMAL, FIRST, quick=True, priority=11),
    WordStyle(HEADINGS[0], "heading 1", "heading1", NORMAL, BODY, quick=True, priority=9),
    WordStyle(HEADINGS[1], "heading 2", "heading2", NORMAL, BODY, quick=True, priority=9),
    WordStyle(HEADINGS[2], "heading 3", "heading3", NORMAL, BODY, quick=True, priority=9),
    WordStyle(QUOTE, "Quote", "blockquote", BODY, BODY, quick=True, priority=29),
    WordStyle(SECTION, "Section Title", "section", NORMAL, TITLE, quick=True, custom=True),
    WordStyle(CONTENTS_HEADING, "TOC Heading", "section", NORMAL, CONTENTS[0], priority=39),
    WordStyle(CONTENTS[0], "toc 1", "toc1", NORMAL, NORMAL, priority=39),
    WordStyle(CONTENTS[1], "toc 2", "toc2", NORMAL, NORMAL, priority=39),
    WordStyle(HEADER, "header", "header", NORMAL),
    WordStyle(FOOTER, "footer", "footer", NORMAL),
    WordStyle(LIST, "List Paragraph", "body", BODY, priority=34, quick=True),
    WordStyle(SCENE_BREAK, "Scene Break", None, NORMAL, FIRST, custom=True),
    WordStyle(COVER_TITLE, "Cover Title", "cover_title", TITLE, COVER_SUBTITLE, custom=True),
    WordStyle(COVER_SUBTITLE, "Cover Subtitle", "cover_subtitle", SUBTITLE, COVER_SUBTITLE, custom=True),
)
CHARACTER_STYLES = (
    WordStyle(HYPERLINK, "Hyperlink", None, _DEFAULT_FONT, character=True),
    WordStyle(STRONG, "Strong", None, _DEFAULT_FONT, character=True, quick=True, priority=22),
    WordStyle(EMPHASIS, "Emphasis", None, _DEFAULT_FONT, character=True, quick=True, priority=20),
    WordStyle(INLINE_QUOTE, "Inline Quote", "quote", _DEFAULT_FONT, character=True, quick=True, custom=True),
)
_TEMPLATE_DEFAULTS = (_DEFAULT_FONT, "TableNormal", "NoList")
_OUTLINE_LEVELS = {HEADINGS[0]: "0", HEADINGS[1]: "1", HEADINGS[2]: "2"}
_JUSTIFICATION = {"left": "left", "right": "right", "center": "center", "justify": "both"}

Properties = dict[str, object]


def role_style(style: Style, role: str) -> TextStyle:
    """The sheet's text style for a Word style's role: one of the sheet's own, or the cover's made from them.

    The cover title starts as far down the page as the other formats' cover titles do.
    """
    if role in _COVER_ROLES:
        look = cover_look(style)
        if role == "cover_subtitle":
            return look.subtitle
        # The rule under the title is a shape (docx/bands.py): the space after the title holds it,
        # with the same space below it as above, as the PDF sets them.
        rule = style.page.height * RULE_THICKNESS
        return replace(look.title, space_before=look.title_offset, space_after=2 * look.title.space_after + rule)
    text_style: TextStyle = getattr(style, role)
    return text_style


def paragraph_look(style: TextStyle) -> Properties:
    """What a paragraph style sets, as flat comparable values."""
    return {
        "keep_next": style.keep_with_next,
        "hyphenate": style.hyphenate,
        "spacing": (twips(style.space_before), twips(style.space_after), twips(style.leading)),
        "indent": (twips(style.left_indent), twips(style.right_indent), round(style.first_line_indent * 20)),
        "jc": _JUSTIFICATION[style.align],
        **character_look(style),
    }


def character_look(style: TextStyle) -> Properties:
    """What a character style may set: the sheet's inline quote uses only these."""
    return {
        "font": style.family.name,
        "bold": style.bold,
        "italic": style.italic,
        "color": hex_color(style.color),
        "size": half_points(style.size),
    }


def justification(align: str) -> str:
    """The w:jc value of a sheet alignment."""
    return _JUSTIFICATION[align]


def _changed(look: Properties, parent: Properties | None) -> Properties:
    if parent is None:
        return {key: value for key, value in look.items() if value not in (False, None) or key == "hyphenate"}
    return {key: value for key, value in look.items() if parent.get(key) != value}


def _toggle(parent: etree._Element, tag: str, on: bool) -> None:
    child(parent, tag) if on else child(parent, tag, {"val": "0"})


def _paragraph_properties(changes: Properties, style_id: str) -> etree._Element | None:
    ppr = element("pPr")
    if "keep_next" in changes:
        _toggle(ppr, "keepNext", bool(changes["keep_next"]))
    if "leader_tab" in changes:  # a contents entry's page number, at the right after dots
        tab = child(ppr, "tabs")
        child(tab, "tab", {"val": "right", "leader": "dot", "pos": str(changes["leader_tab"])})
    if "hyphenate" in changes and (changes["hyphenate"] is False or style_id != NORMAL):
        _toggle(ppr, "suppressAutoHyphens", not changes["hyphenate"])
    if "spacing" in changes:
        before, after, line = cast(tuple[str, str, str], changes["spacing"])
        # Exactly the sheet's leading, as the PDF sets it: "at least" lets the tall ascent and descent
        # of an Arabic font open its lines to twice the distance.
        child(ppr, "spacing", {"before": before, "after": after, "line": line, "lineRule": "exact"})
    if "indent" in changes:
        left, right, first = cast(tuple[str, str, int], changes["indent"])
        first_key, amount = ("firstLine", first) if first >= 0 else ("hanging", -first)
        child(ppr, "ind", {"left": left, "right": right, first_key: str(amount)})
    if "jc" in changes:
        child(ppr, "jc", {"val": str(changes["jc"])})
    if style_id in _OUTLINE_LEVELS:
        child(ppr, "outlineLvl", {"val": _OUTLINE_LEVELS[style_id]})
    return ppr if len(ppr) else None


def _run_properties(changes: Properties, all_slots: ScriptFonts | None = None) -> etree._Element | None:
    rpr = element("rPr")
    if "font" in changes or all_slots is not None:
        fonts = {"ascii": str(changes["font"]), "hAnsi": str(changes["font"])} if "font" in changes else {}
        if all_slots is not None:
            if all_slots.east_asian is not None:
                fonts["eastAsia"] = all_slots.east_asian.name
            if all_slots.complex is not None:
                fonts["cs"] = all_slots.complex.name
        if fonts:
            child(rpr, "rFonts", fonts)
    # Italic is w:i alone, never w:iCs: Arabic and Hebrew have no italic, and Word and LibreOffice
    # would slant them; the PDF draws them upright (their fonts have no italic face).
    for key, tags in (("bold", ("b", "bCs")), ("italic", ("i",))):
        if key in changes:
            for tag in tags:
                _toggle(rpr, tag, bool(changes[key]))
    if "color" in changes:
        child(rpr, "color", {"val": str(changes["color"])})
    if "size" in changes:
        child(rpr, "sz", {"val": str(changes["size"])})
        child(rpr, "szCs", {"val": str(changes["size"])})
    return rpr if len(rpr) else None


def _scene_break(body: TextStyle, page_width: float) -> etree._Element:
    """A short centred rule: an empty paragraph with a bottom border, inset from both sides."""
    ppr = element("pPr")
    borders = child(ppr, "pBdr")
    child(borders, "bottom", {"val": "single", "sz": "6", "space": "1", "color": hex_color(body.color)})
    child(ppr, "spacing", {"before": twips(body.size), "after": twips(body.size * 1.5)})
    inset = twips(page_width * 0.4)
    child(ppr, "ind", {"left": inset, "right": inset})
    child(ppr, "jc", {"val": "center"})
    return ppr


def _shell(spec: WordStyle) -> etree._Element:
    node = builtin_style(spec.style_id)
    if node is None:
        node = element("style")
        child(node, "name", {"val": spec.name})
        child(node, "uiPriority", {"val": str(spec.priority)})
        if spec.quick:
            child(node, "qFormat")
        else:
            child(node, "unhideWhenUsed")
    if spec.custom:
        node.set(w("customStyle"), "1")
    node.set(w("type"), "character" if spec.character else "paragraph")
    node.set(w("styleId"), spec.style_id)
    if spec.style_id == NORMAL:
        node.set(w("default"), "1")
    anchor = node.find(w("aliases"))
    if anchor is None:
        anchor = node.find(w("name"))
    assert anchor is not None  # every shell starts with its name
    for tag, value in (("basedOn", spec.based_on), ("next", spec.next_style)):
        if value is not None:
            link = element(tag, {"val": value})
            anchor.addnext(link)
            anchor = link
    return node


def _contents_look(look: Properties, text_style: TextStyle, text_width: float) -> Properties:
    """A contents entry's look: the hanging indent every format gives it, and a right tab with dot
    leaders where the page number ends, at the text's right edge.

    The title's lines are not stopped short of the number column by a right indent, as the PDF's
    are: Word would still set the number beyond it, but LibreOffice (7.4, in Word 2013 mode) drops
    whatever follows a tab past the right indent, and the number would vanish.
    """
    indents = entry_indents(text_style)
    return {
        **look,
        "indent": (twips(indents.left), twips(text_style.right_indent), -round(indents.hanging * 20)),
        "leader_tab": twips(text_width - text_style.right_indent),
    }


def _style_elements(style: Style, fonts: ScriptFonts) -> Iterator[etree._Element]:
    looks = {spec.style_id: paragraph_look(role_style(style, spec.role)) for spec in PARAGRAPH_STYLES if spec.role}
    text_width = style.page.width - style.page.margin_left - style.page.margin_right
    for level, style_id in enumerate(CONTENTS):
        looks[style_id] = _contents_look(looks[style_id], entry_style(style, level), text_width)
    for spec in PARAGRAPH_STYLES:
        node = _shell(spec)
        if spec.role is None:
            node.append(_scene_break(style.body, text_width))
            yield node
            continue
        look = looks[spec.style_id]
        if spec.style_id == LIST:
            look = {**look, "indent": (twips(0), twips(0), 0)}
        changes = _changed(look, looks[spec.based_on] if spec.based_on else None)
        paragraph = _paragraph_properties(changes, spec.style_id)
        for part in (paragraph, _run_properties(changes, fonts if spec.style_id == NORMAL else None)):
            if part is not None:
                node.append(part)
        yield node
    body_look = character_look(style.body)
    for spec in CHARACTER_STYLES:
        node = _shell(spec)
        rpr = element("rPr")
        if spec.style_id == HYPERLINK:
            child(rpr, "u", {"val": "single"})
        elif spec.style_id in (STRONG, EMPHASIS):
            for tag in ("b", "bCs") if spec.style_id == STRONG else ("i",):
                child(rpr, tag)
        elif spec.role is not None:
            look = character_look(role_style(style, spec.role))
            look.pop("size")
            own = _run_properties(_changed(look, body_look))
            rpr = element("rPr") if own is None else own
        if len(rpr):
            node.append(rpr)
        yield node


def language_element(language: str, east_asian: str | None = None, bidi: str | None = None) -> etree._Element:
    """`w:lang` for text in `language`, its East Asian and bidi slots filled with `language` where it
    is one of those kinds, else with `east_asian` and `bidi`."""
    attributes = {"val": language}
    east_asian = language if is_east_asian_language(language) else east_asian
    bidi = language if is_complex_language(language) else bidi
    if east_asian:
        attributes["eastAsia"] = east_asian
    if bidi:
        attributes["bidi"] = bidi
    return element("lang", attributes)


@memoised(64)
def styles_part(style: Style, language: str, east_asian: str | None = None, bidi: str | None = None) -> bytes:
    """The bytes of word/styles.xml for a sheet and a document language; the defaults' East Asian
    and complex-script slots say `east_asian` and `bidi` when the language is not of that kind."""
    fonts = script_fonts(style, language)
    root = element("styles", nsmap=WORD_NSMAP)
    defaults = child(root, "docDefaults")
    run_defaults = child(child(defaults, "rPrDefault"), "rPr")
    slots = {"ascii": style.body_family.name, "hAnsi": style.body_family.name}
    if fonts.east_asian is not None:
        slots["eastAsia"] = fonts.east_asian.name
    if fonts.complex is not None:
        slots["cs"] = fonts.complex.name
    child(run_defaults, "rFonts", slots)
    child(run_defaults, "sz", {"val": half_points(style.body.size)})
    child(run_defaults, "szCs", {"val": half_points(style.body.size)})
    if language:
        run_defaults.append(language_element(language, east_asian, bidi))
    paragraph_defaults = child(child(defaults, "pPrDefault"), "pPr")
    child(paragraph_defaults, "widowControl")
    root.append(latent_styles())
    for style_id in _TEMPLATE_DEFAULTS:
        found = builtin_style(style_id)
        if found is not None:
            root.append(found)
    root.extend(_style_elements(style, fonts))
    return to_bytes(root)


def used_fonts(style: Style, language: str) -> tuple[FontFamily, ...]:
    """Every family the styles part refers to, in a stable order, for the font table."""
    fonts = script_fonts(style, language)
    families = [role_style(style, spec.role).family for spec in (*PARAGRAPH_STYLES, *CHARACTER_STYLES) if spec.role]
    families.extend(family for family in (fonts.east_asian, fonts.complex) if family is not None)
    return tuple(dict.fromkeys([style.body_family, *families]))
