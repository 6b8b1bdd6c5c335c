"""Runs to reportlab's paragraph markup, every character of text escaped so none reads as a tag."""

from __future__ import annotations

from collections.abc import Iterable

from convert.writers.pdf.runs import Run

_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


def escape_text(text: str) -> str:
    """`text` as paragraph markup that prints it literally: `<b>` stays four characters."""
    return text.translate(_TEXT)


def escape_attribute(value: str) -> str:
    """`value` safe inside a double-quoted markup attribute."""
    return value.translate(_ATTRIBUTE)


def runs_markup(runs: Iterable[Run], font: str, color: str) -> str:
    """Markup drawing `runs` inside a paragraph whose own font and colour are `font` and `color`."""
    parts: list[str] = []
    for run in runs:
        if run.line_break:
            parts.append("<br/>")
            continue
        text = escape_text(run.text)
        attributes = []
        if run.font != font:
            attributes.append(f'face="{escape_attribute(run.font)}"')
        if run.color != color:
            attributes.append(f'color="{run.color}"')
        if attributes:
            text = f"<font {' '.join(attributes)}>{text}</font>"
        if run.link:
            text = f'<a href="{escape_attribute(run.link)}">{text}</a>'
        parts.append(text)
    return "".join(parts)
