"""Book -> Book: citations become footnotes in the book's citation style; the sources cited
become the bibliography section."""

from __future__ import annotations

import difflib

from ..anchors import Anchors
from ..citations.chicago import Chicago
from ..collation import sort_key
from ..errors import Report
from ..model import Book, Cite, Element, Node, Note, Section, Text, plain_text
from ..readers.bibtex import Reference
from ..words import words_for

CLOSING = ".,;:?!\u201d\u2019)"


def apply_citations(book: Book, references: dict[str, Reference], report: Report) -> None:
    """Replace every citation by a note (or, inside a note, by note text); number the notes."""
    cited: list[str] = []
    style = Chicago(words_for(book.meta.language))
    for section in book.sections:
        state = _ChapterState(style, references, report, cited)
        section.blocks = state.rewrite(section.blocks, in_note=False)
        number_notes(section, book.anchors)
    for key, ref in references.items():
        if key not in cited:
            report.warn(ref.location, f"bibliography entry '{key}' is never cited",
                        "cite it somewhere, or remove it from the .bib file; it is left out of the book")
    used = [references[k] for k in dict.fromkeys(cited) if k in references]
    if used:
        book.sections.append(bibliography_section(book, style, used))


class _ChapterState:
    """Citation state of one chapter: which sources have had their full note."""

    def __init__(self, style: Chicago, references, report: Report, cited: list[str]):
        self.style = style
        self.references = references
        self.report = report
        self.cited = cited
        self.seen: set[str] = set()

    def rewrite(self, nodes: list[Node], in_note: bool) -> list[Node]:
        out: list[Node] = []
        for node in nodes:
            if isinstance(node, Cite):
                text = self.citation_text(node)
                if in_note:  # inside the author's own note the citation is part of a sentence
                    out.extend(text)
                elif text:
                    note = Note([Element("p", _end_sentence(_capitalise(text)))])
                    _hang_after_punctuation(out, note)
            elif isinstance(node, Note):
                node.children = self.rewrite(node.children, in_note=True)
                _hang_after_punctuation(out, node)
            elif isinstance(node, Element):
                node.children = self.rewrite(node.children, in_note)
                out.append(node)
            else:
                out.append(node)
        return _join_punctuation(out)

    def citation_text(self, cite: Cite) -> list[Node]:
        parts: list[Node] = []
        for item in cite.items:
            ref = self.references.get(item.key)
            if ref is None:
                self._unknown(item)
                continue
            self.cited.append(item.key)
            if parts:
                parts.append(Text("; "))
            if item.prefix:
                parts.append(Text(item.prefix + " "))
            if item.key in self.seen:
                parts += self.style.short_note(ref, item.locator)
            else:
                parts += self.style.full_note(ref, item.locator)
                self.seen.add(item.key)
        return parts

    def _unknown(self, item) -> None:
        near = difflib.get_close_matches(item.key, list(self.references), n=3, cutoff=0.5)
        hint = ("did you mean " + ", ".join(f"@{k}" for k in near) + "?") if near else \
            "add an entry with this key to the .bib file"
        self.report.error(item.location, f"unknown citation key '@{item.key}'", hint)


def _hang_after_punctuation(out: list[Node], note: Note) -> None:
    """Place the note call after the sentence's punctuation, as Chicago wants: 'in 1951.¹'."""
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text.rstrip())
    out.append(note)


def _join_punctuation(nodes: list[Node]) -> list[Node]:
    """Move punctuation that follows note calls in front of them: 'in 1951¹.' -> 'in 1951.¹'."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Text) and out and isinstance(out[-1], Note):
            moved = len(node.text) - len(node.text.lstrip(CLOSING))
            if moved:
                first = len(out)
                while first > 0 and isinstance(out[first - 1], Note):
                    first -= 1
                out.insert(first, Text(node.text[:moved]))
                node = Text(node.text[moved:])
        out.append(node)
    return out


def _end_sentence(parts: list[Node]) -> list[Node]:
    """A note ends with a period, inside a closing quotation mark (“Title.”), never doubled."""
    last = parts[-1]
    if isinstance(last, Text) and last.text.endswith("\u201d"):
        body = last.text[:-1]
        stop = "" if body.endswith((".", "?", "!")) or (not body and _ends_with_stop(parts[:-1])) else "."
        return parts[:-1] + [Text(body + stop + "\u201d")]
    if isinstance(last, Text) and last.text.endswith((".", "?", "!")):
        return parts
    return parts + [Text(".")]


def _ends_with_stop(parts: list[Node]) -> bool:
    return plain_text(parts).rstrip().endswith((".", "?", "!"))


def _capitalise(parts: list[Node]) -> list[Node]:
    """A note starts with a capital letter: 'see' becomes 'See'."""
    if parts and isinstance(parts[0], Text) and parts[0].text[:1].islower():
        parts[0] = Text(parts[0].text[0].upper() + parts[0].text[1:])
    return parts


def number_notes(section: Section, anchors: Anchors) -> None:
    """Number every note of a section in reading order, starting from 1, and give it its ids."""
    counter = 0

    def visit(nodes: list[Node]) -> None:
        nonlocal counter
        for node in nodes:
            if isinstance(node, Note):
                counter += 1
                node.number = counter
                node.id, node.ref_id = anchors.note(section.id, counter)
            elif isinstance(node, Element):
                visit(node.children)
    visit(section.blocks)


def bibliography_section(book: Book, style: Chicago, refs: list[Reference]) -> Section:
    """The sources cited, as a generated section: one list item per entry."""
    heading = book.anchors.make("bibliography")
    items: list[Node] = [Element("li", entry, {"id": book.anchors.entry(heading, n)})
                         for n, entry in enumerate(bibliography(style, refs), start=1)]
    title = words_for(book.meta.language)["bibliography"]
    return Section("bibliography", [Text(title)], [Element("ul", items, {"class": "bibliography-list"})], id=heading)


def bibliography(style: Chicago, refs: list[Reference]) -> list[list[Node]]:
    """Entries sorted by author or title; a repeated author becomes a 3-em dash (CMOS 14.67)."""
    entries = []
    previous = None
    for ref in sorted(refs, key=lambda r: (sort_key(style.bibliography_sort_key(r)),
                                           sort_key(style.title_text(r)))):
        entry = style.bibliography_entry(ref)
        lead = style.author_lead(ref)
        if lead and lead == previous and isinstance(entry[0], Text) and entry[0].text.startswith(lead):
            entry[0] = Text("\u2014\u2014\u2014" + entry[0].text[len(lead):])
        previous = lead
        entries.append(entry)
    return entries
