"""The book's style sheet, generated from the resolved style so that the EPUB looks like the PDF."""

from __future__ import annotations

from convert.caches import Lru
from convert.styles.types import Style, TextStyle
from convert.text.direction import paragraph_alignment
from convert.text.hyphenation import LETTERS_AFTER, LETTERS_BEFORE, MOST_HYPHENS_IN_A_ROW
from convert.writers.common.contents import entry_indents, entry_style
from convert.writers.epub.fontfaces import FontPlan
from convert.writers.epub.xhtml import PHRASE_CLASS, QUOTE_CLASS

_READERS_SIZE = "100%"
"""The body's size: the one the reader chose in the reading system, whatever the sheet's body size
is in print; every other size, space and indent is in ems of the body (or of its own size), so
the book keeps its proportions at any size the reader picks."""

_ALIGN = {"left": "start", "right": "end", "center": "center", "justify": "justify"}
_PHYSICAL = {"left": "left", "right": "right", "center": "center", "justify": "justify"}
_RTL_PHYSICAL = {"start": "right", "end": "left", "center": "center", "justify": "justify"}


Declarations = tuple[tuple[str, str], ...]
Rule = tuple[str, Declarations]
"""A selector (or "@font-face") and its declarations, in order."""

_SHEETS: Lru[tuple[Style, str], tuple[Rule, ...]] = Lru("convert.writers.epub.css.style_rules", 64)
"""(style, the font plan written out) -> its rules."""


def stylesheet(style: Style, fonts: FontPlan) -> bytes:
    """The CSS for every content document and the navigation document."""
    return "\n".join(_written(rule) for rule in style_rules(style, fonts)).encode("utf-8")


def style_rules(style: Style, fonts: FontPlan) -> tuple[Rule, ...]:
    """The style sheet's rules (made once per style and font plan): what the CSS says, and what
    finding the faces a book draws in reads, as a reading system would."""
    key = (style, repr(fonts))
    found = _SHEETS.get(key)
    return found if found is not None else _SHEETS.keep(key, tuple(_rules(style, fonts)))


def _rules(style: Style, fonts: FontPlan) -> list[Rule]:
    body = style.body
    rules: list[Rule] = [_font_face(face.family, face.bold, face.italic, face.file_name) for face in fonts.faces]
    rules.append(
        _rule(
            "body",
            [
                ("font-size", _READERS_SIZE),
                *_font(body, fonts),
                *_paragraph_look(body),
                ("overflow-wrap", "break-word"),
                ("word-wrap", "break-word"),
            ],
        )
    )
    rules.append(_rule("p", _block_box(body, body)))
    rules.append(_rule("p.first", [*_text(style.first, body, fonts), *_block_box(style.first, style.first)]))
    rules.append(_rule("p.continued", [("text-indent", "0"), ("margin-top", "0")]))
    # Right-to-left paragraphs as every format sets them: from the right margin, never justified,
    # no first-line indent, and quotations upright (Arabic and Hebrew have no italic).
    rtl = paragraph_alignment(body.align, right_to_left=True)
    rules.append(
        _rule(
            '[dir="rtl"] p, p[dir="rtl"]',
            [("text-align", _RTL_PHYSICAL[rtl]), ("text-align", rtl), ("text-indent", "0")],
        )
    )
    rules.append(_rule(f'[dir="rtl"] span.{QUOTE_CLASS}', [("font-style", "normal")]))
    rules.append(_rule("h1.title", _heading(style.title, body, fonts)))
    rules.append(_rule("p.date", [*_text(style.date, body, fonts), *_block_box(style.date, style.date)]))
    rules.append(_rule('p.date[dir="ltr"]', [("text-align", "right")]))  # under a right-to-left title
    rules.append(_rule("p.subtitle", [*_text(style.date, body, fonts), *_block_box(style.date, style.date)]))
    rules.append(_rule("h1.section", _heading(style.section, body, fonts)))
    rules.append(_rule("h2", _heading(style.heading1, body, fonts)))
    rules.append(_rule("h3", _heading(style.heading2, body, fonts)))
    rules.append(_rule("h4, h5, h6", _heading(style.heading3, body, fonts)))
    quote = style.blockquote
    rules.append(_rule("blockquote", [*_text(quote, body, fonts), *_block_box(quote, quote)]))
    rules.append(_rule("blockquote p", [("text-indent", _em(quote.first_line_indent, quote.size)), ("margin", "0")]))
    rules.append(_rule("blockquote p + p", [("margin-top", _em(quote.space_after, quote.size))]))
    rules.append(_rule(f"span.{QUOTE_CLASS}", [*_font(style.quote, fonts), ("color", style.quote.color.hex)]))
    rules.append(_rule("li > p", [("margin", "0"), ("text-indent", "0")]))
    rules.append(
        _rule(
            "hr",
            [
                ("border", "0"),
                ("border-top", f"1px solid {body.color.hex}"),
                ("width", "30%"),
                ("margin", f"{_em(body.leading, body.size)} auto"),
            ],
        )
    )
    rules.append(_rule("section.titlepage", [("margin-top", "20%"), ("text-align", "center")]))
    rules.append(_rule("section.titlepage h1.title", [("text-align", "center")]))
    # A phrase breaks inside itself only when it is wider than the line on its own.
    rules.append(_rule(f"span.{PHRASE_CLASS}", [("display", "inline-block")]))
    rules.append(_rule("section.cover", [("margin", "0"), ("padding", "0"), ("text-align", "center")]))
    picture = [("display", "block"), ("margin", "0 auto"), ("max-width", "100%"), ("max-height", "100vh")]
    rules.append(_rule("img.cover", [*picture, ("height", "auto")]))
    rules.append(_rule("nav#toc ol", [("list-style-type", "none"), ("margin", "0"), ("padding", "0")]))
    rules.append(_rule("nav#toc h1.toc-title", _heading(style.section, body, fonts)))
    for level, selector in enumerate(("li.toc1", "li.toc2")):
        rules.append(_rule(selector, _contents_entry(style, level, fonts)))
    rules.append(_rule("nav#toc a", [("color", "inherit"), ("text-decoration", "none")]))
    return rules


def _contents_entry(style: Style, level: int, fonts: FontPlan) -> list[tuple[str, str]]:
    """A contents entry with the hanging indent every format gives it; an entry of level 1 sits inside
    its group's, so its margin counts from where the group's wrapped lines start."""
    text_style = entry_style(style, level)
    indents = entry_indents(text_style)
    left = indents.left - (entry_indents(style.toc1).left if level else 0.0)
    size = text_style.size
    box = [
        (name, value)
        for name, value in _block_box(text_style, text_style)
        if name not in ("margin-left", "text-indent")
    ]
    hanging = [("margin-left", _em(left, size)), ("text-indent", _em(-indents.hanging, size))]
    return [*_text(text_style, style.body, fonts), *box, *hanging]


def _font_face(family: str, bold: bool, italic: bool, file_name: str) -> Rule:
    return _rule(
        "@font-face",
        [
            ("font-family", _string(family)),
            ("font-weight", "bold" if bold else "normal"),
            ("font-style", "italic" if italic else "normal"),
            ("src", f"url({_string(file_name)})"),
        ],
    )


def _heading(text_style: TextStyle, body: TextStyle, fonts: FontPlan) -> list[tuple[str, str]]:
    keep = [("page-break-after", "avoid"), ("break-after", "avoid")] if text_style.keep_with_next else []
    return [
        *_text(text_style, body, fonts),
        *_block_box(text_style, text_style),
        ("page-break-inside", "avoid"),
        ("break-inside", "avoid"),
        *keep,
    ]


def _text(text_style: TextStyle, body: TextStyle, fonts: FontPlan) -> list[tuple[str, str]]:
    """Everything about the letters, with the size relative to the body's."""
    return [
        ("font-size", _em(text_style.size, body.size)),
        *_font(text_style, fonts),
        *_paragraph_look(text_style),
    ]


def _font(text_style: TextStyle, fonts: FontPlan) -> list[tuple[str, str]]:
    names = fonts.stacks.get(text_style.family.name, (text_style.family.name,))
    stack = ", ".join([*(_string(name) for name in names), _generic(text_style.family.name)])
    return [
        ("font-family", stack),
        ("font-weight", "bold" if text_style.bold else "normal"),
        ("font-style", "italic" if text_style.italic else "normal"),
    ]


_HYPHENATION_RULES = [
    # The PDF's rules, for reading systems that know them: two letters before a break and three
    # after it (in words of six or more), no two hyphenated lines in a row, none on a last line.
    ("-webkit-hyphenate-limit-before", str(LETTERS_BEFORE)),
    ("-webkit-hyphenate-limit-after", str(LETTERS_AFTER)),
    ("hyphenate-limit-chars", f"{LETTERS_BEFORE + LETTERS_AFTER + 1} {LETTERS_BEFORE} {LETTERS_AFTER}"),
    ("hyphenate-limit-lines", str(MOST_HYPHENS_IN_A_ROW)),
    ("hyphenate-limit-last", "always"),
]


def _paragraph_look(text_style: TextStyle) -> list[tuple[str, str]]:
    hyphens = "auto" if text_style.hyphenate else "manual"
    physical, logical = _PHYSICAL[text_style.align], _ALIGN[text_style.align]
    # The physical value first, for reading systems that know no logical one; then the logical
    # one, so that "left" means "where lines start" in right-to-left text too.
    align = [("text-align", physical)] + ([("text-align", logical)] if logical != physical else [])
    return [
        ("line-height", _number(text_style.leading / text_style.size)),
        ("color", text_style.color.hex),
        *align,
        ("-webkit-hyphens", hyphens),
        ("-epub-hyphens", hyphens),
        ("hyphens", hyphens),
        *(_HYPHENATION_RULES if text_style.hyphenate else []),
    ]


def _block_box(text_style: TextStyle, own: TextStyle) -> list[tuple[str, str]]:
    """Spacing and indents, in ems of the element's own size so that they scale with it."""
    size = own.size
    return [
        ("margin-top", _em(text_style.space_before, size)),
        ("margin-bottom", _em(text_style.space_after, size)),
        ("margin-left", _em(text_style.left_indent, size)),
        ("margin-right", _em(text_style.right_indent, size)),
        ("text-indent", _em(text_style.first_line_indent, size)),
    ]


def _generic(name: str) -> str:
    folded = name.casefold()
    if "mono" in folded or "code" in folded:
        return "monospace"
    return "sans-serif" if "sans" in folded else "serif"


def _rule(selector: str, declarations: list[tuple[str, str]]) -> Rule:
    return selector, tuple(declarations)


def _written(rule: Rule) -> str:
    selector, declarations = rule
    body = "".join(f"  {name}: {value};\n" for name, value in declarations)
    return f"{selector} {{\n{body}}}\n"


def _em(points: float, size: float) -> str:
    value = points / size if size else 0.0
    return "0" if abs(value) < 0.0005 else f"{_number(value)}em"


def _number(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _string(text: str) -> str:
    """A CSS string: quotes and backslashes escaped, line ends as escapes."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ").replace("\r", "\\D ")
    return f'"{escaped}"'
