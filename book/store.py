"""The cache folder as a small store: JSON records and files named by their content's hash.
A missing or broken record is an empty one: a cache only ever makes a build faster."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from functools import lru_cache
from pathlib import Path

PACKAGE = Path(__file__).parent


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


@lru_cache(maxsize=1)
def builder_version() -> str:
    """A hash of the builder's own code and styles: a change to either is a change of version."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".css", ".js", ".toml", ".lua") and p.is_file())
    return digest(*[p.relative_to(PACKAGE).as_posix() + "\0" + p.read_text(encoding="utf-8") for p in files])


class Cache:
    """A small JSON store in the cache folder; a missing or broken store is an empty one.

    The folder comes with the manuscript, so its contents are untrusted: no path in it is
    followed if it is a symbolic link (a planted `.cache/parts -> /home/me` must not make a build
    delete or overwrite anything outside), and a record that is not what we wrote is ignored."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def load(self, name: str) -> dict:
        data = self.read(name)
        if data is None:
            return {}
        try:
            record = json.loads(data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return {}
        return record if isinstance(record, dict) else {}

    def save(self, name: str, data: dict) -> None:
        if self.folder is None or not self._safe(self.folder):
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _replace(self.folder / name, json.dumps(data, indent=1, sort_keys=True).encode())
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    def read(self, name: str) -> bytes | None:
        if self.folder is None:
            return None
        path = self.folder / name
        if not self._safe(path):
            return None
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return None
        with os.fdopen(fd, "rb") as file:
            return file.read() if stat.S_ISREG(os.fstat(file.fileno()).st_mode) else None

    def keep_files(self, folder: str, files: dict[str, bytes]) -> None:
        """Make `folder` hold exactly `files`: names are content hashes, so a file already there
        is not written again, and a file this build did not use is removed."""
        if self.folder is None:
            return
        target = self.folder / folder
        try:
            if target.is_symlink():  # not ours: the link goes, whatever it points at stays
                target.unlink()
            if not self._safe(target.parent):
                return
            target.mkdir(parents=True, exist_ok=True)
            for old in target.iterdir():
                if old.name not in files and (old.is_symlink() or old.is_file()):
                    old.unlink()  # unlinking a symbolic link removes the link, never its target
            for name, data in files.items():
                if (target / name).is_symlink() or not (target / name).is_file():
                    _replace(target / name, data)
        except OSError:
            pass

    def _safe(self, path: Path) -> bool:
        """No symbolic link from the cache folder down to `path`."""
        assert self.folder is not None
        current = self.folder
        for part in (None, *path.relative_to(self.folder).parts):
            if part is not None:
                current = current / part
            if current.is_symlink():
                return False
        return True


def _replace(path: Path, data: bytes) -> None:
    """Write through a temporary file, so that a reader never finds half a file; a link planted
    where the temporary file goes is removed first, never written through."""
    temp = path.with_name(f".{path.name}.part")
    if temp.is_symlink():
        temp.unlink()
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o644)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
    except OSError:
        temp.unlink(missing_ok=True)  # half a record on a full disk would keep it full
        raise
    if path.is_symlink():
        path.unlink()
    os.replace(temp, path)
