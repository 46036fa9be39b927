"""Every construct of pandoc's Markdown the builder supports (tests/roots/pandoc-markdown, with the
thesis root for figures, tables, math and code): printed as a reader expects, never as source;
what it cannot render is a warning that names the construct."""

import re

import pytest
from conftest import copy_root, epub_files, epubcheck, pdf_pages, run_cli

pytestmark = pytest.mark.slow  # builds PDFs or EPUBs: not in the fast lane

SOURCE_SYNTAX = ["{#", "$$", "\\begin", "\\newpage", "\\textbf", ":::", "@sec:", "<!--", "^[", "~~", "H~2~",
                 "^2^", "{.", "{lang", "<sup>", "<b>", "<blink>", "| The limerick", ": The first"]


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    source = copy_root("pandoc-markdown", tmp_path_factory.mktemp("pandoc"))
    result = run_cli(source, "--no-cache")
    assert result.returncode == 0, result.stderr
    return source / "dist", result.stderr


def test_no_source_syntax_on_any_page_or_in_the_epub_text(book):
    dist, _ = book
    text = " ".join(pdf_pages(dist / "book.pdf"))
    assert [s for s in SOURCE_SYNTAX if s in text] == []
    files = epub_files(dist / "book.epub")
    shown = " ".join(re.sub(r"<[^>]+>", " ", t) for n, t in files.items() if n.endswith(".xhtml"))
    assert [s for s in SOURCE_SYNTAX if s in shown] == []


def test_every_construct_prints_its_text(book):
    dist, _ = book
    text = " ".join(pdf_pages(dist / "book.pdf"))
    for printed in ("All happy families are alike", "Leo Tolstoy", "The past is a foreign country", "Setext section",
                    "Term one", "The first definition", "A second paragraph of the definition",
                    "The limerick packs laughs anatomical", "So seldom are clean", "A note set apart",
                    "An unknown class: kept", "Unnumbered heading", "HTML superscript", "An inline note with",
                    "The inner note", "blinking tag", "raw LaTeX are warned", "See chapter 1",
                    "“Unnumbered heading”", "appendix A", "Appendix A", "Extra Material"):
        assert printed in text, printed


def test_the_epub_has_the_markup_of_each_construct(book):
    dist, _ = book
    files = epub_files(dist / "book.epub")
    blocks, inlines = files["EPUB/ch-blocks.xhtml"], files["EPUB/ch-inlines.xhtml"]
    for markup in ('<dl', '<dt>Term one</dt>', 'class="line-block"', 'class="div epigraph"', 'class="attribution"',
                   'class="div note"', "<blockquote"):
        assert markup in blocks, markup
    for markup in ("<sub>2</sub>", "<sup>2</sup>", "<s>struck out</s>", 'class="smallcaps"', "<code>verbatim code</code>",
                   'lang="ru"', 'lang="fr"', "<sup>HTML superscript</sup>", "<br />", 'epub:type="noteref"'):
        assert markup in inlines, markup
    assert 'epub:type="appendix"' in files["EPUB/ch-appendix.xhtml"]
    assert "comment the author left" not in blocks


def test_what_cannot_be_rendered_is_named_with_its_line(book):
    _, stderr = book
    for warning in ("blocks.md:48: fenced div class 'unknownclass'", "blocks.md:52: raw LaTeX '\\newpage'",
                    "inlines.md:7: the HTML tag '<blink>' is not printed", "inlines.md:7: raw LaTeX '\\textbf'",
                    "a footnote inside a footnote"):
        assert warning in stderr, warning


def test_the_epub_passes_epubcheck(book):
    dist, _ = book
    assert epubcheck(dist / "book.epub") == []


def test_a_memo_with_yaml_metadata_and_narrative_citations(tmp_path):
    source = copy_root("memo-yaml", tmp_path)
    result = run_cli(source, "--no-cache")
    assert result.returncode == 0, result.stderr
    text = " ".join(pdf_pages(source / "dist" / "book.pdf"))
    # The memo is in British English (lang: en-GB): the CSL locale's single quotation marks.
    for printed in ("Menabrea1 wrote the first account", "Lovelace2 added the notes", "as Lovelace put it,3",
                    "‘Notes by the Translator’, Scientific Memoirs 3 (1843): 691.", "‘Notes by the Translator’, 722.",
                    "See Menabrea,", "Bibliography"):
        assert printed in text, printed
    assert "@menabrea" not in text and "@lovelace" not in text and "[-@" not in text
    assert epubcheck(source / "dist" / "book.epub") == []
