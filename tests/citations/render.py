"""The reader's text of notes and bibliography entries, with *italics*, for the case lists."""

from book.model import Element, Mention, Node, Note, Text, walk


def marked(nodes: list[Node]) -> str:
    out = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Element) and node.tag == "em":
            out.append("*" + marked(node.children) + "*")
        elif isinstance(node, (Element, Mention)):
            out.append(marked(node.children))
        elif isinstance(node, Note):
            out.append(f"[{node.number}]")
    return "".join(out).replace("**", "")


def notes(section) -> list[str]:
    return [" ".join(marked(b.children if isinstance(b, Element) else [b]) for b in note.children).strip()
            for note in walk(section.title + section.blocks) if isinstance(note, Note)]


def bibliography(book) -> list[str]:
    section = book.section("bibliography")
    if section is None:
        return []
    return [marked(item.children) for block in section.blocks for item in block.children]
