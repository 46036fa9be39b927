"""Book -> Book: chapter numbers, appendix letters, and an anchor for every heading and block."""

from __future__ import annotations

import re
import string

from ..model import Book, Element, Section, plain_text


def number_sections(book: Book) -> None:
    """Number the chapters (`{.unnumbered}` or `{-}` skips one), letter the appendices
    (`{.appendix}`: A, B, …) and give headings and blocks ids."""
    number = 0
    appendices = 0
    for section in book.sections:
        unnumbered = "unnumbered" in section.classes or "-" in section.classes
        if "appendix" in section.classes:
            section.kind = "back"  # an appendix, wherever the author listed it
            if not unnumbered:
                section.letter = _letter(appendices)
                appendices += 1
        elif section.kind == "chapter" and not unnumbered:
            number += 1
            section.number = number
        _anchor_blocks(book, section)


def _anchor_blocks(book: Book, section: Section) -> None:
    for position, node in enumerate(section.blocks, start=1):
        if isinstance(node, Element) and re.fullmatch(r"h[2-6]", node.tag):
            label = node.attrs.get("data-label", "")
            node.attrs["id"] = (book.anchors.make(label, section.id) if label
                                else book.anchors.heading(section.id, plain_text(node.children)))
        elif isinstance(node, Element):
            if "id" in node.attrs:  # a label the author gave (a table's {#tbl:x}): the cross-references' to use
                node.attrs["data-label"] = node.attrs.pop("id")
            # Every block has an anchor, so the layout can tell on which page it starts.
            node.attrs["id"] = book.anchors.block(section.id, position)


def _letter(index: int) -> str:
    """A, B, … Z, then AA, AB, …"""
    letters = string.ascii_uppercase
    return letters[index] if index < 26 else letters[index // 26 - 1] + letters[index % 26]
