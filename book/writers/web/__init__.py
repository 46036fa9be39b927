"""The web edition: a static site (one page per section of the book, a landing page with the
downloads, the fonts, a search index), written into a staged folder that the build publishes
whole; made by the same renderer and from the same order and page map as the EPUB."""

from __future__ import annotations

from pathlib import Path

from ...model import Book
from ...store import Cache
from .site import Site


def write_web(book: Book, pages: dict[str, int], folder: Path, downloads: dict[str, Path],
              cache: Cache, base_url: str = "") -> None:
    """Write the site into `folder` (empty); `downloads` are the files the landing page offers
    (name in the site -> the file to copy), `pages` the print edition's page map."""
    for name, data in sorted(Site(book, pages, downloads, cache, base_url).files().items()):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
