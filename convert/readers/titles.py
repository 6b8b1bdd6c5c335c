"""Derive an article's title from its first sentence, since seed files carry none."""

from __future__ import annotations

import re

from convert.text.phrases import ELLIPSIS

MAX_TITLE_LENGTH = 90

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "gen",
        "maj",
        "col",
        "lt",
        "capt",
        "sgt",
        "cpl",
        "adm",
        "cmdr",
        "jr",
        "sr",
        "prof",
        "rev",
        "gov",
        "sen",
        "rep",
        "pres",
        "inc",
        "ltd",
        "co",
        "corp",
        "plc",
        "vs",
        "etc",
        "no",
        "nos",
        "mt",
        "ft",
        "fig",
        "approx",
        "dept",
        "est",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
    ]
)
# A sentence ends at terminal punctuation, perhaps followed by closing quotes or brackets,
# then white space or the end; CJK full stops need no space after them.
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019\u00bb)\]]*(?=\s|$)|[\u3002\uff01\uff1f]")
_TRAILING_PUNCTUATION = " ,;:\u2013\u2014-"


def first_sentence(paragraph: str) -> str:
    """The paragraph's first sentence, skipping full stops after abbreviations and initials."""
    for match in _SENTENCE_END.finditer(paragraph):
        if match.group().startswith(".") and _is_abbreviation(paragraph[: match.start()]):
            continue
        rest = paragraph[match.end() :].lstrip()
        if rest and rest[0].islower():
            continue
        return paragraph[: match.end()].strip()
    return paragraph.strip()


def derive_title(paragraph: str) -> str:
    """The first sentence, without a final full stop, cut at a word to at most 90 characters."""
    title = first_sentence(paragraph)
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1]
    if len(title) <= MAX_TITLE_LENGTH:
        return title
    cut = title[: MAX_TITLE_LENGTH - 1]
    space = cut.rfind(" ")
    if space > MAX_TITLE_LENGTH // 3:
        cut = cut[:space]
    return cut.rstrip(_TRAILING_PUNCTUATION) + ELLIPSIS


def _is_abbreviation(before: str) -> bool:
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    word = word.lstrip("\"'(\u201c\u2018\u00ab").casefold()
    return (len(word) == 1 and word.isalpha()) or word in _ABBREVIATIONS
