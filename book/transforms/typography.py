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


# Where a URL may break (CMOS 18 6.123): after a colon or a double slash; before a single slash, a
# period, a comma, a hyphen, an underscore, a question mark, a number or percent sign, a tilde;
# before or after an equals sign or an ampersand. Never inside a word, and with no hyphen added.
URL = re.compile(r"(?:https?://|www\.)\S+$")
URL_BREAK = re.compile(r"(?<=://)(?=.)|(?<=[:=&])(?!//)(?=.)|(?<=[^/:])(?=[/.,\-_?#%~=&])")


def break_url(text: str) -> list[Node]:
    """The URL as unbreakable pieces with break opportunities (<wbr>) between them, so that a line
    ends inside it only where CMOS allows: the line-breaking rules of Unicode would also break
    after a slash or a hyphen (and a line ending in a hyphen reads as a word the typesetter broke)."""
    starts = [0] + [m.start() for m in URL_BREAK.finditer(text) if m.start() > 0] + [len(text)]
    pieces: list[Node] = []
    for start, end in zip(starts, starts[1:]):
        if start < end:
            if pieces:
                pieces.append(Element("wbr"))
            pieces.append(Element("span", [Text(text[start:end])], {"class": "url-part"}))
    return pieces


# A URL typed in the text, not as a link: it ends before closing punctuation ("…/d577).").
BARE_URL = re.compile(r"https?://[^\s<>\"“”‘’]+?(?=[.,;:!?)\]’”]*(?:\s|$))")


def _with_urls(text: str) -> list[Node]:
    """The text, each URL in it set as a URL (unhyphenated, broken only where CMOS allows)."""
    nodes: list[Node] = []
    start = 0
    for match in BARE_URL.finditer(text):
        nodes += [Text(text[start:match.start()]), Element("span", break_url(match.group()), {"class": "url"})]
        start = match.end()
    nodes.append(Text(text[start:]))
    return [n for n in nodes if not (isinstance(n, Text) and not n.text)]


def _rewrite(nodes: list[Node]) -> None:
    for index in reversed(range(len(nodes))):  # from the end: a text with URLs becomes several nodes
        node = nodes[index]
        if isinstance(node, Text):
            text = tie(node.text)
            nodes[index:index + 1] = _with_urls(text) if "://" in text else [Text(text)]
        elif (isinstance(node, Element) and node.tag == "a" and len(node.children) == 1
              and isinstance(node.children[0], Text) and URL.match(node.children[0].text)):
            node.children = break_url(node.children[0].text)
            node.attrs.setdefault("class", "url")  # styled not to hyphenate: "ht-tps" is no break
        elif isinstance(node, Element) and node.tag not in ("code", "pre", "a"):
            _rewrite(node.children)
        elif isinstance(node, (Note, Mention)):
            _rewrite(node.children)
