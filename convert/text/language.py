"""The shape of a BCP 47 language tag, one rule for every place convert meets a tag: the JSON
reader and its schema, the preparation step before the writers, the command line, and the
writers that read a tag's subtags."""

from __future__ import annotations

import re


def _caseless(literal: str) -> str:
    """`literal` as a pattern that matches it in any letter case, without a flag (JSON Schema has none)."""
    return "".join(f"[{char.lower()}{char.upper()}]" if char.isalpha() else re.escape(char) for char in literal)


_ALPHA = "[A-Za-z]"
_ALNUM = "[A-Za-z0-9]"
# RFC 5646's well-formed language tag, section 2.1: language (with extended subtags), script,
# region, variants, extensions and private use; or private use alone; or a grandfathered tag.
_LANGTAG = (
    f"(?:{_ALPHA}{{2,3}}(?:-{_ALPHA}{{3}}){{0,3}}|{_ALPHA}{{4}}|{_ALPHA}{{5,8}})"
    f"(?:-{_ALPHA}{{4}})?"
    f"(?:-(?:{_ALPHA}{{2}}|[0-9]{{3}}))?"
    f"(?:-(?:{_ALNUM}{{5,8}}|[0-9]{_ALNUM}{{3}}))*"
    f"(?:-[0-9A-WYZa-wyz](?:-{_ALNUM}{{2,8}})+)*"
    f"(?:-[xX](?:-{_ALNUM}{{1,8}})+)?"
)
_PRIVATE_USE = f"[xX](?:-{_ALNUM}{{1,8}})+"
_GRANDFATHERED = "|".join(
    _caseless(tag)
    for tag in (
        "en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo",
        "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE",
    )
)  # fmt: skip

LANGUAGE_TAG = f"(?:{_LANGTAG}|{_PRIVATE_USE}|{_GRANDFATHERED})"
"""A well-formed BCP 47 tag in any letter case ("en", "pt-BR", "zh-Hant-TW", "de-CH-1901",
"x-private"), as a regular expression without anchors or flags, so that a JSON Schema can
embed it too."""

_TAG = re.compile(LANGUAGE_TAG)


def is_language_tag(text: str) -> bool:
    """True if the whole of `text` is a well-formed language tag (no white space around it)."""
    return _TAG.fullmatch(text) is not None


_SUBTAG_SEPARATOR = re.compile(r"[-_]")


def primary_language(tag: str) -> str:
    """The primary subtag of a BCP 47 tag, lower case: "zh" for "zh-Hant-TW"."""
    return _SUBTAG_SEPARATOR.split(tag.strip(), maxsplit=1)[0].lower()


def script_subtag(tag: str) -> str | None:
    """The script subtag of a BCP 47 tag, lower case ("hant" for "zh-Hant-TW"), or None without one:
    four letters right after the language and its extended subtags."""
    for subtag in _SUBTAG_SEPARATOR.split(tag.strip())[1:]:
        if len(subtag) == 4 and subtag.isalpha():
            return subtag.lower()
        if len(subtag) != 3 or not subtag.isalpha():  # a region, variant or extension: past the script's place
            return None
    return None
