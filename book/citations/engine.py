"""Citations -> formatted text, by the CSL processor: one question per chapter.

A chapter's citations go to pandoc as a small document in reading order: each citation of the
running text a paragraph of its own (in a note style pandoc makes it note N), each of the
author's notes a note holding the citations it contains (an empty one keeps the numbering that
"ibid." and "near note" depend on). Every citation is wrapped in a span with an id, so the
answer is matched by id, not by position. The questions not answered before (the cache holds
the answers by the question's digest) go to pandoc together, a share per core, each chapter
formatted on its own inside the run (chapters.lua)."""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from ..model import CiteItem
from ..store import digest
from . import processor
from .inlines import from_text
from .styles import Style


@dataclass
class Citation:
    """One citation as asked: its items, and whether the sentence names its author (`@key says`).
    Where it stands (a note of its own, inside the author's note) is the Chapter's slot."""

    items: list[CiteItem]
    narrative: bool = False


@dataclass
class Chapter:
    """The citations of one chapter in reading order; a list is one author's note."""

    slots: list[Citation | list[Citation]] = field(default_factory=list)


class Engine:
    def __init__(self, style: Style, references: dict[str, dict], language: str, known: dict | None = None,
                 version: str = ""):
        self.style = style
        self.language = language
        self.known = known or {}  # digest -> answer, from the cache
        self.used: dict[str, dict] = {}
        self._meta_refs = {"t": "MetaList", "c": [references[key] for key in sorted(references)]}
        self._base = digest(version, style.text, language, json.dumps(self._meta_refs, sort_keys=True))

    def format_book(self, chapters: list[Chapter], cited: list[str]) -> tuple[list[dict[str, list]], list]:
        """Each chapter's answers (slot id: "c3", "n3" for a narrative's names -> pandoc inlines)
        and the bibliography's entries for the sources cited, in the style's order ((key, inlines))."""
        questions = [self._document(chapter, cited) for chapter in chapters]
        questions.append(self._in_order(cited, bibliography=True))  # the bibliography: every source cited
        readers = [_chapter_answers] * len(chapters) + [_bibliography_answers]
        answers = self._answers(questions, readers, cited)
        bibliography = answers.pop()
        return answers, [(key, bibliography[key]) for key in bibliography.get("__order__", [])] if cited else []

    def _answers(self, questions: list[list], readers, cited: list[str]) -> list[dict]:
        """The answers, from what earlier builds were told or from one run of the processor for
        all the questions not asked before."""
        base = digest(self._base, json.dumps(sorted(set(cited))))
        keys = [digest(base, str(n == len(questions) - 1), json.dumps(q, sort_keys=True))
                for n, q in enumerate(questions)]
        missing = [n for n, key in enumerate(keys) if key not in self.known]
        last = len(questions) - 1
        meta = {**self._meta(cited), "references": self._meta_refs}

        def ask(batch: list[int]) -> dict:
            divs = [{"t": "Div", "c": [[f"q{n}", ["bibliography"] if n == last else [], []], questions[n]]}
                    for n in batch]
            return processor.process(_document(divs, meta), self.style.text, self.language)

        # As many pandoc runs as cores, each with a share of the questions: each chapter costs
        # the processor a reading of the style, so one run for all would use one core.
        workers = max(1, min(len(missing), os.cpu_count() or 1))
        batches = [missing[n::workers] for n in range(workers)] if missing else []
        with ThreadPoolExecutor(max_workers=workers) as pool:
            outputs = list(pool.map(ask, batches))
        for output in outputs:
            for block in output.get("blocks", []):
                if block.get("t") == "Div" and block["c"][0][0].startswith("q"):
                    n = int(block["c"][0][0][1:])
                    self.known[keys[n]] = readers[n]({"blocks": block["c"][1]}, self.style)
        for key in keys:
            self.used[key] = self.known.get(key, {})
        return [self.known.get(key, {}) for key in keys]

    def _meta(self, cited: list[str]) -> dict:
        nocite = [_citation(CiteItem(key), False, False) for key in dict.fromkeys(cited)]
        if not nocite:
            return {}
        # every source the book cites, in every chapter: year letters (2003a) the same throughout
        return {"nocite": {"t": "MetaInlines", "c": [{"t": "Cite", "c": [nocite, []]}]}}

    def _document(self, chapter: Chapter, cited: list[str]) -> list:
        blocks: list = []
        names: list = []
        counter = 0
        for slot in chapter.slots:
            group = slot if isinstance(slot, list) else [slot]
            spans = []
            for citation in group:
                counter += 1
                narrative_text = citation.narrative and not self.style.notes
                spans.append(_span(f"c{counter}", citation.items, narrative_text))
                if citation.narrative and self.style.notes:  # the names for the sentence, asked apart
                    names.append(_para([_span(f"n{counter}", citation.items, True)]))
            if isinstance(slot, list):
                body = _spaced(spans) or [{"t": "Str", "c": "note"}]
                blocks.append(_para([{"t": "Note", "c": [_para(body)]}]))
            else:
                blocks.extend(_para([span]) for span in spans)
        return self._in_order(cited) + blocks + names

    def _in_order(self, cited: list[str], bibliography: bool = False) -> list:
        """For an in-text style, every source the book cites, cited once first in the book's
        order: a numeric style's [3] is the same in every chapter and in the reference list.
        (A note style's first notes and "ibid." would change: it gets none.)"""
        if self.style.notes and not bibliography or not cited:
            return []
        return [_para([_span("p0", [CiteItem(key) for key in dict.fromkeys(cited)], False)])]


def _document(blocks: list, meta: dict) -> dict:
    return {"pandoc-api-version": processor.API_VERSION, "meta": meta, "blocks": blocks}


def _para(inlines: list) -> dict:
    return {"t": "Para", "c": inlines}


def _spaced(spans: list) -> list:
    out: list = []
    for span in spans:
        out += ([{"t": "Space"}] if out else []) + [span]
    return out


def _span(ident: str, items: list[CiteItem], narrative: bool) -> dict:
    citations = [_citation(item, narrative and n == 0, item.suppress_author) for n, item in enumerate(items)]
    return {"t": "Span", "c": [[ident, [], []], [{"t": "Cite", "c": [citations, []]}]]}


def _citation(item: CiteItem, narrative: bool, suppress: bool) -> dict:
    mode = "AuthorInText" if narrative else "SuppressAuthor" if suppress else "NormalCitation"
    suffix = [{"t": "Str", "c": ","}, {"t": "Space"}, *from_text(item.locator)] if item.locator else []
    return {"citationId": item.key, "citationPrefix": from_text(item.prefix), "citationSuffix": suffix,
            "citationMode": {"t": mode}, "citationNoteNum": 0, "citationHash": 0}


def _chapter_answers(output: dict, style: Style) -> dict[str, list]:
    """Span id -> the citation's formatted inlines: a note's text for a citation the style made a
    note; the inline text otherwise (inside a note without the parentheses pandoc adds there);
    for a narrative's names, what precedes the note."""
    answers: dict[str, list] = {}

    def visit(node, in_note: bool) -> None:
        if isinstance(node, list):
            for child in node:
                visit(child, in_note)
            return
        if not isinstance(node, dict):
            return
        kind, content = node.get("t"), node.get("c", [])
        rendered = _cite(content[1]) if kind == "Span" else None
        if rendered is not None and content[0][0][:1] in ("c", "n"):
            ident = content[0][0]
            answers[ident] = _rendered(rendered, ident.startswith("n"), in_note, style)
            return
        if kind == "Note":
            visit(content, True)
            return
        if isinstance(content, list):
            visit(content, in_note)

    visit(output.get("blocks", []), False)
    return answers


def _cite(inlines: list) -> list | None:
    for node in inlines:
        if node.get("t") == "Cite":
            return node["c"][1]
    return None


def _rendered(inlines: list, names: bool, in_note: bool, style: Style) -> list:
    notes = [n for n in inlines if n.get("t") == "Note"]
    if names:
        return inlines[:inlines.index(notes[0])] if notes else inlines
    if notes and not in_note:
        blocks = notes[0]["c"]
        return [i for b in blocks if b.get("t") in ("Para", "Plain") for i in b["c"]]
    if in_note and style.notes:
        return _without_parentheses(inlines)
    return inlines


def _without_parentheses(inlines: list) -> list:
    """pandoc puts a note style's citation inside a note in parentheses; our notes print it as
    part of the note's sentence ("see Brent and Naumov, Stalin's Last Crime, 45")."""
    if not inlines or inlines[0].get("t") != "Str" or inlines[-1].get("t") != "Str":
        return inlines
    if not (inlines[0]["c"].startswith("(") and inlines[-1]["c"].endswith(")")):
        return inlines
    if len(inlines) == 1:
        return [{"t": "Str", "c": inlines[0]["c"][1:-1]}]
    head = [{"t": "Str", "c": inlines[0]["c"][1:]}]
    tail = [{"t": "Str", "c": inlines[-1]["c"][:-1]}]
    return [i for i in head + inlines[1:-1] + tail if i.get("t") != "Str" or i["c"]]


def _bibliography_answers(output: dict, style: Style) -> dict[str, list]:
    """The `refs` div's entries, in order: key -> inlines (a numeric style's label, a space, the text)."""
    answers: dict[str, list] = {"__order__": []}
    for block in output.get("blocks", []):
        if block.get("t") != "Div":
            continue
        for entry in block["c"][1]:
            if entry.get("t") != "Div" or not entry["c"][0][0].startswith("ref-"):
                continue
            key = entry["c"][0][0][len("ref-"):]
            answers["__order__"].append(key)
            answers[key] = _entry_inlines(entry["c"][1])
    return answers


def _entry_inlines(blocks: list) -> list:
    out: list = []
    for block in blocks:
        if block.get("t") in ("Para", "Plain"):
            out += ([{"t": "Space"}] if out else []) + block["c"]
        elif block.get("t") == "Div":
            out += ([{"t": "Space"}] if out else []) + _entry_inlines(block["c"][1])
    return out
