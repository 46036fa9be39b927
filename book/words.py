"""Every word the builder prints, in the book's language, read from translations/<lang>.toml."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from types import MappingProxyType

TRANSLATIONS = Path(__file__).parent / "translations"
FALLBACK = "en"
# The shipped files decide which languages exist; adding a file adds a language.
LANGUAGES: tuple[str, ...] = tuple(sorted(path.stem for path in TRANSLATIONS.glob("*.toml")))

Value = str | tuple[str, ...]


class Words:
    """One language's words; immutable, so one instance per language is shared."""

    def __init__(self, language: str, table: Mapping[str, Value]):
        self.language = language
        self._table = MappingProxyType(dict(table))
        self.quotes: tuple[str, str, str, str] = _quotes(self._list("quotes", 4))

    def __getitem__(self, key: str) -> str:
        value = self._table[key]  # an unknown key is a bug in the builder: let KeyError say so
        if not isinstance(value, str):
            raise TypeError(f"{key!r} is a list, not a word")
        return value

    def __repr__(self) -> str:
        return f"Words({self.language!r})"

    def format(self, key: str, **values: object) -> str:
        """The word with its {placeholders} filled; a missing value raises KeyError."""
        return self[key].format(**values)

    def month(self, number: int) -> str:
        """The month's name as printed after a day ("22 July", Russian genitive "22 июля")."""
        return self._list("months", 12)[_month_index(number)]

    def date(self, year: int, month: int | None = None, day: int | None = None) -> str:
        """A full, month-and-year or year-only date in the language's printed form."""
        if month is None:
            return self.format("date_format_year", year=year)
        if day is None:
            # Alone a month takes its standalone form (Russian nominative "июль 1954 г.").
            alone = self._list("months_alone", 12)[_month_index(month)]
            return self.format("date_format_month", month=alone, year=year)
        if not 1 <= day <= 31:
            raise ValueError(f"no day {day} in a month")
        printed_day = self["day_one"] if day == 1 else str(day)
        return self.format("date_format", day=printed_day, month=self.month(month), year=year)

    def _list(self, key: str, length: int) -> tuple[str, ...]:
        value = self._table[key]
        if isinstance(value, str) or len(value) != length:
            raise ValueError(f"{self.language}: {key!r} must be a list of {length} words")
        return value


def words_for(language: str) -> Words:
    """The words for a BCP 47 tag: "de-AT" -> de, "zh-Hans-CN" -> zh, an unknown language -> English."""
    base = language.strip().replace("_", "-").split("-")[0].lower()
    return _words(base if base in LANGUAGES else FALLBACK)


@cache
def _words(language: str) -> Words:
    # A key a file lacks is printed in English rather than failing a build.
    return Words(language, {**_read(FALLBACK), **_read(language)})


def _read(language: str) -> dict[str, Value]:
    with (TRANSLATIONS / f"{language}.toml").open("rb") as file:
        data = tomllib.load(file)
    return {key: _value(language, key, value) for key, value in data.items()}


def _value(language: str, key: str, value: object) -> Value:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    raise ValueError(f"{language}.toml: {key!r} must be text or a list of texts")


def _month_index(number: int) -> int:
    if not 1 <= number <= 12:
        raise ValueError(f"no month {number}")
    return number - 1


def _quotes(values: tuple[str, ...]) -> tuple[str, str, str, str]:
    primary_open, primary_close, secondary_open, secondary_close = values
    return primary_open, primary_close, secondary_open, secondary_close
