"""The web edition's pages: a landing page and one page per section of the book's order, each
written by the one XHTML renderer with notes beside the text; and the files beside them."""

from __future__ import annotations

from html import escape
from pathlib import Path

from ...model import Book, Element, walk
from ...store import Cache
from ...structure import WEB, Entry, book_order, contents, for_medium
from ...transforms.pages import page_markers
from ...words import words_for
from ..notes import SideNotes
from ..xhtml import Medium, bookmark, section_html
from . import assets, search
from .page import LANDING, Frame, page_name


class Site:
    """The files of one web edition, by their path in the site."""

    def __init__(self, book: Book, pages: dict[str, int], downloads: dict[str, Path], cache: Cache,
                 base_url: str = ""):
        self.book = book
        self.words = words_for(book.meta.language)
        self.order = [e for e in for_medium(book_order(book), WEB) if e.section]
        self.downloads = downloads
        self.cache = cache
        self.links = Medium(href=self._href, src=lambda src: f"images/{src}", markers=page_markers(book, pages),
                            epub_types=False, page_numbers=True)
        self.frame = Frame(book, self.words, base_url)

    def files(self) -> dict[str, bytes]:
        files: dict[str, bytes | None] = {}
        texts: dict[str, tuple[str, str]] = {}  # page -> (title, plain text), for the search
        for number, entry in enumerate(self.order):
            assert entry.section is not None
            body = section_html(entry.section, SideNotes(), self.words, self.links)
            name = page_name(entry.id)
            files[name] = self.frame.page(name, entry.section.plain_title, body, entry.section.lang,
                                          self._neighbours(number), kind=entry.kind).encode()
            texts[name] = (bookmark(entry.section), body)
        files[LANDING] = self.frame.page(LANDING, "", self._landing(), "", (None, self._first()),
                                         kind="landing").encode()
        files.update(self._copies())
        files["search.js"] = search.index_script(texts, search.names(self.book, self._href))
        html = "".join(data.decode() for name, data in files.items() if name.endswith(".html") and data)
        files.update(assets.files(self.book, self.words, html, self.cache))
        files["sitemap.xml"] = self.frame.sitemap([LANDING] + [page_name(e.id) for e in self.order])
        return {name: data for name, data in files.items() if data is not None}  # no sitemap without [web] url

    def _href(self, anchor: str) -> str:
        """A link to `anchor` from any page: the page of the section it lies in."""
        section = self.book.anchors.section_of(anchor)
        if not section:
            return f"#{anchor}"
        return page_name(section) if anchor == section else f"{page_name(section)}#{anchor}"

    def _neighbours(self, number: int) -> tuple[Entry | None, Entry | None]:
        before = self.order[number - 1] if number else None
        after = self.order[number + 1] if number + 1 < len(self.order) else None
        return before, after

    def _first(self) -> Entry | None:
        return next((e for e in self.order if e.in_contents), None)

    def _landing(self) -> str:
        meta, words = self.book.meta, self.words
        subtitle = f'<p class="subtitle">{escape(meta.subtitle)}</p>' if meta.subtitle else ""
        about = f'<p class="description">{escape(meta.description)}</p>' if meta.description else ""
        alt = words.format("cover_alt", title=", ".join(x for x in (meta.title, meta.subtitle) if x))
        return (f'<div class="landing"><img class="cover" src="{assets.COVER}" alt="{escape(alt)}" '
                f'width="{assets.COVER_SIZE[0]}" height="{assets.COVER_SIZE[1]}"/>'
                f'<div class="landing-text"><h1 class="title">{escape(meta.title)}</h1>{subtitle}'
                f'<p class="author">{escape(meta.author)}</p>{about}{self._download_buttons()}</div></div>'
                f"{self._contents()}")

    def _download_buttons(self) -> str:
        if not self.downloads:
            return ""
        buttons = []
        for name, path in sorted(self.downloads.items(), key=lambda d: d[0].endswith(".epub")):
            kind = "PDF" if name.endswith(".pdf") else "EPUB"
            mime = "application/pdf" if kind == "PDF" else "application/epub+zip"
            label = self.words.format("download_format", format=kind, size=self._size(path.stat().st_size))
            buttons.append(f'<li><a class="download" href="{escape(name)}" download="" type="{mime}">'
                           f"{escape(label)}</a></li>")
        return (f'<section class="downloads" aria-labelledby="downloads"><h2 id="downloads">'
                f'{escape(self.words["downloads"])}</h2><ul>{"".join(buttons)}</ul></section>')

    def _size(self, size: int) -> str:
        """"1.2 MB" (decimal units, as file managers print them), "840 KB"."""
        if size >= 1_000_000:
            number = f"{size / 1_000_000:.1f}".replace(".", self.words["decimal_mark"])
            return self.words.format("size_mb", n=number)
        return self.words.format("size_kb", n=max(1, round(size / 1000)))

    def _contents(self) -> str:
        rows = []
        for entry in contents(self.order):
            assert entry.section is not None
            mark = entry.section.number or entry.section.letter
            number = f'<span class="toc-number">{mark}</span>' if mark else ""
            rows.append(f'<li class="toc-{entry.kind}"><a href="{page_name(entry.id)}">{number}'
                        f"{escape(entry.section.plain_title)}</a></li>")
        return (f'<nav class="contents" role="doc-toc" aria-labelledby="contents">'
                f'<h2 id="contents">{escape(self.words["contents"])}</h2><ol class="toc">{"".join(rows)}</ol></nav>')

    def _copies(self) -> dict[str, bytes]:
        """The downloads and the book's images, as they are."""
        files = {name: path.read_bytes() for name, path in self.downloads.items()}
        for section in self.book.sections:
            for node in walk(section.blocks):
                if isinstance(node, Element) and node.tag == "img":
                    files[f"images/{node.attrs['src']}"] = (self.book.source / node.attrs["src"]).read_bytes()
        return files
