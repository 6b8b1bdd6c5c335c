"""Make decoded text safe for every output format without losing what it says."""

from __future__ import annotations

import re

from convert.text.nonascii import non_ascii_characters

# Characters XML 1.0 cannot carry: C0 controls but tab, newline and carriage return; DEL and the
# C1 controls (legal in XML 1.0 but refused by EPUB and OOXML tooling); U+FFFE and U+FFFF; and lone
# surrogates, which cannot be encoded as UTF-8 at all (JSON escapes can make them). Those that
# separate words or lines are replaced by white space, so that words stay apart; the others are
# removed without a trace.
VANISHING = r"\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff"
"""The characters removed without a trace, as the inside of a regular-expression class (in escapes
that Python and JSON Schema patterns read alike)."""
_SEPARATING_CHARACTERS = r"\x0b\x0c\x1c-\x1f"
_FORBIDDEN = re.compile(f"[{VANISHING}{_SEPARATING_CHARACTERS}]")
_SEPARATING = re.compile(f"[{_SEPARATING_CHARACTERS}]")
_LINE_ENDS = re.compile("\r\n|\r|\x85|\u2028")


def remove_forbidden(text: str) -> tuple[str, int]:
    """Remove characters XML cannot carry; return the text and how many were removed."""
    if _FORBIDDEN.search(non_ascii_characters(text)) is None:  # the usual case: nothing copied
        return text, 0
    text, separating = _SEPARATING.subn("\n", text)
    text, removed = _FORBIDDEN.subn("", text)
    return text, separating + removed


def forbidden_warning(count: int) -> str:
    """The one warning that reports removed characters."""
    plural = "" if count == 1 else "s"
    return f"removed {count} control character{plural} that XML cannot carry"


def unify_line_ends(text: str) -> str:
    """Turn CRLF, CR, NEL and LINE SEPARATOR into LF, and PARAGRAPH SEPARATOR into a blank line."""
    unusual = non_ascii_characters(text)
    if _LINE_ENDS.search(unusual) is not None:
        text = _LINE_ENDS.sub("\n", text)
    return text.replace("\u2029", "\n\n") if "\u2029" in unusual else text
