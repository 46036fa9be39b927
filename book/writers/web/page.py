"""The frame every web page shares: the head (title, description, previews), the skip link, the
header with the search box, the main text, the previous and next links, the footer."""

from __future__ import annotations

from html import escape

from ...model import Book
from ...structure import Entry
from ...words import Words
from ..xhtml import bookmark
from . import assets

LANDING = "index.html"


def page_name(entry_id: str) -> str:
    """A section's page: its id's; the landing page is index.html (what a server gives for the
    folder), so the index's own page, whose id is "index", is book-index.html."""
    name = f"{entry_id}.html"
    return name if name != LANDING else f"book-{name}"


class Frame:
    """Wraps a page's main text into a whole HTML document; `base_url` ([web] url) makes the
    absolute addresses that previews and the sitemap need, and without it they are left out."""

    def __init__(self, book: Book, words: Words, base_url: str = ""):
        self.book = book
        self.words = words
        self.base = base_url.rstrip("/") + "/" if base_url else ""

    def page(self, name: str, title: str, main: str, lang: str, neighbours: tuple[Entry | None, Entry | None],
             kind: str) -> str:
        meta = self.book.meta
        full = f"{title} — {meta.title}" if title else meta.title
        language = escape(lang or meta.language)
        return ('<!DOCTYPE html>\n'
                f'<html lang="{escape(meta.language)}">\n<head>\n<meta charset="utf-8"/>\n'
                '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
                f"<title>{escape(full)}</title>\n{self._previews(name, full)}"
                '<meta name="color-scheme" content="light dark"/>\n'
                f'<link rel="stylesheet" href="{assets.STYLE}"/>\n{self._rel(neighbours)}'
                f'<script src="{assets.SCRIPT}" defer="defer"></script>\n</head>\n'
                f'<body class="page-{escape(kind)}">\n{self._header()}\n'
                f'<main id="text" lang="{language}">\n{main}\n</main>\n'
                f"{self._pager(neighbours)}{self._footer()}\n</body>\n</html>\n")

    def _previews(self, name: str, title: str) -> str:
        """The description and Open Graph metadata that link previews read; og:url and og:image
        must be absolute, so they are written only when the site's address is known."""
        meta = self.book.meta
        about = meta.description or meta.subtitle or meta.title
        tags = [("name", "description", about), ("property", "og:type", "book"),
                ("property", "og:title", title), ("property", "og:description", about),
                ("property", "og:site_name", meta.title), ("property", "og:locale", meta.language.replace("-", "_"))]
        if meta.author:
            tags.append(("name", "author", meta.author))
        if self.base:
            tags += [("property", "og:url", self.base + ("" if name == LANDING else name)),
                     ("property", "og:image", self.base + assets.COVER)]
        lines = "".join(f'<meta {kind}="{key}" content="{escape(value)}"/>\n' for kind, key, value in tags)
        canonical = f'<link rel="canonical" href="{escape(self.base + name)}"/>\n' if self.base else ""
        return lines + canonical

    def _rel(self, neighbours: tuple[Entry | None, Entry | None]) -> str:
        return "".join(f'<link rel="{rel}" href="{page_name(entry.id)}"/>\n'
                       for rel, entry in zip(("prev", "next"), neighbours) if entry)

    def _header(self) -> str:
        words = self.words
        return (f'<a class="skip-link" href="#text">{escape(words["skip_to_text"])}</a>\n'
                f'<header class="site-header"><a class="site-title" href="{LANDING}">{escape(self.book.meta.title)}</a>'
                f'<form class="search" role="search" hidden="hidden" action="#" data-none="{escape(words["search_none"])}" '
                f'data-names="{escape(words["search_names"])}" data-pages="{escape(words["search_pages"])}">'
                f'<label for="search-box">{escape(words["search_label"])}</label>'
                f'<input id="search-box" type="search" name="q" autocomplete="off"/>'
                f'<div class="search-results" aria-live="polite"></div></form>'
                f'<noscript><p class="no-script">{escape(words["search_no_script"])}</p></noscript></header>')

    def _pager(self, neighbours: tuple[Entry | None, Entry | None]) -> str:
        links = []
        for rel, entry, arrow in zip(("prev", "next"), neighbours, ("←", "→")):
            if entry and entry.section:
                word = self.words["previous" if rel == "prev" else "next"]
                text = f"{arrow} {word}: " if rel == "prev" else f"{word}: "
                after = "" if rel == "prev" else f" {arrow}"
                links.append(f'<a rel="{rel}" class="pager-{rel}" href="{page_name(entry.id)}">{escape(text)}'
                             f'<span class="pager-title">{escape(bookmark(entry.section))}</span>{after}</a>')
        if not links:
            return ""
        return f'<nav class="pager" aria-label="{escape(self.words["chapter_links"])}">{"".join(links)}</nav>\n'

    def _footer(self) -> str:
        meta = self.book.meta
        colophon = next((s for s in self.book.of_kind("colophon")), None)
        link = f' <a href="{page_name(colophon.id)}">{escape(colophon.plain_title or meta.title)}</a>' if colophon else ""
        return f'<footer class="site-footer"><p>{escape(meta.rights)}{link}</p></footer>'

    def sitemap(self, names: list[str]) -> bytes | None:
        """The sitemap protocol asks for absolute addresses: without [web] url there is none."""
        if not self.base:
            return None
        urls = "".join(f"<url><loc>{escape(self.base + ('' if n == LANDING else n))}</loc></url>\n" for n in names)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{urls}</urlset>\n').encode()
