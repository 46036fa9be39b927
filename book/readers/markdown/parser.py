"""The Markdown parser: CommonMark and its plugins as a named chain (markdown-it-py). A Markdown
extension is a plugin added here and a rule for its tokens in reader.py."""

from __future__ import annotations

from markdown_it import MarkdownIt
from mdit_py_plugins.attrs import attrs_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .citations import citation_rule


def make_parser() -> MarkdownIt:
    """CommonMark with tables, strikethrough, smart punctuation, footnotes and citations."""
    md = MarkdownIt("commonmark", {"typographer": True, "html": True})
    md.enable(["table", "strikethrough", "replacements", "smartquotes"])
    md.options["quotes"] = "\u201c\u201d\u2018\u2019"
    md.use(footnote_plugin, inline=False, move_to_end=False)
    md.inline.ruler.before("link", "citation", citation_rule)
    # Bracketed spans settle the index of names: [Kogan]{.name key=kogan-bb}, [Stalin]{.noindex}.
    md.use(attrs_plugin, spans=True, allowed=["class", "key", "lang"])
    return md
