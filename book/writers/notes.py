"""How notes are drawn: at the foot of the page in print; in the EPUB, as the chapter's endnotes,
which reading systems show as pop-ups from the note reference."""

from __future__ import annotations

from ..model import Element, Note, Section


class FloatNotes:
    """PDF: the note's text stands where it is called, and the engine floats it to the foot."""

    def call(self, note: Note, renderer) -> str:
        paragraphs = [renderer.inline(child.children) if isinstance(child, Element) and child.tag == "p"
                      else renderer.block(child) for child in note.children]
        # No newline inside: WeasyPrint turns it into a forced line break in footnotes.
        body = " ".join(paragraphs).replace("\n", " ")
        # The visible call is a link to the note (the engine's own call is not clickable);
        # its anchor also lets the layout check that the note stands on the call's page.
        return (f'<a class="note-call" href="#{note.id}" id="{note.ref_id}">{note.number}</a>'
                f'<span class="footnote" id="{note.id}" data-n="{note.number}">{body}</span>')

    def flush(self, section: Section, renderer) -> str:
        return ""


class EndNotes:
    """EPUB: a note reference in the text, the notes in a list after the section. A list of
    endnotes, not footnote asides: readers that pop notes up hide the asides, which left an empty
    "Notes" heading at every chapter's end and made the index's locators into notes ("7n10") land
    on nothing; endnotes stay in the text, and the same readers still pop them up from the call."""

    def __init__(self, heading: str):
        self.heading = heading
        self.pending: list[Note] = []

    def call(self, note: Note, renderer) -> str:
        self.pending.append(note)
        return (f'<a class="noteref" epub:type="noteref" role="doc-noteref" id="{note.ref_id}" '
                f'href="#{note.id}">{note.number}</a>')

    def flush(self, section: Section, renderer) -> str:
        if not self.pending:
            return ""
        items = []
        for note in self.pending:
            back = f'<a class="note-number" href="#{note.ref_id}" role="doc-backlink">{note.number}.</a> '
            blocks = [renderer.block(child) for child in note.children]
            if blocks and blocks[0].startswith("<p>"):
                blocks[0] = "<p>" + back + blocks[0][3:]
            else:
                blocks.insert(0, f"<p>{back}</p>")
            items.append(f'<li class="footnote" epub:type="endnote" id="{note.id}">' + "".join(blocks) + "</li>")
        self.pending = []
        return (f'<section class="footnotes" epub:type="endnotes" role="doc-endnotes">'
                f'<h2 class="notes-heading">{self.heading}</h2><ol class="notes-list">'
                + "".join(items) + "</ol></section>")


class SideNotes:
    """Web: the note's text stands right after its call, inside the paragraph, so that a style
    sheet can set it in the margin beside the line on a wide screen and, on a narrow one, show it
    under the line when its call is followed (`:target`): no script is needed to read a note,
    and a screen reader meets it where it is called, as a footnote of the text."""

    def call(self, note: Note, renderer) -> str:
        with renderer.uncounted():  # the layout counts a page's words without its notes
            parts = [renderer.inline(child.children) if isinstance(child, Element) and child.tag in ("p", "div")
                     else renderer.inline([child]) for child in note.children]
        # Inside a paragraph only phrasing content may stand: a note's paragraphs become spans.
        body = "".join(f'<span class="note-paragraph">{part}</span>' for part in parts)
        return (f'<a class="note-call" href="#{note.id}" id="{note.ref_id}" role="doc-noteref">{note.number}</a>'
                f'<span class="sidenote" id="{note.id}" role="doc-footnote">'
                f'<a class="note-number" href="#{note.ref_id}" role="doc-backlink">{note.number}.</a> '
                f"{body}</span>")

    def flush(self, section: Section, renderer) -> str:
        return ""
