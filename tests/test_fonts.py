"""Font families from installed packages: cheap lookup, real faces for every script, a sound cache.

Cache policy: the tests that cut every face of every installed family use the session's cache, a
temporary folder the whole test session and its xdist workers share (tests/conftest.py), never the
user's own. The cut faces take about three minutes of CPU and 60 MB (the CJK ones dominate), once
per session, and are then reused by every test, exactly as by the tool itself. Tests of the cache
machinery itself use a fresh temporary folder and small fonts.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont
from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont as ReportlabFont
from reportlab.pdfgen.canvas import Canvas

from convert import fonts
from convert.fonts import (
    FontFamily,
    cache_dir,
    cutting,
    fallback_families,
    family_for_char,
    family_from_files,
    family_names,
    find_family,
    sfnt,
    split_runs,
)
from convert.fonts.catalogue import has_serifs

ROOT = Path(__file__).resolve().parent.parent

SAMPLES = {
    "Latin": "Zürich façade œuvre",
    "Greek": "Αθήνα Θεσσαλονίκη",
    "Cyrillic": "Москва Київ",
    "Arabic": "القاهرة عاصمة مصر",
    "Hebrew": "ירושלים עיר הבירה",
    "Devanagari": "नई दिल्ली भारत",
    "Thai": "กรุงเทพมหานคร",
    "Chinese": "北京欢迎你",
    "Japanese": "東京はひらがなとカタカナ",
    "Korean": "서울특별시 한국어",
}
"""A short text of every script the tool must draw with real glyphs."""

REQUIRED_FAMILIES = (
    "Noto Serif",
    "Noto Sans",
    "Noto Sans Arabic",
    "Noto Sans Devanagari",
    "Noto Sans Thai",
    "Noto Sans SC",
    "Noto Sans JP",
    "Noto Sans KR",
)

STYLES = [(False, False), (True, False), (False, True), (True, True)]
NOT_COVERED = "\U0010fffd"  # private use, plane 16: no font package maps it


FACE_IDS = {(False, False): "regular", (True, False): "bold", (False, True): "italic", (True, True): "bold-italic"}


def face_id(style: tuple[bool, bool]) -> str:
    return FACE_IDS[style]


@pytest.fixture
def temporary_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CONVERT_CACHE_DIR", str(folder))
    return folder


def serif() -> FontFamily:
    return find_family("Noto Serif")


# --------------------------------------------------------------------------- lookup


def test_installed_packages_give_the_required_families() -> None:
    names = family_names()
    assert set(REQUIRED_FAMILIES) <= set(names)
    assert list(names) == sorted(names, key=str.casefold)
    assert any(name in names for name in ("Heebo", "Noto Sans Hebrew", "Frank Ruhl Libre"))


def test_find_family_is_case_insensitive_and_lenient() -> None:
    family = find_family("Noto Serif")
    assert family.name == "Noto Serif"
    assert find_family("noto serif") == family
    assert find_family("NOTO-SERIF") == family
    assert all(path.is_file() for path in family.sources)


def test_unknown_family_names_the_known_ones() -> None:
    with pytest.raises(LookupError) as caught:
        find_family("No Such Sans")
    message = str(caught.value)
    assert "unknown font family 'No Such Sans'" in message
    assert "Noto Serif" in message and "Noto Sans SC" in message


def test_find_family_is_cheap(tmp_path: Path) -> None:
    """No fontTools, no reportlab, no face generation: it runs on every start of the CLI."""
    probe = (
        "import sys\n"
        "from convert import fonts\n"
        "fonts.find_family('Noto Serif')\n"
        "fonts.family_names()\n"
        "fonts.fallback_families()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('fontTools', 'reportlab', 'fontpkg')))\n"
    )
    env = {**os.environ, "CONVERT_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "[]"
    assert not (tmp_path / "cache").exists()


def test_a_family_built_from_its_files_equals_the_found_one() -> None:
    family = find_family("JetBrains Mono") if "JetBrains Mono" in family_names() else serif()
    assert FontFamily(family.name, family.sources) == family


def test_fallback_chain_is_ordered_by_script() -> None:
    names = [family.name for family in fallback_families()]
    assert len(names) == len(set(names))
    hebrew = next(name for name in names if name in ("Noto Sans Hebrew", "Heebo", "Frank Ruhl Libre"))
    order = ["Noto Sans Arabic", hebrew, "Noto Sans Devanagari", "Noto Sans Thai", "Noto Sans SC", "Noto Sans JP"]
    assert [names.index(name) for name in order] == sorted(names.index(name) for name in order)
    assert names.index("Noto Sans JP") < names.index("Noto Sans KR")


# --------------------------------------------------------------------------- coverage and runs


@pytest.mark.parametrize("name", family_names())
def test_cmap_reader_agrees_with_fonttools(name: str) -> None:
    family = find_family(name)
    path = family.face().path
    best = TTFont(path, fontNumber=0).getBestCmap()
    expected = {code for code, glyph in best.items() if glyph != ".notdef"}
    assert sfnt.coverage(path) == expected
    assert family.covers(chr(min(expected)))
    assert not family.covers(NOT_COVERED)


def test_covers_takes_one_code_point() -> None:
    with pytest.raises(ValueError, match="one code point"):
        serif().covers("ab")


def test_family_for_char_walks_preferred_then_fallbacks() -> None:
    assert family_for_char("A", [serif()]) == serif()
    assert family_for_char("A", []) == find_family("Noto Sans")
    assert family_for_char("ب", [find_family("Noto Sans")]) == find_family("Noto Sans Arabic")
    assert family_for_char("क", [serif()]) == find_family("Noto Sans Devanagari")
    assert family_for_char("क", []) == find_family("Noto Sans Devanagari")  # the specialist before Noto Sans
    assert family_for_char("क", [find_family("Noto Sans")]) == find_family("Noto Sans")  # preferred wins
    assert family_for_char("ก", [serif()]) == find_family("Noto Sans Thai")
    assert family_for_char("한", [serif()]) == find_family("Noto Sans KR")
    assert family_for_char(NOT_COVERED, [serif()]) is None


@pytest.mark.parametrize(
    ("text_family", "arabic", "hebrew"),
    [("Noto Serif", "Amiri", "Frank Ruhl Libre"), ("Source Serif 4", "Amiri", "Frank Ruhl Libre"),
     ("Noto Sans", "Noto Sans Arabic", "Heebo"), ("Inter", "Noto Sans Arabic", "Heebo")],
)  # fmt: skip
def test_a_script_is_set_in_a_face_of_the_texts_own_design(text_family: str, arabic: str, hebrew: str) -> None:
    family = find_family(text_family)
    assert family_for_char("ب", [family]) == find_family(arabic)
    assert family_for_char("א", [family]) == find_family(hebrew)


def test_a_designs_serifs_are_read_from_panose_then_the_name() -> None:
    assert find_family("Noto Serif").serif is True  # PANOSE serif style 2
    assert find_family("Noto Sans").serif is False  # PANOSE serif style 11
    assert find_family("Amiri").serif is None  # no PANOSE class, no telling word in the name
    assert has_serifs(find_family("Amiri")) is True  # the fallback chain says what its members are
    assert has_serifs(find_family("Heebo")) is False


@pytest.mark.parametrize("script", SAMPLES)
def test_every_script_gets_a_family_that_has_all_its_characters(script: str) -> None:
    runs = split_runs(SAMPLES[script], [serif()])
    assert "".join(text for _family, text in runs) == SAMPLES[script]
    assert len(runs) == 1, runs
    family, text = runs[0]
    assert family is not None
    assert all(family.covers(char) for char in text)
    if script in ("Latin", "Greek", "Cyrillic"):
        assert family == serif()


def test_runs_keep_whitespace_and_marks_with_their_text() -> None:
    arabic = find_family("Amiri")  # the serif family's Arabic
    voweled = "مَرْحَبًا بِكُمْ"
    assert split_runs("Café e\u0301t\u00e9", [serif()]) == [(serif(), "Café e\u0301t\u00e9")]
    assert split_runs(f"Hi {voweled} ok", [serif()]) == [(serif(), "Hi "), (arabic, f"{voweled} "), (serif(), "ok")]
    assert split_runs("  Москва  ", [serif()]) == [(serif(), "  Москва  ")]
    assert split_runs("   ", [serif()]) == [(serif(), "   ")]
    assert split_runs("", [serif()]) == []


def test_punctuation_and_digits_stay_in_the_current_run() -> None:
    sc = find_family("Noto Sans SC")
    assert split_runs("Hello 世界! 2024", [serif()]) == [(serif(), "Hello "), (sc, "世界! 2024")]


def test_uncovered_characters_form_runs_without_a_family() -> None:
    text = f"a{NOT_COVERED}\u0301 {NOT_COVERED}b {NOT_COVERED} "
    assert split_runs(text, [serif()]) == [
        (serif(), "a"),
        (None, f"{NOT_COVERED}\u0301 {NOT_COVERED}"),
        (serif(), "b "),
        (None, NOT_COVERED),
        (serif(), " "),  # whitespace never opens or ends a run that needs a warning
    ]


def test_han_follows_the_language_of_the_text() -> None:
    sc, jp, kr = (find_family(f"Noto Sans {tag}") for tag in ("SC", "JP", "KR"))
    assert split_runs("北京", [serif()]) == [(sc, "北京")]
    assert split_runs("東京です", [serif()]) == [(jp, "東京です")]
    assert split_runs("韓國 한국", [serif()]) == [(kr, "韓國 한국")]
    assert split_runs("東京", [serif()], lang="ja") == [(jp, "東京")]
    assert split_runs("東京", [serif()], lang="zh-Hant")[0][0] == find_family("Noto Sans TC")
    assert split_runs("東京", [serif()], lang="zh-CN") == [(sc, "東京")]


@given(st.text(max_size=40))
def test_runs_rebuild_the_text_and_never_repeat_a_family(text: str) -> None:
    runs = split_runs(text, [serif()])
    assert "".join(part for _family, part in runs) == text
    assert all(part for _family, part in runs)
    assert all(runs[index][0] != runs[index + 1][0] for index in range(len(runs) - 1))
    for family, part in runs:
        letters = [char for char in part if unicodedata.category(char).startswith("L")]
        if family is None:
            assert not any(any(other.covers(char) for other in fallback_families()) for char in letters)
        else:
            assert all(family.covers(char) for char in letters)


# --------------------------------------------------------------------------- faces (the session's cache)


FACES_OF_EVERY_FAMILY = [
    pytest.param(name, style, id=f"{name}-{face_id(style)}") for name in family_names() for style in STYLES
]


@pytest.mark.every_face
@pytest.mark.parametrize(("name", "style"), FACES_OF_EVERY_FAMILY)
def test_every_face_is_static_truetype_that_reportlab_loads(name: str, style: tuple[bool, bool]) -> None:
    family = find_family(name)
    path = family.face_file(*style)
    font = TTFont(path)
    assert "glyf" in font and "fvar" not in font and "gvar" not in font and "CFF " not in font
    loaded = ReportlabFont(f"test-{name}-{face_id(style)}", str(path))
    sample = "".join(char for char in "".join(SAMPLES.values()) if family.covers(char) and not char.isspace())
    assert sample, f"{name} covers none of the samples"
    assert all(loaded.face.charToGlyph.get(ord(char)) for char in sample)


@pytest.mark.parametrize("name", ["Noto Serif", "Noto Sans"])
def test_latin_families_have_four_real_distinct_faces(name: str) -> None:
    family = find_family(name)
    assert all(family.has_face(*style) for style in STYLES)
    paths = [family.face_file(*style) for style in STYLES]
    assert len(set(paths)) == 4
    widths = []
    for path, (bold, italic) in zip(paths, STYLES, strict=True):
        font = TTFont(path)
        assert font["OS/2"].usWeightClass == (700 if bold else 400)
        assert bool(font["OS/2"].fsSelection & 0x01) == italic
        assert bool(font["OS/2"].fsSelection & 0x20) == bold
        assert (font["post"].italicAngle < 0) == italic
        assert font["name"].getDebugName(1) == name
        widths.append(font["hmtx"][font.getBestCmap()[ord("n")]][0])
    assert widths[1] > widths[0] and widths[3] > widths[2]  # bold is really heavier


def test_a_family_without_italic_gives_its_upright_faces() -> None:
    family = find_family("Noto Sans Arabic")
    assert not family.has_face(italic=True)
    assert family.has_face(bold=True)
    assert family.face_file(italic=True) == family.face_file()
    assert family.face_file(bold=True, italic=True) == family.face_file(bold=True)
    assert family.face_file(bold=True) != family.face_file()


def test_reportlab_draws_every_script_in_every_style() -> None:
    canvas = Canvas(io.BytesIO(), pagesize=(600, 800), invariant=True)
    used: set[str] = set()
    y = 780.0
    for script, text in SAMPLES.items():
        for bold, italic in STYLES:
            x = 20.0
            for family, part in split_runs(text, [serif()]):
                assert family is not None, script
                path = family.face_file(bold, italic)
                font_name = f"smoke-{path.stem}"
                if font_name not in used:
                    pdfmetrics.registerFont(ReportlabFont(font_name, str(path)))
                    used.add(font_name)
                canvas.setFont(font_name, 10)
                canvas.drawString(x, y, part)
                x += pdfmetrics.stringWidth(part, font_name, 10)
            y -= 16
    pdf = canvas.getpdfdata()
    assert pdf.startswith(b"%PDF-")
    for postscript in (b"NotoSerif-BoldItalic", b"Amiri-Bold", b"NotoSansSC-Regular", b"NotoSansKR-Bold"):
        assert postscript in pdf


# --------------------------------------------------------------------------- cache machinery (temporary cache)


def test_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CONVERT_CACHE_DIR", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert cache_dir() == tmp_path / "home" / ".cache" / "convert"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")
    assert cache_dir() == tmp_path / "home" / ".cache" / "convert"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "convert"
    monkeypatch.setenv("CONVERT_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"


def small_family() -> FontFamily:
    return find_family("Noto Sans Thai")


def test_faces_are_made_once_atomically_and_deterministically(
    temporary_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    family = small_family()
    path = family.face_file(bold=True)
    assert path.parent == temporary_cache / "fonts"
    stamp = path.stat().st_mtime_ns
    assert family.face_file(bold=True) == path
    assert path.stat().st_mtime_ns == stamp  # reused, not made again
    # No temporary file left behind: the face and its record of size and hash.
    assert sorted(item.name for item in path.parent.iterdir()) == [path.name, path.name + ".sha256"]

    monkeypatch.setenv("CONVERT_CACHE_DIR", str(tmp_path / "other"))
    again = family.face_file(bold=True)
    assert again != path and again.name == path.name
    assert again.read_bytes() == path.read_bytes()


def test_prepare_faces_makes_every_real_face(temporary_cache: Path) -> None:
    family = small_family()
    made = fonts.prepare_faces([family])
    assert made == (family.face_file(), family.face_file(bold=True))
    assert sorted(temporary_cache.joinpath("fonts").glob("*.ttf")) == sorted(made)


def test_the_cache_key_holds_the_logic_version(temporary_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    family = small_family()
    first = family.face_file()
    monkeypatch.setattr(cutting, "LOGIC_VERSION", cutting.LOGIC_VERSION + 1)
    assert family.face_file() != first


def test_a_failed_write_leaves_nothing_behind(temporary_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Broken:
        def save(self, stream: object) -> None:
            raise OSError("disk full")

    monkeypatch.setattr(cutting, "_build_face", lambda *args: Broken())
    with pytest.raises(OSError, match="disk full"):
        small_family().face_file()
    assert list((temporary_cache / "fonts").glob("*")) == []  # no face, no partial file (nor, now, a folder)


# --------------------------------------------------------------------------- user font files


def glyph_outline(pen: Any) -> None:
    pen.moveTo((100, 0))
    pen.lineTo((500, 0))
    pen.curveTo((600, 300), (400, 700), (100, 700))
    pen.closePath()


def build_font(path: Path, family: str, cff: bool) -> Path:
    """A two-glyph font covering "A", with CFF (cubic) or TrueType (quadratic) outlines."""
    builder = FontBuilder(1000, isTTF=not cff)
    builder.setupGlyphOrder([".notdef", "A"])
    builder.setupCharacterMap({ord("A"): "A"})
    if cff:
        strings = {}
        for name in (".notdef", "A"):
            pen = T2CharStringPen(600, None)
            glyph_outline(pen)
            strings[name] = pen.getCharString()
        builder.setupCFF(family.replace(" ", ""), {"FullName": family}, strings, {})
    else:
        glyphs = {}
        for name in (".notdef", "A"):
            tt_pen = TTGlyphPen(None)
            tt_pen.moveTo((100, 0))
            tt_pen.lineTo((500, 0))
            tt_pen.qCurveTo((600, 300), (100, 700))
            tt_pen.closePath()
            glyphs[name] = tt_pen.glyph()
        builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({".notdef": (600, 100), "A": (600, 100)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(usWeightClass=400)
    builder.setupPost()
    builder.font["head"].created = builder.font["head"].modified = 3_000_000_000
    builder.save(path)
    return path


def test_cff_files_a_user_names_become_truetype(temporary_cache: Path, tmp_path: Path) -> None:
    source = build_font(tmp_path / "Sample.otf", "Sample Sans", cff=True)
    family = family_from_files("Sample Sans", source)
    assert family.sources == (source,)
    assert family.covers("A") and not family.covers("B")
    path = family.face_file()
    font = TTFont(path)
    assert "glyf" in font and "CFF " not in font
    assert font["glyf"]["A"].numberOfContours == 1
    assert font["name"].getDebugName(6) == "SampleSans-Regular"
    ReportlabFont("test-sample-cff", str(path))
    assert family.face_file(bold=True, italic=True) == path  # no such faces: the regular one
    first = path.read_bytes()
    path.unlink()
    assert family.face_file().read_bytes() == first


def test_collections_and_static_files(temporary_cache: Path, tmp_path: Path) -> None:
    regular = build_font(tmp_path / "One.ttf", "One", cff=False)
    other = build_font(tmp_path / "Two.ttf", "Two", cff=False)
    collection = TTCollection()
    collection.fonts = [TTFont(regular), TTFont(other)]
    collection.save(tmp_path / "Both.ttc")
    static = family_from_files("One", regular, italic=other)
    assert static.face_file() == regular  # already static TrueType: used as it is
    assert static.face_file(italic=True) == other
    assert static.face_file(bold=True) == regular
    from_collection = family_from_files("Both", tmp_path / "Both.ttc")
    cut = from_collection.face_file()
    assert cut.parent == temporary_cache / "fonts"
    ReportlabFont("test-sample-ttc", str(cut))


def test_a_variable_regular_file_yields_a_real_bold(temporary_cache: Path) -> None:
    source = find_family("Noto Sans Thai").sources[0]
    family = family_from_files("My Thai", source)
    assert family.has_face(bold=True) and not family.has_face(italic=True)
    bold = TTFont(family.face_file(bold=True))
    assert bold["OS/2"].usWeightClass == 700
    assert bold["name"].getDebugName(1) == "My Thai"


def test_missing_user_files_are_reported(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"Missing\.ttf"):
        family_from_files("Gone", tmp_path / "Missing.ttf")
