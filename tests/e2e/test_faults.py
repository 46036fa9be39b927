"""Fault injection: a build killed (SIGKILL, SIGTERM) at each step of its publication, and one
on a full disk. After each, the output folder holds the last good book or the new one whole
(never one of each, except in the instant between two renames, which the next run completes),
and the next build equals a clean one, with nothing left behind."""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from conftest import REPOSITORY, build, copy_root, output_files

pytestmark = pytest.mark.slow  # builds PDFs and EPUBs: not in the fast lane

# Run as `python -c DRIVER point args…`: the builder's CLI, with the build killed at `point`.
DRIVER = """
import os, signal, sys
sys.path.insert(0, sys.argv[1])
from book.build import output, pipeline
point = sys.argv[2]

def killed(function, signal_number=signal.SIGKILL, after=False):
    def wrapper(*args, **kwargs):
        if after:
            function(*args, **kwargs)
        os.kill(os.getpid(), signal_number)
        if not after:
            return function(*args, **kwargs)
    return wrapper

if point == "staged":  # the outputs written beside their targets, not yet committed
    output._write_journal = killed(output._write_journal)
elif point == "committed":  # the journal in place, nothing renamed
    output._complete = killed(output._complete)
elif point in ("between", "terminated-between"):  # the PDF renamed, the EPUB not yet
    replace, number = os.replace, signal.SIGKILL if point == "between" else signal.SIGTERM
    def between(source, target):
        if str(target).endswith("book.epub"):
            os.kill(os.getpid(), number)
        replace(source, target)
    output.os.replace = between
elif point == "published":  # both in place, the build record not written
    pipeline._remember = killed(pipeline._remember)
from book.cli import main
sys.exit(main(sys.argv[3:]))
"""


def _outputs(out: Path) -> dict[str, bytes]:
    return output_files(out)


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """The basic root built before and after an edit, each clean: the two books a killed build
    may leave."""
    folder = tmp_path_factory.mktemp("editions")
    old, new = copy_root("basic", folder / "old"), copy_root("basic", folder / "new")
    _edit(new)
    assert build(old, "--no-cache") == 0 and build(new, "--no-cache") == 0
    return _outputs(old / "dist"), _outputs(new / "dist")


def _edit(source: Path) -> None:
    chapter = source / "chapters" / "one.md"
    chapter.write_text(chapter.read_text() + "\nA paragraph added since the last build.\n")


def _killed_build(source: Path, point: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", DRIVER, str(REPOSITORY), point, "--source", str(source),
                           "--out", str(source / "dist"), "-q"], capture_output=True, text=True, timeout=600)


@pytest.mark.parametrize("point, returncode, left, checked", [
    ("staged", -9, "old", "old"), ("committed", -9, "old", "new"), ("between", -9, "mixed", "new"),
    ("terminated-between", 0, "new", "new"), ("published", -9, "new", "new")])
def test_a_build_killed_while_publishing_leaves_one_book_and_the_next_run_completes_it(
        tmp_path, editions, point, returncode, left, checked):
    old, new = editions
    books = {"old": old, "new": new, "mixed": {**old, "book.pdf": new["book.pdf"]}}  # the EPUB and the site not yet renamed
    source = copy_root("basic", tmp_path)
    assert build(source) == 0
    _edit(source)
    killed = _killed_build(source, point)
    assert killed.returncode == returncode, killed.stderr
    assert {n: d for n, d in _outputs(source / "dist").items() if not n.startswith(".")} == books[left]
    # Any next run completes a committed publication, even one that only checks the manuscript.
    assert build(source, "--check") == 0
    assert {n: d for n, d in _outputs(source / "dist").items() if not n.startswith(".")} == books[checked]
    assert build(source) == 0
    assert _outputs(source / "dist") == new  # no journal, no staged file left
    assert build(source) == 0 and _outputs(source / "dist") == new


def _mounted_small_disk(folder: Path, size: str) -> bool:
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    disk = tmp_path / "disk"
    if not _mounted_small_disk(disk, "4m"):
        pytest.skip("mounting a small tmpfs needs root here")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk: Path, leave: int) -> Path:
    filler = disk / "filler"
    free = shutil.disk_usage(disk).free
    filler.write_bytes(b"\0" * max(free - leave, 0))
    return filler


def test_a_full_output_disk_is_reported_and_the_last_good_book_kept(tmp_path, small_disk, editions):
    _, new = editions
    source = copy_root("basic", tmp_path / "book")
    out = small_disk / "dist"
    run = ["--source", str(source), "--out", str(out), "-q"]
    from book.cli import main
    assert main(run) == 0
    good = _outputs(out)
    _edit(source)
    filler = _fill(small_disk, 16 << 10)
    failed = subprocess.run([sys.executable, str(REPOSITORY / "build.py"), *run], capture_output=True, text=True)
    assert failed.returncode == 1, failed.stderr
    assert f"error: {out}: there is no space left on the disk while writing the book" in failed.stderr
    assert "fix: free some space there, or choose another folder with --out" in failed.stderr
    assert "internal error" not in failed.stderr and "Traceback" not in failed.stderr
    assert _outputs(out) == good  # no staged file keeps the disk full either
    filler.unlink()
    assert main(run) == 0 and _outputs(out) == new


def test_a_full_temporary_folder_is_reported_as_such(tmp_path, small_disk):
    source = copy_root("basic", tmp_path / "book")
    _fill(small_disk, 4 << 10)
    failed = subprocess.run([sys.executable, str(REPOSITORY / "build.py"), "--source", str(source), "-q"],
                            capture_output=True, text=True, env={**os.environ, "TMPDIR": str(small_disk)})
    assert failed.returncode == 1, failed.stderr
    assert f"error: {small_disk}: there is no space left on the disk while writing the book" in failed.stderr
    assert "set TMPDIR to a folder on another disk" in failed.stderr
    assert not (source / "dist").exists() or not list((source / "dist").iterdir())
    assert tempfile.gettempdir() != str(small_disk)  # the test's own process was not redirected
