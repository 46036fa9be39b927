"""The search index, made when the site is: every word of every page (the words of the
index of names' headings too) -> the pages it is on, as a small script the search box loads
the first time it is used (a script, not JSON, so the site also searches when opened from the
disk). The search box reads words by the same rule (book/styles/web.js)."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from html import unescape

from ...model import Book, Element, plain_text, walk

# A word: a run of letters and digits; each Han, kana or Hangul character is a word of its own
# (Chinese and Japanese do not space their words). web.js holds the same expression.
CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
WORD = re.compile(f"[{CJK}]|[^\\W{CJK}]+")
NOT_TEXT = re.compile(r'<span class="pagebreak"[^>]*></span>|<[^>]*>')


def words(text: str) -> list[str]:
    """The words of `text` as the index keeps them: lower case, accents off ("Étinger" -> "etinger")."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return WORD.findall(folded)


def names(book: Book, href: Callable[[str], str]) -> list[tuple[str, str]]:
    """(heading, link) of each entry of the index of names: a search for a name finds its entry."""
    index = book.section("index")
    if index is None:
        return []
    found = []
    for node in walk(index.blocks):
        if isinstance(node, Element) and node.tag == "li" and "id" in node.attrs:
            term = next((c for c in node.children if isinstance(c, Element) and "index-term" in c.attrs.get("class", "")),
                        None)
            if term is not None:
                found.append((plain_text(term.children), href(node.attrs["id"])))
    return found


def index_script(pages: dict[str, tuple[str, str]], entries: list[tuple[str, str]]) -> bytes:
    """`pages`: page -> (title, its HTML). The index: the pages (link, title) in the site's order,
    each word with the numbers of its pages, and the names; sorted, so equal books give equal bytes."""
    listed = list(pages)  # in the book's order
    found: dict[str, set[int]] = {}
    for number, name in enumerate(listed):
        title, html = pages[name]
        for word in set(words(title + " " + unescape(NOT_TEXT.sub(" ", html)))):
            found.setdefault(word, set()).add(number)
    index = {"pages": [[name, pages[name][0]] for name in listed],
             "words": {word: sorted(numbers) for word, numbers in sorted(found.items())},
             "names": [[heading, link] for heading, link in entries]}
    text = json.dumps(index, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"window.bookSearchIndex = {text};\n".encode()
