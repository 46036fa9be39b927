"""Pandoc's simple, multiline and grid tables and table captions, as a markdown-it plugin.

The package: common.py (lines, columns, widths, emitting the tokens), simple.py (simple and
multiline tables), grid.py (grid tables), captions.py (`Table:` captions).

`tables_plugin(md)` adds three block rules just before markdown-it's pipe-table rule
("grid_table", "multiline_table", "simple_table"), one before "paragraph" (and so before a
definition list's rule added later: "table_caption_paragraph"), one core rule after "block"
("table_caption") and one at the end ("grid_table_text", below). The tables come out as
the tokens markdown-it makes for pipe tables:

    table_open      tag table, map [first line, end line); attrs: id="tbl:x" when the caption
                    has a {#tbl:x} label; data-widths="30,20,50" (percent, summing to 100) for
                    multiline and grid tables
      table_caption_open  tag caption, then an inline token, then table_caption_close
                    (only when a caption was found; always the first child of the table)
      thead_open / tbody_open / tfoot_open (tfoot only for grid tables with a foot)
        tr_open
          th_open / td_open   attrs style="text-align:left|center|right" (none for default)
            inline            the cell's text, as inline Markdown (multiline cells joined by spaces)
            -- or, in a grid-table cell holding more than one paragraph or other blocks:
            the block tokens (paragraph_open, inline, paragraph_close, bullet_list_open, ...)
          th_close / td_close
        tr_close
      thead_close / tbody_close / tfoot_close
    table_close

Every opening token and every inline token has a .map of source lines. Headerless tables
have no thead. A text that starts like a grid table but cannot be read as one (a cell
spanning rows or columns, a '|' out of line, no closing border) becomes a `table_error`
token (hidden, nesting 0, .content the message, .map the offending line, .meta["table"]
the lines of the would-be table) followed by a paragraph holding the lines as written
(text tokens joined by hardbreaks, no inline Markdown: the core rule "grid_table_text",
pushed last), so that no text is lost. Simple and multiline tables that do not parse are left to the
other rules (paragraphs, rules, headings) without a message, as pandoc does.

Deliberate differences from pandoc: a simple or multiline table needs at least two
columns (a one-column one is a thematic break and a setext heading in CommonMark);
a dashed line starting "- " is a list item, not a table; text to the left of the first
column is kept in the first cell rather than dropped.

Every scan is linear in the lines it looks at, and a scan that fails marks the lines it
passed so that a later attempt from inside them stops at once (see common._Dead).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .captions import caption_paragraph, table_caption
from .grid import grid_table, verbatim_text
from .simple import multiline_table, simple_table

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

__all__ = ["tables_plugin"]


def tables_plugin(md: MarkdownIt) -> None:
    """Add pandoc's grid, multiline and simple tables and table captions to `md`."""
    md.block.ruler.before("table", "grid_table", grid_table)
    md.block.ruler.before("table", "multiline_table", multiline_table)
    md.block.ruler.before("table", "simple_table", simple_table)
    md.block.ruler.before("paragraph", "table_caption_paragraph", caption_paragraph)  # before a deflist's
    md.core.ruler.after("block", "table_caption", table_caption)
    md.core.ruler.push("grid_table_text", verbatim_text)  # a refused grid table's lines, as written
