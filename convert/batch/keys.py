"""What an output depends on besides its input, as one key: when it is unchanged, and the input
and the output file are too, the output is current and is not made again."""

from __future__ import annotations

import json
from functools import cache

from convert import __version__
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

READING = ("charset-normalizer", "fonttools")
"""Distributions that shape what is read, and so every output: the encoding guess, and Unicode's
script table (fontTools), which the language guess and the word count rest on."""


@cache
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
    """Everything of the style that outputs depend on, as one string: the sheet's layers, read
    again each run, so that an edited sheet rebuilds."""
    from convert.styles import parse_overrides
    from convert.styles.sheets import layered_sheet

    return json.dumps(layered_sheet(style, parse_overrides(overrides)), sort_keys=True, default=str)
