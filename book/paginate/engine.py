"""XHTML + print CSS -> laid-out pages (WeasyPrint; only the paginate rooms import it)."""

from __future__ import annotations

from pathlib import Path

from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration

from .fetcher import ManuscriptFetcher

STYLES = Path(__file__).parent.parent / "styles"


class Engine:
    """What laying out needs and is worth keeping between builds of one manuscript: the fonts,
    the parsed print style and the fetcher."""

    def __init__(self, source: Path):
        self.source = source.resolve()
        self.style = (STYLES / "print.css").read_text(encoding="utf-8")
        self.fonts = FontConfiguration()
        self.fetcher = ManuscriptFetcher([self.source, STYLES])
        self.css = CSS(string=self.style, base_url=str(STYLES) + "/", font_config=self.fonts,
                       url_fetcher=self.fetcher)

    def render(self, html: str, extra: str = ""):
        """Lay out one HTML document; `extra` is CSS of our own making (first folio, repairs)."""
        stylesheets = [self.css] + ([CSS(string=extra, font_config=self.fonts)] if extra else [])
        return HTML(string=html, base_url=self.source.as_uri() + "/",
                    url_fetcher=self.fetcher).render(stylesheets=stylesheets, font_config=self.fonts)
