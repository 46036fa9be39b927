"""Pandoc's attribute syntax, `{#id .class key=value key="a value" -}`, as headings, images,
fenced divs and equations carry it (markdown-it's own attrs parser refuses `width=50%`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model import Node, Text

TOKEN = re.compile(r"""\s*(?:\#(?P<id>[^\s{}#.]+)|\.(?P<cls>[^\s{}#.=]+)|(?P<minus>-)(?=\s|$)
                       |(?P<key>[A-Za-z_][\w:-]*)=(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"'{}]+)))""", re.X)
TRAILING = re.compile(r"\s*\{([^{}]*)\}\s*$")
LEADING = re.compile(r"^\s*\{([^{}]*)\}")


@dataclass
class Attributes:
    id: str = ""
    classes: list[str] = field(default_factory=list)
    pairs: dict[str, str] = field(default_factory=dict)

    @property
    def unnumbered(self) -> bool:
        return "unnumbered" in self.classes or "-" in self.classes


def parse(inside: str) -> Attributes | None:
    """The attributes between the braces, or None when it is not pandoc's attribute syntax."""
    found = Attributes()
    position = 0
    inside = inside.rstrip()
    while position < len(inside):
        match = TOKEN.match(inside, position)
        if not match or match.end() == position:
            return None
        if match["id"]:
            found.id = match["id"]
        elif match["cls"]:
            found.classes.append(match["cls"])
        elif match["minus"]:
            found.classes.append("-")
        else:
            found.pairs[match["key"]] = next(v for v in (match["dq"], match["sq"], match["bare"]) if v is not None)
        position = match.end()
    return found


def trailing(text: str) -> tuple[str, Attributes | None]:
    """`Title {#sec:x .unnumbered}` -> ("Title", its attributes)."""
    match = TRAILING.search(text)
    attributes = parse(match.group(1)) if match else None
    if match is None or attributes is None:
        return text, None
    return text[:match.start()], attributes


def leading(text: str) -> tuple[Attributes | None, str]:
    """`{#fig:x width=50%} and more` -> (its attributes, " and more")."""
    match = LEADING.match(text)
    attributes = parse(match.group(1)) if match else None
    if match is None or attributes is None:
        return None, text
    return attributes, text[match.end():]


def heading_attributes(nodes: list[Node]) -> tuple[list[Node], Attributes | None]:
    """A heading's trailing `{…}`, taken off its text: `Results {#sec:results}`."""
    if not nodes or not isinstance(nodes[-1], Text):
        return nodes, None
    text, attributes = trailing(nodes[-1].text)
    if attributes is None:
        return nodes, None
    head = nodes[:-1] + ([Text(text.rstrip())] if text.strip() else [])
    if head and isinstance(head[-1], Text):
        head[-1] = Text(head[-1].text.rstrip())
    return head, attributes
