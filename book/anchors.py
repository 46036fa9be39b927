"""Every id in the book, made in one place: unique across the book, safe in HTML, and each
knowing the section it lies in (so that a writer of several files can link to it)."""

from __future__ import annotations

import re
import unicodedata

# Ids go into id= and href= attributes and name EPUB files: ASCII letters, digits, - and _ only,
# starting with a letter, so no input can break out of an attribute or collide with a file name.
UNSAFE = re.compile(r"[^a-z0-9_-]+")


def slugify(text: str, fallback: str = "section") -> str:
    """A lower-case ASCII slug of `text`: "Étude No. 1" -> "etude-no-1", "Abakumov’s" -> "abakumov-s"."""
    letters = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    slug = UNSAFE.sub("-", letters.lower()).strip("-")
    return slug or fallback


class Anchors:
    """The ids of one book. `make` is the only way an id comes to be, so two never collide,
    whatever the file names and headings: a second "intro" becomes "intro-2"."""

    def __init__(self) -> None:
        self.owner: dict[str, str] = {}  # id -> the id of the section it lies in
        self.entries: dict[tuple[str, int], str] = {}  # (index section, entry number) -> id

    def make(self, base: str, section: str = "") -> str:
        base = UNSAFE.sub("-", base.lower()).strip("-") or "id"
        if not base[0].isalpha():
            base = "x-" + base
        candidate, n = base, 2
        while candidate in self.owner:
            candidate = f"{base}-{n}"
            n += 1
        self.owner[candidate] = section or candidate
        return candidate

    def section(self, stem: str) -> str:
        """The id of a manuscript section, from its file name: "ch-01-introduction"."""
        return self.make("ch-" + slugify(stem, fallback="file"))

    def heading(self, section: str, text: str) -> str:
        return self.make(f"{section}-{slugify(text)}", section)

    def block(self, section: str, position: int) -> str:
        return self.make(f"{section}-b{position}", section)

    def note(self, section: str, number: int) -> tuple[str, str]:
        """The ids of a note's text and of its call."""
        note = self.make(f"{section}-n{number}", section)
        return note, self.make(f"{note}-ref", section)

    def mention(self, section: str, count: int, person: str) -> str:
        return self.make(f"m{count}-{person}", section)

    def entry(self, section: str, number: int) -> str:
        """A bibliography entry."""
        return self.make(f"bib-{number}", section)

    def index_entry(self, section: str, number: int) -> str:
        """An entry of the index, the target of a "See" reference: the same id however often the
        index is made again (each pagination makes it)."""
        if (section, number) not in self.entries:
            self.entries[section, number] = self.make(f"ix-{number}", section)
        return self.entries[section, number]

    def page(self, section: str, number: int) -> str:
        """The marker where printed page `number` begins."""
        return self.make(f"page-{number}", section)

    def section_of(self, anchor: str) -> str:
        return self.owner.get(anchor, "")

    def __contains__(self, anchor: str) -> bool:
        return anchor in self.owner


def page_start(block: str, words: int) -> str:
    """The layout's anchor for a page that begins inside `block`, after `words` of its words."""
    return f"{block}@{words}"


def split_page_start(anchor: str) -> tuple[str, int] | None:
    """(block, words) of a page_start anchor, or None for any other anchor."""
    block, _, words = anchor.partition("@")
    return (block, int(words)) if words.isdigit() else None


def starts_word(char: str, in_word: bool) -> tuple[bool, bool]:
    """Whether `char` begins one of the words a page start counts, and whether a word goes on
    after it. Words are what a line cannot break inside: runs between white space, except that
    Chinese and Japanese, written without spaces, break between any two characters, so each of
    their characters counts as a word (a page may begin at any of them)."""
    if char.isspace():
        return False, False
    if _breaks_around(char):
        return True, False
    return not in_word, True


def count_words(text: str, in_word: bool = False) -> int:
    """How many words begin in `text`, as starts_word counts them (`in_word`: the text goes on
    a word that began before it)."""
    count = 0
    for char in text:
        starts, in_word = starts_word(char, in_word)
        count += starts
    return count


def _breaks_around(char: str) -> bool:
    """Han, kana, CJK punctuation and fullwidth forms: a line may break before and after each."""
    point = ord(char)
    return (0x2E80 <= point <= 0x9FFF or 0xF900 <= point <= 0xFAFF or 0xFE30 <= point <= 0xFE4F
            or 0xFF00 <= point <= 0xFFEF or 0x20000 <= point <= 0x3FFFF)
