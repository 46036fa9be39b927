"""Inline tokens -> model nodes: text, emphasis, code, links, images, spans, citations, notes."""

from __future__ import annotations

import re

from markdown_it.tree import SyntaxTreeNode

from ....model import Cite, CiteItem, Element, Node, Note, Text
from ....text import safe_link
from ..citations import citation_items
from ..reader import ChapterReader, inline_rule

UNDEFINED_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
# Raw LaTeX, which only a LaTeX engine could print: `\newpage`, `\textbf{x}`, `\begin{center}`.
LATEX_ENVIRONMENT = re.compile(r"\\(?:begin|end)\{[^{}]*\}")
LATEX_WITH_ARGUMENT = re.compile(r"\\[A-Za-z]+\*?(?:\[[^\]]*\])?\{([^{}]*)\}")
LATEX_COMMAND = re.compile(r"\\[A-Za-z]+\*?")
TAGS = {"em": "em", "strong": "strong", "s": "s"}
STYLED_SPANS = {"smallcaps", "underline", "mark"}  # pandoc's [text]{.smallcaps} and the like


@inline_rule("text")
def text(reader: ChapterReader, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> list[Node]:
    for match in UNDEFINED_FOOTNOTE.finditer(node.content):
        reader.report.error(reader.where(parent), f"footnote [^{match.group(1)}] is not defined",
                            f"add a line '[^{match.group(1)}]: the note's text' at the end of the chapter")
    return [Text(_without_latex(reader, node.content, parent))]


def _without_latex(reader: ChapterReader, text: str, parent: SyntaxTreeNode) -> str:
    """Raw LaTeX never prints as source: a command's argument is kept as text, the rest dropped."""
    command = LATEX_ENVIRONMENT.search(text) or LATEX_COMMAND.search(text)
    if command is None:
        return text
    reader.report.warn(reader.where(parent), f"raw LaTeX '{command.group(0)}' is not printed (only its text is)",
                       "write it in Markdown: *emphasis*, a fenced div ::: {.class}, or leave it out")
    text = LATEX_ENVIRONMENT.sub("", text)
    text = LATEX_WITH_ARGUMENT.sub(r"\1", text)
    return LATEX_COMMAND.sub("", text)


@inline_rule("softbreak")
def softbreak(reader: ChapterReader, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> list[Node]:
    return [Text(" ")]


@inline_rule("hardbreak")
def hardbreak(reader: ChapterReader, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> list[Node]:
    return [Element("br")]


@inline_rule("code_inline")
def code(reader: ChapterReader, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> list[Node]:
    return [Element("code", [Text(node.content)])]


@inline_rule(*TAGS)
def emphasis(reader: ChapterReader, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> list[Node]:
    return [Element(TAGS[node.type], reader.inlines(node.children, parent))]


@inline_rule("link")
def link(reader: ChapterReader, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> list[Node]:
    children = reader.inlines(node.children, parent)
    href = safe_link(str(node.attrs["href"]))
    if href is None:
        reader.report.warn(reader.where(parent), f"the link to '{str(node.attrs['href'])[:40]}' is not kept "
                           "(only http, https, mailto and doi links are): its text is printed",
                           "link to a web address, or leave the link out")
        return children
    return [Element("a", children, {"href": href})]


@inline_rule("citation")
def citation(reader: ChapterReader, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> list[Node]:
    where = reader.where(parent, node.meta["offset"])
    return [Cite(citation_items(node.content, where, reader.report), where)]


@inline_rule("citation_narrative")
def narrative(reader: ChapterReader, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> list[Node]:
    where = reader.where(parent, node.meta["offset"])
    item = CiteItem(node.meta["key"], locator=node.meta["locator"], location=where)
    return [Cite([item], where, narrative=True)]


@inline_rule("span")
def span(reader: ChapterReader, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> list[Node]:
    """`[text]{.name key=id}` marks a mention, `{.noindex}` hides one, `{lang=ru}` a language."""
    attrs = {k: str(v) for k, v in node.attrs.items()}
    classes = attrs.get("class", "").split()
    children = reader.inlines(node.children, parent)
    span_attrs = {}
    if "name" in classes:
        if not attrs.get("key"):
            reader.report.error(reader.where(parent), "a [name]{.name} span needs the person's key",
                                "write [text]{.name key=person-id}, with the id from the names registry")
        span_attrs["data-name"] = attrs.get("key", "")
    if "noindex" in classes:
        span_attrs["data-noindex"] = "true"
    if attrs.get("lang"):
        span_attrs["lang"] = attrs["lang"]
    styled = [c for c in classes if c in STYLED_SPANS]
    if styled:
        span_attrs["class"] = " ".join(styled)
    return [Element("span", children, span_attrs, line=reader.where(parent).line)]


@inline_rule("footnote_ref")
def footnote(reader: ChapterReader, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> list[Node]:
    if "label" not in node.meta:  # ^[an inline note]: its text lies in the parser's env
        tokens = reader.env.get("footnotes", {}).get("list", {}).get(node.meta["id"], {}).get("tokens", [])
        text = reader.inlines(SyntaxTreeNode(tokens).children, parent)
        return [Note([Element("p", text)])]
    label = node.meta["label"]
    if label in reader.used_footnotes:
        reader.report.error(reader.where(parent), f"footnote [^{label}] is called more than once",
                            "give each call its own footnote")
    reader.used_footnotes.add(label)
    blocks, _ = reader.footnote(label)
    return [Note(list(blocks), label=label)]

