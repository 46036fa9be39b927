"""Publishes the outputs as one step, so that a failed or killed build never leaves a broken,
missing or mismatched book.

Each output is written to a temporary file beside its target and flushed to the disk. Then a
journal naming every (temporary file, target) pair, with the content's digest, is put in place
by one rename: that rename is the moment the new book is published. The renames into place
follow and the journal goes. A build killed before the journal leaves the last good book as it
was (its temporary files are debris the next run removes); one killed after it, in the
microseconds between two renames, has its publication completed by the next run of the builder,
whatever that run is asked to do. The output folder itself is never swapped: a PDF viewer
watching `dist/book.pdf` sees the file replaced and reloads it."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import stat
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

from ..errors import BookError, Location, Problem

JOURNAL = ".book-publish.json"


@contextmanager
def staged_outputs(out: Path):
    """Yield `stage(target, folder=False) -> temporary path` for targets in `out`; all staged
    files (and folders: the web edition) replace their targets together, and only when the whole
    build succeeded. On any failure, Ctrl-C included, the temporary files are removed and the
    previous outputs stay as they were."""
    staged: dict[str, Path] = {}

    def stage(target: Path, folder: bool = False) -> Path:
        assert target.parent == out and target.name not in staged
        remove_debris(target)
        if folder:
            name = tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".part", dir=out)
        else:
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=out)
            os.close(fd)
        staged[target.name] = Path(name)
        return Path(name)

    committed = False
    try:
        yield stage
        entries = {name: {"from": temp.name, "sha256": _flushed_digest(temp)} for name, temp in staged.items()}
        with _uninterrupted():  # only SIGKILL can stop the renames, and the journal finishes them
            _write_journal(out, entries)
            committed = True  # the new book is the one now: what is staged stays for the next run
            _complete(out, entries)
    finally:
        if not committed:
            for temp in staged.values():
                _remove(temp)


def finish_publication(out: Path) -> None:
    """Complete a publication a killed build had committed to: the temporary files its journal
    names, whole (their digests match), are renamed into place; those already renamed are left.
    Run by every build before it looks at the outputs. A journal that does not hold, a planted
    one included, is removed and nothing is renamed."""
    journal = out / JOURNAL
    if journal.is_symlink() or not journal.is_file():
        return
    try:
        pending = _pending(out, json.loads(journal.read_bytes()))
        if pending:
            _complete(out, pending)
        journal.unlink(missing_ok=True)
    except (OSError, ValueError):
        return  # tried again by the next build; the outputs are each whole meanwhile


def _pending(out: Path, record) -> dict | None:
    """The journal's entries still to rename, or None if it is not one a build of ours wrote."""
    if not isinstance(record, dict):
        return None
    pending = {}
    for name, entry in record.items():
        if name not in OUTPUT_NAMES or not isinstance(entry, dict) or not isinstance(entry.get("from"), str):
            return None
        temp, target = out / entry["from"], out / name
        if temp.parent != out or not temp.name.startswith(f".{name}.") or not temp.name.endswith(".part"):
            return None
        if _whole(temp, entry.get("sha256")):
            pending[name] = entry
        elif not _whole(target, entry.get("sha256")):
            return None
    return pending


def _whole(path: Path, digest) -> bool:
    if path.is_symlink():
        return False
    return (path.is_file() or path.is_dir()) and _digest(path) == digest


OUTPUT_NAMES = ("book.pdf", "book.epub", "web")


def _complete(out: Path, entries: dict) -> None:
    for name, entry in entries.items():
        target = out / name
        if target.is_symlink():
            target.unlink()  # a link planted where the book goes is replaced, never written through
        if (out / entry["from"]).is_dir():
            _replace_folder(out / entry["from"], target)
        else:
            os.replace(out / entry["from"], target)
    _sync(out)
    (out / JOURNAL).unlink(missing_ok=True)


def _replace_folder(new: Path, target: Path) -> None:
    """A folder cannot be renamed over a full one: the old one is renamed aside first (a name of
    the debris shape, so a kill between the two renames leaves it for the next run to remove,
    while the journal still names the new one), then the new one into place."""
    if target.is_dir():
        aside = target.parent / f".{target.name}.old-{os.getpid()}.part"
        _remove(aside)
        os.replace(target, aside)
        os.replace(new, target)
        _remove(aside)
    else:
        if target.exists():
            target.unlink()
        os.replace(new, target)


def _remove(path: Path) -> None:
    """A staged file or folder, or debris; a folder's links are removed, never followed."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


@contextmanager
def _uninterrupted():
    """Ctrl-C and SIGTERM ignored for the few milliseconds of the renames: once the journal is
    written the new book is published whatever happens, so the build goes on to its end (only
    its record is left to write) rather than say it stopped with the last good book untouched.
    Python runs signal handlers in the main thread, so swapping them holds there."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {number: signal.signal(number, signal.SIG_IGN) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in saved.items():
            signal.signal(number, signal.SIG_DFL if handler is None else handler)


def _write_journal(out: Path, entries: dict) -> None:
    temp = out / f".{JOURNAL}.part"
    temp.unlink(missing_ok=True)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(json.dumps(entries, sort_keys=True).encode())
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, out / JOURNAL)
    finally:
        temp.unlink(missing_ok=True)
    _sync(out)


def _flushed_digest(path: Path) -> str:
    """The file's (or folder's) digest, once its content is on the disk (a journal must not name
    a file that a power cut would leave empty)."""
    for file in _tree(path):
        os.chmod(file, 0o755 if file.is_dir() else 0o644)  # mkstemp and mkdtemp made them private
        fd = os.open(file, os.O_RDONLY | os.O_NOFOLLOW)
        try:
            os.fsync(fd)
        except OSError:
            pass  # some file systems cannot sync a folder
        finally:
            os.close(fd)
    return _digest(path)


def folder_digest(path: Path) -> str:
    return _digest(path)


def _tree(path: Path) -> list[Path]:
    """A file, or a folder and everything in it (links not followed), in a stable order."""
    if not path.is_dir() or path.is_symlink():
        return [path]
    return [path] + sorted(p for p in path.rglob("*") if not p.is_symlink())


def _digest(path: Path) -> str:
    """A file's sha256; a folder's is the sha256 of its files' relative names and digests, so a
    changed, added or removed file changes it (a link inside makes it one no build wrote)."""
    if path.is_dir():
        lines = []
        for inner in sorted(path.rglob("*")):
            kind = "link" if inner.is_symlink() else "dir" if inner.is_dir() else _digest(inner)
            lines.append(f"{inner.relative_to(path).as_posix()}\0{kind}\n")
        return hashlib.sha256("".join(lines).encode()).hexdigest()
    with path.open("rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return ""
        return hashlib.file_digest(file, "sha256").hexdigest()


def _sync(folder: Path) -> None:
    """The renames in `folder` made durable (a folder's own entries are flushed by syncing it)."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot sync a folder; the renames stand all the same
    finally:
        os.close(fd)


def remove_debris(target: Path) -> None:
    """The temporary files an interrupted build left beside `target` (a SIGKILL runs no cleanup):
    `.book.pdf.x7q2.part`. Only regular files of that exact shape are removed, and never one a
    committed publication still needs (finish_publication runs first)."""
    for debris in target.parent.glob(f".{target.name}.*.part"):
        if (debris.is_file() or debris.is_dir()) and not debris.is_symlink():
            _remove(debris)


FULL = {errno.ENOSPC: "there is no space left on the disk", errno.EDQUOT: "the disk quota is used up",
        errno.EROFS: "the disk is read-only", errno.EFBIG: "the file is larger than the disk allows"}


@contextmanager
def disk_errors(out: Path, cache: Path | None):
    """A full, read-only or over-quota disk is the author's to fix, not a bug: reported with the
    folder that could not be written (the output folder, the cache or the temporary folder)."""
    try:
        yield
    except OSError as error:
        if error.errno not in FULL:
            raise
        temporary = Path(tempfile.gettempdir())
        places = [p for p in (out, cache, temporary) if p is not None]
        if isinstance(error.filename, str):
            written = Path(error.filename)
            places = [p for p in places if written.is_relative_to(p)] or [written.parent]
        elif error.errno in (errno.ENOSPC, errno.EDQUOT):  # a write() names no file: the full disk
            places = [p for p in places if _nearly_full(p)] or places
        place = places[0]
        fix = ("set TMPDIR to a folder on another disk" if place == temporary
               else "choose another folder with --out" if place == out else "build with --no-cache")
        raise BookError([Problem(Location(place), f"{FULL[error.errno]} while writing the book",
                                 f"free some space there, or {fix}")]) from None


def _nearly_full(folder: Path) -> bool:
    try:
        disk = os.statvfs(folder)
    except OSError:
        return False
    return disk.f_bavail * disk.f_frsize < 4 << 20
