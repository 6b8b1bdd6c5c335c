"""The adapters over reportlab, pyphen, python-bidi and ebooklib: with a library they were not
written for, one warning, then the public path, and outputs still valid and complete."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tomllib
import warnings
from pathlib import Path
from types import ModuleType

import pyphen
import pytest

import convert
from convert.errors import ConvertWarning
from convert.model import Document, Paragraph, Text, block_texts
from convert.text.hyphenation import LETTERS_AFTER, LETTERS_BEFORE
from convert.writers.common.internals import Internals, release
from convert.writers.epub import ebooklib_adapter
from convert.writers.pdf.adapters import bidi_adapter, pyphen_adapter, reportlab_adapter
from convert.writers.pdf.bidi import paragraph_levels
from convert.writers.pdf.hyphenation import Hyphenator
from tests.corpus import document_words, hostile_documents, sample_documents
from tests.epub_validators import epubcheck
from tests.pdf_support import (
    assert_contains_letters,
    assert_words_in_order,
    body_text,
    font_dictionaries,
    pypdf_pages,
    reader,
    significant_words,
)

ADAPTERS = {
    "reportlab": reportlab_adapter,
    "pyphen": pyphen_adapter,
    "python-bidi": bidi_adapter,
    "ebooklib": ebooklib_adapter,
}


def take_public_path(monkeypatch: pytest.MonkeyPatch, adapter: ModuleType) -> None:
    """Make `adapter` believe the installed library is older than any it was written for, and check it says so once."""
    written_for: Internals = adapter.INTERNALS
    believing = Internals(written_for.distribution, "0.0.1", "0.0.2", written_for.present)
    monkeypatch.setattr(adapter, "INTERNALS", believing)
    with pytest.warns(ConvertWarning, match=f"{written_for.distribution} .* public interface") as caught:
        assert not believing.usable()
    assert len(caught) == 1
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not believing.usable()  # decided once: no second warning


@pytest.mark.parametrize("name", list(ADAPTERS))
def test_the_installed_libraries_are_ones_the_adapters_were_written_for(name: str) -> None:
    internals = ADAPTERS[name].INTERNALS
    assert internals.distribution == name
    assert internals.usable()  # with filterwarnings = error, a warning here would fail the test
    assert release(internals.lowest) < release(internals.below)


@pytest.mark.parametrize("name", list(ADAPTERS))
def test_each_adapter_is_written_for_exactly_the_versions_pyproject_declares(name: str) -> None:
    project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {
        re.split(r"[\[<>=]", requirement, maxsplit=1)[0].lower(): requirement
        for requirement in project["project"]["dependencies"]
    }
    internals = ADAPTERS[name].INTERNALS
    specifiers = set(declared[name].split("]")[-1].removeprefix(name).split(","))
    assert specifiers == {f">={internals.lowest}", f"<{internals.below}"}


def test_versions_compare_by_their_numbers() -> None:
    assert release("4.1") < release("4.10.2") < release("5.0.1rc1") < release("6")
    assert release("0.20") > release("0.18.1")
    assert release("unknown") == ()


def test_missing_internals_warn_and_take_the_public_path_even_inside_the_range(monkeypatch: pytest.MonkeyPatch) -> None:
    def gone() -> bool:
        raise AttributeError("no such internal")

    internals = Internals("reportlab", "0", "999", gone)
    with pytest.warns(ConvertWarning, match="lacks internals"):
        assert not internals.usable()


_PUBLIC_REPORTLAB = """
import json, sys, warnings
from pathlib import Path
import convert
from convert.writers.common.internals import Internals
from convert.writers.pdf import speedups
from convert.writers.pdf.adapters import reportlab_adapter
from tests.test_library_adapters import reportlab_items

written_for = reportlab_adapter.INTERNALS
reportlab_adapter.INTERNALS = Internals("reportlab", "0.0.1", "0.0.2", written_for.present)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    for name, item in reportlab_items().items():
        data = convert.render(item, "pdf")
        assert convert.render(item, "pdf") == data
        Path(sys.argv[1], name + ".pdf").write_bytes(data)
said = [str(warning.message) for warning in caught if issubclass(warning.category, convert.ConvertWarning)]
print(json.dumps({"warnings": said, "widths remembered": speedups._width.cache_info().currsize}))
"""


def reportlab_items() -> dict[str, Document]:
    """Articles for reportlab's public path: samples, long words, every script, a paragraph many pages long."""
    long = Document(
        sample_documents()[0].metadata,
        (Paragraph((Text(" ".join(f"word{index % 997} extraordinarily" for index in range(6_000))),)),),
    )
    samples = {f"sample-{index}": item for index, item in enumerate(sample_documents()[:3])}
    return {
        **samples,
        "long_words": hostile_documents()["long_words"],
        "scripts": hostile_documents()["scripts"],
        "long": long,
    }


def test_reportlab_s_public_path_makes_whole_deterministic_pdfs_without_our_speed_ups(tmp_path: Path) -> None:
    # In a process of its own: fonts registered while on the public path stay registered.
    done = subprocess.run(
        [sys.executable, "-c", _PUBLIC_REPORTLAB, str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
        cwd=Path(__file__).parent.parent,
    )
    report = json.loads(done.stdout.splitlines()[-1])
    assert len(report["warnings"]) == 1 and "reportlab" in report["warnings"][0]
    assert report["widths remembered"] == 0  # no speed-up was used
    for name, item in reportlab_items().items():
        data = (tmp_path / f"{name}.pdf").read_bytes()
        assert len(reader(data).pages) >= 1  # pypdf reads it strictly
        tags = [str(font["/BaseFont"]).split("+")[0] for font in font_dictionaries(data)]
        assert "/AAAAAA" in tags and all(tag.startswith("/AAAA") for tag in tags)  # reportlab numbers its subsets
        text = body_text(pypdf_pages(data))
        if name == "scripts":
            assert_contains_letters(" ".join(document_words(item)), text)
        else:
            assert_words_in_order(significant_words(" ".join(document_words(item))), text)


def test_pyphen_s_public_path_breaks_words_alike_and_leaves_our_cache_alone(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    take_public_path(monkeypatch, pyphen_adapter)
    monkeypatch.setenv("CONVERT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(pyphen, "hdcache", {})
    words = ["hyphenation", "extraordinary", "municipality", "infrastructure", "transportation"]
    public = pyphen.Pyphen(lang="en_US", left=LETTERS_BEFORE, right=LETTERS_AFTER)
    assert [list(Hyphenator("en_US")(word)) for word in words] == [list(public.iterate(word)) for word in words]
    assert not (tmp_path / "cache").exists()


def test_python_bidi_s_public_path_orders_right_to_left_text_and_keeps_every_letter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rtl = hostile_documents()["rtl"]
    texts = [
        *block_texts(rtl.blocks),
        "שלום world 123 (טוב) עוד",
        "السلام 2024-05-06 عليكم [x] 3.5%",
        "He said «שלום» to 3 people.",
    ]
    expected = [paragraph_levels(text, base) for text in texts for base in (False, True)]
    take_public_path(monkeypatch, bidi_adapter)
    assert [paragraph_levels(text, base) for text in texts for base in (False, True)] == expected
    assert bidi_adapter.mirror_of("(") == ")" and bidi_adapter.mirror_of("»") == "«"
    data = convert.render(rtl, "pdf")
    assert_contains_letters(" ".join(document_words(rtl)), body_text(pypdf_pages(data)))


def test_ebooklib_s_public_writer_gives_the_same_books(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    items = [*sample_documents()[:3], *hostile_documents().values()]
    private = [convert.render(item, "epub") for item in items]
    take_public_path(monkeypatch, ebooklib_adapter)
    assert [convert.render(item, "epub") for item in items] == private
    book = tmp_path / "public.epub"
    book.write_bytes(convert.render(hostile_documents()["scripts"], "epub", "classic"))
    report = epubcheck(book)
    assert report.returncode == 0 and report.messages == (), report.messages
