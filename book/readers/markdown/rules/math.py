"""Math tokens -> Math nodes: `$x$` inline, `$$x$$` displayed, a display labelled `{#eq:x}`.

A displayed formula that stands alone (a `$$` block, or a paragraph holding nothing else) is a
block of its own: Element("div", [Math(display=True, label=...)], {"class": "equation"}); its
id is the sections transform's, as every block's, and the cross-references transform numbers
it by the Math's label. One inside a paragraph's text stays there, a display Math inline."""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from ....errors import Location
from ....model import Element, Math, Node, Text
from ..mathlabels import LABEL, unknown_macros
from ..reader import ChapterReader, block_rule, inline_rule
from . import blocks
from .figures import figure_or_paragraph

EQUATION = "equation"


def equation(math: Math, line: int | None = None) -> Element:
    return Element("div", [math], {"class": EQUATION}, line=line)


def _checked(reader: ChapterReader, node: SyntaxTreeNode, math: Math, tex: str = "") -> Math:
    """`math`, each of its unknown macros reported; `tex`, a block's content as written, gives
    the line the macro stands on (a paragraph's formula is reported at the paragraph)."""
    start = reader.where(node)
    for name in unknown_macros(math.tex):
        where = start
        if tex and start.line is not None and name in tex:
            where = Location(start.path, start.line + tex[:tex.index(name)].count("\n"))
        what = "an environment" if name.startswith(r"\begin{") else "a macro"
        reader.report.warn(where, f"math: {name} is not {what} the renderer knows",
                           "it prints as '?': write it with the macros of LaTeX and amsmath that "
                           "the renderer takes (\\frac, \\sum, \\mathbb, aligned, cases, ...)")
    return math


@block_rule("math_block", "math_block_label")
def math_block(reader: ChapterReader, node: SyntaxTreeNode) -> list[Node]:
    line = blocks.line_of(node)
    label = node.info.strip() if node.type == "math_block_label" else ""
    math = Math(node.content.strip(), display=True, label=label, line=line)
    return [equation(_checked(reader, node, math, node.content), line=line)]


@inline_rule("math_inline", "math_inline_double")
def math_inline(reader: ChapterReader, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> list[Node]:
    display = node.type == "math_inline_double"
    math = _checked(reader, parent, Math(node.content.strip(), display=display, line=blocks.line_of(parent)))
    if display:
        math.label = _label_after(node)
    return [math]


def _label_after(node: SyntaxTreeNode) -> str:
    """The `{#eq:x}` in the text right after a display formula, taken out of that text."""
    following = node.next_sibling
    if following is None or following.type != "text":
        return ""
    match = LABEL.match(following.content)
    if not match:
        return ""
    following.token.content = following.content[match.end():]  # type: ignore[union-attr]
    return match.group(1)


# The paragraph rule, in one place: a paragraph (a figure when it holds an image alone); one
# that holds nothing but a displayed formula becomes the formula's block.


@block_rule("paragraph")
def paragraph_or_equation(reader: ChapterReader, node: SyntaxTreeNode) -> list[Node]:
    nodes = figure_or_paragraph(reader, node)
    if len(nodes) == 1 and isinstance(nodes[0], Element) and nodes[0].tag == "p":
        content = [c for c in nodes[0].children if not (isinstance(c, Text) and not c.text.strip())]
        if len(content) == 1:
            math = content[0]
            if isinstance(math, Math) and math.display:
                return [equation(math, line=nodes[0].line)]
    return nodes
