"""pandoc's formatted inlines (JSON) -> model nodes, and our text -> pandoc's inlines."""

from __future__ import annotations

from ..model import Element, Node, Text
from ..text import safe_link
from ..words import Words

TAGS = {"Emph": "em", "Strong": "strong", "Superscript": "sup", "Subscript": "sub", "Strikeout": "s",
        "Underline": "u"}


def to_nodes(inlines: list, words: Words) -> list[Node]:
    out: list[Node] = []
    for node in inlines:
        out.extend(_node(node, words))
    return _merged(_translation_outside_quotes(_merged(out, keep=True), words.quotes[1]))


def _node(node: dict, words: Words) -> list[Node]:
    kind, content = node.get("t"), node.get("c", [])
    if kind == "Str":
        return [Text(content)]
    if kind in ("Space", "SoftBreak", "LineBreak"):
        return [Text(" ")]
    if kind == "Emph":
        return _emphasis(content, words)
    if kind in TAGS:
        return [Element(TAGS[kind], to_nodes(content, words))]
    if kind == "SmallCaps":
        return [Element("span", to_nodes(content, words), {"class": "smallcaps"})]
    if kind == "Quoted":
        double = content[0].get("t") == "DoubleQuote"
        opening, closing = (words.quotes[0], words.quotes[1]) if double else (words.quotes[2], words.quotes[3])
        return [Text(opening), *to_nodes(content[1], words), Text(closing)]
    if kind == "Span":
        return _span(content[0], to_nodes(content[1], words))
    if kind == "Link":
        href = safe_link(content[2][0])
        inner = to_nodes(content[1], words)
        return [Element("a", inner, {"href": href, "class": "url"})] if href else inner
    if kind == "Code":
        return [Element("code", [Text(content[1])])]
    if kind == "Cite":
        return to_nodes(content[1], words)
    return []  # RawInline, Note, Math, Image: not made by a citation style


def _span(attr: list, children: list[Node]) -> list[Node]:
    _id, classes, pairs = attr
    lang = dict(pairs).get("lang")
    if lang:
        return [Element("span", children, {"lang": lang})]
    if "nodecor" in classes:
        return [Element("span", children, {"class": "nodecor"})]
    return children


def _emphasis(content: list, words: Words) -> list[Node]:
    """Italics, except for a `nodecor` span inside (a translated title in brackets): CSL's "no
    decoration", done by closing the italics around it."""
    out: list[Node] = []
    run: list[Node] = []
    for child in to_nodes(content, words):
        if isinstance(child, Element) and child.attrs.get("class") == "nodecor":
            if run:
                out.append(Element("em", run))
            out.extend(child.children)
            run = []
        else:
            run.append(child)
    if run:
        out.append(Element("em", run))
    return out


def _translation_outside_quotes(nodes: list[Node], closing: str) -> list[Node]:
    """A quoted title's translation follows the closing quotation mark, its punctuation after
    the bracket (CMOS 14.95): '“Ubiitsy v belykh khalatakh [Murderers in white coats],”' ->
    '“Ubiitsy v belykh khalatakh” [Murderers in white coats],'."""
    out = list(nodes)
    for n, node in enumerate(out):
        if not (isinstance(node, Element) and node.attrs.get("class") == "nodecor"):
            continue
        following = out[n + 1] if n + 1 < len(out) else None
        if not isinstance(following, Text):
            continue
        stop = following.text[:1] if following.text[:1] in ".,;:" else ""
        if not following.text[len(stop):].startswith(closing):
            continue
        rest = following.text[len(stop) + len(closing):]
        before = out[n - 1] if n else None
        if isinstance(before, Text):
            out[n - 1] = Text(before.text.rstrip() + closing + " ")
        out[n + 1] = Text(stop + rest)
    return out


def _merged(nodes: list[Node], keep: bool = False) -> list[Node]:
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Element) and node.attrs.get("class") == "nodecor" and not keep:
            out.extend(node.children)  # outside italics, no decoration to undo
            continue
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        else:
            out.append(node)
    return out


def from_text(text: str) -> list:
    """Plain text (a citation's prefix or suffix) -> pandoc inlines."""
    out: list = []
    for n, word in enumerate(text.split(" ")):
        if n:
            out.append({"t": "Space"})
        if word:
            out.append({"t": "Str", "c": word})
    return out
