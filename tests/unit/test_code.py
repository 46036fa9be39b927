"""Code blocks: highlighted with Pygments into tok-* spans, long lines wrapped with a visible mark,
and the characters never changed (no layout here: the model only)."""

from __future__ import annotations

import pytest
from conftest import make_manuscript

from book.build.pipeline import read_book
from book.errors import Report
from book.model import Element, Node, Note, Text, walk
from book.transforms.code import COLUMNS, MARK, wrap_points


def read(tmp_path, text: str) -> tuple[list[Node], Report]:
    root = make_manuscript(tmp_path / "book", {"one.md": "# One\n\n" + text})
    report = Report()
    book = read_book(root, report)
    assert book is not None and not report.errors, [str(e) for e in report.errors]
    return book.sections[0].blocks, report


def code_elements(nodes: list[Node]) -> list[Element]:
    return [n for n in walk(nodes) if isinstance(n, Element) and n.tag == "pre"]


def shown(node: Node, marks: bool = True) -> str:
    """The text of a node; without the continuation marks if `marks` is False."""
    if isinstance(node, Text):
        return node.text
    if isinstance(node, Element):
        if not marks and "code-continuation" in node.attrs.get("class", ""):
            return ""
        if node.tag == "br":
            return "\n" if marks else ""
        return "".join(shown(c, marks) for c in node.children)
    return ""


def classes(node: Node) -> set[str]:
    return {n.attrs["class"] for n in walk([node]) if isinstance(n, Element) and n.tag == "span"}


PYTHON = 'def greet(name):\n    """Say hello."""\n    return f"Hello, {name}!"  # a comment\n'
JS = "const add = (a, b) => a + b;\n// sum\nconsole.log(add(1, 2));\n"
SHELL = 'for f in *.md; do\n  echo "$f" | wc -l\ndone\n'


@pytest.mark.parametrize("language, source, expected", [
    ("python", PYTHON, {"tok-k", "tok-nf", "tok-sd", "tok-c1", "tok-si"}),
    ("js", JS, {"tok-kd", "tok-c1", "tok-mf", "tok-nx"}),
    ("bash", SHELL, {"tok-k", "tok-s2", "tok-nv"}),
])
def test_code_gets_token_spans_and_keeps_its_text(tmp_path, language, source, expected):
    blocks, report = read(tmp_path, f"```{language}\n{source}```\n")
    (pre,) = code_elements(blocks)
    assert expected <= classes(pre), classes(pre)
    assert all(c.startswith("tok-") for c in classes(pre))
    assert shown(pre) == source
    assert not report.warnings


def test_plain_text_tokens_are_not_wrapped_in_spans(tmp_path):
    blocks, _ = read(tmp_path, "```python\nx = 1\n```\n")
    (pre,) = code_elements(blocks)
    code = pre.children[0]
    assert isinstance(code, Element)
    assert Text(" ") in code.children  # the spaces around "=": Token.Text, no span


def test_an_unknown_language_warns_and_stays_plain(tmp_path):
    blocks, report = read(tmp_path, "Text.\n\n```nosuchlang\nsome code\n```\n")
    (pre,) = code_elements(blocks)
    assert pre.children[0] == Element("code", [Text("some code\n")], {"class": "language-nosuchlang"})
    (warning,) = report.warnings
    assert "nosuchlang" in warning.message
    assert warning.location is not None and warning.location.path.name == "one.md"
    assert warning.location.line == 5


@pytest.mark.parametrize("language", ["python", ""])
def test_a_long_line_is_wrapped_and_each_continuation_is_marked(tmp_path, language):
    line = ('result = compute(' + ", ".join(f"argument_{i}" for i in range(20)) + ")")[:199] + ")"
    assert len(line) == 200
    source = f"short = 1\n{line}\nend = 2\n"
    blocks, _ = read(tmp_path, f"```{language}\n{source}```\n")
    (pre,) = code_elements(blocks)
    lines = shown(pre).split("\n")
    assert all(len(x) <= COLUMNS for x in lines), [len(x) for x in lines]
    assert len(lines) == 4 + 200 // COLUMNS  # the three lines, the long one in four, the final ""
    continuations = [x for x in lines if x.startswith(MARK)]
    assert len(continuations) == len(lines) - 4
    marks = [n for n in walk([pre]) if isinstance(n, Element) and n.attrs.get("class") == "code-continuation"]
    assert len(marks) == len(continuations)
    assert all(m.children == [Text(MARK)] and m.attrs["aria-hidden"] == "true" for m in marks)
    assert shown(pre, marks=False) == source


def test_a_wrap_prefers_to_follow_a_space_or_punctuation():
    line = "a" * 50 + ", " + "b" * 40
    (point,) = wrap_points(line, 60)
    assert line[point - 2:point] == ", "
    (point,) = wrap_points("c" * 70, 60)  # one long token: cut where the line is full
    assert point == 60


def test_a_token_longer_than_a_line_is_cut_into_full_lines():
    points = wrap_points("x" * 200, COLUMNS)
    widths = [b - a + (len(MARK) if a else 0) for a, b in zip([0, *points], [*points, 200])]
    assert all(w <= COLUMNS for w in widths) and widths[0] == COLUMNS


def test_tabs_count_to_the_next_tab_stop():
    assert wrap_points("\t" * 6 + "y" * 12, 60) == []  # 48 columns of tabs and 12 of y: full
    assert wrap_points("\t" * 6 + "y" * 13, 60) == [6]  # one more: wrapped after the tabs


def test_code_in_a_note_is_highlighted(tmp_path):
    text = "A claim.[^1]\n\n[^1]: A note with code:\n\n    ```python\n    import os\n    ```\n"
    blocks, _ = read(tmp_path, text)
    notes = [n for n in walk(blocks) if isinstance(n, Note)]
    assert notes
    (pre,) = code_elements(notes[0].children)
    assert "tok-kn" in classes(pre) and shown(pre) == "import os\n"


def test_an_indented_block_is_wrapped_but_not_highlighted(tmp_path):
    line = "y" * 100
    blocks, report = read(tmp_path, f"Text.\n\n    {line}\n")
    (pre,) = code_elements(blocks)
    assert classes(pre) == {"code-continuation"}
    assert shown(pre, marks=False) == line + "\n"
    assert not report.warnings
