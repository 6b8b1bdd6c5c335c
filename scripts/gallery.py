"""Page pictures of every built-in style in every set format, for GALLERY.md: what a reader sees, made by real clients.

`python scripts/gallery.py [--out docs/gallery]` converts one shipped sample and the digest of all
of them in each style, then pictures the pages: the PDF through poppler's pdftoppm, the DOCX
printed by LibreOffice and then pictured the same way, the EPUB's first article and its digest's
contents drawn by headless Chromium. Needs poppler-utils, LibreOffice and Chromium (scripts/setup-dev
installs them). The pictures and GALLERY.md are rewritten on every run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "2024-01-30-grevinge-museum-textiles"
"""The article pictured on its own: short, with quotes and a figure or two."""
RESOLUTION = 40
"""Dots per inch of the page pictures: enough to judge a page's look, small enough to keep in the repository."""
PAGES = {"article": 2, "digest": 4}
"""How many pages of each are pictured."""
EPUB_WINDOW = "560,800"
EPUB_PAGES = {"article": "article-001.xhtml", "digest": "nav.xhtml"}
"""The content document pictured: the article's first, the digest's contents."""


def _run(command: list[str], **options: object) -> None:
    subprocess.run(command, check=True, capture_output=True, timeout=600, **options)  # type: ignore[call-overload]


def _convert(inputs: list[Path], out: Path, style: str, digest: bool) -> None:
    command = [sys.executable, "-m", "convert", *map(str, inputs), "--to", "pdf,docx,epub", "--style", style]
    command += ["--out", str(out), "-q"]
    if digest:
        command += ["--digest", "--title", "News digest", "--group-by", "week"]
    _run(command)


def _pdf_pages(pdf: Path, prefix: Path, count: int) -> list[Path]:
    _run(["pdftoppm", "-r", str(RESOLUTION), "-f", "1", "-l", str(count), "-png", str(pdf), str(prefix)])
    pictures = sorted(prefix.parent.glob(f"{prefix.name}-*.png"))
    for picture in pictures:
        _shrink(picture)
    return pictures


def _shrink(picture: Path) -> None:
    """The picture in 64 colours: a page of type loses nothing a reader of the gallery would see."""
    from PIL import Image

    with Image.open(picture) as image:
        image.convert("RGB").quantize(colors=64).save(picture, optimize=True)


def _font_config(work: Path, style: str) -> Path:
    """A fontconfig file adding the sheet's font files, so LibreOffice sets the DOCX in the faces Word would."""
    from convert.styles import load_style

    sheet = load_style(style)
    # The static faces convert cuts, not the variable files they are cut from: LibreOffice takes a
    # variable file's default instance for every weight, so a bold heading would print regular.
    folders = sorted(
        {
            str(family.face_file(face.bold, face.italic).parent)
            for family in (sheet.body_family, sheet.heading_family, *sheet.fallback_families)
            for face in family.faces
        }
    )
    config = work / f"fonts-{style}.conf"
    lines = ["<?xml version='1.0'?>", "<fontconfig>", "<include ignore_missing='yes'>/etc/fonts/fonts.conf</include>"]
    lines += [f"<dir>{folder}</dir>" for folder in folders] + [
        f"<cachedir>{work / 'fontcache'}</cachedir>",
        "</fontconfig>",
    ]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def _docx_pdf(docx: Path, work: Path, fonts: Path) -> Path:
    profile = work / "libreoffice"
    _run(
        [
            shutil.which("soffice") or "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "printed"),
            str(docx),
        ],
        env={**os.environ, "HOME": str(work), "FONTCONFIG_FILE": str(fonts)},
    )
    return work / "printed" / f"{docx.stem}.pdf"


def _epub_picture(epub: Path, page: str, picture: Path, work: Path) -> Path:
    folder = work / f"unpacked-{epub.stem}"
    with zipfile.ZipFile(epub) as archive:
        archive.extractall(folder)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or "chromium"
    _run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            f"--window-size={EPUB_WINDOW}",
            f"--screenshot={picture}",
            (folder / "EPUB" / page).as_uri(),
        ],
        env={**os.environ, "HOME": str(work)},
    )
    _shrink(picture)
    return picture


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/gallery.py", description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "gallery")
    options = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from convert.styles import style_names

    out: Path = options.out
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    rows: list[str] = []
    with tempfile.TemporaryDirectory(prefix="gallery-") as temporary:
        work = Path(temporary)
        for style in style_names():
            article_out, digest_out = work / style / "article", work / style / "digest"
            _convert([ROOT / "seeds" / f"{SAMPLE}.txt"], article_out, style, digest=False)
            _convert(seeds, digest_out, style, digest=True)
            for kind, folder in (("article", article_out), ("digest", digest_out)):
                pdf = next(folder.glob("*.pdf"))
                docx = next(folder.glob("*.docx"))
                epub = next(folder.glob("*.epub"))
                pictures = {
                    "PDF": _pdf_pages(pdf, out / f"{style}-{kind}-pdf", PAGES[kind]),
                    "DOCX (LibreOffice)": _pdf_pages(
                        _docx_pdf(docx, work, _font_config(work, style)), out / f"{style}-{kind}-docx", PAGES[kind]
                    ),
                    "EPUB (Chromium)": [_epub_picture(epub, EPUB_PAGES[kind], out / f"{style}-{kind}-epub.png", work)],
                }
                for label, files in pictures.items():
                    images = " ".join(f"![{style} {kind} {label}](gallery/{path.name})" for path in files)
                    rows.append(f"| {style} | {kind} | {label} | {images} |")
    (ROOT / "docs" / "GALLERY.md").write_text(
        "# Gallery\n\nEvery built-in style, one article and the digest of the samples, as each format's "
        f"reader shows them. Made by `python scripts/gallery.py` at {RESOLUTION} dpi.\n\n"
        "| style | what | format | pages |\n|---|---|---|---|\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
