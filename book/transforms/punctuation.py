"""The punctuation around citations: a note call after the sentence's stop ("in 1951.¹"), a
note that ends as a sentence does, a citation that closes a sentence of the author's note
printed as a sentence of its own, American periods inside quotation marks."""

from __future__ import annotations

from ..model import Cite, Element, Node, Note, Text, plain_text

CLOSING = ".,;:?!\u201d\u2019)"

# Words that, ending the text before a citation in a note, make the citation part of the
# sentence ("see also [@x]", "as argued in [@x, 12]"); after any other word a citation that
# ends the sentence is its source, and is printed as a sentence after it.
LEADS = {"see", "also", "cf.", "compare", "in", "by", "from", "and", "or", "of", "at", "e.g.,", "i.e.,", "as",
         "to", "on", "with", "following", "after", "esp.", "especially", "notably", "like", "is", "are", "was"}


def closes_sentence(before: list[Node], after: list[Node]) -> bool:
    """A citation at a sentence's end ("... prisoners of war [@a; @b].") in an author's note."""
    tail = plain_text(before[-1:]) if before and isinstance(before[-1], Text) else ""
    words = tail.split()
    if not words or words[-1].lower() in LEADS or tail.rstrip().endswith((":", "(", "—")):
        return False
    following = after[0].text if after and isinstance(after[0], Text) else "" if not after else None
    return following is not None and (following == "" or following.lstrip()[:1] in (".", "?", "!", ""))


def source_sentence(out: list[Node], citation: list[Node], after: list[Node]) -> list[Node]:
    """'... war [@a].' -> '... war. A, Title.': the sentence keeps its own stop, the source follows
    as a sentence of its own. Returns what is left after the citation."""
    stop = "."
    if after and isinstance(after[0], Text):
        text = after[0].text.lstrip()
        if text[:1] in (".", "?", "!"):
            stop, after = text[0], [Text(text[1:])] + after[1:]
    out[-1] = Text(plain_text([out[-1]]).rstrip() + stop + " ")
    out.extend(end_sentence(capitalise(citation)))
    return after


def period_inside_quotes(text: list[Node], following: list[Node]) -> None:
    """American usage: a period or comma after a citation that ends in a quoted title goes
    inside the quotation marks ('see Reyes, “Letter.”'), as the processor does in its own text."""
    if not text or not isinstance(text[-1], Text) or not text[-1].text.endswith("\u201d"):
        return
    after = following[0] if following and isinstance(following[0], Text) else None
    if after is not None and after.text[:1] in (".", ","):
        text[-1] = Text(text[-1].text[:-1] + after.text[0] + "\u201d")
        after.text = after.text[1:]


def ends_with_cite(blocks: list[Node]) -> bool:
    last = blocks[-1] if blocks else None
    return isinstance(last, Element) and last.tag == "p" and bool(last.children) and isinstance(last.children[-1], Cite)


def closed(blocks: list[Node]) -> None:
    """An author's note that ends with a citation ends with a period, as a sentence does."""
    last = blocks[-1]
    if isinstance(last, Element) and last.children:
        last.children = end_sentence(last.children)


def hang_after_punctuation(out: list[Node], note: Note) -> None:
    """Place the note call after the sentence's punctuation, as Chicago wants: 'in 1951.¹'."""
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text.rstrip())
    out.append(note)


def join_punctuation(nodes: list[Node]) -> list[Node]:
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


def end_sentence(parts: list[Node]) -> list[Node]:
    """A note ends with a period, inside a closing quotation mark (“Title.”), never doubled."""
    if not parts:
        return parts
    text = plain_text(parts).rstrip()
    if text.endswith((".", "?", "!", ".\u201d", "?\u201d", "!\u201d")):
        return parts
    last = parts[-1]
    if isinstance(last, Text) and last.text.endswith("\u201d"):
        return parts[:-1] + [Text(last.text[:-1] + ".\u201d")]
    return parts + [Text(".")]


def capitalise(parts: list[Node]) -> list[Node]:
    """A note starts with a capital letter: 'see' becomes 'See'."""
    if parts and isinstance(parts[0], Text) and parts[0].text[:1].islower():
        parts[0] = Text(parts[0].text[0].upper() + parts[0].text[1:])
    return parts
