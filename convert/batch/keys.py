"""What an output depends on besides its input, as one key: when it is unchanged, and the input
and the output file are too, the output is current and is not made again."""

from __future__ import annotations

from convert import __version__
from convert.caches import memoised
from convert.entrypoints import versions

TOOL = f"convert {__version__}"

_FONT_PACKAGES = ("fontpkg", "justmytype")
"""Name prefixes of the font packages: their faces shape every format that names or embeds fonts."""

LIBRARIES: dict[str, tuple[str, ...]] = {
    "pdf": ("reportlab", "rl-accel", "fonttools", "pyphen", "python-bidi", "arabic-reshaper", "pillow"),
    "epub": ("ebooklib", "lxml", "fonttools", "pillow"),
    "docx": ("python-docx", "lxml", "fonttools", "pillow"),
    "json": (),
}
"""The distributions whose versions shape each built-in format's bytes (normalised names)."""

READING = ("charset-normalizer",)
"""Distributions that shape what is read, and so every output."""


@memoised(64)
def library_versions(format: str) -> str:
    """`name=version` of every library that shapes `format`'s output; a plug-in format depends on
    every distribution installed, as nothing tells which ones it uses."""
    installed = versions()
    if format in LIBRARIES:
        names = [*READING, *LIBRARIES[format]]
        if LIBRARIES[format]:
            names += [name for name in installed if name.startswith(_FONT_PACKAGES)]
    else:
        names = list(installed)
    return ";".join(f"{name}={installed.get(name, '-')}" for name in sorted(set(names)))


def style_fingerprint(style: str, overrides: tuple[str, ...]) -> str:
    """Everything of the style that outputs depend on, as one string: the resolved style's own
    fingerprint, its sheets read again each run, so that an edited sheet rebuilds."""
    from convert.styles import load_style

    return load_style(style, overrides).fingerprint
