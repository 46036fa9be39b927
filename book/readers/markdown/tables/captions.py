"""Table captions: a `Table: ...` or `: ...` paragraph just before or after a table, with an
optional `{#tbl:x}` label, moved inside the table as its first child."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it.rules_block import paragraph

from .common import MEMO

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

CAPTION = re.compile(r"(?:[Tt]able:|:(?=\s))\s*")
LABEL = re.compile(r"\s*\{#([A-Za-z0-9_][\w:.\-]*)\}\s*$")


# -- captions ---------------------------------------------------------------------------


def caption_paragraph(state: StateBlock, startLine: int, endLine: int, silent: bool) -> bool:
    """A paragraph that starts `Table:` or `: `, read as a paragraph before the definition-list
    rule can take it for a term: `Table: x` after one table and `: y` before the next are two
    captions, as in pandoc (whose table rule reads its captions), not a term and its definition."""
    if silent or state.is_code_block(startLine):
        return False
    start = state.bMarks[startLine] + state.tShift[startLine]
    if state.src[start:start + 1] not in ("T", "t", ":"):  # at once for the other paragraphs
        return False
    if _caption_text(state.src[start:state.eMarks[startLine]]) is None:
        return False
    return paragraph(state, startLine, endLine, False)


def _caption_at(tokens: list[Token], i: int, level: int) -> bool:
    return (0 <= i and i + 2 < len(tokens) and tokens[i].type == "paragraph_open"
            and tokens[i].level == level and tokens[i + 1].type == "inline"
            and tokens[i + 2].type == "paragraph_close"
            and _caption_text(tokens[i + 1].content) is not None)


def _caption_text(content: str) -> str | None:
    """A caption paragraph's text without its `Table:` or `:` prefix; None when it is not one."""
    match = CAPTION.match(content)
    text = content[match.end():] if match else ""
    return text if text.strip() else None


def table_caption(state: StateCore) -> None:
    """A `Table: ...` or `: ...` paragraph just before or after a table becomes its caption."""
    if isinstance(state.env, dict):
        state.env.pop(MEMO, None)
    tokens = state.tokens
    closes: dict[int, int] = {}
    stack: list[int] = []
    for i, token in enumerate(tokens):
        if token.type == "table_open":
            stack.append(i)
        elif token.type == "table_close" and stack:
            closes[stack.pop()] = i
    if not closes:
        return
    used: set[int] = set()
    captions: dict[int, int] = {}
    for opening in sorted(closes):
        level = tokens[opening].level
        front, rear = opening - 3, closes[opening] + 1
        if front not in used and tokens[opening - 1].type == "paragraph_close" and _caption_at(tokens, front, level):
            chosen = front
        elif _caption_at(tokens, rear, level):
            chosen = rear
        else:
            continue
        used.add(chosen)
        captions[opening] = chosen
    if not captions:
        return
    moved = {i + k for i in used for k in range(3)}
    out: list[Token] = []
    for i, token in enumerate(tokens):
        if i in moved:
            continue
        out.append(token)
        if i in captions:
            out.extend(_caption(token, tokens[captions[i]:captions[i] + 3]))
    state.tokens[:] = out


def _caption(table: Token, paragraph: list[Token]) -> list[Token]:
    opening, inline, closing = paragraph
    text = _caption_text(inline.content) or ""
    label = LABEL.search(text)
    if label and text[:label.start()].strip():
        table.attrSet("id", label.group(1))
        text = text[:label.start()]
    inline.content = text.strip()
    for token, kind, level in ((opening, "table_caption_open", 1), (inline, "inline", 2),
                               (closing, "table_caption_close", 1)):
        token.type, token.level = kind, table.level + level
        if kind != "inline":
            token.tag = "caption"
    return [opening, inline, closing]
