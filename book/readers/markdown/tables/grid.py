"""Pandoc's grid tables: `+---+` borders, `|` between cells, `+===+` under the header (and around
a foot); a cell holds blocks. A text that starts like one but cannot be read becomes a
`table_error` token and a paragraph of its lines."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it.token import Token

from .common import Row, _Cols, _emit, _inline, _line, _percent

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore

VERBATIM = "grid_table_text"  # meta key of the inline token of a refused table's paragraph
GRID_TOP = re.compile(r"\+(?::?-+:?\+)+")
BORDER = re.compile(r"\+(?:[-=:]+\+)+")


# -- grid tables ------------------------------------------------------------------------


class _Refused(Exception):
    def __init__(self, index: int, message: str):
        super().__init__(message)
        self.index, self.message = index, message


def grid_table(state: StateBlock, startLine: int, endLine: int, silent: bool) -> bool:
    """`+---+---+` borders, `|` between cells, `+===+` under the header; cells hold blocks."""
    if state.is_code_block(startLine):
        return False
    top = _line(state, startLine, endLine)
    if not top or "+" not in top[:4]:
        return False
    indent = top.index("+")
    if top[:indent].strip() or not GRID_TOP.fullmatch(top[indent:]):
        return False
    second = _line(state, startLine + 1, endLine)
    if not second or len(second) <= indent or second[:indent].strip() or second[indent] != "|":
        return False
    if silent:
        return True
    lines: list[str] = []
    n = startLine
    while True:
        line = _line(state, n, endLine)
        if not line or len(line) <= indent or line[:indent].strip() or line[indent] not in "+|":
            break
        lines.append(line[indent:])
        n += 1
    try:
        aligns, widths, head, body, foot = _grid(lines, startLine)
    except _Refused as refused:
        token = state.push("table_error", "", 0)
        token.hidden = True
        token.content = "grid table not read: " + refused.message
        token.map = [startLine + refused.index, startLine + refused.index + 1]
        token.meta = {"table": [startLine, n]}
        token = state.push("paragraph_open", "p", 1)
        token.map = [startLine, n]
        _inline(state, state.getLines(startLine, n, state.blkIndent, False).strip(), startLine, n)
        state.tokens[-1].meta = {VERBATIM: True}  # see verbatim_text
        state.push("paragraph_close", "p", -1)
        state.line = n
        return True
    _emit(state, startLine, n, aligns, head, body, foot, widths)
    return True


def _grid(lines: list[str], start: int):
    last = len(lines) - 1
    borders = [i for i, line in enumerate(lines) if BORDER.fullmatch(line)]
    if borders[-1] != last:
        raise _Refused(last, "the table does not end with a border line such as +---+---+")
    right = len(lines[0]) - 1
    for i in borders:
        if len(lines[i]) - 1 != right:
            raise _Refused(i, f"the border line is not as wide as the top one (its last '+' should be at column {right + 1})")
    bounds = sorted({m.start() for i in borders for m in re.finditer(r"\+", lines[i])})
    kinds = []
    for i in borders:
        line = lines[i]
        for p in bounds:
            if line[p] != "+":
                raise _Refused(i, f"a cell spans several columns (no '+' at column {p + 1}); "
                                  "column spans are not supported: split the cell")
        fills = [line[a + 1:b].strip(":") for a, b in zip(bounds, bounds[1:])]
        if not all(fills) or len(set("".join(fills))) != 1:
            raise _Refused(i, "a border line must be all '-' or all '=', with ':' only at a column's ends")
        kinds.append(line[bounds[0] + 1:bounds[1]].strip(":")[0])
    border_set = set(borders)
    for i, line in enumerate(lines):
        if i in border_set:
            continue
        cols = _Cols(line)
        for p in bounds:
            char = cols.at(p)
            if char == "+":
                raise _Refused(i, "a cell spans several rows (a '+' border inside a row); "
                                  "row spans are not supported: split the cell")
            if char != "|":
                raise _Refused(i, f"no '|' at column {p + 1}, under the '+' of the borders: either a cell "
                                  "spans several columns (not supported) or the '|' is out of line")
        if cols.width - 1 > right:
            raise _Refused(i, "the line runs past the table's right border")
    for a, b in zip(borders, borders[1:]):
        if b == a + 1:
            raise _Refused(b, "two border lines with no row between them")
    equals = [k for k, kind in enumerate(kinds) if kind == "=" and k > 0]
    if kinds[0] == "=":
        raise _Refused(0, "the top border must be made of '-'")
    rows_n = len(borders) - 1
    head_n, foot_from = 0, rows_n
    if len(equals) >= 3 and equals[-1] == rows_n:
        foot_from = equals[-2]
        equals = equals[:-2]
    elif len(equals) == 2 and equals[-1] == rows_n:
        equals = equals[:1]
    if len(equals) > 1:
        raise _Refused(borders[equals[1]], "a grid table has one header separator (+===+) and, "
                                           "at the end, at most a foot between two more")
    if equals:
        head_n = equals[0]
    align_line = lines[borders[head_n]] if head_n else lines[0]
    aligns = []
    for a, b in zip(bounds, bounds[1:]):
        segment = align_line[a + 1:b]
        left, right_colon = segment.startswith(":"), segment.endswith(":")
        aligns.append({(True, False): "left", (False, True): "right", (True, True): "center"}.get(
            (left, right_colon), ""))
    widths = _percent([b - a for a, b in zip(bounds, bounds[1:])])
    rows: list[Row] = []
    for a, b in zip(borders, borders[1:]):
        cells = []
        content = [_Cols(lines[i]) for i in range(a + 1, b)]
        for p, q in zip(bounds, bounds[1:]):
            pieces = [c.cut(p + 1, q).rstrip() for c in content]
            offset = 0
            while pieces and not pieces[0].strip():
                pieces.pop(0)
                offset += 1
            while pieces and not pieces[-1].strip():
                pieces.pop()
            margin = min((len(x) - len(x.lstrip()) for x in pieces if x.strip()), default=0)
            text = "\n".join(x[margin:] for x in pieces)
            cells.append((text, start + a + 1 + offset, True))
        rows.append((start + a + 1, start + b, cells))
    return aligns, widths, rows[:head_n], rows[head_n:foot_from], rows[foot_from:]


def verbatim_text(state: StateCore) -> None:
    """The paragraph of a refused grid table shows its lines as written: one line a line, with
    no inline Markdown and no typographer's replacements (which would make `+-` a `±`). A core
    rule that runs last, replacing the children the inline rules made."""
    for token in state.tokens:
        if token.type != "inline" or not token.meta.get(VERBATIM):
            continue
        children: list[Token] = []
        for line in token.content.split("\n"):
            if children:
                children.append(Token("hardbreak", "br", 0, level=token.level + 1))
            children.append(Token("text", "", 0, content=line, level=token.level + 1))
        token.children = children
