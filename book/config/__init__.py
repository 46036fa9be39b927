"""The manuscript's metadata file (book.toml), read and checked against its schema."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Location, Report
from ..files import read_text
from ..model import Metadata
from .check import check
from .lines import key_lines
from .schemas import BOOK_SCHEMA

CONFIG_NAME = "book.toml"


@dataclass
class Config:
    """What the metadata file says: the book's metadata and its files in order."""

    meta: Metadata
    root: Path
    path: Path
    chapters: list[Path]
    front: list[Path] = field(default_factory=list)
    back: list[Path] = field(default_factory=list)
    colophon: Path | None = None
    bibliography: Path | None = None
    names: Path | None = None


def load_config(root: Path, report: Report) -> Config | None:
    """Read `book.toml` in `root`; report every way it breaks BOOK_SCHEMA, and files outside `root`."""
    path = root / CONFIG_NAME
    if not path.is_file():
        report.error(Location(path), f"no metadata file {CONFIG_NAME} in the manuscript folder",
                     f"create {path} with a [book] table (title, author, language, ...) "
                     "and a [files] table listing the chapters")
        return None
    text = read_text(path, report)
    if text is None:
        return None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _error_line(str(exc))
        report.error(Location(path, line), f"the metadata file is not valid TOML: {exc}",
                     "check quotes, brackets and commas on that line")
        return None
    if not check(data, BOOK_SCHEMA, path, text, report):
        return None
    book, files = data["book"], data["files"]
    lines = key_lines(text)

    def inside(key: str, name: str) -> Path:
        return _inside(root, name, Location(path, lines.get(("files", key))), report)

    meta = Metadata(title=book["title"], subtitle=book.get("subtitle", ""), author=book["author"],
                    language=book["language"], identifier=book["identifier"], date=book["date"],
                    rights=book["rights"], publisher=book.get("publisher", ""), subject=book.get("subject", ""),
                    keywords=list(book.get("keywords", [])), description=book.get("description", ""))
    single = {key: inside(key, files[key]) if key in files else None for key in ("colophon", "bibliography", "names")}
    return Config(meta=meta, root=root, path=path,
                  chapters=[inside("chapters", name) for name in files["chapters"]],
                  front=[inside("front", name) for name in files.get("front", [])],
                  back=[inside("back", name) for name in files.get("back", [])], **single)


def _error_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _inside(root: Path, name: str, where: Location, report: Report) -> Path:
    """Resolve a listed file, refusing any that lies outside the manuscript folder."""
    path = (root / name).resolve()
    if not path.is_relative_to(root.resolve()):
        report.error(where, f"'{name}' lies outside the manuscript folder",
                     "keep every file of the book inside the folder given with --source")
    return path
