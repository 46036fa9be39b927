"""The index of names as printed: sorted entries, letter groups, page locators."""

from __future__ import annotations

from html import escape

from .model import Book, IndexEntry


def locators(entry: IndexEntry, pages: dict[str, int]) -> list[tuple[str, str]]:
    """(printed locator, anchor) pairs: each page once, runs as ranges, notes as 12n3 (CMOS 16.111)."""
    text_pages: dict[int, str] = {}
    note_refs: dict[tuple[int, int], str] = {}
    for mention in entry.mentions:
        page = pages.get(mention.anchor)
        if page is None:
            continue
        if mention.note is not None:
            note_refs.setdefault((page, mention.note.number), mention.anchor)
        else:
            text_pages.setdefault(page, mention.anchor)
    items: list[tuple[int, int, str, str]] = []
    for start, end in _runs(sorted(text_pages)):
        label = str(start) if start == end else f"{start}\u2013{end}"
        items.append((start, 0, label, text_pages[start]))
    for (page, note), anchor in note_refs.items():
        if page not in text_pages:  # a page already cited for its text is not cited again for a note
            items.append((page, note, f"{page}n{note}", anchor))
    return [(label, anchor) for _, _, label, anchor in sorted(items)]


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def letter_of(entry: IndexEntry) -> str:
    return entry.sort_key[:1].upper() if entry.sort_key else "#"


def index_html(book: Book, pages: dict[str, int], link_prefix: str = "") -> str:
    """The index section; `link_prefix` maps an anchor to its href (a file name in the EPUB)."""
    groups: list[str] = []
    letter = None
    for entry in book.index:
        if letter_of(entry) != letter:
            if letter is not None:
                groups.append("</ul></section>")
            letter = letter_of(entry)
            groups.append(f'<section class="index-group" epub:type="index-group">'
                          f'<h2 class="index-letter">{escape(letter)}</h2>'
                          f'<ul class="index-list" epub:type="index-entry-list">')
        groups.append(_entry_html(entry, pages, link_prefix))
    if letter is not None:
        groups.append("</ul></section>")
    return (f'<section class="index" epub:type="index" role="doc-index" aria-labelledby="index" '
            f'data-title="Index of Names"><h1 id="index">Index of Names</h1>'
            f'<div class="index-body">{"".join(groups)}</div></section>')


def _entry_html(entry: IndexEntry, pages: dict[str, int], link_prefix) -> str:
    term = f'<span class="index-term" epub:type="index-term">{escape(entry.heading)}</span>'
    if entry.see:
        stop = "" if entry.heading.endswith(".") else "."
        return (f'<li class="index-entry" epub:type="index-entry">{term}{stop} <em>See</em> '
                f'<span class="index-see" epub:type="index-xref-preferred">{escape(entry.see)}</span></li>')
    ident = f" ({escape(entry.identifier)})" if entry.identifier else ""
    refs = ", ".join(f'<a epub:type="index-locator" href="{_href(anchor, link_prefix)}">{label}</a>'
                     for label, anchor in locators(entry, pages))
    return f'<li class="index-entry" epub:type="index-entry">{term}{ident}, {refs}</li>'


def _href(anchor: str, link_prefix) -> str:
    if callable(link_prefix):
        return link_prefix(anchor)
    return f"{link_prefix}#{anchor}"
