"""Book -> Book: cross-references in pandoc-crossref's syntax. Figures, tables and labelled
equations are numbered by chapter ("Figure 2.1"); `@fig:x`, `[see @tbl:y]`, `@sec:z`, `@eq:w`
become linked words ("figure 2.1", "chapter 4", "equation (3)"); an unknown label is a warning
with the nearest known ones, and prints as "??" as LaTeX does, never as source."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Location, Report, did_you_mean
from ..model import Book, Cite, CiteItem, Element, Math, Node, Note, Section, Text, plain_text, walk
from ..words import Words, words_for

PREFIXES = ("fig", "tbl", "eq", "sec")
PAGE_LOCATORS = {"page", "p", "pg"}
UNKNOWN_PAGE = "??"  # until the pagination has said: see resolve_page_references


@dataclass(frozen=True)
class Target:
    kind: str  # a words key: figure_ref, table_ref, equation_ref, chapter_ref, appendix_ref, or "" (a heading)
    anchor: str
    number: str
    title: str = ""


def is_crossref(key: str) -> bool:
    prefix, colon, _ = key.partition(":")
    return bool(colon) and prefix.lower() in PREFIXES


def apply_crossrefs(book: Book, report: Report) -> None:
    """Number what is numbered, then resolve every reference to a label."""
    words = words_for(book.meta.language)
    targets = _Numbering(book, words).run()
    for section in book.sections:
        resolver = _Resolver(targets, words, report, section, book.anchors)
        section.blocks = resolver.nodes(section.blocks)
        section.title = resolver.nodes(section.title)


class _Numbering:
    """Figures and tables with captions, and labelled equations, numbered in each chapter."""

    def __init__(self, book: Book, words: Words):
        self.book, self.words = book, words
        self.targets: dict[str, Target] = {}

    def run(self) -> dict[str, Target]:
        unnumbered = {"figure": 0, "table": 0, "equation": 0}  # counters shared by unnumbered sections
        for section in self.book.sections:
            self._section_label(section)
            counts = {"figure": 0, "table": 0, "equation": 0}
            mark = str(section.number or section.letter or "")
            for block, node in _with_blocks(section.blocks):
                kind = _numbered_kind(node)
                if kind is None:
                    continue
                counter = counts if mark else unnumbered
                counter[kind] += 1
                number = f"{mark}.{counter[kind]}" if mark else str(counter[kind])
                self._number(section, block, node, kind, number)
            for heading in (n for n in section.blocks if isinstance(n, Element) and "data-label" in n.attrs):
                label = heading.attrs.pop("data-label")
                self._add(label, Target("", heading.attrs.get("id", section.id), "", plain_text(heading.children)),
                          section)
        return self.targets

    def _section_label(self, section: Section) -> None:
        if not section.label:
            return
        kind = "appendix_ref" if section.letter else "chapter_ref"
        number = str(section.number or section.letter)
        target = Target(kind if number != "0" and number else "", section.id, number, section.plain_title)
        self._add(section.label, target, section)

    def _number(self, section: Section, block: Element | None, node: Node, kind: str, number: str) -> None:
        if isinstance(node, Math):
            node.number = number
            anchor = block.attrs.get("id", section.id) if block is not None else section.id
            self._add(node.label, Target("equation_ref", anchor, number), section)
            return
        assert isinstance(node, Element)
        label = node.attrs.pop("data-label", "") or node.attrs.get("id", "")
        node.attrs["id"] = self.book.anchors.make(label or f"{section.id}-{kind}-{number}", section.id)
        caption = next(c for c in node.children if isinstance(c, Element) and c.tag in ("figcaption", "caption"))
        name = self.words.format(kind, n=number)
        caption.children[:0] = [Element("span", [Text(name)], {"class": "caption-label"}), Text(". ")]
        if label:
            self._add(label, Target(f"{kind}_ref", node.attrs["id"], number), section)

    def _add(self, label: str, target: Target, section: Section) -> None:
        self.targets.setdefault(label, target)


def _numbered_kind(node: Node) -> str | None:
    if isinstance(node, Math):
        return "equation" if node.display and node.label else None
    if isinstance(node, Element) and node.tag in ("figure", "table"):
        if any(isinstance(c, Element) and c.tag in ("figcaption", "caption") for c in node.children):
            return "figure" if node.tag == "figure" else "table"
    return None


def _with_blocks(blocks: list[Node]):
    """Every node with the top-level block it lies in (whose id an equation is linked to)."""
    for block in blocks:
        top = block if isinstance(block, Element) else None
        for node in walk([block]):
            yield top, node


class _Resolver:
    """Replaces the citations that name labels with linked words."""

    def __init__(self, targets: dict[str, Target], words: Words, report: Report, section: Section, anchors):
        self.targets, self.words, self.report, self.section = targets, words, report, section
        self.anchors = anchors  # the ids made so far, which a link may name as written

    def nodes(self, nodes: list[Node]) -> list[Node]:
        out: list[Node] = []
        for node in nodes:
            if isinstance(node, Cite) and any(is_crossref(i.key) for i in node.items):
                out.extend(self.cite(node))
                continue
            if isinstance(node, Element) and node.tag == "a" and node.attrs.get("href", "").startswith("#"):
                out.extend(self.link(node))
                continue
            if isinstance(node, (Element, Note)):
                node.children = self.nodes(node.children)
            out.append(node)
        return out

    def link(self, link: Element) -> list[Node]:
        """`[text](#sec:x)`: a link to a label goes where the label is; to no label, it is text."""
        label = link.attrs["href"][1:]
        target = self.targets.get(label) or self.targets.get(_lower_prefix(label))
        if target is None and label not in self.anchors:
            where = Location(self.section.path) if self.section.path else None
            self.report.warn(where, f"the link to '#{label}' goes to no label of the book: its text is printed",
                             did_you_mean(label, self.targets, "#") or
                             "give the heading, figure or table that label: {#" + label + "}")
            return self.nodes(link.children)
        if target is not None:
            link.attrs["href"] = f"#{target.anchor}"
        link.children = self.nodes(link.children)
        return [link]

    def cite(self, cite: Cite) -> list[Node]:
        """The references of a citation, joined as a sentence says them; other sources stay a citation."""
        refs = [i for i in cite.items if is_crossref(i.key)]
        rest = [i for i in cite.items if not is_crossref(i.key)]
        out: list[Node] = []
        for n, item in enumerate(refs):
            if n:
                out.append(Text(", " if n < len(refs) - 1 else f" {self.words['and']} "))
            out.extend(self.reference(item))
        if rest:
            out.append(Cite(rest, cite.location, cite.narrative))
        return out

    def reference(self, item: CiteItem) -> list[Node]:
        prefix = [Text(item.prefix + " ")] if item.prefix else []
        target = self.targets.get(item.key) or self.targets.get(_lower_prefix(item.key))
        if target is None:
            self._unknown(item)
            return [*prefix, Text("??")]
        text = self._words(target)
        if item.key[:1].isupper():
            text = text[:1].upper() + text[1:]
        link: list[Node] = [*prefix, Element("a", [Text(text)], {"href": f"#{target.anchor}", "class": "xref"})]
        if item.locator.strip(". ").lower() in PAGE_LOCATORS:  # [@fig:x, page]: "figure 2.1 on p. 42"
            link += [Text(" "), page_reference(target.anchor, self.words)]
        return link

    def _words(self, target: Target) -> str:
        if target.kind:
            return self.words.format(target.kind, n=target.number)
        quotes = self.words.quotes
        return f"{quotes[0]}{target.title}{quotes[1]}"  # an unnumbered heading is named

    def _unknown(self, item: CiteItem) -> None:
        hint = did_you_mean(_lower_prefix(item.key), self.targets, "@") or \
            "give the figure, table, equation or heading that label: {#" + item.key + "}"
        where = item.location or (Location(self.section.path) if self.section.path else None)
        self.report.warn(where, f"unknown cross-reference label '@{item.key}'", hint)


def _lower_prefix(key: str) -> str:
    prefix, _, rest = key.partition(":")
    return f"{prefix.lower()}:{rest}"


def page_reference(anchor: str, words: Words, page: str = UNKNOWN_PAGE) -> Element:
    return Element("a", [Text(words.format("on_page", n=page))], {"href": f"#{anchor}", "class": "page-ref"})


def resolve_page_references(book: Book, pages: dict[str, int]) -> bool:
    """Give every "on p. N" its printed page; True when a number changed, and the parts that hold
    one must be laid out again (as LaTeX runs twice for \\pageref)."""
    words = words_for(book.meta.language)
    changed = False
    for section in book.sections:
        for node in walk(section.blocks):
            if isinstance(node, Element) and node.attrs.get("class") == "page-ref":
                text = words.format("on_page", n=pages.get(node.attrs["href"][1:], UNKNOWN_PAGE))
                if plain_text(node.children) != text:
                    node.children, changed = [Text(text)], True
    return changed
