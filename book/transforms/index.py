"""Book + page map -> the index section's entries: letter groups, and page locators that link
to each mention (EPUB Indexes markup, which print ignores)."""

from __future__ import annotations

from ..model import Book, Element, IndexEntry, Node, Text
from ..words import words_for


def resolve_index(book: Book, pages: dict[str, int]) -> None:
    """Fill the index section with its entries, now that the printed page of every mention is known."""
    section = book.section("index")
    if section is None:
        return
    see = words_for(book.meta.language)["see"]
    see = see[:1].upper() + see[1:]  # it follows the heading's period: "Beriia, L. P. See Beria"
    groups: list[Node] = []
    for letter in dict.fromkeys(e.letter for e in book.index):
        entries: list[Node] = [_entry(e, pages, see) for e in book.index if e.letter == letter]
        groups.append(Element("section", [
            Element("h2", [Text(letter)], {"class": "index-letter"}),
            Element("ul", entries, {"class": "index-list", "epub:type": "index-entry-list"})],
            {"class": "index-group", "epub:type": "index-group"}))
    section.blocks = [Element("div", groups, {"class": "index-body"})]


def _entry(entry: IndexEntry, pages: dict[str, int], see: str) -> Element:
    parts: list[Node] = [Element("span", [Text(entry.heading)], {"class": "index-term", "epub:type": "index-term"})]
    if entry.see:
        stop = "" if entry.heading.endswith(".") else "."
        parts += [Text(stop + " "), Element("em", [Text(see)]), Text(" "),
                  Element("span", [Text(entry.see)], {"class": "index-see", "epub:type": "index-xref-preferred"})]
    else:
        if entry.identifier:
            parts.append(Text(f" ({entry.identifier})"))
        for label, anchor in locators(entry, pages):
            parts.append(Text(", "))
            parts.append(Element("a", [Text(label)], {"epub:type": "index-locator", "href": f"#{anchor}"}))
    return Element("li", parts, {"class": "index-entry", "epub:type": "index-entry"})


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
