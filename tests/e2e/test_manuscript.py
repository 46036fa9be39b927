"""The real book in this repository: it builds, cites what it should, and is its own text."""

import re
import tomllib

import pytest
from conftest import REPOSITORY

from book.build.pipeline import read_book
from book.errors import Report

pytestmark = pytest.mark.slow  # builds PDFs or EPUBs: not in the fast lane

ROOT = REPOSITORY
SOURCE_ARTICLE = ROOT.parent / "shared" / "source" / "000_91ff79cc4c705390.txt"


def chapter_texts() -> list[str]:
    config = tomllib.loads((ROOT / "book.toml").read_text())
    return [(ROOT / name).read_text(encoding="utf-8") for name in config["files"]["chapters"]]


def manuscript_texts() -> list[str]:
    """Every text file of the book: the colophon, the front matter, the chapters, the back matter."""
    files = tomllib.loads((ROOT / "book.toml").read_text())["files"]
    names = [files["colophon"], *files.get("front", []), *files["chapters"], *files.get("back", [])]
    return [(ROOT / name).read_text(encoding="utf-8") for name in names]


def test_the_book_builds_with_every_note_on_its_page(real_book):
    result, out = real_book
    assert (out / "book.pdf").stat().st_size > 0 and (out / "book.epub").stat().st_size > 0
    layout = [str(w) for w in result.report.warnings if "is called on page" in w.message or "widow" in w.message]
    assert layout == []


def test_every_key_resolves_and_at_least_30_source_references_are_cited():
    report = Report()
    book = read_book(ROOT, report)
    assert report.errors == []
    cited = set()
    for text in manuscript_texts():
        cited |= {key for key in re.findall(r"@([\w][\w:.#$%&+?<>~/-]*[\w])", text)
                  if not re.match(r"(?i)(fig|tbl|eq|sec):", key)}  # cross-references, not sources
    added = {"brent-naumov-2003", "rapoport-1991", "gorlizki-khlevniuk-2004", "kostyrchenko-1995"}
    assert len(cited - added) >= 30
    bibliography = book.section("bibliography")
    assert bibliography is not None and len(bibliography.blocks[0].children) == len(cited)


def test_length_is_within_the_brief():
    words = sum(len(re.sub(r"\[@[^\]]*\]|\[\^[^\]]*\]", "", t).split()) for t in chapter_texts())
    assert 15000 <= words <= 20000


@pytest.mark.skipif(not SOURCE_ARTICLE.exists(), reason="the source article (../shared/source) is not beside the clone")
def test_no_run_of_ten_words_is_copied_from_the_source():
    def words(text):
        text = re.sub(r"\[@[^\]]*\]|\[\^[^\]]*\]:?", " ", text)
        return re.findall(r"[\w’'-]+", text.lower().replace("’", "'"))
    source = words(SOURCE_ARTICLE.read_text(encoding="utf-8"))
    runs = {tuple(source[i:i + 10]) for i in range(len(source) - 9)}
    copied = []
    for text in manuscript_texts():
        book = words(text)
        copied += [" ".join(book[i:i + 10]) for i in range(len(book) - 9) if tuple(book[i:i + 10]) in runs]
    assert copied == []


def test_index_of_the_real_book_is_true_and_complete(real_book):
    import tomllib as toml

    from conftest import pdf_pages
    from test_index import body_offset, epub_index
    result, out = real_book
    registry = toml.loads((ROOT / "names.toml").read_text(encoding="utf-8"))
    forms = {p["heading"]: p["forms"] for p in registry["person"]}
    pages = pdf_pages(out / "book.pdf")
    offset = body_offset(pages, "Introduction")
    entries = dict(epub_index(out))
    checked = 0
    for heading, links in entries.items():
        for label, _ in links:
            first, _, last = label.partition("–")
            for number in range(int(first.split("n")[0]), int((last or first).split("n")[0]) + 1):
                text = pages[offset + number - 1]
                assert any(re.search(rf"(?<!\w){re.escape(f)}", text) for f in forms[heading]), (heading, number)
                checked += 1
    assert checked > 100
    assert not [w for w in result.report.warnings if "never mentioned" in w.message]
    assert set(forms) <= set(entries)  # every registered person is mentioned, so indexed


def test_epub_page_markers_match_the_pdf_pages(real_book):
    from conftest import epub_files, pdf_pages
    from test_index import body_offset
    _, out = real_book
    pages = pdf_pages(out / "book.pdf")
    offset = body_offset(pages, "Introduction")
    files = epub_files(out / "book.epub")
    nav = files["EPUB/nav.xhtml"]
    listed = [int(n) for n in re.findall(r'#page-(\d+)">\d+</a>', nav)]
    assert listed == sorted(listed) and len(listed) >= 0.8 * (len(pages) - offset)
    checked = 0
    for name, text in files.items():
        text = re.sub(r'<a class="noteref"[^>]*>\d+</a>', "", text)
        for marker in re.finditer(r'id="page-(\d+)"[^>]*></span>', text):
            page = marker.group(1)
            rest = re.sub(r"<svg.*?</svg>", "", text[marker.end():marker.end() + 20000], flags=re.S)
            word = re.sub(r"<[^>]+>", "", rest[:400]).split()[0].strip("“”‘’.,;:()")  # a drawing's words aside
            # the marker stands before the page's first word (or before the word whose tail begins it)
            first = [t.strip("“”‘’.,;:()") for t in pages[offset + int(page) - 1].split()[:4]]
            assert word in first or word.endswith(first[0]), (name, page, word, first)
            checked += 1
    assert checked == len(listed)
    opf = files["EPUB/content.opf"]
    assert 'property="pageBreakSource"' in opf and "printPageNumbers" in opf
