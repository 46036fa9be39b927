"""Tokens of pandoc's other Markdown: definition lists, line blocks, fenced divs, super- and
subscripts, and the attributes of headings (`{#sec:x .unnumbered .appendix}`)."""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from ....errors import Location
from ....model import Element, Node
from ..attributes import Attributes, parse
from ..reader import ChapterReader, block_rule, inline_rule
from .blocks import line_of, mark_attribution

LISTS = {"dl": "dl", "dt": "dt", "dd": "dd"}
SCRIPTS = {"sub": "sub", "sup": "sup"}
STYLED_DIVS = {"epigraph", "note", "warning", "tip", "abstract", "dedication", "center", "aside"}


@block_rule(*LISTS)
def definition_list(reader: ChapterReader, node: SyntaxTreeNode) -> list[Node]:
    if node.type == "dt":
        return [Element("dt", reader.inlines(node.children[0].children, node.children[0]))]
    return [Element(LISTS[node.type], reader._blocks(node.children), line=line_of(node))]


@block_rule("line_block")
def line_block(reader: ChapterReader, node: SyntaxTreeNode) -> list[Node]:
    lines: list[Node] = []
    for line in node.children:
        inline = line.children[0]
        lines.append(Element("span", reader.inlines(inline.children, inline), {"class": "line"}))
    return [Element("div", lines, {"class": "line-block"}, line=line_of(node))]


@block_rule("container_div")
def fenced_div(reader: ChapterReader, node: SyntaxTreeNode) -> list[Node]:
    """`::: epigraph` or `::: {#id .note lang=ru}`: a block of the classes given; classes without a
    style of ours are kept (a plain block), and said once in a warning."""
    info = node.info.strip()
    attributes = parse(info[1:-1]) if info.startswith("{") and info.endswith("}") else None
    if attributes is None:
        attributes = Attributes(classes=info.split()[:1])
    attrs = {"class": " ".join(["div", *attributes.classes]).strip()}
    if attributes.id:
        attrs["data-label"] = attributes.id
    if "lang" in attributes.pairs:
        attrs["lang"] = attributes.pairs["lang"]
    unstyled = [c for c in attributes.classes if c not in STYLED_DIVS]
    if unstyled:
        reader.report.warn(Location(reader.path, line_of(node)), f"fenced div class '{unstyled[0]}' has no style "
                           "of its own: its text prints as plain paragraphs",
                           f"use one of {', '.join(sorted(STYLED_DIVS))}, or keep it as a plain block")
    div = Element("div", reader._blocks(node.children), attrs, line=line_of(node))
    if "epigraph" in attributes.classes:
        mark_attribution(div)
    return [div]


@inline_rule(*SCRIPTS)
def script(reader: ChapterReader, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> list[Node]:
    return [Element(SCRIPTS[node.type], reader.inlines(node.children, parent))]
