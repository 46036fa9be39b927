"""Book -> Book: the index of names, found in the text from the manuscript's names registry."""

from __future__ import annotations

import re

from ..collation import group_letter, index_key
from ..errors import Location, Report, did_you_mean
from ..model import Book, Cite, Element, IndexEntry, Mention, Node, Note, Section, Text
from ..readers.registry import Registry
from ..words import words_for

INDEXED_KINDS = ("chapter", "back")
# Runs of capitalised words ("Sergei Goglidze", "S. A. Goglidze") may be people's names.
CAPITAL = "A-ZА-ЯЁ"
LOOKS_LIKE_A_NAME = re.compile(rf"(?<![\w.])(?:[{CAPITAL}][a-zа-я]?\.\s?){{1,3}}[{CAPITAL}][\w’'-]+"
                               rf"|(?<![\w.])[{CAPITAL}][\w’'-]+(?:\s[{CAPITAL}][\w’'-]+)+")
# Words that open a sentence or date it, so "In July Abakumov" is not taken for a name.
STARTERS = set("""a an the in on at after before when while what whether with through from and but for by as
one of to if although then this that once under during since until where who how why his her their its
january february march april may june july august september october november december""".split())


def apply_names(book: Book, registry: Registry, report: Report) -> None:
    """Wrap every mention of a registered person in a Mention; build the index entries and
    add the index to the book's sections (its locators wait for the page numbers)."""
    finder = _Finder(book, registry, report)
    for section in book.of_kind(*INDEXED_KINDS):
        finder.section = section
        section.blocks = finder.nodes(section.blocks, note=None, line=None)
    book.index = index_entries(registry, finder.mentions)
    if book.index:
        title = words_for(book.meta.language)["index_of_names"]
        book.sections.append(Section("index", [Text(title)], [], id=book.anchors.make("index")))
    for person in registry.people.values():
        if not finder.mentions.get(person.id):
            report.warn(None, f"'{person.heading}' in the names registry is never mentioned",
                        "remove the entry, or check the forms listed for this person")


class _Finder:
    def __init__(self, book: Book, registry: Registry, report: Report):
        self.anchors = book.anchors
        self.registry = registry
        self.report = report
        self.mentions: dict[str, list[Mention]] = {}
        self.section: Section | None = None
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
            self.report.error(self._where(span.line or line), f"unknown person '{key}' in a {{.name}} span",
                              did_you_mean(key, self.registry.people) or "add the person to the names registry")
            return Element("span", span.children)
        mention = self._mention(key, span.children, note)
        if "lang" in span.attrs:  # [Берия]{.name key=beria lang=ru}: the name stays marked Russian
            return Element("span", [mention], {"lang": span.attrs["lang"]})
        return mention

    def _mention(self, person: str, children: list[Node], note: Note | None) -> Mention:
        self.count += 1
        assert self.section is not None
        mention = Mention(person, children, self.anchors.mention(self.section.id, self.count, person), note)
        self.mentions.setdefault(person, []).append(mention)
        return mention

    def _where(self, line: int | None) -> Location | None:
        path = self.section.path if self.section else None
        return Location(path, line) if path else None


def index_entries(registry: Registry, mentions: dict[str, list[Mention]]) -> list[IndexEntry]:
    """Entries for the people mentioned, plus cross-references from variant spellings, in the
    order of the one collation (letter by letter, surname first)."""
    entries = []
    for person in registry.people.values():
        if not mentions.get(person.id):
            continue
        heading = person.sort_as or person.heading
        entries.append(IndexEntry(person.heading, person.identifier, index_key(heading),
                                  mentions[person.id], letter=group_letter(heading), cast=person.cast))
        for variant in person.variants:
            entries.append(IndexEntry(variant, "", index_key(variant), see=person.heading,
                                      letter=group_letter(variant)))
    return sorted(entries, key=lambda e: e.sort_key)


def unregistered_names(book: Book, registry: Registry) -> list[tuple[Location, str]]:
    """Runs of capitalised words that look like a person's name but are in no registry form."""
    known = set(registry.owners) | registry.not_people
    found: list[tuple[Location, str]] = []
    seen: set[str] = set()

    def visit(nodes: list[Node], section: Section, line: int | None) -> None:
        for node in nodes:
            if isinstance(node, Text):
                for match in LOOKS_LIKE_A_NAME.finditer(node.text):
                    name = _without_starters(match.group(0))
                    if name and name not in seen and not _covered(name, known):
                        seen.add(name)
                        found.append((Location(section.path or book.source, line), name))
            elif isinstance(node, (Element, Note)) and not isinstance(node, Cite):
                if isinstance(node, Element) and (node.tag in ("a", "code") or "data-noindex" in node.attrs):
                    continue
                visit(node.children, section, getattr(node, "line", None) or line)

    for section in book.of_kind(*INDEXED_KINDS):
        visit(section.blocks, section, None)
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
