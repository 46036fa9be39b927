"""The manuscript folder -> one Book, plus the data the transforms need (sources, names registry)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..anchors import Anchors
from ..config import Config, load_config
from ..errors import Location, Report
from ..files import inside, read_text
from ..model import Book
from .bibtex import Reference, read_bibliography
from .csljson import read_csl
from .markdown import read_section
from .registry import Registry, read_registry

PAGES_WE_MAKE = ("cover", "half-title", "title", "contents", "toc")


@dataclass
class Manuscript:
    """What the readers found: the book as written, its sources and its names registry."""

    book: Book
    config: Config
    references: dict[str, Reference] = field(default_factory=dict)
    registry: Registry | None = None
    bibliography: tuple[str, str, Path] | None = None  # (kind, text, file) for the CSL processor


def read_manuscript(source: Path, report: Report) -> Manuscript | None:
    """Read every file the metadata lists (or, with no book.toml, the folder's), in the book's order."""
    config = load_config(source, report)
    if config is None or config.meta is None:
        return None
    anchors = Anchors()
    for page in PAGES_WE_MAKE:  # claimed first, so that no chapter's id can take them
        anchors.make(page)
    sections = []
    listed = (("colophon", [config.colophon] if config.colophon else []), ("front", config.front),
              ("chapter", config.chapters), ("back", config.back))
    seen: set[Path] = set()
    for kind, paths in listed:
        for path in (p for p in paths if inside(p, source)):  # an outside file is reported, never read
            if path.resolve() in seen:
                report.error(Location(config.path), f"'{path.resolve().relative_to(source.resolve()).as_posix()}' is listed "
                             "twice", "list each file once: a chapter printed twice is never what was meant")
                continue
            seen.add(path.resolve())
            section = read_section(path, source, kind, report, config.meta.language, first=path == config.first)
            if section is not None:
                section.id = anchors.section(path.stem)
                sections.append(section)
    _check_unlisted(config, report)
    book = Book(meta=config.meta, source=source, sections=sections, anchors=anchors)
    registry = read_registry(config.names, report) if config.names and inside(config.names, source) else None
    references, bibliography = read_sources(config.bibliography, source, report)
    return Manuscript(book, config, references, registry, bibliography)


def read_sources(path: Path | None, source: Path,
                 report: Report) -> tuple[dict[str, Reference], tuple[str, str, Path] | None]:
    """The bibliography by its kind: BibTeX/biblatex, CSL-JSON or CSL YAML."""
    if path is None or not inside(path, source):
        return {}, None
    if path.suffix.lower() in (".json", ".yaml", ".yml"):
        references, items = read_csl(path, report)
        return references, (*items, path) if items is not None else None
    references = read_bibliography(path, report)
    text = read_text(path, report) if references else None
    return references, ("bibtex", text, path) if text is not None else None


def _check_unlisted(config: Config, report: Report) -> None:
    """A Markdown file beside the listed ones that book.toml does not list (a draft, notes) is
    not a chapter: a warning says how to include it. README* files are never chapters."""
    if not config.listed:
        return
    listed = {p.resolve() for p in config.chapters + config.front + config.back}
    if config.colophon:
        listed.add(config.colophon.resolve())
    folders = {p.parent for p in listed}
    for folder in sorted(folders):
        for path in sorted(folder.glob("*.md")):
            if path.resolve() not in listed and not path.name.lower().startswith("readme"):
                name = path.relative_to(config.root.resolve()).as_posix()
                report.warn(Location(path), "a Markdown file not listed in book.toml is left out of the book",
                            f"to include it, add \"{name}\" to [files] chapters (or front, back) in book.toml; "
                            "to silence this, move it out of the folder or name it README*")
