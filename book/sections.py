"""Book -> Book: chapter numbers and heading anchors, unique across the book."""

from __future__ import annotations

import re

from .html import slugify
from .model import Book, Element, Text, plain_text

UNNUMBERED = re.compile(r"\s*\{(?:\.unnumbered|-)\}\s*$")


def number_sections(book: Book) -> None:
    """Number the chapters (an `{.unnumbered}` title is skipped) and give headings ids."""
    number = 0
    used: set[str] = set()
    for chapter in book.chapters:
        unnumbered = _strip_marker(chapter.title)
        if chapter.kind == "chapter" and not unnumbered:
            number += 1
            chapter.number = number
        used.add(chapter.slug)
        for position, node in enumerate(chapter.blocks, start=1):
            if isinstance(node, Element) and re.fullmatch(r"h[2-6]", node.tag):
                _strip_marker(node.children)
                anchor = _unique(f"{chapter.slug}-{slugify(plain_text(node.children))}", used)
                node.attrs["id"] = anchor
            elif isinstance(node, Element):
                # Every block has an anchor, so the layout can tell on which page it starts.
                node.attrs["id"] = f"{chapter.slug}-b{position}"


def _strip_marker(nodes) -> bool:
    if nodes and isinstance(nodes[-1], Text) and UNNUMBERED.search(nodes[-1].text):
        nodes[-1] = Text(UNNUMBERED.sub("", nodes[-1].text))
        return True
    return False


def _unique(anchor: str, used: set[str]) -> str:
    candidate, n = anchor, 2
    while candidate in used:
        candidate = f"{anchor}-{n}"
        n += 1
    used.add(candidate)
    return candidate
