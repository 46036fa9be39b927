"""The token rules of the Markdown reader, one module a family; importing this package registers
them all with reader.py's tables."""

from . import blocks, figures, html, inlines, math, pandoc, tables  # math after figures: it wraps their paragraph rule

__all__ = ["blocks", "figures", "html", "inlines", "math", "pandoc", "tables"]
