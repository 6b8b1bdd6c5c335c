"""The model's one walk and one rebuild: reading order, blocks only, and identity kept where nothing changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from hypothesis import given

from convert.model import (
    Block,
    BlockQuote,
    Document,
    Emphasis,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Metadata,
    Node,
    Paragraph,
    Quote,
    Strong,
    Text,
    ThematicBreak,
    block_texts,
    inline_text,
    map_tree,
    walk,
)
from tests.corpus import documents

LINK = Link("https://example.org/", (Text("the "), Strong((Text("site"),))))
FIRST = Paragraph((Text("One "), Emphasis((Text("two"), LineBreak())), LINK))
QUOTED = BlockQuote((Paragraph((Quote((Text("\u201cthree\u201d"),)),)), ThematicBreak()))
LISTED = ListBlock(((Paragraph((Text("four"),)),), (Heading(2, (Text("five"),)), Paragraph((Text("six"),)))), True)
BLOCKS: tuple[Block, ...] = (Heading(1, (Text("Zero"),)), FIRST, QUOTED, LISTED)
DOCUMENT = Document(
    Metadata(title="T", date=dt.date(2024, 1, 9), language="en", source="t.txt", identifier="urn:uuid:x", word_count=7),
    BLOCKS,
)


def reference_walk(nodes: tuple[Node, ...]) -> list[Node]:
    """Pre-order by plain recursion over the model's fields, to check the walk against."""
    found: list[Node] = []
    for node in nodes:
        found.append(node)
        if isinstance(node, Paragraph | Heading):
            found.extend(reference_walk(node.inlines))
        elif isinstance(node, Emphasis | Strong | Quote | Link):
            found.extend(reference_walk(node.children))
        elif isinstance(node, BlockQuote):
            found.extend(reference_walk(node.blocks))
        elif isinstance(node, ListBlock):
            for item in node.items:
                found.extend(reference_walk(item))
    return found


def test_walk_visits_every_node_in_reading_order_each_before_its_children() -> None:
    kinds = [type(node).__name__ for node in walk(DOCUMENT)]
    assert kinds == [
        "Heading", "Text",
        "Paragraph", "Text", "Emphasis", "Text", "LineBreak", "Link", "Text", "Strong", "Text",
        "BlockQuote", "Paragraph", "Quote", "Text", "ThematicBreak",
        "ListBlock", "Paragraph", "Text", "Heading", "Text", "Paragraph", "Text",
    ]  # fmt: skip
    texts = [node.text for node in walk(DOCUMENT) if isinstance(node, Text)]
    assert texts == ["Zero", "One ", "two", "the ", "site", "\u201cthree\u201d", "four", "five", "six"]


def test_walk_takes_a_document_a_node_or_any_sequence_of_nodes() -> None:
    everything = list(walk(DOCUMENT))
    assert list(walk(BLOCKS)) == everything
    assert list(walk(list(BLOCKS))) == everything
    assert list(walk(block for block in BLOCKS)) == everything
    assert list(walk(LINK)) == [LINK, Text("the "), LINK.children[1], Text("site")]
    assert list(walk(ThematicBreak())) == [ThematicBreak()]
    assert list(walk(())) == []


def test_walk_without_inlines_yields_the_blocks_alone_in_the_same_order() -> None:
    blocks = list(walk(DOCUMENT, inlines=False))
    assert blocks == [node for node in walk(DOCUMENT) if isinstance(node, Block)]
    assert [type(block).__name__ for block in blocks] == [
        "Heading", "Paragraph", "BlockQuote", "Paragraph", "ThematicBreak",
        "ListBlock", "Paragraph", "Heading", "Paragraph",
    ]  # fmt: skip


@given(documents())
def test_walk_agrees_with_plain_recursion_on_any_document(document: Document) -> None:
    found = list(walk(document))
    expected = reference_walk(document.blocks)
    assert len(found) == len(expected)
    assert all(a is b for a, b in zip(found, expected, strict=True))


def test_the_text_helpers_read_through_every_kind_of_node() -> None:
    assert inline_text(FIRST.inlines) == "One two\nthe site"
    assert inline_text((Text("lone"),)) == "lone"
    assert inline_text(()) == ""
    assert block_texts(BLOCKS) == ["Zero", "One two\nthe site", "\u201cthree\u201d", "four", "five", "six"]


def test_a_rebuild_that_changes_nothing_returns_the_very_same_objects() -> None:
    assert map_tree(DOCUMENT) is DOCUMENT
    assert map_tree(DOCUMENT, inline=lambda inline: inline, block=lambda block: block) is DOCUMENT
    fresh_breaks = map_tree(BLOCKS, inline=lambda inline: replace(inline) if isinstance(inline, LineBreak) else inline)
    assert fresh_breaks == BLOCKS
    assert fresh_breaks is not BLOCKS  # a new object, even an equal one, is a change
    assert map_tree((), inline=lambda inline: Text("never")) == ()


def test_a_rebuild_copies_only_the_path_to_what_changed() -> None:
    def five_to_5(inline: Inline) -> Inline:
        return Text("5") if inline == Text("five") else inline

    mapped = map_tree(DOCUMENT, inline=five_to_5)
    assert mapped is not DOCUMENT
    assert mapped.metadata is DOCUMENT.metadata
    assert mapped.blocks[:3] == BLOCKS[:3]
    assert all(new is old for new, old in zip(mapped.blocks[:3], BLOCKS[:3], strict=True))
    listed = mapped.blocks[3]
    assert isinstance(listed, ListBlock)
    assert listed.ordered
    assert listed.items[0] is LISTED.items[0]
    assert listed.items[1][0] == Heading(2, (Text("5"),))
    assert listed.items[1][1] is LISTED.items[1][1]
    assert block_texts(mapped.blocks) == ["Zero", "One two\nthe site", "\u201cthree\u201d", "four", "5", "six"]


def test_a_rebuild_works_from_the_leaves_up_and_reaches_nested_blocks() -> None:
    seen: list[str] = []

    def note(inline: Inline) -> Inline:
        seen.append(type(inline).__name__)
        if isinstance(inline, Strong):
            # Its children were rebuilt first: the text is already upper case here.
            assert inline.children == (Text("SITE"),)
        return Text(inline.text.upper()) if isinstance(inline, Text) else inline

    def break_to_paragraph(block: Block) -> Block:
        return Paragraph((Text("* * *"),)) if isinstance(block, ThematicBreak) else block

    mapped = map_tree(BLOCKS, inline=note, block=break_to_paragraph)
    assert seen[:6] == ["Text", "Text", "Text", "LineBreak", "Emphasis", "Text"]
    assert block_texts(mapped) == ["ZERO", "ONE TWO\nTHE SITE", "\u201cTHREE\u201d", "* * *", "FOUR", "FIVE", "SIX"]
    assert isinstance(mapped[2], BlockQuote)
    assert mapped[2].blocks[1] == Paragraph((Text("* * *"),))


@given(documents())
def test_a_rebuild_of_any_document_changes_what_it_is_asked_to_and_nothing_else(document: Document) -> None:
    assert map_tree(document, inline=lambda inline: inline) is document
    marked = map_tree(document, inline=lambda inline: Text(f"<{inline.text}>") if isinstance(inline, Text) else inline)
    expected = [f"<{node.text}>" for node in walk(document) if isinstance(node, Text)]
    assert [node.text for node in walk(marked) if isinstance(node, Text)] == expected
    assert [type(node) for node in walk(marked)] == [type(node) for node in walk(document)]
