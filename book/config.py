"""The manuscript's metadata file (book.toml), read and validated."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Location, Report
from .model import Metadata

CONFIG_NAME = "book.toml"
REQUIRED_BOOK = ("title", "author", "language", "identifier", "date", "rights")
OPTIONAL_BOOK = ("subtitle", "publisher", "subject", "description")


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
    """Read `book.toml` in `root`; report what is missing or of the wrong type."""
    path = root / CONFIG_NAME
    if not path.is_file():
        report.error(Location(path), f"no metadata file {CONFIG_NAME} in the manuscript folder",
                     f"create {path} with a [book] table (title, author, language, ...) "
                     "and a [files] table listing the chapters")
        return None
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _error_line(str(exc))
        report.error(Location(path, line), f"the metadata file is not valid TOML: {exc}",
                     "check quotes, brackets and commas on that line")
        return None
    lines = _KeyLines(path, text)
    meta = _read_meta(data.get("book"), lines, report)
    files = data.get("files")
    if not isinstance(files, dict):
        report.error(lines.at("files"), "the metadata file has no [files] table",
                     'add [files] with chapters = ["chapters/01-intro.md", ...]')
        return None
    chapters = _paths(files, "chapters", root, lines, report, required=True)
    config = Config(meta=meta, root=root, path=path, chapters=chapters,
                    front=_paths(files, "front", root, lines, report),
                    back=_paths(files, "back", root, lines, report),
                    colophon=_path(files, "colophon", root, lines, report),
                    bibliography=_path(files, "bibliography", root, lines, report),
                    names=_path(files, "names", root, lines, report))
    return config if meta is not None else None


class _KeyLines:
    """Finds the line a key is written on, so messages can point at it."""

    def __init__(self, path: Path, text: str):
        self.path = path
        self.lines = text.splitlines()

    def at(self, key: str) -> Location:
        pattern = re.compile(rf"^\s*(\[{re.escape(key)}\]|{re.escape(key)}\s*=)")
        for number, line in enumerate(self.lines, start=1):
            if pattern.match(line):
                return Location(self.path, number)
        return Location(self.path)


def _error_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _read_meta(book, lines: _KeyLines, report: Report) -> Metadata | None:
    if not isinstance(book, dict):
        report.error(lines.at("book"), "the metadata file has no [book] table",
                     "add [book] with " + ", ".join(REQUIRED_BOOK))
        return None
    values: dict[str, object] = {}
    ok = True
    for key in REQUIRED_BOOK + OPTIONAL_BOOK:
        value = book.get(key, "")
        if key in REQUIRED_BOOK and value == "":
            report.error(lines.at("book"), f"[book] is missing the required field '{key}'",
                         f'add {key} = "..." under [book]')
            ok = False
        elif not isinstance(value, str):
            report.error(lines.at(key), f"'{key}' must be a string, not {type(value).__name__}",
                         f'write {key} = "..." with quotes')
            ok = False
        values[key] = value
    keywords = book.get("keywords", [])
    if not (isinstance(keywords, list) and all(isinstance(k, str) for k in keywords)):
        report.error(lines.at("keywords"), "'keywords' must be a list of strings",
                     'write keywords = ["one", "two"]')
        ok = False
        keywords = []
    if ok and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", str(values["date"])):
        report.error(lines.at("date"), f"'date' must be YYYY, YYYY-MM or YYYY-MM-DD, not {values['date']!r}",
                     'write date = "2026-11-27"')
        ok = False
    if not ok:
        return None
    return Metadata(keywords=keywords, **values)  # type: ignore[arg-type]


def _paths(files: dict, key: str, root: Path, lines: _KeyLines, report: Report,
           required: bool = False) -> list[Path]:
    value = files.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        report.error(lines.at(key), f"'{key}' must be a list of file names",
                     f'write {key} = ["chapters/01.md", "chapters/02.md"]')
        return []
    if required and not value:
        report.error(lines.at(key), f"[files] lists no {key}", f'add {key} = ["chapters/01.md", ...]')
    return [_inside(root, v, lines.at(key), report) for v in value]


def _path(files: dict, key: str, root: Path, lines: _KeyLines, report: Report) -> Path | None:
    value = files.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        report.error(lines.at(key), f"'{key}' must be a file name", f'write {key} = "file"')
        return None
    return _inside(root, value, lines.at(key), report)


def _inside(root: Path, name: str, where: Location, report: Report) -> Path:
    """Resolve a listed file, refusing any that lies outside the manuscript folder."""
    path = (root / name).resolve()
    if not path.is_relative_to(root.resolve()):
        report.error(where, f"'{name}' lies outside the manuscript folder",
                     "keep every file of the book inside the folder given with --source")
    return path
