"""Book -> Book: diagrams written as text are drawn. A fenced block in Graphviz's DOT language
(```` ```{.dot #fig:x caption="…"} ````, as pandoc's diagram filter reads it) becomes SVG, which
both writers print inline: sharp at any size, its words in the book's face.

Graphviz runs as a sandboxed child: with SERVER_NAME set it loads no file outside GV_FILE_PATH
(an empty folder), so `image=` and `shapefile=` cannot read the machine; its SVG is cleaned of
links, images, scripts and ids before it reaches a page."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from functools import lru_cache

from lxml import etree

from ..errors import Location, Report
from ..model import DIAGRAM_LANGUAGES, Book, Diagram, Element, Node, Note, Section

FONT = "Linux Libertine O"  # the book's face, which Graphviz measures its labels in
# What the diagram does not set itself: the book's face at the size of a caption, no background
# (a page's or a reader's dark mode shows through). Written at the graph's start, where the
# author's own `node [...]` overrides them (Graphviz's -N options would override the author).
DEFAULTS = (f'graph [fontname="{FONT}", fontsize=10, bgcolor=transparent]; '
            f'node [fontname="{FONT}", fontsize=10]; edge [fontname="{FONT}", fontsize=10]; ')
GRAPH_OPENING = re.compile(r"(?:strict\s+)?(?:di)?graph\b[^{]*\{", re.I)
TIMEOUT = 30  # seconds; a graph that takes longer is a problem to report, not a hung build
SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
DROPPED = {"script", "image", "foreignObject", "title", "style", "a"}  # `a`: its drawing is kept


def draw_diagrams(book: Book, report: Report) -> None:
    """Fill every diagram's SVG; a diagram Graphviz refuses is a warning, left out of the page."""
    for section in book.sections:
        section.blocks = _drawn(section.blocks, section, report)


def _drawn(nodes: list[Node], section: Section, report: Report) -> list[Node]:
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Diagram):
            if _draw(node, section, report):
                out.append(node)
        elif isinstance(node, (Element, Note)):
            node.children = _drawn(node.children, section, report)
            if not (isinstance(node, Element) and node.tag == "figure" and not _has_drawing(node)):
                out.append(node)
        else:
            out.append(node)
    return out


def _has_drawing(figure: Element) -> bool:
    return any(isinstance(c, Diagram) or (isinstance(c, Element) and c.tag == "img") for c in figure.children)


def _draw(diagram: Diagram, section: Section, report: Report) -> bool:
    where = Location(section.path, diagram.line) if section.path else None
    program = DIAGRAM_LANGUAGES[diagram.language]
    if shutil.which(program) is None:
        report.warn(where, f"the {diagram.language} diagram is left out: Graphviz is not installed",
                    "run `make`, which installs it (the Debian package graphviz)")
        return False
    svg, problem = rendered(program, diagram.source)
    where = _at_line(where, diagram.line, problem)
    if svg is None:
        report.warn(where, f"the {diagram.language} diagram is left out: Graphviz says {problem}",
                    "correct the diagram's source (https://graphviz.org/doc/info/lang.html)")
        return False
    if problem:
        report.warn(where, f"in the {diagram.language} diagram, Graphviz says {problem}", "correct the diagram's source")
    diagram.svg = svg
    return True


def _at_line(where: Location | None, fence: int | None, problem: str) -> Location | None:
    """Graphviz counts lines from the diagram's first; the author's file from its own."""
    found = re.search(r"\bline (\d+)", problem)
    if where is None or fence is None or not found:
        return where
    return Location(where.path, fence + int(found.group(1)))


@lru_cache(maxsize=256)
def rendered(program: str, source: str) -> tuple[str | None, str]:
    """(clean SVG or None, what Graphviz complained of). The same source gives the same bytes."""
    with tempfile.TemporaryDirectory() as empty:
        env = {"PATH": os.environ.get("PATH", ""), "SERVER_NAME": "book", "GV_FILE_PATH": empty,
               "HOME": empty, "LANG": "C.UTF-8"}
        try:
            done = subprocess.run([program, "-Tsvg"], input=_with_defaults(source).encode(), capture_output=True,
                                  timeout=TIMEOUT, env=env, cwd=empty)
        except subprocess.TimeoutExpired:
            return None, f"nothing in {TIMEOUT} s"
    complaint = "; ".join(line.strip() for line in done.stderr.decode(errors="replace").splitlines() if line.strip())
    if done.returncode != 0 or not done.stdout.strip():
        return None, complaint or f"it failed (exit {done.returncode})"
    return cleaned(done.stdout), complaint


def _with_defaults(source: str) -> str:
    """The source with DEFAULTS after the graph's opening brace, on the same line (so that
    Graphviz's line numbers stay the author's)."""
    opening = GRAPH_OPENING.search(source)
    return source if opening is None else source[:opening.end()] + DEFAULTS + source[opening.end():]


def cleaned(data: bytes) -> str:
    """Graphviz's SVG as an element to print inline: no declaration, comments, titles, links,
    images or ids (two diagrams on one page would repeat "node1"), sized in points as drawn."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, load_dtd=False)
    root = etree.fromstring(data, parser)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        if local in DROPPED and element.getparent() is not None:
            parent = element.getparent()
            index = parent.index(element)
            kept = list(element) if local == "a" else []
            parent.remove(element)
            for offset, child in enumerate(kept):
                parent.insert(index + offset, child)
            continue
        for name in list(element.attrib):
            if name in ("id", "class") or name.startswith("on") or etree.QName(name).localname == "href":
                del element.attrib[name]
            elif name in ("fill", "stroke") and element.get(name) == "black":
                element.set(name, "currentColor")  # the text's colour: a reader's dark mode too
    for element in root.iter():
        element.tail = None if element.tail is not None and not element.tail.strip() else element.tail
        if len(element) and element.text is not None and not element.text.strip():
            element.text = None
    root.set("role", "img")
    svg = etree.tostring(root, encoding="unicode")
    return svg.replace(f' xmlns:xlink="{XLINK}"', "")
