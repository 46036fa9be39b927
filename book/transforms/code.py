"""Book -> Book: fenced code highlighted (Pygments) and long lines wrapped with a visible mark.

A `pre > code.language-X` block is tokenised into `span.tok-*` (Pygments' standard short names:
k, s, c, n, nf, ...); the characters are never changed. Every code block, highlighted or not, then
has its lines longer than `COLUMNS` wrapped: a `<br class="code-wrap"/>` (no text of its own) and
a continuation mark, so that the text without the marks is the source as written.

COLUMNS is what the printed text block holds. The block is 6in - 0.9in - 0.7in = 4.4in = 316.8pt
wide (print.css: @page margins, the same on left and right pages), code is set at 8pt in Linux
Libertine Mono O, whose every glyph advances 640/1000 em = 5.12pt: 316.8 / 5.12 = 61.9, so 61.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from pygments.lexers import get_lexer_by_name
from pygments.token import STANDARD_TYPES, Token, _TokenType
from pygments.util import ClassNotFound

from ..errors import Location, Report
from ..model import Book, Element, Node, Section, Text, walk

COLUMNS = 61  # see the module's docstring; change it with the code size or the page
MARK = "\u2192 "  # "→ ": Linux Libertine Mono O has no ↪ (U+21AA); it has →
LOOKBACK = 15  # a wrap prefers to follow a space (else punctuation) within the last 15 columns
TAB = 8  # CSS's tab-size
BREAK_AFTER = set(" \t,;:.)]}>=+-*/|&")

Segment = tuple[str, str]  # (text, class); "" for plain text


def highlight_code(book: Book, report: Report) -> None:
    for section in book.sections:
        for node in list(walk(section.blocks)):  # walk() goes into notes as well
            if isinstance(node, Element) and node.tag == "pre":
                _code_block(node, section, report)


def _code_block(pre: Element, section: Section, report: Report) -> None:
    if len(pre.children) != 1 or not isinstance(code := pre.children[0], Element) or code.tag != "code":
        return
    if not all(isinstance(c, Text) for c in code.children):
        return  # already rewritten
    source = "".join(c.text for c in code.children if isinstance(c, Text))
    language = next((c[len("language-"):] for c in code.attrs.get("class", "").split()
                     if c.startswith("language-")), "")
    segments: list[Segment] = [(source, "")]
    if language:
        tokens = _tokens(language, source)
        if tokens is None:
            where = Location(section.path, pre.line) if section.path is not None else None
            report.warn(where, f"no syntax highlighting for the code language '{language}': the code stays plain",
                        "use a name Pygments knows (python, javascript, bash, ...), or none")
        else:
            segments = tokens
    code.children = _nodes(segments)


def _tokens(language: str, source: str) -> list[Segment] | None:
    """The source as (text, class) runs, or None for a language Pygments does not know."""
    try:
        lexer = get_lexer_by_name(language, stripnl=False, stripall=False, ensurenl=False)
    except ClassNotFound:
        return None
    runs: list[Segment] = []
    for kind, text in lexer.get_tokens(source):
        if not text:
            continue
        cls = _short_name(kind)
        if runs and runs[-1][1] == cls:
            runs[-1] = (runs[-1][0] + text, cls)
        else:
            runs.append((text, cls))
    if "".join(text for text, _ in runs) != source:  # a lexer that rewrites its input: keep the code as written
        return [(source, "")]
    return runs


def _short_name(kind: _TokenType) -> str:
    """Pygments' short name of a token type or of its nearest standard ancestor; "" for text."""
    while kind not in STANDARD_TYPES and kind.parent is not None:
        kind = kind.parent
    if kind in (Token.Text, Token.Text.Whitespace, Token):
        return ""
    return STANDARD_TYPES.get(kind, "")


def _nodes(segments: list[Segment]) -> list[Node]:
    """The runs as nodes, each line longer than COLUMNS wrapped with a continuation mark."""
    nodes: list[Node] = []
    for piece in _wrapped(segments):
        if piece is None:
            nodes.append(Element("br", [], {"class": "code-wrap"}))
            nodes.append(Element("span", [Text(MARK)], {"class": "code-continuation", "aria-hidden": "true"}))
            continue
        text, cls = piece
        if nodes and isinstance(last := nodes[-1], Element) and last.tag == "span" and cls \
                and last.attrs.get("class") == f"tok-{cls}" and isinstance(last.children[0], Text):
            last.children[0].text += text
        elif cls:
            nodes.append(Element("span", [Text(text)], {"class": f"tok-{cls}"}))
        elif nodes and isinstance(last := nodes[-1], Text):
            last.text += text
        else:
            nodes.append(Text(text))
    return nodes


def _wrapped(segments: list[Segment]) -> Iterator[Segment | None]:
    """The runs again, cut where a line wraps; None stands for a wrap."""
    source = "".join(text for text, _ in segments)
    cuts = set(wrap_points(source))
    offset = 0
    for text, cls in segments:
        start = 0
        for i in range(len(text)):
            if offset + i in cuts:
                if i > start:
                    yield text[start:i], cls
                yield None
                start = i
        if start < len(text):
            yield text[start:], cls
        offset += len(text)


def wrap_points(source: str, columns: int = COLUMNS) -> list[int]:
    """The offsets in `source` where a continuation line begins: each visual line (a continuation
    with its mark) is at most `columns` wide."""
    points: list[int] = []
    start = 0
    for line in source.split("\n"):
        points.extend(start + p for p in _line_points(line, columns))
        start += len(line) + 1
    return points


def _line_points(line: str, columns: int) -> list[int]:
    points: list[int] = []
    begin, width = 0, 0  # where the current visual line begins in `line`; its width so far
    i = 0
    while i < len(line):
        w = _advance(line[i], width)
        if width + w > columns:
            # after a space; else after punctuation, unless a space follows (it would begin the
            # continuation); else where the line is full
            window = range(i, max(begin, i - LOOKBACK), -1)
            cut = next((j for j in window if line[j - 1] in " \t"), 0) or \
                next((j for j in window if line[j - 1] in BREAK_AFTER and line[j] not in " \t"), i)
            if cut == begin:  # one character wider than the line: never an empty line
                cut = i + 1
            points.append(cut)
            begin, i = cut, cut
            width = len(MARK)  # a continuation begins with its mark
            continue
        width += w
        i += 1
    return points


def _advance(char: str, column: int) -> int:
    """How many columns a character takes in a monospaced font."""
    if char == "\t":
        return TAB - column % TAB
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
