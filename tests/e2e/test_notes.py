"""Citations become numbered Chicago notes: what the EPUB reader sees in each note."""

import re

import pytest
from conftest import epub_files
from lxml import etree

pytestmark = pytest.mark.slow  # builds PDFs or EPUBs: not in the fast lane

NS = {"x": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}


def notes_of(basic_book, chapter: str) -> dict[int, str]:
    page = etree.fromstring(epub_files(basic_book / "book.epub")[f"EPUB/ch-{chapter}.xhtml"].encode())
    notes = {}
    for note in page.iterfind(".//x:li[@epub:type='endnote']", NS):
        text = re.sub(r"\s+", " ", "".join(note.itertext())).strip()
        number, body = text.split(". ", 1)
        notes[int(number)] = body
    return notes


def test_every_citation_form_becomes_a_note(basic_book):
    notes = notes_of(basic_book, "one")
    assert notes[1].startswith("Jonathan Brent and Vladimir P. Naumov, Stalin’s Last Crime")
    assert notes[1].endswith("(HarperCollins, 2003), 45.")  # [@brent, 45]; CMOS 18 gives no place
    assert notes[2].endswith("no. 1 (2011): 75.")  # [@blauvelt, p. 75]; CMOS 18: the year alone with an issue
    assert notes[4] == "Brent and Naumov, Stalin’s Last Crime, 50–52."  # [@brent, 50–52], a repeat
    # [see @iofe; @memo, chap. 3]: a prefix, two sources, a chapter locator
    assert notes[5].startswith("See “Ryumin Mikhail Dmitrievich,” Iofe Foundation Electronic Archive")
    assert notes[5].endswith("; “Рюмин Михаил Дмитриевич,” Мемориал, chap. 3.")


def test_author_note_shares_numbering_and_holds_a_citation(basic_book):
    notes = notes_of(basic_book, "one")
    assert notes[6] == ("An author’s note that cites a source inside it; see Brent and Naumov, "
                        "Stalin’s Last Crime, 7.")
    assert sorted(notes) == list(range(1, 9))


def test_first_citation_in_each_chapter_is_full_then_short(basic_book):
    notes = notes_of(basic_book, "two")
    assert sorted(notes) == [1, 2]  # numbering restarts in each chapter
    assert notes[1].startswith("Jonathan Brent and Vladimir P. Naumov, Stalin’s Last Crime: The Plot")
    assert notes[2] == "Brent and Naumov, Stalin’s Last Crime, 100."


def test_note_call_follows_the_punctuation(basic_book):
    chapter = epub_files(basic_book / "book.epub")["EPUB/ch-one.xhtml"]
    assert 'rose fast in 1951.<a class="noteref"' in chapter


def test_every_noteref_resolves_to_its_note_with_backlink_first(basic_book):
    for name, text in epub_files(basic_book / "book.epub").items():
        if not name.startswith("EPUB/ch-"):
            continue
        page = etree.fromstring(text.encode())
        refs = page.findall(".//x:a[@epub:type='noteref']", NS)
        for ref in refs:
            target = ref.get("href").lstrip("#")
            note = page.find(f".//x:section[@epub:type='endnotes']/x:ol/x:li[@id='{target}']", NS)
            assert note is not None and note.get("{http://www.idpf.org/2007/ops}type") == "endnote"
            first_link = note.find(".//x:a", NS)
            assert first_link.get("href") == "#" + ref.get("id")
            assert first_link.text == ref.text + "."


def test_bibliography_lists_cited_works_sorted_and_skips_uncited(basic_book):
    page = epub_files(basic_book / "book.epub")["EPUB/bibliography.xhtml"]
    entries = [re.sub(r"<[^>]+>", "", e) for e in re.findall(r"<li[^>]*>(.*?)</li>", page)]
    leads = [e.split(".")[0] for e in entries]
    # Alphabetized by the first word that is not an article (CMOS 14.67): "The Doctors' Plot" under D.
    assert leads == ["Applebaum, Anne", "Blauvelt, Timothy K", "Brent, Jonathan, and Vladimir P",
                     "The Doctors’ Plot", "Iofe Foundation Electronic Archive",
                     "“Soviet Official Executed", "Мемориал"]
    assert "Never Cited" not in page


@pytest.mark.parametrize("style, cited, heading", [
    ("apa", "(Brent & Naumov, 2003, p. 45)", "References"),
    ("chicago-author-date", "(Brent and Naumov 2003, 45)", "References"),
])
def test_an_in_text_style_builds_both_formats(tmp_path, style, cited, heading):
    from conftest import build, copy_root, epubcheck, pdf_pages
    source = copy_root("basic", tmp_path)
    (source / "book.toml").write_text((source / "book.toml").read_text() + f'\n[citations]\nstyle = "{style}"\n')
    assert build(source) == 0
    pages = [re.sub(r"\s+", " ", p) for p in pdf_pages(source / "dist" / "book.pdf")]
    assert any(cited in p for p in pages) and any(p.lstrip().startswith(heading) for p in pages)
    chapter = epub_files(source / "dist" / "book.epub")["EPUB/ch-one.xhtml"]
    assert cited.replace("&", "&amp;") in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", chapter).replace("\u00a0", " "))
    assert "epub:type=\"footnote\"" not in chapter or "noteref" in chapter
    assert epubcheck(source / "dist" / "book.epub") == []
