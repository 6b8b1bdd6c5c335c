"""Which strings are links, and the one target every writer gives them (PDF annotation, DOCX
relationship, EPUB href), so that a link is a link in every format or in none.

A string is a link when all of this holds; otherwise its text is kept, unlinked:

- It holds no white space, no control character, no format character (bidirectional controls,
  zero-width characters, the soft hyphen: invisible, they disguise what a link says), no lone
  surrogate and no noncharacter, anywhere. So `https://exa mple.org` is text.
- Its scheme is `http`, `https` or `mailto`, in any case.
- `http` and `https`: `//`, then a host, an optional port, and anything after `/`, `?` or `#`.
  The host is a name of dot-separated labels (letters, digits and inner hyphens, at most 63
  characters each, 253 in all; a label beyond ASCII must have an IDNA form) whose last label is
  not a number, or a dotted IPv4 address in its usual form (`192.0.2.1`), or a bracketed IPv6
  one. A port is a number from 1 to 65535. User information (`user@` before the host) is refused:
  it only serves to make a link look as if it went somewhere else. So `https://` alone is text.
- `mailto`: one address, a non-empty local part, `@` and a host name as above, then optionally
  `?` and header fields.

The target is the string as written with only what a URI cannot hold changed: a host label beyond
ASCII becomes its IDNA form (`xn--…`), and every other character a URI may not hold is
percent-encoded as UTF-8: those beyond ASCII, the ASCII ones RFC 3986 does not allow (such as
`"`, `<`, `>`, `\\`, `^`, `{`, `|`, `}`, and `[` and `]` outside an IPv6 host), `#` inside the
fragment, and `%` where it starts no escape. A target is its own target, and the same for every
format; the text a link shows stays as written.

A link needs text to click: one whose text shows nothing (only white space, controls or format
characters, or a line break) is no link either. And a link inside a link cannot be one in HTML,
and nowhere else says anything clear: the outermost link that is a link takes all the text inside
it (`nested_target`).
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata

from convert.model import Link, inline_text

_SCHEMES = frozenset({"http", "https", "mailto"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?")
_NUMERIC_LABEL = re.compile(r"[0-9]+|0[xX][0-9A-Fa-f]*")
"""A last label browsers read as a number, making the whole host an IPv4 address."""
_PORT = re.compile(r"[0-9]{1,5}")
_KEPT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/?")
"""RFC 3986 unreserved and sub-delimiter characters, and those a path, query or fragment may hold."""
_HEX = frozenset("0123456789abcdefABCDEF")
_REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zs", "Zl", "Zp"})


def link_target(url: str) -> str | None:
    """The target every writer emits for a link to `url`, or None when `url` is not a link (see above)."""
    if not _clean(url):
        return None
    scheme_match = _SCHEME.match(url)
    if scheme_match is None or scheme_match.group(1).lower() not in _SCHEMES:
        return None
    scheme = scheme_match.group(1)
    rest = url[scheme_match.end() :]
    if scheme.lower() == "mailto":
        return _mailto(scheme, rest)
    if not rest.startswith("//"):
        return None
    rest = rest[2:]
    end = min((index for index in (rest.find(mark) for mark in "/?#") if index != -1), default=len(rest))
    authority = _authority(rest[:end])
    if authority is None:
        return None
    return f"{scheme}://{authority}{_after_authority(rest[end:])}"


def nested_target(outer: str | None, link: Link) -> str | None:
    """The target of the text of `link`, which sits inside a link with target `outer` (None outside any
    link, or inside links that are not links): the outer one's when it has one, else `link`'s own when
    its URL is a link and its text shows something to click."""
    if outer is not None:
        return outer
    return link_target(link.url) if shows_something(inline_text(link.children)) else None


def shows_something(text: str) -> bool:
    """Whether `text` has a character to see: one that is no white space, control or format character."""
    if text.isascii():
        return any(" " < char < "\x7f" for char in text)
    return not all(_invisible(char) for char in text)


def _clean(url: str) -> bool:
    """Whether `url` holds none of the characters that keep any string from being a link."""
    if url.isascii():
        return url.isprintable() and " " not in url and bool(url)
    return not any(_invisible(char) for char in url)


def _invisible(char: str) -> bool:
    """White space, controls, format characters, lone surrogates and noncharacters: nothing to see."""
    code = ord(char)
    return (
        unicodedata.category(char) in _REFUSED_CATEGORIES
        or char.isspace()
        or 0xFDD0 <= code <= 0xFDEF
        or (code & 0xFFFE) == 0xFFFE
    )


def _authority(authority: str) -> str | None:
    """The host and port as a target holds them, or None when they are no host (and port)."""
    if "@" in authority:
        return None
    if authority.startswith("["):
        close = authority.find("]")
        host, port = authority[: close + 1], authority[close + 1 :]
        if close == -1 or not _ipv6(host[1:-1]):
            return None
    else:
        host, colon, port_number = authority.partition(":")
        port = colon + port_number
        ascii_host = _host_name(host)
        if ascii_host is None:
            return None
        host = ascii_host
    if port and not (port.startswith(":") and _PORT.fullmatch(port[1:]) and 1 <= int(port[1:]) <= 65535):
        return None
    return host + port


def _ipv6(text: str) -> bool:
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return "%" not in text  # a zone names an interface of the reader's machine, not a place


def _host_name(host: str) -> str | None:
    """`host` with labels beyond ASCII in their IDNA form, or None when it is no host name or address."""
    if not host:
        return None
    encoded: list[str] = []
    for label in host.split("."):
        if not label.isascii():
            try:
                label = label.encode("idna").decode("ascii")
            except UnicodeError:
                return None
        encoded.append(label)
    if _NUMERIC_LABEL.fullmatch(encoded[-1]):  # an IPv4 address, or nothing: written as one, in ASCII
        try:
            return host if host.isascii() and str(ipaddress.IPv4Address(host)) == host else None
        except ValueError:
            return None
    name = ".".join(encoded)
    return name if len(name) <= 253 and all(_LABEL.fullmatch(label) for label in encoded) else None


def _mailto(scheme: str, rest: str) -> str | None:
    address, mark, headers = rest.partition("?")
    local, at, host = address.rpartition("@")
    if not at or not local or "@" in local:
        return None
    ascii_host = _host_name(host)
    if ascii_host is None or _NUMERIC_LABEL.fullmatch(ascii_host.rsplit(".", 1)[-1]):
        return None
    return f"{scheme}:{_encoded(local)}@{ascii_host}{mark}{_encoded(headers)}"


def _after_authority(rest: str) -> str:
    """Path, query and fragment, percent-encoded where a URI needs it; a `#` inside the fragment too."""
    before, mark, fragment = rest.partition("#")
    return _encoded(before) + mark + _encoded(fragment)


def _encoded(part: str) -> str:
    """`part` with every character a URI may not hold percent-encoded, valid escapes kept as they are."""
    out: list[str] = []
    for index, char in enumerate(part):
        if char in _KEPT or (
            char == "%" and part[index + 1 : index + 2] in _HEX and part[index + 2 : index + 3] in _HEX
        ):
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8"))
    return "".join(out)
