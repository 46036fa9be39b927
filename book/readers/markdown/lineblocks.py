"""Pandoc's line blocks: lines that begin with `| ` keep their breaks and leading spaces (verse,
addresses); a line that begins with a space continues the one before."""

from __future__ import annotations

from markdown_it.rules_block import StateBlock


def line_block_rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4 or not _starts_line(state, start):
        return False
    if silent:
        return True
    lines: list[tuple[int, str]] = []
    line = start
    while line < end:
        text = _text(state, line)
        if _starts_line(state, line):
            lines.append((line, text[2:] if text.startswith("| ") else text[1:]))
        elif state.sCount[line] > state.blkIndent and text.strip() and lines:  # an indented continuation
            lines[-1] = (lines[-1][0], lines[-1][1] + " " + text.strip())
        else:
            break
        line += 1
    opening = state.push("line_block_open", "div", 1)
    opening.map = [start, line]
    for number, content in lines:
        state.push("line_open", "span", 1).map = [number, number + 1]
        inline = state.push("inline", "", 0)
        inline.content, inline.map, inline.children = _keep_indent(content), [number, number + 1], []
        state.push("line_close", "span", -1)
    state.push("line_block_close", "div", -1)
    state.line = line
    return True


def _text(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]


def _starts_line(state: StateBlock, line: int) -> bool:
    text = _text(state, line)
    return text == "|" or text.startswith("| ")


def _keep_indent(content: str) -> str:
    """Leading spaces are part of a line block's line: no-break spaces, so that nothing folds them."""
    stripped = content.lstrip(" ")
    return "\u00a0" * (len(content) - len(stripped)) + stripped
