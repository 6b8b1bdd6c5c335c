"""Arabic joining for drawing code that knows no OpenType shaping: reportlab, and Pillow's basic layout."""

from __future__ import annotations

import importlib
import os
from typing import Any

from convert.caches import memoised
from convert.text.scripts import has_contextual_arabic

_KEPT_LIGATURES = frozenset(
    {
        "ARABIC LIGATURE LAM WITH ALEF",
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE",
        "ARABIC LIGATURE LAM WITH ALEF WITH HAMZA BELOW",
        "ARABIC LIGATURE LAM WITH ALEF WITH MADDA ABOVE",
    }
)
"""Only the lam-alef ligatures, which Arabic requires; the optional word ligatures would hide letters."""


def needs_shaping(text: str) -> bool:
    """Whether `text` holds Arabic letters whose form depends on their neighbours."""
    return has_contextual_arabic(text)


def shape(text: str) -> str:
    """`text` with Arabic letters replaced by their joined presentation forms, in logical order.

    Vowel marks are kept after their letter; text in other scripts passes through unchanged.
    """
    if not needs_shaping(text):
        return text
    return str(_reshaper().reshape(text))


@memoised(1)
def _reshaper() -> Any:
    # Imported by name: the library ships no type hints.
    library = importlib.import_module("arabic_reshaper")
    settings: dict[str, object] = dict(library.reshaper_config.default_config)
    for key in list(settings):
        if key.startswith("ARABIC LIGATURE") or key == "RIAL SIGN":
            settings[key] = key in _KEPT_LIGATURES
    settings.update(
        delete_harakat=False,  # marks are text: keep them
        shift_harakat_position=False,  # line reordering keeps each mark with its letter
        delete_tatweel=False,
        support_ligatures=True,
    )
    # An explicit (empty) file stops the library from reading a file named in the environment.
    return library.ArabicReshaper(configuration=settings, configuration_file=os.devnull)
