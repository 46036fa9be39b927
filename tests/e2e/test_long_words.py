"""A word longer than the line is broken at the margin in the PDF, never left running off the page."""

import pytest
from conftest import build, make_manuscript

pytestmark = pytest.mark.slow  # builds PDFs or EPUBs: not in the fast lane

WORD = "1234567890" * 8  # no hyphenation point: only overflow-wrap can break it


def test_no_character_runs_past_the_text_block(tmp_path):
    import pdfplumber
    root = make_manuscript(tmp_path / "m", {"one.md": f"# One\n\nThe {WORD} met, as did the {WORD}{WORD}.\n"})
    assert build(root, "--pdf") == 0
    with pdfplumber.open(root / "dist" / "book.pdf") as pdf:
        page = next(p for p in pdf.pages if "12345678901234" in (p.extract_text() or ""))
        body = [c for c in page.chars if c["size"] > 9]  # the text, not the folio or the running head
        right = max(c["x1"] for c in body)
        assert right <= page.width - 40, (right, page.width)  # inside the outer margin
        assert "met, as did the" in page.extract_text()
