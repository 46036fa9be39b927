"""book.toml and names.toml against their declared schemas: each mistake at its line, with a fix."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from book.config import CONFIG_NAME, Config, load_config
from book.config.check import check, check_registry
from book.config.lines import key_lines
from book.config.schemas import BOOK_SCHEMA, REGISTRY_SCHEMA
from book.errors import Report

REPOSITORY = Path(__file__).resolve().parents[2]
BOOK = (REPOSITORY / "book.toml").read_text(encoding="utf-8")
NAMES = (REPOSITORY / "names.toml").read_text(encoding="utf-8")

# A small registry whose second person is the one the cases break.
REGISTRY = """\
not_people = ["Red Army"]

[[person]]
id = "abakumov"
heading = "Abakumov, Viktor Semyonovich"
forms = ["Abakumov", "Viktor Abakumov"]

[[person]]
id = "kogan-bb"
heading = "Kogan, Boris Borisovich"
identifier = "physician"
variants = ["Kogan, B. B."]
forms = ["Boris Kogan", "B. B. Kogan"]
"""


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """The line (from 1) of the n-th line holding `fragment`."""
    found = [n for n, line in enumerate(text.splitlines(), start=1) if fragment in line]
    return found[occurrence - 1]


def changed(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def without(schema: dict, *pointer: str | int) -> dict:
    """A copy of `schema` with the rule at `pointer` (keys down to it) removed."""
    schema = copy.deepcopy(schema)
    node = schema
    for part in pointer[:-1]:
        node = node[part]
    last = pointer[-1]
    if isinstance(node, list):
        node.remove(last)
    else:
        del node[last]
    return schema


def problems(text: str, schema: dict, name: str = "file.toml") -> tuple[bool, Report]:
    report = Report()
    ok = check(tomllib.loads(text), schema, Path(name), text, report)
    return ok, report


# name: (schema, text, line of the mistake, in the message, in the hint, the rule that catches it)
BOOK_CASES = {
    "unknown key": (BOOK_SCHEMA, changed(BOOK, "subtitle =", "subtitel ="), "subtitel =",
                    "[book] subtitel is not a known key", "`subtitel`: did you mean `subtitle`",
                    ("properties", "book", "additionalProperties")),
    "unknown table": (BOOK_SCHEMA, changed(BOOK, "[files]", "[filez]"), "[filez]",
                      "[filez] is not a known table", "did you mean `files`", ("additionalProperties",)),
    "title not a string": (BOOK_SCHEMA, changed(BOOK, 'title = "The Investigator"', "title = 5"), "title = 5",
                           "[book] title must be a string, not an integer", 'write title = "..." with quotes',
                           ("properties", "book", "properties", "title", "type")),
    "missing rights": (BOOK_SCHEMA, changed(BOOK, 'rights = "Text © 2026 the Ryumin Book Project, licensed '
                                            'under CC BY 4.0."\n', ""), "[book]",
                       "[book] rights is missing", 'add rights = "..." under [book]',
                       ("properties", "book", "required", "rights")),
    "keywords not a list": (BOOK_SCHEMA, changed(BOOK, 'keywords = ["Mikhail Ryumin", "Doctors\' Plot", "MGB", '
                                                 '"Stalin", "Soviet history", "antisemitism"]', 'keywords = "x"'),
                            'keywords = "x"', "[book] keywords must be a list of strings, not a string",
                            "write keywords = [", ("properties", "book", "properties", "keywords", "type")),
    "keyword not a string": (BOOK_SCHEMA, changed(BOOK, '"antisemitism"]', '"antisemitism", 7]'), "keywords =",
                             "[book] keywords, item 7 must be a string, not an integer", "every item in quotes",
                             ("properties", "book", "properties", "keywords", "items", "type")),
    "no chapters": (BOOK_SCHEMA, changed(BOOK, 'chapters = [\n    "chapters/01-introduction.md",',
                                         'chapters = []\nold = [\n    "chapters/01-introduction.md",').replace(
                                             "old = [", "# old = [", 1).replace(
                                             '    "chapters/', '#    "chapters/').replace("\n]\nback", "\n#]\nback"),
                    "chapters = []", "[files] chapters is an empty list", "list at least one: chapters = [",
                    ("properties", "files", "properties", "chapters", "minItems")),
    "date not in the calendar": (BOOK_SCHEMA, changed(BOOK, 'date = "2026-11-27"', 'date = "2026-02-30"'), "date =",
                                 "[book] date is '2026-02-30', which is not a real date", "day of that month",
                                 ("properties", "book", "properties", "date", "format")),
    "month 13": (BOOK_SCHEMA, changed(BOOK, 'date = "2026-11-27"', 'date = "2026-13-01"'), "date =",
                 "[book] date is '2026-13-01', which is not a real date", "check the month (01-12)",
                 ("properties", "book", "properties", "date", "format")),
    "date in words": (BOOK_SCHEMA, changed(BOOK, 'date = "2026-11-27"', 'date = "tomorrow"'), "date =",
                      "[book] date is 'tomorrow', which is not a date as YYYY, YYYY-MM or YYYY-MM-DD",
                      'e.g. date = "2026-11-27"', ("properties", "book", "properties", "date", "pattern")),
    "date without quotes": (BOOK_SCHEMA, changed(BOOK, 'date = "2026-11-27"', "date = 2026-11-27"), "date =",
                            "[book] date must be a string, not a date or time without quotes", "with quotes",
                            ("properties", "book", "properties", "date", "type")),
    "language not a tag": (BOOK_SCHEMA, changed(BOOK, 'language = "en"', 'language = "English"'), "language =",
                           "which is not a BCP 47 language tag", 'e.g. language = "en"',
                           ("properties", "book", "properties", "language", "pattern")),
    "identifier 5": (REGISTRY_SCHEMA, changed(REGISTRY, 'identifier = "physician"', "identifier = 5"),
                     "identifier = 5", 'person 2 (id "kogan-bb"): identifier must be a string, not an integer',
                     'write identifier = "..." with quotes',
                     ("properties", "person", "items", "properties", "identifier", "type")),
    "variants a string": (REGISTRY_SCHEMA, changed(REGISTRY, 'variants = ["Kogan, B. B."]', 'variants = "X"'),
                          'variants = "X"', 'person 2 (id "kogan-bb"): variants must be a list of strings',
                          "write variants = [", ("properties", "person", "items", "properties", "variants", "type")),
    "no forms": (REGISTRY_SCHEMA, changed(REGISTRY, 'forms = ["Boris Kogan", "B. B. Kogan"]', "forms = []"),
                 "forms = []", 'person 2 (id "kogan-bb"): forms is an empty list', "list at least one: forms = [",
                 ("properties", "person", "items", "properties", "forms", "minItems")),
    "id with a space": (REGISTRY_SCHEMA, changed(REGISTRY, 'id = "kogan-bb"', 'id = "a b"'), 'id = "a b"',
                        "person 2 (id \"a b\"): id is 'a b', which is not an id of letters",
                        'e.g. id = "kogan-bb"', ("properties", "person", "items", "properties", "id", "pattern")),
    "person not a list": (REGISTRY_SCHEMA, "person = 5\n", "person = 5",
                          "person must be a list of tables, not an integer", "each person as a [[person]] table",
                          ("properties", "person", "type")),
    "unknown key in a person": (REGISTRY_SCHEMA, changed(REGISTRY, 'heading = "Kogan', 'heding = "Kogan'),
                                "heding =", 'person 2 (id "kogan-bb"): heding is not a known key',
                                "did you mean `heading`", ("properties", "person", "items", "additionalProperties")),
    "missing heading": (REGISTRY_SCHEMA, changed(REGISTRY, 'heading = "Kogan, Boris Borisovich"\n', ""),
                        ("[[person]]", 2), 'person 2 (id "kogan-bb"): heading is missing',
                        'add heading = "..." to this [[person]] table',
                        ("properties", "person", "items", "required", "heading")),
    "not_people item a number": (REGISTRY_SCHEMA, changed(REGISTRY, 'not_people = ["Red Army"]', "not_people = [1]"),
                                 "not_people = [1]", "not_people, item 1 must be a string, not an integer",
                                 'write not_people = ["Central Committee", "Red Army"], every item in quotes',
                                 ("properties", "not_people", "items", "type")),
}


# A misspelt table or key also leaves the right one missing: both are said.
ALSO = {"unknown table": ["[files] is missing (it is required)"],
        "unknown key in a person": ['person 2 (id "kogan-bb"): heading is missing (it is required)']}


@pytest.mark.parametrize("name", list(BOOK_CASES))
def test_mistake_is_reported_at_its_line_with_a_fix(name):
    schema, text, where, message, hint, _ = BOOK_CASES[name]
    ok, report = problems(text, schema)
    assert not ok
    line = line_of(text, *where) if isinstance(where, tuple) else line_of(text, where)
    found = [p for p in report.errors if message in p.message]
    assert [(p.location.line, hint in p.hint) for p in found] == [(line, True)], [str(p) for p in report.errors]
    others = sorted(p.message for p in report.errors if p not in found)
    assert others == ALSO.get(name, []), others


@pytest.mark.parametrize("name", list(BOOK_CASES))
def test_each_case_is_caught_by_its_own_rule(name):
    """Without the rule the case names, the mistake passes: so the case tests that rule."""
    schema, text, _, message, _, rule = BOOK_CASES[name]
    ok, report = problems(text, without(schema, *rule))
    assert not any(message in p.message for p in report.errors), [str(p) for p in report.errors]


@pytest.mark.parametrize("schema", [BOOK_SCHEMA, REGISTRY_SCHEMA])
def test_the_schemas_are_valid_draft_2020_12(schema):
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize("schema", [BOOK_SCHEMA, REGISTRY_SCHEMA])
def test_every_table_refuses_unknown_keys(schema):
    def tables(node):
        if isinstance(node, dict):
            if node.get("type") == "object":
                yield node
            for value in node.values():
                yield from tables(value)

    found = list(tables(schema))
    assert found and all(t.get("additionalProperties") is False for t in found)


def test_the_real_files_check_clean():
    report = Report()
    assert check(tomllib.loads(BOOK), BOOK_SCHEMA, REPOSITORY / "book.toml", BOOK, report)
    assert check_registry(tomllib.loads(NAMES), REPOSITORY / "names.toml", NAMES, report)
    assert report.errors == [] and report.warnings == []


def test_every_problem_of_a_file_is_reported_in_one_run():
    text = changed(changed(BOOK, "subtitle =", "subtitel ="), 'date = "2026-11-27"', 'date = "2026-02-30"')
    ok, report = problems(text, BOOK_SCHEMA)
    assert sorted(p.location.line for p in report.errors) == [line_of(text, "subtitel"), line_of(text, "date =")]


@pytest.mark.parametrize("text", [
    "person = [1, \"x\", [], {}]\n",
    "person = [{ id = 1, forms = [[1], {a = 2}], extra = { deep = [1.5, true] } }]\n",
    "[[person]]\nid = \"x\"\nheading = \"X\"\nforms = [\"X\"]\n[person.nested]\na = 1\n[[person.more]]\nb = 2\n",
    "not_people = [1, \"a\", 2.5, true, 1979-05-27, [\"b\"]]\n",
    "\"quoted key\" = 1\ndotted.key.here = 2\n[\"a table\"]\nx = 1979-05-27T07:32:00Z\n",
    "",
])
def test_odd_registries_are_reported_never_raised(text):
    ok, report = problems(text, REGISTRY_SCHEMA)
    assert ok == (text == "") and all(p.location is not None for p in report.errors)
    assert all(p.message and p.hint for p in report.errors)


def test_odd_book_tables_are_reported_never_raised():
    ok, report = problems("book = 1\nfiles = [1]\n[\"x\"]\n", BOOK_SCHEMA)
    assert not ok
    assert {p.message for p in report.errors} == {"book must be a table, not an integer",
                                                  "files must be a table, not a list",
                                                  '[x] is not a known table'}


def test_a_missing_table_names_what_to_add():
    ok, report = problems(BOOK.split("[files]")[0], BOOK_SCHEMA)
    assert [(p.message, p.hint) for p in report.errors] == [
        ("[files] is missing (it is required)", 'add a [files] table with chapters = ["chapters/01-intro.md", '
                                                '"chapters/02-early-life.md"]')]


# -- where keys are written


def test_key_lines_of_tables_arrays_of_tables_and_quoted_and_dotted_keys():
    text = '\n'.join([
        'top = 1',                  # 1
        'a.b = 2',                  # 2
        '"q k".x = 3',              # 3
        '[book]',                   # 4
        'title = """',              # 5
        'fake = 1',                 # 6  inside a string
        '[notatable]',              # 7  inside a string
        '"""',                      # 8
        'list = [',                 # 9
        '  ["x", "y"],',            # 10 inside an array
        ']',                        # 11
        '"sub title" = "s" # c',    # 12
        '[[person]]',               # 13
        'id = "a"',                 # 14
        '[person.extra]',           # 15
        'z = 1',                    # 16
        '[[person]]',               # 17
        "'id' = \"b\"",             # 18
        '[ "x y" . z ]',            # 19
        'w = 1',                    # 20
    ]) + "\n"
    tomllib.loads(text)
    lines = key_lines(text)
    assert lines[("top",)] == 1 and lines[("a", "b")] == 2 and lines[("a",)] == 2
    assert lines[("q k", "x")] == 3
    assert lines[("book",)] == 4 and lines[("book", "title")] == 5 and lines[("book", "list")] == 9
    assert ("book", "fake") not in lines and ("notatable",) not in lines and ("x",) not in lines
    assert lines[("book", "sub title")] == 12
    assert lines[("person", 0)] == 13 and lines[("person", 0, "id")] == 14
    assert lines[("person", 0, "extra", "z")] == 16
    assert lines[("person", 1)] == 17 and lines[("person", 1, "id")] == 18
    assert lines[("x y", "z", "w")] == 20


@pytest.mark.parametrize("text", ["[unclosed\n", "= 1\n", '"open = 1\n', "[[a]\nb = '''\n", "a.\n", "[a.'b]\n"])
def test_key_lines_reads_what_it_can_of_broken_text(text):
    assert isinstance(key_lines(text), dict)


# -- book.toml through load_config


def write(root: Path, text: str | bytes) -> Path:
    path = root / CONFIG_NAME
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def test_load_config_reads_the_real_book_toml(tmp_path):
    write(tmp_path, BOOK)
    report = Report()
    config = load_config(tmp_path, report)
    assert report.errors == [] and isinstance(config, Config)
    assert config.meta.title == "The Investigator" and config.meta.keywords[0] == "Mikhail Ryumin"
    assert config.chapters[0] == (tmp_path / "chapters/01-introduction.md").resolve() and len(config.chapters) == 8
    assert config.front == [(tmp_path / f"front/{name}.md").resolve()
                            for name in ("preface", "transliteration", "abbreviations")]
    assert config.back == [(tmp_path / f"back/{name}.md").resolve() for name in ("chronology", "glossary")]
    assert config.colophon == (tmp_path / "front/colophon.md").resolve()
    assert config.names == (tmp_path / "names.toml").resolve()
    assert config.bibliography == (tmp_path / "refs.bib").resolve()


def test_load_config_defaults_the_optional_fields(tmp_path):
    text = ('[book]\ntitle = "T"\nauthor = "A"\nlanguage = "en-GB"\nidentifier = "id"\ndate = "2026"\n'
            'rights = "R"\n[files]\nchapters = ["one.md"]\n')
    write(tmp_path, text)
    report = Report()
    config = load_config(tmp_path, report)
    assert report.errors == []
    assert (config.meta.subtitle, config.meta.publisher, config.meta.keywords) == ("", "", [])
    assert (config.colophon, config.bibliography, config.names, config.front) == (None, None, None, [])


def test_load_config_reports_schema_problems_with_lines(tmp_path):
    path = write(tmp_path, changed(BOOK, "subtitle =", "subtitel ="))
    report = Report()
    assert load_config(tmp_path, report) is None
    assert [(p.location, p.hint) for p in report.errors] == [
        (type(report.errors[0].location)(path, 5), "`subtitel`: did you mean `subtitle` or `title`?")]


def test_load_config_refuses_files_outside_the_folder(tmp_path):
    text = changed(BOOK, 'bibliography = "refs.bib"', 'bibliography = "../refs.bib"')
    path = write(tmp_path, text)
    report = Report()
    load_config(tmp_path, report)
    assert [(str(p.location), p.message) for p in report.errors] == [
        (f"{path}:{line_of(text, 'bibliography')}", "'../refs.bib' lies outside the manuscript folder")]


def test_invalid_utf8_is_an_error_with_line_and_column(tmp_path):
    path = write(tmp_path, BOOK.encode("utf-8").replace(b'title = "The', b'title = "Th\xe9'))
    report = Report()
    assert load_config(tmp_path, report) is None
    (problem,) = report.errors
    assert (problem.location.path, problem.location.line, problem.location.column) == (path, line_of(BOOK, "title ="), 12)
    assert problem.message == "invalid UTF-8 (byte 0xe9)" and "UTF-8" in problem.hint


def test_byte_order_mark_is_an_error(tmp_path):
    write(tmp_path, b"\xef\xbb\xbf" + BOOK.encode("utf-8"))
    report = Report()
    assert load_config(tmp_path, report) is None
    assert str(report.errors[0].location).endswith("book.toml:1:1")


def test_toml_syntax_error_keeps_its_line(tmp_path):
    write(tmp_path, BOOK + "\nthis is = not [valid\n")
    report = Report()
    assert load_config(tmp_path, report) is None
    assert report.errors[0].location.line == len(BOOK.splitlines()) + 2


def test_no_book_toml(tmp_path):
    report = Report()
    assert load_config(tmp_path, report) is None
    assert "no metadata file book.toml" in report.errors[0].message
