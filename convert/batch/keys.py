"""What an output depends on besides its input, as one key: when it is unchanged, and the input
and the output file are too, the output is current and is not made again."""

from __future__ import annotations

import hashlib
import os

from convert import __version__
from convert.caches import memoised
from convert.entrypoints import versions

TOOL = f"convert {__version__}"


@memoised(1)
def code_fingerprint() -> str:
    """A digest of convert's own code: a change to it that keeps the version (a development
    install, a patched copy) still rebuilds, as the output may differ."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # noqa: PTH100, PTH120
    files = []
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        files += [os.path.join(folder, name) for name in names if name.endswith((".py", ".json"))]  # noqa: PTH118
    digest = hashlib.sha256()
    for path in sorted(files):
        with open(path, "rb") as stream:  # noqa: PTH123
            digest.update(os.path.relpath(path, package).encode() + b"\0" + stream.read() + b"\0")
    return digest.hexdigest()


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
