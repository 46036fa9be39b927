"""Book -> Book: the index of names, found in the text from the manuscript's names registry."""

from __future__ import annotations

import difflib
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Location, Report
from .markdown import read_text
from .model import Book, Chapter, Cite, Element, IndexEntry, Mention, Node, Note, Text

INDEXED_KINDS = ("chapter", "back")
# Runs of capitalised words ("Sergei Goglidze", "S. A. Goglidze") may be people's names.
CAPITAL = "A-ZА-ЯЁ"
LOOKS_LIKE_A_NAME = re.compile(rf"(?<![\w.])(?:[{CAPITAL}][a-zа-я]?\.\s?){{1,3}}[{CAPITAL}][\w’'-]+"
                               rf"|(?<![\w.])[{CAPITAL}][\w’'-]+(?:\s[{CAPITAL}][\w’'-]+)+")
# Words that open a sentence or date it, so "In July Abakumov" is not taken for a name.
STARTERS = set("""a an the in on at after before when while what whether with through from and but for by as
one of to if although then this that once under during since until where who how why his her their its
january february march april may june july august september october november december""".split())


@dataclass
class Person:
    id: str
    heading: str
    forms: list[str]
    identifier: str = ""
    variants: list[str] = field(default_factory=list)
    sort_as: str = ""


@dataclass
class Registry:
    people: dict[str, Person]
    owners: dict[str, list[str]]  # form -> ids of the people who have it
    not_people: set[str]
    pattern: re.Pattern | None

    def find(self, text: str):
        return self.pattern.finditer(text) if self.pattern else iter(())


def read_registry(path: Path, report: Report) -> Registry:
    """Read names.toml: one [[person]] table per person, forms in the order the text uses them."""
    text = read_text(path, report)
    empty = Registry({}, {}, set(), None)
    if text is None:
        return empty
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        report.error(Location(path, int(line.group(1)) if line else None), f"the names registry is not valid TOML: {exc}",
                     "check quotes, brackets and commas on that line")
        return empty
    lines = text.splitlines()
    people: dict[str, Person] = {}
    owners: dict[str, list[str]] = {}
    for number, entry in enumerate(data.get("person", []), start=1):
        where = Location(path, _table_line(lines, number))
        person = _person(entry, where, report)
        if person is None:
            continue
        if person.id in people:
            report.error(where, f"two people have the id '{person.id}'", "give each person its own id")
            continue
        people[person.id] = person
        for form in person.forms:
            if person.id in owners.get(form, []):
                report.error(where, f"the form '{form}' is listed twice for '{person.id}'", "list each form once")
                continue
            owners.setdefault(form, []).append(person.id)
    forms = sorted(owners, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.-])(" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])") if forms else None
    return Registry(people, owners, set(data.get("not_people", [])), pattern)


def _table_line(lines: list[str], number: int) -> int | None:
    seen = 0
    for index, line in enumerate(lines, start=1):
        if line.strip() == "[[person]]":
            seen += 1
            if seen == number:
                return index
    return None


def _person(entry: dict, where: Location, report: Report) -> Person | None:
    ok = True
    for key in ("id", "heading"):
        if not isinstance(entry.get(key), str) or not entry.get(key):
            report.error(where, f"a person in the names registry has no '{key}'", f'add {key} = "..."')
            ok = False
    forms = entry.get("forms", [])
    if not isinstance(forms, list) or not forms or not all(isinstance(f, str) and f for f in forms):
        report.error(where, "a person needs 'forms': the names the text uses for them",
                     'add forms = ["Surname", "First Surname", "F. M. Surname"]')
        ok = False
    if not ok:
        return None
    return Person(id=entry["id"], heading=entry["heading"], forms=forms, identifier=entry.get("identifier", ""),
                  variants=list(entry.get("variants", [])), sort_as=entry.get("sort_as", ""))


def apply_names(book: Book, registry: Registry, report: Report) -> None:
    """Wrap every mention of a registered person in a Mention; build the index entries."""
    finder = _Finder(registry, report)
    for chapter in book.chapters:
        if chapter.kind in INDEXED_KINDS:
            finder.chapter = chapter
            chapter.blocks = finder.nodes(chapter.blocks, note=None, line=None)
    book.index = index_entries(registry, finder.mentions)
    for person in registry.people.values():
        if not finder.mentions.get(person.id):
            report.warn(None, f"'{person.heading}' in the names registry is never mentioned",
                        "remove the entry, or check the forms listed for this person")


class _Finder:
    def __init__(self, registry: Registry, report: Report):
        self.registry = registry
        self.report = report
        self.mentions: dict[str, list[Mention]] = {}
        self.chapter: Chapter | None = None
        self.count = 0

    def nodes(self, nodes: list[Node], note: Note | None, line: int | None) -> list[Node]:
        out: list[Node] = []
        for node in nodes:
            if isinstance(node, Text):
                out.extend(self.text(node.text, note, line))
            elif isinstance(node, Note):
                node.children = self.nodes(node.children, node, line)
                out.append(node)
            elif isinstance(node, Element) and node.attrs.get("data-name") is not None:
                out.append(self.marked(node, note, line))
            elif isinstance(node, Element) and (node.attrs.get("data-noindex") or node.tag in ("code", "a", "pre")):
                out.append(node)  # the author hid it, or it is code or a link (URLs hold no people)
            elif isinstance(node, Element):
                node.children = self.nodes(node.children, note, node.line or line)
                out.append(node)
            else:  # Cite: the bibliography's words (titles, authors) are not mentions
                out.append(node)
        return out

    def text(self, text: str, note: Note | None, line: int | None) -> list[Node]:
        out: list[Node] = []
        position = 0
        for match in self.registry.find(text):
            ids = self.registry.owners[match.group(1)]
            if len(ids) > 1:
                self.report.error(self._where(line), f"'{match.group(1)}' is ambiguous: it may be "
                                  + " or ".join(self.registry.people[i].heading for i in ids),
                                  f"write [{match.group(1)}]{{.name key={ids[0]}}} (or another key) to say who")
                continue
            if match.start() > position:
                out.append(Text(text[position:match.start()]))
            out.append(self._mention(ids[0], [Text(match.group(1))], note))
            position = match.end()
        if position < len(text):
            out.append(Text(text[position:]))
        return out

    def marked(self, span: Element, note: Note | None, line: int | None) -> Node:
        key = span.attrs["data-name"]
        if key not in self.registry.people:
            near = difflib.get_close_matches(key, list(self.registry.people), n=3, cutoff=0.5)
            self.report.error(self._where(span.line or line), f"unknown person '{key}' in a {{.name}} span",
                              ("did you mean " + ", ".join(near) + "?") if near else "add the person to the names registry")
            return Element("span", span.children)
        return self._mention(key, span.children, note)

    def _mention(self, person: str, children: list[Node], note: Note | None) -> Mention:
        self.count += 1
        mention = Mention(person, children, anchor=f"m{self.count}-{person}", note=note)
        self.mentions.setdefault(person, []).append(mention)
        return mention

    def _where(self, line: int | None) -> Location:
        return Location(self.chapter.path, line)


def index_entries(registry: Registry, mentions: dict[str, list[Mention]]) -> list[IndexEntry]:
    """Entries for the people mentioned, plus cross-references from variant spellings."""
    entries = []
    for person in registry.people.values():
        if not mentions.get(person.id):
            continue
        entries.append(IndexEntry(heading=person.heading, identifier=person.identifier,
                                  sort_key=sort_key(person.sort_as or person.heading),
                                  mentions=mentions[person.id]))
        for variant in person.variants:
            entries.append(IndexEntry(heading=variant, identifier="", sort_key=sort_key(variant),
                                      see=person.heading))
    return sorted(entries, key=lambda e: (e.sort_key, e.heading))


def sort_key(heading: str) -> str:
    """Letter by letter (CMOS 16.59), accents and case ignored: surname first, then the rest."""
    surname, _, rest = heading.partition(",")
    return _fold(surname) + "\x00" + _fold(rest)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\s\-’'.]", "", plain)


def unregistered_names(book: Book, registry: Registry) -> list[tuple[Location, str]]:
    """Runs of capitalised words that look like a person's name but are in no registry form."""
    known = set(registry.owners) | registry.not_people
    found: list[tuple[Location, str]] = []
    seen: set[str] = set()

    def visit(nodes: list[Node], chapter: Chapter, line: int | None) -> None:
        for node in nodes:
            if isinstance(node, Text):
                for match in LOOKS_LIKE_A_NAME.finditer(node.text):
                    name = _without_starters(match.group(0))
                    if name and name not in seen and not _covered(name, known):
                        seen.add(name)
                        found.append((Location(chapter.path, line), name))
            elif isinstance(node, (Element, Note)) and not isinstance(node, Cite):
                if isinstance(node, Element) and (node.tag in ("a", "code") or "data-noindex" in node.attrs):
                    continue
                visit(node.children, chapter, getattr(node, "line", None) or line)

    for chapter in book.chapters:
        if chapter.kind in INDEXED_KINDS:
            visit(chapter.blocks, chapter, None)
    return found


def _without_starters(run: str) -> str:
    """Drop sentence openers and months; a single word left alone is not worth a warning."""
    words = run.split()
    while words and words[0].lower() in STARTERS:
        words = words[1:]
    name = " ".join(words)
    return name if len(words) > 1 or "." in name else ""


def _covered(name: str, known: set[str]) -> bool:
    """A run is covered when a registered form or a listed non-person phrase accounts for it."""
    return any(k in name or name in k for k in known if len(k) > 2)
