"""Reads refs.bib into references (the only bibtexparser import)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import bibtexparser
from bibtexparser.middlewares.names import InvalidNameError, parse_single_name_into_parts, split_multiple_persons_names
from bibtexparser.model import DuplicateBlockKeyBlock, DuplicateFieldKeyBlock

from ..errors import Location, Report, did_you_mean, heard
from ..files import read_text
from ..text import safe_link, smart_quotes

# The entry types BibTeX and biblatex document (biblatex manual §2.1), with their aliases.
ENTRY_TYPES = {
    "article", "book", "mvbook", "inbook", "bookinbook", "suppbook", "booklet", "collection", "mvcollection",
    "incollection", "suppcollection", "dataset", "manual", "misc", "online", "patent", "periodical",
    "suppperiodical", "proceedings", "mvproceedings", "inproceedings", "reference", "mvreference",
    "inreference", "report", "set", "software", "thesis", "unpublished", "xdata",
    "conference", "electronic", "mastersthesis", "phdthesis", "techreport", "www",
    "artwork", "audio", "bibnote", "commentary", "image", "jurisdiction", "legislation", "legal", "letter",
    "movie", "music", "performance", "review", "standard", "video",
}
# What the biblatex manual (§2.1) lists as required, beyond a title and a date: its absence still
# builds, with a warning, since the processor prints what there is.
REQUIRED = {
    "article": ("journaltitle", "journal"), "inbook": ("booktitle",), "incollection": ("booktitle",),
    "inproceedings": ("booktitle",), "conference": ("booktitle",), "inreference": ("booktitle",),
    "bookinbook": ("booktitle",), "suppbook": ("booktitle",), "thesis": ("institution", "school"),
    "phdthesis": ("school", "institution"), "mastersthesis": ("school", "institution"),
    "report": ("institution",), "techreport": ("institution",), "online": ("url", "doi", "eprint", "organization"),
    "patent": ("number",),
}
# The fields they document (biblatex manual §2.2, BibTeX's, and the usual extras of reference
# managers), so that a misspelt field is a warning naming the nearest one, not silent loss.
FIELDS = set("""
abstract addendum address afterword annotation annotator annote author authortype bookauthor bookpagination
booksubtitle booktitle booktitleaddon chapter commentator date doi edition editor editora editorb editorc
editortype editoratype editorbtype editorctype eid entrysubtype eprint eprintclass eprinttype eventdate
eventtitle eventtitleaddon file foreword holder howpublished indextitle institution introduction isan isbn
ismn isrn issn issue issuesubtitle issuetitle issuetitleaddon iswc journal journalsubtitle journaltitle
journaltitleaddon key keywords label langid langidopts language library location mainsubtitle maintitle
maintitleaddon month nameaddon note number organization origdate origlanguage origlocation origpublisher
origtitle pages pagetotal pagination part publisher pubstate reprinttitle school series shortauthor
shorteditor shorthand shorthandintro shortjournal shortseries shorttitle subtitle title titleaddon
translator type url urldate venue version volume volumes year crossref xref xdata related relatedtype
relatedstring relatedoptions entryset execute gender ids options presort sortkey sortname sortshorthand
sorttitle sortyear keywords timestamp owner mrclass mrnumber zbl lccn citeulike-article-id bdsk-url-1
""".split())
VERBATIM = {"url", "doi", "urldate", "date", "langid"}


@dataclass
class Person:
    given: str
    family: str  # for a corporate author, the whole name

    @property
    def full(self) -> str:
        return f"{self.given} {self.family}".strip()

    @property
    def inverted(self) -> str:
        return f"{self.family}, {self.given}" if self.given else self.family


@dataclass
class Reference:
    key: str
    type: str
    fields: dict[str, str]
    authors: list[Person] = field(default_factory=list)
    editors: list[Person] = field(default_factory=list)
    location: Location | None = None
    raw: dict[str, str] = field(default_factory=dict)  # the fields as written, LaTeX and all

    def get(self, name: str) -> str:
        return self.fields.get(name, "")


def read_bibliography(path: Path, report: Report) -> dict[str, Reference]:
    """Parse the bibliography; every broken entry is reported with its line."""
    text = read_text(path, report)
    if text is None:
        return {}
    # A block it cannot parse is reported below, as an error with its line; the rest is heard.
    with heard("bibtexparser", report, Location(path), " (reading the bibliography)", skip="aborted on line"):
        library = bibtexparser.parse_string(text)
    for block in library.failed_blocks:
        _report_failed(path, block, report)
    references: dict[str, Reference] = {}
    for entry in library.entries:
        where = Location(path, (entry.start_line or 0) + 1)
        fields = {f.key.lower(): f.value.strip() if f.key.lower() in VERBATIM else clean(f.value)
                  for f in entry.fields}
        raw = {f.key.lower(): f.value for f in entry.fields}
        ref = Reference(key=entry.key, type=entry.entry_type.lower(), fields=fields, location=where, raw=raw,
                        authors=_names(entry.key, "author", fields, where, report),
                        editors=_names(entry.key, "editor", fields, where, report))
        _check_month(ref, report)
        _check_url(ref, report)
        _check_fields(ref, report)
        references[ref.key] = ref
    return references


def _report_failed(path: Path, block, report: Report) -> None:
    where = Location(path, block.start_line + 1)
    if isinstance(block, DuplicateBlockKeyBlock):
        report.error(where, f"duplicate citation key '{block.key}'",
                     "give each entry its own key, or delete the repeated entry")
    elif isinstance(block, DuplicateFieldKeyBlock):
        names = ", ".join(sorted(block.duplicate_keys))
        key = getattr(block.ignore_error_block, "key", "?")
        report.error(where, f"entry '{key}' has the field '{names}' twice", "keep one of them")
    else:
        error = getattr(block, "error", None)
        reason = getattr(error, "abort_reason", "") or (str(error).strip().splitlines() or [""])[0]
        if "end of file" in reason:
            reason += " (an entry is not closed: a '}' is missing)"
        report.error(where, f"BibTeX syntax error: {reason or 'cannot parse this entry'}",
                     "check the braces, commas and quotes of this entry")


def _check_url(ref: Reference, report: Report) -> None:
    """A source's url becomes a link in both books: only web and DOI addresses are kept."""
    if not ref.get("url"):
        return
    url = safe_link(ref.get("url"))
    if url is None:
        report.warn(ref.location, f"entry '{ref.key}' has the url '{ref.get('url')[:40]}', which is not a web "
                    "address: it is left out", "give an http:// or https:// address, or a doi = {...}")
        del ref.fields["url"]
    else:
        ref.fields["url"] = url


def _check_fields(ref: Reference, report: Report) -> None:
    """Every documented type and field is read; an unknown one is most often a typo."""
    if ref.type not in ENTRY_TYPES:
        report.warn(ref.location, f"entry '{ref.key}' has type @{ref.type}, which BibTeX and biblatex do not "
                    "define: it is printed as @misc", did_you_mean(ref.type, ENTRY_TYPES, "@") or
                    "use a type of the biblatex manual (@book, @incollection, @thesis, ...)")
    for name in ref.raw:
        if name not in FIELDS and not name.startswith(("user", "list", "name", "verb", "bdsk", "x-")):
            report.warn(ref.location, f"entry '{ref.key}' has the field '{name}', which BibTeX and biblatex do "
                        "not define: it is not printed", did_you_mean(name, FIELDS) or "check its spelling")
    if not (ref.get("title") or ref.authors or ref.editors):
        report.error(ref.location, f"entry '{ref.key}' has no title, author or editor: nothing can name it",
                     "add title = {...}")
        return
    wanted = REQUIRED.get(ref.type)
    if wanted and not any(ref.get(name) for name in wanted):
        report.warn(ref.location, f"@{ref.type} entry '{ref.key}' has no {wanted[0]}; a reader will find the "
                    "source hard to trace", f"add {wanted[0]} = {{...}}")
    if not (ref.get("date") or ref.get("year")) and ref.type not in ("online", "www", "electronic", "unpublished"):
        report.warn(ref.location, f"@{ref.type} entry '{ref.key}' has no date or year; "
                    "a reader will find the source hard to trace (it prints as n.d.)", "add date = {...} (or year)")


def _names(key: str, field: str, fields: dict[str, str], where: Location, report: Report) -> list[Person]:
    try:
        return people(fields.get(field, ""))
    except InvalidNameError as exc:
        report.error(where, f"entry '{key}': the {field} list cannot be read ({exc})",
                     "write each name as 'Last, First' or 'Last, Jr., First', separated by ' and '")
        return []


def _check_month(ref: Reference, report: Report) -> None:
    """A month the date cannot have (13, 00) is the author's to fix, not printed as '45 December'."""
    month = ref.get("month").strip().lower()[:3]
    date = ref.get("date")
    bad = month and not (month.isdigit() and 1 <= int(month) <= 12) and month not in MONTH_NAMES
    parts = date.split("-")
    if len(parts) > 1 and parts[1].isdigit() and not 1 <= int(parts[1]) <= 12:
        bad = True
    if bad:
        report.error(ref.location, f"entry '{ref.key}' has a month that does not exist "
                     f"({ref.get('month') or date})", "write month = {7} or month = jul, or date = {1954-07-22}")


MONTH_NAMES = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}


def people(value: str) -> list[Person]:
    """Split a BibTeX name list; a braced name is a corporate author, kept whole."""
    result = []
    for name in split_multiple_persons_names(value) if value.strip() else []:
        name = name.strip()
        if name.startswith("{") and name.endswith("}"):
            result.append(Person("", strip_braces(name)))
            continue
        parts = parse_single_name_into_parts(name)
        family = " ".join(parts.von + parts.last)
        given = " ".join(parts.first)
        if parts.jr:
            family += ", " + " ".join(parts.jr)
        result.append(Person(strip_braces(given), strip_braces(family)))
    return result


def clean(value: str) -> str:
    """BibTeX text to plain Unicode: dashes, escapes, no whitespace runs; braces kept for names."""
    value = re.sub(r"\s+", " ", value).strip()
    value = value.replace("---", "\u2014").replace("--", "\u2013")
    value = re.sub(r"\\([&%$#_])", r"\1", value)
    return smart_quotes(value)


def strip_braces(value: str) -> str:
    return value.replace("{", "").replace("}", "")
