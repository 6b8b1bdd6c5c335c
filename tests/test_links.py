"""The link rule: which strings are links, and the one target every writer emits for them."""

from __future__ import annotations

import string
from urllib.parse import unquote, urlsplit

import pytest
from ada_url import URL, check_url
from hypothesis import example, given
from hypothesis import strategies as st

from convert.model import Emphasis, Inline, LineBreak, Link, Strong, Text
from convert.text.links import link_target, nested_target


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2"),
        ("http://example.org", "http://example.org"),
        ("HTTPS://Example.ORG/Path", "HTTPS://Example.ORG/Path"),  # as written: both parts are case-blind
        (
            "https://b\u00fccher.example/caf\u00e9?q=\u00e4#\u00a7",
            "https://xn--bcher-kva.example/caf%C3%A9?q=%C3%A4#%C2%A7",
        ),
        ('https://example.org/a<b>"c"{d}|e\\f^g`h', "https://example.org/a%3Cb%3E%22c%22%7Bd%7D%7Ce%5Cf%5Eg%60h"),
        ("https://example.org/[x]#frag#ment", "https://example.org/%5Bx%5D#frag%23ment"),
        ("https://example.org/100%25%zz", "https://example.org/100%25%25zz"),
        ("https://example.org:8080/", "https://example.org:8080/"),
        ("https://192.0.2.1/", "https://192.0.2.1/"),
        ("https://[2001:db8::1]:443/", "https://[2001:db8::1]:443/"),
        ("https://localhost/", "https://localhost/"),
        ("https://example.org?q", "https://example.org?q"),
        ("mailto:desk@example.org", "mailto:desk@example.org"),
        ("mailto:r\u00e9daction@example.org?subject=Tip", "mailto:r%C3%A9daction@example.org?subject=Tip"),
    ],
)
def test_links_and_their_targets(url: str, target: str) -> None:
    assert link_target(url) == target


@pytest.mark.parametrize(
    "url",
    [
        "",
        "https://",  # no host
        "https:///path",
        "https:example.org",
        "https://exa mple.org/",  # a space in the host
        "https://example.org/a b",  # or anywhere
        " https://example.org/",
        "https://example.org/\t",
        "https://exa\u200bmple.org/",  # a zero-width space
        "https://example.org/\u202egnp.exe",  # a right-to-left override
        "https://exam\u00adple.org/",  # a soft hyphen
        "https://example.org/\x07",
        "https://example.org/\ufffe",
        "https://user@example.org/",  # user information
        "https://good.example\\@evil.example/",
        "https://example.org:/",
        "https://example.org:0/",
        "https://example.org:65536/",
        "https://example.org:http/",
        "https://1.2.3/",  # browsers read it as 1.2.0.3
        "https://0x7f.1/",
        "https://192.168.001.1/",
        "https://example.123/",
        "https://[::1%eth0]/",
        "https://[::g]/",
        "https://-example.org/",
        "https://example-.org/",
        "https://exa_mple.org/",
        "https://example..org/",
        "https://example.org./",
        "https://" + "a" * 64 + ".org/",
        "ftp://example.org/",
        "javascript:alert(1)",
        "data:text/html,hi",
        "mailto:",
        "mailto:@example.org",
        "mailto:desk@",
        "mailto:a@b@example.org",
        "mailto:desk@192.0.2.1",
        "example.org",
    ],
)
def test_what_is_no_link(url: str) -> None:
    assert link_target(url) is None


def test_the_outermost_link_takes_the_text_inside_it() -> None:
    inner = Link("https://example.org/inner", (Text("inner"),))
    assert nested_target("https://example.org/outer", inner) == "https://example.org/outer"
    assert nested_target(None, inner) == "https://example.org/inner"
    assert nested_target(None, Link("javascript:alert(1)", (Text("text"),))) is None


@pytest.mark.parametrize(
    "children",
    [(), (LineBreak(),), (Text(" \t"),), (Emphasis((Text("\u200b\u00a0"),)),), (Text("\x07"),)],
)
def test_a_link_with_nothing_to_click_is_no_link(children: tuple[Inline, ...]) -> None:
    assert nested_target(None, Link("https://example.org/", children)) is None


@pytest.mark.parametrize("children", [(Text("x"),), (Text(" \u4e2d "),), (LineBreak(), Strong((Text("\u0628"),)))])
def test_a_link_with_something_to_click_is_one(children: tuple[Inline, ...]) -> None:
    assert nested_target(None, Link("https://example.org/", children)) == "https://example.org/"


_URLISH = st.text(
    st.sampled_from([*"hpstmailo:/.?#@%[]-_ \t\u200b\u00e9\u00fc\u4e2d", *string.ascii_letters[:6], *"0123456789"])
    | st.characters(blacklist_categories=("Cs",)),
    max_size=30,
)
_SCHEME = st.sampled_from(["http://", "https://", "HTTPS://", "mailto:", "ftp://", "javascript:", "", "https:"])


@given(st.builds(str.__add__, _SCHEME, _URLISH))
@example("https://exa mple.org")
@example("https://")
def test_every_target_is_an_ascii_uri_a_browser_reads_as_we_checked_it(url: str) -> None:
    target = link_target(url)
    if target is None:
        return
    assert target.isascii() and target.isprintable() and " " not in target
    assert link_target(target) == target  # a target is its own target
    assert check_url(target)
    parsed, seen = urlsplit(target), URL(target)
    if parsed.scheme.lower() == "mailto":
        return
    assert parsed.hostname, target
    # WHATWG's parser, as browsers run it, goes to the host and port we checked.
    assert seen.hostname == parsed.hostname.lower() or seen.hostname == f"[{parsed.hostname}]"
    assert seen.port in ("", str(parsed.port))


@given(st.builds(str.__add__, _SCHEME, _URLISH), st.sampled_from([" ", "\t", "\n", "\x00", "\x85", "\u2028", "\u202e"]))
def test_white_space_or_a_control_anywhere_makes_no_link(url: str, bad: str) -> None:
    for position in range(len(url) + 1):
        assert link_target(url[:position] + bad + url[position:]) is None


_LABEL = st.from_regex(r"[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?", fullmatch=True) | st.text(
    st.characters(whitelist_categories=("Ll", "Lo")), min_size=1, max_size=8
)
_PATH = st.text(
    st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Cn", "Co"), blacklist_characters="%#?"),
    max_size=20,
).filter(lambda path: not any(char.isspace() for char in path))


@given(st.lists(_LABEL, min_size=1, max_size=3), st.sampled_from(["org", "example", "xn--p1ai"]), _PATH)
def test_a_web_address_links_to_what_it_says(labels: list[str], top: str, path: str) -> None:
    host = ".".join([*labels, top])
    try:
        ascii_labels = [label.encode("idna").decode("ascii") for label in labels]
    except UnicodeError:
        return  # no IDNA form: no host name
    if any(len(label) > 63 for label in ascii_labels):
        return
    target = link_target(f"https://{host}/{path}")
    assert target is not None
    parsed = urlsplit(target)
    assert parsed.hostname == ".".join([*ascii_labels, top]).lower()
    assert unquote(parsed.path) == f"/{path}"  # the target decodes to the text as written
