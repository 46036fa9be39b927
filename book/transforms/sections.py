"""Book -> Book: chapter numbers, and an anchor for every heading and block."""

from __future__ import annotations

import re

from ..model import Book, Element, Text, plain_text

UNNUMBERED = re.compile(r"\s*\{(?:\.unnumbered|-)\}\s*$")


def number_sections(book: Book) -> None:
    """Number the chapters (an `{.unnumbered}` title is skipped) and give headings and blocks ids."""
    number = 0
    for section in book.sections:
        unnumbered = _strip_marker(section.title)
        if section.kind == "chapter" and not unnumbered:
            number += 1
            section.number = number
        for position, node in enumerate(section.blocks, start=1):
            if isinstance(node, Element) and re.fullmatch(r"h[2-6]", node.tag):
                _strip_marker(node.children)
                node.attrs["id"] = book.anchors.heading(section.id, plain_text(node.children))
            elif isinstance(node, Element):
                # Every block has an anchor, so the layout can tell on which page it starts.
                node.attrs["id"] = book.anchors.block(section.id, position)


def _strip_marker(nodes) -> bool:
    if nodes and isinstance(nodes[-1], Text) and UNNUMBERED.search(nodes[-1].text):
        nodes[-1] = Text(UNNUMBERED.sub("", nodes[-1].text))
        return True
    return False
