"""The index of names and the bibliography sort by the UCA, letter by letter, as CMOS 16.59 asks."""

from __future__ import annotations

import random
import subprocess
import sys
import unicodedata

import pytest

from book.collation import group_letter, index_key, sort_key


def by_sort_key(*texts: str) -> list[str]:
    return sorted(texts, key=sort_key)


def by_index_key(*headings: str) -> list[str]:
    return sorted(headings, key=index_key)


def test_l_with_stroke_sorts_among_l_before_m():
    # The DUCET gives Ł the primary weight of L: "Łukasiewicz" reads as "Lukasiewicz".
    assert by_sort_key("Mann", "Lz", "Łukasiewicz", "Luz", "Lubitsch") == [
        "Lubitsch", "Łukasiewicz", "Luz", "Lz", "Mann"]


def test_o_with_stroke_sorts_among_o():
    assert by_sort_key("Pascal", "Orwell", "Ørsted", "Oates") == ["Oates", "Ørsted", "Orwell", "Pascal"]


def test_d_with_stroke_sorts_among_d():
    assert by_sort_key("Eliot", "Dz", "Đorđević", "Da") == ["Da", "Đorđević", "Dz", "Eliot"]


def test_ae_sorts_as_a_e_before_b():
    assert by_sort_key("Bach", "Æthelred", "Adams", "Az") == ["Adams", "Æthelred", "Az", "Bach"]


def test_accents_and_case_are_ignored_at_the_first_level():
    assert by_sort_key("Ez", "Émile", "Ea") == ["Ea", "Émile", "Ez"]
    assert by_sort_key("Mz", "müller", "MULLER", "Ma") == ["Ma", "MULLER", "müller", "Mz"]
    # ... and decide only between otherwise equal texts, accents before case.
    assert sort_key("Emile") < sort_key("Émile")


def test_cyrillic_follows_latin_in_its_own_order():
    # Ё has the primary weight of Е: "Ёжиков" sorts as "Ежиков", before "Ежов".
    assert by_sort_key("Рюмин", "Жданов", "Ежов", "Ёжиков", "Берия", "Абакумов", "Zola") == [
        "Zola", "Абакумов", "Берия", "Ёжиков", "Ежов", "Жданов", "Рюмин"]
    assert sort_key("Елкин") < sort_key("Ёлкин")


def test_a_particle_counts_only_where_the_heading_puts_it():
    assert by_index_key("Dürer, Albrecht", "de Tocqueville, Alexis", "Dante Alighieri", "Eliot, George") == [
        "Dante Alighieri", "de Tocqueville, Alexis", "Dürer, Albrecht", "Eliot, George"]
    assert group_letter("de Tocqueville, Alexis") == "D"
    assert group_letter("Tocqueville, Alexis de") == "T"


def test_spaces_are_ignored_letter_by_letter():
    # Word by word "Van Buren" would come first; letter by letter "vanbr" < "vanbu".
    assert by_index_key("Van Buren, Martin", "Vanbrugh, John") == ["Vanbrugh, John", "Van Buren, Martin"]


def test_hyphens_apostrophes_and_periods_are_ignored():
    assert by_index_key("Rimsky-Korsakov, Nikolai", "Rimskyi, Ivan") == ["Rimskyi, Ivan", "Rimsky-Korsakov, Nikolai"]
    assert by_index_key("O'Brien, Flann", "Obama, Barack") == ["Obama, Barack", "O'Brien, Flann"]
    assert by_index_key("St. John, Ann", "Stiles, Ezra") == ["Stiles, Ezra", "St. John, Ann"]
    # Only the raw heading, kept last to break ties, tells them apart.
    assert index_key("Rimsky-Korsakov")[:-1] == index_key("RimskyKorsakov")[:-1]


def test_the_surname_part_is_alphabetized_first():
    # Alphabetizing stops at the comma: "Smith" is complete before "Smithers" is reached.
    assert by_index_key("Smithers, Anne", "Smith, John", "Smith") == ["Smith", "Smith, John", "Smithers, Anne"]


def test_the_given_names_decide_before_an_accent():
    assert by_index_key("Müller, Anna", "Muller, Zoe", "Müller, Zoe") == [
        "Müller, Anna", "Muller, Zoe", "Müller, Zoe"]


def test_the_order_is_total():
    headings = ["Van Buren", "VanBuren", "Van-Buren", "van Buren", "Van Buren ", "Van\u00a0Buren"]
    keys = [index_key(heading) for heading in headings]
    assert len(set(keys)) == len(headings)
    assert by_index_key(*headings) == by_index_key(*reversed(headings))


EXPECTED = [
    "Adams, John",
    "Æthelred",
    "Dante Alighieri",
    "de Tocqueville, Alexis",
    "Đorđević, Tihomir",
    "Émile, Paul",
    "Łukasiewicz, Jan",
    "Luxemburg, Rosa",
    "Obama, Barack",
    "O'Brien, Flann",
    "Ørsted, Hans Christian",
    "Rimskyi, Ivan",
    "Rimsky-Korsakov, Nikolai",
    "Vanbrugh, John",
    "Van Buren, Martin",
    "Абакумов, Виктор",
    "Ёжиков, Иван",
    "Ежов, Николай",
    "Рюмин, Михаил",
    "李白",
]


def test_a_shuffled_index_comes_back_in_order():
    for seed in range(5):
        shuffled = EXPECTED[:]
        random.Random(seed).shuffle(shuffled)
        assert sorted(shuffled, key=index_key) == EXPECTED


@pytest.mark.parametrize("heading, letter", [
    ("Łukasiewicz", "L"), ("Ørsted", "O"), ("Đorđević", "D"), ("Æthelred", "A"), ("Émile", "E"),
    ("émile", "E"), ("Берия", "Б"), ("ёлка", "Е"), ("Йорк", "Й"), ("李白", "李"), ("Þór", "Þ"),
    ("ßtraße", "S"), ("'t Hooft, Gerard", "T"), (" Smith", "S"), ("1984", "#"), ("$", "#"),
    ("\u00bfQui\u00e9n?", "#"), ("", "#"), ("\x00", "#"), ("\x00Abe", "A"), ("\u0301", "#"),
    ("\u0301Abe", "A"), ("  ", "#"), ("-", "#"), ("김", "김"),
])
def test_group_letter(heading, letter):
    assert group_letter(heading) == letter


def test_group_letter_is_always_a_printable_letter_or_hash():
    for codepoint in range(0x3000):
        for heading in (chr(codepoint), chr(codepoint) + "abc"):
            letter = group_letter(heading)
            assert len(letter) == 1, repr(heading)
            assert letter == "#" or unicodedata.category(letter).startswith("L"), repr(heading)


def test_the_collator_loads_on_first_use_only():
    check = "import book.collation as c; assert c._collator.cache_info().currsize == 0"
    subprocess.run([sys.executable, "-c", check], check=True)
