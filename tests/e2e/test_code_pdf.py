"""Code in the built book: a line far longer than the text block is wrapped with a mark and
nothing of it is cut off in the PDF; the EPUB carries the highlighting and passes EPUBCheck."""

from __future__ import annotations

import re

import pdfplumber
import pytest
from conftest import build, epub_files, epubcheck, make_manuscript, pdf_pages

from book.transforms.code import COLUMNS, LOOKBACK, MARK, wrap_points

pytestmark = pytest.mark.slow  # builds a PDF and an EPUB

PARAGRAPH = ("The builder sets running text in a justified column, so that the widest line of a "
             "paragraph shows where the right edge of the text block lies on the page. ") * 3
LONG = ("    result = compute_something(first_argument, second_argument, third_argument, "
        "fourth_argument=4, fifth='five', sixth=[6, 6.0], seventh=None, eighth_value=8, ninth=9.5)  # the end")
CHAPTER = (f"# Code\n\n{PARAGRAPH}\n\n```python\ndef main():\n{LONG}\n    return result\n```\n\n"
           f"{PARAGRAPH}\n")


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    assert len(LONG) == 180
    root = make_manuscript(tmp_path_factory.mktemp("code") / "book", {"code.md": CHAPTER})
    assert build(root) == 0
    return root / "dist"


def is_code(char: dict) -> bool:
    return "Mono" in char["fontname"]


def code_page(pdf) -> int:
    return next(i for i, page in enumerate(pdf.pages) if any(is_code(c) for c in page.chars))


def test_every_character_of_the_code_lies_inside_the_text_block(dist):
    with pdfplumber.open(dist / "book.pdf") as pdf:
        page = pdf.pages[code_page(pdf)]
        code = [c for c in page.chars if is_code(c)]
        body = [c for c in page.chars if not is_code(c) and abs(c["size"] - 10.5) < 0.1]
        assert code and body
        right = max(c["x1"] for c in body)  # a full justified line reaches the right margin
        left = min(c["x0"] for c in body)
        outside = [c["text"] for c in code if c["x1"] > right + 0.5 or c["x0"] < left - 0.5]
        assert not outside, (right, max(c["x1"] for c in code), outside)
        marks = [c for c in code if c["text"] == MARK[0]]
        assert len(marks) == len(wrap_points(LONG)) == 3  # 180 columns: lines of 61, then 59 and a mark
        advance = code[0]["x1"] - code[0]["x0"]
        assert right - left >= COLUMNS * advance  # a full line of COLUMNS fits the block
        assert max(c["x1"] for c in code) > left + (COLUMNS - LOOKBACK) * advance  # and wraps are not early


def test_the_whole_long_line_is_on_the_page(dist):
    with pdfplumber.open(dist / "book.pdf") as pdf:
        number = code_page(pdf)
    text = pdf_pages(dist / "book.pdf")[number]
    for token in re.findall(r"\w+|[^\w\s]", LONG):
        assert token in text, token
    joined = re.sub(r"\s+", "", text.replace(MARK.strip(), ""))
    assert re.sub(r"\s+", "", LONG) in joined


def test_the_epub_has_the_token_spans_and_passes_epubcheck(dist):
    files = epub_files(dist / "book.epub")
    chapter = next(text for name, text in files.items() if "<pre" in text)
    for cls in ("tok-k", "tok-nf", "tok-s1", "tok-c1", "code-continuation"):
        assert f'class="{cls}"' in chapter, cls
    assert 'aria-hidden="true"' in chapter
    assert epubcheck(dist / "book.epub") == []
