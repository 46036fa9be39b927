"""Pagination, a stage of its own: the print edition laid out part by part, each opening on a
right-hand page. Its product is the page map (anchor -> printed page), which the contents, the
index and the EPUB's page list print, and the laid-out parts, which the PDF writer joins."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from ..build.forked import Forked
from ..errors import BookError, Location, Problem, Report, heard
from ..store import Cache, builder_version, digest
from .engine import Engine
from .inspect import misplaced_notes, widowed_blocks
from .parts import PartStore, Written, written
from .repair import RepairLog, repaired
from .session import Session

log = logging.getLogger("book")
HINT = "the PDF engine could not render something there as written; check that construct"


@dataclass
class Pagination:
    pages: dict[str, int]  # the page map: anchor -> printed page number
    parts: list[Written] = field(default_factory=list)  # every part in order, blank pages included
    body_start: int = 0  # the index in the joined PDF of printed page 1


def paginate(edition, anchors, cache: Cache, session: Session, report: Report) -> Pagination:
    """Lay out the print edition. `edition` gives each part's HTML (writers/pdf/edition.py);
    `anchors` are every id of the book, so that parts may link to one another."""
    engine = session.engine_for(edition.book.source)
    store, repairs = PartStore(cache, session.parts), RepairLog(cache)
    with Forked() as forked:  # parts are written on another core while the next is laid out
        paginator = _Paginator(edition, set(anchors.owner), engine, store, repairs, forked, report)
        pagination = paginator.run()
        paginator.finish()
    session.parts = dict(store.used)  # watch mode: what the next build may reuse, all written
    store.remember()
    repairs.remember()
    if engine.fetcher.refused:
        raise BookError([Problem(None, f"the book links to {url}, which is outside the manuscript folder",
                                 "copy the file into the manuscript folder and link it by relative path")
                         for url in dict.fromkeys(engine.fetcher.refused)])
    return pagination


class _Paginator:
    """One run of the layout: the body first (its page numbers), then the index and the front
    matter, which print them."""

    def __init__(self, edition, book_anchors: set[str], engine: Engine, store: PartStore,
                 repairs: RepairLog, forked: Forked, report: Report):
        self.edition, self.book_anchors, self.engine = edition, book_anchors, engine
        self.store, self.repairs, self.forked, self.report = store, repairs, forked, report
        self.version = builder_version()
        self.pages: dict[str, int] = {}
        self.pending: list[tuple[Written, Location | None, str]] = []  # parts a child is still writing

    def run(self) -> Pagination:
        blank = self._matter("blank page", self.edition.blank(), [])
        body, number = self._body(blank)
        if number % 2 == 0:  # the index, too, opens on a right-hand page
            body.append(blank)
            number += 1
        index = self.edition.index(self.pages)
        if index is not None:
            part = self._matter(index.name, index.html, index.links, f"@page :first {{ counter-reset: page {number} }}")
            self._record(part, number)
            body.append(part)
        front_source = self.edition.front(self.pages)
        front = self._matter(front_source.name, front_source.html, front_source.links)
        parts = [front] + [blank] * (front.page_count % 2) + body
        return Pagination(self.pages, parts, front.page_count + front.page_count % 2)

    def _body(self, blank: Written) -> tuple[list[Written], int]:
        sources = self.edition.body()
        parts: list[Written] = []
        number = 1
        for count, source in enumerate(sources, start=1):
            if number % 2 == 0:  # open on a right-hand page
                parts.append(blank)
                number += 1
            part = self._body_part(source, number, f"{count}/{len(sources)} {source.name}")
            self.report.warnings += [Problem(source.where, f"a widow: the last line of block '{block}' stands "
                                             "alone at a page top", "reword the paragraph by a few words")
                                     for block in part.widows]
            self._record(part, number)
            parts.append(part)
            number += part.page_count
        self.report.warnings += misplaced_notes([s.section for s in sources if s.section], self.pages)
        return parts, number

    def finish(self) -> None:
        """Take the parts written by child processes, hearing what the engine said there."""
        for part, where, concerning in self.pending:
            with heard("weasyprint", self.report, where, concerning, HINT):
                part.finish()

    def _record(self, part: Written, first_page: int) -> None:
        for anchor, offset in part.anchors.items():
            self.pages.setdefault(anchor, first_page + offset)

    def _body_part(self, source, start: int, progress: str) -> Written:
        """Lay out and write one part from page `start`, unless an earlier build has it."""
        fixes = self.repairs.fixes(digest(self.version, source.html))  # the layout does not depend on the (odd) first page

        def lay_out() -> Written:
            with heard("weasyprint", self.report, source.where, f" (laying out '{source.name}')", HINT):
                folio = f"@page :first {{ counter-reset: page {start} }}"
                document = repaired(self.engine, source.html, source.section, fixes, folio)
                part = written(document, self.book_anchors, widowed_blocks(document), self.forked)
            self.pending.append((part, source.where, f" (writing '{source.name}')"))
            return part
        return self._once(self._key(source.html, source.links, str(start)), progress, lay_out)

    def _matter(self, name: str, html: str, links, extra: str = "") -> Written:
        """The front matter, the index or a blank page: laid out again only when its text (and so
        its page numbers) changed; a widow repaired as in a chapter."""
        fixes = self.repairs.fixes(digest(self.version, html, extra))

        def lay_out() -> Written:
            with heard("weasyprint", self.report, None, f" (laying out the {name})", HINT):
                return written(repaired(self.engine, html, None, fixes, extra), self.book_anchors)
        return self._once(self._key(html, links, extra), name, lay_out)

    def _once(self, key: str, progress: str, lay_out) -> Written:
        done = self.store.get(key)
        log.info("  %s%s", progress, " (unchanged)" if done else "")
        return self.store.use(key, done or lay_out())

    def _key(self, html: str, links, *more: str) -> str:
        """A part's PDF depends on its HTML, and on which anchors it links to exist in the book
        (WeasyPrint keeps only the links it can resolve)."""
        return digest(self.version, html, *more, *sorted(set(links) & self.book_anchors))
