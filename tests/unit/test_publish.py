"""The outputs published as one step: staged beside their targets, committed by a journal, renamed
into place; a publication a killed build committed to is completed by the next run, and a journal
that does not hold (damaged, planted) renames nothing."""

import errno
import hashlib
import json
import os
import signal
from pathlib import Path

import pytest

from book.build import output
from book.build.output import JOURNAL, disk_errors, finish_publication, staged_outputs
from book.errors import BookError


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _dist(tmp_path: Path) -> Path:
    out = tmp_path / "dist"
    out.mkdir()
    (out / "book.pdf").write_bytes(b"old pdf")
    (out / "book.epub").write_bytes(b"old epub")
    return out


def _files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir()}


def test_both_outputs_replace_their_targets_and_nothing_else_is_left(tmp_path):
    out = _dist(tmp_path)
    (out / "notes.part").write_text("the author's own file")
    with staged_outputs(out) as stage:
        stage(out / "book.pdf").write_bytes(b"new pdf")
        stage(out / "book.epub").write_bytes(b"new epub")
    assert _files(out) == {"book.pdf": b"new pdf", "book.epub": b"new epub", "notes.part": b"the author's own file"}
    assert oct((out / "book.pdf").stat().st_mode & 0o777) == "0o644"


def test_debris_of_an_interrupted_build_is_removed_by_the_next(tmp_path):
    out = _dist(tmp_path)
    (out / ".book.pdf.k3j9x.part").write_bytes(b"half a PDF, left by a SIGKILL")
    with staged_outputs(out) as stage:
        stage(out / "book.pdf").write_bytes(b"%PDF")
    assert sorted(_files(out)) == ["book.epub", "book.pdf"]


def test_a_failure_before_the_commit_leaves_the_last_good_book(tmp_path):
    out = _dist(tmp_path)
    with pytest.raises(RuntimeError), staged_outputs(out) as stage:
        stage(out / "book.pdf").write_bytes(b"new pdf")
        raise RuntimeError("the EPUB writer failed")
    assert _files(out) == {"book.pdf": b"old pdf", "book.epub": b"old epub"}


def test_a_build_killed_between_the_renames_is_completed_by_the_next_run(tmp_path, monkeypatch):
    out = _dist(tmp_path)

    def killed_before_the_epub(source, target):
        if Path(target).name == "book.epub":
            raise SystemExit("SIGKILL")  # stands for the kill: nothing after it runs in this build
        os.rename(source, target)

    monkeypatch.setattr(output.os, "replace", killed_before_the_epub)
    with pytest.raises(SystemExit), staged_outputs(out) as stage:
        stage(out / "book.pdf").write_bytes(b"new pdf")
        stage(out / "book.epub").write_bytes(b"new epub")
    monkeypatch.undo()
    assert (out / "book.pdf").read_bytes() == b"new pdf" and (out / "book.epub").read_bytes() == b"old epub"
    assert (out / JOURNAL).is_file()  # committed: the staged EPUB is kept for the next run
    finish_publication(out)
    assert _files(out) == {"book.pdf": b"new pdf", "book.epub": b"new epub"}


def test_a_journal_whose_file_is_not_whole_renames_nothing(tmp_path):
    out = _dist(tmp_path)
    (out / ".book.pdf.x1.part").write_bytes(b"half")
    (out / JOURNAL).write_text(json.dumps({"book.pdf": {"from": ".book.pdf.x1.part", "sha256": _sha(b"whole")}}))
    finish_publication(out)
    assert (out / "book.pdf").read_bytes() == b"old pdf" and not (out / JOURNAL).exists()


@pytest.mark.parametrize("entry", [
    {"book.pdf": {"from": "../secret", "sha256": ""}},
    {"book.pdf": {"from": ".book.pdf.l.part", "sha256": ""}},  # a link, planted
    {"../../etc/passwd": {"from": ".book.pdf.x.part", "sha256": ""}},
    {"book.pdf": "not an entry"},
    ["not", "a", "record"],
])
def test_a_planted_journal_moves_nothing(tmp_path, entry):
    out = _dist(tmp_path)
    secret = tmp_path / "secret"
    secret.write_bytes(b"outside")
    (out / ".book.pdf.l.part").symlink_to(secret)
    (out / ".book.pdf.x.part").write_bytes(b"planted")
    for record in entry.values() if isinstance(entry, dict) else []:
        if isinstance(record, dict):
            record["sha256"] = _sha(b"outside" if "secret" in record["from"] or ".l." in record["from"] else b"planted")
    (out / JOURNAL).write_text(json.dumps(entry))
    finish_publication(out)
    assert (out / "book.pdf").read_bytes() == b"old pdf" and secret.read_bytes() == b"outside"
    assert not (tmp_path / "etc").exists() and not (out / JOURNAL).exists()


def test_ctrl_c_during_the_renames_does_not_stop_them(tmp_path, monkeypatch):
    out = _dist(tmp_path)
    real = os.replace

    def interrupted(source, target):
        signal.raise_signal(signal.SIGINT)  # Ctrl-C in the middle of the publication
        real(source, target)

    monkeypatch.setattr(output.os, "replace", interrupted)
    with staged_outputs(out) as stage:
        stage(out / "book.pdf").write_bytes(b"new pdf")
        stage(out / "book.epub").write_bytes(b"new epub")
    assert _files(out) == {"book.pdf": b"new pdf", "book.epub": b"new epub"}


def test_a_full_disk_names_the_folder_and_the_fix(tmp_path):
    out = tmp_path / "dist"
    with pytest.raises(BookError) as caught, disk_errors(out, tmp_path / ".cache"):
        raise OSError(errno.ENOSPC, "No space left on device", str(out / ".book.pdf.x.part"))
    assert str(caught.value) == (f"{out}: there is no space left on the disk while writing the book\n"
                                 "    fix: free some space there, or choose another folder with --out")


def test_a_full_temporary_folder_says_so_when_the_write_names_no_file(tmp_path, monkeypatch):
    import tempfile
    monkeypatch.setattr(output, "_nearly_full", lambda folder: folder == Path(tempfile.gettempdir()))
    with pytest.raises(BookError) as caught, disk_errors(tmp_path / "dist", tmp_path / ".cache"):
        raise OSError(errno.ENOSPC, "No space left on device")
    assert "fix: free some space there, or set TMPDIR to a folder on another disk" in str(caught.value)
    assert str(caught.value).startswith(f"{tempfile.gettempdir()}: there is no space left on the disk")


def test_other_os_errors_are_not_taken_for_a_full_disk(tmp_path):
    with pytest.raises(PermissionError), disk_errors(tmp_path, None):
        raise PermissionError(errno.EACCES, "Permission denied")


# The web edition is a folder: staged whole, published with the files, never left half replaced.

def _site(folder: Path, pages: dict[str, bytes]) -> Path:
    for name, data in pages.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    return folder


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_staged_folder_replaces_the_old_site_whole(tmp_path):
    out = _dist(tmp_path)
    _site(out / "web", {"index.html": b"old", "gone.html": b"a page the new site no longer has"})
    with staged_outputs(out) as stage:
        _site(stage(out / "web", folder=True), {"index.html": b"new", "fonts/a.woff2": b"wOF2"})
        stage(out / "book.pdf").write_bytes(b"new pdf")
    assert _tree(out / "web") == {"index.html": b"new", "fonts/a.woff2": b"wOF2"}
    assert sorted(p.name for p in out.iterdir()) == ["book.epub", "book.pdf", "web"]  # nothing aside left
    assert oct((out / "web").stat().st_mode & 0o777) == "0o755"  # mkdtemp's 0o700 opened for a web server
    assert oct((out / "web" / "fonts" / "a.woff2").stat().st_mode & 0o777) == "0o644"


def test_a_failure_keeps_the_last_good_site_and_removes_the_staged_one(tmp_path):
    out = _dist(tmp_path)
    _site(out / "web", {"index.html": b"old"})
    with pytest.raises(RuntimeError), staged_outputs(out) as stage:
        _site(stage(out / "web", folder=True), {"index.html": b"new"})
        raise RuntimeError("the search index failed")
    assert _tree(out / "web") == {"index.html": b"old"}
    assert sorted(p.name for p in out.iterdir()) == ["book.epub", "book.pdf", "web"]


def test_a_build_killed_between_the_folder_renames_is_completed_by_the_next_run(tmp_path, monkeypatch):
    out = _dist(tmp_path)
    _site(out / "web", {"index.html": b"old"})
    real = os.replace

    def killed_with_the_old_site_aside(source, target):
        if Path(target).name == "web":
            raise SystemExit("SIGKILL")  # the old site is renamed aside, the new one not yet in
        real(source, target)

    monkeypatch.setattr(output.os, "replace", killed_with_the_old_site_aside)
    with pytest.raises(SystemExit), staged_outputs(out) as stage:
        _site(stage(out / "web", folder=True), {"index.html": b"new"})
    monkeypatch.undo()
    assert not (out / "web").exists() and (out / JOURNAL).is_file()
    finish_publication(out)
    assert _tree(out / "web") == {"index.html": b"new"}
    with staged_outputs(out) as stage:  # the next build's staging removes the old site left aside
        stage(out / "book.pdf").write_bytes(b"pdf")
        _site(stage(out / "web", folder=True), {"index.html": b"newer"})
    assert sorted(p.name for p in out.iterdir()) == ["book.epub", "book.pdf", "web"]


def test_a_staged_folder_with_a_planted_link_is_not_published_by_the_journal(tmp_path):
    out = _dist(tmp_path)
    (tmp_path / "secret").write_text("not the builder's")
    staged = _site(out / ".web.x1.part", {"index.html": b"new"})
    digest = output.folder_digest(staged)
    (out / JOURNAL).write_text(json.dumps({"web": {"from": staged.name, "sha256": digest}}))
    (staged / "planted").symlink_to(tmp_path / "secret")  # after the journal: the folder is not what it named
    finish_publication(out)
    assert not (out / "web").exists() and not (out / JOURNAL).exists()
