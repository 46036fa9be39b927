"""HTML in the manuscript: comments ignored, the safe inline subset kept, the rest warned about."""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from ....model import Node
from ..html import is_comment, read_tag
from ..reader import ChapterReader, block_rule, inline_rule


@block_rule("html_block")
def html_block(reader: ChapterReader, node: SyntaxTreeNode) -> list[Node]:
    if not is_comment(node.content):
        first = node.content.strip().splitlines()[0][:40] if node.content.strip() else ""
        reader.report.warn(reader.where(node), f"a block of raw HTML is not printed: {first!r}",
                           "write it in Markdown (a fenced div ::: {.class} for a styled block); the builder "
                           "writes all HTML itself, so that no chapter can run scripts or load outside files")
    return []


@inline_rule("html_inline")
def html_inline(reader: ChapterReader, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> list[Node]:
    if is_comment(node.content):
        return []
    tag = read_tag(node.content)
    if tag is None:
        reader.report.warn(reader.where(parent), f"the HTML tag {node.content.strip()[:40]!r} is not printed "
                           "(the text around it is)", "use Markdown, or <sup>, <sub>, <br> or <span lang=…>")
        return []
    return [tag]
