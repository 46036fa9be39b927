"""A Markdown file's syntax tree -> model nodes, with the author's mistakes reported."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode

from ...errors import Location, Report
from ...model import Cite, Element, Node, Note, Text, plain_text
from .citations import citation_items
from .images import checked_image
from .parser import make_parser

SIMPLE_TAGS = {"em": "em", "strong": "strong", "s": "s", "blockquote": "blockquote",
               "bullet_list": "ul", "ordered_list": "ol", "list_item": "li", "table": "table",
               "thead": "thead", "tbody": "tbody", "tr": "tr"}
LONG_PARAGRAPH = 350  # words; about a full page of this book
UNDEFINED_FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")


class ChapterReader:
    """Turns one file's syntax tree into model nodes, reporting author mistakes."""

    def __init__(self, path: Path, root: Path, report: Report):
        self.path = path
        self.root = root
        self.report = report
        self.footnotes: dict[str, tuple[list[Node], int]] = {}
        self.used_footnotes: set[str] = set()

    def read(self, text: str) -> tuple[list[Node], list[Node]]:
        """Return the H1 title and the blocks after it."""
        tree = SyntaxTreeNode(make_parser().parse(text, {}))
        body = []
        for node in tree.children:
            if node.type == "footnote_reference":
                self._define_footnote(node)
            else:
                body.append(node)
        self._check_headings(body)
        title: list[Node] = []
        blocks: list[Node] = []
        for node in body:
            if node.type == "heading" and node.tag == "h1" and not title and not blocks:
                title = self.inlines(node.children[0].children, node.children[0])
            else:
                blocks.extend(self.block(node))
        self._check_footnotes()
        return title, blocks

    def _check_headings(self, nodes) -> None:
        """One title per file, and headings go down one level at a time."""
        previous = 0
        for node in nodes:
            if node.type != "heading":
                continue
            level = int(node.tag[1])
            if level == 1 and previous:
                self.report.error(self.where(node), "a second level-1 heading in one file",
                                  "start a new chapter file for it, or use ## for a section")
            elif previous and level > previous + 1:
                self.report.error(self.where(node), f"heading level skipped: h{previous or 1} is followed by h{level}",
                                  f"use {'#' * (previous + 1)} for this heading")
            previous = level

    def where(self, node: SyntaxTreeNode, offset: int = 0) -> Location:
        line = node.map[0] + 1 if node.map else None
        if line is not None and offset:
            line += node.content[:offset].count("\n") if hasattr(node, "content") else 0
        return Location(self.path, line)

    def _define_footnote(self, node: SyntaxTreeNode) -> None:
        label = node.meta["label"]
        line = next((c.map[0] + 1 for c in node.children if c.map), None)
        blocks = [b for child in node.children for b in self.block(child)]
        self.footnotes[label] = (blocks, line or 0)

    def _check_footnotes(self) -> None:
        for label, (_, line) in self.footnotes.items():
            if label not in self.used_footnotes:
                self.report.error(Location(self.path, line), f"footnote [^{label}] is defined but never used",
                                  f"call it in the text with [^{label}] or delete the definition")

    def block(self, node: SyntaxTreeNode) -> list[Node]:
        kind = node.type
        line = node.map[0] + 1 if node.map else None
        if kind == "paragraph":
            inline = node.children[0]
            words = len(inline.content.split())
            if words > LONG_PARAGRAPH:
                self.report.warn(Location(self.path, line), f"a very long paragraph ({words} words)",
                                 "split it: readers lose their place in a paragraph that fills a page")
            return [Element("p", self.inlines(inline.children, inline), line=line)]
        if kind == "heading":
            inline = node.children[0]
            return [Element(node.tag, self.inlines(inline.children, inline), line=line)]
        if kind in ("code_block", "fence"):
            return [Element("pre", [Element("code", [Text(node.content)])])]
        if kind == "hr":
            return [Element("hr")]
        if kind in ("html_block",):
            self._raw_html(node)
            return []
        if kind in ("th", "td"):
            attrs = {}
            style = node.attrs.get("style")
            if style:
                attrs["class"] = "align-" + str(style).split(":")[-1].strip()
            cell = node.children[0] if node.children else None
            children = self.inlines(cell.children, cell) if cell else []
            return [Element(kind, children, attrs)]
        if kind == "ordered_list":
            attrs = {}
            start = node.attrs.get("start")
            if start and int(start) != 1:
                attrs["start"] = str(start)
            return [Element("ol", self._blocks(node.children), attrs)]
        if kind == "list_item" and node.children and all(c.type == "paragraph" and c.hidden for c in node.children):
            return [Element("li", [n for c in node.children for n in self.inlines(c.children[0].children, c.children[0])])]
        if kind in SIMPLE_TAGS:
            return [Element(SIMPLE_TAGS[kind], self._blocks(node.children), line=line)]
        self.report.error(self.where(node), f"unsupported Markdown construct '{kind}'",
                          "remove it or rewrite it as plain Markdown")
        return []

    def _blocks(self, nodes) -> list[Node]:
        return [b for child in nodes for b in self.block(child)]

    def _raw_html(self, node: SyntaxTreeNode) -> None:
        snippet = node.content.strip().splitlines()[0][:40] if node.content.strip() else ""
        self.report.error(self.where(node), f"raw HTML is not allowed in the manuscript: {snippet!r}",
                          "write it in Markdown; the builder produces all HTML itself, so that "
                          "no chapter can run scripts or load outside files")

    def inlines(self, nodes, parent: SyntaxTreeNode) -> list[Node]:
        out: list[Node] = []
        for node in nodes:
            out.extend(self.inline(node, parent))
        return out

    def inline(self, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> list[Node]:
        kind = node.type
        if kind == "text":
            return self._text(node.content, parent)
        if kind in ("softbreak",):
            return [Text(" ")]
        if kind == "hardbreak":
            return [Element("br")]
        if kind == "code_inline":
            return [Element("code", [Text(node.content)])]
        if kind in ("em", "strong", "s"):
            return [Element(SIMPLE_TAGS[kind], self.inlines(node.children, parent))]
        if kind == "link":
            return [Element("a", self.inlines(node.children, parent), {"href": str(node.attrs["href"])})]
        if kind == "image":
            return [self._image(node, parent)]
        if kind == "citation":
            return [self._citation(node, parent)]
        if kind == "span":
            return [self._span(node, parent)]
        if kind == "footnote_ref":
            return [self._footnote(node, parent)]
        if kind == "html_inline":
            self._raw_html(parent)
            return []
        self.report.error(self.where(parent), f"unsupported inline Markdown '{kind}'", "remove it")
        return []

    def _text(self, text: str, parent: SyntaxTreeNode) -> list[Node]:
        for match in UNDEFINED_FOOTNOTE.finditer(text):
            self.report.error(self.where(parent), f"footnote [^{match.group(1)}] is not defined",
                              f"add a line '[^{match.group(1)}]: the note's text' at the end of the chapter")
        return [Text(text)]

    def _image(self, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> Node:
        alt = plain_text(self.inlines(node.children, parent))
        return checked_image(str(node.attrs.get("src", "")), alt, self.path, self.root, self.where(parent), self.report)

    def _span(self, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> Node:
        """`[text]{.name key=id}` marks a mention, `{.noindex}` hides one, `{lang=ru}` a language."""
        attrs = {k: str(v) for k, v in node.attrs.items()}
        classes = attrs.get("class", "").split()
        children = self.inlines(node.children, parent)
        span_attrs = {}
        if "name" in classes:
            if not attrs.get("key"):
                self.report.error(self.where(parent), "a [name]{.name} span needs the person's key",
                                  "write [text]{.name key=person-id}, with the id from the names registry")
            span_attrs["data-name"] = attrs.get("key", "")
        if "noindex" in classes:
            span_attrs["data-noindex"] = "true"
        if attrs.get("lang"):
            span_attrs["lang"] = attrs["lang"]
        return Element("span", children, span_attrs, line=self.where(parent).line)

    def _citation(self, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> Node:
        where = self.where(parent, node.meta["offset"])
        return Cite(citation_items(node.content, where, self.report), where)

    def _footnote(self, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> Node:
        label = node.meta["label"]
        if label in self.used_footnotes:
            self.report.error(self.where(parent), f"footnote [^{label}] is called more than once",
                              "give each call its own footnote")
        self.used_footnotes.add(label)
        blocks, _ = self.footnotes.get(label, ([], 0))
        return Note(list(blocks), label=label)
