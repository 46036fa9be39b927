"""Book -> Book: non-breaking spaces where a line break would part what belongs together."""

from __future__ import annotations

import re

from ..model import Book, Element, Mention, Node, Note, Text
from ..text import smart_quotes

NBSP = "\u00a0"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
RULES = [
    # initials stay with each other and with the surname: "M. B. Kogan", "Ya. G. Etinger"
    (re.compile(r"(?<![\w.])([A-ZА-ЯЁ][a-zа-я]?\.) (?=[A-ZА-ЯЁ])"), rf"\1{NBSP}"),
    # a day stays with its month: "22 July 1954"
    (re.compile(rf"\b(\d{{1,2}}) ({MONTHS})\b"), rf"\1{NBSP}\2"),
    # an abbreviation stays with its number: "no. 1", "chap. 3", "vol. 2", "p. 12"
    (re.compile(r"\b(no|nos|chap|vol|p|pp|sec|fig)\. (?=\d)"), rf"\1.{NBSP}"),
]


def apply_typography(book: Book) -> None:
    """Rewrite every text node of the book, the notes and the bibliography included."""
    for section in book.sections:
        _rewrite(section.blocks)
        _rewrite(section.title)
    meta = book.meta
    meta.title, meta.subtitle, meta.description = (smart_quotes(meta.title), smart_quotes(meta.subtitle),
                                                   smart_quotes(meta.description))


def tie(text: str) -> str:
    for pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    return text


def _rewrite(nodes: list[Node]) -> None:
    for index, node in enumerate(nodes):
        if isinstance(node, Text):
            nodes[index] = Text(tie(node.text))
        elif isinstance(node, Element) and node.tag not in ("code", "pre", "a"):
            _rewrite(node.children)
        elif isinstance(node, (Note, Mention)):
            _rewrite(node.children)
