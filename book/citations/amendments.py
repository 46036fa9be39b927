"""Amendments to the default style (the official Chicago 18 notes-and-bibliography CSL) where it
departs from the Manual on sources our readers cite; each names the section it follows. They
are edits of the style's XML, made when the style is loaded: a style that has changed so that
an amendment no longer finds its place is used as it is (tests/unit/test_citations.py checks
that each one applies to the style we ship)."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from xml.etree import ElementTree

CSL_NS = "http://purl.org/net/xbiblio/csl"
CSL = f"{{{CSL_NS}}}"
STYLE_ID = "http://www.zotero.org/styles/chicago-notes-bibliography"


@dataclass(frozen=True)
class Amendment:
    why: str
    apply: Callable[[dict[str, ElementTree.Element]], bool]  # the macros by name; False if not found


def _reprint_without_original_publisher(macros) -> bool:
    """A book with an original date and a later one is a reprint even when the original
    publisher is not given, as CMOS 18 gives none: "(1958; repr., Westview Press, 1986)" and
    "1958. Reprint, Westview Press, 1986." The style said "repr." only with an original
    publisher or place. A translation (a translator, or its original title) is no reprint."""
    done = False
    for name in ("source-publication-description-note", "source-publication-description-bib"):
        for choose in _iter(macros.get(name), "choose"):
            test = choose.find(f"{CSL}else-if[@variable='original-publisher original-publisher-place']")
            inner = test.find(f"{CSL}choose") if test is not None else None
            if test is None or inner is None or inner.find(f"{CSL}if[@variable='edition original-title']") is None:
                continue
            dated = ElementTree.Element(f"{CSL}else-if", {"variable": "original-date"})
            reprint = copy.deepcopy(inner)
            reprint.find(f"{CSL}if[@variable='edition original-title']").set("variable", "edition original-title translator")
            dated.append(reprint)
            choose.insert(list(choose).index(test) + 1, dated)
            done = True
            break
    return done


def _reprint_date_ends_a_sentence(macros) -> bool:
    """In the bibliography a reprint's original date is a sentence of its own: "1958. Reprint,
    Westview Press, 1986." (CMOS 18 14.16); the semicolon stays where no "Reprint" follows (a
    translation; recordings, CMOS 18 14.165)."""
    history = macros.get("source-publication-history-bib")
    for otherwise in _iter(history, "else"):
        group = otherwise.find(f"{CSL}group[@delimiter='; ']")
        if group is None:
            continue
        choose = ElementTree.Element(f"{CSL}choose")
        ElementTree.SubElement(choose, f"{CSL}if", {"variable": "translator"}).append(copy.deepcopy(group))
        reprint = ElementTree.SubElement(choose, f"{CSL}else-if", {"match": "any", "type": REPRINTED})
        sentence = copy.deepcopy(group)
        sentence.set("delimiter", ". ")
        reprint.append(sentence)
        ElementTree.SubElement(choose, f"{CSL}else").append(group)
        otherwise.remove(group)
        otherwise.append(choose)
        return True
    return False


# The types the style calls reprints (source-publication-description-*).
REPRINTED = ("book chapter classic entry entry-dictionary entry-encyclopedia interview musical_score pamphlet "
             "paper-conference report thesis")


def _signed_entry_short_note_without_under(macros) -> bool:
    """"Under" stands in for a page when an unsigned entry is cited by its heading (CMOS 18
    14.130); a signed entry's short note is the author and the entry's title, like a chapter's:
    "Feldman, "Doctors' Plot," 222." The style put "under" in both."""
    item = macros.get("citation-notes-shortened-author-title-item")
    for test in _iter(item, "else-if"):
        term = test.find(f"{CSL}text[@term='sub-verbo']")
        if test.get("variable") == "container-title title" and term is not None:
            index = list(test).index(term)
            test.remove(term)
            unsigned = ElementTree.Element(f"{CSL}choose")
            ElementTree.SubElement(unsigned, f"{CSL}if", {"variable": "author"})
            ElementTree.SubElement(ElementTree.SubElement(unsigned, f"{CSL}else"), f"{CSL}text",
                                   {"form": "short", "term": "sub-verbo"})
            test.insert(index, unsigned)
            return True
    return False


def _introduction_short_note(macros) -> bool:
    """The short note of an introduction or afterword by another hand names the part alone:
    "Fitzgerald, introduction, xiv." (CMOS 18 14.12); the style repeated "introduction to
    *The Doctors' Case*". (A part of a book is a chapter whose genre names it, and no title.)"""
    short = macros.get("description-short")
    choose = short.find(f"{CSL}choose") if short is not None else None
    first = choose.find(f"{CSL}if") if choose is not None else None
    if choose is None or first is None:
        return False
    first.tag = f"{CSL}else-if"
    part = ElementTree.Element(f"{CSL}if", {"match": "all", "type": "chapter", "variable": "genre"})
    ElementTree.SubElement(part, f"{CSL}text", {"variable": "genre"})
    choose.insert(0, part)
    return True


AMENDMENTS = (
    Amendment("CMOS 18 14.16: 'repr.' without the original publisher", _reprint_without_original_publisher),
    Amendment("CMOS 18 14.16: a reprint's original date a sentence of its own", _reprint_date_ends_a_sentence),
    Amendment("CMOS 18 14.12: an introduction's short note names the part alone", _introduction_short_note),
    Amendment("CMOS 18 14.130: no 'under' in a signed entry's short note", _signed_entry_short_note_without_under),
)


def _iter(element: ElementTree.Element | None, tag: str):
    return [] if element is None else element.iter(f"{CSL}{tag}")


def amended(root: ElementTree.Element) -> tuple[bytes, list[str]] | None:
    """The style's XML with the amendments, and those that found their place; None for a style
    they are not for."""
    info = root.find(f"{CSL}info")
    if info is None or (info.findtext(f"{CSL}id") or "").strip() != STYLE_ID:
        return None
    macros = {m.get("name", ""): m for m in root.iter(f"{CSL}macro")}
    applied = [a.why for a in AMENDMENTS if a.apply(macros)]
    ElementTree.register_namespace("", CSL_NS)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True), applied
