"""The Markdown parser: CommonMark and its plugins as a named chain (markdown-it-py). A Markdown
extension is a plugin added here and rules for its tokens in rules/."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.container import container_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.subscript import sub_plugin
from mdit_py_plugins.superscript import superscript_plugin

from ...words import words_for
from .citations import citation_rule, narrative_rule
from .lineblocks import line_block_rule
from .mathlabels import math_labels_plugin
from .tables import tables_plugin

MAX_NESTING = 60


@lru_cache(maxsize=8)
def make_parser(language: str = "en") -> MarkdownIt:
    """Pandoc's Markdown as manuscripts use it, on CommonMark: the language's quotation marks."""
    md = MarkdownIt("commonmark", {"typographer": True, "html": True})
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    # markdown-it stops reading, silently, past this depth of blocks in blocks (a list level is
    # two): CommonMark's 20 cut off a list nested ten deep and the rest of its chapter. The
    # reader reports text left unread past it (reader.py).
    md.options["maxNesting"] = MAX_NESTING
    md.options["quotes"] = "".join(words_for(language).quotes)
    # Every link is parsed, so that none prints as source: rules/inlines.py keeps only the safe
    # schemes and warns about the rest (markdown-it would leave `[x](javascript:…)` as text).
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.use(footnote_plugin, inline=True, move_to_end=False)  # [^label] notes, and inline ^[notes]
    md.inline.ruler.before("link", "citation", citation_rule)
    md.inline.ruler.before("emphasis", "citation_narrative", narrative_rule)  # @key, @fig:x
    # Bracketed spans settle the index of names ([Kogan]{.name key=kogan-bb}), mark a language
    # ({lang=ru}) or small capitals ({.smallcaps}); images carry {#fig:x width=50%}.
    md.use(attrs_plugin, spans=True, allowed=["id", "class", "key", "lang", "width", "height"])
    md.use(tables_plugin)  # pandoc's simple, multiline and grid tables, and table captions
    # TeX math: $x$ inline, $$x$$ display, a display block labelled `$$ (eq:x)`.
    md.use(dollarmath_plugin, allow_labels=True, allow_space=True, allow_digits=True, double_inline=True)
    md.use(math_labels_plugin)  # ... and pandoc-crossref's `$$ {#eq:x}` closing a display block
    md.use(deflist_plugin)  # Term / : definition
    md.use(sub_plugin).use(superscript_plugin)  # H~2~O, x^2^
    md.use(container_plugin, name="div", marker=":", validate=lambda *_: True)  # ::: {.note} … :::
    md.block.ruler.before("paragraph", "line_block", line_block_rule)  # | a line kept as written
    return md
