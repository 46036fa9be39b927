"""A chapter with TeX math builds: in the PDF the math is drawn (SVG paths), none of its TeX is
printed and WeasyPrint says nothing; in the EPUB it is MathML that EPUBCheck accepts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPOSITORY, epub_files, epubcheck, make_manuscript, pdf_pages, run_cli

pytestmark = pytest.mark.slow

CHAPTER = r"""# Equations

The energy $E = mc^2$ of a body at rest, with $\frac{a}{b}$ and $y_i^2$ in the line.

$$ E = mc^2 $$ {#eq:energy}

The least squares estimate, displayed without a number:

$$
\operatorname*{arg\,min}_x \sum_{i=1}^n \left( y_i - \boldsymbol{\beta} \cdot x_i \right)^2
$$

An aligned block, labelled:

$$
\begin{aligned}
  a &= b + c \\
  d &= \frac{e}{f} + \sqrt{g}
\end{aligned}
$$ (eq:aligned)

As @eq:energy shows, and @eq:aligned. An unknown $\foo + x$ macro.
"""


@pytest.fixture(scope="module")
def math_book(tmp_path_factory) -> tuple[Path, str]:
    """The book built by build.py, as an author runs it: its output folder and what it said."""
    root = make_manuscript(tmp_path_factory.mktemp("math") / "book", {"01-equations.md": CHAPTER})
    result = run_cli(root, "--out", str(root / "dist"))
    assert result.returncode == 0, result.stderr
    return root / "dist", result.stderr


def test_the_build_names_the_unknown_macro_and_weasyprint_says_nothing(math_book):
    _, said = math_book
    assert "weasyprint says" not in said.lower(), said
    assert re.search(r"01-equations\.md:22: math: \\foo is not a macro the renderer knows", said), said


def test_the_pdf_prints_no_tex_and_numbers_the_labelled_formulas(math_book):
    out, _ = math_book
    page = next(p for p in pdf_pages(out / "book.pdf") if "least squares" in p)
    for tex in ("$$", "$", r"\begin", r"\end", r"\frac", r"\sum", "&=", "{#eq", "eq:", "(eq"):
        assert tex not in page, tex
    assert "(1.1)" in page and "(1.2)" in page
    assert "equation (1.1)" in page or "Equation (1.1)" in page


def test_the_pdf_draws_the_math(math_book):
    import pdfplumber
    out, _ = math_book
    with pdfplumber.open(out / "book.pdf") as pdf:
        page = next(p for p in pdf.pages if "least squares" in (p.extract_text() or ""))
        curves = page.curves
        assert len(curves) > 20, "the glyphs of the formulas are not drawn"
        # The displayed formulas lie inside the text block, centred on it.
        words = page.extract_words()
        left = min(w["x0"] for w in words)
        right = max(w["x1"] for w in words)
        assert all(left - 1 <= c["x0"] and c["x1"] <= right + 1 for c in curves)


def test_the_epub_has_mathml_with_alttext_and_the_manifest_says_so(math_book):
    out, _ = math_book
    files = epub_files(out / "book.epub")
    chapter = next(text for name, text in files.items() if "<math" in text)
    maths = re.findall(r"<math [^>]*>", chapter)
    assert len(maths) == 7
    assert all('alttext="' in m for m in maths)
    assert sum('display="block"' in m for m in maths) == 3
    assert chapter.count('<span class="equation-number">') == 2
    assert r"\frac" not in re.sub(r'alttext="[^"]*"', "", chapter)
    opf = next(text for name, text in files.items() if name.endswith(".opf"))
    documents_with_math = [m for m in re.findall(r"<item [^>]*>", opf) if 'properties="mathml"' in m]
    assert len(documents_with_math) == 1 and "01-equations" in documents_with_math[0]


def test_epubcheck_accepts_the_book(math_book):
    out, _ = math_book
    assert epubcheck(out / "book.epub") == []


def test_the_stylesheets_have_a_math_section():
    print_css = (REPOSITORY / "book" / "styles" / "print.css").read_text(encoding="utf-8")
    epub_css = (REPOSITORY / "book" / "styles" / "epub.css").read_text(encoding="utf-8")
    assert "/* Math" in print_css and "/* Math" in epub_css
    start = epub_css.index("/* Math")
    end = epub_css.find("\n/*", start + 1)
    math_epub = epub_css[start:end if end > 0 else None]
    assert "equation" in math_epub
    assert not re.search(r"\d(px|pt)\b|#[0-9a-f]{3}|rgb|color", math_epub, flags=re.IGNORECASE)
