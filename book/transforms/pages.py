"""Book + page map -> where each printed page begins in the reading order, so that the EPUB (and
any other flowing edition) can mark the print edition's pages."""

from __future__ import annotations

from ..anchors import split_page_start
from ..model import Book, Element, Mention, Node, Note
from ..structure import reading_sections


def page_markers(book: Book, pages: dict[str, int]) -> dict[str, tuple[int, str]]:
    """For each printed page, the first anchor of the reading order that lies on it:
    anchor -> (page number, the marker's id)."""
    markers: dict[str, tuple[int, str]] = {}
    last = 0
    inside = _starts_inside_blocks(pages)
    for section, anchor in _reading_order(book, inside):
        page = pages.get(anchor)
        if page is not None and page > last:
            markers[anchor] = (page, book.anchors.page(section, page))
            last = page
    return markers


def _starts_inside_blocks(pages: dict[str, int]) -> dict[str, list[str]]:
    """The layout's "block@n" anchors (a page begins at the block's word n), by block, in order."""
    inside: dict[str, list[tuple[int, str]]] = {}
    for anchor in pages:
        if start := split_page_start(anchor):
            inside.setdefault(start[0], []).append((start[1], anchor))
    return {block: [anchor for _, anchor in sorted(starts)] for block, starts in inside.items()}


def _reading_order(book: Book, inside: dict[str, list[str]]):
    """(section id, anchor) for the sections of flowing text, their blocks (and a list's items),
    and the mentions of people; in the index, its entries (a reader who goes to one of its
    pages lands on the first entry printed there)."""
    for section in reading_sections(book):
        yield section.id, section.id
        if section.kind == "index":
            yield from ((section.id, anchor) for anchor in _entry_ids(section.blocks))
            continue
        for block in section.blocks:
            if isinstance(block, Element) and "id" in block.attrs:
                yield section.id, block.attrs["id"]
                yield from ((section.id, anchor) for anchor in inside.get(block.attrs["id"], []))
            if isinstance(block, Element) and block.tag in ("ul", "ol"):
                for item in block.children:
                    if isinstance(item, Element) and "id" in item.attrs:
                        yield section.id, item.attrs["id"]
            for anchor in _mentions([block]):
                yield section.id, anchor


def _entry_ids(nodes: list[Node]):
    for node in nodes:
        if isinstance(node, Element):
            if node.tag == "li" and "id" in node.attrs:
                yield node.attrs["id"]
            yield from _entry_ids(node.children)


def _mentions(nodes: list[Node]):
    """Mentions mark a word of the running text; those in notes are left out, since the words
    after a note call at the foot of a page stand on the next one."""
    for node in nodes:
        if isinstance(node, Note):
            continue
        if isinstance(node, Mention):
            yield node.anchor
        elif isinstance(node, Element):
            yield from _mentions(node.children)
