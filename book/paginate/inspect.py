"""Reads WeasyPrint's laid-out boxes to find what it got wrong: a note printed after its call's
page, a widow. The box classes are internal to WeasyPrint; its version is pinned in pyproject."""

from __future__ import annotations

from ..anchors import count_words, page_start, starts_word
from ..errors import Location, Problem
from ..model import Element, Note, Section, walk

SQUEEZE_LIMIT = 3 * 13.5 * 4 / 3  # three lines of text, in CSS pixels
TEXT_BLOCKS = ("p", "li", "blockquote")  # where a widow is looked for
# Where a page may begin for the EPUB's page markers: every block of flowing text, lists,
# definition lists, tables and fenced divs counted as a whole (their parts have no ids).
MARKED_BLOCKS = TEXT_BLOCKS + ("ul", "ol", "dl", "table", "div", "pre")


def first_positions(document) -> dict[str, tuple[int, float]]:
    """Anchor -> (page index, top); a block split over two pages is placed where it starts."""
    position: dict[str, tuple[int, float]] = {}
    for n, page in enumerate(document.pages):
        for anchor, box in page.anchors.items():
            position.setdefault(anchor, (n, box[1]))
    return position


def squeezed_blocks(section: Section, document) -> list[str]:
    """For each note printed after its call's page, the block that starts last on the call's page
    (within three lines of the foot) after the calling block: the one that took the note's room."""
    position = first_positions(document)
    blocks = [b.attrs["id"] for b in section.blocks if isinstance(b, Element) and "id" in b.attrs]
    culprits = []
    for block_id, note in notes_by_block(section):
        call, body = position.get(note.ref_id), position.get(note.id)
        if call is None or (body and body[0] == call[0]):
            continue
        foot = _text_bottom(document.pages[call[0]])
        later = [b for b in blocks[blocks.index(block_id) + 1:]
                 if position.get(b, (None,))[0] == call[0] and foot - position[b][1] < SQUEEZE_LIMIT]
        if later:
            culprits.append(later[-1])
    return culprits


def widowed_blocks(document) -> list[str]:
    """Paragraphs whose last line stands alone at the top of a page (a widow)."""
    widows = []
    for previous, page in zip(document.pages, document.pages[1:]):
        lines = _text_lines(page)
        if lines and lines[0] and lines.count(lines[0]) == 1 and lines[0] in _text_lines(previous):
            widows.append(lines[0])
    return widows


def misplaced_notes(sections: list[Section], pages: dict[str, int]) -> list[Problem]:
    """Every note must stand at the foot of the page that calls it; say where one does not."""
    problems = []
    for section in sections:
        for note in (n for n in walk(section.blocks) if isinstance(n, Note)):
            call, body = pages.get(note.ref_id), pages.get(note.id)
            if call is not None and body != call:
                where = f"page {body}" if body else "no page at all"
                problems.append(Problem(Location(section.path) if section.path else None,
                                        f"note {note.number} of '{section.plain_title}' "
                                        f"is called on page {call} but printed on {where}",
                                        "shorten the note or the paragraph around it; the PDF engine "
                                        "could not fit both on one page"))
    return problems


def notes_by_block(section: Section):
    for block in section.blocks:
        if isinstance(block, Element) and "id" in block.attrs:
            for node in walk(block.children):
                if isinstance(node, Note):
                    yield block.attrs["id"], node


def _text_lines(page) -> list[str | None]:
    """The block id of every line of the page's main text, in order (notes left out)."""
    return [block for block, _, _ in _main_lines(page)]


def page_starts(document) -> dict[str, int]:
    """Where each page that begins inside a paragraph begins: "<block id>@<n>" -> page index, n
    being the number of the block's words that stand on earlier pages (words are what both
    writers share: the EPUB marks the page before word n of the same block)."""
    seen: dict[str, int] = {}
    broken: dict[str, bool] = {}  # block -> its last line so far ended inside a word
    starts: dict[str, int] = {}
    heads: set[int] = set()  # a table's header, counted once though printed again on each page
    for n, page in enumerate(document.pages):
        lines = _main_lines(page, MARKED_BLOCKS, heads)
        first, text, _ = lines[0] if lines else (None, "", False)
        if first and seen.get(first):
            # a page that begins with the tail of a broken word is marked before the whole word
            tail = broken[first] and text[:1] != "" and starts_word(text[0], True) == (False, True)
            starts.setdefault(page_start(first, seen[first] - tail), n)
        for block, text, continued in lines:
            if block:
                seen[block] = seen.get(block, 0) + count_words(text, broken.get(block, False))
                broken[block] = continued
    return starts


HYPHEN = "\u2010"  # WeasyPrint's hyphenate-character: a word broken at the line's end
# A line that ends in one of these may have broken inside a word (after a hyphen or a dash, in
# a URL): the word goes on on the next line, and is counted there.
CONTINUED = ("-", HYPHEN, "\u2013", "\u2014", "/", "\u200b")


def _main_lines(page, blocks: tuple[str, ...] = TEXT_BLOCKS,
                heads: set[int] | None = None) -> list[tuple[str | None, str, bool]]:
    """(block id, text, ends in a broken word) of each line of the page's main text, in order:
    the running heads, the notes and the note calls left out; with `heads`, a table header
    already met on an earlier page too."""
    lines: list[tuple[str | None, str, bool]] = []

    def text_of(box) -> str:
        element = getattr(box, "element", None)
        if element is not None and element.get("class") in ("note-call", "note-separator", "footnote"):
            return ""
        if _generated(box):
            return ""
        if type(box).__name__ == "TextBox":
            return box.text
        return "".join(text_of(child) for child in getattr(box, "children", []))

    def visit(box, block):
        name = type(box).__name__
        if name in ("FootnoteAreaBox", "MarginBox"):
            return
        if _generated(box):
            return
        if name == "LineBox":
            text = text_of(box).rstrip()
            lines.append((block, text.rstrip(HYPHEN), text.endswith(CONTINUED)))
            return
        tag = getattr(box, "element_tag", None)
        if tag == "thead" and heads is not None:
            if id(box.element) in heads:
                return
            heads.add(id(box.element))
        if tag in blocks and box.element is not None:
            block = box.element.get("id") or block
        for child in getattr(box, "children", []):
            visit(child, block)

    visit(page._page_box, None)
    return lines


def _generated(box) -> bool:
    """A list's bullet or number, or text the style adds (li::marker, ::before): not the book's words."""
    return "::" in (getattr(box, "element_tag", None) or "")


def _text_bottom(page) -> float:
    """Where the text area ends on a laid-out page: the top of its notes, else of its margin."""
    box = page._page_box
    area = next((c for c in box.children if type(c).__name__ == "FootnoteAreaBox" and c.children), None)
    if area is not None:
        return area.position_y
    return box.content_box_y() + box.height
