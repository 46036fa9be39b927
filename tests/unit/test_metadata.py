"""Metadata the pandoc way: YAML front matter, metadata.yaml, and a folder with no book.toml."""

from __future__ import annotations

import logging
import os
import uuid
from pathlib import Path

import pytest
from conftest import ROOTS, make_manuscript

from book.config import load_config
from book.config.folder import chapter_files, natural_key
from book.config.pandoc import parse_metadata, split_front_matter
from book.errors import Location, Report
from book.model import Text
from book.readers.manuscript import read_manuscript
from book.readers.markdown import read_section


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def section(tmp_path: Path, text: str, kind: str = "chapter", first: bool = False, name: str = "ch.md"):
    report = Report()
    return read_section(write(tmp_path / name, text), tmp_path, kind, report, first=first), report


def meta(text: str, first_line: int = 2) -> tuple:
    report = Report()
    return parse_metadata(text, Path("ch.md"), first_line, report), report


# -- 1. front matter split off before the Markdown, line numbers kept

def test_front_matter_is_split_at_the_top_only():
    assert split_front_matter("---\ntitle: T\n---\n# H\n") == ("title: T\n", 2, 3)
    assert split_front_matter("---\ntitle: T\n...\nText\n") == ("title: T\n", 2, 3)
    assert split_front_matter("---\n\ntitle: T\n---\n") is None  # pandoc: no blank line after the opening
    assert split_front_matter("---\ntitle: T\n") is None  # never closed: a rule and a paragraph
    assert split_front_matter("# H\n\n---\ntitle: T\n---\n") is None


def test_an_error_after_the_front_matter_keeps_its_line_in_the_file(tmp_path):
    text = "---\ntitle: T\nauthor: A\ndate: 2026\n---\n# Heading\n\n### Too deep\n"
    got, report = section(tmp_path, text, first=True)
    assert [(p.location.line, p.message) for p in report.errors] == [
        (8, "heading level skipped: h1 is followed by h3")]
    assert got is not None and got.title == [Text("Heading")]


def test_front_matter_title_is_the_title_of_a_file_without_a_heading(tmp_path):
    got, report = section(tmp_path, "---\ntitle: From YAML\n---\n\nThe text.\n")
    assert report.errors == [] and got.title == [Text("From YAML")]
    got, report = section(tmp_path, "---\ntitle: From YAML\n---\n# From the heading\n\nThe text.\n")
    assert report.errors == [] and got.title == [Text("From the heading")]


def test_a_later_file_speaks_only_for_itself(tmp_path):
    got, report = section(tmp_path, "---\ntitle: Kapitel\nlang: de\nauthor: Somebody\n---\n\nDer Text.\n")
    assert got.lang == "de" and report.errors == []
    assert [(p.location.line, p.message) for p in report.warnings] == [
        (4, "`author` in the front matter of a later file is ignored")]


# -- 5. front matter and colophon need no title; a chapter does

@pytest.mark.parametrize("kind", ["front", "colophon"])
def test_front_matter_without_a_heading_is_fine(tmp_path, kind):
    got, report = section(tmp_path, "*For A.*\n", kind=kind)
    assert report.errors == [] and got.title == [] and got.blocks


@pytest.mark.parametrize("kind", ["chapter", "back"])
def test_a_chapter_without_a_title_is_an_error_at_its_first_line(tmp_path, kind):
    _, report = section(tmp_path, "---\nlang: en\n---\n\nText without a title.\n", kind=kind)
    assert [(p.location.line, p.message) for p in report.errors] == [(5, "the file does not start with a title")]
    assert "title:" in report.errors[0].hint


# -- 6. every key checked, with its line

@pytest.mark.parametrize("value, expected", [
    ("Ada Lovelace", "Ada Lovelace"),
    ("[Ada Lovelace, Charles Babbage]", "Ada Lovelace, Charles Babbage"),
    ("\n  - name: Ada Lovelace\n    affiliation: Analytical\n  - name: Charles Babbage", "Ada Lovelace, Charles Babbage"),
    ("{name: Ada Lovelace}", "Ada Lovelace"),
])
def test_author_forms(value, expected):
    got, report = meta(f"author: {value}\n")
    assert report.errors == [] and got.values["author"] == expected


@pytest.mark.parametrize("text, key, message", [
    ("title: T\nauthor: 5\n", "author", "`author` in the front matter must be a name, a list of names or a list of "
                                        "{name: ...}, not a number"),
    ("title: T\nauthor: [A, 5]\n", "author", None),
    ("title: T\ndate: 2026-02-30\n", "date", "`date` in the front matter must be a real date as YYYY, YYYY-MM or "
                                            "YYYY-MM-DD, not '2026-02-30'"),
    ("title: T\nlang: english please\n", "lang", None),
    ("title: T\nlof: maybe\n", "lof", "`lof` in the front matter must be true or false, not 'maybe'"),
    ("title: \"\"\n", "title", "`title` in the front matter must be a string that is not empty, not an empty string"),
])
def test_a_key_of_the_wrong_type_is_an_error_at_its_line(text, key, message):
    got, report = meta(text)
    (problem,) = report.errors
    line = next(n for n, line in enumerate(text.splitlines(), start=2) if line.startswith(f"{key}:"))
    assert problem.location == Location(Path("ch.md"), line)
    assert message is None or problem.message == message
    assert problem.hint.startswith(f"write `{key}: ")
    assert key not in got.values


def test_values_in_the_builders_form():
    got, report = meta("date: 2026-03-14\nkeywords: one, two ,three\nlof: true\nbibliography: [refs.bib]\n")
    assert report.errors == []
    assert got.values == {"date": "2026-03-14", "keywords": ["one", "two", "three"], "lof": True,
                          "bibliography": "refs.bib"}
    assert meta("keywords: [a, b]\n")[0].values["keywords"] == ["a", "b"]


def test_yaml_syntax_error_points_at_its_line():
    _, report = meta("title: T\nauthor: [A, B\ndate: 2026\n", first_line=2)
    (problem,) = report.errors
    assert problem.message.startswith("the front matter is not valid YAML")
    assert problem.location.line == 4 and "indentation" in problem.hint  # the line where PyYAML notices


def test_yaml_syntax_error_in_a_file_keeps_the_file_line(tmp_path):
    _, report = section(tmp_path, "---\ntitle: T\nsubtitle: a: b\n---\n# H\n\nText.\n", first=True)
    assert [(p.location.line, p.location.column) for p in report.errors] == [(3, 12)]


def test_front_matter_that_is_not_a_mapping_is_an_error():
    _, report = meta("- just\n- a list\n")
    assert report.errors[0].message == "the front matter is not a list of `key: value` lines"


def test_an_unknown_key_is_one_warning_naming_the_nearest_key(tmp_path):
    report = Report()
    parse_metadata("titel: T\n", tmp_path / "a.md", 2, report)
    parse_metadata("titel: U\nlanguage: en\nfoo: 1\n", tmp_path / "b.md", 2, report)
    assert report.errors == []
    assert [(p.location.path.name, p.message, p.hint) for p in report.warnings] == [
        ("a.md", "unknown metadata key `titel` (ignored)", "did you mean `title`?"),
        ("b.md", "unknown metadata key `language` (ignored)", "did you mean `lang`?"),
        ("b.md", "unknown metadata key `foo` (ignored)", report.warnings[2].hint)]
    assert "`title`" in report.warnings[2].hint and "`lof`" in report.warnings[2].hint


# -- 2. metadata merged: book.toml, then the first file's front matter, then metadata.yaml

TOML_FILES = '[files]\nchapters = ["chapters/one.md"]\n'


def test_yaml_fills_what_book_toml_leaves_out(tmp_path):
    write(tmp_path / "book.toml", '[book]\ntitle = "From TOML"\nidentifier = "urn:x"\n' + TOML_FILES)
    write(tmp_path / "metadata.yaml", "title: From metadata.yaml\nauthor: File Author\nlang: fr\ndate: 2020\n"
                                      "rights: R\nbibliography: refs.bib\nabstract: Short.\nlot: true\n")
    write(tmp_path / "chapters/one.md", "---\nauthor: Front Author\ndate: 2021-05\n---\n# One\n\nText.\n")
    report = Report()
    config = load_config(tmp_path, report)
    assert report.errors == [], report.errors
    m = config.meta
    assert (m.title, m.author, m.language, m.date, m.identifier, m.rights) == (
        "From TOML", "Front Author", "fr", "2021-05", "urn:x", "R")
    assert m.description == "Short." and config.abstract == "Short." and config.lot and not config.lof
    assert config.bibliography == (tmp_path / "refs.bib").resolve()


def test_a_required_key_no_source_gives_is_still_an_error(tmp_path):
    write(tmp_path / "book.toml", TOML_FILES)
    write(tmp_path / "metadata.yaml", "title: T\nauthor: A\nlang: en\ndate: 2020\nrights: R\n")
    write(tmp_path / "chapters/one.md", "# One\n\nText.\n")
    report = Report()
    assert load_config(tmp_path, report) is None
    assert [p.message for p in report.errors] == ["[book] identifier is missing (it is required)"]


def test_metadata_yaml_errors_have_their_lines(tmp_path):
    write(tmp_path / "metadata.yaml", "title: T\nauthor: 5\n")
    write(tmp_path / "one.md", "# One\n\nText.\n")
    report = Report()
    load_config(tmp_path, report)
    assert [(p.location.path.name, p.location.line) for p in report.errors] == [("metadata.yaml", 2)]
    assert "in the metadata file" in report.errors[0].message


# -- 3. a folder with no book.toml

def test_natural_order():
    names = ["10-c.md", "2-b.md", "01-a.md", "appendix.md", "1-x.md"]
    assert sorted(names, key=natural_key) == ["01-a.md", "1-x.md", "2-b.md", "10-c.md", "appendix.md"]


def test_a_folder_is_its_markdown_files_in_name_order(tmp_path, caplog):
    for name in ("10-c.md", "02-b.md", "01-a.md"):
        write(tmp_path / name, f"# Chapter {name[:2]}\n\nText.\n")
    write(tmp_path / "README.md", "# Read me\n")
    write(tmp_path / "refs.bib", "@book{k, author={A, B}, title={T}, date={2000}}\n")
    os.utime(tmp_path / "02-b.md", (1_700_000_000, 1_700_000_000))
    for name in ("10-c.md", "01-a.md"):
        os.utime(tmp_path / name, (1_600_000_000, 1_600_000_000))
    report = Report()
    with caplog.at_level(logging.INFO, logger="book"):
        config = load_config(tmp_path, report)
    assert report.errors == [] and report.warnings == []
    assert [p.name for p in config.chapters] == ["01-a.md", "02-b.md", "10-c.md"]
    m = config.meta
    assert (m.title, m.language, m.author, m.rights) == ("Chapter 01", "en", "", "")
    assert m.date == "2023-11-14"  # the newest file's day, not the day of the build
    assert m.identifier == f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{tmp_path.name}/Chapter 01')}"
    assert config.bibliography == (tmp_path / "refs.bib").resolve() and not config.listed
    (note,) = [r for r in caplog.records if r.getMessage().startswith("no book.toml")]
    assert note.levelno == logging.INFO
    assert note.getMessage().startswith("no book.toml: building 3 chapters in name order (01-a.md, 02-b.md, "
                                        "10-c.md); title 'Chapter 01' from 01-a.md; language en (default)")


def test_folder_defaults_the_title_to_its_name_and_the_date_to_source_date_epoch(tmp_path, monkeypatch):
    folder = tmp_path / "my-memo"
    write(folder / "memo.md", "Just text, no heading.\n")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    report = Report()
    config = load_config(folder, report)
    assert (config.meta.title, config.meta.date) == ("my-memo", "2026-01-01")
    assert load_config(folder, Report()).meta.identifier == config.meta.identifier  # stable


def test_folder_metadata_from_yaml(tmp_path):
    write(tmp_path / "metadata.yaml", "title: The File's Title\nlang: de\nbibliography: sources.bib\n")
    write(tmp_path / "1.md", "---\ntitle: The Front Matter's Title\nauthor: [A, B]\n---\n\nText.\n")
    write(tmp_path / "a.bib", "")
    write(tmp_path / "sources.bib", "")
    report = Report()
    config = load_config(tmp_path, report)
    assert report.errors == report.warnings == []
    assert (config.meta.title, config.meta.author, config.meta.language) == ("The Front Matter's Title", "A, B", "de")
    assert config.bibliography == (tmp_path / "sources.bib").resolve()


def test_folder_with_two_bib_files_and_no_choice_warns(tmp_path):
    write(tmp_path / "1.md", "# One\n\nText.\n")
    write(tmp_path / "a.bib", "")
    write(tmp_path / "b.bib", "")
    report = Report()
    assert load_config(tmp_path, report).bibliography is None
    assert "2 .bib files" in report.warnings[0].message and "bibliography: a.bib" in report.warnings[0].hint


def test_an_empty_folder_is_an_error(tmp_path):
    write(tmp_path / "README.md", "# Read me\n")
    report = Report()
    assert load_config(tmp_path, report) is None
    assert "no metadata file book.toml" in report.errors[0].message
    assert chapter_files(tmp_path) == []


def test_the_memo_root_reads_from_its_front_matter():
    report = Report()
    manuscript = read_manuscript(ROOTS / "memo-yaml", report)
    assert report.errors == [] and report.warnings == []
    m = manuscript.book.meta
    assert (m.title, m.author, m.date, m.language) == (
        "On the Reading of Memoranda", "Ada Lovelace, Charles Babbage", "2026-03-14", "en-GB")
    assert m.description.startswith("A short memorandum") and m.keywords == ["memoranda", "metadata"]
    assert manuscript.book.sections[0].title == [Text("On the Reading of Memoranda")]


# -- 4. an unlisted Markdown file is a warning

def test_an_unlisted_file_is_a_warning_saying_how_to_include_it(tmp_path):
    root = make_manuscript(tmp_path / "book", {"one.md": "# One\n\nText.\n"})
    write(root / "chapters/draft.md", "# Draft\n\nNotes.\n")
    write(root / "chapters/README.md", "# About these files\n")
    report = Report()
    manuscript = read_manuscript(root, report)
    assert report.errors == [] and [s.path.name for s in manuscript.book.sections] == ["one.md"]
    (warning,) = report.warnings
    assert warning.location == Location(root / "chapters/draft.md")
    assert 'add "chapters/draft.md" to [files] chapters' in warning.hint
