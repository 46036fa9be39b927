"""Transforms, one behaviour at a time, on the model (no layout): what the goldens showed."""

from __future__ import annotations

from conftest import ROOTS
from test_golden import transformed_case

from book.build.pipeline import read_book
from book.errors import Report
from book.model import Mention, walk
from book.transforms.index import resolve_index
from book.words import words_for
from book.writers.notes import FloatNotes
from book.writers.xhtml import section_html


def read(root: str):
    report = Report()
    book = read_book(ROOTS / root, report)
    assert book is not None and not report.errors, [str(e) for e in report.errors]
    return book


def test_a_name_span_keeps_its_language():
    book = transformed_case("spans")
    html = section_html(book.sections[0], FloatNotes(), words_for("en"))
    mention = next(n for n in walk(book.sections[0].blocks) if isinstance(n, Mention) and n.person == "ryumin")
    assert mention is not None
    assert 'lang="ru"' in html.split("a name in Russian:")[1]


def test_an_entry_with_no_placed_mention_has_no_dangling_comma():
    book = read("index-letters")
    resolve_index(book, {})  # no mention was placed on a page
    index = book.section("index")
    assert index is not None
    assert ", </li>" not in section_html(index, FloatNotes(), words_for("en"))


def test_the_index_groups_letters_from_other_alphabets_under_their_base_letter():
    book = read("index-letters")
    groups = {}
    for entry in book.index:
        groups.setdefault(entry.letter, []).append(entry.heading)
    assert list(groups) == ["A", "D", "E", "L", "O", "U", "Z", "А"]  # the Cyrillic А after Z
    assert groups["A"] == ["Adams, John", "Æthelred"]
    assert groups["L"] == ["Lenin, Vladimir", "Łukasiewicz, Jan"]
    assert groups["O"] == ["Ørsted, Hans Christian", "Orwell, George"]
    assert groups["D"] == ["de Gaulle, Charles"]
    assert groups["E"] == ["Éluard, Paul"]


def test_same_stem_files_get_different_ids():
    book = read("same-stem")
    ids = [s.id for s in book.sections]
    assert ids == ["ch-intro", "ch-intro-2", "ch-next"]
    headings = [n.attrs["id"] for s in book.sections for n in s.blocks if getattr(n, "tag", "") == "h2"]
    assert len(headings) == 2 and len(set(headings)) == 2


def test_no_registry_and_no_bibliography_make_no_index_and_no_bibliography():
    book = read("no-index")
    assert [s.kind for s in book.sections] == ["chapter", "chapter"]
    assert book.index == []


def test_a_german_book_prints_german_words():
    book = read("languages")
    assert book.section("bibliography").plain_title == "Literaturverzeichnis"
    assert book.section("index").plain_title == "Personenregister"


def test_back_matter_comes_after_the_chapters_and_before_the_bibliography():
    from book.structure import book_order
    book = read("appendices")
    order = [(e.kind, e.id) for e in book_order(book) if e.section is not None]
    assert order == [("chapter", "ch-one"), ("chapter", "ch-two"), ("back", "ch-documents"),
                     ("back", "ch-chronology"), ("bibliography", "bibliography")]
    assert [s.number for s in book.sections if s.kind == "back"] == [0, 0]  # appendices are not chapters


def _registry_book(tmp_path, names: str):
    from conftest import make_manuscript
    root = make_manuscript(tmp_path / "m", {"one.md": "# One\n\nFust lent the money; Gutenberg spent it.\n"},
                           names="names.toml")
    (root / "names.toml").write_text(names)
    report = Report()
    book = read_book(root, report)
    assert book is not None and not report.errors
    return book


def test_the_cast_lists_only_people_given_a_group_and_mentioned(tmp_path):
    book = _registry_book(tmp_path, '[[person]]\nid = "fust"\nheading = "Fust, Johann"\nforms = ["Fust"]\ncast = "Partners"\n\n'
                                    '[[person]]\nid = "gutenberg"\nheading = "Gutenberg, Johannes"\nforms = ["Gutenberg"]\n\n'
                                    '[[person]]\nid = "coster"\nheading = "Coster, Laurens"\nforms = ["Coster"]\ncast = "Rivals"\n')
    cast = book.section("cast")
    assert cast is not None and cast.semantics == ("glossary", "doc-glossary")
    assert [g.attrs["data-cast"] for g in cast.blocks] == ["Partners"]  # Coster is never mentioned


def test_a_registry_without_groups_makes_no_cast(tmp_path):
    book = _registry_book(tmp_path, '[[person]]\nid = "fust"\nheading = "Fust, Johann"\nforms = ["Fust"]\n')
    assert book.section("cast") is None
