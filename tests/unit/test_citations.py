"""Citations through the CSL processor, on small manuscripts: styles by name and by file, the
in-text styles, CSL-JSON and YAML bibliographies, the reader's warnings, the cache."""

from __future__ import annotations

import json

import pytest
from citations import render
from conftest import make_manuscript

from book.build.pipeline import read_book
from book.citations import processor
from book.errors import Report
from book.model import plain_text

BIB = """@book{brent,
  author = {Brent, Jonathan and Naumov, Vladimir P.},
  title = {Stalin's Last Crime},
  subtitle = {The Plot against the Jewish Doctors, 1948--1953},
  publisher = {HarperCollins},
  date = {2003},
}
@article{blauvelt,
  author = {Blauvelt, Timothy K.},
  title = {March of the Chekists},
  journaltitle = {Communist and Post-Communist Studies},
  volume = {44}, number = {1}, date = {2011},
}
"""
def notes(section) -> list[str]:
    return [n.replace("\u00a0", " ") for n in render.notes(section)]


def bibliography(book) -> list[str]:
    return [e.replace("\u00a0", " ") for e in render.bibliography(book)]


def text_of(section) -> str:
    return plain_text(section.blocks).replace("\u00a0", " ")


TEXT = "# One\n\nA claim [@brent, 45]. Another [@blauvelt, 75]. Again [@brent, 46].\n"


def _book(tmp_path, text=TEXT, bib=BIB, style=None, language="en", bib_name="refs.bib"):
    root = make_manuscript(tmp_path / "m", {"one.md": text}, bib=bib)
    toml = (root / "book.toml").read_text()
    toml = toml.replace('language = "en"', f'language = "{language}"')
    if bib_name != "refs.bib":
        (root / "refs.bib").rename(root / bib_name)
        toml = toml.replace('bibliography = "refs.bib"', f'bibliography = "{bib_name}"')
    if style:
        toml += f'\n[citations]\nstyle = "{style}"\n'
    (root / "book.toml").write_text(toml)
    report = Report()
    return read_book(root, report), report


def test_default_style_is_chicago_18_notes(tmp_path):
    book, report = _book(tmp_path)
    assert not report.errors
    assert notes(book.sections[0]) == [
        "Jonathan Brent and Vladimir P. Naumov, *Stalin’s Last Crime: The Plot against the Jewish Doctors, "
        "1948–1953* (HarperCollins, 2003), 45.",
        "Timothy K. Blauvelt, “March of the Chekists,” *Communist and Post-Communist Studies* 44, no. 1 (2011): 75.",
        "Brent and Naumov, *Stalin’s Last Crime*, 46."]
    assert bibliography(book)[0].startswith("Blauvelt, Timothy K. “March of the Chekists.”")


def test_author_date_style_cites_in_the_text_with_a_reference_list(tmp_path):
    book, report = _book(tmp_path, style="chicago-author-date")
    assert not report.errors
    text = text_of(book.sections[0])
    assert "A claim (Brent and Naumov 2003, 45)." in text
    assert not notes(book.sections[0])
    assert book.sections[-1].plain_title == "References"
    assert bibliography(book)[1].startswith("Brent, Jonathan, and Vladimir P. Naumov. 2003.")


def test_apa_sets_titles_in_sentence_case_and_journals_in_title_case(tmp_path):
    book, _ = _book(tmp_path, style="apa")
    assert "(Brent & Naumov, 2003, p. 45)" in text_of(book.sections[0])
    entries = bibliography(book)
    assert entries[0] == "Blauvelt, T. K. (2011). March of the chekists. *Communist and Post-Communist Studies*, *44*(1)."


def test_numeric_style_numbers_citations_in_order(tmp_path):
    book, _ = _book(tmp_path, style="ieee")
    assert "A claim [1, p. 45]." in text_of(book.sections[0])
    assert bibliography(book)[0].startswith("[1] J. Brent and V. P. Naumov")


def test_unknown_style_names_the_nearest(tmp_path):
    _, report = _book(tmp_path, style="chicago-notes-bibliographie")
    assert any("unknown citation style" in e.message and "chicago-notes-bibliography" in e.hint
               for e in report.errors)


def test_a_csl_file_in_the_manuscript_and_one_outside(tmp_path):
    book, report = _book(tmp_path, style="../outside.csl")
    assert any("lies outside the manuscript folder" in e.message for e in report.errors)


def test_book_language_gives_the_locale(tmp_path):
    book, report = _book(tmp_path, language="de")
    assert notes(book.sections[0])[1] == ("Timothy K. Blauvelt, „March of the Chekists“, *Communist and "
                                           "Post-Communist Studies* 44, Nr. 1 (2011): 75.")


def test_csl_json_bibliography(tmp_path):
    items = [{"id": "brent", "type": "book", "title": "Stalin's Last Crime",
              "author": [{"family": "Brent", "given": "Jonathan"}], "publisher": "HarperCollins",
              "issued": {"date-parts": [[2003]]}}]
    book, report = _book(tmp_path, text="# One\n\nA [@brent, 4].\n", bib=json.dumps(items), bib_name="refs.json")
    assert not report.errors, report.errors
    assert notes(book.sections[0]) == ["Jonathan Brent, *Stalin’s Last Crime* (HarperCollins, 2003), 4."]


def test_csl_yaml_bibliography_and_its_unknown_key(tmp_path):
    yaml = "references:\n- id: brent\n  type: book\n  title: Stalin's Last Crime\n  issued: 2003\n"
    book, report = _book(tmp_path, text="# One\n\nA [@brent]. B [@brnet].\n", bib=yaml, bib_name="refs.yaml")
    assert notes(book.sections[0]) == ["*Stalin’s Last Crime* (2003)."]
    unknown = [e for e in report.errors if "brnet" in e.message]
    assert unknown and unknown[0].location.line == 3 and "@brent" in unknown[0].hint


@pytest.mark.parametrize("entry, warning", [
    ("@bok{x, title={T}, date={2000}}", "type @bok, which BibTeX and biblatex do not define"),
    ("@book{x, title={T}, date={2000}, adress={Paris}}", "the field 'adress'"),
    ("@incollection{x, title={T}, date={2000}}", "has no booktitle"),
])
def test_reader_warns_with_the_line(tmp_path, entry, warning):
    _, report = _book(tmp_path, text="# One\n\nA [@x].\n", bib="\n\n" + entry + "\n")
    found = [w for w in report.warnings if warning in w.message]
    assert found and found[0].location.line == 3
    if "adress" in warning:
        assert "address" in found[0].hint


def test_every_entry_type_builds(tmp_path):
    types = ["inbook", "incollection", "collection", "mvbook", "thesis", "phdthesis", "techreport",
             "unpublished", "misc", "inproceedings", "conference", "patent", "dataset", "software"]
    bib = "".join(f"@{t}{{k{n}, author={{A, B}}, title={{Title {n}}}, date={{2000}}, booktitle={{Book}}, "
                  f"institution={{I}}, school={{S}}, number={{1}}, url={{https://example.org}}}}\n"
                  for n, t in enumerate(types))
    text = "# One\n\n" + " ".join(f"S{n} [@k{n}]." for n in range(len(types))) + "\n"
    book, report = _book(tmp_path, text=text, bib=bib)
    assert not report.errors
    assert len(notes(book.sections[0])) == len(types) and len(bibliography(book)) == len(types)


def test_a_prose_edit_does_not_start_the_processor_again(tmp_path, monkeypatch):
    root = make_manuscript(tmp_path / "m", {"one.md": TEXT}, bib=BIB)
    read_book(root, Report(), cache=root / ".cache")
    calls = []
    monkeypatch.setattr(processor, "MEMORY", {})
    monkeypatch.setattr(processor, "_run", lambda *a: calls.append(a) or b"{}")
    (root / "chapters" / "one.md").write_text(TEXT.replace("A claim", "A different claim"))
    book = read_book(root, Report(), cache=root / ".cache")
    assert calls == []
    assert notes(book.sections[0])[2] == "Brent and Naumov, *Stalin’s Last Crime*, 46."


def test_numeric_numbers_are_the_books_not_the_chapters(tmp_path):
    root = make_manuscript(tmp_path / "m", {"one.md": "# One\n\nA [@brent].\n", "two.md": "# Two\n\nB [@blauvelt].\n"},
                           bib=BIB)
    (root / "book.toml").write_text((root / "book.toml").read_text() + '\n[citations]\nstyle = "ieee"\n')
    book = read_book(root, Report())
    assert "B [2]." in text_of(book.sections[1])
    assert bibliography(book)[1].startswith("[2] T. K. Blauvelt")


def test_a_citation_that_closes_a_sentence_of_an_authors_note_follows_it(tmp_path):
    text = "# One\n\nA.^[The service arrested many soldiers [@blauvelt]. See also [@brent, 4].]\n"
    book, _ = _book(tmp_path, text=text)
    assert notes(book.sections[0]) == [
        "The service arrested many soldiers. Timothy K. Blauvelt, “March of the Chekists,” *Communist and "
        "Post-Communist Studies* 44, no. 1 (2011). See also Jonathan Brent and Vladimir P. Naumov, *Stalin’s Last "
        "Crime: The Plot against the Jewish Doctors, 1948–1953* (HarperCollins, 2003), 4."]


def test_a_house_style_file_in_the_manuscript(tmp_path):
    from book.citations.styles import _repository
    root = make_manuscript(tmp_path / "m", {"one.md": TEXT}, bib=BIB)
    (root / "styles").mkdir()
    (root / "styles" / "house.csl").write_bytes((_repository() / "apa.csl").read_bytes())
    (root / "styles" / "broken.csl").write_text("<style")
    config = (root / "book.toml").read_text()
    (root / "book.toml").write_text(config + '\n[citations]\nstyle = "styles/house.csl"\n')
    book = read_book(root, Report())
    assert "(Brent & Naumov, 2003, p. 45)" in text_of(book.sections[0])
    (root / "book.toml").write_text(config + '\n[citations]\nstyle = "styles/broken.csl"\n')
    report = Report()
    read_book(root, report)
    assert any("is not valid CSL" in e.message and e.location.path.name == "broken.csl" for e in report.errors)


def test_a_source_the_style_leaves_out_of_the_bibliography_is_named(tmp_path):
    bib = "@unpublished{ms, author={Gorskaya, Vera}, title={My Father's Arrest}, year={1989}}\n"
    book, report = _book(tmp_path, text="# One\n\nA [@ms, 3].\n", bib=bib)
    assert notes(book.sections[0]) == ["Vera Gorskaya, “My Father’s Arrest,” unpublished manuscript, 1989, 3."]
    assert book.section("bibliography") is None  # no empty entry, no empty section
    assert any("prints no bibliography entry for 'ms'" in w.message and w.location.line == 1 for w in report.warnings)


def test_every_amendment_finds_its_place_in_the_default_style(tmp_path):
    from book.citations.amendments import AMENDMENTS
    from book.citations.styles import DEFAULT, find_style
    style = find_style(DEFAULT, tmp_path, None, Report())
    assert style is not None and style.amendments == tuple(a.why for a in AMENDMENTS)
    apa = find_style("apa", tmp_path, None, Report())
    assert apa is not None and apa.amendments == ()  # only the style they were written for


def test_a_translation_with_its_original_date_is_no_reprint(tmp_path):
    bib = BIB + """@book{grossman,
  author = {Grossman, Vasily}, title = {Everything Flows}, translator = {Chandler, Robert},
  publisher = {NYRB Classics}, date = {2009}, origdate = {1970},
}
@book{marchetti,
  author = {Marchetti, Paul}, title = {Vigilance and Terror}, publisher = {Westview Press},
  date = {1986}, origdate = {1958},
}
"""
    book, report = _book(tmp_path, "# One\n\nA [@grossman, 5]. B [@marchetti, 6].\n", bib)
    first, second = notes(book.sections[0])
    assert "repr." not in first and "trans. Robert Chandler" in first
    assert second == "Paul Marchetti, *Vigilance and Terror* (1958; repr., Westview Press, 1986), 6."
    entries = bibliography(book)
    assert "Marchetti, Paul. *Vigilance and Terror*. 1958. Reprint, Westview Press, 1986." in entries
    assert not any("Reprint" in e for e in entries if e.startswith("Grossman"))
