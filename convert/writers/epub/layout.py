"""The book's layout: which spine file holds what, under which ASCII name, and the table of contents."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from convert.model import Direction, Document, Heading, Publication, inline_text
from convert.text.phrases import CONTENTS, COVER, START_OF_CONTENT, TITLE_PAGE, UNTITLED
from convert.text.spacing import bind_spaces
from convert.writers.epub.splitting import MAX_FILE_CHARS, PlacedBlock, paginate

FrontKind = Literal["cover", "titlepage", "toc"]

NAV_FILE = "nav.xhtml"


@dataclass(frozen=True, slots=True)
class ArticlePage:
    """One spine file of an article; long articles take several."""

    file_name: str
    document: Document
    part: int
    """0 for the first file, which carries the title and date."""
    blocks: tuple[PlacedBlock, ...]
    group: str | None = None
    """The title of the group this article opens (a digest's week), set above the article's own."""


GROUP_ANCHOR = "part-title"
"""The id of a group's heading, in the file of the group's first article."""
ARTICLE_ANCHOR = "article"
"""The id of the article under a group's heading: the contents link past the heading to it."""


@dataclass(frozen=True, slots=True)
class SectionPage:
    """The opening page of a group without articles (a group's title otherwise opens its first article)."""

    file_name: str
    title: str


@dataclass(frozen=True, slots=True)
class FrontPage:
    """A generated page before the articles: the cover, the title page or the contents."""

    file_name: str
    kind: FrontKind


Page = ArticlePage | SectionPage | FrontPage


@dataclass(frozen=True, slots=True)
class TocEntry:
    """One line of the table of contents, with the lines under it."""

    label: str
    href: str
    language: str | None
    """Set where the entry's language differs from the publication's."""
    direction: Direction | None
    """Set where the entry's direction differs from the publication's."""
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True, slots=True)
class Landmark:
    """A major part of the book, for the landmarks navigation and the EPUB 2 guide."""

    kind: Literal["cover", "titlepage", "toc", "bodymatter"]
    label: str
    href: str


@dataclass(frozen=True, slots=True)
class Layout:
    """Every spine file in reading order, and how to navigate them."""

    pages: tuple[Page, ...]
    toc: tuple[TocEntry, ...]
    landmarks: tuple[Landmark, ...]


def lay_out(publication: Publication, max_chars: int = MAX_FILE_CHARS) -> Layout:
    """Assign every article, group and generated page to spine files, and list them for navigation."""
    front: list[Page] = []
    if not publication.is_single:
        matter = publication.front_matter
        if matter.cover:
            front.append(FrontPage("cover.xhtml", "cover"))
        if matter.title_page:
            front.append(FrontPage("titlepage.xhtml", "titlepage"))
        if matter.contents:
            front.append(FrontPage(NAV_FILE, "toc"))
    pages: list[Page] = list(front)
    toc: list[TocEntry] = []
    documents = publication.documents
    width = max(3, len(str(len(documents))))
    named = [section for section in publication.sections if section.title is not None]
    section_width = max(2, len(str(len(named))))
    number = 0
    section_number = 0
    for section in publication.sections:
        entries: list[TocEntry] = []
        group_href: str | None = None
        if section.title is not None and not section.documents:
            section_number += 1
            group_href = f"section-{section_number:0{section_width}d}.xhtml"
            pages.append(SectionPage(group_href, section.title))
        for position, document in enumerate(section.documents):
            number += 1
            article_pages = _article_pages(document, f"article-{number:0{width}d}", max_chars)
            entry = _article_entry(document, article_pages, publication)
            if position == 0 and section.title is not None:
                # The group's title opens its first article's file: the group links to the file, the article
                # past the heading, so that the contents stay in reading order.
                article_pages[0] = replace(article_pages[0], group=section.title)
                group_href = article_pages[0].file_name
                entry = replace(entry, href=f"{group_href}#{ARTICLE_ANCHOR}")
            pages.extend(article_pages)
            entries.append(entry)
        if section.title is not None and group_href is not None:
            toc.append(TocEntry(_label(section.title), group_href, None, None, tuple(entries)))
        else:
            toc.extend(entries)
    if not toc:  # no articles: the title page is the whole book, so that it still has a table of contents
        title_page = FrontPage("titlepage.xhtml", "titlepage")
        if title_page not in pages:
            pages.insert(1 if pages and pages[0] == FrontPage("cover.xhtml", "cover") else 0, title_page)
        toc.append(TocEntry(_label(publication.title), title_page.file_name, None, None))
    return Layout(pages=tuple(pages), toc=tuple(toc), landmarks=_landmarks(pages))


def _article_pages(document: Document, stem: str, max_chars: int) -> list[ArticlePage]:
    placed: list[PlacedBlock] = []
    previous_level = 1  # the title is the page's <h1>
    headings = 0
    for block in document.blocks:
        if isinstance(block, Heading):
            headings += 1
            # Never skip a level going down, so that assistive technology sees a sound outline.
            level = min(block.level + 1, previous_level + 1, 6)
            previous_level = level
            placed.append(PlacedBlock(block, anchor=f"h{headings}", level=level))
        else:
            placed.append(PlacedBlock(block))
    parts = paginate(placed, max_chars)
    return [
        ArticlePage(f"{stem}.xhtml" if index == 0 else f"{stem}-{index + 1}.xhtml", document, index, tuple(blocks))
        for index, blocks in enumerate(parts)
    ]


def _article_entry(document: Document, pages: list[ArticlePage], publication: Publication) -> TocEntry:
    meta = document.metadata
    article = _Node(_label(meta.title), pages[0].file_name, meta.language, meta.direction)
    # The open entries, each with the heading level it stands for (the article title is level 1).
    stack: list[tuple[int, _Node]] = [(1, article)]
    for page in pages:
        for placed in page.blocks:
            if placed.anchor is None or not isinstance(placed.block, Heading):
                continue
            label = _label(inline_text(placed.block.inlines), fallback="")
            if not label:
                continue
            while len(stack) > 1 and stack[-1][0] >= placed.level:
                stack.pop()
            direction = placed.block.direction or meta.direction
            node = _Node(label, f"{page.file_name}#{placed.anchor}", meta.language, direction)
            stack[-1][1].children.append(node)
            stack.append((placed.level, node))
    return article.freeze(publication)


@dataclass(slots=True)
class _Node:
    """A table of contents entry whose children may still grow while headings are read."""

    label: str
    href: str
    language: str
    direction: Direction
    children: list[_Node] = field(default_factory=list)

    def freeze(self, publication: Publication) -> TocEntry:
        return TocEntry(
            label=self.label,
            href=self.href,
            language=None if self.language == publication.language else self.language,
            direction=None if self.direction == publication.direction else self.direction,
            children=tuple(child.freeze(publication) for child in self.children),
        )


def _label(text: str, fallback: str = UNTITLED) -> str:
    """A contents entry as the pages show its text: white space as one space, bound where a line must not break."""
    label = bind_spaces(" ".join(text.split()))
    return label or fallback


def _landmarks(pages: list[Page]) -> tuple[Landmark, ...]:
    marks: list[Landmark] = []
    for page in pages:
        if isinstance(page, FrontPage):
            label = {"cover": COVER, "titlepage": TITLE_PAGE, "toc": CONTENTS}[page.kind]
            marks.append(Landmark(page.kind, label, page.file_name))
    first_body = next((page for page in pages if not isinstance(page, FrontPage)), None)
    if first_body is not None:
        marks.append(Landmark("bodymatter", START_OF_CONTENT, first_body.file_name))
    return tuple(marks)
