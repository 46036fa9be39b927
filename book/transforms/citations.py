"""Book -> Book: citations become footnotes (a note style) or in-text citations (author-date,
numeric) in the book's citation style, formatted by the CSL processor; the sources cited become
the bibliography section."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..anchors import Anchors
from ..citations.engine import Chapter, Citation
from ..citations.inlines import to_nodes
from ..citations.processor import ProcessorError
from ..citations.sources import Sources
from ..collation import sort_key
from ..errors import Location, Report, did_you_mean
from ..model import Book, Cite, CiteItem, Element, Node, Note, Section, Text, plain_text
from ..words import words_for
from .punctuation import (
    capitalise,
    closed,
    closes_sentence,
    end_sentence,
    ends_with_cite,
    hang_after_punctuation,
    join_punctuation,
    period_inside_quotes,
    source_sentence,
)


def apply_citations(book: Book, sources: Sources | None, report: Report) -> None:
    """Replace every citation by a note (or, inside a note, by note text; in an in-text style, by
    the citation in place); number the notes; add the bibliography."""
    asked = [_Asked(section, sources, report) for section in book.sections]
    if sources is None:  # every citation was an error; the notes are placed all the same
        for a in asked:
            _Placing(a, {}, True, words_for(book.meta.language)).place()
            number_notes(a.section, book.anchors)
        return
    cited = [key for a in asked for key in a.cited]
    engine = sources.engine
    try:
        answers, entries = engine.format_book([a.chapter for a in asked], cited)
    except ProcessorError as exc:
        report.error(sources.where, f"the citations could not be formatted: {exc}", "check the citation style")
        return
    words = words_for(book.meta.language)
    for a, answer in zip(asked, answers):
        _Placing(a, answer, sources.style.notes, words).place()
        number_notes(a.section, book.anchors)
    entries = [(key, inlines) for key, inlines in entries if inlines]
    printed = {key for key, _ in entries}
    for key in dict.fromkeys(cited):
        if key not in printed:  # the style's choice (Chicago 18 lists no unpublished manuscript)
            ref = sources.references[key]
            report.warn(ref.location, f"the citation style prints no bibliography entry for '{key}' "
                        f"(@{ref.type}): it is cited in the notes only",
                        "keep it so if the style means it; otherwise give the entry another type")
    for key, ref in sources.references.items():
        if key not in cited and key in sources.items:
            report.warn(ref.location, f"bibliography entry '{key}' is never cited",
                        "cite it somewhere, or remove it from the bibliography; it is left out of the book")
    if entries:
        book.sections.append(bibliography_section(book, sources.style.notes, entries, words))


@dataclass
class _Asked:
    """One section's citations, as the processor is asked them: walked once, in reading order."""

    section: Section
    sources: Sources | None
    report: Report
    chapter: Chapter = field(default_factory=Chapter)
    cited: list[str] = field(default_factory=list)
    ids: dict[int, str] = field(default_factory=dict)  # id(Cite) -> its slot id in the answer

    def __post_init__(self) -> None:
        self.counter = 0
        self._visit(self.section.title, None)
        self._visit(self.section.blocks, None)

    def _visit(self, nodes: list[Node], note: list[Citation] | None) -> None:
        for node in nodes:
            if isinstance(node, Cite):
                self._ask(node, note)
            elif isinstance(node, Note) and note is None:
                group: list[Citation] = []
                self.chapter.slots.append(group)
                self._visit(node.children, group)
            elif isinstance(node, Note):
                self._visit(node.children, note)  # a note in a note is printed inside it
            elif isinstance(node, Element):
                self._visit(node.children, note)

    def _ask(self, cite: Cite, note: list[Citation] | None) -> None:
        items = [item for item in cite.items if self._known(item, cite.narrative)]
        if not items:
            return
        citation = Citation(items, cite.narrative)
        self.counter += 1
        self.ids[id(cite)] = f"c{self.counter}"
        if note is not None:
            note.append(citation)
        else:
            self.chapter.slots.append(citation)
        self.cited.extend(item.key for item in items)

    def _known(self, item: CiteItem, narrative: bool) -> bool:
        if self.sources is None:
            if not narrative:
                self.report.error(item.location, f"unknown citation key '@{item.key}'",
                                  "the book has no bibliography: name one in book.toml ([files] bibliography)")
            return False
        if item.key in self.sources.items:
            return True
        if item.key in self.sources.references:
            return False  # its entry could not be read: said already
        known = self.sources.items
        if narrative:
            self.report.warn(item.location, f"'@{item.key}' is neither a citation key nor a cross-reference label; "
                             "it is printed as written", did_you_mean(item.key, known, "@") or
                             "write \\@ to mean a plain @, or add the source to the bibliography")
        else:
            self.report.error(item.location, f"unknown citation key '@{item.key}'",
                              did_you_mean(item.key, known, "@") or "add an entry with this key to the bibliography")
        return False


class _Placing:
    """The processor's answers put where the citations were."""

    def __init__(self, asked: _Asked, answer: dict[str, list], notes: bool, words):
        self.asked, self.answer, self.notes, self.words = asked, answer, notes, words
        self.following: list[Node] = []  # the node after the citation being placed

    def place(self) -> None:
        section = self.asked.section
        section.title = self.rewrite(section.title, in_note=False)
        section.blocks = self.rewrite(section.blocks, in_note=False)

    def text(self, ident: str) -> list[Node]:
        return to_nodes(self.answer.get(ident, []), self.words)

    def rewrite(self, nodes: list[Node], in_note: bool) -> list[Node]:
        out: list[Node] = []
        for n, node in enumerate(nodes):
            if isinstance(node, Cite) and in_note and self.notes and closes_sentence(out, nodes[n + 1:]):
                nodes[n + 1:] = source_sentence(out, self._citation(node, True, out), nodes[n + 1:])
            elif isinstance(node, Cite):
                self.following = nodes[n + 1:n + 2]
                out.extend(self._citation(node, in_note, out))
            elif isinstance(node, Note) and in_note:
                out.extend(self._flattened(node))
            elif isinstance(node, Note):
                ends_with_citation = ends_with_cite(node.children)
                node.children = self.rewrite(node.children, in_note=True)
                if ends_with_citation:
                    closed(node.children)
                hang_after_punctuation(out, node)
            elif isinstance(node, Element):
                node.children = self.rewrite(node.children, in_note)
                out.append(node)
            else:
                out.append(node)
        return join_punctuation(out) if self.notes else out

    def _citation(self, cite: Cite, in_note: bool, out: list[Node]) -> list[Node]:
        ident = self.asked.ids.get(id(cite))
        if ident is None:  # no source it names could be used
            return [Text("@" + cite.items[0].key)] if cite.narrative and cite.items else []
        text = self.text(ident)
        if in_note and self.notes and self.words.language in ("en", "en-US"):
            period_inside_quotes(text, self.following)
        if in_note or not self.notes:
            return [Element("span", text, {"class": "citation"})] if text and not self.notes else text
        note = Note([Element("p", end_sentence(capitalise(text)))])
        if cite.narrative:  # "Brent and Naumov say¹": the names in the sentence, the source in the note
            return self.text("n" + ident[1:]) + [note]
        hang_after_punctuation(out, note)
        return []

    def _flattened(self, note: Note) -> list[Node]:
        """A note inside a note cannot be printed as one: its text goes in parentheses."""
        section = self.asked.section
        self.asked.report.warn(Location(section.path) if section.path else None,
                               "a footnote inside a footnote: its text is printed in parentheses in the outer note",
                               "move it into the outer note's text, or call it from the running text")
        inner = [n for block in self.rewrite(note.children, in_note=True)
                 for n in (block.children if isinstance(block, Element) and block.tag == "p" else [block])]
        return [Text(" (")] + inner + [Text(")")]


ARTICLE = re.compile(r"(^|\. )(?:The|A|An) (?=\w)")


def _sort_text(entry: list[Node]) -> str:
    """An entry as it is alphabetized (CMOS 14.67): its words, quotation marks ignored, and an
    initial article of the title or of a title-led entry ("The Arrest" under A)."""
    text = re.sub("[\u201c\u201d\u2018\u2019\"\u00ab\u00bb\u201e*]", "", plain_text(entry))
    return ARTICLE.sub(lambda m: m.group(1), text, count=2)


def number_notes(section: Section, anchors: Anchors) -> None:
    """Number every note of a section in reading order (its title's first), from 1, with its ids."""
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
    visit(section.title)
    visit(section.blocks)


def bibliography_section(book: Book, notes: bool, entries: list[tuple[str, list]], words) -> Section:
    """The sources cited, in the style's order, as a generated section: one list item per entry."""
    heading = book.anchors.make("bibliography")
    rendered = [to_nodes(inlines, words) for _key, inlines in entries]
    if notes:  # an author-date or numeric style's order is its own: letters (2003a) and numbers follow it
        rendered.sort(key=lambda entry: sort_key(_sort_text(entry)))
    items: list[Node] = [Element("li", entry, {"id": book.anchors.entry(heading, n)})
                         for n, entry in enumerate(rendered, start=1)]
    title = words["bibliography" if notes else "references"]
    return Section("bibliography", [Text(title)], [Element("ul", items, {"class": "bibliography-list"})], id=heading)

