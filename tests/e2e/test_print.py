"""The printed book as a reader sees it: margins kept, folios and running heads right."""

import re

import pdfplumber
import pytest
from conftest import pdf_pages

pytestmark = pytest.mark.slow  # builds PDFs or EPUBs: not in the fast lane

INCH = 72


@pytest.fixture(scope="module")
def pdf(real_book):
    _, out = real_book
    with pdfplumber.open(out / "book.pdf") as document:
        yield document


def test_no_line_runs_into_the_margin(pdf):
    overfull = []
    for number, page in enumerate(pdf.pages, start=1):
        inner, outer = 0.9 * INCH, 0.7 * INCH
        left, right = (inner, page.width - outer) if number % 2 else (outer, page.width - inner)
        overfull += [(number, c["text"]) for c in page.chars
                     if c["text"].strip() and (c["x1"] > right + 0.5 or c["x0"] < left - 0.5)]
    assert overfull == []


def test_lines_hold_sixty_to_seventy_characters(real_book):
    _, out = real_book
    with pdfplumber.open(out / "book.pdf") as document:
        texts = [page.extract_text() or "" for page in document.pages]
        opening = next(n for n, t in enumerate(texts) if t.startswith("Introduction"))
        page = document.pages[opening + 1]  # a full page of the introduction's running text
        body = [line for line in page.extract_text().splitlines() if len(line) > 40][2:12]
    average = sum(len(line) for line in body) / len(body)
    assert 60 <= average <= 75, average


def folio_and_head(page) -> tuple[str, str]:
    """The top line of a page: its running head and folio, if any."""
    top = [w for w in page.extract_words() if w["top"] < 0.75 * INCH]
    return " ".join(w["text"] for w in sorted(top, key=lambda w: w["x0"])), page.extract_text()


def test_running_heads_and_folios(pdf, real_book):
    _, out = real_book
    texts = pdf_pages(out / "book.pdf")
    first = next(n for n, t in enumerate(texts) if t.strip().startswith("Introduction") or
                 ("Introduction" in t and "Contents" not in t and "Chapter" not in t[:30]))
    checked = 0
    for index in range(first, len(pdf.pages)):
        head, text = folio_and_head(pdf.pages[index])
        printed = index - first + 1
        if not head:  # a chapter opening or a blank page: no running head
            continue
        if printed % 2:  # recto: the chapter's title, then the folio at the outer edge
            assert head.endswith(str(printed)) and "Investigator" not in head.split()[0], (index, head)
        else:  # verso: the folio, then the book's title
            assert head == f"{printed} The Investigator", head
        checked += 1
    assert checked > 20


def test_front_matter_is_numbered_in_roman(real_book):
    _, out = real_book
    texts = pdf_pages(out / "book.pdf")
    contents = next(t for t in texts if t.lstrip().startswith("Contents"))
    assert re.search(r"\bv\b|\bvii\b", contents)
    assert re.search(r"A Note on Sources[ .]*vii", contents)  # the first front-matter file
