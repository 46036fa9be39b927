"""The printed contents page, from the book's order and the page map."""

from __future__ import annotations

from html import escape

from ..structure import Entry, contents
from ..words import Words


def contents_html(entries: list[Entry], pages: dict[str, int], words: Words) -> str:
    """Front matter unnumbered; the body with its printed page numbers."""
    rows = []
    for entry in contents(entries):
        css = "toc-chapter" if entry.kind in ("chapter", "back") else f"toc-{entry.kind}"
        if entry.kind in ("bibliography", "index"):
            css = "toc-back"
        if entry.kind in ("figures", "tables", "cast"):
            css = "toc-front"  # front matter: the roman folio comes from the layout itself
        page = str(pages.get(entry.id, "")) if entry.in_body else ""
        rows.append(f'<li class="{css}"><a href="#{entry.id}"><span class="toc-title">{_title(entry)}</span>'
                    f'<span class="toc-page" data-target="#{entry.id}">{escape(page)}</span></a></li>')
    return (f'<nav class="contents" epub:type="toc" role="doc-toc" aria-labelledby="contents">'
            f'<h1 id="contents">{escape(words["contents"])}</h1><ol class="toc">{"".join(rows)}</ol></nav>')


def _title(entry: Entry) -> str:
    """A section's title with its number: `<span class="toc-number">3</span> The Fall`."""
    assert entry.section is not None
    text = escape(entry.section.plain_title)
    mark = entry.section.number or entry.section.letter
    return f'<span class="toc-number">{mark}</span> {text}' if mark else text
