"""Markdown files -> sections of the model (the only markdown_it imports are in this package)."""

from __future__ import annotations

from pathlib import Path

from ...errors import Location, Report
from ...files import read_text
from ...model import Section
from .reader import ChapterReader


def read_section(path: Path, root: Path, kind: str, report: Report) -> Section | None:
    """Read one manuscript file; report and skip it when it cannot be read."""
    text = read_text(path, report)
    if text is None:
        return None
    reader = ChapterReader(path, root, report)
    title, blocks = reader.read(text)
    if not title:
        report.error(Location(path, 1), "the file does not start with a title",
                     "make the first line a level-1 heading: '# Chapter title'")
    if not blocks and kind in ("chapter", "front", "back"):
        report.error(Location(path, 1), "the chapter is empty", "write its text, or remove it from book.toml")
    return Section(kind, title, blocks, path=path)
