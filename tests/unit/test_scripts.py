"""Text in a foreign script gets its language: marked by the author, declared for the script in
book.toml, or inferred inside a note from its marked title; else a warning naming file and line."""

from __future__ import annotations

from conftest import make_manuscript

from book.build.pipeline import read_book
from book.errors import Report
from book.model import Element, Note, walk
from book.scripts import native_scripts, script_of
from book.transforms.scripts import foreign_runs

BIB = """@book{kost,
  author = {Костырченко, Геннадий},
  title = {Тайная политика Сталина},
  publisher = {Международные отношения},
  location = {Москва},
  date = {2001},
  langid = {russian},
}
"""


def _read(tmp_path, text: str, scripts: str = "", bib: str = "", language: str = "en", then: str = ""):
    root = make_manuscript(tmp_path / "m", {"one.md": text, **({"two.md": then} if then else {})}, bib=bib)
    toml = (root / "book.toml").read_text()
    toml = toml.replace('language = "en"', f'language = "{language}"')
    if scripts:
        toml = toml.replace('rights = "R"\n', f'rights = "R"\nscripts = {{ {scripts} }}\n')
    (root / "book.toml").write_text(toml)
    report = Report()
    book = read_book(root, report)
    assert book is not None and not report.errors, [str(e) for e in report.errors]
    return book, report


def _spans(book) -> list[tuple[str, str]]:
    return [(n.attrs["lang"], "".join(t.text for t in walk(n.children) if hasattr(t, "text")))
            for n in walk(book.sections[0].blocks) if isinstance(n, Element) and "lang" in n.attrs]


def test_an_unmarked_phrase_in_another_script_is_a_warning_with_file_line_and_fix(tmp_path):
    book, report = _read(tmp_path, "# One\n\nThe first line.\n\nHe was called a *krovavy karlik*, кровавый карлик, and worse.\n")
    assert _spans(book) == []
    [warning] = report.warnings
    assert str(warning.location).endswith("one.md:5")
    assert "Cyrillic text 'кровавый карлик' has no language" in warning.message
    assert "[кровавый карлик]{lang=ru}" in warning.hint and 'scripts = { Cyrillic = "ru" }' in warning.hint


def test_a_declared_script_marks_every_phrase_in_it_and_nothing_else(tmp_path):
    book, report = _read(tmp_path, "# Глава\n\nThe words кровавый карлик (1952), then «Правда» — and Zoë, naïve.\n",
                         scripts='Cyrillic = "ru"')
    assert report.warnings == []
    # the space inside a phrase belongs to it; the punctuation around it does not
    assert _spans(book) == [("ru", "кровавый карлик"), ("ru", "Правда")]
    assert [n.attrs["lang"] for n in walk(book.sections[0].title) if isinstance(n, Element)] == ["ru"]


def test_what_the_author_marked_is_left_as_marked(tmp_path):
    book, report = _read(tmp_path, "# One\n\nA word, [слово]{lang=uk}, and `код`.\n", scripts='Cyrillic = "ru"')
    assert report.warnings == [] and _spans(book) == [("uk", "слово")]


def test_a_chapter_in_the_script_of_its_own_language_is_not_foreign(tmp_path):
    book, report = _read(tmp_path, "# One\n\nEnglish.\n",
                         then="---\nlang: ru\n---\n\n# Глава\n\nТекст по-русски, with English words.\n")
    assert report.warnings == [] and book.sections[1].lang == "ru"
    assert not any(isinstance(n, Element) and "lang" in n.attrs for n in walk(book.sections[1].blocks))


def test_latin_letters_are_never_foreign(tmp_path):
    book, report = _read(tmp_path, "# 第一章\n\n德国人谷登堡（Johannes Gutenberg）在美因茨。\n", language="zh")
    assert report.warnings == [] and _spans(book) == []


def test_japanese_kanji_and_kana_are_one_phrase(tmp_path):
    book, _ = _read(tmp_path, "# One\n\nThe title 日本の活字 means type.\n",
                    scripts='Han = "ja", Hiragana = "ja"')
    assert _spans(book) == [("ja", "日本の活字")]


def test_a_source_with_a_langid_gives_its_language_to_its_author_and_publisher(tmp_path):
    book, report = _read(tmp_path, "# One\n\nA claim.[@kost]\n", bib=BIB)
    assert report.warnings == []
    note = next(n for n in walk(book.sections[0].blocks) if isinstance(n, Note))
    marked = [(n.attrs["lang"], "".join(t.text for t in walk(n.children) if hasattr(t, "text")))
              for n in walk(note.children) if isinstance(n, Element) and "lang" in n.attrs]
    assert ("ru", "Тайная политика Сталина") in marked
    assert ("ru", "Геннадий Костырченко") in marked and ("ru", "Международные отношения") in marked


def test_scripts_of_letters_and_languages():
    assert [script_of(c) for c in "aжλש字かカ한1 ,"] == [
        "Latin", "Cyrillic", "Greek", "Hebrew", "Han", "Hiragana", "Katakana", "Hangul", "", "", ""]
    assert native_scripts("ru") == ("Cyrillic",) and native_scripts("sr-Latn") == ("Latin",)
    assert native_scripts("ja") == ("Han", "Hiragana", "Katakana") and native_scripts("en-GB") == ("Latin",)
    # a combining accent (stress marks in Russian) stays inside its word
    assert list(foreign_runs("the word за́мок here", {"Latin"})) == [("Cyrillic", 9, 15)]
