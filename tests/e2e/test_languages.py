"""Books in other scripts: a Chinese book (tests/roots/cjk-book) set in Noto Serif CJK with CJK
line breaking, and an English book quoting Hebrew and Arabic (tests/roots/rtl)."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import copy_root, epub_files, epubcheck, pdf_pages, run_cli

pytestmark = pytest.mark.slow

# No line may begin with closing punctuation (GB/T 15834; kinsoku shori).
CLOSING = "，。、；：！？」』）》〉”’"


def _built(name, tmp_path_factory):
    source = copy_root(name, tmp_path_factory.mktemp(name))
    result = run_cli(source)
    return source, result


@pytest.fixture(scope="module")
def chinese(tmp_path_factory):
    return _built("cjk-book", tmp_path_factory)


@pytest.fixture(scope="module")
def rtl(tmp_path_factory):
    return _built("rtl", tmp_path_factory)


def _fonts(path) -> set[str]:
    from pypdf import PdfReader
    names = set()
    for page in PdfReader(path).pages:
        fonts = page.get("/Resources", {}).get_object().get("/Font", {}).get_object()
        for font in fonts.values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def _squeezed(path) -> str:
    return re.sub(r"\s+", "", "".join(pdf_pages(path)))


def test_the_chinese_book_builds_without_warnings(chinese):
    source, result = chinese
    assert result.returncode == 0, result.stderr
    assert "warning" not in (result.stdout + result.stderr).lower(), result.stdout + result.stderr


def test_the_chinese_book_is_set_in_noto_serif_cjk(chinese):
    source, _ = chinese
    fonts = _fonts(source / "dist" / "book.pdf")
    assert any(name.startswith("Noto-Serif-CJK-SC") for name in fonts), fonts
    assert not [n for n in fonts if "DejaVu" in n or "Sans" in n or "JP" in n or "Oblique" in n], fonts


def test_the_chinese_book_prints_chinese_words_and_text(chinese):
    source, _ = chinese
    text = _squeezed(source / "dist" / "book.pdf")
    for word in ("目录", "注释", "参考文献", "人名索引", "第1章", "第2章"):
        if word != "注释":  # in print the notes are at the foot of the page, with no heading
            assert word in text, word
    for sentence in ("到了宋代，雕版印刷进入了全盛时期。",
                     "北宋庆历年间，平民毕昇发明了活字印刷。",
                     "沈括的记载让我们知道，活字的思想在中国早已出现。",
                     "见沈括《梦溪笔谈》卷十八“技艺”。"):
        assert sentence in text, sentence
    for english in ("Contents", "Chapter", "Bibliography", "Index of Names"):
        assert english not in text, english


def test_no_line_of_the_chinese_book_begins_with_closing_punctuation(chinese):
    import pdfplumber
    source, _ = chinese
    starts = []
    with pdfplumber.open(source / "dist" / "book.pdf") as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            for line in page.extract_text_lines():
                text = line["text"].strip()
                if text and text[0] in CLOSING:
                    starts.append((number, text[:20]))
    assert not starts, starts


def test_the_chinese_epub_is_valid_and_chinese(chinese):
    source, _ = chinese
    epub = source / "dist" / "book.epub"
    assert epubcheck(epub) == []
    files = epub_files(epub)
    assert "<dc:language>zh</dc:language>" in files["EPUB/content.opf"]
    documents = [name for name in files if name.endswith(".xhtml")]
    assert documents and all('lang="zh"' in files[name] for name in documents)
    assert ">注释</h2>" in files["EPUB/ch-huozi.xhtml"] and "第2章" in files["EPUB/ch-huozi.xhtml"]
    assert "人名索引" in files["EPUB/index.xhtml"] and "参考文献" in files["EPUB/bibliography.xhtml"]


def test_the_rtl_book_builds_and_keeps_its_hebrew_and_arabic(rtl):
    source, result = rtl
    assert result.returncode == 0, result.stderr
    assert "warning" not in (result.stdout + result.stderr).lower(), result.stdout + result.stderr
    pdf = source / "dist" / "book.pdf"
    text = " ".join(pdf_pages(pdf))
    # pypdf gives the right-to-left words in logical order; either order is accepted
    for word in ("שלום עליכם", "ספר", "السلام عليكم", "كتاب", "الطباعة"):
        assert word in text or word[::-1] in text, word
    fonts = _fonts(pdf)
    assert "Amiri" in fonts and not [n for n in fonts if "DejaVu" in n], fonts
    assert epubcheck(source / "dist" / "book.epub") == []
    chapter = epub_files(source / "dist" / "book.epub")["EPUB/ch-greetings.xhtml"]
    assert 'lang="he"' in chapter and 'lang="ar"' in chapter


def test_pdffonts_sees_no_fallback_face(chinese):
    source, _ = chinese
    try:
        out = subprocess.run(["pdffonts", str(source / "dist" / "book.pdf")], capture_output=True, text=True).stdout
    except FileNotFoundError:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    assert "Noto-Serif-CJK-SC" in out and "DejaVu" not in out and "Sans" not in out


def test_go_to_page_lands_on_the_first_character_of_a_chinese_page(tmp_path):
    """Chinese has no spaces: a page may begin at any character, and the EPUB's page marker
    stands before that character, not at the paragraph's end."""
    source = copy_root("cjk-book", tmp_path)
    chapter = source / "chapters" / "huozi.md"
    plain = re.sub(r"\[([^\]]+)\]\{[^}]*\}|\[\^\w+\]|\[@[^\]]*\]", r"\1", chapter.read_text().split("\n\n")[2])
    sentences = re.findall(r"[^。\n]+。", plain)
    # one paragraph of some four pages, each sentence numbered so that every stretch is unique
    long = "".join(f"（{n}）{sentences[n % len(sentences)]}" for n in range(90))
    chapter.write_text(chapter.read_text() + "\n" + long + "\n")
    result = run_cli(source)
    assert result.returncode == 0, result.stderr
    pages = [re.sub(r"\s+", "", p) for p in pdf_pages(source / "dist" / "book.pdf")]
    text = epub_files(source / "dist" / "book.epub")["EPUB/ch-huozi.xhtml"]
    inside = 0
    for page, after in re.findall(r'id="page-(\d+)"[^>]*></span>(.{0,600})', text, re.S):
        rest = re.sub(r"<[^>]+>|\s+", "", after)[:40]
        if after.startswith("<h"):
            continue  # the chapter's opening page
        # the one page whose text begins where the marker stands bears the marker's number
        printed = [p for p in pages if p.startswith(rest)]
        assert len(printed) == 1 and page in printed[0][-12:], (page, rest)
        inside += 1
    assert inside >= 3  # the pages that begin inside the long paragraph
