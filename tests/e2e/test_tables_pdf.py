"""Tables in the built book: every syntax with its caption in the PDF and the EPUB, and a long
table broken across pages between rows, its head repeated at the top of each page."""

from __future__ import annotations

import re

import pytest
from conftest import build, epub_files, epubcheck, make_manuscript, pdf_pages

pytestmark = pytest.mark.slow  # builds a PDF and an EPUB

TABLES = """\
# Tables

Some text before the tables.

Table: Pipe fruit prices. {#tbl:pipe}

| Fruit   | Price |
|:--------|------:|
| Apricot | 1.20  |
| Quince  | 3.40  |

  Planet     Moons   Ringed
---------  -------  -------
  Mercury        0       no
  Saturn       146      yes

Table: Simple planets and moons.

-------------------------------------------------------------
 Centered   Default           Right Left
  Header    Aligned         Aligned Aligned
----------- ------- --------------- -------------------------
   First    row                12.0 Example of a row that
                                    spans multiple lines.

  Second    row                 5.0 Here's another one. Note
                                    the blank line between
                                    rows.
-------------------------------------------------------------

Table: Multiline example of rows. {#tbl:multi}

: Grid sample of fruits. {#tbl:grid}

+---------------+---------------+--------------------+
| Fruit         | Price         | Advantages         |
+===============+===============+====================+
| Bananas       | $1.34         | - built-in wrapper |
|               |               | - bright color     |
+---------------+---------------+--------------------+
| Oranges       | $2.10         | - cures scurvy     |
|               |               | - tasty            |
+---------------+---------------+--------------------+

Some text after the tables.
"""

CAPTIONS = ["Pipe fruit prices.", "Simple planets and moons.", "Multiline example of rows.", "Grid sample of fruits."]
CELLS = ["Apricot", "Saturn", "Example of a row that spans multiple lines.", "built-in wrapper", "cures scurvy"]
ROWS = 120
HEAD = "Entry Quantity Remark"


def long_table() -> str:
    """A 120-row pipe table whose remarks run over two or three lines: a row that could split."""
    rows = []
    for i in range(1, ROWS + 1):
        words = " ".join(["remark"] * (4 + i % 9))
        rows.append(f"| E{i:03d} | {i * 7} | A{i:03d} {words} Z{i:03d} |")
    return ("# Ledger\n\nA long table follows.\n\nTable: The long ledger. {#tbl:ledger}\n\n"
            "| Entry | Quantity | Remark |\n|-------|---------:|--------|\n" + "\n".join(rows) + "\n\nThe end.\n")


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    source = make_manuscript(tmp_path_factory.mktemp("tables") / "book",
                             {"tables.md": TABLES, "ledger.md": long_table()})
    assert build(source) == 0
    return source / "dist"


@pytest.fixture(scope="module")
def pages(book):
    return pdf_pages(book / "book.pdf")


def test_every_table_and_its_caption_is_printed(pages):
    text = " ".join(pages)
    for caption in CAPTIONS + ["The long ledger."]:
        assert caption in text, caption
    for cell in CELLS:
        assert cell in text, cell
    for page in pages:
        assert "+---" not in page and "+===" not in page and "| " not in page
        assert "Table:" not in page and "{#tbl:" not in page and "data-widths" not in page


def test_the_captions_stand_above_their_tables(pages):
    text = " ".join(pages)
    for caption, cell in zip(CAPTIONS, ["Fruit Price", "Planet Moons", "Centered", "Fruit Price Advantages"]):
        at = text.index(caption)
        assert text.index(cell, at) > at  # the head follows the caption


def ledger_pages(pages) -> list[int]:
    return [n for n, page in enumerate(pages) if re.search(r"\bE\d{3}\b", page)]


def test_a_long_table_breaks_across_pages_with_its_head_on_each(pages):
    spanned = ledger_pages(pages)
    assert len(spanned) >= 3, spanned
    for n in spanned:
        page = pages[n]
        first_row = re.search(r"\bE\d{3}\b", page)
        assert first_row is not None
        head = page.find(HEAD)
        assert 0 <= head < first_row.start(), (n, page[:200])  # the head above the page's first row


def test_no_row_is_split_between_pages(pages):
    for i in range(1, ROWS + 1):
        where = [n for n, page in enumerate(pages) if f"E{i:03d}" in page]
        ends = [n for n, page in enumerate(pages) if f"Z{i:03d}" in page]
        starts = [n for n, page in enumerate(pages) if f"A{i:03d}" in page]
        assert len(where) == 1 and where == ends == starts, (i, where, starts, ends)


def test_every_table_is_in_the_epub(book):
    files = epub_files(book / "book.epub")
    markup = "\n".join(text for name, text in files.items() if name.endswith(".xhtml") and "nav" not in name)
    assert markup.count("<table") == 5
    assert markup.count("<caption") == 5
    for caption in CAPTIONS + ["The long ledger."]:
        assert caption in re.sub(r"<[^>]+>", "", markup), caption
    assert markup.count("<colgroup>") == 2  # the multiline and the grid table have widths
    assert '<col style="width: 30%" />' in markup
    assert "<tfoot" not in markup and "<ul>" in markup  # the grid table's lists
    for text in ("+---", "+===", "Table:", "{#tbl:", "data-widths"):
        assert text not in markup, text


def test_epubcheck_has_nothing_to_say(book):
    assert epubcheck(book / "book.epub") == []
