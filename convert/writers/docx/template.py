"""The one place python-docx is used when writing: its default template, read once per process.

The template supplies what Word itself would write into a new document's style part: the latent
style table (which built-in styles the gallery offers) and the built-in definitions whose names,
priorities and quick-style flags Word recognises. Everything else in the template (its thumbnail,
author, 2013 dates, theme-coloured looks, custom XML) is left behind.
"""

from __future__ import annotations

import copy

from lxml import etree

from convert.caches import memoised
from convert.writers.docx.ooxml import w

# Children of a built-in style definition that say what the style is, not how it looks.
_IDENTITY = frozenset(w(name) for name in ("name", "aliases", "uiPriority", "semiHidden", "unhideWhenUsed", "qFormat"))


_THEME = "/word/theme/theme1.xml"


@memoised(1)
def _template() -> tuple[etree._Element, etree._Element]:
    import docx  # imported here so that only DOCX output pays for python-docx

    document = docx.Document()
    theme = next(part for part in document.part.package.iter_parts() if part.partname == _THEME)
    # Re-read with a plain parser so python-docx's element classes stay out of our trees.
    return etree.fromstring(etree.tostring(document.styles.element)), etree.fromstring(theme.blob)


def _template_styles() -> etree._Element:
    return _template()[0]


def theme() -> etree._Element:
    """A fresh copy of the template's theme (Word's Office theme), for the writer to put its fonts in."""
    return copy.deepcopy(_template()[1])


def latent_styles() -> etree._Element:
    """A fresh copy of the template's latent style table."""
    found = _template_styles().find(w("latentStyles"))
    if found is None:
        raise LookupError("python-docx's default template has no latent styles")
    return copy.deepcopy(found)


def builtin_style(style_id: str) -> etree._Element | None:
    """A fresh `w:style` holding only the identity of the template's built-in style `style_id`."""
    for style in _template_styles().iterfind(w("style")):
        if style.get(w("styleId")) == style_id:
            shell = etree.Element(w("style"))
            for key, value in style.attrib.items():
                shell.set(key, value)
            shell.extend(copy.deepcopy(item) for item in style if item.tag in _IDENTITY)
            return shell
    return None
