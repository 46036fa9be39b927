"""Model -> XHTML, shared by both writers; notes are drawn per writer."""

from __future__ import annotations

import re
from html import escape

from .model import Book, Chapter, Element, Mention, Node, Note, Text, plain_text

VOID = {"br", "hr", "img"}


def attr(value: str) -> str:
    return escape(value, quote=True)


class FloatNotes:
    """PDF: the note's text stands where it is called, and the engine floats it to the foot."""

    def call(self, note: Note, chapter: Chapter, renderer: "Renderer") -> str:
        paragraphs = [renderer.inline(child.children) if isinstance(child, Element) and child.tag == "p"
                      else renderer.block(child) for child in note.children]
        # No newline inside: WeasyPrint turns it into a forced line break in footnotes.
        body = " ".join(paragraphs).replace("\n", " ")
        # The visible call is a link to the note (the engine's own call is not clickable);
        # its anchor also lets the layout check that the note stands on the call's page.
        nid = note_id(chapter, note)
        return (f'<a class="note-call" href="#{nid}" id="{nid}-ref">{note.number}</a>'
                f'<span class="footnote" id="{nid}" data-n="{note.number}">{body}</span>')

    def flush(self, chapter: Chapter, renderer: "Renderer") -> str:
        return ""


class EndNotes:
    """EPUB: a note reference in the text, the notes as pop-up asides after the chapter."""

    def __init__(self):
        self.pending: list[Note] = []

    def call(self, note: Note, chapter: Chapter, renderer: "Renderer") -> str:
        self.pending.append(note)
        return (f'<a class="noteref" epub:type="noteref" role="doc-noteref" id="{note_id(chapter, note)}-ref" '
                f'href="#{note_id(chapter, note)}">{note.number}</a>')

    def flush(self, chapter: Chapter, renderer: "Renderer") -> str:
        if not self.pending:
            return ""
        asides = []
        for note in self.pending:
            nid = note_id(chapter, note)
            back = f'<a class="note-number" href="#{nid}-ref" role="doc-backlink">{note.number}.</a> '
            blocks = [renderer.block(child) for child in note.children]
            if blocks and blocks[0].startswith("<p>"):
                blocks[0] = "<p>" + back + blocks[0][3:]
            else:
                blocks.insert(0, f"<p>{back}</p>")
            asides.append(f'<aside class="footnote" epub:type="footnote" role="doc-footnote" id="{nid}">'
                          + "".join(blocks) + "</aside>")
        self.pending = []
        return '<section class="footnotes" role="doc-endnotes"><h2 class="notes-heading">Notes</h2>' \
            + "".join(asides) + "</section>"


def note_id(chapter: Chapter, note: Note) -> str:
    return f"{chapter.slug}-n{note.number}"


class Renderer:
    """Writes model nodes as XHTML; `notes` decides how footnotes appear."""

    def __init__(self, chapter: Chapter, notes, resolve_src=lambda src: src, markers=None):
        self.chapter = chapter
        self.notes = notes
        self.resolve_src = resolve_src
        self.markers: dict[str, int] = markers or {}  # anchor -> print page that begins there

    def marker(self, anchor: str) -> str:
        """A page-break marker of the print edition, where its page `n` begins (EPUB only)."""
        page = self.markers.get(anchor)
        if page is None:
            return ""
        return (f'<span class="pagebreak" epub:type="pagebreak" role="doc-pagebreak" id="page-{page}" '
                f'aria-label="page {page}"></span>')

    def blocks(self, nodes: list[Node]) -> str:
        return "\n".join(self.block(n) for n in nodes)

    def block(self, node: Node) -> str:
        if isinstance(node, Element) and "id" in node.attrs:
            return self.marker(node.attrs["id"]) + self._block(node)
        return self._block(node)

    def _block(self, node: Node) -> str:
        if isinstance(node, Element) and node.tag in ("p", "h2", "h3", "h4", "h5", "h6", "li", "th", "td"):
            return self._open(node) + self.inline(node.children) + f"</{node.tag}>"
        if isinstance(node, Element) and node.tag == "pre":
            return "<pre>" + self.inline(node.children) + "</pre>"
        if isinstance(node, Element) and node.tag in VOID:
            return self._open(node, void=True)
        if isinstance(node, Element):
            inner = "\n".join(self.block(c) if _is_block(c) else self.inline([c]) for c in node.children)
            return self._open(node) + inner + f"</{node.tag}>"
        return self.inline([node])

    def inline(self, nodes: list[Node]) -> str:
        out = []
        for node in nodes:
            if isinstance(node, Text):
                out.append(escape(node.text, quote=False))
            elif isinstance(node, Note):
                out.append(self.notes.call(node, self.chapter, self))
            elif isinstance(node, Mention):
                out.append(self._mention(node))
            elif isinstance(node, Element) and node.tag in VOID:
                out.append(self._open(node, void=True))
            elif isinstance(node, Element):
                out.append(self._open(node) + self.inline(node.children) + f"</{node.tag}>")
        return "".join(out)

    def _mention(self, mention: Mention) -> str:
        """The anchor sits on the name's last word, so a name broken over two pages is
        indexed on the page where the surname stands."""
        children = mention.children
        if len(children) == 1 and isinstance(children[0], Text) and " " in children[0].text.strip():
            head, _, last = children[0].text.rpartition(" ")
            return (f'{escape(head, quote=False)} {self.marker(mention.anchor)}'
                    f'<span class="mention" id="{mention.anchor}">{escape(last, quote=False)}</span>')
        return f'{self.marker(mention.anchor)}<span class="mention" id="{mention.anchor}">{self.inline(children)}</span>'

    def _open(self, node: Element, void: bool = False) -> str:
        attrs = dict(node.attrs)
        if node.tag == "img":
            attrs["src"] = self.resolve_src(attrs["src"])
        if "lang" in attrs:
            attrs["xml:lang"] = attrs["lang"]
        text = "".join(f' {k}="{attr(v)}"' for k, v in attrs.items())
        return f"<{node.tag}{text}{' /' if void else ''}>"


def _is_block(node: Node) -> bool:
    return isinstance(node, Element) and node.tag in (
        "p", "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "pre", "hr",
        "h2", "h3", "h4", "h5", "h6")


def chapter_html(chapter: Chapter, notes, resolve_src=lambda s: s, markers=None) -> str:
    """One chapter as a <section>, with its heading, text and (for EPUB) its notes."""
    renderer = Renderer(chapter, notes, resolve_src, markers)
    kind = {"chapter": ("chapter", "doc-chapter"), "front": ("preface", "doc-preface"),
            "colophon": ("colophon", "doc-colophon"), "back": ("appendix", "doc-appendix")}[chapter.kind]
    label = f'<span class="chapter-number">Chapter {chapter.number}</span> ' if chapter.number else ""
    title = renderer.inline(chapter.title)
    bookmark = f"{chapter.number}. {chapter.plain_title}" if chapter.number else chapter.plain_title
    head = renderer.marker(chapter.slug) + (f'<h1 id="{chapter.slug}" data-bookmark="{attr(bookmark)}">{label}'
            f'<span class="chapter-title">{title}</span></h1>')
    body = renderer.blocks(chapter.blocks)
    return (f'<section class="{chapter.kind}" epub:type="{kind[0]}" role="{kind[1]}" '
            f'aria-labelledby="{chapter.slug}" data-title="{attr(chapter.plain_title)}">'
            f"{head}\n{body}\n{notes.flush(chapter, renderer)}</section>")


def bibliography_html(book: Book, heading_id: str = "bibliography", markers=None) -> str:
    renderer = Renderer(Chapter("bibliography", book.source, [], []), FloatNotes(), markers=markers)
    items = "\n".join(f'<li id="bib-{n}">{renderer.marker(f"bib-{n}")}{renderer.inline(entry)}</li>'
                      for n, entry in enumerate(book.bibliography, start=1))
    return (f'<section class="bibliography" epub:type="bibliography" role="doc-bibliography" '
            f'aria-labelledby="{heading_id}" data-title="Bibliography">'
            f'{renderer.marker(heading_id)}<h1 id="{heading_id}">Bibliography</h1>'
            f'<ul class="bibliography-list">{items}</ul></section>')


def title_page_html(book: Book) -> str:
    meta = book.meta
    subtitle = f'<p class="subtitle">{escape(meta.subtitle)}</p>' if meta.subtitle else ""
    publisher = (f'<p class="publisher">{escape(meta.publisher)}</p>'
                 if meta.publisher and meta.publisher != meta.author else "")
    return (f'<section class="title-page" epub:type="titlepage" aria-label="Title page">'
            f'<h1 class="title">{escape(meta.title)}</h1>{subtitle}'
            f'<p class="author">{escape(meta.author)}</p>{publisher}</section>')


def half_title_html(book: Book) -> str:
    return f'<section class="half-title" aria-label="Half title"><p class="title">{escape(book.meta.title)}</p></section>'


def contents_html(entries: list[tuple[str, str, str, str]]) -> str:
    """Entries are (css class, target id, title, page number as printed)."""
    rows = []
    for cls, target, title, page in entries:
        rows.append(f'<li class="{cls}"><a href="#{target}"><span class="toc-title">{title}</span>'
                    f'<span class="toc-page" data-target="#{target}">{escape(page)}</span></a></li>')
    return (f'<nav class="contents" epub:type="toc" role="doc-toc" aria-labelledby="contents">'
            f'<h1 id="contents">Contents</h1><ol class="toc">{"".join(rows)}</ol></nav>')


def entry_title(chapter: Chapter) -> str:
    """A chapter's title for the contents, with its number."""
    text = escape(chapter.plain_title)
    return f'<span class="toc-number">{chapter.number}</span> {text}' if chapter.number else text


def slugify(text: str) -> str:
    slug = re.sub(r"[^\w]+", "-", text.lower()).strip("-")
    return slug or "section"


__all__ = ["FloatNotes", "EndNotes", "Renderer", "chapter_html", "bibliography_html", "title_page_html",
           "contents_html", "half_title_html", "entry_title", "slugify", "plain_text"]
