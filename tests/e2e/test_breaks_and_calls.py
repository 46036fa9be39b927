"""Where a line may break inside a URL (CMOS 18 6.123: after "//", before "/" "." "-" and the like,
never inside a word, no hyphen added), two notes called at one place, and the print-page markers
the EPUB's readers use."""

import re

import pytest
from conftest import build, epub_files, make_manuscript, pdf_pages

pytestmark = pytest.mark.slow  # builds PDFs or EPUBs: not in the fast lane

URLS = ["https://www.jta.org/archive/soviet-official-executed-for-frame-up-on-moscow-doctors",
        "https://cyberleninka.ru/article/n/vzlet-i-padenie-starshego-sledovatelya-mgb-sssr",
        "https://history.state.gov/historicaldocuments/frus1952-54v08/d577?page=2&view=full"]
TEXT = ("# Links\n\n" + "".join(f"Paragraph {n} of plain words that fill the line before a link is given, "
                                f"so that each falls at a different place.[^u{n}]\n\n" for n in range(12))
        + "Two notes at one place.[^a][^b]\n\n"
        + "".join(f"[^u{n}]: The file is at {URLS[n % 3]}, as the archive has it.\n" for n in range(12))
        + "[^a]: One.\n[^b]: Two.\n")
ALLOWED_BEFORE = "/.,-_?#%~=&"


@pytest.fixture(scope="module")
def links_book(tmp_path_factory):
    root = make_manuscript(tmp_path_factory.mktemp("links") / "m", {"a.md": TEXT})
    assert build(root) == 0
    return root / "dist"


def test_urls_break_only_where_the_manual_allows(links_book):
    from pypdf import PdfReader
    breaks = 0
    for page in PdfReader(links_book / "book.pdf").pages:
        lines = (page.extract_text() or "").splitlines()
        for line, following in zip(lines, lines[1:]):
            tail = re.search(r"https://\S*$", line.rstrip())
            if tail and not tail.group().endswith(","):
                breaks += 1
                assert tail.group().endswith(("//", "=", "&")) or following[:1] in ALLOWED_BEFORE, (line, following)
    assert breaks >= 3  # the test saw URLs broken, not only URLs that fit


def test_two_notes_called_at_one_place_read_as_two(links_book):
    text = " ".join(pdf_pages(links_book / "book.pdf"))
    assert "place.13,14" in text.replace(" ", "")
    chapter = epub_files(links_book / "book.epub")["EPUB/ch-a.xhtml"]
    assert re.search(r'>13</a><span class="note-separator">,</span><a [^>]*>14</a>', chapter)


def test_print_page_markers_are_not_hidden_from_readers(links_book):
    files = epub_files(links_book / "book.epub")
    assert 'epub:type="pagebreak" role="doc-pagebreak"' in files["EPUB/ch-a.xhtml"]
    import zipfile
    with zipfile.ZipFile(links_book / "book.epub") as epub:
        css = epub.read("EPUB/style/book.css").decode()
    assert not re.search(r"\.pagebreak\s*\{[^}]*display:\s*none", css)  # hidden, a reader cannot go to the page
