"""Math as the manuscript writes it, beyond what dollarmath knows: pandoc-crossref's label after
a display formula (`$$ E = mc^2 $$ {#eq:energy}`), and the TeX vocabulary the book's math
renderer takes, so that the reader can name an unknown macro with its file and line."""

from __future__ import annotations

import re

from latex2mathml import commands as l2m_commands
from latex2mathml.symbols_parser import convert_symbol
from latex2mathml.tokenizer import tokenize
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock

# `{#eq:energy}` after a display formula; in a paragraph, the text right after `$$...$$`.
LABEL = re.compile(r"\s*\{#([A-Za-z][\w:.\-]*)\}")
# The last line of a display block labelled the pandoc-crossref way: `... $$ {#eq:x}`.
_CLOSING = re.compile(r"^(?P<tex>.*?)\$\$\s*\{#(?P<label>[A-Za-z][\w:.\-]*)\}\s*$")

MACRO = re.compile(r"\\[A-Za-z]+\*?")
ENVIRONMENT = re.compile(r"\\(?:begin|end)\{([^{}]*)\}")
# The macros and environments the renderer's rewrites make good, beyond latex2mathml's own
# (book/writers/math/rewrite.py: \operatorname*{arg\,min}, aligned as align*).
OWN_MACROS = frozenset({r"\operatorname*"})
OWN_ENVIRONMENTS = frozenset({"aligned"})


def math_labels_plugin(md: MarkdownIt) -> None:
    """A display block closed by `$$ {#eq:x}` becomes a `math_block_label` token, as dollarmath
    makes of `$$ (eq:x)`; dollarmath alone would read on to the next `$$` in the file."""
    md.block.ruler.before("math_block", "math_block_crossref", _math_block_crossref)


def _line(state: StateBlock, line: int) -> str:
    return state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]


def _math_block_crossref(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    if state.sCount[start] - state.blkIndent >= 4:  # an indented code block
        return False
    first = _line(state, start)
    if not first.startswith("$$"):
        return False
    rest = first[2:]
    if rest.strip().endswith("$$"):  # `$$ x $$` alone: dollarmath's
        return False
    line, parts = start, []
    text = rest
    while True:
        closing = _CLOSING.match(text)
        if closing:
            parts.append(closing.group("tex"))
            break
        if text.rstrip().endswith("$$") or (line > start and "$$" in text):
            return False  # closed without a label (or oddly): dollarmath's
        parts.append(text)
        line += 1
        if line >= end or (state.sCount[line] < state.blkIndent and _line(state, line)):
            return False
        text = _line(state, line)
    if silent:
        return True
    token = state.push("math_block_label", "math", 0)
    token.block = True
    token.content = "\n".join(parts)
    token.markup = "$$"
    token.info = closing.group("label")
    token.map = [start, line + 1]
    state.line = line + 1
    return True


# The renderer's vocabulary: what latex2mathml knows (its command names are module constants,
# tuples and dict keys), what it finds in its symbol table, and what the rewrites add.
def _latex2mathml_macros() -> frozenset[str]:
    names: set[str] = set()
    for value in vars(l2m_commands).values():
        if isinstance(value, str):
            names.add(value)
        elif isinstance(value, (tuple, list, set, frozenset, dict)):
            names.update(item for item in value if isinstance(item, str))
    return frozenset(name for name in names if name.startswith("\\"))


KNOWN_MACROS = _latex2mathml_macros() | OWN_MACROS
KNOWN_ENVIRONMENTS = (
    frozenset(name[1:] for name in KNOWN_MACROS if name in l2m_commands.MATRICES) | OWN_ENVIRONMENTS
)


def is_known_macro(name: str) -> bool:
    return name in KNOWN_MACROS or convert_symbol(name) is not None


def tex_tokens(tex: str) -> list[str]:
    try:
        return list(tokenize(tex))
    except Exception:  # noqa: BLE001 - the tokenizer may fail on garbage; a plain scan still finds the macros
        return MACRO.findall(tex) + [m.group(0) for m in ENVIRONMENT.finditer(tex)]


def unknown_environments(tex: str) -> list[str]:
    names = (ENVIRONMENT.fullmatch(token) for token in tex_tokens(tex))
    return list(dict.fromkeys(m.group(1) for m in names if m and m.group(1) not in KNOWN_ENVIRONMENTS))


def unknown_macros(tex: str) -> list[str]:
    r"""The macros in `tex` that neither latex2mathml nor our rewrites know, in order, once each;
    an unknown environment is named as \begin{name}."""
    macros = [t for t in tex_tokens(tex) if MACRO.fullmatch(t) and not is_known_macro(t)]
    environments = [rf"\begin{{{name}}}" for name in unknown_environments(tex)]
    return list(dict.fromkeys(macros + environments))
