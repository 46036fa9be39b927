"""Benchmark: our builds against WeasyPrint alone and pandoc, side by side in one run.

Usage: python bench/bench.py [--sizes 1,10,30] [--runs 3]. Prints a table of times, peak memory and
ratios, and writes it to bench/results.md. Every command runs in a process of its own; times are
wall-clock medians of --runs runs (one run at 10x and 30x); peak memory is the process's max RSS.
"""

from __future__ import annotations

import argparse
import datetime
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
WORK = Path("/tmp/book-bench")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1,10,30")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    pandoc = pandoc_path()
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        runs = args.runs if size == 1 else 1
        rows.append(measure(size, runs, pandoc))
        print(table(rows), flush=True)
    report = header(args) + table(rows) + notes()
    (REPO / "bench" / "results.md").write_text(report, encoding="utf-8")
    print(f"written to {REPO / 'bench' / 'results.md'}")


def measure(size: int, runs: int, pandoc: str | None) -> dict:
    source = scaled_manuscript(size)
    out = source / "dist"
    row = {"size": size}
    # A clean build: no cache to read; the last run leaves the cache the rebuilds below start from.
    row["full"] = timed(runs, ["sh", "-c", f'rm -rf "{source}/.cache" && "{PY}" "{REPO / "build.py"}" '
                                          f'--source "{source}" -q'])
    row["pages"] = pdf_pages(out / "book.pdf")
    extra = WORK / f"x{size}-extra"  # outside the manuscript folder: files there are build inputs
    shutil.rmtree(extra, ignore_errors=True)
    extra.mkdir(parents=True)
    html = extra / "final.html"
    subprocess.run([PY, "-c", DUMP, str(source), str(html)], check=True)
    row["weasyprint"] = timed(runs, [PY, "-c", WEASYPRINT, str(html), str(extra / "floor.pdf")])
    if pandoc:
        row["pandoc_pdf"] = timed(runs, [PY, "-c", PANDOC_PDF, pandoc, source / "refs.bib", extra,
                                         *chapters(source)])
        row["pandoc_epub"] = timed(runs, [pandoc, *chapters(source), "--citeproc", "--bibliography",
                                          source / "refs.bib", "-o", extra / "pandoc.epub",
                                          "--metadata", "title=Bench"])
    row["citations"] = timed(runs, [PY, "-c", CITATIONS, str(REPO), str(source)], inner=True)
    row["noop"] = timed(runs, [PY, REPO / "build.py", "--source", source, "-q"])
    row["edit"] = timed(runs, [PY, "-c", EDIT_CLI, str(REPO / "build.py"), str(source)])
    row["edit_watch"] = timed(1, [PY, "-c", EDIT_SESSION, str(REPO), str(source)], inner=True)
    return row


def timed(runs: int, command: list, inner: bool = False) -> tuple[float, float]:
    """(median seconds, peak MiB); with inner=True the command prints its own seconds."""
    times, peaks = [], []
    for _ in range(runs):
        result = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M", *map(str, command)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"failed: {command}\n{result.stderr[-3000:]}")
        seconds, kib = re.findall(r"TIME ([\d.]+) (\d+)", result.stderr)[-1]
        if inner:
            seconds = re.findall(r"SECONDS ([\d.]+)", result.stdout)[-1]
        times.append(float(seconds))
        peaks.append(int(kib) / 1024)
    return statistics.median(times), max(peaks)


def scaled_manuscript(size: int) -> Path:
    """The book with its chapters repeated `size` times (the names, notes and bibliography kept)."""
    target = WORK / f"x{size}"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(REPO, target, ignore=shutil.ignore_patterns(".venv", ".git", "dist", ".cache", ".tools",
                                                                "tests", "bench", "docs", "*.egg-info"))
    config = (target / "book.toml").read_text(encoding="utf-8")
    names = tomllib.loads(config)["files"]["chapters"]
    listed = []
    for copy in range(1, size):
        for name in names:
            path = Path(name)
            new = path.with_name(f"{path.stem}-{copy}{path.suffix}")
            shutil.copy(target / path, target / new)
            listed.append(new.as_posix())
    all_names = names + listed
    config = re.sub(r"chapters = \[[^\]]*\]", "chapters = [" + ", ".join(f'"{n}"' for n in all_names) + "]",
                    config, flags=re.S)
    (target / "book.toml").write_text(config, encoding="utf-8")
    return target


def chapters(source: Path) -> list[str]:
    config = tomllib.loads((source / "book.toml").read_text(encoding="utf-8"))
    return [str(source / n) for n in config["files"]["chapters"]]


def pdf_pages(path: Path) -> int:
    from pypdf import PdfReader
    return len(PdfReader(path).pages)


def pandoc_path() -> str | None:
    try:
        import pypandoc
        return pypandoc.get_pandoc_path()
    except (ImportError, OSError):
        print("pypandoc-binary is not installed (pip install pypandoc-binary): pandoc columns skipped")
        return None


DUMP = """
import sys; from pathlib import Path
from book.errors import Report; from book.build.pipeline import read_book; from book.store import Cache
from book.paginate import paginate; from book.paginate.session import Session
from book.writers.pdf.edition import PrintEdition
source = Path(sys.argv[1]); book = read_book(source, Report()); edition = PrintEdition(book)
pagination = paginate(edition, book.anchors, Cache(source / '.cache'), Session(source), Report())
Path(sys.argv[2]).write_text(edition.single_document(pagination.pages))
"""
WEASYPRINT = """
import sys; from weasyprint import HTML, CSS; from book.paginate.engine import STYLES
HTML(filename=sys.argv[1]).write_pdf(sys.argv[2], stylesheets=[CSS(filename=str(STYLES / 'print.css'))])
"""
PANDOC_PDF = """
import subprocess, sys; from pathlib import Path
pandoc, bibliography, extra, names = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4:]
subprocess.run([pandoc, '-s', *names, '--citeproc', '--bibliography', bibliography,
                '--metadata', 'title=Bench', '-o', str(extra / 'pandoc.html')], check=True)
from weasyprint import HTML; HTML(filename=str(extra / 'pandoc.html')).write_pdf(str(extra / 'pandoc.pdf'))
"""
EDIT_CLI = """
import subprocess, sys, time; from pathlib import Path
build, source = sys.argv[1], Path(sys.argv[2])
chapter = source / 'chapters' / '04-timashuk.md'; text = chapter.read_text()
edit = f'persistence, as she saw it in {time.time_ns() % 1000},'  # a new edit each run: never a no-op
chapter.write_text(text.replace('persistence', edit, 1))
subprocess.run([sys.executable, build, '--source', str(source), '-q'], check=True, capture_output=True)
chapter.write_text(text)  # the next measurement's first build lays the book out as it was
"""
EDIT_SESSION = """
import sys, time; from pathlib import Path
sys.path.insert(0, sys.argv[1])
from book.build.options import Options; from book.build.pipeline import build
from book.paginate.session import Session
source = Path(sys.argv[2]); options = Options(source=source, out=source / 'dist', cache=source / '.cache')
session = Session(source)  # what the watcher keeps between builds
build(options, session)  # the watcher's first build
chapter = source / 'chapters' / '04-timashuk.md'; text = chapter.read_text()
chapter.write_text(text.replace('persistence', 'persistence, as she saw it,', 1))
start = time.perf_counter(); build(options, session); print('SECONDS', time.perf_counter() - start)
chapter.write_text(text)
"""


# The CSL processor's share: the citations of every chapter and the bibliography formatted with
# nothing cached (pandoc started once per chapter, two at a time), the model read and the other
# transforms run first.
CITATIONS = """
import sys, time; sys.path.insert(0, sys.argv[1])
from pathlib import Path
from book.errors import Report
from book.readers.manuscript import read_manuscript
from book.citations.sources import load_sources
from book.transforms.citations import apply_citations
from book.transforms.sections import number_sections
report = Report(); manuscript = read_manuscript(Path(sys.argv[2]), report); number_sections(manuscript.book)
start = time.perf_counter()
apply_citations(manuscript.book, load_sources(manuscript, report), report)
print('SECONDS', time.perf_counter() - start)
"""


def table(rows: list[dict]) -> str:
    lines = ["| book | pages | our full build | WeasyPrint alone | pandoc PDF + EPUB | ours ÷ WeasyPrint "
             "| ours ÷ pandoc | no-op rebuild | one chapter edited (CLI) | one chapter edited (watch) "
             "| peak memory ours ÷ WeasyPrint | citations (CSL processor, nothing cached) |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        full, floor = r["full"], r["weasyprint"]
        pandoc = (r["pandoc_pdf"][0] + r["pandoc_epub"][0]) if "pandoc_pdf" in r else None
        lines.append(
            f"| {r['size']}× | {r['pages']} | {full[0]:.1f} s, {full[1]:.0f} MiB | {floor[0]:.1f} s, "
            f"{floor[1]:.0f} MiB | {f'{pandoc:.1f} s' if pandoc else 'n/a'} | {full[0] / floor[0]:.2f} "
            f"| {f'{full[0] / pandoc:.2f}' if pandoc else 'n/a'} | {r['noop'][0]:.2f} s "
            f"| {r['edit'][0]:.1f} s = {r['edit'][0] / full[0]:.2f}× "
            f"| {r['edit_watch'][0]:.1f} s = {r['edit_watch'][0] / full[0]:.2f}× "
            f"| {full[1] / floor[1]:.2f} | {r['citations'][0]:.2f} s = {r['citations'][0] / full[0]:.2f}× |")
    return "\n".join(lines) + "\n"


def header(args) -> str:
    cpu = platform.processor() or platform.machine()
    return (f"# Benchmark results\n\n{datetime.date.today().isoformat()}, {platform.node()}: "
            f"{cpu}, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, "
            f"Python {platform.python_version()}. Command: `python bench/bench.py --sizes {args.sizes} "
            f"--runs {args.runs}` (`make bench`).\n\n")


def notes() -> str:
    return """
- *our full build*: `build.py` with no cache (`.cache/` removed first), PDF (tagged, PDF/UA-1) and
  EPUB, with the index of names, the contents and the layout checks and repairs.
- *WeasyPrint alone*: the same book as one HTML file (our final HTML, page numbers filled in) and
  our print CSS, `HTML(...).write_pdf()`: the floor for any WeasyPrint-based builder.
- *pandoc PDF + EPUB*: pandoc (pypandoc-binary) Markdown → standalone HTML with citeproc (its
  default author-date style: it ships no notes style) → WeasyPrint, plus pandoc → EPUB. It builds
  no index, no contents page numbers, no notes at the foot of the page.
- *citations*: every chapter's citations and the bibliography formatted by pandoc's citeproc
  with nothing cached (one pandoc process per chapter, as many at once as there are cores); a
  rebuild after a prose-only edit asks it nothing (the answers are cached by content).
- *one chapter edited (CLI)*: words added in chapter 4 (new ones each run) and `build.py` run again:
  the cache holds every other chapter's PDF, so it lays out the edited chapter (and any chapter
  whose first page moved), the front matter and the index, and joins the parts;
  *(watch)*: the same edit in a running `build.py --watch`, which keeps the parts in memory.
"""


if __name__ == "__main__":
    main()
