"""Random book.toml and names.toml files: each is read, or reported as the author's mistake with
its line; none ends in an internal error."""

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from book.build.pipeline import read_book
from book.errors import Report

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "400"))
BOOK_KEYS = ["title", "subtitle", "author", "language", "identifier", "date", "rights", "publisher", "subject",
             "keywords", "description", "abstract", "lof", "lot", "titel"]
FILE_KEYS = ["chapters", "front", "back", "colophon", "bibliography", "names", "chapter"]
VALUES = ['"T"', '""', '"en"', '"xx-YY-zz"', '"2026-02-30"', '"2026"', "2026", "true", '["a.md"]', '[]', '[1, 2]',
          '"a.md"', '"../outside.md"', '"/etc/hostname"', '"refs.bib"', '"names.toml"', '"\\u0001"', '{ a = 1 }',
          '"chicago-notes-bibliographie"', '"apa"', '"x.csl"', "1979-05-27", '"Рюмин"', '"' + "x" * 300 + '"']
PEOPLE = ['[[person]]\nid = "kogan"\nheading = "Kogan, B."\nforms = ["Kogan"]\n',
          '[[person]]\nid = "kogan"\nheading = "Again"\nforms = ["Kogan"]\n', '[[person]]\nid = "1bad"\n',
          '[[person]]\nid = "x"\nheading = 3\nforms = "Kogan"\n', '[[person]]\nid = "y"\nheading = "Y"\nforms = []\n',
          'not_people = ["Moscow"]\n', 'not_people = "Moscow"\n', '[person]\nid = "z"\n', "= broken\n", "unknown = 1\n"]


def table(name: str, keys: list[str]):
    lines = st.lists(st.tuples(st.sampled_from(keys), st.sampled_from(VALUES)), max_size=8, unique_by=lambda kv: kv[0])
    return lines.map(lambda kvs: f"[{name}]\n" + "".join(f"{k} = {v}\n" for k, v in kvs))


book_toml = st.tuples(table("book", BOOK_KEYS), table("files", FILE_KEYS), st.sampled_from(["", '[citations]\nstyle = "apa"\n',
                                                                                           "[citations]\nstyle = 3\n"]))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(book=book_toml, names=st.lists(st.sampled_from(PEOPLE), max_size=4).map("".join))
def test_random_metadata_reads_or_fails_cleanly(book, names):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "a.md").write_text("# A\n\nKogan met Stalin [@k].\n", encoding="utf-8")
        (root / "refs.bib").write_text("@book{k, author={A, B}, title={T}, date={2000}}\n", encoding="utf-8")
        (root / "names.toml").write_text(names, encoding="utf-8")
        (root / "book.toml").write_text("".join(book), encoding="utf-8")
        report = Report()
        result = read_book(root, report)
        problems = report.errors + report.warnings
        assert all(p.message and (p.location is None or p.location.path) for p in problems)
        assert result is not None or report.errors


def test_a_file_name_too_long_for_the_file_system_is_named(tmp_path):
    (tmp_path / "book.toml").write_text('[book]\ntitle = "T"\nauthor = "A"\nlanguage = "en"\nidentifier = "x"\n'
                                        'date = "2026"\nrights = "R"\n[files]\nchapters = ["' + "x" * 300 + '.md"]\n',
                                        encoding="utf-8")
    report = Report()
    assert read_book(tmp_path, report) is None or report.errors
    found = [e for e in report.errors if "more than a file name can hold" in e.message]
    assert found and found[0].location.line == 9
