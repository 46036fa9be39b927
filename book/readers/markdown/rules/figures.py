"""Images, and pandoc's implicit figures: an image alone in its paragraph, with a caption (its
description) and attributes `{#fig:x width=60%}`, is a numbered figure."""

from __future__ import annotations

from markdown_it.tree import SyntaxTreeNode

from ....model import Element, Node, plain_text
from ..attributes import Attributes, leading
from ..images import checked_image
from ..reader import ChapterReader, inline_rule
from .blocks import line_of, paragraph

SIZES = ("width", "height")


def figure_or_paragraph(reader: ChapterReader, node: SyntaxTreeNode) -> list[Node]:
    """A paragraph, or a figure when it holds an image alone (rules/math.py registers the rule)."""
    inline = node.children[0]
    image, attributes = _lone_image(inline)
    if image is None:
        return paragraph(reader, node)
    caption = reader.inlines(image.children, inline)
    img = _image(reader, image, inline, attributes)
    if not isinstance(img, Element) or not caption:
        return [Element("p", [img], line=line_of(node))]
    attrs = {"class": "figure"}
    if attributes and attributes.id:
        attrs["data-label"] = attributes.id  # numbered by the cross-references transform
    return [Element("figure", [img, Element("figcaption", caption)], attrs, line=line_of(node))]


@inline_rule("image")
def inline_image(reader: ChapterReader, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> list[Node]:
    return [_image(reader, node, parent, None)]


def _lone_image(inline: SyntaxTreeNode) -> tuple[SyntaxTreeNode | None, Attributes | None]:
    """The image a paragraph holds alone, and the attributes written after it."""
    children = [c for c in inline.children if not (c.type == "text" and not c.content.strip())]
    if not children or children[0].type != "image":
        return None, None
    if len(children) == 1:
        return children[0], _from_attrs(children[0])
    if len(children) == 2 and children[1].type == "text":
        attributes, rest = leading(children[1].content)  # `{width=50%}`: markdown-it refuses the bare %
        if attributes is not None and not rest.strip():
            return children[0], attributes
    return None, None


def _from_attrs(image: SyntaxTreeNode) -> Attributes | None:
    attrs = {k: str(v) for k, v in image.attrs.items() if k not in ("src", "alt")}
    if not attrs:
        return None
    return Attributes(id=attrs.pop("id", ""), classes=attrs.pop("class", "").split(), pairs=attrs)


def _image(reader: ChapterReader, node: SyntaxTreeNode, parent: SyntaxTreeNode, attributes: Attributes | None) -> Node:
    alt = plain_text(reader.inlines(node.children, parent))
    img = checked_image(str(node.attrs.get("src", "")), alt, reader.path, reader.root, reader.where(parent),
                        reader.report)
    attributes = attributes or _from_attrs(node)
    if isinstance(img, Element) and attributes:
        sizes = [f"{k}: {_length(attributes.pairs[k])}" for k in SIZES if k in attributes.pairs]
        if sizes:
            img.attrs["style"] = "; ".join(sizes)
    return img


def _length(value: str) -> str:
    """Pandoc's lengths: 50%, 3in, 2cm, 300px; a bare number is pixels."""
    return value + "px" if value.replace(".", "", 1).isdigit() else value
