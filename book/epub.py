"""XHTML -> EPUB 3 (the only ebooklib import).

Content documents are written whole by us (ebooklib's EpubHtml drops <head>
content and <body> attributes); ebooklib assembles the package, manifest, spine
and NCX. The zip is then rewritten so that equal inputs give equal bytes.
"""

from __future__ import annotations

import datetime
import mimetypes
import re
import zipfile
from html import escape
from pathlib import Path

from ebooklib import epub

from .cover import cover_png
from .html import EndNotes, bibliography_html, chapter_html, title_page_html
from .index import index_html
from .model import Book, Chapter, Element, Mention, Note, plain_text, walk

STYLES = Path(__file__).parent / "styles"
XHTML = "application/xhtml+xml"


def write_epub(book: Book, target: Path, modified: datetime.datetime, pages: dict[str, int]) -> None:
    """Write the EPUB to `target`, reproducibly; `pages` are the print edition's."""
    package = Package(book, pages)
    package.build()
    epub.write_epub(str(target), package.epub, {"epub3_pages": False, "mtime": modified,
                                                 "epub3_landmark": False, "spine_direction": False})
    normalise_zip(target, modified, book.meta.language)


class Package:
    """Assembles the content documents, navigation and metadata of one EPUB."""

    def __init__(self, book: Book, pages: dict[str, int]):
        self.book = book
        self.pages = pages
        self.markers = page_markers(book, pages)
        self.epub = epub.EpubBook()
        self.documents: list[epub.EpubItem] = []
        self.files: dict[str, str] = {}  # anchor id -> file name, for cross-document links
        self.toc: list[tuple[str, str, str, list]] = []

    def build(self) -> None:
        self._metadata()
        self.epub.add_item(epub.EpubItem(uid="style", file_name="style/book.css", media_type="text/css",
                                         content=(STYLES / "epub.css").read_bytes()))
        self._images()
        self._cover()
        self._add("title", "Title Page", title_page_html(self.book))
        for chapter in self.book.sections("colophon"):
            self._add_chapter(chapter)
        nav_position = len(self.documents)
        for kind in ("front", "chapter", "back"):
            for chapter in self.book.sections(kind):
                self._add_chapter(chapter)
        if self.book.bibliography:
            self._add("bibliography", "Bibliography", bibliography_html(self.book, markers=self.markers),
                      landmark="bibliography")
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
        self._accessibility()

    def _accessibility(self) -> None:
        """EPUB Accessibility 1.1 metadata: what the book offers a reader who cannot see the page."""
        features = ["structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"]
        if self.book.index:
            features.append("index")
        if self.markers:
            features += ["pageBreakMarkers", "printPageNumbers", "pageNavigation"]
        properties = [("schema:accessMode", "textual"), ("schema:accessModeSufficient", "textual")]
        properties += [("schema:accessibilityFeature", f) for f in features]
        properties += [("schema:accessibilityHazard", "none"),
                       ("schema:accessibilitySummary", ACCESSIBILITY_SUMMARY),
                       ("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA")]
        if self.markers:
            properties.append(("pageBreakSource", f"{self.book.meta.title}, PDF edition"))
        for name, value in properties:
            self.epub.add_metadata(None, "meta", value, {"property": name})

    def _cover(self) -> None:
        image = epub.EpubItem(uid="cover-img", file_name="images/cover.png", media_type="image/png",
                              content=cover_png(self.book.meta))
        image.properties = ["cover-image"]
        self.epub.add_item(image)
        self.epub.add_metadata(None, "meta", "", {"name": "cover", "content": "cover-img"})  # for Kindle
        alt = f"Cover: {self.book.meta.title}, {self.book.meta.subtitle}, by {self.book.meta.author}"
        self._add("cover", "Cover", f'<section class="cover" epub:type="cover">'
                  f'<img class="cover-image" role="doc-cover" src="images/cover.png" alt="{escape(alt)}"/>'
                  f"</section>", landmark="cover")

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
        html = chapter_html(chapter, EndNotes(), resolve_src=lambda src: f"images/{src}", markers=self.markers)
        landmark = "bodymatter" if chapter is self.book.sections("chapter")[0] else ""
        self._add(chapter.slug, chapter.plain_title, html, landmark=landmark, lang=chapter.lang)
        subs = [(f"{chapter.slug}.xhtml#{n.attrs['id']}", plain_text(n.children)) for n in chapter.blocks
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
        marks = [(d.landmark, d.file_name, _title_of(self.toc, d.file_name)) for d in self.documents
                  if getattr(d, "landmark", "")]
        marks.insert(1 if marks and marks[0][0] == "cover" else 0, ("toc", "nav.xhtml#toc", "Contents"))
        landmarks = "".join(f'<li><a epub:type="{t}" href="{escape(h)}">{escape(n)}</a></li>' for t, h, n in marks)
        body = (f'<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">'
                f'<h1 id="toc-title">Contents</h1><ol>{"".join(items)}</ol></nav>\n'
                f'<nav epub:type="landmarks" id="landmarks" hidden="hidden" aria-label="Landmarks">'
                f'<h2>Landmarks</h2><ol>{landmarks}</ol></nav>\n{self._page_list()}')
        return self._page("Contents", body)


    def _page_list(self) -> str:
        if not self.markers:
            return ""
        pages = sorted(self.markers.items(), key=lambda item: item[1])
        items = "".join(f'<li><a href="{self._href_of(f"page-{page}").replace(f"#page-{page}", "")}'
                        f'#page-{page}">{page}</a></li>' for anchor, page in pages)
        return (f'<nav epub:type="page-list" id="page-list" hidden="hidden" aria-label="Pages of the print edition">'
                f"<h2>Pages</h2><ol>{items}</ol></nav>")


ACCESSIBILITY_SUMMARY = (
    "Text in a logical reading order with headings, a table of contents, notes as linked "
    "pop-ups, and page-break markers that match the PDF edition; the index of names links "
    "to each mention. The only image is the cover, which has a text description.")


def page_markers(book: Book, pages: dict[str, int]) -> dict[str, int]:
    """For each print page, the first anchor of the reading order that lies on it."""
    markers: dict[str, int] = {}
    seen: set[int] = set()
    for anchor in _reading_order(book):
        page = pages.get(anchor)
        if page is not None and page not in seen and (not seen or page > max(seen)):
            markers[anchor] = page
            seen.add(page)
    return markers


def _reading_order(book: Book):
    """The anchors of the EPUB's flowing text, in order: chapters, blocks, mentions of people."""
    for chapter in book.sections("front") + book.sections("chapter") + book.sections("back"):
        yield chapter.slug
        for block in chapter.blocks:
            if isinstance(block, Element) and "id" in block.attrs:
                yield block.attrs["id"]
            yield from _inline_anchors(chapter, [block])
    if book.bibliography:
        yield "bibliography"
        for n in range(1, len(book.bibliography) + 1):
            yield f"bib-{n}"


def _inline_anchors(chapter: Chapter, nodes):
    """Mentions mark a word of the running text; note calls are left out, since the words after
    a call at the foot of a page stand on the next one."""
    for node in nodes:
        if isinstance(node, Note):
            continue
        if isinstance(node, Mention):
            yield node.anchor
        elif isinstance(node, Element):
            yield from _inline_anchors(chapter, node.children)


def _with_language(opf: bytes, language: str) -> bytes:
    if b"xml:lang=" in opf.split(b">", 2)[1]:
        return opf
    return opf.replace(b"<package ", f'<package xml:lang="{escape(language)}" '.encode(), 1)


def _title_of(toc, file_name: str) -> str:
    return next((title for _, title, href, _ in toc if href == file_name), file_name)


def _ids(html: str) -> list[str]:
    return re.findall(r'\sid="([^"]+)"', html)


def normalise_zip(path: Path, modified: datetime.datetime, language: str) -> None:
    """Rewrite the zip: mimetype first and stored, fixed timestamps, stable order; and give the
    package document the language that ebooklib leaves out (reading systems and Ace want it)."""
    stamp = max(modified, datetime.datetime(1980, 1, 1)).timetuple()[:6]
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    entries = [(name, _with_language(data, language) if name.endswith(".opf") else data)
               for name, data in entries]
    entries.sort(key=lambda e: (e[0] != "mimetype", e[0] != "META-INF/container.xml", e[0]))
    with zipfile.ZipFile(path, "w") as out:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, data)
