"""The publication as the body of word/document.xml: cover, title page, contents, section titles and articles.

Paragraphs are appended straight to the body element with their style ids known in advance, so
building is linear in the size of the text (python-docx's `add_paragraph(style=...)` looks the
style up by name on every call, which grows with the document).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import assert_never

from lxml import etree

from convert.fonts import FontFamily
from convert.model import (
    Block,
    BlockQuote,
    Direction,
    Document,
    Heading,
    Inline,
    ListBlock,
    Paragraph,
    Publication,
    ThematicBreak,
    inline_text,
)
from convert.styles.types import Alignment, Style, TextStyle
from convert.text.direction import (
    LogicalAlignment,
    own_line_setting,
    paragraph_alignment,
    paragraph_first_line_indent,
)
from convert.text.partlanguage import part_language
from convert.text.phrases import CONTENTS as CONTENTS_LABEL
from convert.text.phrases import date_line
from convert.writers.common.contents import entries, entry_lines, entry_style
from convert.writers.common.cover import cover_look, cover_text, rule_box, scaled, title_page_drop
from convert.writers.common.outline import GROUP_LEVEL, article_level, heading_level
from convert.writers.common.startpages import StartPages
from convert.writers.common.titlelines import measure, paged_cover_title, sense_lines
from convert.writers.docx.bands import band_runs
from convert.writers.docx.numbering import LEVELS, Numbering, level_indent
from convert.writers.docx.ooxml import PPR, PSTYLE, RPR, SPACE, TAB, VAL, WORD_NSMAP, P, R, T, to_bytes, twips, w
from convert.writers.docx.runs import PLAIN, Format, RunContext, append_inlines, append_text
from convert.writers.docx.slots import ScriptFonts
from convert.writers.docx.stylesheet import (
    BODY,
    CONTENTS,
    CONTENTS_HEADING,
    COVER_SUBTITLE,
    COVER_TITLE,
    FIRST,
    HEADINGS,
    LIST,
    PARAGRAPH_STYLES,
    QUOTE,
    SCENE_BREAK,
    SECTION,
    SUBTITLE,
    TITLE,
    justification,
    role_style,
)

BIDI_JUSTIFICATION: dict[LogicalAlignment, str] = {
    "start": "left",
    "end": "right",
    "center": "center",
    "justify": "both",
}
"""w:jc of a right-to-left (w:bidi) paragraph's alignment: there Word and LibreOffice read `left`
and `right` as its start and end sides, so the start is written `left` and ends up on the right."""

_BIDI, _JC, _PAGE_BREAK, _NUM_PR, _ILVL, _NUM_ID, _IND, _LEFT, _FIRST_LINE = (
    w(name) for name in ("bidi", "jc", "pageBreakBefore", "numPr", "ilvl", "numId", "ind", "left", "firstLine")
)
_OUTLINE_LEVEL, _KEEP_NEXT = w("outlineLvl"), w("keepNext")
_FIELD_CHAR, _FIELD_CHAR_TYPE, _INSTRUCTION = w("fldChar"), w("fldCharType"), w("instrText")
_SPACING, _BEFORE = w("spacing"), w("before")
_BOOKMARK_START, _BOOKMARK_END, _ID, _NAME = w("bookmarkStart"), w("bookmarkEnd"), w("id"), w("name")
_BODY_OPEN, _BODY_CLOSE = b"<w:body>", b"</w:body>"
_AFTER_SIZE = frozenset(
    w(name) for name in ("highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang")
)
"""Run properties the schema (CT_RPr) orders after w:sz and w:szCs."""
_BATCH = 512
"""Paragraphs the tree holds at most before they are written out as bytes."""


@dataclass(frozen=True, slots=True)
class _Place:
    """Where a block sits: inside a quotation, inside a list item (at which level)."""

    quoted: bool = False
    level: int = -1
    """List level of the enclosing item, -1 outside lists."""


class BodyBuilder:
    """Appends the publication's paragraphs to a `w:body`, keeping track of pages, bookmarks and lists."""

    def __init__(
        self,
        style: Style,
        publication: Publication,
        fonts: ScriptFonts,
        link_id: Callable[[str], str],
        numbering: Numbering,
        front_section: etree._Element | None = None,
        pages: StartPages | None = None,
    ) -> None:
        self.style = style
        self.pages = pages
        """Where each group and article starts, for the contents' page numbers; None without contents."""
        self.front_section = front_section
        """The `w:sectPr` that ends the cover and title page, as a section without a header; None for none."""
        self.publication = publication
        self.language = publication.language
        """The document's language tag: the styles mark it, runs mark only an article's other language."""
        self.document = etree.Element(w("document"), nsmap=WORD_NSMAP)
        """The whole document.xml tree; the body is built in place, as moving a large body into
        another tree afterwards costs lxml time that grows faster than the body does."""
        self.body = etree.SubElement(self.document, w("body"))
        self._written: list[bytes] = []
        """Paragraphs already taken out of the tree as document.xml's bytes, a batch at a time: a
        large article's tree would take several times its text."""
        self._any_paragraph = False
        self.numbering = numbering
        self._fonts = fonts
        self._link_id = link_id
        self._contexts: dict[tuple[str, str], RunContext] = {}
        self._alignments: dict[str, Alignment] = {
            spec.style_id: role_style(style, spec.role).align for spec in PARAGRAPH_STYLES if spec.role
        }
        self._alignments[SCENE_BREAK] = "center"
        self._text_styles = {spec.style_id: role_style(style, spec.role) for spec in PARAGRAPH_STYLES if spec.role}
        self._families = {spec.style_id: role_style(style, spec.role).family for spec in PARAGRAPH_STYLES if spec.role}
        self._new_page = False
        self._page_top = False
        """The next paragraph opens a page (after a section break, or with a page break of its own)."""
        self._article_level = 0
        self._bookmarks = 0
        page = style.page
        self._text_width = page.width - page.margin_left - page.margin_right
        self._settled: dict[tuple[str, bool, ScriptFonts], set[str]] = {}
        self.languages: Counter[str] = Counter()
        """Letters written in each language other than the document's, as the runs were written."""
        self.named: dict[FontFamily, None] = {}
        """Families runs name beyond the styles' ones."""

    # ------------------------------------------------------------------ the publication

    def build(self) -> etree._Element:
        """Append everything the publication holds and return the body (without its section properties)."""
        publication = self.publication
        if publication.is_single:
            self._article(publication.documents[0], None, article_level(publication.sections[0]))
            return self.body
        front = publication.front_matter
        if front.cover:
            self._cover()
        if front.title_page:
            self._title_page()
        if front.contents:
            self._contents()
        article = 0
        for position, section in enumerate(publication.sections):
            if section.title is not None:
                self._start_page()
                title = section.title
                self._bookmarked(SECTION, publication.direction, title, None, section_anchor(position), GROUP_LEVEL)
            for index, document in enumerate(section.documents):
                if section.title is None or index > 0:
                    self._start_page()
                self._article(document, article_anchor(article), article_level(section))
                article += 1
        return self.body

    def _cover(self) -> None:
        """The cover page: the title large, then the subtitle and the article count, in the cover's own styles.

        The lines are broken where the PDF breaks them (`titlelines`), at the size the PDF sets them.
        """
        text = cover_text(self.publication)
        look = cover_look(self.style)
        fallbacks = self.style.fallback_families
        fitted = paged_cover_title(text.title, look.title, fallbacks, self._text_width)
        title = self._lines(COVER_TITLE, fitted.lines)
        if fitted.factor != 1.0:
            _set_size(title, scaled(look.title, fitted.factor))
        rule = rule_box(self.style, len(fitted.lines), fitted.factor)
        title.extend(band_runs(self.style.page, look.accent, rule, first_id=1))
        for line in text.lines:
            self._lines(COVER_SUBTITLE, self._broken(line, look.subtitle))
        self._new_page = True

    def _title_page(self) -> None:
        """Centred where the cover's title is: one design for the front matter."""
        publication = self.publication
        drop = title_page_drop(self.style)
        last = self._lines(TITLE, self._broken(publication.title, self.style.title), space_before=drop)
        for line in cover_text(publication).lines:
            last = self._lines(SUBTITLE, self._broken(line, self.style.date))
        properties = last.find(w("pPr"))
        if self.front_section is not None and properties is not None:
            properties.append(self.front_section)  # the section break starts the next page itself
            self._page_top = True
        else:
            self._new_page = True

    def _broken(self, text: str, text_style: TextStyle) -> tuple[str, ...]:
        """A display text broken at its sense to the text width, as the PDF breaks it."""
        return sense_lines(text, measure(text_style, self.style.fallback_families), self._text_width)

    def _lines(self, style_id: str, lines: tuple[str, ...], space_before: float | None = None) -> etree._Element:
        """One centred paragraph holding `lines`, a line break between each two."""
        paragraph = self._paragraph(style_id, self.publication.direction, align="center", space_before=space_before)
        self._text(paragraph, style_id, "\n".join(lines), None)  # a newline is written as w:br
        return paragraph

    def _contents(self) -> None:
        """A contents list already filled in: each entry a link to its bookmark, then dots to a PAGEREF
        field whose result is the page the PDF sets it on, so Word shows it without an update."""
        direction = self.publication.direction
        pages = self.pages
        assert pages is not None  # the writer finds them for every publication with contents
        self._text(self._paragraph(CONTENTS_HEADING, direction), CONTENTS_HEADING, CONTENTS_LABEL, None)
        for entry in entries(self.publication):
            style_id = CONTENTS[entry.level]
            if entry.article is None:
                anchor, page = section_anchor(entry.section), pages.sections[entry.section]
            else:
                anchor, page = article_anchor(entry.article), pages.articles[entry.article]
            own = direction if entry.document is None else entry.document.metadata.direction
            paragraph = self._paragraph(style_id, own, keep_next=entry.keep_with_next)
            title = entry.title
            if own == "ltr":  # broken where the PDF breaks it, short of the number column (see entry_lines)
                text_style = entry_style(self.style, entry.level)
                title = "\n".join(entry_lines(title, text_style, self.style.fallback_families, self._text_width))
            self._text(paragraph, style_id, title, entry.document, Format(anchor=anchor))
            etree.SubElement(etree.SubElement(paragraph, R), TAB)
            _page_reference(paragraph, anchor, "" if page is None else str(page))
        self._new_page = True

    # ------------------------------------------------------------------ one article

    def _article(self, document: Document, bookmark: str | None, level: int) -> None:
        meta = document.metadata
        self._article_level = level
        self._bookmarked(TITLE, meta.direction, meta.title, document, bookmark, level)
        line = date_line(document).text
        own, align = own_line_setting(line, meta.direction)
        self._text(self._paragraph(SUBTITLE, own, align=align), SUBTITLE, line, document)
        self._blocks(document.blocks, document, _Place(), first=True)

    def _blocks(self, blocks: tuple[Block, ...], document: Document, place: _Place, first: bool = False) -> None:
        for block in blocks:
            self._block(block, document, place, first)
            first = False

    def _block(self, block: Block, document: Document, place: _Place, first: bool, number: str | None = None) -> None:
        direction = document.metadata.direction
        match block:
            case Paragraph():
                style_id = QUOTE if place.quoted else LIST if place.level >= 0 else FIRST if first else BODY
                paragraph = self._paragraph(style_id, block.direction or direction, place, number)
                self._inlines(paragraph, style_id, block.inlines, document)
            case Heading():
                style_id = HEADINGS[min(max(block.level, 1), 3) - 1]
                outline = heading_level(self._article_level, block)
                paragraph = self._paragraph(style_id, block.direction or direction, place, number, outline=outline)
                self._inlines(paragraph, style_id, block.inlines, document)
            case BlockQuote():
                self._blocks(block.blocks, document, _Place(quoted=True, level=place.level))
            case ListBlock():
                self._list(block, document, place)
            case ThematicBreak():
                self._paragraph(SCENE_BREAK, direction, place, number)
            case _:
                assert_never(block)

    def _list(self, block: ListBlock, document: Document, place: _Place) -> None:
        level = min(place.level + 1, LEVELS - 1)
        number = self.numbering.new_list(block.ordered, level)
        inner = _Place(quoted=place.quoted, level=level)
        for item in block.items:
            if not item or not isinstance(item[0], Paragraph | Heading):
                # The number or bullet needs a paragraph of its own when the item opens with a quotation or list.
                self._paragraph(LIST, document.metadata.direction, inner, number)
                self._blocks(item, document, inner)
                continue
            self._block(item[0], document, inner, first=False, number=number)
            self._blocks(item[1:], document, inner)

    # ------------------------------------------------------------------ paragraphs

    def _start_page(self) -> None:
        # Counting the body's children walks them all; whether there is a first one is enough.
        self._new_page = self._any_paragraph

    def _paragraph(
        self,
        style_id: str,
        direction: Direction,
        place: _Place = _Place(),
        number: str | None = None,
        align: Alignment | None = None,
        outline: int | None = None,
        space_before: float | None = None,
        keep_next: bool = False,
    ) -> etree._Element:
        """A new paragraph of style `style_id`, its properties written in the order the schema requires;
        `outline` is its level in the document's outline (Word's navigation pane, LibreOffice's Navigator)."""
        if len(self.body) >= _BATCH:  # every paragraph before this one is finished
            self._write_out()
        paragraph = etree.SubElement(self.body, P)
        self._any_paragraph = True
        properties = etree.SubElement(paragraph, PPR)
        etree.SubElement(properties, PSTYLE, {VAL: style_id})
        if keep_next:
            etree.SubElement(properties, _KEEP_NEXT)
        if self._new_page:
            etree.SubElement(properties, _PAGE_BREAK)
            self._new_page = False
            self._page_top = True
        text_style = self._text_styles.get(style_id)
        if self._page_top:
            # A page's first paragraph has no space above it, as the PDF's frame drops it: Word and
            # LibreOffice keep it after a page or section break and would start the page lower.
            if space_before is None and text_style is not None and text_style.space_before:
                space_before = 0.0
            self._page_top = False
        if number is not None:
            numbering = etree.SubElement(properties, _NUM_PR)
            etree.SubElement(numbering, _ILVL, {VAL: str(place.level)})
            etree.SubElement(numbering, _NUM_ID, {VAL: number})
        rtl = direction == "rtl"
        if rtl:
            etree.SubElement(properties, _BIDI)
        if space_before is not None:
            etree.SubElement(properties, _SPACING, {_BEFORE: twips(space_before)})
        indent: dict[str, str] = {}
        if place.level >= 0 and number is None:
            indent[_LEFT] = str(level_indent(place.level))
        if text_style is not None:  # where the shared rule differs from the style (right to left), say so
            first_line = paragraph_first_line_indent(text_style, rtl)
            if first_line != text_style.first_line_indent:
                indent[_FIRST_LINE] = twips(first_line)
        if indent:
            etree.SubElement(properties, _IND, indent)
        if rtl:
            alignment = paragraph_alignment(align or self._alignments.get(style_id, "left"), right_to_left=True)
            etree.SubElement(properties, _JC, {VAL: BIDI_JUSTIFICATION[alignment]})
        elif align is not None:
            etree.SubElement(properties, _JC, {VAL: justification(align)})
        if outline is not None:
            etree.SubElement(properties, _OUTLINE_LEVEL, {VAL: str(outline)})
        return paragraph

    def _write_out(self) -> None:
        """Move the body's paragraphs out of the tree into `_written`, as the bytes the whole
        document.xml would hold for them (the namespaces stay declared once, on the root)."""
        data = etree.tostring(self.document, encoding="UTF-8", xml_declaration=False)
        self._written.append(data[data.index(_BODY_OPEN) + len(_BODY_OPEN) : data.rindex(_BODY_CLOSE)])
        for child in list(self.body):
            self.body.remove(child)

    def document_part(self) -> list[bytes]:
        """The bytes of document.xml, in pieces, once everything is appended to the body."""
        data = to_bytes(self.document)
        start = data.index(_BODY_OPEN) + len(_BODY_OPEN)
        return [data[:start], *self._written, data[start:]]

    def _context(self, style_id: str, document: Document | None, part: str | None = None) -> RunContext:
        """The runs' context for a paragraph of `style_id` in `document`, written in its language or in
        `part`, the language of a paragraph in another script."""
        language = part or (self.language if document is None else document.metadata.language)
        key = (style_id, language)
        context = self._contexts.get(key)
        if context is None:
            context = self._contexts[key] = RunContext(
                style=self.style,
                family=self._families[style_id],
                quote_family=self.style.quote.family,
                fonts=self._fonts,
                link_id=self._link_id,
                text_language=language,
                document_language=self.language,
                settled=self._settled,
                languages=self.languages,
                named=self.named,
            )
        return context

    def _inlines(
        self, paragraph: etree._Element, style_id: str, inlines: tuple[Inline, ...], document: Document
    ) -> None:
        """A paragraph's runs, in the language of its part when that is not its article's."""
        part = part_language(inline_text(inlines), document.metadata.language)
        append_inlines(paragraph, inlines, self._context(style_id, document, part))

    def _text(
        self, paragraph: etree._Element, style_id: str, text: str, document: Document | None, fmt: Format = PLAIN
    ) -> None:
        language = self.language if document is None else document.metadata.language
        append_text(paragraph, text, self._context(style_id, document, part_language(text, language)), fmt)

    def _bookmarked(
        self,
        style_id: str,
        direction: Direction,
        text: str,
        document: Document | None,
        name: str | None,
        outline: int | None = None,
    ) -> None:
        """A paragraph of `text`, its text inside a bookmark called `name` when one is given."""
        paragraph = self._paragraph(style_id, direction, outline=outline)
        if name is None:
            self._text(paragraph, style_id, text, document)
            return
        identifier = str(self._bookmarks)
        self._bookmarks += 1
        etree.SubElement(paragraph, _BOOKMARK_START, {_ID: identifier, _NAME: name})
        self._text(paragraph, style_id, text, document)
        etree.SubElement(paragraph, _BOOKMARK_END, {_ID: identifier})


def _set_size(paragraph: etree._Element, text_style: TextStyle) -> None:
    """`paragraph` in `text_style`'s size and leading, for a cover title set smaller than its style to fit."""
    half_points = str(round(text_style.size * 2))
    spacing = paragraph.find(f"{PPR}/{_SPACING}")
    if spacing is None:
        spacing = etree.SubElement(paragraph.find(PPR), _SPACING)  # type: ignore[arg-type]  # every paragraph has one
    spacing.set(w("line"), twips(text_style.leading))
    spacing.set(w("lineRule"), "exact")
    for run in paragraph.iter(R):
        properties = run.find(RPR)
        if properties is None:
            properties = etree.Element(RPR)
            run.insert(0, properties)
        later = next((child for child in properties if child.tag in _AFTER_SIZE), None)
        for name in ("sz", "szCs"):  # where the schema puts them: after fonts, weight and slant, before rtl and lang
            size = etree.Element(w(name), {VAL: half_points})
            if later is None:
                properties.append(size)
            else:
                later.addprevious(size)


def section_anchor(position: int) -> str:
    """The bookmark on the title of the section at `position`."""
    return f"_Section{position + 1}"


def article_anchor(position: int) -> str:
    """The bookmark on the title of the article at `position` in reading order."""
    return f"_Article{position + 1}"


def _page_reference(paragraph: etree._Element, bookmark: str, page: str) -> None:
    """A PAGEREF field to `bookmark` with `page` as its result, as Word writes one in its own contents."""

    def run() -> etree._Element:
        return etree.SubElement(paragraph, R)

    etree.SubElement(run(), _FIELD_CHAR, {_FIELD_CHAR_TYPE: "begin"})
    etree.SubElement(run(), _INSTRUCTION, {SPACE: "preserve"}).text = f" PAGEREF {bookmark} \\h "
    etree.SubElement(run(), _FIELD_CHAR, {_FIELD_CHAR_TYPE: "separate"})
    etree.SubElement(run(), T).text = page
    etree.SubElement(run(), _FIELD_CHAR, {_FIELD_CHAR_TYPE: "end"})
