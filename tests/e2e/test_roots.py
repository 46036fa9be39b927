"""The small manuscripts of tests/roots, each built whole: what each case must give in both books."""

import re

import pytest
from conftest import built, epub_files, epubcheck, pdf_pages
from lxml import etree

pytestmark = pytest.mark.slow  # builds PDFs or EPUBs: not in the fast lane

NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


def spine(dist) -> list[str]:
    return re.findall(r'<itemref idref="([^"]+)"', epub_files(dist / "book.epub")["EPUB/content.opf"])


def text_of(xhtml: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", xhtml))


# --- same-stem: front/intro.md and chapters/intro.md ---

@pytest.fixture(scope="module")
def same_stem(tmp_path_factory):
    return built("same-stem", tmp_path_factory)


def test_same_stem_files_are_two_sections_with_two_files(same_stem):
    files = epub_files(same_stem / "book.epub")
    front, chapter = files["EPUB/ch-intro.xhtml"], files["EPUB/ch-intro-2.xhtml"]
    assert "A Note Before the Text" in front and "This front-matter file" in front and "Introduction" not in front
    assert "This chapter file is also called intro.md" in chapter and "front-matter file" not in chapter
    assert spine(same_stem).index("ch-intro") < spine(same_stem).index("ch-intro-2") < spine(same_stem).index("ch-next")
    headings = re.findall(r'<h2 id="([^"]+)">Conventions</h2>', front + chapter)
    assert len(headings) == 2 and len(set(headings)) == 2


def test_same_stem_links_go_to_the_right_file(same_stem):
    page = etree.fromstring(epub_files(same_stem / "book.epub")["EPUB/ch-next.xhtml"].encode())
    links = {a.text: a.get("href").split("#")[0] for a in page.iterfind(".//x:a", NS)}
    assert links == {"the introduction": "ch-intro-2.xhtml", "the note before the text": "ch-intro.xhtml"}


def test_same_stem_epub_passes_epubcheck(same_stem):
    assert epubcheck(same_stem / "book.epub") == []


def test_same_stem_pdf_holds_both(same_stem):
    pages = pdf_pages(same_stem / "book.pdf")
    contents = next(p for p in pages if p.lstrip().startswith("Contents"))
    assert "A Note Before the Text" in contents and "Introduction" in contents
    assert any("This chapter file is also called intro.md" in p for p in pages)


# --- languages: a German book ---

@pytest.fixture(scope="module")
def german(tmp_path_factory):
    return built("languages", tmp_path_factory)


def test_a_german_book_prints_german_words_in_the_epub(german):
    files = epub_files(german / "book.epub")
    assert "<dc:language>de</dc:language>" in files["EPUB/content.opf"]
    chapter = files["EPUB/ch-eins.xhtml"]
    assert 'lang="de"' in chapter and "Kapitel 1" in chapter and ">Anmerkungen</h2>" in chapter
    assert "Literaturverzeichnis" in files["EPUB/bibliography.xhtml"]
    assert "Personenregister" in files["EPUB/index.xhtml"] and "<em>Siehe</em>" in files["EPUB/index.xhtml"]
    assert ">Inhalt<" in files["EPUB/nav.xhtml"]
    assert 'aria-label="Seite 1"' in chapter  # the print edition's page, named in German
    for english in ("Chapter 1", ">Notes<", "Bibliography", "Index of Names", ">Contents<", 'aria-label="page '):
        assert not [name for name, text in files.items() if english in text], english


def test_a_german_book_prints_german_words_in_the_pdf(german):
    text = " ".join(pdf_pages(german / "book.pdf"))
    for word in ("Inhalt", "Kapitel 1", "Literaturverzeichnis", "Personenregister"):
        assert word in text, word
    for english in ("Contents", "Chapter 1", "Bibliography", "Index of Names"):
        assert english not in text, english


def test_a_german_book_passes_epubcheck(german):
    assert epubcheck(german / "book.epub") == []


# --- appendices: back matter ---

@pytest.fixture(scope="module")
def appendices(tmp_path_factory):
    return built("appendices", tmp_path_factory)


def test_appendices_follow_the_chapters_in_both_books(appendices):
    order = spine(appendices)
    assert order.index("ch-two") < order.index("ch-documents") < order.index("ch-chronology") < order.index("bibliography")
    files = epub_files(appendices / "book.epub")
    assert 'epub:type="appendix"' in files["EPUB/ch-documents.xhtml"]
    assert "Chapter" not in text_of(files["EPUB/ch-documents.xhtml"])  # an appendix is not numbered as a chapter
    pages = pdf_pages(appendices / "book.pdf")
    contents = next(p for p in pages if p.lstrip().startswith("Contents"))
    assert contents.index("The Second Chapter") < contents.index("Documents") < contents.index("Chronology") \
        < contents.index("Bibliography")


def test_a_note_in_an_appendix_is_numbered_there(appendices):
    documents = epub_files(appendices / "book.epub")["EPUB/ch-documents.xhtml"]
    assert re.findall(r'role="doc-backlink">(\d+)\.</a>', documents) == ["1", "2"]


# --- no-index: no names registry, no bibliography ---

def test_no_registry_and_no_bibliography_make_neither(tmp_path_factory):
    dist = built("no-index", tmp_path_factory)
    files = epub_files(dist / "book.epub")
    assert "EPUB/index.xhtml" not in files and "EPUB/bibliography.xhtml" not in files
    assert spine(dist)[-1] == "ch-two"
    pages = pdf_pages(dist / "book.pdf")
    assert not any("Index of Names" in p or "Bibliography" in p for p in pages)
    assert epubcheck(dist / "book.epub") == []


# --- index-letters: headings in other alphabets ---

@pytest.fixture(scope="module")
def letters(tmp_path_factory):
    return built("index-letters", tmp_path_factory)


GROUPS = ["A", "D", "E", "L", "O", "U", "Z", "А"]  # the last is the Cyrillic А, after Z


def test_the_epub_index_has_its_letter_groups_in_order(letters):
    page = epub_files(letters / "book.epub")["EPUB/index.xhtml"]
    assert re.findall(r'<h2 class="index-letter">([^<]+)</h2>', page) == GROUPS
    groups = {}
    for group in re.findall(r'<h2 class="index-letter">(.*?)</ul>', page, re.S):
        letter = group.split("<")[0]
        groups[letter] = re.findall(r'epub:type="index-term">([^<]+)<', group)
    assert groups["A"] == ["Adams, John", "Æthelred"]
    assert groups["L"] == ["Lenin, Vladimir", "Łukasiewicz, Jan"]
    assert groups["O"] == ["Ørsted, Hans Christian", "Orwell, George"]
    assert groups["D"] == ["de Gaulle, Charles"] and groups["E"] == ["Éluard, Paul"]
    assert groups["А"] == ["Абакумов, Виктор"]


def test_the_pdf_index_prints_the_letters_and_headings_in_order(letters):
    text = " ".join(p for p in pdf_pages(letters / "book.pdf") if "Index of Names" in p and "Contents" not in p)
    headings = ["Adams", "Æthelred", "de Gaulle", "Éluard", "Lenin", "Łukasiewicz", "Ørsted", "Orwell",
                "Ulyanov", "Zola", "Абакумов"]
    positions = [text.find(h) for h in headings]
    assert -1 not in positions and positions == sorted(positions), dict(zip(headings, positions))
    for letter, heading in zip(GROUPS, ["Adams", "de Gaulle", "Éluard", "Lenin", "Ørsted", "Ulyanov", "Zola",
                                        "Абакумов"]):
        assert re.search(rf"(?<!\w){letter} {heading}", text), (letter, heading)
