"""TeX math on its own: the SVG the math renderer makes is drawn by WeasyPrint without a word,
and its MathML passes EPUBCheck."""

import ast
import io
import logging
import re
import zipfile
from pathlib import Path

import pypdf
import pytest
import weasyprint
from conftest import epubcheck

from book.writers.math import render_math

pytestmark = pytest.mark.slow  # lays out a page with WeasyPrint

SAMPLE = r"\operatorname*{arg\,min}_x \sum_{i=1}^n \left( y_i - \boldsymbol{\beta} \cdot x_i \right)^2"


class Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_weasyprint_draws_inline_and_display_svg_without_warnings():
    inline, display = (
        render_math(r"\frac{a}{b} + x_i^2", False),
        render_math(SAMPLE, True),
    )
    html = (
        "<html><body style='font-size: 10.5pt'>"
        f"<p>Text {inline.svg} text.</p><div>{display.svg}</div></body></html>"
    )
    handler = Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        pdf = weasyprint.HTML(string=html).write_pdf()
    finally:
        logger.removeHandler(handler)
    assert [record.getMessage() for record in handler.records] == []
    content = (
        pypdf.PdfReader(io.BytesIO(pdf))
        .pages[0]
        .get_contents()
        .get_data()
        .decode("latin-1")
    )
    # The glyph outlines arrive as filled Bézier paths, not as text.
    assert content.count(" c\n") > 100
    assert re.search(r"^f\*?$", content, flags=re.MULTILINE)



# The MathML of every supported formula, inline and displayed, in the smallest EPUB 3: EPUBCheck
# takes it (moved here from tests/unit/test_math.py: the fast lane runs no Java).

UNIT_SUPPORTED = Path(__file__).parents[1] / "unit" / "test_math.py"


def supported() -> list[str]:
    """The formulas tests/unit/test_math.py lists as supported (read, not imported: the unit
    module is not importable from here under its own name)."""
    tree = ast.parse(UNIT_SUPPORTED.read_text(encoding="utf-8"))
    node = next(n for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "SUPPORTED")
    return ast.literal_eval(node.value)


def write_epub(path: Path, body: str) -> None:
    """The smallest EPUB 3 that EPUBCheck accepts, with one page holding `body`."""
    opf = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id">'
        '<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<dc:identifier id="id">urn:uuid:12345678-1234-4234-8234-123456789abc</dc:identifier>'
        "<dc:title>Math</dc:title><dc:language>en</dc:language>"
        '<meta property="dcterms:modified">2024-01-01T00:00:00Z</meta></metadata>'
        '<manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>'
        '<item id="m" href="math.xhtml" media-type="application/xhtml+xml" properties="mathml"/></manifest>'
        '<spine><itemref idref="m"/></spine></package>'
    )
    page = (
        '<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:epub="http://www.idpf.org/2007/ops" xml:lang="en"><head><title>{title}</title></head>'
        "<body>{body}</body></html>"
    )
    nav = '<nav epub:type="toc"><ol><li><a href="math.xhtml">Math</a></li></ol></nav>'
    container = (
        '<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">'
        '<rootfiles><rootfile full-path="EPUB/package.opf" media-type="application/oebps-package+xml"/>'
        "</rootfiles></container>"
    )
    with zipfile.ZipFile(path, "w") as epub:
        epub.writestr("mimetype", "application/epub+zip", compress_type=zipfile.ZIP_STORED)
        epub.writestr("META-INF/container.xml", container)
        epub.writestr("EPUB/package.opf", opf)
        epub.writestr("EPUB/nav.xhtml", page.format(title="Contents", body=nav))
        epub.writestr("EPUB/math.xhtml", page.format(title="Math", body=body))


def test_epubcheck_accepts_the_mathml(tmp_path):
    formulas = supported()
    assert len(formulas) > 40
    inline = "".join(f"<p>Text {render_math(tex, False).mathml} text.</p>" for tex in formulas)
    display = "".join(f"<div>{render_math(tex, True).mathml}</div>" for tex in formulas)
    unknown_tex = r"\foo + \begin{bar} a & b \end{bar}"
    unknown = f"<p>{render_math(unknown_tex, False).mathml}</p>"
    write_epub(tmp_path / "math.epub", inline + display + unknown)
    assert epubcheck(tmp_path / "math.epub") == []
