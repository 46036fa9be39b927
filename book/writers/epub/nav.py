"""The EPUB navigation document: the contents, the landmarks and the print edition's page list,
all from the book's order."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from ...model import Element, plain_text
from ...structure import Entry, contents
from ...words import Words
from ..xhtml import bookmark


def file_name(entry_id: str) -> str:
    """The EPUB file an entry of the book's order is written to."""
    return "nav.xhtml" if entry_id == "contents" else f"{entry_id}.xhtml"


def nav_html(order: list[Entry], markers: dict[str, tuple[int, str]], href: Callable[[str], str],
             words: Words) -> str:
    items = []
    for entry in contents(order):
        assert entry.section is not None
        subs = [(href(n.attrs["id"]), plain_text(n.children)) for n in entry.section.blocks
                if isinstance(n, Element) and n.tag == "h2" and "id" in n.attrs]
        inner = "".join(f'<li><a href="{escape(h)}">{escape(t)}</a></li>' for h, t in subs)
        sub = f"<ol>{inner}</ol>" if subs else ""
        items.append(f'<li><a href="{escape(href(entry.id))}">{escape(bookmark(entry.section))}</a>{sub}</li>')
    return (f'<nav epub:type="toc" role="doc-toc" id="toc" aria-labelledby="toc-title">'
            f'<h1 id="toc-title">{escape(words["contents"])}</h1><ol>{"".join(items)}</ol></nav>\n'
            f'{_landmarks(order, href, words)}\n{_page_list(markers, href, words)}')


def landmarks(order: list[Entry], href: Callable[[str], str], words: Words) -> list[tuple[str, str, str]]:
    """(epub:type, href, label) of each landmark: the navigation document lists them, and the
    package repeats them as EPUB 2's guide, which is what calibre carries into a Kindle book."""
    names = {"cover": words["cover"], "toc": words["contents"], "bodymatter": words["start_of_text"]}
    marks = []
    for entry in order:
        if entry.landmark:
            target = f"{file_name(entry.id)}#toc" if entry.landmark == "toc" else href(entry.id).split("#")[0]
            label = names.get(entry.landmark) or (bookmark(entry.section) if entry.section else entry.id)
            marks.append((entry.landmark, target, label))
    return marks


def _landmarks(order: list[Entry], href: Callable[[str], str], words: Words) -> str:
    marks = "".join(f'<li><a epub:type="{kind}" href="{escape(target)}">{escape(label)}</a></li>'
                    for kind, target, label in landmarks(order, href, words))
    return (f'<nav epub:type="landmarks" id="landmarks" hidden="hidden" aria-label="{escape(words["landmarks"])}">'
            f'<h2>{escape(words["landmarks"])}</h2><ol>{marks}</ol></nav>')


def _page_list(markers: dict[str, tuple[int, str]], href: Callable[[str], str], words: Words) -> str:
    if not markers:
        return ""
    items = "".join(f'<li><a href="{escape(href(marker))}">{page}</a></li>'
                    for page, marker in sorted(markers.values()))
    return (f'<nav epub:type="page-list" id="page-list" hidden="hidden" aria-label="{escape(words["print_pages"])}">'
            f'<h2>{escape(words["print_pages"])}</h2><ol>{items}</ol></nav>')
