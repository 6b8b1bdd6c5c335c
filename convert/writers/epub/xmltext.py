"""Text that XML can carry: forbidden characters removed and counted."""

from __future__ import annotations

import re

from convert.text.cleaning import forbidden_warning, remove_forbidden

# Lone surrogates cannot be encoded as UTF-8, so they cannot reach any XML file either.
_SURROGATES = re.compile("[\ud800-\udfff]")


class TextCleaner:
    """Removes the characters XML cannot carry from every string it is given, and counts them."""

    def __init__(self) -> None:
        self.removed = 0

    def __call__(self, text: str, count: bool = True) -> str:
        """`text` without forbidden characters; `count=False` for copies of text counted elsewhere."""
        cleaned, removed = remove_forbidden(text)
        cleaned, surrogates = _SURROGATES.subn("", cleaned)
        if count:
            self.removed += removed + surrogates
        return cleaned

    def warnings(self) -> list[str]:
        """The one warning about removed characters, if any were removed."""
        return [forbidden_warning(self.removed)] if self.removed else []
