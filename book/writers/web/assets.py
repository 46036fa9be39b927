"""The files every page uses: the style sheet (with the book's faces and words), the small
script (the search box), the cover, the fonts."""

from __future__ import annotations

import io
import json
import re
from html import unescape
from pathlib import Path

from ...model import Book, Element, Math, walk
from ...store import Cache
from ...words import Words
from .fonts import web_fonts

STYLES = Path(__file__).parents[2] / "styles"
STYLE, SCRIPT, COVER = "style.css", "book.js", "cover.png"
COVER_SIZE = (400, 640)  # a fourth of the EPUB's cover: it is shown about 250 px wide
# Characters the style sheet itself prints (the "p." of page markers is a word of the book's language).
STYLE_CHARACTERS = "0123456789 .,:;–—←→…[]()"


def files(book: Book, words: Words, html: str, cache: Cache) -> dict[str, bytes]:
    fonts, faces = web_fonts(characters(html, words), _has_code(book), cache, _has_math(book))
    return {**fonts, STYLE: stylesheet(faces, words), SCRIPT: (STYLES / "web.js").read_bytes(), COVER: cover(book)}


def characters(html: str, words: Words) -> str:
    """Every character a reader can see on the site: the pages' text (tags left out, entities
    read), attribute values (the search box's words), and the style sheet's."""
    text = unescape(re.sub(r"<[^>]*>", " ", html)) + " ".join(re.findall(r'"([^"]*)"', html))
    return "".join(sorted(set(text + STYLE_CHARACTERS + words["page_abbr"]) - set("\n\t\r")))


def stylesheet(faces: str, words: Words) -> bytes:
    page = json.dumps(words["page_abbr"] + "\u00a0", ensure_ascii=False)
    # The e-book's styles first (the book's own classes: figures, tables, code, the index), then
    # the web's (the frame, the face, the notes and page numbers in the margins, the colours).
    sheets = [(STYLES / name).read_text(encoding="utf-8") for name in ("epub.css", "web.css")]
    return (faces + f":root {{ --page-abbr: {page}; }}\n" + "\n".join(sheets)).encode()


def cover(book: Book) -> bytes:
    from PIL import Image

    from ..epub.cover import cover_png
    image = Image.open(io.BytesIO(cover_png(book.meta))).convert("RGB").resize(COVER_SIZE, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _has_math(book: Book) -> bool:
    return any(isinstance(n, Math) for s in book.sections for n in walk(s.title + s.blocks))


def _has_code(book: Book) -> bool:
    return any(isinstance(n, Element) and n.tag in ("pre", "code") for s in book.sections for n in walk(s.blocks))
