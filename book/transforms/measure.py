"""Book -> warnings: a word longer than any line can hold. The style sheets break it at the
margin (`overflow-wrap: break-word`) rather than let it run off the page; the author hears
where, since a break without a hyphen is the author's to place better."""

from __future__ import annotations

import re

from ..errors import Location, Report
from ..model import Book, Element, Mention, Node, Note, Text, plain_text

LONGEST = 50  # characters: a line of the text block holds about 65, a note's about 80
# What may break a word already: spaces, hyphens, soft hyphens, dashes, slashes; and scripts
# written without spaces, which break between any two characters (CJK) or by dictionary (Thai).
UNBROKEN = re.compile(rf"[^\s\-\u00ad\u2010-\u2014/\u0e00-\u0eff\u1100-\u11ff\u2e80-\u9fff"
                      rf"\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]{{{LONGEST},}}")
UNCHECKED = {"code", "pre", "math"}  # code wraps by its own rule; math is not words


def warn_long_words(book: Book, report: Report) -> None:
    hyphenate = _hyphenator(book.meta.language)
    for section in book.sections:
        if section.generated:
            continue
        for block in section.blocks:
            line = block.line if isinstance(block, Element) else None
            for word in _long_words([block]):
                if _fits_hyphenated(word, hyphenate):
                    continue
                report.warn(Location(section.path, line) if section.path else None,
                            f"a word of {len(word)} characters (“{word[:24]}…”) is longer than a line: it is "
                            "broken at the margin without a hyphen",
                            "add soft hyphens (&shy;) or spaces where it may break, or set it as `code`")


def _hyphenator(language: str):
    """The hyphenation dictionary WeasyPrint uses for the language (pyphen), or None."""
    import pyphen
    tag = language.replace("-", "_")
    found = tag if tag in pyphen.LANGUAGES else pyphen.language_fallback(tag)
    return pyphen.Pyphen(lang=found) if found else None


def _fits_hyphenated(word: str, hyphenate) -> bool:
    """Whether the hyphenation points cut the word into pieces that fit a line."""
    if hyphenate is None:
        return False
    points = [0, *hyphenate.positions(word), len(word)]
    return all(b - a < LONGEST for a, b in zip(points, points[1:]))


def _shows_an_address(node: Element) -> bool:
    """An address (a link or one typed in the text) breaks at its slashes and dots, as CMOS asks
    (transforms/typography.py marks it)."""
    return node.attrs.get("class") == "url" or (node.tag == "a" and "://" in plain_text(node.children))


def _long_words(nodes: list[Node]):
    for node in nodes:
        if isinstance(node, Text):
            yield from UNBROKEN.findall(node.text)
        elif isinstance(node, Element) and (node.tag in UNCHECKED or _shows_an_address(node)):
            continue
        elif isinstance(node, (Element, Note, Mention)):
            yield from _long_words(node.children)
