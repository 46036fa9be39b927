"""A build killed outright (SIGKILL: no cleanup runs in it) leaves no child writing on, and the
next build removes what the killed one left in the temporary folder."""

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from conftest import build, copy_root, output_files

pytestmark = pytest.mark.slow  # builds PDFs or EPUBs: not in the fast lane

BUILD = Path(__file__).resolve().parents[2] / "build.py"


def _forked_children(pid: int) -> list[int]:
    """The children of `pid` that are forks of it (same command line), not pandoc or others."""
    mine = Path(f"/proc/{pid}/cmdline").read_bytes()
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) == pid and (stat.parent / "cmdline").read_bytes() == mine:
                kids.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return kids


def _build_until_it_forks(source: Path, *args: str) -> tuple[subprocess.Popen, list[int]]:
    """A build started, and the children it forked to write a chapter, once there are some."""
    process = subprocess.Popen([sys.executable, str(BUILD), "--source", str(source), "--no-cache", *args],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    children: list[int] = []
    deadline = time.time() + 120
    while not children and process.poll() is None and time.time() < deadline:
        children = _forked_children(process.pid)
        time.sleep(0.005)
    assert children, "the build forked no child to write a chapter"
    return process, children


def _temporary_files_of(pid: int) -> list[str]:
    """The files a build's forked children write are named by the build's pid (other builds,
    a parallel test's, have their own)."""
    return sorted(str(p) for p in Path(tempfile.gettempdir()).glob(f"book-{pid}-*"))


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has stopped; only its entry waits for a reaper


@pytest.mark.skipif(not Path("/proc").is_dir() or (os.cpu_count() or 1) < 2, reason="Linux with two cores forks")
def test_a_killed_build_takes_its_children_and_the_next_build_cleans_up(tmp_path):
    source = copy_root("basic", tmp_path)
    process, children = _build_until_it_forks(source, "-q")
    os.kill(process.pid, signal.SIGKILL)
    process.communicate()
    deadline = time.time() + 5
    while any(_alive(c) for c in children) and time.time() < deadline:
        time.sleep(0.05)
    assert not any(_alive(c) for c in children), "a forked child outlived its killed parent"
    assert build(source) == 0
    left = _temporary_files_of(process.pid)
    assert not left, f"the killed build's temporary files were left behind: {left}"


@pytest.mark.skipif(not Path("/proc").is_dir() or (os.cpu_count() or 1) < 2, reason="Linux with two cores forks")
def test_sigterm_is_an_interruption_the_last_good_book_kept(tmp_path):
    source = copy_root("basic", tmp_path)
    assert build(source) == 0
    good = output_files(source / "dist")
    (source / "chapters" / "one.md").write_text((source / "chapters" / "one.md").read_text() + "\nMore.\n")
    process, children = _build_until_it_forks(source)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130 and "interrupted; the last good book is untouched" in stderr
    assert output_files(source / "dist") == good  # no .part file either
    assert not any(_alive(c) for c in children)
    assert not _temporary_files_of(process.pid)
