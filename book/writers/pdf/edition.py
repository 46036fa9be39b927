"""The print edition as HTML documents for the layout engine: the body's parts (each laid out
on its own), then the index and the front matter, which print page numbers from the page map."""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from ...errors import Location
from ...model import Book, Element, Section, walk
from ...structure import PDF, body_sections, book_order, contents, for_medium
from ...transforms.cast import resolve_cast
from ...transforms.index import resolve_index
from ...transforms.lists import resolve_lists
from ...words import Words, words_for
from ..contents import contents_html
from ..math import svg
from ..notes import FloatNotes
from ..titles import half_title_html, title_page_html
from ..xhtml import Medium, section_html


@dataclass
class PartSource:
    """One part to lay out: its HTML, and the section it holds (for the layout's checks)."""

    html: str
    section: Section | None = None
    name: str = ""
    links: list[str] = field(default_factory=list)  # the anchors it links to

    @property
    def where(self) -> Location | None:
        return Location(self.section.path) if self.section and self.section.path else None


class PrintEdition:
    """Makes the HTML of every part of the PDF from the book."""

    def __init__(self, book: Book):
        self.book = book
        self.words: Words = words_for(book.meta.language)
        self.order = for_medium(book_order(book), PDF)

    def body(self) -> list[PartSource]:
        """The chapters, the back matter and the bibliography, each a part of its own."""
        return [self._section(s, s.plain_title) for s in body_sections(self.book)]

    def index(self, pages: dict[str, int]) -> PartSource | None:
        """The index of names, its locators taken from the page map."""
        section = self.book.section("index")
        if section is None:
            return None
        resolve_index(self.book, pages)
        return self._section(section, "index")

    def front(self, pages: dict[str, int]) -> PartSource:
        """Half title, title page, colophon, contents and front matter, laid out as one part."""
        makers = {"half-title": lambda e: half_title_html(self.book, self.words),
                  "title": lambda e: title_page_html(self.book, self.words),
                  "contents": lambda e: contents_html(self.order, pages, self.words)}
        resolve_lists(self.book, pages)
        resolve_cast(self.book, pages)
        parts = []
        for entry in self.order:
            if entry.kind in makers:
                parts.append(makers[entry.kind](entry))
            elif entry.section is not None and not entry.in_body:
                parts.append(section_html(entry.section, FloatNotes(), self.words, Medium(math=svg)))
        links = [e.id for e in contents(self.order)]
        links += [a for e in self.order if e.section and not e.in_body for a in _links(e.section)]
        return PartSource(self.document("\n".join(parts)), None, "front matter", links)

    def _section(self, section: Section, name: str) -> PartSource:
        html = self.document(section_html(section, FloatNotes(), self.words, Medium(math=svg)))
        return PartSource(html, section, name, _links(section))

    def single_document(self, pages: dict[str, int]) -> str:
        """The whole print edition as one HTML document, page numbers filled in: what WeasyPrint
        alone would be handed (the benchmark's floor)."""
        sources = [self.front(pages), *self.body()] + [p for p in [self.index(pages)] if p]
        inner = "".join(s.html.split("<body>", 1)[1].rsplit("</body>", 1)[0] for s in sources)
        return sources[0].html.split("<body>", 1)[0] + "<body>" + inner + "</body></html>"

    def blank(self) -> str:
        """A page left blank so that the next part opens on a right-hand page."""
        return self.document('<div class="blank-page"></div>')

    def document(self, body: str) -> str:
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


def _links(section: Section) -> list[str]:
    """The anchors a section's links point to, read from the model."""
    return [node.attrs["href"][1:] for node in walk(section.blocks)
            if isinstance(node, Element) and node.tag == "a" and node.attrs.get("href", "").startswith("#")]
