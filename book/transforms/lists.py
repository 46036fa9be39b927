"""Book -> Book: the list of figures and the list of tables, when the author asks for them
(`lof = true`, `lot = true`): sections of the front matter, their page numbers from the page map."""

from __future__ import annotations

from ..model import Book, Element, Node, Note, Section, Text, walk
from ..words import words_for

LISTS = {"figures": ("figure", "list_of_figures"), "tables": ("table", "list_of_tables")}


def add_lists(book: Book, figures: bool, tables: bool) -> None:
    """The sections, empty until the page numbers are known (`resolve_lists`)."""
    words = words_for(book.meta.language)
    for kind, wanted in (("figures", figures), ("tables", tables)):
        if wanted:
            title = words[LISTS[kind][1]]
            book.sections.append(Section(kind, [Text(title)], [], id=book.anchors.make(f"list-of-{kind}")))


def resolve_lists(book: Book, pages: dict[str, int]) -> None:
    """Each numbered figure or table with its caption and printed page, linked."""
    for section in book.of_kind(*LISTS):
        tag = LISTS[section.kind][0]
        rows: list[Node] = []
        for item in (n for s in book.of_kind("chapter", "back") for n in walk(s.blocks)):
            if isinstance(item, Element) and item.tag == tag and "id" in item.attrs:
                caption = next((c for c in item.children if isinstance(c, Element)
                                and c.tag in ("figcaption", "caption")), None)
                if caption is not None:
                    rows.append(_row(item.attrs["id"], caption, pages))
        section.blocks = [Element("ol", rows, {"class": "toc"})]


def _row(anchor: str, caption: Element, pages: dict[str, int]) -> Element:
    title = Element("span", [n for n in caption.children if not _is_note(n)], {"class": "toc-title"})
    page = Element("span", [Text(str(pages.get(anchor, "")))], {"class": "toc-page"})
    return Element("li", [Element("a", [title, page], {"href": f"#{anchor}"})], {"class": "toc-chapter"})


def _is_note(node: Node) -> bool:
    return isinstance(node, Note)  # a caption's note is printed under the figure, not in the list
