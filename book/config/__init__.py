"""The manuscript's metadata: book.toml read and checked against its schema, with pandoc's
metadata (metadata.yaml, the first file's YAML front matter) filling what it leaves out; a folder
with no book.toml is a book of its Markdown files in name order (folder.py)."""

from __future__ import annotations

import copy
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Location, Report
from ..files import inside, name_problem, read_text
from ..model import Metadata
from .check import check
from .lines import key_lines
from .pandoc import YamlMeta, merged, peek_front_matter, read_metadata_file
from .schemas import BOOK_SCHEMA

CONFIG_NAME = "book.toml"
# The YAML keys that fill [book] (by their book.toml names), and the others the builder reads.
YAML_TO_BOOK = {"title": "title", "subtitle": "subtitle", "author": "author", "lang": "language",
                "identifier": "identifier", "date": "date", "rights": "rights", "publisher": "publisher",
                "subject": "subject", "keywords": "keywords", "description": "description",
                "abstract": "abstract", "lof": "lof", "lot": "lot"}


@dataclass
class Config:
    """What the metadata says: the book's metadata and its files in order."""

    meta: Metadata
    root: Path
    path: Path  # book.toml; for a folder without one, the folder
    chapters: list[Path]
    front: list[Path] = field(default_factory=list)
    back: list[Path] = field(default_factory=list)
    colophon: Path | None = None
    bibliography: Path | None = None
    names: Path | None = None
    abstract: str = ""
    lof: bool = False  # a list of figures wanted
    lot: bool = False  # a list of tables wanted
    style: str = ""  # the citation style: a CSL repository name or a .csl file ("" is the default)
    style_where: Location | None = None
    listed: bool = True  # False when the chapters are a folder's Markdown files (no book.toml)

    @property
    def first(self) -> Path | None:
        """The file read first, whose front matter speaks for the book."""
        files = ([self.colophon] if self.colophon else []) + self.front + self.chapters + self.back
        return files[0] if files else None


def load_config(root: Path, report: Report) -> Config | None:
    """Read `book.toml` in `root` (or, without one, the folder's Markdown files); report every way
    it breaks BOOK_SCHEMA, and files outside `root`."""
    yaml_file = read_metadata_file(root, report)
    path = root / CONFIG_NAME
    if not path.is_file():
        from .folder import folder_config
        return folder_config(root, report, yaml_file)
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
    front, _ = peek_front_matter(_first_listed(root, data))
    values, _ = merged(yaml_file, front)
    supplied = {YAML_TO_BOOK[k] for k in values if k in YAML_TO_BOOK}
    if supplied and not isinstance(data.get("book"), dict):
        data = {**data, "book": {}}  # then a key no source gives is named: `[book] identifier is missing`
    if not check(data, _schema(supplied), path, text, report):
        return None
    book = {**{YAML_TO_BOOK[k]: v for k, v in values.items() if k in YAML_TO_BOOK}, **data["book"]}
    files = data["files"]
    lines = key_lines(text)

    def inside(key: str, name: str) -> Path:
        return _inside(root, name, Location(path, lines.get(("files", key))), report)

    single: dict[str, Path | None] = {key: inside(key, files[key]) if key in files else None for key in ("colophon", "bibliography", "names")}
    if single["bibliography"] is None and "bibliography" in values:
        single["bibliography"] = yaml_path(root, values, (front, yaml_file), report)
    style, style_where = citation_style(data.get("citations", {}).get("style"), Location(path, lines.get(("citations", "style"))),
                                        values, (front, yaml_file))
    meta = make_metadata(book)
    meta.url = str(data.get("web", {}).get("url", ""))
    return Config(meta=meta, root=root, path=path, style=style, style_where=style_where,
                  chapters=[inside("chapters", name) for name in files["chapters"]],
                  front=[inside("front", name) for name in files.get("front", [])],
                  back=[inside("back", name) for name in files.get("back", [])],
                  colophon=single["colophon"], bibliography=single["bibliography"], names=single["names"],
                  abstract=str(book.get("abstract", "")), lof=bool(book.get("lof")), lot=bool(book.get("lot")))


def make_metadata(book: dict) -> Metadata:
    """[book] (with the YAML's keys under their book.toml names) -> Metadata; an abstract is the
    description when there is no description."""
    return Metadata(title=str(book["title"]), subtitle=str(book.get("subtitle", "")), author=str(book["author"]),
                    language=str(book["language"]), identifier=str(book["identifier"]), date=str(book["date"]),
                    rights=str(book["rights"]), publisher=str(book.get("publisher", "")),
                    subject=str(book.get("subject", "")), keywords=list(book.get("keywords", [])),
                    description=str(book.get("description") or book.get("abstract") or ""),
                    scripts={str(k): str(v) for k, v in dict(book.get("scripts", {})).items()})


def citation_style(value: str | None, where: Location, values: dict,
                   sources: tuple[YamlMeta | None, ...]) -> tuple[str, Location | None]:
    """book.toml's [citations] style, else the YAML's `csl` (pandoc's key), else the default."""
    if value:
        return value, where
    if "csl" in values:
        source = next(s for s in sources if s is not None and "csl" in s.values)
        return str(values["csl"]), Location(source.path, source.lines.get("csl"))
    return "", None


def yaml_path(root: Path, values: dict, sources: tuple[YamlMeta | None, ...], report: Report) -> Path:
    """The bibliography named in YAML metadata (relative to the manuscript folder, as pandoc's
    to the folder it runs in), at the line of the source that named it."""
    source = next(s for s in sources if s is not None and "bibliography" in s.values)
    return _inside(root, str(values["bibliography"]), Location(source.path, source.lines.get("bibliography")), report)


def _first_listed(root: Path, data: dict) -> Path | None:
    files = data["files"] if isinstance(data.get("files"), dict) else {}
    for key in ("colophon", "front", "chapters"):
        value = files.get(key)
        name = value if isinstance(value, str) else value[0] if isinstance(value, list) and value else None
        if isinstance(name, str):
            return root / name if inside(root / name, root) else None  # an outside file is never read
    return None


def _schema(supplied: set[str]) -> dict:
    """BOOK_SCHEMA, with the [book] keys the YAML metadata supplies no longer required."""
    schema = copy.deepcopy(BOOK_SCHEMA)
    book = schema["properties"]["book"]
    book["required"] = [k for k in book["required"] if k not in supplied]
    if not book["required"]:
        schema["required"] = [k for k in schema["required"] if k != "book"]
    return schema


def _error_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _inside(root: Path, name: str, where: Location, report: Report) -> Path:
    """Resolve a listed file, refusing any that lies outside the manuscript folder."""
    problem = name_problem(name)
    if problem:
        report.error(where, f"the file name '{name[:40]}…' {problem}", "check the name in the metadata")
        return root / "\ufffd"  # reads as "not found" later, never as an error of the builder
    path = (root / name).resolve()
    if not path.is_relative_to(root.resolve()):
        report.error(where, f"'{name}' lies outside the manuscript folder",
                     "keep every file of the book inside the folder given with --source")
    return path
