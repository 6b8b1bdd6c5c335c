"""Link targets as Word opens them: web links only, non-ASCII characters percent-encoded."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

_LINK_SCHEMES = frozenset({"http", "https", "mailto", "ftp"})
# Characters a URI may hold as they are (RFC 3986 reserved and unreserved, and "%").
_URI_SAFE = "-._~:/?#[]@!$&'()*+,;=%"


def link_target(url: str) -> str | None:
    """`url` as a relationship target Word opens (non-ASCII percent-encoded), or None if it is no web link."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in _LINK_SCHEMES or not (parts.netloc or parts.scheme.lower() == "mailto"):
        return None
    return quote(url.strip(), safe=_URI_SAFE)
