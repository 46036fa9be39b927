"""Block tokens -> model nodes: paragraphs, headings, code, rules, lists, quotes, tables."""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from ....errors import Location
from ....model import DIAGRAM_LANGUAGES, Diagram, Element, Node, Text, plain_text
from ..attributes import Attributes, heading_attributes, parse
from ..reader import ChapterReader, block_rule

LONG_PARAGRAPH = 350  # words; about a full page of this book
CONTAINERS = {"blockquote": "blockquote", "bullet_list": "ul", "list_item": "li", "table": "table",
              "thead": "thead", "tbody": "tbody", "tfoot": "tfoot", "tr": "tr"}


def line_of(node: SyntaxTreeNode) -> int | None:
    return node.map[0] + 1 if node.map else None


def paragraph(reader: ChapterReader, node: SyntaxTreeNode) -> list[Node]:
    inline = node.children[0]
    words = len(inline.content.split())
    if words > LONG_PARAGRAPH:
        reader.report.warn(Location(reader.path, line_of(node)), f"a very long paragraph ({words} words)",
                           "split it: readers lose their place in a paragraph that fills a page")
    children = reader.inlines(inline.children, inline)
    if all(isinstance(c, Text) and not c.text.strip() for c in children):
        return []  # nothing left to print: a comment, or raw LaTeX warned about
    return [Element("p", children, line=line_of(node))]


@block_rule("heading")
def heading(reader: ChapterReader, node: SyntaxTreeNode) -> list[Node]:
    inline = node.children[0]
    children, attributes = heading_attributes(reader.inlines(inline.children, inline))
    attrs = {}
    if attributes and attributes.id:
        attrs["data-label"] = attributes.id  # the cross-reference label; the sections transform makes the id
    if attributes and attributes.classes:
        attrs["class"] = " ".join(attributes.classes)
    return [Element(node.tag, children, attrs, line=line_of(node))]


@block_rule("code_block", "fence")
def code(reader: ChapterReader, node: SyntaxTreeNode) -> list[Node]:
    attributes = _fence_attributes(node.info) if node.type == "fence" else None
    language = (attributes.classes[0] if attributes and attributes.classes
                else node.info.split()[0].strip("{}.") if node.type == "fence" and node.info.strip() else "")
    if language in DIAGRAM_LANGUAGES:
        return diagram(reader, node, language, attributes)
    attrs = {"class": f"language-{language}"} if language else {}
    return [Element("pre", [Element("code", [Text(node.content)], attrs)], line=line_of(node))]


def _fence_attributes(info: str) -> Attributes | None:
    """A fence's pandoc attributes, ```` ```{.dot #fig:x caption="…"} ````; None for ```` ```python ````."""
    info = info.strip()
    return parse(info[1:-1]) if info.startswith("{") and info.endswith("}") else None


def diagram(reader: ChapterReader, node: SyntaxTreeNode, language: str, attributes: Attributes | None) -> list[Node]:
    """A diagram; with a caption (pandoc's diagram filter's `caption` attribute), a figure,
    numbered when it has a label."""
    line = line_of(node)
    text = (attributes.pairs.get("caption") or attributes.pairs.get("fig-cap", "")) if attributes else ""
    caption = reader.inline_markdown(text, node)
    drawing = Diagram(language, node.content, plain_text(caption), line=line)
    if not caption:
        return [Element("div", [drawing], {"class": "diagram"}, line=line)]
    attrs = {"class": "figure"}
    if attributes and attributes.id:
        attrs["data-label"] = attributes.id  # numbered by the cross-references transform
    return [Element("figure", [drawing, Element("figcaption", caption)], attrs, line=line)]


@block_rule("hr")
def rule(reader: ChapterReader, node: SyntaxTreeNode) -> list[Node]:
    return [Element("hr")]


@block_rule("ordered_list")
def ordered_list(reader: ChapterReader, node: SyntaxTreeNode) -> list[Node]:
    attrs = {}
    start = node.attrs.get("start")
    if start and int(start) != 1:
        attrs["start"] = str(start)
    return [Element("ol", reader._blocks(node.children), attrs, line=line_of(node))]


@block_rule(*CONTAINERS)
def container(reader: ChapterReader, node: SyntaxTreeNode) -> list[Node]:
    if node.type == "list_item" and node.children and all(c.type == "paragraph" and c.hidden for c in node.children):
        return [Element("li", [n for c in node.children for n in reader.inlines(c.children[0].children, c.children[0])])]
    element = Element(CONTAINERS[node.type], reader._blocks(node.children), line=line_of(node))
    if node.type == "blockquote":
        mark_attribution(element)
    return [element]


def mark_attribution(quote: Element) -> None:
    """A quotation's last paragraph that opens with a dash names its source: "— Tolstoy"."""
    last = quote.children[-1] if quote.children else None
    if isinstance(last, Element) and last.tag == "p" and last.children and len(quote.children) > 1:
        first = last.children[0]
        if isinstance(first, Text) and first.text.lstrip().startswith(("\u2014", "\u2013", "--")):
            last.attrs["class"] = "attribution"


@block_rule("th", "td")
def cell(reader: ChapterReader, node: SyntaxTreeNode) -> list[Node]:
    attrs = {}
    style = node.attrs.get("style")
    if style:
        attrs["class"] = "align-" + str(style).split(":")[-1].strip()
    if node.children and node.children[0].type == "inline":
        first = node.children[0]
        return [Element(node.type, reader.inlines(first.children, first), attrs)]
    return [Element(node.type, reader._blocks(node.children), attrs)]  # a grid table's blocks
