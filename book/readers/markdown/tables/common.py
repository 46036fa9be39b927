"""What the table rules share: a container's lines by display column, dash runs, alignment and
widths, the memo of failed scans, and the tokens of a finished table (`_emit`)."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # types only: markdown_it's classes are reached through the state
    from markdown_it.rules_block import StateBlock
    from markdown_it.token import Token

DASHES = re.compile(r" {0,3}-+(?: +-+)*")
RUN = re.compile(r"-+")
SIMPLE_CELL = re.compile(r"[^\W_](?!\d{0,8}[.)](?:\s|$))")
MEMO = "_pandoc_tables"  # env key of the failed-scan memo; the caption rule clears it


# -- lines ------------------------------------------------------------------------------


def _line(state: StateBlock, n: int, end: int) -> str | None:
    """Line n as its container sees it: "" when blank, None past the end or outside the container."""
    if n >= end:
        return None
    start, stop = state.bMarks[n] + state.tShift[n], state.eMarks[n]
    if start >= stop:
        return ""
    if state.sCount[n] < state.blkIndent:
        return None
    text = state.src[start:stop]
    if "\t" in text:
        text = (" " * state.sCount[n] + text).expandtabs(4)[state.blkIndent:]
    else:
        text = " " * (state.sCount[n] - state.blkIndent) + text
    return text.rstrip()


def _char_width(char: str) -> int:
    if char < "\u0300":
        return 1
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


class _Cols:
    """A line addressed by display column (East Asian wide characters take two)."""

    __slots__ = ("text", "cols", "width")

    def __init__(self, text: str):
        self.text = text
        if text.isascii():
            self.cols = None
            self.width = len(text)
        else:
            cols, width = [], 0
            for char in text:
                cols.append(width)
                width += _char_width(char)
            self.cols, self.width = cols, width

    def cut(self, a: int, b: int | None = None) -> str:
        if self.cols is None:
            return self.text[a:b]
        i = bisect_left(self.cols, a)
        j = len(self.text) if b is None else bisect_left(self.cols, b)
        return self.text[i:j]

    def at(self, col: int) -> str:
        if self.cols is None:
            return self.text[col] if 0 <= col < len(self.text) else ""
        i = bisect_left(self.cols, col)
        while i < len(self.text) and self.cols[i] == col and _char_width(self.text[i]) == 0:
            i += 1
        return self.text[i] if i < len(self.text) and self.cols[i] == col else ""


def _runs(line: str | None) -> list[tuple[int, int]] | None:
    """The (start column, length) of each dash run of a dashed line, or None."""
    if not line or not DASHES.fullmatch(line):
        return None
    return [(m.start(), m.end() - m.start()) for m in RUN.finditer(line)]


def _ends(line: str | None) -> bool:
    return line is None or line == ""


class _Dead:
    """Lines from which a row scan of one kind is known to fail, per container view."""

    def __init__(self, state: StateBlock, kind: str, end: int):
        store = state.env.setdefault(MEMO, {}) if isinstance(state.env, dict) else {}
        self.marks = store.setdefault((kind, state.src), {})
        self.state, self.end = state, end
        self.seen: list[int] = []

    def _key(self, n: int) -> tuple[int, int, int, int]:
        s = self.state
        return (s.bMarks[n] + s.tShift[n], s.sCount[n], s.blkIndent, self.end)

    def hit(self, n: int) -> bool:
        self.seen.append(n)
        return n < self.end and self.marks.get(n) == self._key(n)

    def fail(self) -> bool:
        for n in self.seen:
            if n < self.end:
                self.marks[n] = self._key(n)
        return False


# -- alignment and widths ---------------------------------------------------------------


def _align(texts: list[str], length: int) -> str:
    """Pandoc's alignType: where the (shortest) header text sits over its dash run."""
    texts = [t.rstrip() for t in texts if t.strip()]
    if not texts:
        return ""
    shortest = min(texts, key=len)
    left = shortest[0] == " "
    right = _Cols(shortest).width < length
    return {(True, False): "right", (False, True): "left", (True, True): "center"}.get((left, right), "")


def _percent(lengths: list[int]) -> list[int]:
    """Relative widths in whole percent summing to 100 (largest remainder)."""
    total = sum(lengths) or 1
    exact = [100 * n / total for n in lengths]
    out = [int(x) for x in exact]
    for i in sorted(range(len(exact)), key=lambda i: out[i] - exact[i])[: 100 - sum(out)]:
        out[i] += 1
    return out


def _dash_widths(runs: list[tuple[int, int]]) -> list[int]:
    """Pandoc's widthsFromIndices: each column's run and the gap after it."""
    lengths = [b[0] - a[0] for a, b in zip(runs, runs[1:])] + [runs[-1][1]]
    if len(lengths) > 1 and lengths[-1] < lengths[-2] and lengths[-2] - lengths[-1] <= 2:
        lengths[-1] = lengths[-2]
    return _percent(lengths)


def _split(line: str, runs: list[tuple[int, int]]) -> list[str]:
    """Cut a line at the columns' starts; text left of the first column stays in it."""
    cols = _Cols(line)
    starts = [r[0] for r in runs[1:]]
    bounds = [0] + starts
    return [cols.cut(a, b) for a, b in zip(bounds, starts + [None])]


def _align_slices(line: str, runs: list[tuple[int, int]]) -> list[str]:
    cols = _Cols(line)
    starts = [r[0] for r in runs]
    return [cols.cut(a, b) for a, b in zip(starts, starts[1:] + [None])]


# -- emitting ---------------------------------------------------------------------------

# A row: (first line, end line, cells); a cell: (text, its first line, parse as blocks).
Cell = tuple[str, int, bool]
Row = tuple[int, int, list[Cell]]


def _emit(state: StateBlock, start: int, end: int, aligns: list[str], head: list[Row],
          body: list[Row], foot: list[Row] | None = None, widths: list[int] | None = None) -> None:
    old, state.parentType = state.parentType, "table"
    token = state.push("table_open", "table", 1)
    token.map = [start, end]
    if widths:
        token.attrSet("data-widths", ",".join(map(str, widths)))
    for section, rows, tag in (("thead", head, "th"), ("tbody", body, "td"), ("tfoot", foot or [], "td")):
        if not rows:
            continue
        token = state.push(section + "_open", section, 1)
        token.map = [rows[0][0], rows[-1][1]]
        for first, last, cells in rows:
            token = state.push("tr_open", "tr", 1)
            token.map = [first, last]
            for j, cell in enumerate(cells):
                token = state.push(tag + "_open", tag, 1)
                token.map = [first, last]
                if aligns[j]:
                    token.attrSet("style", "text-align:" + aligns[j])
                _cell(state, cell, last)
                state.push(tag + "_close", tag, -1)
            state.push("tr_close", "tr", -1)
        state.push(section + "_close", section, -1)
    state.push("table_close", "table", -1)
    state.parentType = old
    state.line = end


def _inline(state: StateBlock, text: str, first: int, last: int) -> None:
    token = state.push("inline", "", 0)
    token.content = text
    token.map = [first, max(last, first + 1)]
    token.children = []


def _cell(state: StateBlock, cell: Cell, last: int) -> None:
    text, first, blocks = cell
    if not blocks or "\n" not in text and SIMPLE_CELL.match(text) or not text:
        _inline(state, text, first, last)
        return
    if state.level >= state.md.options.get("maxNesting", 20):
        _inline(state, text.replace("\n", " "), first, last)
        return
    tokens: list[Token] = []
    inner = type(state)(text, state.md, state.env, tokens)
    inner.level = state.level
    state.md.block.tokenize(inner, 0, inner.lineMax)
    for token in tokens:
        if token.map:
            token.map = [token.map[0] + first, token.map[1] + first]
    kinds = [t.type for t in tokens]
    if kinds == ["paragraph_open", "inline", "paragraph_close"]:
        tokens = [tokens[1]]
        tokens[0].level = state.level
    state.tokens.extend(tokens)
