"""The one document model: every reader produces it, every transform rewrites it, every writer reads it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .anchors import Anchors
from .errors import Location


class Node:
    """Base of the inline and block nodes."""


@dataclass
class Text(Node):
    text: str


@dataclass
class Element(Node):
    """A plain structural node named by its (X)HTML tag: p, em, blockquote, table, ..."""

    tag: str
    children: list[Node] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)
    line: int | None = field(default=None, compare=False)  # where a block starts, for messages


@dataclass
class CiteItem:
    """One source inside a citation: `[see @key, p. 12]`."""

    key: str
    prefix: str = ""
    locator: str = ""
    location: Location | None = None
    suppress_author: bool = False  # [-@key]: the author is named in the sentence already


@dataclass
class Cite(Node):
    """A citation as the author wrote it (`[@key]`, or `@key` in the sentence: narrative); the
    cross-references transform takes those that name a label (`@fig:x`), the citations
    transform the rest."""

    items: list[CiteItem]
    location: Location | None = None
    narrative: bool = False


@dataclass
class Note(Node):
    """A footnote: the author's own, or one made from a citation."""

    children: list[Node]
    number: int = 0
    label: str = ""
    id: str = ""  # the note's text; its call is `ref_id`
    ref_id: str = ""


@dataclass
class Math(Node):
    """TeX math as the author wrote it: inline, or displayed (and then perhaps labelled and numbered)."""

    tex: str
    display: bool = False
    label: str = ""  # a cross-reference label, "eq:energy"
    number: str = ""  # given by the cross-references transform
    line: int | None = field(default=None, compare=False)


# The languages a diagram may be written in: Graphviz's, each named after its layout program.
DIAGRAM_LANGUAGES = {"dot": "dot", "graphviz": "dot", "neato": "neato", "circo": "circo", "fdp": "fdp",
                     "twopi": "twopi"}


@dataclass
class Diagram(Node):
    """A diagram as the author wrote it, in a diagram language (Graphviz's DOT), and the SVG the
    diagrams transform draws from it."""

    language: str
    source: str
    label: str = ""  # its description, for readers who cannot see it (the caption's text)
    svg: str = ""
    line: int | None = field(default=None, compare=False)


@dataclass
class Mention(Node):
    """A mention of a person, found by the names transform, for the index."""

    person: str
    children: list[Node]
    anchor: str = ""
    note: Note | None = None  # the note the mention stands in, if any


# What each kind of section is: its EPUB type and ARIA role, and whether it is in the body.
SECTION_KINDS = {
    "colophon": ("colophon", "doc-colophon"),
    "front": ("preface", "doc-preface"),
    "chapter": ("chapter", "doc-chapter"),
    "back": ("appendix", "doc-appendix"),
    "bibliography": ("bibliography", "doc-bibliography"),
    # The index proper is a section inside it (transforms/index.py): EPUB Indexes wants the index
    # element to hold index groups only, and the heading is not one.
    "index": ("backmatter", "region"),
    "cast": ("glossary", "doc-glossary"),  # a glossary of the people in the book (transforms/cast.py)
    "figures": ("loi", "region"),  # lists of figures (illustrations) and of tables: EPUB's loi, lot
    "tables": ("lot", "region"),
}


# What the author may say a front or back file is, by a class on its title (`# Glossary
# {.glossary}`): its EPUB structural semantics and DPUB-ARIA role, in place of its kind's.
SEMANTIC_CLASSES = {name: (name, f"doc-{name}") for name in (
    "preface", "foreword", "introduction", "prologue", "epilogue", "afterword", "conclusion",
    "acknowledgments", "glossary", "appendix")}


@dataclass
class Section:
    """One part of the book: a manuscript file (chapter, front or back matter) or a section the
    builder generates (the bibliography, the index)."""

    kind: str  # a key of SECTION_KINDS
    title: list[Node]
    blocks: list[Node]
    path: Path | None = None  # the manuscript file; None for a generated section
    id: str = ""  # the anchor of its heading, which also names its EPUB file
    number: int = 0  # chapter number; 0 for unnumbered sections
    lang: str = ""
    label: str = ""  # its cross-reference label, from `# Title {#sec:x}`
    classes: list[str] = field(default_factory=list)  # from the title's attributes: unnumbered, appendix
    letter: str = ""  # an appendix's letter, A, B, …

    @property
    def plain_title(self) -> str:
        return plain_text(self.title)

    @property
    def generated(self) -> bool:
        return self.path is None

    @property
    def semantics(self) -> tuple[str, str]:
        """(epub:type, role): its kind's, unless its title's class names one (front and back matter)."""
        if self.kind in ("front", "back"):
            named = next((SEMANTIC_CLASSES[c] for c in self.classes if c in SEMANTIC_CLASSES), None)
            if named:
                return named
        return SECTION_KINDS[self.kind]


@dataclass
class Metadata:
    title: str
    subtitle: str
    author: str
    language: str
    identifier: str
    date: str
    rights: str
    publisher: str = ""
    subject: str = ""
    keywords: list[str] = field(default_factory=list)
    description: str = ""
    scripts: dict[str, str] = field(default_factory=dict)  # the language of all text in a script
    url: str = ""  # where the web edition is published ([web] url), for its sitemap and previews


@dataclass
class IndexEntry:
    """One person in the index, with the anchors of every mention."""

    heading: str
    identifier: str
    sort_key: tuple = ()
    mentions: list[Mention] = field(default_factory=list)
    see: str = ""  # for a cross-reference entry: the heading it points to
    letter: str = ""  # the letter group it is printed under
    cast: str = ""  # the group of the cast of characters it is listed under, if any


@dataclass
class Book:
    meta: Metadata
    source: Path
    sections: list[Section]
    anchors: Anchors = field(default_factory=Anchors)
    index: list[IndexEntry] = field(default_factory=list)

    def of_kind(self, *kinds: str) -> list[Section]:
        return [s for s in self.sections if s.kind in kinds]

    def section(self, kind: str) -> Section | None:
        return next((s for s in self.sections if s.kind == kind), None)


def plain_text(nodes: list[Node]) -> str:
    """The text a reader sees in a list of inline nodes, without notes."""
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, (Element, Mention)):
            parts.append(plain_text(node.children))
    return "".join(parts)


def walk(nodes: list[Node]):
    """Every node below `nodes`, depth first, in reading order."""
    for node in nodes:
        yield node
        if isinstance(node, (Element, Note, Mention)):
            yield from walk(node.children)
