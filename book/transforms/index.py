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
    ids = {e.heading: book.anchors.index_entry(section.id, n) for n, e in enumerate(book.index, start=1) if not e.see}
    groups: list[Node] = []
    for letter in dict.fromkeys(e.letter for e in book.index):
        entries: list[Node] = [_entry(e, pages, see, ids) for e in book.index if e.letter == letter]
        groups.append(Element("section", [
            Element("h2", [Text(letter)], {"class": "index-letter"}),
            Element("ul", entries, {"class": "index-list", "epub:type": "index-entry-list"})],
            {"class": "index-group", "epub:type": "index-group"}))
    # Not labelled by the section's heading too: two landmarks of one name are one too many.
    section.blocks = [Element("section", groups, {"class": "index-body", "epub:type": "index", "role": "doc-index"})]


def _entry(entry: IndexEntry, pages: dict[str, int], see: str, ids: dict[str, str]) -> Element:
    parts: list[Node] = [Element("span", [Text(entry.heading)], {"class": "index-term", "epub:type": "index-term"})]
    attrs = {"class": "index-entry", "epub:type": "index-entry"}
    if entry.see:
        stop = "" if entry.heading.endswith(".") else "."
        # EPUB Indexes: the reference names its target as a term, and links to its entry
        target = Element("span", [Text(entry.see)], {"epub:type": "index-term"})
        parts += [Text(stop + " "), Element("em", [Text(see)]), Text(" "),
                  Element("a", [target], {"class": "index-see", "epub:type": "index-xref-preferred",
                                          "href": f"#{ids[entry.see]}"} if entry.see in ids else
                          {"class": "index-see", "epub:type": "index-xref-preferred"})]
    else:
        attrs["id"] = ids[entry.heading]
        if entry.identifier:
            parts.append(Text(f" ({entry.identifier})"))
        for label, anchor in locators(entry, pages):
            parts.append(Text(", "))
            parts.append(Element("a", [Text(label)], {"epub:type": "index-locator", "href": f"#{anchor}"}))
    return Element("li", parts, attrs)


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
