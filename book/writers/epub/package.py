"""Assembles the EPUB's content documents, in the book's order, with ebooklib (the only
ebooklib import besides the writer's entry point). Content documents are written whole by us:
ebooklib's EpubHtml drops <head> content and <body> attributes."""

from __future__ import annotations

import mimetypes
from html import escape
from pathlib import Path

from ebooklib import epub

from ...model import Book, Diagram, Element, Math, walk
from ...structure import EPUB, Entry, book_order, for_medium
from ...transforms.pages import page_markers
from ...words import words_for
from ..notes import EndNotes
from ..titles import title_page_html
from ..xhtml import Medium, bookmark, section_html
from .cover import cover_png
from .metadata import add_metadata
from .nav import file_name, landmarks, nav_html

STYLES = Path(__file__).parents[2] / "styles"
XHTML = "application/xhtml+xml"
STYLE = "style/book.css"
GUIDE_TYPES = {"bodymatter": "text"}  # EPUB 3's landmark types as EPUB 2's guide names them
# The guide's own types (OPF 2.0.1, 2.6); any other is written "other.x", as OPF 2 asks.
OPF2_GUIDE = {"cover", "title-page", "toc", "index", "glossary", "acknowledgements", "bibliography", "colophon",
              "copyright-page", "dedication", "epigraph", "foreword", "loi", "lot", "notes", "preface", "text"}


def guide_type(landmark: str) -> str:
    kind = GUIDE_TYPES.get(landmark, landmark)
    return kind if kind in OPF2_GUIDE else f"other.{kind}"


class Package:
    """One EPUB: its documents, navigation and metadata."""

    def __init__(self, book: Book, pages: dict[str, int]):
        self.book = book
        self.words = words_for(book.meta.language)
        self.order = for_medium(book_order(book), EPUB)
        self.markers = page_markers(book, pages)
        self.links = Medium(href=self._href, src=lambda src: f"images/{src}", markers=self.markers,
                            page_label=self.words["page_label"])
        self.epub = epub.EpubBook()

    def build(self) -> epub.EpubBook:
        add_metadata(self.epub, self.book, self.words, bool(self.markers), self._has_images())
        self.epub.add_item(epub.EpubItem(uid="style", file_name=STYLE, media_type="text/css",
                                         content=_stylesheet()))
        self._images()
        documents = [self._document(entry) for entry in self.order]
        self.epub.add_item(epub.EpubNcx())
        self.epub.toc = [epub.Link(file_name(e.id), bookmark(e.section), e.id)
                         for e in self.order if e.in_contents and e.section]
        self.epub.spine = documents
        self.epub.guide = [{"type": guide_type(kind), "href": target, "title": label}
                           for kind, target, label in landmarks(self.order, self._href, self.words)]
        return self.epub

    def _document(self, entry: Entry) -> epub.EpubItem:
        if entry.kind == "contents":
            body, title = nav_html(self.order, self.markers, self._href, self.words), self.words["contents"]
        elif entry.kind == "cover":
            body, title = self._cover(), self.words["cover"]
        elif entry.kind == "title":
            body, title = title_page_html(self.book, self.words), self.words["title_page"]
        else:
            assert entry.section is not None
            notes = EndNotes(self.words["notes"])
            body, title = section_html(entry.section, notes, self.words, self.links), entry.section.plain_title
        lang = entry.section.lang if entry.section else ""
        item = epub.EpubItem(uid="nav" if entry.kind == "contents" else entry.id, file_name=file_name(entry.id),
                             media_type=XHTML, content=self._page(title, body, lang).encode())
        if entry.kind == "contents":
            item.properties = ["nav"]
        elif entry.section:
            nodes = list(walk(entry.section.title + entry.section.blocks))
            # EPUB 3: a content document with MathML or inline SVG says so
            item.properties = ([p for p, kind in (("mathml", Math), ("svg", Diagram))
                                if any(isinstance(n, kind) for n in nodes)])
            if entry.kind == "index":  # EPUB Indexes 1.0: the document holds an index, checked as one
                item.properties.append("index")
        self.epub.add_item(item)
        return item

    def _href(self, anchor: str) -> str:
        """A link to `anchor` from any document: the file of the section it lies in."""
        section = self.book.anchors.section_of(anchor)
        if not section:
            return f"#{anchor}"
        return file_name(section) if anchor == section else f"{file_name(section)}#{anchor}"

    def _cover(self) -> str:
        meta = self.book.meta
        image = epub.EpubItem(uid="cover-img", file_name="images/cover.png", media_type="image/png",
                              content=cover_png(meta))
        image.properties = ["cover-image"]
        self.epub.add_item(image)
        self.epub.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-img"})  # for Kindle
        described = ", ".join(x for x in (meta.title, meta.subtitle) if x) + f", {self.words['by']} {meta.author}"
        alt = self.words.format("cover_alt", title=described)
        return (f'<section class="cover" epub:type="cover">'
                f'<img class="cover-image" role="doc-cover" src="images/cover.png" alt="{escape(alt)}"/></section>')

    def _has_images(self) -> bool:
        return any(isinstance(n, Element) and n.tag == "img" for s in self.book.sections for n in walk(s.blocks))

    def _images(self) -> None:
        seen: set[str] = set()
        for section in self.book.sections:
            for node in walk(section.blocks):
                if isinstance(node, Element) and node.tag == "img" and node.attrs["src"] not in seen:
                    src = node.attrs["src"]
                    seen.add(src)
                    media = mimetypes.guess_type(src)[0] or "application/octet-stream"
                    self.epub.add_item(epub.EpubItem(uid=f"img{len(seen)}", file_name=f"images/{src}",
                                                     media_type=media, content=(self.book.source / src).read_bytes()))

    def _page(self, title: str, body: str, lang: str = "") -> str:
        language = escape(lang or self.book.meta.language)
        return ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
                f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
                f'lang="{language}" xml:lang="{language}">\n<head>\n<meta charset="utf-8"/>\n'
                f"<title>{escape(title)}</title>\n"
                f'<link rel="stylesheet" type="text/css" href="{STYLE}"/>\n</head>\n'
                f"<body>\n{body}\n</body>\n</html>\n")


def _stylesheet() -> bytes:
    return (STYLES / "epub.css").read_bytes()
