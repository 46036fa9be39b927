"""The pages made from the metadata alone: the half title and the title page."""

from __future__ import annotations

from html import escape

from ..model import Book
from ..words import Words


def title_page_html(book: Book, words: Words) -> str:
    meta = book.meta
    subtitle = f'<p class="subtitle">{escape(meta.subtitle)}</p>' if meta.subtitle else ""
    publisher = (f'<p class="publisher">{escape(meta.publisher)}</p>'
                 if meta.publisher and meta.publisher != meta.author else "")
    return (f'<section class="title-page" epub:type="titlepage" aria-label="{escape(words["title_page"])}">'
            f'<h1 class="title">{escape(meta.title)}</h1>{subtitle}'
            f'<p class="author">{escape(meta.author)}</p>{publisher}</section>')


def half_title_html(book: Book, words: Words) -> str:
    return (f'<section class="half-title" aria-label="{escape(words["half_title"])}">'
            f'<p class="title">{escape(book.meta.title)}</p></section>')
