"""Book -> Book: citations become footnotes in the book's citation style; the sources cited
become the bibliography section."""

from __future__ import annotations

from dataclasses import replace

from ..anchors import Anchors
from ..citations.chicago import Chicago
from ..collation import sort_key
from ..errors import Location, Report, did_you_mean
from ..model import Book, Cite, CiteItem, Element, Node, Note, Section, Text, plain_text
from ..readers.bibtex import Reference
from ..words import words_for

CLOSING = ".,;:?!\u201d\u2019)"


def apply_citations(book: Book, references: dict[str, Reference], report: Report) -> None:
    """Replace every citation by a note (or, inside a note, by note text); number the notes."""
    cited: list[str] = []
    style = Chicago(words_for(book.meta.language))
    unusable = {key for key, ref in references.items() if not style.can_format(ref)}  # the reader said why
    for section in book.sections:
        state = _ChapterState(style, references, unusable, report, cited, section)
        section.title = state.rewrite(section.title, in_note=False)  # a title may cite, and call a note
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

    def __init__(self, style: Chicago, references, unusable: set[str], report: Report, cited: list[str],
                 section: Section):
        self.section = section
        self.style = style
        self.references = references
        self.report = report
        self.cited = cited
        self.seen: set[str] = set()
        self.unusable = unusable

    def rewrite(self, nodes: list[Node], in_note: bool) -> list[Node]:
        out: list[Node] = []
        for node in nodes:
            if isinstance(node, Cite) and node.narrative:
                out.extend(self.narrative(node, in_note))
            elif isinstance(node, Cite):
                text = self.citation_text(node)
                if in_note:  # inside the author's own note the citation is part of a sentence
                    out.extend(text)
                elif text:
                    note = Note([Element("p", _end_sentence(_capitalise(text)))])
                    _hang_after_punctuation(out, note)
            elif isinstance(node, Note) and in_note:
                out.extend(self._flattened(node))
            elif isinstance(node, Note):
                node.children = self.rewrite(node.children, in_note=True)
                _hang_after_punctuation(out, node)
            elif isinstance(node, Element):
                node.children = self.rewrite(node.children, in_note)
                out.append(node)
            else:
                out.append(node)
        return _join_punctuation(out)

    def narrative(self, cite: Cite, in_note: bool) -> list[Node]:
        """`@key says`: the author named in the sentence, the source in a note ("Brent and
        Naumov say¹"); inside a note, in parentheses. A bare @word that is no source stays text."""
        item = cite.items[0]
        ref = self.references.get(item.key)
        if item.key in self.unusable:
            return []  # the bibliography reader has said why
        if ref is None:
            self.report.warn(item.location, f"'@{item.key}' is neither a citation key nor a cross-reference label; "
                             "it is printed as written", did_you_mean(item.key, self.references, "@") or
                             "write \\@ to mean a plain @, or add the source to the .bib file")
            return [Text("@" + item.key)]
        self.cited.append(item.key)
        name = self.style.author_names(ref)
        source = self._note(replace(item, suppress_author=True), ref)
        if in_note:
            return [Text(f"{name} (")] + source + [Text(")")]
        return [Text(name), Note([Element("p", _end_sentence(_capitalise(source)))])]

    def _flattened(self, note: Note) -> list[Node]:
        """A note inside a note cannot be printed as one: its text goes in parentheses."""
        where = Location(self.section.path) if self.section.path else None
        self.report.warn(where, "a footnote inside a footnote: its text is printed in parentheses in the outer note",
                         "move it into the outer note's text, or call it from the running text")
        inner = [n for block in self.rewrite(note.children, in_note=True)
                 for n in (block.children if isinstance(block, Element) and block.tag == "p" else [block])]
        return [Text(" (")] + inner + [Text(")")]

    def _note(self, item: CiteItem, ref: Reference) -> list[Node]:
        """The full note at a source's first citation in the chapter, the short note after."""
        if item.suppress_author:  # [-@key]: the sentence names the author already
            ref = replace(ref, authors=[], editors=[] if ref.authors else ref.editors)
        if item.key in self.seen:
            return self.style.short_note(ref, item.locator)
        self.seen.add(item.key)
        return self.style.full_note(ref, item.locator)

    def citation_text(self, cite: Cite) -> list[Node]:
        parts: list[Node] = []
        for item in cite.items:
            ref = self.references.get(item.key)
            if item.key in self.unusable:
                continue  # the bibliography reader has said why
            if ref is None:
                self._unknown(item)
                continue
            self.cited.append(item.key)
            if parts:
                parts.append(Text("; "))
            if item.prefix:
                parts.append(Text(item.prefix + " "))
            parts += self._note(item, ref)
        return parts

    def _unknown(self, item) -> None:
        hint = did_you_mean(item.key, self.references, "@") or "add an entry with this key to the .bib file"
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
