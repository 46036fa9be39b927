"""The only door through which the layout engine reads files: the manuscript folder and the
builder's styles, nothing else (no network, no file outside)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher


class ManuscriptFetcher(URLFetcher):
    """Serves files from the given folders; refuses all else, and remembers what it refused."""

    def __init__(self, roots: list[Path]):
        super().__init__(allowed_protocols=["file"])
        self.roots = [r.resolve() for r in roots]
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        if not url.startswith("file:"):
            return self._refuse(url)
        path = Path(unquote(urlsplit(url).path)).resolve()
        if not any(path.is_relative_to(root) for root in self.roots) or not path.is_file():
            return self._refuse(url)
        return super().fetch(path.as_uri(), headers)

    def _refuse(self, url: str):
        self.refused.append(url)
        raise ValueError(f"refused to fetch {url}: only files inside the manuscript folder are used")
