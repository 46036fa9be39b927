"""The EPUB writer: one XHTML file per entry of the book's order, the navigation, the metadata;
the print edition's page numbers come in as the page map."""

from __future__ import annotations

import datetime
from pathlib import Path

from ebooklib import epub

from ...model import Book
from .archive import normalise_zip
from .package import Package


def write_epub(book: Book, pages: dict[str, int], target: Path, modified: datetime.datetime) -> None:
    """Write the EPUB to `target`, reproducibly; `pages` is the print edition's page map."""
    package = Package(book, pages).build()
    epub.write_epub(str(target), package, {"epub3_pages": False, "mtime": modified,
                                           "epub3_landmark": False, "spine_direction": False})
    normalise_zip(target, modified, book.meta.language)
