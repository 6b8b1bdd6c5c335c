"""The shape of a BCP 47 language tag, one rule for every place convert meets a tag."""

from __future__ import annotations

import re

LANGUAGE_TAG = "[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*"
"""A primary subtag of 2 to 8 letters, then subtags of 1 to 8 letters or digits ("en", "pt-BR",
"zh-Hant-TW", "de-CH-1901"): the common shapes of BCP 47, which every output format accepts.
A regular expression without anchors, so that a JSON Schema can embed it too."""

_TAG = re.compile(LANGUAGE_TAG)


def is_language_tag(text: str) -> bool:
    """True if the whole of `text` is shaped like a language tag (no white space around it)."""
    return _TAG.fullmatch(text) is not None
