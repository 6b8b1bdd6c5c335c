"""The PDF, DOCX and EPUB writers say the same about each paragraph's direction and about links,
and what they say is what the one rule says (convert/text/links.py, the model's directions).

Each block gets a marker word so that it is found again in every format. From each output the
test reads what it says: DOCX `w:bidi` on the paragraph and its hyperlinks' relationship targets;
EPUB the `dir` the element has or inherits and its `<a href>`; PDF the link annotations' /URI in
the file, and each paragraph's alignment in the flowables the writer hands reportlab (a PDF page
holds no direction: a right-to-left paragraph is one the writer set right-aligned, and the
default sheet aligns no body or heading style right or centre).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from lxml import etree
from reportlab.lib.enums import TA_RIGHT

from convert import load_style, render
from convert.model import (
    Block,
    BlockQuote,
    Direction,
    Document,
    Emphasis,
    Heading,
    Inline,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Strong,
    Text,
    inline_text,
    publication_of,
)
from convert.text.links import nested_target
from convert.text.partlanguage import language_runs, part_language
from convert.text.spacing import bind_spaces
from convert.writers.pdf.lines import LineStack
from convert.writers.pdf.notices import Notices
from convert.writers.pdf.paragraphs import FlowingParagraph
from convert.writers.pdf.setlines import SetLines
from convert.writers.pdf.story import StoryBuilder
from convert.writers.pdf.typesetting import Typesetter
from tests.corpus import LINK_URLS, blocks_linking, documents, mixed_language_document, sample_documents
from tests.pdf_support import reader

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
XHTML = "{http://www.w3.org/1999/xhtml}"

Said = dict[str, tuple[Direction, list[str]]]
"""What a format says about each marked block: its direction and its link targets, in order."""


def marker(number: int) -> str:
    return f"QX{number}XQ"


def _marked(document: Document) -> Document:
    """`document` with a marker word opening every paragraph and heading, numbered in reading order."""
    count = 0

    def mark(block: Block) -> Block:
        nonlocal count
        if isinstance(block, Paragraph | Heading):
            count += 1
            return replace(block, inlines=(Text(f"{marker(count)} "), *block.inlines))
        if isinstance(block, BlockQuote):
            return BlockQuote(tuple(mark(inner) for inner in block.blocks))
        if isinstance(block, ListBlock):
            return ListBlock(tuple(tuple(mark(inner) for inner in item) for item in block.items), block.ordered)
        return block

    return Document(document.metadata, tuple(mark(block) for block in document.blocks))


def _collapsed(targets: list[str]) -> list[str]:
    """Neighbouring equal targets as one: a link may be cut into pieces (DOCX runs, PDF lines)."""
    return [target for index, target in enumerate(targets) if index == 0 or targets[index - 1] != target]


def _rule_links(inlines: tuple[Inline, ...], outer: str | None = None) -> list[str]:
    """The targets of the links in `inlines` by the one rule: the outermost link that is a link wins."""
    found: list[str] = []
    for inline in inlines:
        if isinstance(inline, Link) and outer is None:
            target = nested_target(None, inline)
            found.extend([target] if target is not None else _rule_links(inline.children))
        elif isinstance(inline, Emphasis | Strong | Quote):
            found.extend(_rule_links(inline.children, outer))
    return found


def rule(document: Document) -> Said:
    """What every format should say, from the model and the one link rule."""
    said: Said = {}

    def walk(block: Block) -> None:
        if isinstance(block, Paragraph | Heading):
            first = block.inlines[0]
            assert isinstance(first, Text)
            direction = block.direction or document.metadata.direction
            said[first.text.strip()] = (direction, _collapsed(_rule_links(block.inlines)))
        elif isinstance(block, BlockQuote):
            for inner in block.blocks:
                walk(inner)
        elif isinstance(block, ListBlock):
            for item in block.items:
                for inner in item:
                    walk(inner)

    for block in document.blocks:
        walk(block)
    return said


def _owner(text: str, markers: list[str]) -> str | None:
    return next((name for name in markers if name in text), None)


def docx_says(data: bytes, markers: list[str]) -> Said:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
        rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    said: Said = {}
    for paragraph in body.iter(f"{W}p"):
        name = _owner("".join(paragraph.itertext()), markers)
        if name is None:
            continue
        direction: Direction = "rtl" if paragraph.find(f"{W}pPr/{W}bidi") is not None else "ltr"
        links = [str(targets[link.get(R_ID)]) for link in paragraph.iter(f"{W}hyperlink") if link.get(R_ID)]
        said[name] = (direction, _collapsed(links))
    return said


def epub_says(data: bytes, markers: list[str]) -> Said:
    said: Said = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        pages = [name for name in archive.namelist() if name.endswith(".xhtml") and "nav" not in name]
        for page in pages:
            root = etree.fromstring(archive.read(page))
            for element in root.iter(f"{XHTML}p", *(f"{XHTML}h{level}" for level in range(2, 7))):
                name = _owner("".join(element.itertext()), markers)
                if name is None:
                    continue
                holder = next((node for node in element.iterancestors() if node.get("dir")), None)
                own = element.get("dir") or (holder.get("dir") if holder is not None else None) or "ltr"
                assert own in ("ltr", "rtl")
                links = [str(anchor.get("href")) for anchor in element.iter(f"{XHTML}a")]
                said[name] = ("rtl" if own == "rtl" else "ltr", _collapsed(links))
    return said


def pdf_directions(document: Document, markers: list[str]) -> dict[str, Direction]:
    """Each marked paragraph's direction as the PDF writer sets it: right-aligned lines or not."""
    style = load_style()
    publication = publication_of(document)
    story = StoryBuilder(publication, style, Typesetter(style, publication.language, Notices()), {}).build()
    found: dict[str, Direction] = {}
    for flowable in story:
        if isinstance(flowable, SetLines):  # justified by total fit: drawn from the left margin, left to right
            name = _owner("".join(run.text for line in flowable.lines for run in line.runs), markers)
            if name is not None:
                found[name] = "ltr"
            continue
        lines = flowable.lines if isinstance(flowable, LineStack) else [flowable]
        if not lines or not all(isinstance(line, FlowingParagraph) for line in lines):
            continue
        name = _owner("".join(frag.text for line in lines for frag in line.frags), markers)
        if name is None:
            continue
        alignments = {line.style.alignment for line in lines}
        assert len(alignments) == 1 or TA_RIGHT not in alignments, f"{name}: lines of both directions"
        found[name] = "rtl" if alignments == {TA_RIGHT} else "ltr"
    return found


def pdf_links(data: bytes) -> set[str]:
    """Every /URI of the file's link annotations."""
    uris: set[str] = set()
    for page in reader(data).pages:
        for annotation in page.get("/Annots", []):
            action = annotation.get_object().get("/A")
            if action is not None and "/URI" in action:
                uris.add(str(action["/URI"]))
    return uris


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(documents(block=blocks_linking(LINK_URLS), most=4).map(_marked))
def test_the_writers_agree_on_direction_and_links_with_the_rule(document: Document) -> None:
    expected = rule(document)
    markers = list(expected)  # no marker holds another: "QX1XQ" is not in "QX12XQ"
    docx = docx_says(render(document, "docx"), markers)
    epub = epub_says(render(document, "epub"), markers)
    assert docx == expected
    assert epub == expected
    assert pdf_directions(document, markers) == {name: direction for name, (direction, _links) in expected.items()}
    assert pdf_links(render(document, "pdf")) == {target for _direction, links in expected.values() for target in links}


def test_what_each_format_says_is_read_from_it() -> None:
    """The readers above see real differences: known directions and links, one of them no link."""
    document = _marked(
        Document(
            replace(sample_documents()[0].metadata, direction="rtl"),
            (
                Paragraph((Text("\u0645\u0631\u062d\u0628\u0627 "), Link("https://example.org/x", (Text("here"),)))),
                Paragraph((Text("Plain words "), Link("https://exa mple.org/", (Text("no link"),))), "ltr"),
                Heading(1, (Link("HTTPS://b\u00fccher.example/\u00e4", (Text("B\u00fccher"),)),)),
            ),
        )
    )
    known: Said = {
        marker(1): ("rtl", ["https://example.org/x"]),
        marker(2): ("ltr", []),
        marker(3): ("rtl", ["HTTPS://xn--bcher-kva.example/%C3%A4"]),
    }
    markers = list(known)
    assert rule(document) == known
    assert docx_says(render(document, "docx"), markers) == known
    assert epub_says(render(document, "epub"), markers) == known
    assert pdf_directions(document, markers) == {name: direction for name, (direction, _links) in known.items()}
    assert pdf_links(render(document, "pdf")) == {"https://example.org/x", "HTTPS://xn--bcher-kva.example/%C3%A4"}


# Language of parts -------------------------------------------------------------------------------

Spoken = list[tuple[str, str]]
"""A paragraph as (language, text) pieces, neighbours in one language joined: what a reader's voice says."""
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _joined(pieces: list[tuple[str, str]]) -> Spoken:
    spoken: Spoken = []
    for language, text in pieces:
        if spoken and spoken[-1][0] == language:
            spoken[-1] = (language, spoken[-1][1] + text)
        elif text:
            spoken.append((language, text))
    return spoken


def _rule_languages(document: Document) -> list[Spoken]:
    """Every body paragraph's pieces by the one rule: its part's language, then the pieces inside it."""
    spoken = []
    for block in document.blocks:
        assert isinstance(block, Paragraph)
        text = bind_spaces(inline_text(block.inlines))
        own = part_language(text, document.metadata.language) or document.metadata.language
        spoken.append(_joined([(language or own, piece) for language, piece in language_runs(text, own)]))
    return spoken


def _epub_languages(data: bytes) -> list[Spoken]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        html = etree.fromstring(book.read("EPUB/article-001.xhtml"))

    def pieces(element: etree._Element, language: str) -> list[tuple[str, str]]:
        language = element.get(XML_LANG) or language
        found = [(language, element.text or "")]
        for child in element:
            found.extend(pieces(child, language))
            found.append((language, child.tail or ""))
        return found

    article = html.find(f".//{XHTML}article")
    assert article is not None
    return [_joined(pieces(p, str(html.get(XML_LANG)))) for p in article.iter(f"{XHTML}p") if p.get("class") != "date"]


def _docx_languages(data: bytes, document_language: str) -> list[Spoken]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = etree.fromstring(package.read("word/document.xml"))
    spoken = []
    for paragraph in xml.iter(f"{W}p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        if style is None or style.get(f"{W}val") in ("Title", "Subtitle"):
            continue
        runs = []
        for run in paragraph.iter(f"{W}r"):
            lang = run.find(f"{W}rPr/{W}lang")
            runs.append((document_language if lang is None else str(lang.get(f"{W}val")), "".join(run.itertext())))
        spoken.append(_joined(runs))
    return spoken


def test_epub_and_docx_mark_the_languages_of_parts_as_the_one_rule_finds_them() -> None:
    document = mixed_language_document()
    expected = _rule_languages(document)
    assert expected[0] == [
        ("en", "The minister, Kim Ji-won ("),
        ("ko", "\uae40\uc9c0\uc6d0"),
        ("en", "), met the novelist Yamada Sakura ("),
        ("ja", "\u5c71\u7530\u3055\u304f\u3089"),
        ("en", ") in Seoul on Tuesday."),
    ]
    assert [pieces[0][0] for pieces in expected] == ["en", "ar", "en", "en"]
    assert _epub_languages(render(document, "epub")) == expected
    assert _docx_languages(render(document, "docx"), document.metadata.language) == expected


def test_the_pdf_draws_each_part_in_the_forms_of_its_language() -> None:
    """Han in a Japanese name in Noto Sans JP, Hangul in Noto Sans KR: the fonts the rule's languages pick."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    document = mixed_language_document()
    data = render(document, "pdf")
    fonts: dict[str, set[str]] = {}

    def visit(item: object) -> None:
        if isinstance(item, LTChar):
            fonts.setdefault(item.get_text(), set()).add(item.fontname.split("+")[-1].split("-")[0])
        for child in getattr(item, "_objs", ()):
            visit(child)

    for page in extract_pages(io.BytesIO(data)):
        visit(page)
    assert fonts["\u5c71"] == fonts["\u3055"] == {"NotoSansJP"}  # 山 of 山田さくら (title and text) in Japanese forms
    assert fonts["\uae40"] == {"NotoSansKR"}
    pdf = reader(data)
    assert pdf.trailer["/Root"]["/Lang"] == document.metadata.language
