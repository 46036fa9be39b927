"""The translation files are complete and consistent, and words_for finds the right one."""

from __future__ import annotations

import string
import tomllib

import pytest

from book.words import LANGUAGES, TRANSLATIONS, words_for


def _table(language: str) -> dict[str, object]:
    with (TRANSLATIONS / f"{language}.toml").open("rb") as file:
        return tomllib.load(file)


def _placeholders(value: object) -> set[str]:
    texts = value if isinstance(value, list) else [value]
    return {name for text in texts for _, name, _, _ in string.Formatter().parse(str(text)) if name}


def test_the_six_languages_ship():
    assert set(LANGUAGES) == {"en", "de", "fr", "es", "ru", "zh"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_file_has_exactly_the_english_keys(language):
    assert set(_table(language)) == set(_table("en"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_file_uses_the_english_placeholders(language):
    english, other = _table("en"), _table(language)
    for key, value in english.items():
        assert _placeholders(other[key]) == _placeholders(value), key


@pytest.mark.parametrize("language", LANGUAGES)
def test_lists_have_their_lengths_and_words_are_not_empty(language):
    table = _table(language)
    assert len(table["months"]) == len(table["months_alone"]) == 12
    assert len(table["quotes"]) == 4
    for key, value in table.items():
        if key != "quote_space":
            assert value, key


@pytest.mark.parametrize("tag, base", [
    ("de-AT", "de"), ("zh-Hans", "zh"), ("zh-Hans-CN", "zh"), ("zh-CN", "zh"), ("EN", "en"),
    ("en-GB", "en"), ("fr_CA", "fr"), ("xx", "en"), ("", "en"), ("ru", "ru"),
])
def test_words_for_uses_the_base_language(tag, base):
    assert words_for(tag).language == base


def test_words_are_cached_per_base_language():
    assert words_for("de-AT") is words_for("de-CH") is words_for("de")


def test_the_words_a_publisher_prints():
    assert words_for("de")["contents"] == "Inhalt"
    assert words_for("fr")["contents"] == "Table des matières"
    assert words_for("es")["index_of_names"] == "Índice onomástico"
    assert words_for("ru")["see"] == "см."
    assert words_for("zh")["bibliography"] == "参考文献"


def test_format_fills_placeholders():
    assert words_for("en").format("chapter", n=3) == "Chapter 3"
    assert words_for("zh").format("chapter", n=3) == "第3章"
    assert words_for("en").format("cover_alt", title="Moby-Dick") == "Cover: Moby-Dick"


def test_format_with_a_missing_placeholder_raises():
    with pytest.raises(KeyError):
        words_for("en").format("chapter")


def test_an_unknown_key_raises():
    with pytest.raises(KeyError):
        words_for("en")["no_such_word"]


def test_a_list_is_not_a_word():
    with pytest.raises(TypeError):
        words_for("en")["months"]


@pytest.mark.parametrize("language, expected", [
    ("en", ("22 July 1954", "July 1954", "1954")),
    ("de", ("22.\u00a0Juli 1954", "Juli 1954", "1954")),
    ("ru", ("22 июля 1954\u00a0г.", "июль 1954\u00a0г.", "1954\u00a0г.")),
    ("zh", ("1954年7月22日", "1954年7月", "1954年")),
    ("es", ("22 de julio de 1954", "julio de 1954", "1954")),
    ("fr", ("22 juillet 1954", "juillet 1954", "1954")),
])
def test_dates(language, expected):
    words = words_for(language)
    assert (words.date(1954, 7, 22), words.date(1954, 7), words.date(1954)) == expected


def test_french_prints_the_first_of_the_month_as_an_ordinal():
    assert words_for("fr").date(1954, 7, 1) == "1er juillet 1954"
    assert words_for("en").date(1954, 7, 1) == "1 July 1954"


def test_months():
    assert words_for("en").month(1) == "January"
    assert words_for("de").month(3) == "März"
    assert words_for("ru").month(7) == "июля"
    assert words_for("zh").month(12) == "12月"


@pytest.mark.parametrize("number", [0, 13, -1])
def test_no_such_month(number):
    with pytest.raises(ValueError):
        words_for("en").month(number)
    with pytest.raises(ValueError):
        words_for("en").date(1954, number)


def test_no_such_day():
    with pytest.raises(ValueError):
        words_for("en").date(1954, 7, 32)


def test_quotes():
    assert words_for("en").quotes == ("\u201c", "\u201d", "\u2018", "\u2019")
    assert words_for("de").quotes == ("\u201e", "\u201c", "\u201a", "\u2018")
    assert words_for("fr").quotes[:2] == ("«", "»")
    assert words_for("ru").quotes == ("«", "»", "\u201e", "\u201c")
    assert words_for("fr")["quote_space"] == "\u202f"
    assert words_for("en")["quote_space"] == ""


def test_a_missing_key_falls_back_to_english(tmp_path, monkeypatch):
    from book import words
    (tmp_path / "en.toml").write_bytes((TRANSLATIONS / "en.toml").read_bytes())
    (tmp_path / "de.toml").write_text('contents = "Inhalt"\n', encoding="utf-8")
    monkeypatch.setattr(words, "TRANSLATIONS", tmp_path)
    german = words._words.__wrapped__("de")
    assert german["contents"] == "Inhalt"
    assert german["notes"] == "Notes"
