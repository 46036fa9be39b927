"""Shared helpers: build a small manuscript of the tests' own and read what the reader gets."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from book.cli import main
from book.build.options import Options
from book.build.pipeline import build as build_book

ROOTS = Path(__file__).parent / "roots"
REPOSITORY = Path(__file__).parent.parent


def copy_root(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(ROOTS / name, target)
    return target


def build(source: Path, *args: str) -> int:
    return main(["--source", str(source), "--out", str(source / "dist"), "-q", *args])


def run_cli(source: Path, *args: str):
    """build.py in a process of its own, as an author runs it."""
    import subprocess
    import sys
    return subprocess.run([sys.executable, str(REPOSITORY / "build.py"), "--source", str(source), *args],
                          capture_output=True, text=True, timeout=600)


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, with the line breaks and hyphenation of the layout undone."""
    pages = []
    for page in PdfReader(path).pages:
        text = page.extract_text() or ""
        text = re.sub(r"[-\u2010\u00ad]\n(?=\w)", "", text)  # undo the layout's hyphenation
        pages.append(re.sub(r"\s+", " ", text))
    return pages


def epub_files(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as zf:
        return {n: zf.read(n).decode("utf-8") for n in zf.namelist() if n.endswith((".xhtml", ".opf", ".ncx"))}


@pytest.fixture(scope="session")
def basic_book(tmp_path_factory) -> Path:
    """The basic test manuscript, built once for the whole session."""
    source = copy_root("basic", tmp_path_factory.mktemp("basic"))
    assert build(source) == 0
    return source / "dist"


def make_manuscript(root: Path, chapters: dict[str, str], bib: str = "", **files) -> Path:
    """Write a small manuscript: book.toml, the chapters in the given order, refs.bib."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "chapters").mkdir(exist_ok=True)
    for name, text in chapters.items():
        (root / "chapters" / name).write_text(text, encoding="utf-8")
    listed = ", ".join(f'"chapters/{n}"' for n in chapters)
    extra = "".join(f'{k} = "{v}"\n' for k, v in files.items())
    bib_line = 'bibliography = "refs.bib"\n' if bib else ""
    (root / "book.toml").write_text(
        '[book]\ntitle = "T"\nauthor = "A"\nlanguage = "en"\nidentifier = "urn:uuid:1"\n'
        f'date = "2026-01-01"\nrights = "R"\n\n[files]\nchapters = [{listed}]\n{bib_line}{extra}',
        encoding="utf-8")
    if bib:
        (root / "refs.bib").write_text(bib, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def real_book(tmp_path_factory):
    """The book in this repository, built once: (the pipeline's result, the output folder)."""
    out = tmp_path_factory.mktemp("real")
    return build_book(Options(source=REPOSITORY, out=out)), out
