"""Web addresses made valid for XHTML: characters percent-encoded, hosts in ASCII, unsafe schemes refused."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_URL_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?@!$&'()*+,;=")
_HEX = frozenset("0123456789abcdefABCDEF")
LINK_SCHEMES = ("http", "https", "mailto", "ftp")
"""Schemes kept as links; the text of any other link is kept without the link."""


def valid_url(url: str) -> str | None:
    """`url` as a valid absolute URL (characters percent-encoded where needed), or None if it cannot be one."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in LINK_SCHEMES:
        return None
    if scheme == "mailto":
        return f"mailto:{_encode(parts.path)}" if parts.path else None
    if not host:
        return None
    try:
        ascii_host = host if host.isascii() else host.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    if not re.fullmatch(r"[a-z0-9.\-]+|\[[0-9a-f:.]+\]", ascii_host if ":" not in ascii_host else f"[{ascii_host}]"):
        return None
    netloc = f"[{ascii_host}]" if ":" in ascii_host else ascii_host
    userinfo, at, _ = parts.netloc.rpartition("@")
    if at:
        netloc = f"{_encode(userinfo)}@{netloc}"
    if port is not None:
        netloc += f":{port}"
    path = _encode(parts.path) or "/"
    query = f"?{_encode(parts.query)}" if parts.query else ""
    fragment = f"#{_encode(parts.fragment)}" if parts.fragment else ""
    return f"{scheme}://{netloc}{path}{query}{fragment}"


def _encode(part: str) -> str:
    """Percent-encode every character a URL may not hold, keeping valid escapes as they are."""
    out: list[str] = []
    for index, char in enumerate(part):
        escape = char == "%" and part[index + 1 : index + 2] in _HEX and part[index + 2 : index + 3] in _HEX
        if char in _URL_SAFE or escape:
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8", "surrogatepass"))
    return "".join(out)
