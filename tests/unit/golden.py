"""Golden-file helpers: the model tree printed one node per line, and a comparison with a stored
file that shows a unified diff (or rewrites the file when UPDATE_GOLDEN=1 is set)."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

from book.model import Cite, Element, Mention, Node, Note, Section, Text

INDENT = "  "


def dump(nodes: list[Node], depth: int = 0) -> str:
    """The model tree, one node per line, children indented under their parent:

        Element p {id=ch-a-b1}
          Text 'Ryumin rose fast'
          Note 1 id=ch-a-n1 ref=ch-a-n1-ref label=aside
            Element p
              Text 'An aside.'
    """
    return "\n".join(_lines(nodes, depth))


def dump_section(section: Section) -> str:
    head = f"Section {section.kind} id={section.id} number={section.number}"
    if section.lang:
        head += f" lang={section.lang}"
    return "\n".join([head, INDENT + "title:", dump(section.title, 2), INDENT + "blocks:", dump(section.blocks, 2)])


def _lines(nodes: list[Node], depth: int):
    pad = INDENT * depth
    for node in nodes:
        if isinstance(node, Text):
            yield f"{pad}Text {node.text!r}"
        elif isinstance(node, Element):
            attrs = " ".join(f"{k}={v}" for k, v in node.attrs.items())
            yield f"{pad}Element {node.tag}" + (f" {{{attrs}}}" if attrs else "")
            yield from _lines(node.children, depth + 1)
        elif isinstance(node, Note):
            yield f"{pad}Note {node.number} id={node.id} ref={node.ref_id}" + (f" label={node.label}" if node.label else "")
            yield from _lines(node.children, depth + 1)
        elif isinstance(node, Mention):
            note = f" in-note={node.note.number}" if node.note is not None else ""
            yield f"{pad}Mention {node.person} anchor={node.anchor}{note}"
            yield from _lines(node.children, depth + 1)
        elif isinstance(node, Cite):
            yield f"{pad}Cite"
            for item in node.items:
                yield f"{pad}{INDENT}CiteItem @{item.key} prefix={item.prefix!r} locator={item.locator!r}"
        else:
            yield f"{pad}{type(node).__name__} {node!r}"


def updating() -> bool:
    return os.environ.get("UPDATE_GOLDEN") == "1"


def compare(actual: str, golden: Path) -> None:
    """Fail with a unified diff when `actual` differs from the golden file; with UPDATE_GOLDEN=1,
    write the file instead."""
    actual = actual.rstrip("\n") + "\n"
    if updating():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    if not golden.exists():
        raise AssertionError(f"no golden file {golden}; run with UPDATE_GOLDEN=1 to write it")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        diff = difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True),
                                    fromfile=str(golden), tofile="actual")
        raise AssertionError(f"{golden.name} differs from the golden file (UPDATE_GOLDEN=1 rewrites it "
                             "if the change is intended):\n" + "".join(diff))
