"""The small safe part of inline HTML a manuscript may use (`<sup>`, `<sub>`, `<br>`, `<span
lang>`), cleaned by a sanitiser (nh3, the Ammonia library); comments are ignored; any other tag
is the author's to rewrite, and the text around it is kept."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import nh3

from ...model import Element, Node

ALLOWED = {"sup", "sub", "br", "span", "small", "em", "strong", "i", "b"}
ATTRIBUTES = {"span": {"lang", "dir"}}
TAG = re.compile(r"^<(?P<tag>[a-z][a-z0-9]*)(?P<attrs>(?:\s+[a-z-]+=\"[^\"]*\")*)\s*/?>", re.I)
ATTR = re.compile(r'([a-z-]+)="([^"]*)"')
CLOSING = re.compile(r"^</\s*([a-z][a-z0-9]*)\s*>$", re.I)
COMMENT = re.compile(r"^\s*<!--.*?-->\s*$", re.S)
RENAMED = {"i": "em", "b": "strong"}


@dataclass
class Tag(Node):
    """An opening or closing HTML tag met in the text, until `fold` nests what lies between."""

    name: str
    closing: bool = False
    attrs: dict[str, str] = field(default_factory=dict)


def is_comment(html: str) -> bool:
    return bool(COMMENT.match(html))


def read_tag(html: str) -> Tag | None:
    """The tag, cleaned, if it is one of the allowed; None for any other."""
    closing = CLOSING.match(html.strip())
    if closing:
        name = closing.group(1).lower()
        return Tag(RENAMED.get(name, name), closing=True) if name in ALLOWED else None
    cleaned = nh3.clean(html.strip(), tags=ALLOWED, attributes=ATTRIBUTES)
    match = TAG.match(cleaned)
    if not match:
        return None
    name = match["tag"].lower()
    return Tag(RENAMED.get(name, name), attrs=dict(ATTR.findall(match["attrs"])))


def fold(nodes: list[Node]) -> list[Node]:
    """Nest the nodes between an opening tag and its closing one; an unclosed tag closes at the
    end of the paragraph, a stray closing tag is dropped."""
    out: list[Node] = []
    stack: list[tuple[Tag, list[Node]]] = []
    for node in nodes:
        target = stack[-1][1] if stack else out
        if not isinstance(node, Tag):
            target.append(node)
        elif node.name == "br":
            target.append(Element("br"))
        elif not node.closing:
            stack.append((node, []))
        elif stack and any(t.name == node.name for t, _ in stack):
            while stack:
                tag, children = stack.pop()
                element = Element(tag.name, children, tag.attrs)
                (stack[-1][1] if stack else out).append(element)
                if tag.name == node.name:
                    break
    while stack:
        tag, children = stack.pop()
        (stack[-1][1] if stack else out).append(Element(tag.name, children, tag.attrs))
    return out
