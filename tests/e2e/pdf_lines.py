"""The printed page read back from the PDF with pdfplumber, knowing nothing of the builder:
the lines of the body text (running head, folio and notes left out), and the widows among them.

A widow here is a page whose first body line is the last line of a paragraph that began on the
page before: the previous page's last body line runs to the right margin (the paragraph goes
on), and this page's first line starts at the left margin (no new paragraph's indent), ends
well short of the right margin (a paragraph's last line in justified text), and is followed by
a new paragraph (an indented line), a heading or space, or nothing.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

INCH = 72.0
# The print style's page (book/styles/print.css): 6 x 9 in, margins top 0.75, bottom 0.85 in,
# inner 0.9 in and outer 0.7 in.
TOP, BOTTOM, INNER, OUTER = 0.75 * INCH, 0.85 * INCH, 0.9 * INCH, 0.7 * INCH


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    bottom: float


@dataclass
class Page:
    number: int  # 1-based, in the PDF
    lines: list[Line]  # the body text's lines, top to bottom
    left: float  # the text block's edges on this page
    right: float


def body_size(pdf) -> float:
    """The body text's font size: the size most characters of the book are set in (notes are
    smaller, headings larger)."""
    sizes = Counter(round(c["size"], 1) for page in pdf.pages for c in page.chars if c["text"].strip())
    return sizes.most_common(1)[0][0]


def body_pages(path: Path) -> list[Page]:
    import pdfplumber
    pages = []
    with pdfplumber.open(path) as pdf:
        size = body_size(pdf)
        for number, page in enumerate(pdf.pages, start=1):
            # Odd pages (rectos) have the inner margin on the left.
            left, right = (INNER, page.width - OUTER) if number % 2 else (OUTER, page.width - INNER)
            chars = [c for c in page.chars if abs(c["size"] - size) < 0.05 and c["top"] >= TOP - 2
                     and c["bottom"] <= page.height - BOTTOM + 2]
            pages.append(Page(number, _lines(chars), left, right))
    return pages


def _lines(chars) -> list[Line]:
    rows: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (c["bottom"], c["x0"])):
        if rows and abs(rows[-1][0]["bottom"] - char["bottom"]) < 2:
            rows[-1].append(char)
        else:
            rows.append([char])
    lines = []
    for row in rows:
        row.sort(key=lambda c: c["x0"])
        visible = [c for c in row if c["text"].strip()]
        if visible:
            lines.append(Line("".join(c["text"] for c in row), visible[0]["x0"], visible[-1]["x1"],
                              row[0]["bottom"]))
    return lines


def widows(path: Path, em: float = 10.5) -> list[tuple[int, str]]:
    """(PDF page number, the widowed line) for every widow in the PDF at `path`."""
    pages = body_pages(path)
    found = []
    for previous, page in zip(pages, pages[1:]):
        if not previous.lines or not page.lines:
            continue
        last, first = previous.lines[-1], page.lines[0]
        continued = last.x1 > previous.right - 1.5
        at_margin = first.x0 < page.left + 1
        short = first.x1 < page.right - 2 * em
        if len(page.lines) > 1:
            after = page.lines[1]
            ends_paragraph = after.x0 > page.left + 0.8 * em or after.bottom - first.bottom > 1.5 * 13.5
        else:
            ends_paragraph = True
        if continued and at_margin and short and ends_paragraph:
            found.append((page.number, first.text))
    return found
