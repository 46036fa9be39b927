"""Chicago notes-and-bibliography style (CMOS 17, ch. 14): full notes, short notes, entries.

Each function returns model nodes, so that both writers share the same markup:
italics as <em>, Russian titles in a lang="ru" span, URLs as links.
"""

from __future__ import annotations

import re

from ..model import Element, Node, Text
from ..readers.bibtex import Person, Reference, strip_braces

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
ARTICLES = {"a", "an", "the"}
PAGE_LABEL = re.compile(r"^(?:p|pp|page|pages)\.?\s+", re.I)
END_PUNCT = (".", "?", "!")


def full_note(ref: Reference, locator: str = "") -> list[Node]:
    return _FORMATS[ref.type][0](ref, _locator(locator))


def short_note(ref: Reference, locator: str = "") -> list[Node]:
    parts: list[Node] = []
    names = _short_names(ref)
    if names:
        parts.append(Text(names + ", "))
    parts += _title(ref, short=True, trailing="," if locator else "")
    if locator:
        parts.append(Text(" " + _locator(locator)))
    return parts


def bibliography_entry(ref: Reference) -> list[Node]:
    return _FORMATS[ref.type][1](ref)


def bibliography_sort_key(ref: Reference) -> str:
    lead = author_lead(ref) or title_text(ref)
    return fold(_drop_article(lead))


def author_lead(ref: Reference) -> str:
    """The inverted names that open the bibliography entry (empty for a title-led entry)."""
    people = ref.authors or ref.editors
    if people:
        return _names_inverted(people)
    if ref.type == "report":
        return ref.get("institution")
    if ref.type == "online":
        return ref.get("organization")
    if ref.type == "article":
        return ref.get("journaltitle") or ref.get("journal")
    return ""


def fold(text: str) -> str:
    """Sort key: accents and case ignored, so that É sorts with E."""
    import unicodedata
    decomposed = unicodedata.normalize("NFKD", strip_braces(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


# --- the entry types -------------------------------------------------------

def _book_note(ref: Reference, loc: str) -> list[Node]:
    parts = _lead_names(ref)
    parts += _title(ref)
    facts = ", ".join(x for x in [ref.get("location") and f"{ref.get('location')}: {ref.get('publisher')}"
                                  or ref.get("publisher"), _year(ref)] if x)
    parts.append(Text(f" ({facts})"))
    return _finish(parts, loc, ref)


def _book_entry(ref: Reference) -> list[Node]:
    parts = _lead_inverted(ref)
    parts += _title(ref, trailing=".")
    where = f"{ref.get('location')}: {ref.get('publisher')}" if ref.get("location") else ref.get("publisher")
    facts = ", ".join(x for x in [where, _year(ref)] if x)
    parts.append(Text(f" {facts}."))
    return _entry_end(parts, ref)


def _article_note(ref: Reference, loc: str) -> list[Node]:
    parts = _lead_names(ref)
    parts += _title(ref, trailing=",")
    parts += [Text(" ")] + _journal(ref)
    if ref.get("volume"):
        issue = f", no. {ref.get('number')}" if ref.get("number") else ""
        parts.append(Text(f" {ref.get('volume')}{issue} ({_date(ref)})"))
        if loc:
            parts.append(Text(f": {loc}"))
            loc = ""
    elif _date(ref):
        parts.append(Text(f", {_date(ref)}"))
    return _finish(parts, loc, ref)


def _article_entry(ref: Reference) -> list[Node]:
    unsigned = not (ref.authors or ref.editors)
    if unsigned:  # CMOS 14.207: the newspaper stands in place of the author
        parts = _journal(ref) + [Text(". ")] + _title(ref, trailing=".")
    else:
        parts = _lead_inverted(ref) + _title(ref, trailing=".")
        parts += [Text(" ")] + _journal(ref)
    if ref.get("volume"):
        issue = f", no. {ref.get('number')}" if ref.get("number") else ""
        pages = f": {ref.get('pages')}" if ref.get("pages") else ""
        parts.append(Text(f" {ref.get('volume')}{issue} ({_date(ref)}){pages}."))
    elif _date(ref):
        parts.append(Text(f"{'' if unsigned else ','} {_date(ref)}."))
    else:
        parts.append(Text("."))
    return _entry_end(parts, ref)


def _online_note(ref: Reference, loc: str) -> list[Node]:
    site = ref.get("organization")
    date = _date(ref) or _accessed(ref)
    more = site or date or loc or ref.get("url")
    parts = _lead_names(ref)
    parts += _title(ref, trailing="," if more else "")
    if site:
        parts.append(Text(f" {strip_braces(site)}"))
    if date:
        parts.append(Text(("," if site else "") + f" {date}"))
    return _finish(parts, loc, ref, comma_before_url=bool(site or date))


def _online_entry(ref: Reference) -> list[Node]:
    site = strip_braces(ref.get("organization"))
    if ref.authors:
        parts = _lead_inverted(ref) + _title(ref, trailing=".")
        if site:
            parts.append(Text(f" {site}."))
    elif site:
        parts = [Text(site + ". ")] + _title(ref, trailing=".")
    else:
        parts = _title(ref, trailing=".")
    date = _date(ref) or _accessed(ref, capital=True)
    if date:
        parts.append(Text(f" {date}."))
    return _entry_end(parts, ref)


def _report_note(ref: Reference, loc: str) -> list[Node]:
    parts = _lead_names(ref)
    if not parts and ref.get("institution"):
        parts = [Text(strip_braces(ref.get("institution")) + ", ")]
    parts += _title(ref)
    facts = ", ".join(x for x in [strip_braces(ref.get("type")), _date(ref)] if x)
    if facts:
        parts.append(Text(f", {facts}"))
    return _finish(parts, loc, ref)


def _report_entry(ref: Reference) -> list[Node]:
    parts = _lead_inverted(ref) or [Text(strip_braces(ref.get("institution")) + ". ")]
    parts += _title(ref, trailing=".")
    for fact in (strip_braces(ref.get("type")), _date(ref)):
        if fact:
            parts.append(Text(f" {fact[0].upper()}{fact[1:]}."))
    return _entry_end(parts, ref)


_FORMATS = {"book": (_book_note, _book_entry), "article": (_article_note, _article_entry),
            "online": (_online_note, _online_entry), "report": (_report_note, _report_entry)}


# --- pieces ------------------------------------------------------------------

def title_text(ref: Reference) -> str:
    title = strip_braces(ref.get("title"))
    if ref.get("subtitle"):
        title += ": " + strip_braces(ref.get("subtitle"))
    return title


def _title(ref: Reference, short: bool = False, trailing: str = "") -> list[Node]:
    """The title, italic for books and reports, quoted for parts; punctuation inside quotes."""
    text = _short_title(ref) if short else title_text(ref)
    italic = ref.type in ("book", "report")
    title: Node = Text(text)
    if ref.get("langid") in ("russian", "ru"):
        title = Element("span", [title], {"lang": "ru"})
    if italic:
        nodes: list[Node] = [Element("em", [title])]
        return nodes + ([Text(trailing)] if trailing else [])
    mark = "" if text.endswith(("?", "!")) or (trailing == "." and text.endswith(".")) else trailing
    return [Text("\u201c"), title, Text(mark + "\u201d")]


def _short_title(ref: Reference) -> str:
    if ref.get("shorttitle"):
        return strip_braces(ref.get("shorttitle"))
    main = strip_braces(ref.get("title")).split(":")[0].strip()
    words = main.split()
    if len(words) > 4:
        if words[0].lower() in ARTICLES:
            words = words[1:]
        words = words[:4]
    return " ".join(words).rstrip(",;:\u2013\u2014-")


def _journal(ref: Reference) -> list[Node]:
    return [Element("em", [Text(strip_braces(ref.get("journaltitle") or ref.get("journal")))])]


def _lead_names(ref: Reference) -> list[Node]:
    people = ref.authors or ref.editors
    if not people:
        return []
    suffix = (", ed." if len(people) == 1 else ", eds.") if not ref.authors else ""
    return [Text(_names_normal(people) + suffix + ", ")]


def _lead_inverted(ref: Reference) -> list[Node]:
    people = ref.authors or ref.editors
    if not people:
        return []
    suffix = (", ed." if len(people) == 1 else ", eds.") if not ref.authors else ""
    text = _names_inverted(people) + suffix
    return [Text(text + ("" if text.endswith(".") else ".") + " ")]


def _names_normal(people: list[Person]) -> str:
    if len(people) > 3:
        return people[0].full + " et al."
    return _join([p.full for p in people])


def _names_inverted(people: list[Person]) -> str:
    return _join([people[0].inverted] + [p.full for p in people[1:]])


def _short_names(ref: Reference) -> str:
    people = ref.authors or ref.editors
    if len(people) > 3:
        return people[0].family + " et al."
    return _join([p.family for p in people])


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        joiner = ", and " if "," in names[0] else " and "
        return names[0] + joiner + names[1]
    return ", ".join(names[:-1]) + ", and " + names[-1]


def _locator(locator: str) -> str:
    """Chicago prints the page number alone: "p. 12" becomes "12"; "chap. 3" stays."""
    return PAGE_LABEL.sub("", locator.strip()).replace("--", "\u2013")


def _year(ref: Reference) -> str:
    return (ref.get("date") or ref.get("year"))[:4] or "n.d."


def _date(ref: Reference) -> str:
    return format_date(ref.get("date") or ref.get("year"))


def _accessed(ref: Reference, capital: bool = False) -> str:
    if not ref.get("urldate"):
        return ""
    return ("Accessed " if capital else "accessed ") + format_date(ref.get("urldate"))


def format_date(value: str) -> str:
    """ISO dates in the book's one style: 17 July 2003, July 2003, 2003."""
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
    if not match:
        return value.strip()
    year, month, day = match.groups()
    if month and day:
        return f"{int(day)} {MONTHS[int(month) - 1]} {year}"
    if month:
        return f"{MONTHS[int(month) - 1]} {year}"
    return year


def _finish(parts: list[Node], loc: str, ref: Reference, comma_before_url: bool = True) -> list[Node]:
    if loc:
        parts.append(Text(f", {loc}"))
    if ref.get("url"):
        parts.append(Text(", " if comma_before_url or loc else " "))
        parts.append(_url(ref.get("url")))
    return parts


def _entry_end(parts: list[Node], ref: Reference) -> list[Node]:
    if ref.get("url"):
        parts += [Text(" "), _url(ref.get("url")), Text(".")]
    return parts


def _url(url: str) -> Node:
    return Element("a", [Text(url)], {"href": url, "class": "url"})


def _drop_article(text: str) -> str:
    words = strip_braces(text).lstrip("\u201c\"'").split(maxsplit=1)
    if len(words) == 2 and words[0].lower() in ARTICLES:
        return words[1]
    return strip_braces(text)
