"""The command line as an author meets it: exit codes, messages, the last good book kept."""

import subprocess
import sys

import pytest
from conftest import REPOSITORY, copy_root, make_manuscript

pytestmark = pytest.mark.slow  # builds PDFs or EPUBs: not in the fast lane

BUILD = REPOSITORY / "build.py"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(BUILD), *args], capture_output=True, text=True, timeout=300)


def test_unknown_key_names_file_line_and_nearest_keys_and_keeps_last_good_book(tmp_path):
    source = copy_root("basic", tmp_path)
    out = source / "dist"
    assert run("--source", str(source), "--out", str(out), "--epub").returncode == 0
    before = (out / "book.epub").read_bytes()
    chapter = source / "chapters" / "two.md"
    chapter.write_text(chapter.read_text() + "\nA typo in a key [@bernt, 12].\n")
    result = run("--source", str(source), "--out", str(out), "--epub")
    assert result.returncode == 1
    assert f"{chapter}:5: unknown citation key '@bernt'" in result.stderr
    assert "did you mean @brent" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "book.epub").read_bytes() == before
    assert sorted(p.name for p in out.iterdir()) == ["book.epub"]  # no temporary file left behind


def test_check_writes_nothing(tmp_path):
    source = copy_root("basic", tmp_path)
    result = run("--source", str(source), "--check")
    assert result.returncode == 0, result.stderr
    assert "never cited" in result.stderr  # the uncited entry is a warning
    assert not (source / "dist").exists()


def test_strict_turns_warnings_into_errors(tmp_path):
    source = copy_root("basic", tmp_path)
    result = run("--source", str(source), "--check", "--strict")
    assert result.returncode == 1
    assert "bibliography entry 'uncited' is never cited" in result.stderr


def test_pdf_only_and_epub_only(tmp_path):
    source = make_manuscript(tmp_path / "m", {"a.md": "# One\n\nText.\n"})
    assert run("--source", str(source), "--epub").returncode == 0
    assert [p.name for p in (source / "dist").iterdir()] == ["book.epub"]


def test_malformed_citation_is_an_author_error(tmp_path):
    source = make_manuscript(tmp_path / "m", {"a.md": "# One\n\nText [see @; @x].\n"},
                             bib="@book{x, author={A, B}, title={T}, publisher={P}, date={2000}}\n")
    result = run("--source", str(source), "--check")
    assert result.returncode == 1
    assert "a.md:3: malformed citation" in result.stderr and "has no @key" in result.stderr
