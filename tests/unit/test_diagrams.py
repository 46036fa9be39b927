"""Diagrams written as text: the reader makes them figures (or bare drawings), the transform
draws them with Graphviz, sandboxed, and cleans the SVG; what cannot be drawn is a warning at
the manuscript's line, and never source text on the page."""

from __future__ import annotations

import shutil

import pytest
from conftest import make_manuscript

from book.build.pipeline import read_book
from book.errors import Report
from book.model import Diagram, Element, walk
from book.transforms import diagrams
from book.transforms.diagrams import cleaned, rendered

pytestmark = pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is installed by `make`")

CHAPTER = """# One

As @fig:flow shows.

```{.dot #fig:flow caption="The *flow* of work."}
digraph { a -> b }
```

```dot
digraph { c -> d }
```

```python
print("not a diagram")
```
"""


def _read(tmp_path, text: str):
    report = Report()
    book = read_book(make_manuscript(tmp_path / "m", {"one.md": text}), report)
    assert book is not None
    return book, report


def test_a_captioned_diagram_is_a_numbered_figure_and_a_bare_one_a_drawing(tmp_path):
    book, report = _read(tmp_path, CHAPTER)
    assert report.warnings == [] and report.errors == []
    blocks = book.sections[0].blocks
    figure = next(b for b in blocks if isinstance(b, Element) and b.tag == "figure")
    drawing, caption = figure.children
    assert isinstance(drawing, Diagram) and drawing.svg.startswith("<svg ") and drawing.label == "The flow of work."
    assert any(isinstance(n, Element) and n.tag == "em" for n in walk(caption.children))  # the caption's Markdown
    assert "figure 1.1" in "".join(getattr(n, "text", "") for n in walk(blocks[0].children))
    bare = next(b for b in blocks if isinstance(b, Element) and b.attrs.get("class") == "diagram")
    assert isinstance(bare.children[0], Diagram) and ">d<" in bare.children[0].svg
    code = next(b for b in blocks if isinstance(b, Element) and b.tag == "pre")
    assert code.children[0].attrs["class"] == "language-python"


def test_a_diagram_graphviz_refuses_is_left_out_with_a_warning_at_its_line(tmp_path):
    book, report = _read(tmp_path, "# One\n\nText.\n\n```{.dot caption=\"Broken\"}\ndigraph {\n  a -> \n}\n```\n")
    [warning] = report.warnings
    assert str(warning.location).endswith("one.md:8") and "syntax error" in warning.message  # the `}` line
    assert not any(isinstance(n, (Diagram,)) or getattr(n, "tag", "") == "figure" for n in walk(book.sections[0].blocks))


def test_without_graphviz_a_diagram_is_a_warning_not_source_on_the_page(tmp_path, monkeypatch):
    monkeypatch.setattr(diagrams.shutil, "which", lambda name: None)
    book, report = _read(tmp_path, CHAPTER)
    drawn, bare, reference = report.warnings  # the figure is not there to refer to
    assert "Graphviz is not installed" in drawn.message and "Graphviz is not installed" in bare.message
    assert "run `make`" in drawn.hint and "'@fig:flow'" in reference.message
    assert not any(isinstance(n, Diagram) for n in walk(book.sections[0].blocks))


def test_graphviz_reads_no_file_of_the_machine():
    svg, problem = rendered("dot", 'digraph { x [image="/etc/hostname", label="x"]; y [shapefile="/etc/passwd"] }')
    assert svg is not None and "<image" not in svg and "/etc/" not in svg
    assert "ignored" in problem or "unsafe" in problem


def test_the_svg_keeps_the_drawing_and_loses_links_scripts_images_and_ids():
    dirty = b"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10pt">
      <!-- comment --><title>G</title><script>alert(1)</script>
      <g id="node1" class="node" onclick="x()"><a xlink:href="https://example.org/"><text fill="black">kept</text></a>
      <image xlink:href="file:///etc/passwd"/></g></svg>"""
    svg = cleaned(dirty)
    assert ">kept</text>" in svg and 'fill="currentColor"' in svg
    for gone in ("<title", "script", "<a ", "href", "<image", "id=", "onclick", "comment", "class="):
        assert gone not in svg, gone


def test_the_book_face_is_the_default_and_the_author_may_choose_another():
    svg, _ = rendered("dot", "digraph { a }")
    assert 'font-family="Linux Libertine O"' in svg and 'font-size="10.00"' in svg
    svg, _ = rendered("dot", 'digraph { node [fontname="DejaVu Sans", fontsize=12]; a }')
    assert 'font-family="DejaVu Sans"' in svg and 'font-size="12.00"' in svg
