"""Book -> Book: text in a script the book's language does not use is marked with its language.

A screen reader reads unmarked Cyrillic in an English book with the English voice, and the
typesetter hyphenates it by English rules. The author marks a phrase (`[слово]{lang=ru}`, as in
pandoc), or names once the language of all the text in a script (`scripts = { Cyrillic = "ru" }`
in book.toml's [book], as babel's `onchar` does for LaTeX); text in a foreign script marked
neither way is a warning. Latin letters are never foreign: every language quotes them."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from ..errors import Location, Report
from ..model import Book, Element, Mention, Node, Note, Section, Text
from ..scripts import example_language, native_scripts, script_of

QUOTED = 40  # characters of a run quoted in a warning


def mark_scripts(book: Book, report: Report) -> None:
    """Wrap each run of foreign-script text in a span with the language declared for its script
    (or, in a note or a bibliography entry, the language the rest of its text in that script is
    marked with); warn, once per file and script, of runs whose language nobody gave."""
    for section in book.sections:
        marker = _Marker(section, book, report)
        section.title = marker.nodes(section.title, None, {})
        section.blocks = marker.nodes(section.blocks, None, {})
        marker.warn()


@dataclass
class _Run:
    text: str
    line: int | None


@dataclass
class _Marker:
    section: Section
    book: Book
    report: Report
    unmarked: dict[str, list[_Run]] = field(default_factory=dict)

    def __post_init__(self):
        self.language = self.section.lang or self.book.meta.language
        self.native = set(native_scripts(self.language)) | {"Latin"}

    def nodes(self, nodes: list[Node], line: int | None, known: dict[str, str]) -> list[Node]:
        out: list[Node] = []
        for node in nodes:
            if isinstance(node, Text):
                out.extend(self.text(node.text, line, known))
            elif isinstance(node, Element) and ("lang" in node.attrs or node.tag in ("code", "pre")):
                out.append(node)  # the author gave its language, or it is code
            elif isinstance(node, (Element, Mention, Note)):
                inner = known
                if isinstance(node, Note) or (self.section.kind == "bibliography" and getattr(node, "tag", "") == "li"):
                    inner = {**marked_languages(node.children), **known}
                node.children = self.nodes(node.children, getattr(node, "line", None) or line, inner)
                out.append(node)
            else:
                out.append(node)  # Math, citations: not prose
        return out

    def text(self, text: str, line: int | None, known: dict[str, str]) -> list[Node]:
        spans: list[tuple[str, int, int]] = []  # (language, start, end), one per phrase
        for script, begin, end in foreign_runs(text, self.native):
            language = self.book.meta.scripts.get(script) or known.get(script)
            if language is None:
                self.unmarked.setdefault(script, []).append(_Run(text[begin:end], line))
            elif spans and spans[-1][0] == language and not any(c.isalpha() for c in text[spans[-1][2]:begin]):
                spans[-1] = (language, spans[-1][1], end)  # Japanese: kanji and kana, one phrase
            else:
                spans.append((language, begin, end))
        out: list[Node] = []
        start = 0
        for language, begin, end in spans:
            out += [Text(text[start:begin]), Element("span", [Text(text[begin:end])], {"lang": language})]
            start = end
        out.append(Text(text[start:]))
        return [n for n in out if not (isinstance(n, Text) and not n.text)]

    def warn(self) -> None:
        path = self.section.path
        for script, runs in self.unmarked.items():
            first = runs[0]
            quoted = first.text if len(first.text) <= QUOTED else first.text[:QUOTED] + "…"
            more = f" (and {len(runs) - 1} more in this file)" if len(runs) > 1 else ""
            example = example_language(script)
            self.report.warn(Location(path, first.line) if path else None,
                             f"{script} text '{quoted}'{more} has no language: a screen reader reads it with the "
                             f"voice of the book's language ({self.language}) and it is hyphenated by that language's rules",
                             f"mark it with its language, as [{quoted}]{{lang={example}}}, or give the language "
                             f"of all {script} text in book.toml: [book] scripts = {{ {script} = \"{example}\" }}")


def foreign_runs(text: str, native: set[str]):
    """(script, start, end) of each run of letters in a script outside `native`; the spaces,
    punctuation and digits between two letters of one script belong to the run."""
    run_script, begin, last = "", 0, 0
    for index, char in enumerate(text):
        script = script_of(char)
        if not script:
            continue
        if script != run_script:
            if run_script and run_script not in native:
                yield run_script, begin, last
            run_script, begin = script, index
        last = index + 1
        while last < len(text) and unicodedata.combining(text[last]):
            last += 1
    if run_script and run_script not in native:
        yield run_script, begin, last


def marked_languages(nodes: list[Node]) -> dict[str, str]:
    """script -> language, where the text in `nodes` marks all its text in that script with one
    language. A note or bibliography entry made from a source with a `langid` has its title
    marked; the same source's author, publisher and journal, in the same script, share it."""
    found: dict[str, set[str]] = {}

    def visit(nodes: list[Node], language: str) -> None:
        for node in nodes:
            if isinstance(node, Text) and language:
                for script, _, _ in foreign_runs(node.text, set()):
                    found.setdefault(script, set()).add(language)
            elif isinstance(node, (Element, Mention, Note)):
                visit(node.children, getattr(node, "attrs", {}).get("lang", language))

    visit(nodes, "")
    return {script: languages.pop() for script, languages in found.items() if len(languages) == 1}
