"""One Unicode (UCA/DUCET) sort order for the index of names and the bibliography."""

from __future__ import annotations

import unicodedata
from functools import cache

from pyuca import Collator  # type: ignore[import-untyped]  # pyuca ships no type hints

Key = tuple[int, ...]
# Letter by letter (CMOS 16.59): spaces, hyphens, apostrophes and periods do not count.
# Those marks: typewriter and curly apostrophes, the modifier-letter apostrophe, the prime, the period,
# the Catalan middle dot. The comma and parentheses are where a heading is cut, not letters.
_IGNORED_MARKS = frozenset("'\u2018\u2019\u02bc\u2032.\u00b7,()")
# Alphabetizing a heading stops at its first comma or parenthesis (CMOS 16.59).
_STOPS = (",", "(")
# The letters a group is named after; the first one with a given primary weight names it.
_GROUP_LETTERS = ("ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                  "АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
                  "ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ")


@cache
def _collator() -> Collator:
    # Loading the DUCET takes a noticeable moment; the table never changes, so load it once.
    return Collator()


def sort_key(text: str) -> Key:
    """The UCA key of the text, for bibliography entries and titles."""
    return tuple(_collator().sort_key(text))


def index_key(heading: str) -> tuple[Key | str, ...]:
    """Letter by letter, the part before the first comma first, then the rest; total order."""
    head, rest = _split(heading)
    head_levels, rest_levels = _levels(_letters(head)), _levels(_letters(rest))
    # Level by level across both parts, so "Muller, Zoe" / "Müller, Anna" is decided by the
    # given names' letters before the umlaut, as a reader of the index expects.
    interleaved = tuple(part for pair in zip(head_levels, rest_levels) for part in pair)
    return (*interleaved, heading)  # the raw heading last: equal keys never tie


def group_letter(heading: str) -> str:
    """The letter an index heading is grouped under: "Łukasiewicz" -> "L", "李" -> "李", "1984" -> "#"."""
    for char in unicodedata.normalize("NFC", _letters(heading)):
        primary = _primary(char)
        if not primary:
            continue  # ignorable: a control character, a combining mark
        if not unicodedata.category(char).startswith("L"):
            return "#"  # digits and symbols share one group
        return _letter_for_primary().get(primary[0]) or _plain_letter(char)
    return "#"


def _split(heading: str) -> tuple[str, str]:
    cut = min((i for i in (heading.find(stop) for stop in _STOPS) if i >= 0), default=len(heading))
    return heading[:cut], heading[cut:]


def _letters(text: str) -> str:
    return "".join(char for char in text if not _ignored(char))


def _ignored(char: str) -> bool:
    category = unicodedata.category(char)
    # Zs is every space (no-break, thin); Pd every dash and hyphen; Pc connectors like "_".
    return category in ("Zs", "Pd", "Pc") or char in _IGNORED_MARKS


def _levels(text: str) -> list[Key]:
    # A UCA key is the primary, secondary and tertiary weights, each level ended by a 0.
    levels: list[Key] = []
    current: list[int] = []
    for weight in _collator().sort_key(text):
        if weight == 0:
            levels.append(tuple(current))
            current = []
        else:
            current.append(weight)
    return levels


def _primary(text: str) -> Key:
    return _levels(text)[0]


@cache
def _letter_for_primary() -> dict[int, str]:
    # Ł, Ø, Đ, É, ё carry their base letter's primary weight in the DUCET: that names the group.
    letters: dict[int, str] = {}
    for letter in _GROUP_LETTERS:
        letters.setdefault(_primary(letter)[0], letter)
    return letters


def _plain_letter(char: str) -> str:
    # A letter outside the named alphabets (Þ, Hebrew, a CJK character) names its own group.
    # Accents go, but a Hangul syllable stays whole (its NFD is a run of jamo, not one letter).
    marks_gone = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    base = unicodedata.normalize("NFC", marks_gone)[:1] or char
    upper = base.upper()
    return upper if len(upper) == 1 else base
