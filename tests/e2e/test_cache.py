"""Rebuilds: nothing changed means nothing done; a cached rebuild equals a clean one; watch mode."""

import os
import queue
import subprocess
import sys
import threading
import time
from contextlib import contextmanager

import pytest
from conftest import REPOSITORY, copy_root, pdf_pages, run_cli

import book.paginate as paginate
from book.build.forked import Forked
from book.build.options import Options
from book.build.pipeline import build as build_book

pytestmark = pytest.mark.slow  # builds PDFs or EPUBs: not in the fast lane

BUILD = REPOSITORY / "build.py"


def test_noop_rebuild_does_nothing(tmp_path):
    source = copy_root("basic", tmp_path)
    assert run_cli(source).returncode == 0
    stamps = {p.name: p.stat().st_mtime_ns for p in (source / "dist").iterdir()}
    again = run_cli(source)
    assert again.returncode == 0 and "up to date" in again.stderr
    assert "never cited" in again.stderr  # the last build's warnings are shown again
    assert {p.name: p.stat().st_mtime_ns for p in (source / "dist").iterdir()} == stamps


def test_cached_rebuild_after_an_edit_equals_a_clean_build(tmp_path):
    source = copy_root("basic", tmp_path)
    assert run_cli(source).returncode == 0
    chapter = source / "chapters" / "two.md"
    chapter.write_text(chapter.read_text() + "\nA later paragraph [@caesar].\n")
    assert run_cli(source).returncode == 0  # uses .cache
    assert run_cli(source, "--no-cache", "--out", str(tmp_path / "clean")).returncode == 0
    for name in ("book.pdf", "book.epub"):
        assert (source / "dist" / name).read_bytes() == (tmp_path / "clean" / name).read_bytes()


def test_a_deleted_output_is_rebuilt(tmp_path):
    source = copy_root("basic", tmp_path)
    assert run_cli(source).returncode == 0
    (source / "dist" / "book.pdf").unlink()
    assert "up to date" not in run_cli(source).stderr
    assert (source / "dist" / "book.pdf").exists()


def test_an_edit_in_one_chapter_lays_out_only_that_chapter(tmp_path, monkeypatch):
    source = copy_root("basic", tmp_path)
    options = Options(source=source, out=source / "dist", cache=source / ".cache")
    build_book(options)
    laid_out = []
    original = paginate.repaired
    monkeypatch.setattr(paginate, "repaired", lambda engine, html, section, start, fixes:
                        laid_out.append(section and section.id) or original(engine, html, section, start, fixes))
    chapter = source / "chapters" / "two.md"
    chapter.write_text(chapter.read_text().replace("starts the notes again", "starts its notes again"))
    build_book(options)
    assert laid_out == ["ch-two"]


def test_a_new_process_lays_out_only_the_edited_chapter(tmp_path):
    # Each chapter's PDF is kept in .cache/: the next run of build.py lays out only what changed.
    source = copy_root("basic", tmp_path)
    assert run_cli(source).returncode == 0
    chapter = source / "chapters" / "two.md"
    chapter.write_text(chapter.read_text().replace("starts the notes again", "starts its notes again"))
    rebuilt = run_cli(source)
    assert rebuilt.returncode == 0
    # The edit keeps chapter 2 as long as it was, so the bibliography after it is unchanged too.
    assert "1/3 The First Chapter (unchanged)" in rebuilt.stderr
    assert "2/3 The Second Chapter\n" in rebuilt.stderr and "3/3 Bibliography (unchanged)" in rebuilt.stderr
    assert "front matter (unchanged)" in rebuilt.stderr  # no page number in the contents moved
    # front matter, two chapters, bibliography, blank page: the old chapter's PDF is gone
    assert len(list((source / ".cache" / "parts").iterdir())) == 5


@contextmanager
def watching(source):
    """build.py --watch running on `source`, its file watcher started; stopped on leaving."""
    process = subprocess.Popen([sys.executable, str(BUILD), "--source", str(source), "--epub", "--watch"],
                               stderr=subprocess.PIPE, text=True)
    lines: queue.Queue = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stderr], daemon=True).start()
    process.lines = lines
    try:
        wait_for(process, "watching")
        time.sleep(2)  # let the file watcher start before the first save
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_watch_rebuilds_on_save_and_survives_a_broken_save(tmp_path):
    source = copy_root("basic", tmp_path)
    with watching(source) as process:
        chapter = source / "chapters" / "two.md"
        chapter.write_text(chapter.read_text() + "\nA new paragraph.\n")
        assert "changed: two.md" in wait_for(process, "rebuilt")
        good = (source / "dist" / "book.epub").read_bytes()
        chapter.write_text(chapter.read_text() + "\nA typo [@bernt].\n")
        failed = wait_for(process, "build failed")
        assert "unknown citation key '@bernt'" in failed
        assert (source / "dist" / "book.epub").read_bytes() == good


def test_watch_builds_the_last_of_a_burst_of_saves(tmp_path):
    # Twenty saves 0.1 s apart, most of them while a rebuild runs: the book ends with the last.
    source = copy_root("basic", tmp_path)
    with watching(source) as process:
        chapter = source / "chapters" / "two.md"
        text = chapter.read_text()
        for n in range(1, 21):
            chapter.write_text(text + f"\nThis is save number {n}.\n")
            time.sleep(0.1)
        deadline = time.monotonic() + 180
        while "save number 20." not in _epub_text(source) and time.monotonic() < deadline:
            wait_for(process, "rebuilt", timeout=max(deadline - time.monotonic(), 1))
        assert "save number 20." in _epub_text(source)


def _epub_text(source) -> str:
    import zipfile
    with zipfile.ZipFile(source / "dist" / "book.epub") as epub:
        return " ".join(epub.read(n).decode() for n in epub.namelist() if n.endswith(".xhtml"))


def wait_for(process, text: str, timeout: float = 120) -> str:
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = process.lines.get(timeout=1)
        except queue.Empty:
            continue
        seen.append(line)
        if text in line:
            return "".join(seen)
    raise AssertionError(f"no '{text}' within {timeout} s:\n" + "".join(seen))


def test_a_damaged_cache_file_is_laid_out_again(tmp_path):
    source = copy_root("basic", tmp_path)
    assert run_cli(source).returncode == 0
    clean = (source / "dist" / "book.pdf").read_bytes()
    for part in (source / ".cache" / "parts").iterdir():
        part.write_bytes(part.read_bytes()[:1000])  # as a full disk or a killed copy might leave it
    (source / "dist" / "book.pdf").unlink()
    rebuilt = run_cli(source)
    assert rebuilt.returncode == 0 and "(unchanged)" not in rebuilt.stderr
    assert (source / "dist" / "book.pdf").read_bytes() == clean


def test_chapters_written_on_another_core_are_the_same_bytes(tmp_path, monkeypatch):
    # Both builds lay out and write every part in this process's memory (no cache, a new
    # session each): the first hands the writing to a forked child, the second writes inline.
    # What each did is counted, so that the comparison is never a file with itself.
    source = copy_root("basic", tmp_path)
    limits, parts, forks = [], [], []
    original_written, original_fork = paginate.written, os.fork

    class CountedForked(Forked):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            limits.append(self.limit)

    def counted_written(document, book_anchors, widows=None, forked=None):
        parts.append(forked is not None)
        return original_written(document, book_anchors, widows, forked)

    def counted_fork():
        forks.append(os.getpid())  # in the parent, before the child exists
        return original_fork()
    monkeypatch.setattr(paginate, "Forked", CountedForked)
    monkeypatch.setattr(paginate, "written", counted_written)
    monkeypatch.setattr(os, "fork", counted_fork)
    monkeypatch.setattr("os.cpu_count", lambda: 2)  # one core to spare, whatever this machine has
    build_book(Options(source=source, out=tmp_path / "forked"))
    forked_limits, forked_parts, forked_forks = limits[:], parts[:], forks[:]
    limits.clear()
    parts.clear()
    forks.clear()
    monkeypatch.setattr("os.cpu_count", lambda: 1)  # no core to spare: everything written in this process
    build_book(Options(source=source, out=tmp_path / "inline"))
    assert forked_limits == [1] and forked_forks, "the first build wrote nothing on another core"
    assert limits == [0] and forks == [], "the second build did not write everything itself"
    assert len(parts) == len(forked_parts) >= 4  # every part laid out and written again, not reused
    assert (tmp_path / "forked" / "book.pdf").read_bytes() == (tmp_path / "inline" / "book.pdf").read_bytes()


def test_work_a_child_fails_is_done_again_where_its_error_can_be_seen(tmp_path):
    parent = os.getpid()

    def produce(path):
        if os.getpid() != parent:
            raise RuntimeError("a child that fails")
        path.write_bytes(b"written by the parent")

    with Forked(limit=1) as forked:
        assert forked.submit(produce)() == b"written by the parent"
        failing = forked.submit(lambda path: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            failing()


def test_layout_repairs_are_data_and_a_planted_style_is_dropped(tmp_path):
    import json

    from book.paginate.repair import RepairLog, css
    from book.store import Cache

    cache = tmp_path / ".cache"
    cache.mkdir()
    (cache / "layout-repairs.json").write_text(json.dumps({
        "k": [["break", "ch-one-b3"], "@font-face { src: url(http://127.0.0.1:8000/x.woff) }",
              ["widows", "x} @import url(http://127.0.0.1/); a{"], ["javascript", "ch-one-b4"]]}))
    fixes = RepairLog(Cache(cache)).fixes("k")
    assert fixes == [("break", "ch-one-b3")]
    assert css(fixes) == "#ch-one-b3 { break-before: page; }"


def test_a_save_made_during_a_build_is_built_next_time(tmp_path, monkeypatch):
    import book.build.pipeline as pipeline

    source = copy_root("basic", tmp_path)
    chapter = source / "chapters" / "two.md"
    layout = pipeline._paginated

    def saved_meanwhile(*args, **kwargs):  # the author saves while the book is being laid out
        chapter.write_text(chapter.read_text().replace("starts the notes again", "starts anew"))
        return layout(*args, **kwargs)
    monkeypatch.setattr(pipeline, "_paginated", saved_meanwhile)
    options = Options(source=source, out=source / "dist", cache=source / ".cache")
    build_book(options)
    monkeypatch.setattr(pipeline, "_paginated", layout)
    rebuilt = run_cli(source)
    assert "up to date" not in rebuilt.stderr
    assert "starts anew" in " ".join(pdf_pages(source / "dist" / "book.pdf"))
