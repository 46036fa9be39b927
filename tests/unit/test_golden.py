"""Golden files, stage by stage: Markdown -> model, model -> XHTML (print and EPUB), the notes
the transforms make, and the index with a page map of our own.

To regenerate every golden file after an intended change, run

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/unit/test_golden.py -q

and read the diff (git diff tests/fixtures) before committing it. Without UPDATE_GOLDEN a
mismatch fails with a unified diff.
"""

from __future__ import annotations

import pytest
from conftest import FIXTURES, ROOTS
from golden import compare, dump, dump_section

from book.anchors import Anchors
from book.build.pipeline import read_book
from book.errors import Report
from book.model import Book, Mention, Metadata, Note, plain_text, walk
from book.readers.manuscript import Manuscript, read_sources
from book.readers.markdown import read_section
from book.readers.registry import read_registry
from book.transforms import apply_transforms
from book.transforms.index import resolve_index
from book.transforms.sections import number_sections
from book.words import words_for
from book.writers.notes import EndNotes, FloatNotes
from book.writers.xhtml import section_html

MARKDOWN = FIXTURES / "markdown"
CASES = sorted(p.stem for p in MARKDOWN.glob("*.md"))
META = Metadata(title="T", subtitle="", author="A", language="en", identifier="x", date="2026-01-01", rights="R")


def read_case(case: str, report: Report):
    """One fixture file read as a chapter of a book of its own (the model as the reader makes it)."""
    path = MARKDOWN / f"{case}.md"
    section = read_section(path, MARKDOWN, "chapter", report)
    assert section is not None and not report.errors, [str(e) for e in report.errors]
    anchors = Anchors()
    section.id = anchors.section(path.stem)
    return Book(meta=META, source=MARKDOWN, sections=[section], anchors=anchors), section


def numbered_case(case: str):
    """The model after the reader and the sections transform: numbers and block ids."""
    report = Report()
    book, section = read_case(case, report)
    number_sections(book)
    return book, section, report


def transformed_case(case: str) -> Book:
    """The model as the writers get it: every transform run, with the fixtures' refs.bib and
    names.toml (citations become numbered notes, names become mentions, ties are made)."""
    report = Report()
    book, _ = read_case(case, report)
    references, bibliography = read_sources(MARKDOWN / "refs.bib", MARKDOWN, report)
    registry = read_registry(MARKDOWN / "names.toml", report)
    apply_transforms(Manuscript(book, None, references, registry, bibliography), report)  # type: ignore[arg-type]
    assert not report.errors, [str(e) for e in report.errors]
    return book


def written_sections(book: Book, notes) -> str:
    """The chapter and the bibliography (if the case cites), as one writer renders them; the
    index waits for a page map (see test_index_with_a_page_map)."""
    return "\n".join(section_html(s, notes(), words_for("en")) for s in book.sections if s.kind != "index")


def test_the_cases_cover_every_construct():
    text = "\n".join((MARKDOWN / f"{case}.md").read_text(encoding="utf-8") for case in CASES)
    for construct in ("## ", "*", "**", "](", "`", "- ", "3. ", "| ", "> ", "[^", "[@", "{.unnumbered}",
                      "{.name key=", "{lang=ru}"):
        assert construct in text, construct


@pytest.mark.parametrize("case", CASES)
def test_markdown_to_model(case):
    _, section, report = numbered_case(case)
    problems = [f"warning: {w.message}" for w in report.warnings]
    compare("\n".join([dump_section(section), *problems]), MARKDOWN / f"{case}.model.txt")


@pytest.mark.parametrize("case", CASES)
def test_model_to_print_xhtml(case):
    compare(written_sections(transformed_case(case), FloatNotes), MARKDOWN / f"{case}.pdf.html")


@pytest.mark.parametrize("case", CASES)
def test_model_to_epub_xhtml(case):
    compare(written_sections(transformed_case(case), lambda: EndNotes("Notes")), MARKDOWN / f"{case}.epub.html")


@pytest.mark.parametrize("case", CASES)
def test_every_block_id_of_the_model_is_in_the_xhtml(case):
    book = transformed_case(case)
    html = written_sections(book, FloatNotes)
    ids = [n.attrs["id"] for s in book.sections for n in walk(s.blocks) if hasattr(n, "attrs") and "id" in n.attrs]
    assert ids and [i for i in ids if f'id="{i}"' not in html] == []


def test_a_citation_is_read_with_its_prefix_and_locator():
    _, section, _ = numbered_case("notes")
    dumped = dump(section.blocks)
    assert "CiteItem @iofe prefix='see' locator=''" in dumped
    assert "CiteItem @memo prefix='' locator='chap. 3'" in dumped


# --- the notes, through the whole read_book: citations become notes, numbered per section ---

def dump_notes(book: Book) -> str:
    lines = []
    for section in book.sections:
        lines.append(f"{section.kind} {section.id}: {section.plain_title}")
        for note in (n for n in walk(section.blocks) if isinstance(n, Note)):
            lines.append(f"  {note.number} {note.id} (call {note.ref_id}): {plain_text(note.children)!r}")
    return "\n".join(lines)


@pytest.mark.parametrize("root", ["basic", "languages", "appendices"])
def test_notes_of_a_root(root):
    report = Report()
    book = read_book(ROOTS / root, report)
    assert book is not None and not report.errors, [str(e) for e in report.errors]
    compare(dump_notes(book), FIXTURES / "notes" / f"{root}.txt")


# --- the index: letter groups and locators from a page map made by hand ---

def hand_made_pages(book: Book) -> dict[str, int]:
    """Mention n (in reading order) is on page 1 + n // 2, except the last mention of anyone
    mentioned more than once, which is on no page at all: a mention the layout did not place is
    left out of the index (test_transforms.py has the case of a person with no placed mention)."""
    mentions = [n for s in book.sections for n in walk(s.blocks) if isinstance(n, Mention)]
    last = {m.person: m.anchor for m in mentions}
    counts = {person: sum(m.person == person for m in mentions) for person in last}
    return {m.anchor: 1 + n // 2 for n, m in enumerate(mentions)
            if not (counts[m.person] > 1 and last[m.person] == m.anchor)}


@pytest.mark.parametrize("root", ["index-letters", "languages"])
def test_index_with_a_page_map(root):
    report = Report()
    book = read_book(ROOTS / root, report)
    assert book is not None and not report.errors, [str(e) for e in report.errors]
    resolve_index(book, hand_made_pages(book))
    index = book.section("index")
    assert index is not None
    html = section_html(index, FloatNotes(), words_for(book.meta.language))
    compare(html.replace("</li>", "</li>\n").replace("</h2>", "</h2>\n"), FIXTURES / "index" / f"{root}.html")
