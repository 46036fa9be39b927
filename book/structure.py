"""The order of the book, in one list: the PDF's sequence of parts, the contents page, the EPUB's
spine, navigation and landmarks, the web edition's pages and their previous/next links are all
read from it, so they can never disagree."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Book, Section

PDF, EPUB, WEB = "pdf", "epub", "web"
EVERY = frozenset({PDF, EPUB, WEB})


@dataclass(frozen=True)
class Entry:
    """One place in the book's order: a section, or a page the writers make (cover, title page,
    contents; the web edition makes its landing page of the cover, title page and contents)."""

    kind: str  # "cover", "half-title", "title", "contents", or a section's kind
    id: str  # the anchor of its heading; in the EPUB also its file name
    section: Section | None = None
    media: frozenset[str] = EVERY
    landmark: str = ""  # its EPUB landmark (EPUB 3 structural semantics), if any

    @property
    def in_contents(self) -> bool:
        """Listed in the contents page and the EPUB's navigation (the colophon is not)."""
        return self.section is not None and self.kind != "colophon" and bool(self.section.title)

    @property
    def in_body(self) -> bool:
        """In the PDF's body (arabic folios, each part opening on a right-hand page)."""
        return self.kind in ("chapter", "back", "bibliography", "index")


def book_order(book: Book) -> list[Entry]:
    """Cover, half title, title page, colophon, contents, front matter, chapters, back matter,
    bibliography, index."""
    entries = [Entry("cover", "cover", media=frozenset({EPUB}), landmark="cover"),
               Entry("half-title", "half-title", media=frozenset({PDF})),
               Entry("title", "title", media=frozenset({PDF, EPUB}))]
    entries += [_entry(s) for s in book.of_kind("colophon")]
    entries.append(Entry("contents", "contents", media=frozenset({PDF, EPUB}), landmark="toc"))
    entries += [_entry(s, "loi" if s.kind == "figures" else "lot") for s in book.of_kind("figures", "tables")]
    entries += [_entry(s, _landmark(s)) for s in book.of_kind("front")]
    entries += [_entry(s, "glossary") for s in book.of_kind("cast")]
    chapters = book.of_kind("chapter")
    entries += [_entry(s, "bodymatter" if s is chapters[0] else "") for s in chapters]
    entries += [_entry(s, _landmark(s)) for s in book.of_kind("back")]
    entries += [_entry(s, s.kind) for s in book.of_kind("bibliography") + book.of_kind("index")]
    return entries


def _landmark(section: Section) -> str:
    """A front or back file is a landmark of its kind (preface, appendix, glossary, …) when titled."""
    return section.semantics[0] if section.title else ""


def _entry(section: Section, landmark: str = "") -> Entry:
    return Entry(section.kind, section.id, section, landmark=landmark)


def for_medium(entries: list[Entry], medium: str) -> list[Entry]:
    return [e for e in entries if medium in e.media]


def contents(entries: list[Entry]) -> list[Entry]:
    """What the contents page and the EPUB's table of contents list."""
    return [e for e in entries if e.in_contents]


def body_sections(book: Book) -> list[Section]:
    """The sections of the PDF body laid out before the page numbers are known (the index,
    which prints them, comes after)."""
    return [e.section for e in book_order(book) if e.in_body and e.section and e.kind != "index"]


def reading_sections(book: Book) -> list[Section]:
    """The sections whose text flows in reading order in both formats (the colophon aside)."""
    return [e.section for e in book_order(book) if e.section and e.kind != "colophon"]
