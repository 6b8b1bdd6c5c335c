"""The spine's content documents: article files, group openers, the cover and the title page."""

from __future__ import annotations

from convert.model import Direction, Paragraph, Publication
from convert.text.direction import own_line_setting
from convert.text.phrases import LANGUAGE, UNTITLED, DateLine, date_line, in_phrase_language, publication_date_line
from convert.text.spacing import bind_spaces
from convert.writers.common.titlelines import phrases
from convert.writers.epub.layout import ARTICLE_ANCHOR, GROUP_ANCHOR, ArticlePage, FrontPage, SectionPage
from convert.writers.epub.xhtml import (
    EPUB_TYPE,
    PHRASE_CLASS,
    BlockBuilder,
    Element,
    append_text,
    append_text_in,
    new_document,
    serialise,
    set_language,
    set_part_language,
    sub,
)


def article_page(page: ArticlePage, builder: BlockBuilder) -> bytes:
    """One file of an article: the first carries the title and date, later ones continue the text."""
    meta = page.document.metadata
    title = " ".join(meta.title.split()) or UNTITLED
    head_title = title if page.part == 0 else f"{title} ({page.part + 1})"
    html, body = new_document(head_title, meta.language, meta.direction)
    body.set(EPUB_TYPE, "bodymatter")
    if page.group is None:
        article = sub(body, "article")
    else:  # the group's title opens its first article's file, as it opens its page in the PDF
        article = sub(_group(body, page.group), "article", {"id": ARTICLE_ANCHOR})
    if page.part == 0:
        header = sub(article, "header")
        heading = sub(header, "h1", {"class": "title"})
        if meta.title.strip():
            append_text_in(heading, meta.title, set_part_language(heading, meta.title, meta.language))
        else:
            heading.text = UNTITLED
        _date_line(header, date_line(page.document), meta.language, meta.direction)
    else:
        article.set("aria-label", title)
    first_paragraph = page.part == 0
    for placed in page.blocks:
        element = builder.block(article, placed.block, meta.language, level=placed.level, anchor=placed.anchor)
        if isinstance(placed.block, Paragraph):
            if placed.continued:
                element.set("class", "continued")
            elif first_paragraph:
                element.set("class", "first")
            first_paragraph = False
    return serialise(html)


def section_page(page: SectionPage, publication: Publication) -> bytes:
    """The page of a group without articles, holding its heading."""
    html, body = new_document(page.title, publication.language, publication.direction)
    body.set(EPUB_TYPE, "bodymatter")
    _group(body, page.title)
    return serialise(html)


def _group(parent: Element, title: str) -> Element:
    """A group's part of the book, opened by its heading."""
    section = sub(parent, "section", {"class": "part"})
    section.set(EPUB_TYPE, "part")
    section.set("role", "doc-part")
    section.set("aria-labelledby", GROUP_ANCHOR)
    heading = sub(section, "h1", {"class": "section", "id": GROUP_ANCHOR})
    heading.text = bind_spaces(title)
    return section


def cover_page(publication: Publication, picture: str, alt: str) -> bytes:
    """The generated cover: the cover picture alone, its text alternative saying all the picture says."""
    html, body = new_document(publication.title, publication.language, publication.direction)
    body.set(EPUB_TYPE, "cover")
    section = sub(body, "section", {"class": "cover"})
    sub(section, "img", {"class": "cover", "src": picture, "alt": alt, "role": "doc-cover"})
    return serialise(html)


def front_page(page: FrontPage, publication: Publication) -> bytes:
    """A generated page in words: the publication's title, subtitle and date (the title page)."""
    html, body = new_document(publication.title, publication.language, publication.direction)
    body.set(EPUB_TYPE, "cover" if page.kind == "cover" else "frontmatter")
    section = sub(body, "section", {"class": page.kind, "aria-labelledby": f"{page.kind}-title"})
    if page.kind == "titlepage":
        section.set(EPUB_TYPE, "titlepage")
    _phrased(sub(section, "h1", {"class": "title", "id": f"{page.kind}-title"}), publication.title)
    if publication.subtitle:
        _phrased(sub(section, "p", {"class": "subtitle"}), publication.subtitle)
    _date_line(section, publication_date_line(publication), publication.language, publication.direction)
    return serialise(html)


def _phrased(parent: Element, text: str) -> None:
    """`text` in its phrases, each kept on one line where it fits (`span.phrase`): the EPUB's page width
    is the reader's, so the lines the paged formats break it into are left to the reading system."""
    previous: Element | None = None
    for phrase in phrases(text):
        if previous is not None:
            previous.tail = " "
        previous = sub(parent, "span", {"class": PHRASE_CLASS})
        previous.text = bind_spaces(phrase)


def _date_line(parent: Element, line: DateLine, language: str, direction: Direction) -> None:
    """A date line as every format prints it; inside text of another language, convert's own words
    (the date written out, the word count) are marked as the language they are in. In its own
    direction, lined up with a right-to-left title (the style sheet's `p.date[dir="ltr"]`)."""
    if not line.pieces:
        return
    paragraph = sub(parent, "p", {"class": "date"})
    own, _align = own_line_setting(line.text, direction)
    if own != direction:
        paragraph.set("dir", own)
    foreign = not in_phrase_language(language)
    for kind, text in line.pieces:
        if kind == "date" and line.date is not None:
            element = sub(paragraph, "time", datetime=line.date.isoformat())
        elif kind == "words" and foreign:
            element = sub(paragraph, "span")
        else:  # a separator, or the date text as found: the article's own words
            append_text(paragraph, text)
            continue
        if foreign:
            set_language(element, LANGUAGE)
        element.text = bind_spaces(text)
