"""XHTML + print CSS -> PDF (the only weasyprint import).

The body (chapters and bibliography) is laid out once; the contents and the index
take their page numbers from that layout's anchors, so only the small front and
back matter are laid out again, and the pages are then put together.
"""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from .errors import BookError, Location, Problem
from .html import (FloatNotes, bibliography_html, chapter_html, contents_html, entry_title,
                   half_title_html, title_page_html)
from .index import index_html
from .model import Book, Note, walk
from .output import replace_when_done

STYLES = Path(__file__).parent / "styles"


class ManuscriptFetcher(URLFetcher):
    """Serves files from the manuscript folder and the builder's styles; refuses all else."""

    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols=["file"])
        self.roots = [r.resolve() for r in roots]
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if not url.startswith("file:"):
            return self._refuse(url)
        from urllib.parse import unquote, urlsplit
        path = Path(unquote(urlsplit(url).path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots) or not path.is_file():
            return self._refuse(url)
        return super().fetch(path.as_uri(), headers)

    def _refuse(self, url: str):
        self.refused.append(url)
        raise ValueError(f"refused to fetch {url}: only files inside the manuscript folder are used")


def write_pdf(book: Book, target: Path) -> list[Problem]:
    """Lay out the book and write it to `target`, atomically; return layout warnings."""
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    layout = Layout(book)
    document = layout.render()
    if layout.fetcher.refused:
        raise BookError([Problem(None, f"the book links to {url}, which is outside the manuscript folder",
                                 "copy the file into the manuscript folder and link it by relative path")
                         for url in dict.fromkeys(layout.fetcher.refused)])
    with replace_when_done(target) as temp:
        document.write_pdf(temp, uncompressed_pdf=False)
    return layout.problems


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


class Layout:
    """The three layouts of a book and how they are joined."""

    def __init__(self, book: Book):
        self.book = book
        self.fetcher = ManuscriptFetcher([book.source, STYLES])
        self.fonts = FontConfiguration()
        self.css = CSS(filename=str(STYLES / "print.css"), font_config=self.fonts, url_fetcher=self.fetcher)
        self.problems: list[Problem] = []

    def render(self):
        body = self._render(self._body_html())
        pages = {anchor: number for number, page in enumerate(body.pages, start=1) for anchor in page.anchors}
        self.problems = misplaced_notes(self.book, pages)
        back_start = len(body.pages) + 1
        blank_before_back = back_start % 2 == 0  # the index opens on a right-hand page
        index_page = back_start + blank_before_back
        back = self._render(self._back_html(pages, blank_before_back),
                            extra=f"@page :first {{ counter-reset: page {back_start} }}") if self.book.index else None
        front = self._render(self._front_html(pages, index_page))
        if len(front.pages) % 2:  # the body must open on a right-hand page
            front = self._render(self._front_html(pages, index_page, pad=True))
        all_pages = front.pages + body.pages + (back.pages if back else [])
        return front.copy(all_pages)

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

    def _body_html(self) -> str:
        parts = [chapter_html(c, FloatNotes()) for c in self.book.sections("chapter")]
        parts += [chapter_html(c, FloatNotes()) for c in self.book.sections("back")]
        if self.book.bibliography:
            parts.append(bibliography_html(self.book))
        return self._document("\n".join(parts))

    def _back_html(self, pages: dict[str, int], blank_first: bool) -> str:
        blank = '<div class="blank-page first"></div>' if blank_first else ""
        return self._document(blank + index_html(self.book, pages))

    def _front_html(self, pages: dict[str, int], index_page: int, pad: bool = False) -> str:
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
        if pad:
            parts.append('<div class="blank-page"></div>')
        return self._document("\n".join(parts))
