"""Strings the package can carry: XML-forbidden characters counted out, language tags checked."""

from __future__ import annotations

import re

from convert.text.cleaning import forbidden_warning, remove_forbidden

# Lone surrogates cannot be encoded as UTF-8, so no XML part can hold them either.
_SURROGATES = re.compile("[\ud800-\udfff]")
_LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*")


class TextCleaner:
    """Removes what XML cannot carry from every string it is given, counting what it removed."""

    def __init__(self) -> None:
        self.removed = 0

    def __call__(self, text: str) -> str:
        if text.isascii() and text.isprintable():
            return text
        cleaned, count = remove_forbidden(text)
        cleaned, surrogates = _SURROGATES.subn("", cleaned)
        self.removed += count + surrogates
        return cleaned

    def warnings(self) -> list[str]:
        """The one warning that counts removed characters, if any were removed."""
        return [forbidden_warning(self.removed)] if self.removed else []


def language_tag(tag: str) -> str | None:
    """`tag` if it is shaped like a BCP 47 language tag, else None."""
    cleaned = tag.strip()
    return cleaned if _LANGUAGE_TAG.fullmatch(cleaned) else None
