"""No widow on any page, checked on the PDF itself (pdf_lines.py reads the printed lines with
pdfplumber and knows nothing of the builder's own detector, book/paginate/inspect.py)."""

import pytest
from conftest import copy_root
from pdf_lines import body_pages, widows

from book.build.options import Options
from book.build.pipeline import build as build_book

pytestmark = pytest.mark.slow  # builds PDFs or EPUBs: not in the fast lane


def test_the_real_book_has_no_widow(real_book):
    result, out = real_book
    assert widows(out / "book.pdf") == []
    assert [str(w) for w in result.report.warnings if "widow" in w.message] == []


def test_the_check_reads_body_lines_only(real_book):
    # Running heads, folios and notes are not body lines: on a page of running text every body
    # line starts at one of two places (the margin, or a paragraph's indent).
    _, out = real_book
    pages = [p for p in body_pages(out / "book.pdf") if len(p.lines) > 20]
    assert len(pages) > 10
    for page in pages:
        assert all(page.left - 1 < line.x0 and line.x1 < page.right + 1 for line in page.lines), page.number
        assert all(not line.text.strip().isdigit() for line in page.lines), page.number  # no folio


def build_widows_root(tmp_path):
    source = copy_root("widows", tmp_path)
    result = build_book(Options(source=source, out=source / "dist", epub=False))
    return result, source / "dist" / "book.pdf"


def test_a_manuscript_that_provokes_widows_has_none(tmp_path):
    result, pdf = build_widows_root(tmp_path)
    assert widows(pdf) == []
    assert [str(w) for w in result.report.warnings if "widow" in w.message] == []


def test_without_the_repair_the_same_manuscript_has_widows(tmp_path, monkeypatch):
    # The root really provokes widows, and the check really sees them: with the builder's widow
    # detector switched off (so no repair round sets `widows: 2`), the PDF has some.
    import book.paginate
    import book.paginate.repair
    monkeypatch.setattr(book.paginate.repair, "widowed_blocks", lambda document: [])
    monkeypatch.setattr(book.paginate, "widowed_blocks", lambda document: [])
    _, pdf = build_widows_root(tmp_path)
    assert len(widows(pdf)) >= 2
