"""reportlab stays reportlab's: our speed-ups work only while convert writes, and a program that
also uses reportlab gets reportlab's own bytes, after our renders and during them."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import paragraph

import convert
from convert.fonts import find_family
from convert.model import Document, publication_of
from convert.readers.seed import read_seed
from convert.styles import load_style
from tests.corpus import many_article_publication, seed_bytes
from tests.plain_reportlab import plain_document

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "2024-03-27-tervel-valley-orchard-frost.txt"

_SNAPSHOT = """
import json, sys
import reportlab.rl_config, reportlab.lib.rl_accel, reportlab.pdfgen.canvas
import reportlab.pdfbase.pdfdoc, reportlab.pdfbase.pdfmetrics, reportlab.pdfbase.ttfonts
import reportlab.platypus.paragraph, reportlab.platypus.paraparser, reportlab.platypus.doctemplate
import reportlab.platypus.flowables, reportlab.platypus.frames
from reportlab.pdfbase import pdfdoc, ttfonts
from reportlab.platypus import doctemplate, paragraph
from reportlab.pdfgen import canvas

modules = [m for name, m in sorted(sys.modules.items()) if name.startswith("reportlab") and m is not None]
classes = [
    paragraph.Paragraph, paragraph.ParaLines, paragraph.FragLine, ttfonts.TTFont, ttfonts.TTFont.State,
    ttfonts.TTFontFace, ttfonts.TTFontFile, ttfonts.TTFontParser, pdfdoc.PDFStreamFilterZCompress,
    pdfdoc.PDFDocument, pdfdoc.PDFStream, canvas.Canvas, doctemplate.BaseDocTemplate,
]
owners = {m.__name__: m for m in modules} | {f"{c.__module__}.{c.__qualname__}": c for c in classes}

def snapshot():
    return {name: dict(vars(owner)) for name, owner in owners.items()}

# reportlab rebinds a few of its own names on first use (4.1: utils.open_for_read): a document of
# its own first, so that the snapshot holds what reportlab itself settles on.
from tests.plain_reportlab import plain_document
plain_document(sys.argv[2])
before = snapshot()
import convert
convert.render(convert.read(sys.argv[1]), "pdf")
assert convert.render(convert.read(sys.argv[1]), "pdf", "classic")
after = snapshot()
changed = [
    f"{owner}.{name}"
    for owner, attributes in before.items()
    for name, value in attributes.items()
    if name in after[owner] and after[owner][name] is not value or name not in after[owner]
]
print(json.dumps({"owners": len(owners), "attributes": sum(map(len, before.values())), "changed": changed}))
"""


def test_after_a_render_every_attribute_of_reportlab_is_the_object_it_was() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _SNAPSHOT, str(SEED), _font_file()],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        cwd=ROOT,
    )
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["owners"] > 20 and report["attributes"] > 2000  # the snapshot saw reportlab whole
    assert report["changed"] == []


def _font_file() -> str:
    return str(find_family("Amiri").face_file())  # a face with letters beyond U+FFFF


def _same_face_document() -> Document:
    """An article convert sets partly in the plain document's face, letters beyond U+FFFF included:
    reportlab's font table then hands that program convert's font for the face."""
    return read_seed(seed_bytes("2024-05-06", ["Signs \U0001ee00 and \U0001ee01.", "السلام \U0001ee02 عليكم"]), "a.txt")


def _fresh_plain_document(tmp_path: Path) -> bytes:
    """The plain document as built by a process that never imported convert."""
    out = tmp_path / "fresh.pdf"
    script = ROOT / "tests" / "plain_reportlab.py"
    environment = {"PYTHONPATH": "", "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, str(script), _font_file(), str(out)], check=True, timeout=300, env=environment)
    return out.read_bytes()


_AFTER_OUR_RENDERS = """
import sys
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

import convert
from tests.plain_reportlab import plain_document
from tests.test_reportlab_isolation import SEED, _font_file, _same_face_document

convert.render(convert.read(SEED), "pdf")
convert.render(_same_face_document(), "pdf")
Path(sys.argv[1]).write_bytes(plain_document(_font_file()))
print(type(pdfmetrics.getFont("PlainSerif")).__module__)
"""


def test_a_plain_reportlab_document_after_our_render_is_the_one_reportlab_alone_makes(tmp_path: Path) -> None:
    """In a process of its own: reportlab's font table is the process's, and another test that
    registered the same face first (with reportlab's own font) would decide whose font is shared."""
    fresh = _fresh_plain_document(tmp_path)
    after = tmp_path / "after.pdf"
    result = subprocess.run(
        [sys.executable, "-c", _AFTER_OUR_RENDERS, str(after)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        cwd=ROOT,
    )
    assert after.read_bytes() == fresh
    assert result.stdout.split()[-1] == "convert.writers.pdf.truetype"  # the shared face


def test_a_plain_reportlab_document_built_during_our_renders_in_another_thread_is_reportlab_s(tmp_path: Path) -> None:
    fresh = _fresh_plain_document(tmp_path)
    style = load_style("default")
    publications = [many_article_publication(20, with_front_matter=False), publication_of(_same_face_document())]
    stop = threading.Event()
    renders: list[bytes] = []

    def keep_rendering() -> None:
        while not stop.is_set():
            renders.extend(convert.render(publication, "pdf", style) for publication in publications)

    thread = threading.Thread(target=keep_rendering)
    thread.start()
    try:
        while paragraph.stringWidth is pdfmetrics.stringWidth:
            time.sleep(0.001)  # until one of our renders has put its speed-ups in
        before = len(renders)
        built: list[bytes] = []
        while len(renders) == before:  # plain documents built until one of ours has finished meanwhile
            built.append(plain_document(_font_file()))
    finally:
        stop.set()
        thread.join()
    assert built and all(during == fresh for during in built)
    assert len(set(renders[0::2])) == len(set(renders[1::2])) == 1
    assert paragraph.stringWidth is pdfmetrics.stringWidth


def test_renders_in_several_threads_at_once_give_the_bytes_of_renders_one_after_another() -> None:
    style = load_style("default")
    publications = [many_article_publication(count, with_front_matter=count % 2 == 0) for count in (6, 9, 12)]
    alone = [convert.render(publication, "pdf", style) for publication in publications]
    results: dict[int, bytes] = {}
    errors: list[BaseException] = []

    def render(index: int) -> None:
        try:
            for _ in range(2):
                results[index] = convert.render(publications[index], "pdf", style)
                assert results[index] == alone[index]
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=render, args=(index,)) for index in range(len(publications))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert [results[index] for index in range(len(publications))] == alone
    assert paragraph.stringWidth is pdfmetrics.stringWidth


_RENDER = """
import hashlib, sys
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from convert.fonts import find_family
if sys.argv[1] == "theirs-first":  # the program registers convert's faces under names of its own first
    for name in ("Noto Serif", "Noto Sans", "Amiri"):
        family = find_family(name)
        for bold, italic in ((False, False), (True, False), (False, True)):
            path = family.face_file(bold, italic)
            pdfmetrics.registerFont(TTFont(f"theirs-{path.stem}", str(path)))
import convert
from convert.readers.seed import read_seed
document = read_seed(sys.stdin.buffer.read(), "same-face.txt")
print(hashlib.sha256(convert.render(document, "pdf")).hexdigest())
"""


def test_faces_a_program_registered_first_do_not_change_our_pdfs() -> None:
    seed = seed_bytes("2024-05-06", ["Signs \U0001ee00 and \U00010780, *bold* and plain.", "السلام \U0001ee02 عليكم"])

    def digest(order: str) -> str:
        done = subprocess.run(
            [sys.executable, "-c", _RENDER, order], input=seed, capture_output=True, check=True, timeout=300, cwd=ROOT
        )
        return done.stdout.decode().strip()

    assert digest("theirs-first") == digest("ours-only")
