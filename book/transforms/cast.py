"""Book -> Book: the cast of characters, made from the names registry. Each person given a
`cast` group in names.toml is listed under it (groups in the registry's order, people in the
index's collation), with the identifier and the pages that mention them, linked as the index's
locators are. A glossary of people, so marked (EPUB's glossary semantics, DPUB-ARIA's
doc-glossary): a term, the person, and a definition, who they were and where the book speaks of
them."""

from __future__ import annotations

from ..model import Book, Element, IndexEntry, Node, Section, Text
from ..readers.registry import Registry
from ..words import words_for
from .index import locators


def add_cast(book: Book, registry: Registry) -> None:
    """The section, with a group for each `cast` of the registry that names a mentioned person;
    its entries wait for the page numbers (`resolve_cast`)."""
    mentioned = {e.heading for e in book.index if e.mentions}
    groups = list(dict.fromkeys(p.cast for p in registry.people.values() if p.cast and p.heading in mentioned))
    if not groups:
        return
    title = words_for(book.meta.language)["cast_of_characters"]
    section = Section("cast", [Text(title)], [], id=book.anchors.make("cast"))
    section.blocks = [_group(book, section.id, n, group) for n, group in enumerate(groups, start=1)]
    book.sections.append(section)


def _group(book: Book, section_id: str, number: int, group: str) -> Element:
    heading = Element("h2", [Text(group)], {"class": "cast-group-title", "id": f"{section_id}-g{number}"})
    return Element("section", [heading, Element("dl", [], {"class": "cast-list"})],
                   {"class": "cast-group", "data-cast": group})


def resolve_cast(book: Book, pages: dict[str, int]) -> None:
    """Each group's people, with their identifiers and the printed pages that mention them."""
    section = book.section("cast")
    if section is None:
        return
    for group in section.blocks:
        assert isinstance(group, Element)
        listing = group.children[1]
        assert isinstance(listing, Element)
        people = [e for e in book.index if e.cast == group.attrs["data-cast"] and not e.see]
        listing.children = [node for entry in people for node in _person(entry, pages)]


def _person(entry: IndexEntry, pages: dict[str, int]) -> list[Node]:
    term = Element("dt", [Text(entry.heading)], {"class": "cast-name", "epub:type": "glossterm"})
    said: list[Node] = [Text(entry.identifier)] if entry.identifier else []
    for n, (label, anchor) in enumerate(locators(entry, pages)):
        said.append(Text("; " if n == 0 and said else ", " if n else ""))
        said.append(Element("a", [Text(label)], {"href": f"#{anchor}"}))
    # one inline run, so that no writer puts space between the identifier and its semicolon
    return [term, Element("dd", [Element("span", said)], {"class": "cast-about", "epub:type": "glossdef"})]
