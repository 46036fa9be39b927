"""The build record (.cache/build.json): what the last build read and wrote, so that a build
with nothing to do says so without parsing or laying out anything."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from ..store import Cache, builder_version, digest

BUILD_RECORD = "build.json"
SKIPPED_FOLDERS = {".cache", ".git", ".venv", "dist", "__pycache__", ".pytest_cache", ".hypothesis", ".tools"}


def input_digest(source: Path, out: Path, settings: str) -> str:
    """Everything a build reads: the manuscript folder's files, the builder, the settings."""
    parts: list[str | bytes] = [builder_version(), settings, os.environ.get("SOURCE_DATE_EPOCH", "")]
    out = out.resolve()
    for root, folders, files in os.walk(source):
        folders[:] = sorted(f for f in folders if f not in SKIPPED_FOLDERS and not f.startswith(".")
                            and Path(root, f).resolve() != out)
        for name in sorted(files):
            path = Path(root, name)
            parts += [path.relative_to(source).as_posix(), path.read_bytes() if path.is_file() else b""]
    return digest(*parts)


def file_digest(path: Path) -> str:
    """An output's digest: a file's, or a folder's (the web edition) over all its files."""
    if path.is_symlink():
        return ""
    if path.is_dir():
        from .output import folder_digest
        return folder_digest(path)
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def up_to_date(options) -> list[str] | None:
    """The last build's warnings when nothing it read has changed and its outputs are intact,
    else None. Reads only file hashes: a no-op rebuild never parses or lays out anything."""
    last = Cache(options.cache).load(BUILD_RECORD)
    if not last or last.get("inputs") != input_digest(options.source, options.out, options.settings):
        return None
    outputs, warnings = last.get("outputs"), last.get("warnings", [])
    if not isinstance(outputs, dict) or not isinstance(warnings, list):  # not a record we wrote
        return None
    if not outputs or any(not isinstance(name, str) or not re.fullmatch(r"[\w-]+(\.\w+)?", name)
                          or file_digest(options.out / name) != hash_ for name, hash_ in outputs.items()):
        return None
    return [str(w) for w in warnings]
