"""Table tokens -> model nodes: the table with its caption first, its column widths as a colgroup,
and a grid table that could not be read reported (its lines follow as a paragraph, as written).

The tokens are markdown-it's pipe tables and those of the pandoc tables plugin (../tables/);
rows, sections and cells are blocks.py's `container` and `cell`."""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from ....errors import Location
from ....model import Element, Node
from ..reader import ChapterReader, block_rule
from .blocks import line_of


@block_rule("table")
def table(reader: ChapterReader, node: SyntaxTreeNode) -> list[Node]:
    """<table id="tbl:x">: caption, colgroup, thead, tbody, tfoot, in HTML's order. The id stays
    the author's label; the cross-references transform numbers the table and makes the anchor."""
    attrs = {}
    label = node.attrs.get("id")
    if label:
        attrs["id"] = str(label)
    children = reader._blocks(node.children)
    captions = [c for c in children if isinstance(c, Element) and c.tag == "caption"]
    rest = [c for c in children if not (isinstance(c, Element) and c.tag == "caption")]
    widths = str(node.attrs.get("data-widths", ""))
    colgroup = [_colgroup(widths)] if widths else []
    return [Element("table", captions[:1] + colgroup + rest, attrs, line=line_of(node))]


def _colgroup(widths: str) -> Element:
    """data-widths="30,20,50" (percent) -> <colgroup><col style="width: 30%"/>..."""
    return Element("colgroup", [Element("col", [], {"style": f"width: {w.strip()}%"})
                                for w in widths.split(",") if w.strip()])


@block_rule("table_caption")
def caption(reader: ChapterReader, node: SyntaxTreeNode) -> list[Node]:
    inline = node.children[0]
    return [Element("caption", reader.inlines(inline.children, inline), line=line_of(node))]


@block_rule("table_error")
def table_error(reader: ChapterReader, node: SyntaxTreeNode) -> list[Node]:
    """A text that starts like a grid table but cannot be read: a warning at the offending line.
    The paragraph that follows holds its lines, so nothing is lost from the page."""
    start, end = node.meta.get("table", [None, None]) if node.meta else (None, None)
    lines = f" (lines {start + 1}-{end})" if start is not None and end is not None else ""
    reader.report.warn(Location(reader.path, line_of(node)), f"{node.content}{lines}",
                       "its lines are printed as a paragraph, as written; redraw it as a grid table "
                       "without spans (or as a pipe table) to make it a table")
    return []
