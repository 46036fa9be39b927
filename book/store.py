"""The cache folder as a small store: JSON records and files named by their content's hash.
A missing or broken record is an empty one: a cache only ever makes a build faster."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

PACKAGE = Path(__file__).parent


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def builder_version() -> str:
    """A hash of the builder's own code and styles: a change to either is a change of version."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".css", ".toml") and p.is_file())
    return digest(*[p.relative_to(PACKAGE).as_posix() + "\0" + p.read_text(encoding="utf-8") for p in files])


class Cache:
    """A small JSON store in the cache folder; a missing or broken store is an empty one."""

    def __init__(self, folder: Path | None):
        self.folder = folder

    def load(self, name: str) -> dict:
        if self.folder is None:
            return {}
        try:
            return json.loads((self.folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def save(self, name: str, data: dict) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            _replace(self.folder / name, json.dumps(data, indent=1, sort_keys=True).encode())
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    def read(self, name: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            return (self.folder / name).read_bytes()
        except OSError:
            return None

    def keep_files(self, folder: str, files: dict[str, bytes]) -> None:
        """Make `folder` hold exactly `files`: names are content hashes, so a file already there
        is not written again, and a file this build did not use is removed."""
        if self.folder is None:
            return
        target = self.folder / folder
        try:
            target.mkdir(parents=True, exist_ok=True)
            for old in target.iterdir():
                if old.name not in files:
                    old.unlink()
            for name, data in files.items():
                if not (target / name).is_file():
                    _replace(target / name, data)
        except OSError:
            pass


def _replace(path: Path, data: bytes) -> None:
    """Write through a temporary file, so that a reader never finds half a file."""
    temp = path.with_name(f".{path.name}.part")
    temp.write_bytes(data)
    os.replace(temp, path)
