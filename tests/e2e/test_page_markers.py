"""'Go to page N' in the EPUB lands on the first word of print page N also where the page begins
inside a block that is not a paragraph: a quotation of several paragraphs, a definition list,
a long table (whose header the print edition repeats on each page), a list."""

from __future__ import annotations

import re

import pytest
from conftest import epub_files, epubcheck, make_manuscript, pdf_pages, run_cli

pytestmark = pytest.mark.slow

WORDS = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau upsilon".split()


def _words(n: int, count: int) -> str:
    """`count` words, each unique to the block (numbered n)."""
    return " ".join(f"{WORDS[(n * 7 + i) % len(WORDS)]}{n}" for i in range(count))


def _manuscript(root):
    quote = "\n>\n".join(f"> {_words(n, 40)}" for n in range(1000, 1030))
    terms = "\n\n".join(f"Term{n} {WORDS[n % 20]}\n:   {_words(n, 25)}" for n in range(60))
    rows = "\n".join(f"| r{n} {_words(n, 3)} | {_words(n + 100, 12)} |" for n in range(120))
    items = "\n".join(f"- {_words(n, 30)}" for n in range(2000, 2040))
    text = (f"# One\n\nOpening paragraph.\n\n{quote}\n\n{terms}\n\n| Key | Value |\n|---|---|\n{rows}\n\n"
            f"{items}\n\nClosing paragraph.\n")
    return make_manuscript(root, {"one.md": text})


def test_every_page_marker_stands_before_the_first_words_of_its_page(tmp_path):
    source = _manuscript(tmp_path / "m")
    result = run_cli(source)
    assert result.returncode == 0, result.stderr
    pages = pdf_pages(source / "dist" / "book.pdf")
    body = next(n for n, p in enumerate(pages) if p.startswith("Chapter 1"))
    text = epub_files(source / "dist" / "book.epub")["EPUB/ch-one.xhtml"]
    markers = re.findall(r'id="page-(\d+)"[^>]*></span>(.{0,400})', text, re.S)
    assert [int(m[0]) for m in markers] == list(range(1, len(markers) + 1)) and len(markers) > 20  # every page
    for page, after in markers:
        words = re.sub(r"<[^>]+>", " ", after).split()[:3]
        # the page's text, its folio and running head aside, and a repeated table header
        printed = pages[body + int(page) - 1].replace("Key Value ", "")
        assert " ".join(words) in printed[:200], (page, words, printed[:120])
    assert epubcheck(source / "dist" / "book.epub") == []
