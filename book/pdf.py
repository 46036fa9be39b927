"""XHTML + print CSS -> PDF (the only weasyprint import).

Each part of the body (a chapter, the bibliography) is laid out on its own from its
right-hand opening page, checked, and repaired where WeasyPrint misplaced a note or left
a widow. The contents and the index take their page numbers from those layouts' anchors,
so only the small front and back matter are laid out after them; then all the pages are
joined into one document and written once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .cache import Cache, builder_version, digest
from .errors import BookError, Location, Problem
from .html import (FloatNotes, bibliography_html, chapter_html, contents_html, entry_title,
                   half_title_html, title_page_html)
from .index import index_html
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
    layout.cache.save(REPAIRS, layout.repairs)
    if layout.fetcher.refused:
        raise BookError([Problem(None, f"the book links to {url}, which is outside the manuscript folder",
                                 "copy the file into the manuscript folder and link it by relative path")
                         for url in dict.fromkeys(layout.fetcher.refused)])
    return layout


def write_pdf(layout: "Layout", target: Path) -> None:
    """Write the laid-out book to `target` (tagged for screen readers: PDF/UA-1)."""
    layout.document.write_pdf(target, pdf_variant="pdf/ua-1")


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
BLANK_PAGE = '<html><body><div class="blank-page"></div></body></html>'
SQUEEZE_LIMIT = 3 * 13.5 * 4 / 3  # three lines of text, in CSS pixels
TEXT_BLOCKS = ("p", "li", "blockquote")


@dataclass
class Part:
    """One separately laid-out run of the body: a chapter, or the bibliography."""

    html: str
    chapter: Chapter | None = None


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
    every part laid out so far, so that a rebuild lays out only the parts that changed. Reusing
    one font configuration also keeps the output byte for byte that of a clean build."""

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
    """Lays out the book part by part, each opening on a right-hand page, then joins the pages."""

    def __init__(self, book: Book, cache: Cache):
        self.book = book
        self.cache = cache
        self.known_repairs = cache.load(REPAIRS)  # part key -> the fixes its last layout needed
        self.repairs: dict[str, list[str]] = {}
        self.version = builder_version()
        self.fetcher = ManuscriptFetcher([book.source, STYLES])
        self.session = _session(book.source)
        self.fonts, self.css = self.session.fonts, self.session.css
        self.problems: list[Problem] = []
        self.pages: dict[str, int] = {}  # anchor -> printed page number in the body
        self.document = None

    def render(self):
        blank = self._render(BLANK_PAGE).pages
        body_pages = []
        number = 1
        parts = self._parts()
        for count, part in enumerate(parts, start=1):
            log.info("  %d/%d %s", count, len(parts), part.chapter.plain_title if part.chapter else "Bibliography")
            if number % 2 == 0:  # open on a right-hand page
                body_pages += blank
                number += 1
            document = self._render_part(part, number)
            self.problems += [Problem(Location(part.chapter.path) if part.chapter else None,
                                      f"a widow: the last line of block '{block}' stands alone at a page top",
                                      "reword the paragraph by a few words") for block in widowed_blocks(document)]
            for offset, page in enumerate(document.pages):
                for anchor in page.anchors:
                    self.pages.setdefault(anchor, number + offset)
            body_pages += document.pages
            number += len(document.pages)
        self.problems += misplaced_notes(self.book, self.pages)
        index_start = number + (number % 2 == 0)  # the index, too, opens on a right-hand page
        back = []
        if self.book.index:
            back = blank * (number % 2 == 0) + self._render(
                self._document(index_html(self.book, self.pages)),
                extra=f"@page :first {{ counter-reset: page {index_start} }}").pages
        front_document = self._render(self._front_html(self.pages, index_start))  # carries the metadata
        front = front_document.pages
        self.document = front_document.copy(front + blank * (len(front) % 2) + body_pages + back)
        return self.document

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

    def _render_part(self, part: Part, start: int):
        """Lay out one part from page `start`; repair what WeasyPrint 70 gets wrong and lay out again:
        a note deferred to make room for a line at the page foot (break before the block that took
        its room), a widow in a paragraph that calls notes (give that paragraph widow control)."""
        key = digest(self.version, part.html, str(start))
        if key in self.session.parts:  # laid out earlier in this process (watch mode), unchanged
            self.repairs[key], document = self.session.parts[key]
            return document
        document = self._repaired(part, start, key)
        self.session.parts[key] = (self.repairs[key], document)
        return document

    def _repaired(self, part: Part, start: int, key: str):
        fixes: list[str] = self.known_repairs.get(key) or [f"@page :first {{ counter-reset: page {start} }}"]
        self.repairs[key] = fixes  # the list grows below as repairs are found
        for _ in range(MAX_REPAIRS + 1):
            document = self._render(part.html, extra="".join(fixes))
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
