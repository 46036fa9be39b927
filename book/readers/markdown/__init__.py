"""Markdown files -> sections of the model (the only markdown_it imports are in this package)."""

from __future__ import annotations

from pathlib import Path

from ...errors import Location, Report
from ...files import read_text
from ...model import Section, Text
from . import rules  # noqa: F401  (registers the token rules)
from .frontmatter import take_front_matter
from .reader import ChapterReader

UNTITLED_KINDS = ("front", "colophon")  # a dedication, a list of abbreviations: no heading needed


def read_section(path: Path, root: Path, kind: str, report: Report, language: str = "en", *,
                 first: bool = False) -> Section | None:
    """Read one manuscript file (YAML front matter first); report and skip it when it cannot be read.

    The title is the file's `# Title`, else its front matter's `title:`; front matter and the
    colophon may have none (they print without a heading, and are not in the contents).
    `language` is the book's; a later file's own `lang:` is that file's.
    """
    text = read_text(path, report)
    if text is None:
        return None
    body, meta = take_front_matter(text, path, report, first)
    start = body.count("\n", 0, len(body) - len(body.lstrip("\n"))) + 1  # the first line of Markdown
    own = meta.get("lang") if meta is not None and not first else None
    reader = ChapterReader(path, root, report, own if isinstance(own, str) else language)
    title, blocks = reader.read(body)
    if not title and meta is not None and isinstance(meta.get("title"), str):
        title = [Text(str(meta.get("title")))]
    if not title and kind not in UNTITLED_KINDS:
        report.error(Location(path, start), "the file does not start with a title",
                     "make the first line a level-1 heading: '# Chapter title' (or give it a `title:` "
                     "in YAML front matter)")
    if not blocks and kind in ("chapter", "front", "back"):
        report.error(Location(path, start), "the chapter is empty", "write its text, or remove it from book.toml")
    section = Section(kind, title, blocks, path=path)
    if reader.title_attributes is not None:  # `# Appendix: Data {#sec:data .appendix}`
        section.label = reader.title_attributes.id
        section.classes = reader.title_attributes.classes
    if isinstance(own, str):
        section.lang = own
    return section
