"""Metadata the pandoc way, built whole: a memo with only YAML front matter, a numbered folder
with metadata.yaml and no book.toml, an untitled dedication, a draft beside the chapters."""

import re
import shutil

import pytest
from conftest import ROOTS, epub_files, pdf_pages, run_cli

pytestmark = pytest.mark.slow


def copied(name: str, tmp_path_factory):
    target = tmp_path_factory.mktemp(name) / name
    shutil.copytree(ROOTS / name, target)
    return target


def opf(source) -> str:
    return epub_files(source / "dist" / "book.epub")["EPUB/content.opf"]


@pytest.fixture(scope="module")
def memo(tmp_path_factory):
    source = copied("memo-yaml", tmp_path_factory)
    return source, run_cli(source)


@pytest.fixture(scope="module")
def numbered(tmp_path_factory):
    source = copied("numbered-folder", tmp_path_factory)
    return source, run_cli(source)


@pytest.fixture(scope="module")
def dedication(tmp_path_factory):
    source = copied("dedication-draft", tmp_path_factory)
    return source, run_cli(source)


def test_memo_with_only_front_matter_builds(memo):
    source, result = memo
    assert result.returncode == 0, result.stderr
    assert "no book.toml: building 1 chapter in name order (memo.md)" in result.stderr


def test_memo_title_page_and_epub_metadata_come_from_the_yaml(memo):
    source, _ = memo
    package = opf(source)
    assert "<dc:title>On the Reading of Memoranda</dc:title>" in package
    assert re.search(r"<dc:creator[^>]*>Ada Lovelace, Charles Babbage</dc:creator>", package)
    assert "<dc:language>en-GB</dc:language>" in package and "<dc:date>2026-03-14</dc:date>" in package
    assert "A short memorandum" in package  # the abstract, as dc:description
    title_page = next(p for p in pdf_pages(source / "dist" / "book.pdf") if "Ada Lovelace" in p)
    assert "On the Reading of Memoranda" in title_page


def test_numbered_folder_builds_in_name_order_and_says_what_it_assumed(numbered):
    source, result = numbered
    assert result.returncode == 0, result.stderr
    assert ("no book.toml: building 3 chapters in name order (1-start.md, 2-middle.md, 10-end.md); "
            "title 'Three Numbered Chapters' from metadata.yaml") in result.stderr
    assert "bibliography refs.bib (the only .bib file)" in result.stderr
    assert "warning" not in result.stderr
    spine = re.findall(r'<itemref idref="([^"]+)"', opf(source))
    chapters = [s for s in spine if s.startswith("ch-")]
    assert chapters == ["ch-1-start", "ch-2-middle", "ch-10-end"]  # README.md is not a chapter
    assert "bibliography" in spine
    assert "<dc:title>Three Numbered Chapters</dc:title>" in opf(source)


def test_the_assumption_note_does_not_fail_strict(numbered):
    source, _ = numbered
    result = run_cli(source, "--check", "--strict")
    assert result.returncode == 0, result.stderr


def test_an_untitled_dedication_and_a_draft_build_with_one_warning(dedication):
    source, result = dedication
    assert result.returncode == 0, result.stderr
    assert f"warning: {source}/chapters/draft.md: a Markdown file not listed in book.toml" in result.stderr
    assert 'add "chapters/draft.md" to [files] chapters' in result.stderr
    files = epub_files(source / "dist" / "book.epub")
    assert "EPUB/ch-dedication.xhtml" in files and "For everyone who writes" in files["EPUB/ch-dedication.xhtml"]
    assert "EPUB/ch-draft.xhtml" not in files


def test_an_untitled_dedication_is_not_in_the_nav_and_has_no_heading(dedication):
    source, _ = dedication
    files = epub_files(source / "dist" / "book.epub")
    assert "ch-dedication" not in files["EPUB/nav.xhtml"].split('epub:type="landmarks"')[0]
    assert "<h1" not in files["EPUB/ch-dedication.xhtml"]
