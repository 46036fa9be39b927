"""The apparatus of a biography (tests/roots/biography): the cast of characters the builder makes
from names.toml, and front and back matter that say what they are (a preface, a glossary), as
the reader finds them in the PDF's contents and pages and in the EPUB's navigation."""

from __future__ import annotations

import re

import pytest
from conftest import built, epub_files, epubcheck, pdf_pages
from lxml import etree
from test_index import NS, epub_index

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    return built("biography", tmp_path_factory)


def _cast(dist) -> etree._Element:
    return etree.fromstring(epub_files(dist / "book.epub")["EPUB/cast.xhtml"].encode())


def test_the_cast_lists_its_groups_in_the_registry_order_and_people_as_the_index_does(dist):
    page = _cast(dist)
    groups = [(g.findtext("x:h2", namespaces=NS), [dt.text for dt in g.iterfind(".//x:dt", NS)])
              for g in page.iterfind(".//x:section[@class='cast-group']", NS)]
    # Partners before The printer (the registry's first person is a partner); Schöffer after Fust;
    # the notary has no group, so he is in the index only
    assert groups == [("Partners", ["Fust, Johann", "Schöffer, Peter"]), ("The printer", ["Gutenberg, Johannes"]),
                      ("Patrons", ["Nicholas of Cusa"])]


def test_each_person_in_the_cast_has_the_identifier_and_the_index_locators(dist):
    index = dict(epub_index(dist))
    for dd in _cast(dist).iterfind(".//x:dd", NS):
        name = dd.getprevious().text
        text = "".join(dd.itertext())
        links = [(a.text, a.get("href")) for a in dd.iterfind(".//x:a", NS)]
        assert links == index[name], name  # the same pages, linked to the same mentions
        assert not re.search(r"\s[;,]", text), text
    gutenberg = next(dd for dd in _cast(dist).iterfind(".//x:dd", NS) if dd.getprevious().text.startswith("Gutenberg"))
    assert "".join(gutenberg.itertext()).startswith("goldsmith and printer; 1")


def test_the_cast_is_a_front_matter_page_with_a_roman_folio_in_the_contents(dist):
    pages = pdf_pages(dist / "book.pdf")
    contents = next(p for p in pages if p.startswith("Contents"))
    folio = re.search(r"Cast of Characters[ .]*([ivxl]+) ", contents)
    assert folio, contents
    cast = next(n for n, p in enumerate(pages) if p.startswith("Cast of Characters"))
    opening = next(n for n, p in enumerate(pages) if p.startswith("Chapter 1"))
    assert cast < opening and pages[cast].rstrip().endswith(folio.group(1))
    assert "Fust, Johann financier; 1, 3, 5" in pages[cast]  # chapters 1 and 2, the chronology


def test_the_apparatus_is_in_the_epub_navigation_and_landmarks(dist):
    files = epub_files(dist / "book.epub")
    nav = etree.fromstring(files["EPUB/nav.xhtml"].encode())
    toc = [a.text for a in nav.iterfind(".//x:nav[@epub:type='toc']/x:ol/x:li/x:a", NS)]
    assert toc[:2] == ["Preface", "Cast of Characters"] and toc[-3:] == ["Chronology", "Glossary", "Index of Names"]
    marks = [(a.get(f"{{{NS['epub']}}}type"), a.text)
             for a in nav.iterfind(".//x:nav[@epub:type='landmarks']//x:a", NS)]
    for mark in [("preface", "Preface"), ("glossary", "Cast of Characters"), ("bodymatter", "Start of text"),
                 ("appendix", "Chronology"), ("glossary", "Glossary"), ("index", "Index of Names")]:
        assert mark in marks, marks
    assert 'epub:type="glossary" role="doc-glossary"' in files["EPUB/cast.xhtml"]
    assert 'epub:type="glossary" role="doc-glossary"' in files["EPUB/ch-glossary.xhtml"]
    # EPUB 2's guide, which calibre carries into a Kindle book, names an appendix as OPF 2 asks
    assert 'type="other.appendix"' in files["EPUB/content.opf"] and 'type="glossary"' in files["EPUB/content.opf"]
    assert epubcheck(dist / "book.epub") == []


def test_a_diagram_written_in_dot_is_a_numbered_figure_in_both_formats(dist):
    pages = pdf_pages(dist / "book.pdf")
    page = next(p for p in pages if "Figure 2.1." in p)
    # the drawing's words are text, set in the book's face; the caption's and the reference's number agree
    assert "The Bible, 1455" in page and "The Psalter, 1457" in page and "figure 2.1" in page
    files = epub_files(dist / "book.epub")
    chapter = files["EPUB/ch-master.xhtml"]
    assert '<svg aria-label="Who worked with whom in Mainz, c. 1450–1457."' in chapter
    assert re.search(r'<item [^>]*href="ch-master.xhtml"[^>]*properties="svg"', files["EPUB/content.opf"])
