"""XHTML + print CSS -> PDF (the only weasyprint import).

Each part of the body (a chapter, the bibliography) is laid out on its own from its
right-hand opening page, checked, repaired where WeasyPrint misplaced a note or left a
widow, and written as a PDF of its own, kept in the cache: a rebuild lays out again only
the parts whose text or first page changed. The contents and the index take their page
numbers from the parts' anchors, so only the small front and back matter are laid out
after them; then the parts' PDFs are joined (join.py).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Callable
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .cache import Cache, builder_version, digest
from .errors import BookError, Location, Problem
from .forked import Forked
from .html import (FloatNotes, bibliography_html, chapter_html, contents_html, entry_title,
                   half_title_html, title_page_html)
from .index import index_html
from .join import PartPdf, join
from .model import Book, Chapter, Element, Note, walk

STYLES = Path(__file__).parent / "styles"
log = logging.getLogger("book")


class ManuscriptFetcher(URLFetcher):
    """Serves files from the manuscript folder and the builder's styles; refuses all else."""

    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols=["file"])
        self.roots = [r.resolve() for r in roots]
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if not url.startswith("file:"):
            return self._refuse(url)
        path = Path(unquote(urlsplit(url).path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots) or not path.is_file():
            return self._refuse(url)
        return super().fetch(path.as_uri(), headers)

    def _refuse(self, url: str):
        self.refused.append(url)
        raise ValueError(f"refused to fetch {url}: only files inside the manuscript folder are used")


def lay_out(book: Book, cache: Cache | None = None) -> "Layout":
    """Lay out the whole book; the result knows the printed page of every anchor."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    layout = Layout(book, cache or Cache(None))
    layout.render()
    layout.remember()
    if layout.fetcher.refused:
        raise BookError([Problem(None, f"the book links to {url}, which is outside the manuscript folder",
                                 "copy the file into the manuscript folder and link it by relative path")
                         for url in dict.fromkeys(layout.fetcher.refused)])
    return layout


def write_pdf(layout: "Layout", target: Path) -> None:
    """Join the laid-out parts into `target`, tagged for screen readers (PDF/UA-1)."""
    join([PartPdf(p.pdf, frozenset(p.borrowed)) for p in layout.parts], target, layout.body_start)


def misplaced_notes(book: Book, pages: dict[str, int]) -> list[Problem]:
    """Every note must stand at the foot of the page that calls it; say where one does not."""
    problems = []
    for chapter in book.chapters:
        for note in (n for n in walk(chapter.blocks) if isinstance(n, Note)):
            anchor = f"{chapter.slug}-n{note.number}"
            call, body = pages.get(anchor + "-ref"), pages.get(anchor)
            if call is not None and body != call:
                where = f"page {body}" if body else "no page at all"
                problems.append(Problem(Location(chapter.path), f"note {note.number} of '{chapter.plain_title}' "
                                        f"is called on page {call} but printed on {where}",
                                        "shorten the note or the paragraph around it; the PDF engine "
                                        "could not fit both on one page"))
    return problems


MAX_REPAIRS = 4
REPAIRS = "layout-repairs.json"
PARTS = "parts.json"
PART_FILES = "parts"
BLANK_PAGE = '<html><body><div class="blank-page"></div></body></html>'
SQUEEZE_LIMIT = 3 * 13.5 * 4 / 3  # three lines of text, in CSS pixels
TEXT_BLOCKS = ("p", "li", "blockquote")


@dataclass
class Part:
    """One separately laid-out run of the body: a chapter, or the bibliography."""

    html: str
    chapter: Chapter | None = None


@dataclass
class Written:
    """A part laid out and written as a PDF of its own, and what the joining and the checks need."""

    pdf: bytes | Callable[[], bytes]  # a function while a child process is still writing it
    page_count: int
    anchors: dict[str, int]  # anchor -> page within the part, from 0
    borrowed: list[str] = field(default_factory=list)  # anchors of other parts this one links to
    widows: list[str] = field(default_factory=list)

    def finish(self) -> None:
        if callable(self.pdf):
            self.pdf = self.pdf()

    def meta(self) -> dict:
        return {"page_count": self.page_count, "anchors": self.anchors, "borrowed": self.borrowed,
                "widows": self.widows, "pdf": digest(self.pdf)}


def written(document, book_anchors: set[str], widows: list[str] | None = None,
            forked: Forked | None = None) -> Written:
    """Write a laid-out document as tagged PDF, in a child process if `forked` is given. Its links
    to anchors in other parts are kept by lending it those anchors (WeasyPrint drops links to
    anchors it cannot find); the join points them to where they really are."""
    anchors: dict[str, int] = {}
    for offset, page in enumerate(document.pages):
        for anchor in page.anchors:
            anchors.setdefault(anchor, offset)
    targets = {target for page in document.pages for kind, target, *_ in page.links if kind == "internal"}
    borrowed = sorted((targets - anchors.keys()) & book_anchors)
    for anchor in borrowed:
        document.pages[0].anchors[anchor] = (0, 0, 0, 0)
    if forked is None:
        data = document.write_pdf(pdf_variant="pdf/ua-1")
    else:
        data = forked.submit(lambda path: document.write_pdf(path, pdf_variant="pdf/ua-1"))
    return Written(data, len(document.pages), anchors, borrowed, widows or [])


def first_positions(document) -> dict[str, tuple[int, float]]:
    """Anchor -> (page index, top); a block split over two pages is placed where it starts."""
    position: dict[str, tuple[int, float]] = {}
    for n, page in enumerate(document.pages):
        for anchor, box in page.anchors.items():
            position.setdefault(anchor, (n, box[1]))
    return position


def squeezed_blocks(chapter: Chapter, document) -> list[str]:
    """For each note printed after its call's page, the block that starts last on the call's page
    (within three lines of the foot) after the calling block: the one that took the note's room."""
    position = first_positions(document)
    blocks = [b.attrs["id"] for b in chapter.blocks if isinstance(b, Element) and "id" in b.attrs]
    culprits = []
    for block_id, note in _notes_by_block(chapter):
        anchor = f"{chapter.slug}-n{note.number}"
        call, body = position.get(anchor + "-ref"), position.get(anchor)
        if call is None or (body and body[0] == call[0]):
            continue
        foot = _text_bottom(document.pages[call[0]])
        later = [b for b in blocks[blocks.index(block_id) + 1:]
                 if position.get(b, (None,))[0] == call[0] and foot - position[b][1] < SQUEEZE_LIMIT]
        if later:
            culprits.append(later[-1])
    return culprits


def widowed_blocks(document) -> list[str]:
    """Paragraphs whose last line stands alone at the top of a page (a widow)."""
    widows = []
    for previous, page in zip(document.pages, document.pages[1:]):
        lines = _text_lines(page)
        if lines and lines[0] and lines.count(lines[0]) == 1 and lines[0] in _text_lines(previous):
            widows.append(lines[0])
    return widows


def _text_lines(page) -> list[str | None]:
    """The block id of every line of the page's main text, in order (notes left out)."""
    lines: list[str | None] = []

    def visit(box, block):
        name = type(box).__name__
        if name == "FootnoteAreaBox":
            return
        if name == "LineBox":
            lines.append(block)
            return
        if getattr(box, "element_tag", None) in TEXT_BLOCKS and box.element is not None:
            block = box.element.get("id") or block
        for child in getattr(box, "children", []):
            visit(child, block)

    visit(page._page_box, None)  # WeasyPrint's laid-out boxes; the version is pinned in pyproject
    return lines


def _text_bottom(page) -> float:
    """Where the text area ends on a laid-out page: the top of its notes, else of its margin."""
    box = page._page_box
    area = next((c for c in box.children if type(c).__name__ == "FootnoteAreaBox" and c.children), None)
    if area is not None:
        return area.position_y
    return box.content_box_y() + box.height


def _notes_by_block(chapter):
    for block in chapter.blocks:
        if isinstance(block, Element) and "id" in block.attrs:
            for node in walk(block.children):
                if isinstance(node, Note):
                    yield block.attrs["id"], node


@dataclass
class Session:
    """What one process keeps between builds (watch mode): the fonts, the parsed print style and
    the parts the last build wrote, so that a rebuild reads no cache file for them."""

    fonts: FontConfiguration
    css: CSS
    fetcher: ManuscriptFetcher
    parts: dict = field(default_factory=dict)


_SESSIONS: dict[str, Session] = {}


def _session(source: Path) -> Session:
    style = (STYLES / "print.css").read_text(encoding="utf-8")
    key = digest(str(source.resolve()), style)
    if key not in _SESSIONS:
        fonts = FontConfiguration()
        fetcher = ManuscriptFetcher([source, STYLES])
        _SESSIONS.clear()  # one manuscript and one style at a time
        _SESSIONS[key] = Session(fonts, CSS(string=style, base_url=str(STYLES) + "/", font_config=fonts,
                                            url_fetcher=fetcher), fetcher)
    return _SESSIONS[key]


class Layout:
    """Lays out the book part by part, each opening on a right-hand page, and writes each part."""

    def __init__(self, book: Book, cache: Cache):
        self.book = book
        self.cache = cache
        self.known_repairs = cache.load(REPAIRS)  # part text -> the fixes its last layout needed
        self.known_parts = cache.load(PARTS)  # part text and first page -> its written PDF's facts
        self.repairs: dict[str, list[str]] = {}
        self.written: dict[str, Written] = {}  # the body parts this build used, by key
        self.version = builder_version()
        self.fetcher = ManuscriptFetcher([book.source, STYLES])
        self.session = _session(book.source)
        self.fonts, self.css = self.session.fonts, self.session.css
        self.problems: list[Problem] = []
        self.pages: dict[str, int] = {}  # anchor -> printed page number in the body
        self.parts: list[Written] = []  # every part of the book in order, blank pages included
        self.body_start = 0  # the index in the joined PDF of printed page 1

    def render(self):
        with Forked() as self.forked:  # chapters are written on another core while the next is laid out
            self._render_all()
            for part in self.written.values():
                part.finish()
        self.session.parts = dict(self.written)  # watch mode: what the next build may reuse, all written

    def _render_all(self):
        parts = self._parts()
        self.book_anchors = {a for html in [p.html for p in parts] + [self._front_html({}, 0)]
                             for a in re.findall(r'\bid="([^"]+)"', html)}
        blank = written(self._render(BLANK_PAGE), set())
        body: list[Written] = []
        number = 1
        for count, part in enumerate(parts, start=1):
            if number % 2 == 0:  # open on a right-hand page
                body.append(blank)
                number += 1
            title = part.chapter.plain_title if part.chapter else "Bibliography"
            laid_out = self._render_part(part, number, f"{count}/{len(parts)} {title}")
            self.problems += [Problem(Location(part.chapter.path) if part.chapter else None,
                                      f"a widow: the last line of block '{block}' stands alone at a page top",
                                      "reword the paragraph by a few words") for block in laid_out.widows]
            for anchor, offset in laid_out.anchors.items():
                self.pages.setdefault(anchor, number + offset)
            body.append(laid_out)
            number += laid_out.page_count
        self.problems += misplaced_notes(self.book, self.pages)
        index_start = number + (number % 2 == 0)  # the index, too, opens on a right-hand page
        back = []
        if self.book.index:
            index = self._matter("index", self._document(index_html(self.book, self.pages)),
                                 f"@page :first {{ counter-reset: page {index_start} }}")
            back = [blank] * (number % 2 == 0) + [index]
            self.book_anchors |= index.anchors.keys()  # the contents links to the index
        front = self._matter("front matter", self._front_html(self.pages, index_start))
        self.parts = [front] + [blank] * (front.page_count % 2) + body + back  # the front carries the metadata
        self.body_start = front.page_count + front.page_count % 2

    def remember(self) -> None:
        """Keep this build's repairs and written parts in the cache, and only these."""
        self.cache.save(REPAIRS, self.repairs)
        self.cache.save(PARTS, {key: w.meta() for key, w in self.written.items()})
        self.cache.keep_files(PART_FILES, {f"{key}.pdf": w.pdf for key, w in self.written.items()})

    def final_html(self) -> str:
        """The whole book as one HTML document, page numbers filled in (for the benchmark's floor:
        WeasyPrint alone on what we hand it)."""
        bodies = [self._front_html(self.pages, 0)] + [p.html for p in self._parts()]
        if self.book.index:
            bodies.append(self._document(index_html(self.book, self.pages)))
        inner = "".join(b.split("<body>", 1)[1].rsplit("</body>", 1)[0] for b in bodies)
        return bodies[0].split("<body>", 1)[0] + "<body>" + inner + "</body></html>"

    def _parts(self) -> list[Part]:
        parts = [Part(self._document(chapter_html(c, FloatNotes())), c)
                 for c in self.book.sections("chapter") + self.book.sections("back")]
        if self.book.bibliography:
            parts.append(Part(self._document(bibliography_html(self.book))))
        return parts

    def _render_part(self, part: Part, start: int, progress: str) -> Written:
        """Lay out and write one part from page `start`, unless this process or the cache has it."""
        repair_key = digest(self.version, part.html)  # the layout does not depend on the (odd) first page
        self.repairs[repair_key] = list(self.known_repairs.get(repair_key, []))  # _repaired adds what it finds

        def lay_out():
            document = self._repaired(part, start, repair_key)
            return written(document, self.book_anchors, widowed_blocks(document), self.forked)
        return self._once(self._key(part.html, str(start)), progress, lay_out)

    def _matter(self, name: str, html: str, extra: str = "") -> Written:
        """The front matter or the index: laid out again only when its text (and so its page
        numbers) changed."""
        return self._once(self._key(html, extra), name,
                          lambda: written(self._render(html, extra=extra), self.book_anchors))

    def _once(self, key: str, progress: str, lay_out: Callable[[], Written]) -> Written:
        """The part for `key`: reused when this process or the cache has it, else laid out now."""
        done = self._reused(key)
        log.info("  %s%s", progress, " (unchanged)" if done else "")
        self.written[key] = done or lay_out()
        return self.written[key]

    def _key(self, html: str, *more: str) -> str:
        links = sorted(set(re.findall(r'href="#([^"]+)"', html)) & self.book_anchors)
        return digest(self.version, html, *more, *links)  # links: the anchors a part may borrow

    def _reused(self, key: str) -> Written | None:
        """The part written for `key` by an earlier build of this process, or found in the cache."""
        if key in self.session.parts:
            return self.session.parts[key]
        meta, data = self.known_parts.get(key), self.cache.read(f"{PART_FILES}/{key}.pdf")
        if not meta or data is None or meta.get("pdf") != digest(data):  # missing, or damaged since
            return None
        return Written(data, meta["page_count"], meta["anchors"], meta["borrowed"], meta["widows"])

    def _repaired(self, part: Part, start: int, key: str):
        """Lay out one part; repair what WeasyPrint 70 gets wrong and lay out again: a note
        deferred to make room for a line at the page foot (break before the block that took its
        room), a widow in a paragraph that calls notes (give that paragraph widow control)."""
        fixes = self.repairs[key]  # those known from the last build; the list grows below
        first_page = f"@page :first {{ counter-reset: page {start} }}"
        for _ in range(MAX_REPAIRS + 1):
            document = self._render(part.html, extra=first_page + "".join(fixes))
            if part.chapter is None:
                return document
            found = [f"#{b} {{ break-before: page; }}" for b in squeezed_blocks(part.chapter, document)]
            found += [f"#{b} {{ widows: 2; }}" for b in widowed_blocks(document)]
            new = [f for f in found if f not in fixes]
            if not new:
                return document
            fixes += new
        return document

    def _render(self, html: str, extra: str = ""):
        stylesheets = [self.css] + ([CSS(string=extra, font_config=self.fonts)] if extra else [])
        return HTML(string=html, base_url=self.book.source.resolve().as_uri() + "/",
                    url_fetcher=self.fetcher).render(stylesheets=stylesheets, font_config=self.fonts)

    def _document(self, body: str) -> str:
        meta = self.book.meta
        heads = [f'<meta name="author" content="{escape(meta.author)}"/>']
        if meta.description or meta.subtitle:
            heads.append(f'<meta name="description" content="{escape(meta.description or meta.subtitle)}"/>')
        if meta.keywords:
            heads.append(f'<meta name="keywords" content="{escape(", ".join(meta.keywords))}"/>')
        if meta.subject:
            heads.append(f'<meta name="dcterms.subject" content="{escape(meta.subject)}"/>')
        return (f'<!DOCTYPE html><html lang="{escape(meta.language)}" data-book-title="{escape(meta.title)}">'
                f'<head><meta charset="utf-8"/><title>{escape(meta.title)}</title>{"".join(heads)}</head>'
                f"<body>{body}</body></html>")

    def _front_html(self, pages: dict[str, int], index_page: int) -> str:
        book = self.book
        entries = [("toc-front", c.slug, entry_title(c), "") for c in book.sections("front")]
        for chapter in book.sections("chapter") + book.sections("back"):
            entries.append(("toc-chapter", chapter.slug, entry_title(chapter), str(pages.get(chapter.slug, ""))))
        if book.bibliography:
            entries.append(("toc-back", "bibliography", "Bibliography", str(pages.get("bibliography", ""))))
        if book.index:
            entries.append(("toc-back", "index", "Index of Names", str(index_page)))
        parts = [half_title_html(book), title_page_html(book)]
        parts += [chapter_html(c, FloatNotes()) for c in book.sections("colophon")]
        parts.append(contents_html(entries))
        parts += [chapter_html(c, FloatNotes()) for c in book.sections("front")]
        return self._document("\n".join(parts))
