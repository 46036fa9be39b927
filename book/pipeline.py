"""Read the manuscript -> one document model -> transforms -> writers."""

from __future__ import annotations

import datetime
import logging
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from .bibliography import read_bibliography
from .cache import BUILD_RECORD, Cache, file_digest, input_digest
from .options import Options
from .citations import apply_citations
from .config import Config, load_config
from .errors import Location, Report
from .markdown import read_chapter
from .model import Book
from .output import staged_outputs
from .names import apply_names, read_registry, unregistered_names
from .sections import number_sections
from .typography import apply_typography

log = logging.getLogger("book")


@dataclass
class Result:
    book: Book | None
    report: Report
    outputs: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def read_book(source: Path, report: Report, check_names: bool = False) -> Book | None:
    """Read every file of the manuscript into one Book, with citations resolved."""
    config = load_config(source, report)
    if config is None:
        return None
    chapters = []
    for kind, paths in (("colophon", [config.colophon] if config.colophon else []), ("front", config.front),
                        ("chapter", config.chapters), ("back", config.back)):
        for path in paths:
            chapter = read_chapter(path, source, "ch-" + _slug(path), kind, report)
            if chapter is not None:
                chapters.append(chapter)
    _check_unlisted(config, report)
    book = Book(meta=config.meta, source=source, chapters=chapters)
    number_sections(book)
    if config.names:
        registry = read_registry(config.names, report)
        apply_names(book, registry, report)  # before citations: titles in notes are not mentions
        if check_names:
            for where, name in unregistered_names(book, registry):
                report.warn(where, f"'{name}' looks like a person's name but is not in the names registry",
                            f"add it to {config.names.name}, or to not_people = [...] if it is not a person")
    references = read_bibliography(config.bibliography, report) if config.bibliography else {}
    apply_citations(book, references, report)
    apply_typography(book)
    return book


def _slug(path: Path) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", path.stem).strip("-") or "file"


def _check_unlisted(config: Config, report: Report) -> None:
    """A chapter file in a listed folder that book.toml does not list is almost always a mistake."""
    listed = {p.resolve() for p in config.chapters + config.front + config.back}
    if config.colophon:
        listed.add(config.colophon.resolve())
    folders = {p.parent for p in listed}
    for folder in sorted(folders):
        for path in sorted(folder.glob("*.md")):
            if path.resolve() not in listed and not path.name.lower().startswith("readme"):
                report.error(Location(path), "chapter file is not listed in book.toml",
                             f"add \"{path.relative_to(config.root.resolve()).as_posix()}\" to [files] chapters "
                             "in book.toml, or move the file out of the folder")


def modified_time(book: Book) -> datetime.datetime:
    """SOURCE_DATE_EPOCH if set, else the book's own date: builds are reproducible by default."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).replace(tzinfo=None)
    parts = [int(p) for p in book.meta.date.split("-")] + [1, 1]
    return datetime.datetime(parts[0], parts[1], parts[2])


def build(options: Options) -> Result:
    """Run the whole pipeline; raises BookError with every problem found."""
    report = Report()
    timings: dict[str, float] = {}
    start = time.perf_counter()
    log.info("reading the manuscript in %s", options.source)
    book = read_book(options.source, report, check_names=options.check_only)
    timings["read"] = time.perf_counter() - start
    if options.strict and report.warnings:
        report.errors.extend(report.warnings)
        report.warnings = []
    report.raise_if_errors()
    result = Result(book, report, timings=timings)
    if options.check_only or book is None:
        return result
    _check_out(options.out, report)
    report.raise_if_errors()
    with staged_outputs() as stage:
        _write(book, options, report, result, stage)
    _remember(options, result)
    return result


def _remember(options: Options, result: Result) -> None:
    Cache(options.cache).save(BUILD_RECORD, {
        "inputs": input_digest(options.source, options.out, options.settings),
        "outputs": {p.name: file_digest(p) for p in result.outputs},
        "warnings": [str(w) for w in result.report.warnings]})


def _write(book: Book, options: Options, report: Report, result: Result, stage) -> None:
    pages: dict[str, int] = {}
    timings = result.timings
    if options.pdf or (options.epub and book.index):
        from .pdf import lay_out, write_pdf  # imported late: weasyprint takes half a second to import
        log.info("laying out the book (%d chapters)", len(book.sections("chapter")))
        t = time.perf_counter()
        layout = lay_out(book, Cache(options.cache))
        report.warnings.extend(layout.problems)
        pages = layout.pages
        timings["layout"] = time.perf_counter() - t
        if options.pdf:
            t = time.perf_counter()
            write_pdf(layout, stage(options.out / "book.pdf"))
            timings["pdf"] = time.perf_counter() - t
            result.outputs.append(options.out / "book.pdf")
    if options.epub:
        from .epub import write_epub
        log.info("writing the EPUB")
        t = time.perf_counter()
        write_epub(book, stage(options.out / "book.epub"), modified_time(book), pages)
        timings["epub"] = time.perf_counter() - t
        result.outputs.append(options.out / "book.epub")


def _check_out(out: Path, report: Report) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        report.error(Location(out), f"cannot create the output folder: {exc.strerror}",
                     "choose another folder with --out")
        return
    if not os.access(out, os.W_OK):
        report.error(Location(out), "the output folder is not writable", "choose another folder with --out")
