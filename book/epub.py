"""XHTML -> EPUB 3 (the only ebooklib import).

Content documents are written whole by us (ebooklib's EpubHtml drops <head>
content and <body> attributes); ebooklib assembles the package, manifest, spine
and NCX. The zip is then rewritten so that equal inputs give equal bytes.
"""

from __future__ import annotations

import datetime
import mimetypes
import zipfile
from html import escape
from pathlib import Path

from ebooklib import epub

from .html import (EndNotes, bibliography_html, chapter_html, half_title_html, title_page_html)
from .index import index_html
from .model import Book, Chapter, Element, walk
from .output import replace_when_done

STYLES = Path(__file__).parent / "styles"
XHTML = "application/xhtml+xml"


def write_epub(book: Book, target: Path, modified: datetime.datetime, pages: dict[str, int]) -> None:
    """Write the EPUB to `target`, atomically and reproducibly; `pages` are the print edition's."""
    package = Package(book, pages)
    package.build()
    with replace_when_done(target) as temp:
        epub.write_epub(str(temp), package.epub, {"epub3_pages": False, "mtime": modified,
                                                   "epub3_landmark": False, "spine_direction": False})
        normalise_zip(temp, modified)


class Package:
    """Assembles the content documents, navigation and metadata of one EPUB."""

    def __init__(self, book: Book, pages: dict[str, int]):
        self.book = book
        self.pages = pages
        self.epub = epub.EpubBook()
        self.documents: list[epub.EpubItem] = []
        self.files: dict[str, str] = {}  # anchor id -> file name, for cross-document links
        self.toc: list[tuple[str, str, str, list]] = []

    def build(self) -> None:
        self._metadata()
        self.epub.add_item(epub.EpubItem(uid="style", file_name="style/book.css", media_type="text/css",
                                         content=(STYLES / "epub.css").read_bytes()))
        self._images()
        self._add("title", "Title Page", title_page_html(self.book))
        for chapter in self.book.sections("colophon"):
            self._add_chapter(chapter)
        nav_position = len(self.documents)
        for kind in ("front", "chapter", "back"):
            for chapter in self.book.sections(kind):
                self._add_chapter(chapter)
        if self.book.bibliography:
            self._add("bibliography", "Bibliography", bibliography_html(self.book), landmark="bibliography")
            self.toc.append(("bibliography", "Bibliography", "bibliography.xhtml", []))
        if self.book.index:
            self._add("index", "Index of Names", index_html(self.book, self.pages, self._href_of),
                      landmark="index")
            self.toc.append(("index", "Index of Names", "index.xhtml", []))
        nav = epub.EpubItem(uid="nav", file_name="nav.xhtml", media_type=XHTML, content=self._nav().encode())
        nav.properties = ["nav"]
        self.epub.add_item(nav)
        self.documents.insert(nav_position, nav)
        self.epub.add_item(epub.EpubNcx())
        self.epub.toc = [epub.Link(href, title, uid) for uid, title, href, _ in self.toc]
        self.epub.spine = self.documents

    def _metadata(self) -> None:
        meta = self.book.meta
        self.epub.set_identifier(meta.identifier)
        self.epub.set_title(meta.title)
        self.epub.set_language(meta.language)
        self.epub.add_author(meta.author)
        self.epub.add_metadata("DC", "date", meta.date)
        self.epub.add_metadata("DC", "rights", meta.rights)
        if meta.publisher:
            self.epub.add_metadata("DC", "publisher", meta.publisher)
        if meta.subtitle or meta.description:
            self.epub.add_metadata("DC", "description", meta.description or meta.subtitle)
        for subject in ([meta.subject] if meta.subject else []) + meta.keywords:
            self.epub.add_metadata("DC", "subject", subject)

    def _images(self) -> None:
        seen = set()
        for chapter in self.book.chapters:
            for node in walk(chapter.blocks):
                if isinstance(node, Element) and node.tag == "img" and node.attrs["src"] not in seen:
                    src = node.attrs["src"]
                    seen.add(src)
                    media = mimetypes.guess_type(src)[0] or "application/octet-stream"
                    self.epub.add_item(epub.EpubItem(uid=f"img{len(seen)}", file_name=f"images/{src}",
                                                     media_type=media,
                                                     content=(self.book.source / src).read_bytes()))

    def _add_chapter(self, chapter: Chapter) -> None:
        html = chapter_html(chapter, EndNotes(), resolve_src=lambda src: f"images/{src}")
        landmark = "bodymatter" if chapter is self.book.sections("chapter")[0] else ""
        self._add(chapter.slug, chapter.plain_title, html, landmark=landmark, lang=chapter.lang)
        subs = [(f"{chapter.slug}.xhtml#{n.attrs['id']}", _text(n)) for n in chapter.blocks
                if isinstance(n, Element) and n.tag == "h2" and "id" in n.attrs]
        title = f"{chapter.number}. {chapter.plain_title}" if chapter.number else chapter.plain_title
        if chapter.kind != "colophon":
            self.toc.append((chapter.slug, title, f"{chapter.slug}.xhtml", subs))

    def _add(self, uid: str, title: str, body: str, landmark: str = "", lang: str = "",
             properties: list[str] | None = None) -> None:
        name = f"{uid}.xhtml"
        for anchor in _ids(body):
            self.files[anchor] = name
        item = epub.EpubItem(uid=uid, file_name=name, media_type=XHTML,
                             content=self._page(title, body, lang).encode())
        item.landmark = landmark
        self.epub.add_item(item)
        self.documents.append(item)

    def _href_of(self, anchor: str) -> str:
        return f"{self.files.get(anchor, '')}#{anchor}"

    def _page(self, title: str, body: str, lang: str = "") -> str:
        language = escape(lang or self.book.meta.language)
        return ('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
                f'<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" '
                f'lang="{language}" xml:lang="{language}">\n<head>\n<meta charset="utf-8"/>\n'
                f"<title>{escape(title)}</title>\n"
                '<link rel="stylesheet" type="text/css" href="style/book.css"/>\n</head>\n'
                f"<body>\n{body}\n</body>\n</html>\n")

    def _nav(self) -> str:
        items = []
        for _, title, href, subs in self.toc:
            inner = "".join(f'<li><a href="{escape(h)}">{escape(t)}</a></li>' for h, t in subs)
            sub = f"<ol>{inner}</ol>" if subs else ""
            items.append(f'<li><a href="{escape(href)}">{escape(title)}</a>{sub}</li>')
        marks = [("toc", "nav.xhtml#toc", "Contents")]
        marks += [(d.landmark, d.file_name, _title_of(self.toc, d.file_name)) for d in self.documents
                  if getattr(d, "landmark", "")]
        landmarks = "".join(f'<li><a epub:type="{t}" href="{escape(h)}">{escape(n)}</a></li>' for t, h, n in marks)
        body = (f'<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">'
                f'<h1 id="toc-title">Contents</h1><ol>{"".join(items)}</ol></nav>\n'
                f'<nav epub:type="landmarks" id="landmarks" hidden="hidden" aria-label="Landmarks">'
                f'<h2>Landmarks</h2><ol>{landmarks}</ol></nav>')
        return self._page("Contents", body)


def _title_of(toc, file_name: str) -> str:
    return next((title for _, title, href, _ in toc if href == file_name), file_name)


def _text(node: Element) -> str:
    from .model import plain_text
    return plain_text(node.children)


def _ids(html: str) -> list[str]:
    import re
    return re.findall(r'\sid="([^"]+)"', html)


def normalise_zip(path: Path, modified: datetime.datetime) -> None:
    """Rewrite the zip: mimetype first and stored, fixed timestamps, stable order."""
    stamp = max(modified, datetime.datetime(1980, 1, 1)).timetuple()[:6]
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    entries.sort(key=lambda e: (e[0] != "mimetype", e[0] != "META-INF/container.xml", e[0]))
    with zipfile.ZipFile(path, "w") as out:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, data)
