"""The whole build as a list of steps: read -> transforms -> paginate -> writers -> record."""

from __future__ import annotations

import datetime
import logging
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import BookError, Location, Report
from ..model import Book
from ..readers.manuscript import read_manuscript
from ..store import Cache
from ..transforms import apply_transforms
from ..transforms.crossrefs import resolve_page_references
from .cache import BUILD_RECORD, file_digest, input_digest
from .options import Options
from .output import disk_errors, finish_publication, staged_outputs

log = logging.getLogger("book")


@dataclass
class Result:
    book: Book | None
    report: Report
    outputs: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    pagination: object | None = None  # the print edition's page map and parts (paginate.Pagination)


def read_book(source: Path, report: Report, check_names: bool = False, cache: Path | None = None) -> Book | None:
    """Read the manuscript and run the transforms: the book as the writers will see it."""
    manuscript = read_manuscript(source, report)
    if manuscript is None:
        return None
    apply_transforms(manuscript, report, check_names, cache)
    return manuscript.book


def build(options: Options, session=None) -> Result:
    """Run the whole pipeline; raises BookError with every problem found. `session` keeps the
    layout engine and laid-out parts between builds of one process (watch mode)."""
    with disk_errors(options.out, options.cache):
        return _build(options, session)


def _build(options: Options, session) -> Result:
    report = Report()
    result = Result(None, report)
    # What is read is hashed before it is read: a file saved during this build differs from the
    # record, so the next build builds it (hashed after, the record would say "up to date").
    inputs = input_digest(options.source, options.out, options.settings) if options.cache else ""
    start = time.perf_counter()
    log.info("reading the manuscript in %s", options.source)
    result.book = read_book(options.source, report, check_names=options.check_only, cache=options.cache)
    result.timings["read"] = time.perf_counter() - start
    _raise_if_failed(report, options.strict)
    if options.check_only or result.book is None:
        return result
    _check_out(options.out, report)
    report.raise_if_errors()
    finish_publication(options.out)
    with staged_outputs(options.out) as stage:
        _write(result.book, options, session, result, stage)
        _raise_if_failed(report, options.strict)  # layout warnings too: nothing is published
    _remember(options, result, inputs)
    return result


def _raise_if_failed(report: Report, strict: bool) -> None:
    if strict and report.warnings:
        report.errors.extend(report.warnings)
        report.warnings = []
    report.raise_if_errors()


def _write(book: Book, options: Options, session, result: Result, stage) -> None:
    """Paginate once (the EPUB prints the print edition's page numbers in its page list and
    index), then each writer asked for."""
    from ..paginate.session import Session
    log.info("laying out the print edition (%d sections)%s", len(book.sections),
             "" if options.pdf else ", for the EPUB's page numbers")
    start = time.perf_counter()
    session = session or Session(book.source)
    pagination = _paginated(book, options, session, result.report)
    result.timings["layout"] = time.perf_counter() - start
    result.pagination = pagination
    written: dict[str, Path] = {}  # output name -> its staged file
    if options.pdf:
        from ..writers.pdf import write_pdf
        written["book.pdf"] = stage(options.out / "book.pdf")
        result.timings["pdf"] = _timed(lambda: write_pdf(pagination, written["book.pdf"]))
        result.outputs.append(options.out / "book.pdf")
    if options.epub:
        from ..writers.epub import write_epub
        log.info("writing the EPUB")
        written["book.epub"] = stage(options.out / "book.epub")
        result.timings["epub"] = _timed(lambda: write_epub(book, pagination.pages, written["book.epub"],
                                                           modified_time(book)))
        result.outputs.append(options.out / "book.epub")
    if options.web:
        log.info("writing the web edition")
        result.timings["web"] = _timed(lambda: _write_web(book, pagination.pages, options, written, stage))
        result.outputs.append(options.out / "web")


def _write_web(book: Book, pages: dict[str, int], options: Options, written: dict[str, Path], stage) -> None:
    """The site offers the PDF and EPUB of this build; with --web alone, those last published in
    the output folder (and no button for a format never built there)."""
    from ..writers.web import write_web
    downloads: dict[str, Path] = {}
    for name in ("book.pdf", "book.epub"):
        published = options.out / name
        if name in written:
            downloads[name] = written[name]
        elif published.is_file() and not published.is_symlink():
            log.info("the web edition offers the %s last built in %s", name, options.out)
            downloads[name] = published
    write_web(book, pages, stage(options.out / "web", folder=True), downloads, Cache(options.cache), book.meta.url)


def _paginated(book: Book, options: Options, session, report: Report):
    """The print edition laid out; again (at most twice more) while "on p. N" references change,
    each round reusing every part that holds none."""
    from ..paginate import paginate
    from ..writers.pdf.edition import PrintEdition
    for _ in range(3):
        trial = Report()
        pagination = paginate(PrintEdition(book), book.anchors, Cache(options.cache), session, trial)
        if not resolve_page_references(book, pagination.pages):
            break
    report.warnings += trial.warnings
    return pagination


def _timed(step) -> float:
    start = time.perf_counter()
    step()
    return time.perf_counter() - start


def modified_time(book: Book) -> datetime.datetime:
    """SOURCE_DATE_EPOCH if set, else the book's own date: builds are reproducible by default."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).replace(tzinfo=None)
    parts = [int(p) for p in book.meta.date.split("-")] + [1, 1]
    return datetime.datetime(parts[0], parts[1], parts[2])


def _remember(options: Options, result: Result, inputs: str) -> None:
    Cache(options.cache).save(BUILD_RECORD, {
        "inputs": inputs,
        "outputs": {p.name: file_digest(p) for p in result.outputs},
        "warnings": [str(w) for w in result.report.warnings]})


def _check_out(out: Path, report: Report) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        report.error(Location(out), f"cannot create the output folder: {exc.strerror}",
                     "choose another folder with --out")
        return
    if not os.access(out, os.W_OK):
        report.error(Location(out), "the output folder is not writable", "choose another folder with --out")


__all__ = ["BookError", "Options", "Result", "build", "read_book"]
