"""The build cache (.cache/ in the manuscript folder): what the last build read and wrote, the
layout repairs each chapter needed and each chapter's PDF, keyed by content hashes."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

PACKAGE = Path(__file__).parent
BUILD_RECORD = "build.json"
SKIPPED_FOLDERS = {".cache", ".git", ".venv", "dist", "__pycache__", ".pytest_cache", ".hypothesis", ".tools"}


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


def builder_version() -> str:
    """A hash of the builder's own code and styles: a change to either is a change of version."""
    files = sorted(p for p in PACKAGE.rglob("*") if p.suffix in (".py", ".css") and p.is_file())
    return digest(*[p.relative_to(PACKAGE).as_posix() + "\0" + p.read_text(encoding="utf-8") for p in files])


def input_digest(source: Path, out: Path, settings: str) -> str:
    """Everything a build reads: the manuscript folder's files, the builder, the settings."""
    parts = [builder_version(), settings, os.environ.get("SOURCE_DATE_EPOCH", "")]
    out = out.resolve()
    for root, folders, files in os.walk(source):
        folders[:] = sorted(f for f in folders if f not in SKIPPED_FOLDERS and not f.startswith(".")
                            and Path(root, f).resolve() != out)
        for name in sorted(files):
            path = Path(root, name)
            parts += [path.relative_to(source).as_posix(), path.read_bytes() if path.is_file() else b""]
    return digest(*parts)


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


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


def up_to_date(options) -> list[str] | None:
    """The last build's warnings when nothing it read has changed and its outputs are intact,
    else None. Reads only file hashes: a no-op rebuild never parses or lays out anything."""
    last = Cache(options.cache).load(BUILD_RECORD)
    if not last or last.get("inputs") != input_digest(options.source, options.out, options.settings):
        return None
    outputs = last.get("outputs", {})
    if not outputs or any(file_digest(options.out / name) != hash_ for name, hash_ in outputs.items()):
        return None
    return last.get("warnings", [])
