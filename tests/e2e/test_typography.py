"""Typography that must survive into both books: no-break spaces (transforms/typography.py) and
the 3-em dash for a repeated author in the bibliography (transforms/citations.py)."""

import re

import pdfplumber
import pytest
from conftest import built, epub_files, pdf_pages

pytestmark = pytest.mark.slow  # builds PDFs or EPUBs: not in the fast lane

NBSP = "\u00a0"
TIES = ["M.\u00a0B.\u00a0Kogan", "22\u00a0July 1954", "p.\u00a012"]
DASH = "\u2014\u2014\u2014"


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    return built("typography", tmp_path_factory)


def test_the_epub_keeps_the_no_break_spaces(dist):
    chapter = epub_files(dist / "book.epub")["EPUB/ch-one.xhtml"]
    text = re.sub(r"<[^>]+>", "", chapter)
    for tie in TIES:
        assert tie in text, tie
        assert tie.replace(NBSP, " ") not in text, f"'{tie}' with a plain space"


def test_the_pdf_never_breaks_a_line_inside_a_tie(dist):
    # The chapter holds each tie a dozen times at different places in the line: without the
    # no-break spaces, some of them fall at a line's end.
    breaks = []
    with pdfplumber.open(dist / "book.pdf") as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            lines = (page.extract_text() or "").splitlines()
            for line, following in zip(lines, lines[1:]):
                pair = f"{line.rstrip()} | {following.lstrip()}"
                if re.search(r"(\bM\.|\bM\. B\.|\b22|\bp\.) \| (B\.|Kogan|July|12\b)", pair.replace(NBSP, " ")):
                    breaks.append((number, pair))
    assert breaks == []
    assert sum(text.count("Kogan") for text in pdf_pages(dist / "book.pdf")) >= 20  # the ties are printed


def test_a_repeated_author_is_printed_again(dist):
    # CMOS 18 (13.72) no longer replaces a repeated name with the 3-em dash of earlier editions.
    page = epub_files(dist / "book.epub")["EPUB/bibliography.xhtml"]
    entries = [re.sub(r"<[^>]+>", "", e) for e in re.findall(r"<li(?:\s[^>]*)?>(.*?)</li>", page, re.S)]
    assert len(entries) == 3 and entries[0].startswith("Applebaum, Anne. ")
    assert entries[1].startswith("Conquest, Robert. ") and entries[2].startswith("Conquest, Robert. The Harvest")
    pdf = " ".join(t for t in pdf_pages(dist / "book.pdf") if "Bibliography" in t and "Contents" not in t)
    assert DASH not in pdf and pdf.count("Conquest, Robert") == 2
