"""Pandoc's simple tables (a header over dash runs, one line a row) and multiline tables (dashes
above and below, rows separated by blank lines)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .common import Row, _align, _align_slices, _dash_widths, _Dead, _emit, _ends, _line, _runs, _split

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock

# A header line that pandoc reads as another block first (heading, quote, list, fence, HTML).
OTHER_BLOCK = re.compile(r" {0,3}(?:#{1,6}(?:\s|$)|>|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|```|~~~|<)")


# -- simple tables ----------------------------------------------------------------------


def simple_table(state: StateBlock, startLine: int, endLine: int, silent: bool) -> bool:
    """A header line over a dashed line (or a dashed line first: headerless), one line a row."""
    if state.is_code_block(startLine):
        return False
    first = _line(state, startLine, endLine)
    runs = _runs(first)
    if runs:
        header, body_start = None, startLine + 1
    else:
        if not first or OTHER_BLOCK.match(first):
            return False
        runs = _runs(_line(state, startLine + 1, endLine))
        header, body_start = first, startLine + 2
        if not runs or state.is_code_block(startLine + 1):
            return False
    if len(runs) < 2 or runs[0][1] == 1:
        return False
    dead = _Dead(state, "simple", endLine) if header is None else None
    rows: list[int] = []
    n, end = body_start, None
    while True:
        if dead and dead.hit(n):
            return False
        line = _line(state, n, endLine)
        if _ends(line):
            if dead is not None:  # a headerless table must end with a dashed line
                return dead.fail()
            end = n
            break
        if rows and _runs(line) and _ends(_line(state, n + 1, endLine)):
            end = n + 1
            break
        rows.append(n)
        n += 1
    if not rows:
        return False
    if silent:
        return True
    texts = {n: _line(state, n, endLine) or "" for n in rows}
    align_from = header if header is not None else texts[rows[0]]
    aligns = [_align([s], length) for s, (_, length) in zip(_align_slices(align_from, runs), runs)]

    def row(n: int, text: str) -> Row:
        return (n, n + 1, [(c.strip(), n, False) for c in _split(text, runs)])

    head = [row(startLine, header)] if header is not None else []
    _emit(state, startLine, end, aligns, head, [row(n, texts[n]) for n in rows])
    return True


# -- multiline tables -------------------------------------------------------------------


def multiline_table(state: StateBlock, startLine: int, endLine: int, silent: bool) -> bool:
    """Dashes above and below; rows separated by blank lines; cells over several lines."""
    if state.is_code_block(startLine):
        return False
    top = _runs(_line(state, startLine, endLine))
    if not top:
        return False
    header_lines: list[tuple[int, str]] = []
    runs = top
    n = startLine + 1
    if len(top) == 1:  # a full-width line of dashes, then the header lines, then the column line
        while True:
            line = _line(state, n, endLine)
            if not line:
                return False
            found = _runs(line)
            if found:
                break
            header_lines.append((n, line))
            n += 1
        if not header_lines:
            return False
        runs = found
        n += 1
    if len(runs) < 2 or runs[0][1] == 1:
        return False
    dead = _Dead(state, "multiline", endLine)
    rows: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    blank = False
    while True:
        if dead.hit(n):
            return False
        line = _line(state, n, endLine)
        if line is None:
            return dead.fail()
        if line == "":
            if not rows and not current:
                return dead.fail()
            if current:
                rows.append(current)
                current = []
            blank = True
        elif _runs(line) and (current or rows) and _ends(_line(state, n + 1, endLine)):
            if current:
                rows.append(current)
            end = n + 1
            break
        else:
            current.append((n, line))
        n += 1
    if not header_lines and not blank:
        return False  # no blank line: a headerless simple table
    if silent:
        return True
    align_lines = [t for _, t in header_lines] or [rows[0][0][1]]
    slices = [_align_slices(t, runs) for t in align_lines]
    aligns = [_align([s[j] for s in slices], runs[j][1]) for j in range(len(runs))]

    def row(lines: list[tuple[int, str]]) -> Row:
        pieces = [_split(t, runs) for _, t in lines]
        cells = [(" ".join(p[j].strip() for p in pieces if p[j].strip()), lines[0][0], False)
                 for j in range(len(runs))]
        return (lines[0][0], lines[-1][0] + 1, cells)

    head = [row(header_lines)] if header_lines else []
    _emit(state, startLine, end, aligns, head, [row(r) for r in rows], widths=_dash_widths(runs))
    return True
