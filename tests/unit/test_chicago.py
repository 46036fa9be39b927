"""Notes and bibliography entries against the CMOS 17 (ch. 14) patterns, one entry type at a time."""

import pytest

from book.citations.chicago import Chicago
from book.model import plain_text
from book.readers.bibtex import Reference, people
from book.words import words_for

STYLE = Chicago(words_for("en"))  # the style prints the words of the book's language
full_note, short_note, bibliography_entry = STYLE.full_note, STYLE.short_note, STYLE.bibliography_entry


def ref(kind, **fields):
    return Reference(key="k", type=kind, fields=fields, authors=people(fields.get("author", "")),
                     editors=people(fields.get("editor", "")))


BOOK = ref("book", author="Brent, Jonathan and Naumov, Vladimir P.", title="Stalin’s Last Crime",
           subtitle="The Plot against the Jewish Doctors, 1948–1953", location="New York",
           publisher="HarperCollins", date="2003")
JOURNAL = ref("article", author="Blauvelt, Timothy K.", title="March of the Chekists",
              journaltitle="Communist and Post-Communist Studies", volume="44", number="1", date="2011-03",
              pages="73–88")
MAGAZINE = ref("article", author="Applebaum, Anne", title="The Worst of the Terror",
               journaltitle="New York Review of Books", date="2003-07-17", url="https://example.org/a")
UNSIGNED = ref("article", title="Soviet Official Executed", journaltitle="Jewish Telegraphic Agency",
               date="1954-07-26")
ONLINE = ref("online", title="Ryumin Mikhail Dmitrievich", organization="Iofe Foundation",
             url="https://example.org/iofe")
REPORT = ref("report", title="The Doctors’ Plot", institution="Central Intelligence Agency",
             type="Project CAESAR study", date="1953")
RUSSIAN = ref("online", title="Рюмин Михаил Дмитриевич", organization="Мемориал", langid="russian")


@pytest.mark.parametrize("reference, note", [
    (BOOK, "Jonathan Brent and Vladimir P. Naumov, Stalin’s Last Crime: The Plot against the Jewish "
           "Doctors, 1948–1953 (New York: HarperCollins, 2003), 45"),
    (JOURNAL, "Timothy K. Blauvelt, “March of the Chekists,” Communist and Post-Communist Studies 44, "
              "no. 1 (March 2011): 45"),
    (MAGAZINE, "Anne Applebaum, “The Worst of the Terror,” New York Review of Books, 17 July 2003, 45, "
               "https://example.org/a"),
    (UNSIGNED, "“Soviet Official Executed,” Jewish Telegraphic Agency, 26 July 1954, 45"),
    (ONLINE, "“Ryumin Mikhail Dmitrievich,” Iofe Foundation, 45, https://example.org/iofe"),
    (REPORT, "Central Intelligence Agency, The Doctors’ Plot, Project CAESAR study, 1953, 45"),
])
def test_full_note(reference, note):
    assert plain_text(full_note(reference, "p. 45")) == note


@pytest.mark.parametrize("reference, note", [
    (BOOK, "Brent and Naumov, Stalin’s Last Crime, 45"),
    (JOURNAL, "Blauvelt, “March of the Chekists,” 45"),
    (MAGAZINE, "Applebaum, “Worst of the Terror,” 45"),
    (UNSIGNED, "“Soviet Official Executed,” 45"),
    (REPORT, "The Doctors’ Plot, 45"),
])
def test_short_note(reference, note):
    assert plain_text(short_note(reference, "45")) == note


@pytest.mark.parametrize("reference, entry", [
    (BOOK, "Brent, Jonathan, and Vladimir P. Naumov. Stalin’s Last Crime: The Plot against the Jewish "
           "Doctors, 1948–1953. New York: HarperCollins, 2003."),
    (JOURNAL, "Blauvelt, Timothy K. “March of the Chekists.” Communist and Post-Communist Studies 44, "
              "no. 1 (March 2011): 73–88."),
    (MAGAZINE, "Applebaum, Anne. “The Worst of the Terror.” New York Review of Books, 17 July 2003. "
               "https://example.org/a."),
    (UNSIGNED, "Jewish Telegraphic Agency. “Soviet Official Executed.” 26 July 1954."),
    (ONLINE, "Iofe Foundation. “Ryumin Mikhail Dmitrievich.” https://example.org/iofe."),
    (REPORT, "Central Intelligence Agency. The Doctors’ Plot. Project CAESAR study. 1953."),
])
def test_bibliography_entry(reference, entry):
    assert plain_text(bibliography_entry(reference)) == entry


def test_titles_are_italic_or_quoted_by_type():
    book = full_note(BOOK)
    assert any(getattr(n, "tag", "") == "em" for n in book)
    magazine = full_note(MAGAZINE)
    assert [getattr(n, "tag", "") for n in magazine].count("em") == 1  # the magazine, not the title


def test_cyrillic_title_kept_and_marked_russian():
    note = full_note(RUSSIAN)
    assert plain_text(note) == "“Рюмин Михаил Дмитриевич,” Мемориал"
    spans = [n for n in note if getattr(n, "tag", "") == "span"]
    assert spans and spans[0].attrs["lang"] == "ru"


@pytest.mark.parametrize("locator, printed", [("p. 12", "12"), ("pp. 12–14", "12–14"), ("12--14", "12–14"),
                                               ("chap. 3", "chap. 3")])
def test_locators_print_as_chicago_wants(locator, printed):
    assert plain_text(short_note(BOOK, locator)).endswith(", " + printed)


def test_four_authors_become_et_al():
    many = ref("book", author="A, Ann and B, Bob and C, Cy and D, Di", title="Team", publisher="P", date="2000")
    assert plain_text(full_note(many)).startswith("Ann A et al., ")
    assert plain_text(bibliography_entry(many)).startswith("A, Ann, Bob B, Cy C, and Di D.")
