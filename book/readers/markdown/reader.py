"""A Markdown file's syntax tree -> model nodes, with the author's mistakes reported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from markdown_it.tree import SyntaxTreeNode

from ...errors import Location, Report
from ...model import Node
from .attributes import Attributes, heading_attributes
from .html import fold
from .parser import MAX_NESTING, make_parser

# The rules that turn each kind of token into model nodes, by token type; the modules of
# rules/ fill them (a Markdown extension: a parser plugin in parser.py, its rules in rules/).
BlockRule = Callable[["ChapterReader", SyntaxTreeNode], list[Node]]
InlineRule = Callable[["ChapterReader", SyntaxTreeNode, SyntaxTreeNode], list[Node]]
BLOCK_RULES: dict[str, BlockRule] = {}
INLINE_RULES: dict[str, InlineRule] = {}


def block_rule(*kinds: str) -> Callable[[BlockRule], BlockRule]:
    def register(rule: BlockRule) -> BlockRule:
        BLOCK_RULES.update(dict.fromkeys(kinds, rule))
        return rule
    return register


def inline_rule(*kinds: str) -> Callable[[InlineRule], InlineRule]:
    def register(rule: InlineRule) -> InlineRule:
        INLINE_RULES.update(dict.fromkeys(kinds, rule))
        return rule
    return register


class ChapterReader:
    """Turns one file's syntax tree into model nodes, reporting author mistakes."""

    def __init__(self, path: Path, root: Path, report: Report, language: str = "en"):
        self.language = language  # its quotation marks
        self.path = path
        self.root = root
        self.report = report
        self.title_attributes: Attributes | None = None  # the title's {#sec:x .unnumbered}
        self.footnotes: dict[str, tuple[list[Node], int]] = {}
        self.definitions: dict[str, SyntaxTreeNode] = {}
        self.used_footnotes: set[str] = set()

    def read(self, text: str) -> tuple[list[Node], list[Node]]:
        """Return the H1 title and the blocks after it."""
        self.env: dict = {}  # where the parser keeps inline notes' text
        tokens = make_parser(self.language).parse(text, self.env)
        self._check_depth(tokens, text)
        tree = SyntaxTreeNode(tokens)
        body = []
        for node in tree.children:
            if node.type == "footnote_reference":
                self.definitions[node.meta["label"]] = node
            else:
                body.append(node)
        for label in list(self.definitions):
            self.footnote(label)  # read now those no text has called yet (a note called from a note may be)
        self._check_headings(body)
        title: list[Node] = []
        blocks: list[Node] = []
        for node in body:
            if node.type == "heading" and node.tag == "h1" and not title and not blocks:
                title, self.title_attributes = heading_attributes(self.inlines(node.children[0].children,
                                                                               node.children[0]))
            else:
                blocks.extend(self.block(node))
        self._check_footnotes()
        return title, blocks

    def _check_depth(self, tokens, text: str) -> None:
        """Text past the parser's depth limit is not read at all: say where, rather than lose it."""
        deepest = max((t.level for t in tokens), default=0)
        if deepest < MAX_NESTING - 2:
            return
        read_to = max((t.map[1] for t in tokens if t.map), default=0)
        lines = text.split("\n")
        unread = next((n for n in range(read_to, len(lines)) if lines[n].strip()), None)
        line = unread + 1 if unread is not None else next((t.map[0] + 1 for t in tokens if t.level >= deepest and t.map), None)
        self.report.error(Location(self.path, line),
                          f"lists or quotations are nested more than {MAX_NESTING // 2} levels deep here: "
                          "the deeper text cannot be read", "flatten the nesting (a list in a list in a list ...)")

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

    def footnote(self, label: str) -> tuple[list[Node], int]:
        """A footnote's blocks and line, read when first needed: a note may call one defined after it."""
        if label not in self.footnotes and label in self.definitions:
            node = self.definitions[label]
            line = next((c.map[0] + 1 for c in node.children if c.map), None)
            self.footnotes[label] = ([], line or 0)  # so that a note calling itself ends
            self.footnotes[label] = ([b for child in node.children for b in self.block(child)], line or 0)
        return self.footnotes.get(label, ([], 0))

    def _check_footnotes(self) -> None:
        for label, (_, line) in self.footnotes.items():
            if label not in self.used_footnotes:
                self.report.error(Location(self.path, line), f"footnote [^{label}] is defined but never used",
                                  f"call it in the text with [^{label}] or delete the definition")

    def block(self, node: SyntaxTreeNode) -> list[Node]:
        rule = BLOCK_RULES.get(node.type)
        if rule is None:
            self.report.error(self.where(node), f"unsupported Markdown construct '{node.type}'",
                              "remove it or rewrite it as plain Markdown")
            return []
        return rule(self, node)

    def _blocks(self, nodes) -> list[Node]:
        return [b for child in nodes for b in self.block(child)]

    def inline_markdown(self, text: str, parent: SyntaxTreeNode) -> list[Node]:
        """Markdown given in an attribute (a diagram's caption) read as the text's own inlines."""
        if not text.strip():
            return []
        tokens = make_parser(self.language).parseInline(text, self.env)
        inline = SyntaxTreeNode(tokens).children[0]
        return self.inlines(inline.children, parent)

    def inlines(self, nodes, parent: SyntaxTreeNode) -> list[Node]:
        out: list[Node] = []
        for node in nodes:
            out.extend(self.inline(node, parent))
        return fold(out)  # <sup>…</sup> met as separate tokens, nested

    def inline(self, node: SyntaxTreeNode, parent: SyntaxTreeNode) -> list[Node]:
        rule = INLINE_RULES.get(node.type)
        if rule is None:
            self.report.error(self.where(parent), f"unsupported inline Markdown '{node.type}'", "remove it")
            return []
        return rule(self, node, parent)
