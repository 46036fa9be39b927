"""A thesis as pandoc authors write it (tests/roots/thesis): figures, tables, math, code,
cross-references and narrative citations, checked on the printed page and in the EPUB."""

import re

import pdfplumber
import pytest
from conftest import built, epub_files, epubcheck, pdf_pages
from lxml import etree

pytestmark = pytest.mark.slow  # builds PDFs or EPUBs: not in the fast lane

INCH = 72
SOURCE_SYNTAX = ["{#", "$$", "\\begin", "\\frac", ":::", "@fig:", "@tbl:", "@sec:", "@eq:", "@Fig:", "Table:",
                 "+---", "+===", "<!--", "](", "{.appendix", "{width"]
NS = {"x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def thesis(tmp_path_factory):
    return built("thesis", tmp_path_factory)


@pytest.fixture(scope="module")
def text(thesis):
    return " ".join(pdf_pages(thesis / "book.pdf"))


def test_no_source_syntax_reaches_a_page(thesis, text):
    assert [s for s in SOURCE_SYNTAX if s in text] == []
    files = epub_files(thesis / "book.epub")
    shown = " ".join(re.sub(r"<[^>]+>", " ", t) for n, t in files.items() if n.endswith(".xhtml"))
    assert [s for s in SOURCE_SYNTAX if s in shown] == []


def test_figures_tables_and_equations_are_numbered_by_chapter(text):
    for printed in ("Figure 1.1. Boxes counted per shelf", "Figure 1.2. A circle, for comparison",
                    "Table 1.1. Shelves and boxes", "Table 2.1. Results in a grid table", "(1.1)", "(1.2)"):
        assert printed in text, printed


def test_references_print_the_numbers_and_names(text):
    for printed in ("see figure 1.1 for the counts", "set out in chapter 1", "the results in chapter 2",
                    "the raw data in appendix A", "As table 1.1 shows", "figure 1.2 is a circle",
                    "Compare Figure 1.1 with table 1.1 and table 2.1", "The rate of equation (1.1) came out",
                    "the estimate of equation (1.1)",
                    "“Counting boxes” explains", "Appendix A"):
        assert printed in text, printed


def test_narrative_citations_name_the_author_and_keep_the_note(text):
    assert re.search(r"Tufte ?1 argues", text) and re.search(r"Knuth ?2 \[p. 99\]|Knuth ?2 that", text)
    assert "The Visual Display of Quantitative Information" in text
    assert "Knuth" in text and "Literate Programming" in text


def test_nothing_leaves_the_text_block(thesis):
    outside = []
    with pdfplumber.open(thesis / "book.pdf") as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            inner, outer = 0.9 * INCH, 0.7 * INCH
            left, right = (inner, page.width - outer) if number % 2 else (outer, page.width - inner)
            boxes = [(c["x0"], c["x1"], c["text"]) for c in page.chars if c["text"].strip()]
            boxes += [(i["x0"], i["x1"], "image") for i in page.images]
            outside += [(number, t) for x0, x1, t in boxes if x1 > right + 0.5 or x0 < left - 0.5]
    assert outside == []


def test_the_long_code_line_is_wrapped_not_cut(text):
    flat = re.sub(r"\s+|↪", "", text)
    assert re.sub(r"\s+", "", "skipping shelves with no time recorded at all") in flat


def test_epub_has_figcaptions_mathml_tables_and_links_that_land(thesis):
    files = epub_files(thesis / "book.epub")
    method = files["EPUB/ch-02-method.xhtml"]
    assert method.count("<figcaption>") == 2 and "<math" in method and "<caption>" in method
    ids = {name.split("/")[-1]: set(re.findall(r'\sid="([^"]+)"', body)) for name, body in files.items()}
    for name, body in files.items():
        if not name.endswith(".xhtml"):
            continue
        for link in etree.fromstring(body.encode()).iterfind(".//x:a[@class='xref']", NS):
            target, _, anchor = link.get("href").partition("#")
            target = target or name.split("/")[-1]
            assert target in ids and (not anchor or anchor in ids[target]), (name, link.get("href"))


def test_the_thesis_epub_passes_epubcheck(thesis):
    assert epubcheck(thesis / "book.epub") == []


def test_lists_of_figures_and_tables_give_the_printed_pages(thesis):
    pages = pdf_pages(thesis / "book.pdf")
    lof = next(p for p in pages if p.lstrip().startswith("List of Figures"))
    figure_page = next(n for n, p in enumerate(pages) if "Figure 1.1. Boxes counted per shelf" in p and p is not lof)
    body_start = next(n for n, p in enumerate(pages) if p.lstrip().startswith("Introduction"))
    assert re.search(rf"Figure 1\.1\. Boxes counted per shelf[^0-9]*{figure_page - body_start + 1}\b", lof)
    assert any(p.lstrip().startswith("List of Tables") and "Table 2.1. Results in a grid table" in p for p in pages)
    files = epub_files(thesis / "book.epub")
    assert "list-of-figures.xhtml" in files["EPUB/nav.xhtml"] and 'epub:type="loi"' in files["EPUB/nav.xhtml"]
    assert 'href="ch-02-method.xhtml#fig-bars"' in files["EPUB/list-of-figures.xhtml"]


def test_a_page_reference_prints_the_page_the_figure_is_on(thesis):
    pages = pdf_pages(thesis / "book.pdf")
    body_start = next(n for n, p in enumerate(pages) if p.lstrip().startswith("Introduction"))
    circle = next(n for n, p in enumerate(pages) if "Figure 1.2. A circle, for comparison" in p and n > body_start)
    assert f"and see figure 1.2 on p.\u00a0{circle - body_start + 1}" in " ".join(pages).replace(" ", " ") or \
        f"and see figure 1.2 on p. {circle - body_start + 1}" in " ".join(pages)
    assert "on p.\u00a0" in epub_files(thesis / "book.epub")["EPUB/ch-03-results.xhtml"]
