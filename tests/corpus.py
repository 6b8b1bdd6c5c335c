"""Documents every writer is tested on: the samples, hostile inputs, generated documents and digests."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from hypothesis import strategies as st

from convert.model import (
    Block,
    BlockQuote,
    Document,
    Emphasis,
    FrontMatter,
    Heading,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Metadata,
    Paragraph,
    Publication,
    Quote,
    Section,
    Strong,
    Text,
    ThematicBreak,
)
from convert.model.identifiers import content_identifier
from convert.readers import read_file
from convert.readers.seed import read_seed

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

MARKUP = (
    "AT&T said x<y and y>z; <b>not bold</b> <font size=72>not big</font> <img src=x onerror=alert(1)> "
    "]]> &amp; &lt;tag&gt; <![CDATA[ raw ]]> <!-- not a comment --> <?xml version='1.0'?> "
    "<para>no</para> <br/> \\n {braces} $dollar %percent #hash ^caret _under_ ~tilde `tick` |pipe| "
    "\"straight\" 'single' &#x41; &nbsp; <a href='javascript:alert(1)'>link</a>"
)

SCRIPTS = {
    "latin": "Résumé of the Zürich naïve café meeting: œuvre, façade, Ærø, Łódź, ß.",
    "greek": "Η Ελένη Παπαδοπούλου μίλησε για το νέο λιμάνι της Θεσσαλονίκης.",
    "cyrillic": "Анна Смирнова сообщила, что новый мост откроется весной.",
    "arabic": "قالت المتحدثة باسم البلدية إن محطة تحلية المياه الجديدة ستفتتح في الربيع المقبل.",
    "hebrew": "ראש העירייה אמר כי הגשר החדש ייפתח לתנועה בחודש הבא.",
    "devanagari": "नगर निगम ने कहा कि नया पुल अगले महीने खुलेगा।",
    "thai": "เทศบาลกล่าวว่าสะพานใหม่จะเปิดใช้งานในเดือนหน้า",
    "chinese": "市政府表示新桥将于下个月通车。",
    "japanese": "市は新しい橋が来月開通すると発表しました。東京",
    "korean": "시 당국은 새 다리가 다음 달에 개통된다고 밝혔다.",
}

CONTROLS = "Bell\x07 escape\x1b delete\x7f next-line-free\x9b and a form\x0cfeed between words."


def seed_bytes(date: str | None, paragraphs: list[str]) -> bytes:
    """A seed file's bytes: the date line starting the first paragraph, blank lines between."""
    text = "\n\n".join(paragraphs)
    if date is not None:
        text = f"date {date} {text}"
    return text.encode("utf-8")


def sample_documents() -> list[Document]:
    """Every sample article in seeds/, read by the seed reader."""
    documents = []
    for path in sorted(SEEDS.glob("*.txt")):
        item = read_file(path)
        assert isinstance(item, Document)
        documents.append(item)
    return documents


MIXED_LANGUAGES = (
    "The minister, Kim Ji-won (김지원), met the novelist Yamada Sakura (山田さくら) in Seoul on Tuesday.",
    "قال المتحدث إن المحادثات ستستمر حتى نهاية الأسبوع.",
    "A guest from Haifa answered: “שלום לכולם, ברוכים הבאים.”",
    "The talks end on Friday.",
)
"""An English article with an Arabic paragraph, a Hebrew quote, and a Korean and a Japanese name inline."""


def mixed_language_document() -> Document:
    """`MIXED_LANGUAGES` as the seed reader reads it: an English article whose parts are in four other languages."""
    return read_seed(seed_bytes("2024-03-05", list(MIXED_LANGUAGES)), "mixed-languages.txt")


def hostile_documents() -> dict[str, Document]:
    """Inputs that break careless writers, by name, read through the seed reader."""
    long_word = "".join(random.Random(7).choice("abcdefghijklmnopqrstuvwxyz") for _ in range(5000))
    url = "https://example.org/" + "/".join(f"segment{i:03d}" for i in range(120)) + "?q=" + "x" * 300
    huge = " ".join(f"word{i % 997}" for i in range(60_000))
    sources: dict[str, tuple[str | None, list[str]]] = {
        "markup": ("2024-02-01", [f"Markup is text: {MARKUP}", MARKUP, "Ends with ]]> and <![CDATA[ too."]),
        "controls": ("2024-02-02", ["A paragraph with control characters.", CONTROLS]),
        "scripts": ("2024-02-03", ["Every script in one article follows.", *SCRIPTS.values()]),
        "long_words": ("2024-02-04", [f"A very long word follows: {long_word} and then a URL {url} ends it."]),
        "huge_paragraph": ("2024-02-05", [f"A paragraph of sixty thousand words follows. {huge}"]),
        "rtl": (
            "2024-02-06",
            [
                SCRIPTS["arabic"],
                SCRIPTS["arabic"] + " " + SCRIPTS["arabic"],
                "An English paragraph.",
                SCRIPTS["hebrew"],
            ],
        ),
        "undated": (None, ["An article without a date line, and one paragraph only."]),
    }
    return {
        name: read_seed(seed_bytes(date, paragraphs), f"{name}.txt") for name, (date, paragraphs) in sources.items()
    }


_WORDS = [
    "harbour",
    "council",
    "budget",
    "river",
    "bridge",
    "station",
    "school",
    "market",
    "festival",
    "ferry",
    "library",
    "museum",
    "water",
    "engineers",
    "residents",
    "officials",
    "said",
    "Tuesday",
    "percent",
    "million",
    "report",
    "plan",
    "vote",
    "project",
    "summer",
    "winter",
]


def generated_document(index: int, date: dt.date | None, paragraphs: int = 6) -> Document:
    """A plain made-up article, the same for the same index."""
    chooser = random.Random(index)
    texts = []
    for _ in range(paragraphs):
        words = [chooser.choice(_WORDS) for _ in range(chooser.randint(30, 70))]
        words[0] = words[0].capitalize()
        texts.append(" ".join(words) + ".")
    texts[1] = f"\u201cWe expect the {chooser.choice(_WORDS)} to open soon,\u201d officials said in item {index}."
    return read_seed(seed_bytes(date.isoformat() if date else None, texts), f"article-{index:05d}.txt")


def many_article_publication(count: int = 12, with_front_matter: bool = True) -> Publication:
    """A digest-like publication: `count` articles in monthly sections, the last one undated."""
    start = dt.date(2024, 1, 1)
    documents = [
        generated_document(index, start + dt.timedelta(days=5 * index) if index < count - 1 else None)
        for index in range(count)
    ]
    sections: dict[str, list[Document]] = {}
    for document in documents:
        date = document.metadata.date
        sections.setdefault(date.strftime("%B %Y") if date else "Undated", []).append(document)
    dated = [doc.metadata.date for doc in documents if doc.metadata.date]
    return Publication(
        title="News digest",
        subtitle=f"{len(documents)} articles",
        language="en",
        identifier=content_identifier(*(doc.metadata.identifier for doc in documents)),
        sections=tuple(Section(title, tuple(docs)) for title, docs in sections.items()),
        date=max(dated) if dated else None,
        front_matter=FrontMatter(cover=with_front_matter, title_page=with_front_matter, contents=with_front_matter),
        modified=dt.datetime(2024, 3, 1, tzinfo=dt.UTC),
    )


# Generated documents -------------------------------------------------------------------------

_SAFE_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Co", "Cn"),
        blacklist_characters="\ufffe\uffff",
    )
    | st.sampled_from(" <>&\"';]]"),
    min_size=1,
    max_size=40,
).filter(lambda text: bool(text.strip()))


_PLAIN_URL = "https://example.org/a?b=1&c=2"
LINK_URLS = st.sampled_from(
    [
        _PLAIN_URL,
        "http://example.org",
        "HTTPS://Example.org/Caf\u00e9?q=\u00e4#top",
        "https://b\u00fccher.example/\u00e4 b",
        "https://b\u00fccher.example/\u00e4-b",
        "https://exa mple.org/",
        "https://",
        "https://user@example.org/",
        "https://1.2.3/",
        "https://[2001:db8::1]:8443/x",
        "mailto:desk@example.org?subject=Tip",
        "ftp://example.org/file",
        "javascript:alert(1)",
        "",
    ]
)
"""Link targets that are links and ones that are not, each a case the link rule decides."""


def _inlines(depth: int, urls: st.SearchStrategy[str]) -> st.SearchStrategy[tuple[Inline, ...]]:
    leaf: st.SearchStrategy[Inline] = st.builds(Text, _SAFE_TEXT)
    if depth == 0:
        return st.lists(leaf, min_size=1, max_size=3).map(tuple)
    children = _inlines(depth - 1, urls)
    inline: st.SearchStrategy[Inline] = st.one_of(
        leaf,
        leaf,
        st.builds(Emphasis, children),
        st.builds(Strong, children),
        st.builds(Quote, children),
        st.builds(Link, urls, children),
        st.just(LineBreak()),
    )
    return st.lists(inline, min_size=1, max_size=4).map(tuple)


_DIRECTION = st.sampled_from([None, None, "rtl", "ltr"])


def blocks_linking(urls: st.SearchStrategy[str]) -> st.SearchStrategy[Block]:
    """Blocks of every kind whose links go to `urls`."""
    paragraph: st.SearchStrategy[Block] = st.builds(Paragraph, _inlines(2, urls), _DIRECTION)
    return st.one_of(
        paragraph,
        paragraph,
        st.builds(Heading, st.integers(1, 3), _inlines(1, urls), _DIRECTION),
        st.builds(BlockQuote, st.lists(paragraph, min_size=1, max_size=2).map(tuple)),
        st.builds(
            ListBlock,
            st.lists(st.lists(paragraph, min_size=1, max_size=2).map(tuple), min_size=1, max_size=3).map(tuple),
            st.booleans(),
        ),
        st.just(ThematicBreak()),
    )


_BLOCK = blocks_linking(st.just(_PLAIN_URL))


@st.composite
def documents(draw: st.DrawFn, block: st.SearchStrategy[Block] = _BLOCK, most: int = 6) -> Document:
    """Documents of every block and inline kind, with text from across Unicode (XML-safe); `block`
    draws their blocks (`blocks_linking(LINK_URLS)` for links of every kind), `most` at most."""
    blocks = tuple(draw(st.lists(block, min_size=1, max_size=most)))
    title = draw(_SAFE_TEXT)
    metadata = Metadata(
        title=title.strip(),
        date=draw(st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2039, 12, 31))),
        language=draw(st.sampled_from(["en", "ar", "el", "ja", "de"])),
        source="generated.txt",
        identifier=content_identifier(title),
        word_count=draw(st.integers(0, 10_000)),
        direction=draw(st.sampled_from(["ltr", "rtl"])),
        raw_date=draw(st.none() | _SAFE_TEXT),
        warnings=tuple(draw(st.lists(_SAFE_TEXT, max_size=2))),
    )
    return Document(metadata, blocks)


_OFFSETS = st.integers(-(23 * 60 + 59), 23 * 60 + 59).map(lambda minutes: dt.timezone(dt.timedelta(minutes=minutes)))


@st.composite
def publications(draw: st.DrawFn) -> Publication:
    """Publications of generated documents in named or unnamed sections, with or without front
    matter, dates and a modification time (aware, in offsets of whole minutes, as RFC 3339 has them)."""
    sections = draw(
        st.lists(
            st.builds(Section, st.none() | _SAFE_TEXT, st.lists(documents(), min_size=1, max_size=2).map(tuple)),
            max_size=2,
        )
    )
    title = draw(_SAFE_TEXT).strip()
    return Publication(
        title=title,
        language=draw(st.sampled_from(["en", "ar", "pt-BR", "zh-Hant-TW"])),
        identifier=content_identifier(title),
        sections=tuple(sections),
        date=draw(st.none() | st.dates()),
        subtitle=draw(st.none() | _SAFE_TEXT),
        front_matter=draw(st.builds(FrontMatter, st.booleans(), st.booleans(), st.booleans())),
        direction=draw(st.sampled_from(["ltr", "rtl"])),
        modified=draw(st.none() | st.datetimes(timezones=_OFFSETS)),
    )


# Checking that nothing was lost ----------------------------------------------------------------


def words_of(text: str) -> list[str]:
    """The white-space separated words of `text`."""
    return text.split()


def document_words(document: Document) -> list[str]:
    """Every word of an article's title and body, in reading order."""
    from convert.model import block_texts

    return words_of(" ".join([document.metadata.title, *block_texts(document.blocks)]))


def assert_words_in_order(expected: list[str], actual_text: str) -> None:
    """Every expected word occurs in `actual_text`, in order (other text may come between)."""
    position = 0
    for index, word in enumerate(expected):
        found = actual_text.find(word, position)
        if found == -1:
            context = actual_text[position : position + 200]
            raise AssertionError(f"word {index} {word!r} missing after offset {position}: {context!r}")
        position = found + len(word)
