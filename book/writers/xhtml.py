"""Model -> XHTML, the one renderer both writers use: it dispatches on node type through a table;
how notes appear and where links point are the writer's to say (notes.py, `Medium`)."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape

from ..anchors import split_page_start, starts_word
from ..model import Diagram, Element, Math, Mention, Node, Note, Section, Text
from ..words import Words

VOID = {"br", "hr", "img", "col", "wbr"}
NOTE_SEPARATOR = '<span class="note-separator">,</span>'
RIGHT_TO_LEFT = {"ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv"}
# Blocks whose children are inline (a grid table's cell may hold blocks: they render inline-free).
INLINE_CONTENT = {"p", "h2", "h3", "h4", "h5", "h6", "li", "th", "td", "figcaption", "dt", "caption"}
BLOCKS = {"p", "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tfoot", "tr", "pre", "hr",
          "h2", "h3", "h4", "h5", "h6", "div", "section", "figure", "figcaption", "dl", "dt", "dd",
          "colgroup", "col", "caption"}


def attr(value: str) -> str:
    return escape(value, quote=True)


def _mathml(node: Math) -> str:
    from .math import mathml  # imported when a book has math: the renderer's fonts load on import
    return mathml(node)


@dataclass
class Medium:
    """What differs between the writers. Where links and images point: the PDF keeps `#id`; the
    EPUB names the file each id lies in. How math is drawn: MathML, or SVG for the PDF engine,
    which has no MathML. `markers` are the print edition's page breaks, by the anchor they
    precede (EPUB and web): anchor -> (page number, marker id). `epub_types` writes EPUB's
    structural semantics (`epub:type`), which HTML has no place for; `page_numbers` gives each
    marker its page number as data, for a style sheet to show it ("p. 42" in the web's margin)."""

    href: Callable[[str], str] = lambda anchor: f"#{anchor}"
    src: Callable[[str], str] = lambda src: src
    math: Callable[[Math], str] = _mathml
    markers: dict[str, tuple[int, str]] = field(default_factory=dict)
    epub_types: bool = True
    page_numbers: bool = False
    page_label: str = "page {n}"  # a marker's name, in the book's language (words: page_label)

    def epub_type(self, value: str) -> str:
        """The attribute ` epub:type="value"` where the medium has it, else nothing."""
        return f' epub:type="{attr(value)}"' if self.epub_types else ""


class Renderer:
    """Writes the nodes of one section; `notes` (FloatNotes or EndNotes) draws the notes."""

    def __init__(self, section: Section, notes, links: Medium | None = None):
        self.section = section
        self.notes = notes
        self.links = links or Medium()
        self.inline_rules: dict[type, Callable[[Node], str]] = {
            Text: self._text, Note: self._note, Mention: self._mention, Element: self._inline_element,
            Math: self._math, Diagram: self._diagram}
        # Pages that begin inside a block: block id -> {word number: marker}, and the count kept
        # while that block is written (words as the layout counted them: anchors.starts_word).
        self.inside: dict[str, dict[int, str]] = {}
        for anchor in self.links.markers:
            if start := split_page_start(anchor):
                self.inside.setdefault(start[0], {})[start[1]] = anchor
        self.word_marks: dict[int, str] = {}
        self.words_seen, self.in_word = 0, False

    def marker(self, anchor: str) -> str:
        """The page-break marker of the print edition where its page begins before `anchor`."""
        if anchor not in self.links.markers:
            return ""
        page, marker_id = self.links.markers[anchor]
        # Where the style sheet prints the number, that is its name (ARIA prohibits naming a
        # separator, which a page break is, and axe-core says so); elsewhere the label names it.
        name = attr(self.links.page_label.format(n=page))
        label = f'data-page="{page}"' if self.links.page_numbers else f'aria-label="{name}"'
        return (f'<span class="pagebreak"{self.links.epub_type("pagebreak")} role="doc-pagebreak" id="{marker_id}" '
                f'{label}></span>')

    @contextmanager
    def uncounted(self):
        """Text written inside a block that the layout did not count as the block's words (a
        note set beside its call, in the web edition): the page markers keep to the block's own."""
        saved = self.word_marks, self.words_seen, self.in_word
        self.word_marks = {}
        try:
            yield
        finally:
            self.word_marks, self.words_seen, self.in_word = saved

    def blocks(self, nodes: list[Node]) -> str:
        return "\n".join(self.block(n) for n in nodes)

    def block(self, node: Node) -> str:
        if not isinstance(node, Element):
            return self.inline([node])
        anchor = node.attrs.get("id", "")
        owner = anchor in self.inside  # the block the layout counted words in (not a dd inside it)
        if owner:
            self.word_marks, self.words_seen = self.inside[anchor], 0
        self.in_word = False  # a block (a dd, a table cell) begins a word, as its line does
        try:
            if node.tag == "li":  # a marker inside the item: a list holds nothing but items
                inner = self._open(node) + self.marker(anchor) + self.inline(node.children)
                return inner + (self._rest() if owner else "") + "</li>"
            html = self.marker(anchor) + self._block_element(node)
            rest = self._rest() if owner else ""  # words the layout counted that the text lacks: at the end
            if not rest:
                return html
            end = _last_text_end(html)
            return html[:end] + rest + html[end:]
        finally:
            if owner:
                self.word_marks = {}

    def _block_element(self, node: Element) -> str:
        if node.tag in INLINE_CONTENT:
            return self._open(node) + self.inline(node.children) + f"</{node.tag}>"
        if node.tag == "pre":  # its text inline, so that no newline is added inside
            return self._open(node) + self.inline(node.children) + "</pre>"
        if node.tag in VOID:
            return self._open(node, void=True)
        inner = "\n".join(self._child(c) for c in node.children)
        return self._open(node) + inner + f"</{node.tag}>"

    def _child(self, node: Node) -> str:
        self.in_word = False  # each child is written on a line of its own: a word ends there
        return self.block(node) if _is_block(node) else self.inline([node])

    def inline(self, nodes: list[Node]) -> str:
        out, previous = [], None
        for node in nodes:
            if type(node) not in self.inline_rules or (isinstance(node, Text) and not node.text):
                continue
            if isinstance(node, Note) and isinstance(previous, Note):
                out.append(NOTE_SEPARATOR)  # "13,14", not "1314", where two notes are called at once
            out.append(self.inline_rules[type(node)](node))
            previous = node
        return "".join(out)

    def _text(self, node: Node) -> str:
        assert isinstance(node, Text)
        return self._escaped(node.text)

    def _rest(self) -> str:
        """The markers of this block not yet written (its text had fewer words than counted)."""
        rest = "".join(self.marker(a) for n, a in sorted(self.word_marks.items()) if n >= self.words_seen)
        self.word_marks = {}
        return rest

    def _escaped(self, text: str) -> str:
        """The text, with the marker of a page that begins before one of its words."""
        if not self.word_marks:
            return escape(text, quote=False)
        out = []
        for char in text:
            starts, self.in_word = starts_word(char, self.in_word)
            if starts:
                if self.words_seen in self.word_marks:
                    out.append(self.marker(self.word_marks[self.words_seen]))
                self.words_seen += 1
            out.append(escape(char, quote=False))
        return "".join(out)

    def _note(self, node: Node) -> str:
        assert isinstance(node, Note)
        return self.notes.call(node, self)

    def _math(self, node: Node) -> str:
        assert isinstance(node, Math)
        return self.links.math(node)

    def _diagram(self, node: Node) -> str:
        """The drawing inline, named for readers who cannot see it; left out if it was not drawn."""
        assert isinstance(node, Diagram)
        if not node.svg.startswith("<svg "):
            return ""
        return f'<svg aria-label="{attr(node.label or node.language)}" ' + node.svg[len("<svg "):]

    def _inline_element(self, node: Node) -> str:
        assert isinstance(node, Element)
        if node.tag in VOID:
            return self._open(node, void=True)
        return self._open(node) + self.inline(node.children) + f"</{node.tag}>"

    def _mention(self, node: Node) -> str:
        """The anchor sits on the name's last word, so a name broken over two pages is
        indexed on the page where the surname stands."""
        assert isinstance(node, Mention)
        children = node.children
        if len(children) == 1 and isinstance(children[0], Text) and " " in children[0].text.strip():
            head, _, last = children[0].text.rpartition(" ")
            return (f'{self._escaped(head + " ")}{self.marker(node.anchor)}'
                    f'<span class="mention" id="{node.anchor}">{self._escaped(last)}</span>')
        return (f'{self.marker(node.anchor)}<span class="mention" id="{node.anchor}">'
                f'{self.inline(children)}</span>')

    def _open(self, node: Element, void: bool = False) -> str:
        attrs = dict(node.attrs)
        if not self.links.epub_types:
            attrs.pop("epub:type", None)
        if node.tag == "img":
            attrs["src"] = self.links.src(attrs["src"])
        if node.tag == "a" and attrs.get("href", "").startswith("#"):
            attrs["href"] = self.links.href(attrs["href"][1:])
        if "lang" in attrs:
            attrs["xml:lang"] = attrs["lang"]
            if attrs["lang"].split("-")[0] in RIGHT_TO_LEFT:  # EPUB style sheets may not set direction
                attrs.setdefault("dir", "rtl")
        text = "".join(f' {k}="{attr(v)}"' for k, v in attrs.items())
        return f"<{node.tag}{text}{' /' if void else ''}>"


def _last_text_end(html: str) -> int:
    """Where the last element that may hold text ends: a marker may stand there, not directly
    in a list, a definition list or a table."""
    end = max(html.rfind(f"</{tag}>") for tag in ("p", "li", "dt", "dd", "td", "th", "pre", "figcaption", "div",
                                                  "blockquote"))
    return end if end >= 0 else html.rindex("</")


def _is_block(node: Node) -> bool:
    return isinstance(node, Element) and node.tag in BLOCKS


def section_html(section: Section, notes, words: Words, links: Medium | None = None) -> str:
    """One section as a <section>, with its heading, its text and (for EPUB) its notes."""
    renderer = Renderer(section, notes, links)
    epub_type, role = section.semantics
    typed = renderer.links.epub_type(epub_type)
    label = ""
    if section.number or section.letter:
        text = words.format("chapter", n=section.number) if section.number else words.format("appendix", n=section.letter)
        label = f'<span class="chapter-number">{escape(text)}</span> '

    title = renderer.inline(section.title)
    body = renderer.blocks(section.blocks)
    if not section.title:  # an untitled dedication: its anchor on the section, no heading
        return (f'<section class="{section.kind}"{typed} role="{role}" id="{section.id}" '
                f'aria-label="{attr(section.kind)}">{renderer.marker(section.id)}'
                f"\n{body}\n{notes.flush(section, renderer)}</section>")
    head = renderer.marker(section.id) + (f'<h1 id="{section.id}" data-bookmark="{attr(bookmark(section))}">'
                                          f'{label}<span class="chapter-title">{title}</span></h1>')
    return (f'<section class="{section.kind}"{typed} role="{role}" '
            f'aria-labelledby="{section.id}" data-title="{attr(section.plain_title)}">'
            f"{head}\n{body}\n{notes.flush(section, renderer)}</section>")


def bookmark(section: Section) -> str:
    """A section's title in bookmarks and the EPUB's navigation: "3. The Fall", "A. Data"."""
    mark = section.number or section.letter
    return f"{mark}. {section.plain_title}" if mark else section.plain_title
