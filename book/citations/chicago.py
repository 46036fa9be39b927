"""Chicago notes-and-bibliography style (CMOS 17, ch. 14): full notes, short notes, entries.

Each function returns model nodes, so that both writers share the same markup:
italics as <em>, Russian titles in a lang="ru" span, URLs as links.
"""

from __future__ import annotations

import re

from ..model import Element, Node, Text
from ..readers.bibtex import Person, Reference, strip_braces
from ..words import Words

ARTICLES = {"a", "an", "the"}
PAGE_LABEL = re.compile(r"^(?:p|pp|page|pages)\.?\s+", re.I)
END_PUNCT = (".", "?", "!")


class Chicago:
    """The style's rules, printing the words of the book's language (et al., n.d., months)."""

    def __init__(self, words: Words):
        self.words = words
        self.formats = {"book": (self._book_note, self._book_entry), "article": (self._article_note, self._article_entry),
                        "online": (self._online_note, self._online_entry), "report": (self._report_note, self._report_entry)}

    def full_note(self, ref: Reference, locator: str = "") -> list[Node]:
        return self.formats[ref.type][0](ref, self._locator(locator))

    def short_note(self, ref: Reference, locator: str = "") -> list[Node]:
        parts: list[Node] = []
        names = self._short_names(ref)
        if names:
            parts.append(Text(names + ", "))
        parts += self._title(ref, short=True, trailing="," if locator else "")
        if locator:
            parts.append(Text(" " + self._locator(locator)))
        return parts

    def can_format(self, ref: Reference) -> bool:
        return ref.type in self.formats

    def author_names(self, ref: Reference) -> str:
        """The authors as a sentence names them ("Brent and Naumov"); else the short title."""
        return self._short_names(ref) or self._short_title(ref)

    def bibliography_entry(self, ref: Reference) -> list[Node]:
        return self.formats[ref.type][1](ref)

    def bibliography_sort_key(self, ref: Reference) -> str:
        lead = self.author_lead(ref) or self.title_text(ref)
        return strip_braces(self._drop_article(lead))  # collated by the caller

    def author_lead(self, ref: Reference) -> str:
        """The inverted names that open the bibliography entry (empty for a title-led entry)."""
        people = ref.authors or ref.editors
        if people:
            return self._names_inverted(people)
        if ref.type == "report":
            return ref.get("institution")
        if ref.type == "online":
            return ref.get("organization")
        if ref.type == "article":
            return ref.get("journaltitle") or ref.get("journal")
        return ""

    # the entry types -------------------------------------------------------

    def _book_note(self, ref: Reference, loc: str) -> list[Node]:
        parts = self._lead_names(ref)
        parts += self._title(ref)
        facts = ", ".join(x for x in [ref.get("location") and f"{ref.get('location')}: {ref.get('publisher')}"
                                      or ref.get("publisher"), self._year(ref)] if x)
        parts.append(Text(f" ({facts})"))
        return self._finish(parts, loc, ref)

    def _book_entry(self, ref: Reference) -> list[Node]:
        parts = self._lead_inverted(ref)
        parts += self._title(ref, trailing=".")
        where = f"{ref.get('location')}: {ref.get('publisher')}" if ref.get("location") else ref.get("publisher")
        facts = ", ".join(x for x in [where, self._year(ref)] if x)
        parts.append(Text(f" {facts}."))
        return self._entry_end(parts, ref)

    def _article_note(self, ref: Reference, loc: str) -> list[Node]:
        parts = self._lead_names(ref)
        parts += self._title(ref, trailing=",")
        parts += [Text(" ")] + self._journal(ref)
        if ref.get("volume"):
            issue = f", no. {ref.get('number')}" if ref.get("number") else ""
            parts.append(Text(f" {ref.get('volume')}{issue} ({self._date(ref)})"))
            if loc:
                parts.append(Text(f": {loc}"))
                loc = ""
        elif self._date(ref):
            parts.append(Text(f", {self._date(ref)}"))
        return self._finish(parts, loc, ref)

    def _article_entry(self, ref: Reference) -> list[Node]:
        unsigned = not (ref.authors or ref.editors)
        if unsigned:  # CMOS 14.207: the newspaper stands in place of the author
            parts = self._journal(ref) + [Text(". ")] + self._title(ref, trailing=".")
        else:
            parts = self._lead_inverted(ref) + self._title(ref, trailing=".")
            parts += [Text(" ")] + self._journal(ref)
        if ref.get("volume"):
            issue = f", no. {ref.get('number')}" if ref.get("number") else ""
            pages = f": {ref.get('pages')}" if ref.get("pages") else ""
            parts.append(Text(f" {ref.get('volume')}{issue} ({self._date(ref)}){pages}."))
        elif self._date(ref):
            parts.append(Text(f"{'' if unsigned else ','} {self._date(ref)}."))
        else:
            parts.append(Text("."))
        return self._entry_end(parts, ref)

    def _online_note(self, ref: Reference, loc: str) -> list[Node]:
        site = ref.get("organization")
        date = self._date(ref) or self._accessed(ref)
        more = site or date or loc or ref.get("url")
        parts = self._lead_names(ref)
        parts += self._title(ref, trailing="," if more else "")
        if site:
            parts.append(Text(f" {strip_braces(site)}"))
        if date:
            parts.append(Text(("," if site else "") + f" {date}"))
        return self._finish(parts, loc, ref, comma_before_url=bool(site or date))

    def _online_entry(self, ref: Reference) -> list[Node]:
        site = strip_braces(ref.get("organization"))
        if ref.authors:
            parts = self._lead_inverted(ref) + self._title(ref, trailing=".")
            if site:
                parts.append(Text(f" {site}."))
        elif site:
            parts = [Text(site + ". ")] + self._title(ref, trailing=".")
        else:
            parts = self._title(ref, trailing=".")
        date = self._date(ref) or self._accessed(ref, capital=True)
        if date:
            parts.append(Text(f" {date}."))
        return self._entry_end(parts, ref)

    def _report_note(self, ref: Reference, loc: str) -> list[Node]:
        parts = self._lead_names(ref)
        if not parts and ref.get("institution"):
            parts = [Text(strip_braces(ref.get("institution")) + ", ")]
        parts += self._title(ref)
        facts = ", ".join(x for x in [strip_braces(ref.get("type")), self._date(ref)] if x)
        if facts:
            parts.append(Text(f", {facts}"))
        return self._finish(parts, loc, ref)

    def _report_entry(self, ref: Reference) -> list[Node]:
        parts = self._lead_inverted(ref) or [Text(strip_braces(ref.get("institution")) + ". ")]
        parts += self._title(ref, trailing=".")
        for fact in (strip_braces(ref.get("type")), self._date(ref)):
            if fact:
                parts.append(Text(f" {fact[0].upper()}{fact[1:]}."))
        return self._entry_end(parts, ref)

    # pieces ------------------------------------------------------------------

    def title_text(self, ref: Reference) -> str:
        title = strip_braces(ref.get("title"))
        if ref.get("subtitle"):
            title += ": " + strip_braces(ref.get("subtitle"))
        return title

    def _title(self, ref: Reference, short: bool = False, trailing: str = "") -> list[Node]:
        """The title, italic for books and reports, quoted for parts; punctuation inside quotes."""
        text = self._short_title(ref) if short else self.title_text(ref)
        italic = ref.type in ("book", "report")
        title: Node = Text(text)
        if ref.get("langid") in ("russian", "ru"):
            title = Element("span", [title], {"lang": "ru"})
        if italic:
            nodes: list[Node] = [Element("em", [title])]
            return nodes + ([Text(trailing)] if trailing else [])
        mark = "" if text.endswith(("?", "!")) or (trailing == "." and text.endswith(".")) else trailing
        return [Text("\u201c"), title, Text(mark + "\u201d")]

    def _short_title(self, ref: Reference) -> str:
        if ref.get("shorttitle"):
            return strip_braces(ref.get("shorttitle"))
        main = strip_braces(ref.get("title")).split(":")[0].strip()
        words = main.split()
        if len(words) > 4:
            if words[0].lower() in ARTICLES:
                words = words[1:]
            words = words[:4]
        return " ".join(words).rstrip(",;:\u2013\u2014-")

    def _journal(self, ref: Reference) -> list[Node]:
        return [Element("em", [Text(strip_braces(ref.get("journaltitle") or ref.get("journal")))])]

    def _lead_names(self, ref: Reference) -> list[Node]:
        people = ref.authors or ref.editors
        if not people:
            return []
        suffix = self._editors_suffix(ref, people)
        return [Text(self._names_normal(people) + suffix + ", ")]

    def _lead_inverted(self, ref: Reference) -> list[Node]:
        people = ref.authors or ref.editors
        if not people:
            return []
        suffix = self._editors_suffix(ref, people)
        text = self._names_inverted(people) + suffix
        return [Text(text + ("" if text.endswith(".") else ".") + " ")]

    def _editors_suffix(self, ref: Reference, people: list[Person]) -> str:
        if ref.authors:
            return ""
        return ", " + self.words["editor_abbr" if len(people) == 1 else "editors_abbr"]

    def _names_normal(self, people: list[Person]) -> str:
        if len(people) > 3:
            return f"{people[0].full} {self.words['et_al']}"
        return self._join([p.full for p in people])

    def _names_inverted(self, people: list[Person]) -> str:
        return self._join([people[0].inverted] + [p.full for p in people[1:]])

    def _short_names(self, ref: Reference) -> str:
        people = ref.authors or ref.editors
        if len(people) > 3:
            return f"{people[0].family} {self.words['et_al']}"
        return self._join([p.family for p in people])

    def _join(self, names: list[str]) -> str:
        if len(names) <= 1:
            return "".join(names)
        if len(names) == 2:
            joiner = f", {self.words['and']} " if "," in names[0] else f" {self.words['and']} "
            return names[0] + joiner + names[1]
        return ", ".join(names[:-1]) + f", {self.words['and']} " + names[-1]

    def _locator(self, locator: str) -> str:
        """Chicago prints the page number alone: "p. 12" becomes "12"; "chap. 3" stays."""
        return PAGE_LABEL.sub("", locator.strip()).replace("--", "\u2013")

    def _year(self, ref: Reference) -> str:
        return (ref.get("date") or ref.get("year"))[:4] or self.words["no_date"]

    def _date(self, ref: Reference) -> str:
        return self.format_date(ref.get("date") or ref.get("year"))

    def _accessed(self, ref: Reference, capital: bool = False) -> str:
        if not ref.get("urldate"):
            return ""
        accessed = self.words["accessed"]
        return (accessed[:1].upper() + accessed[1:] if capital else accessed) + " " + self.format_date(ref.get("urldate"))

    def format_date(self, value: str) -> str:
        """ISO dates in the book's one style: 17 July 2003, July 2003, 2003."""
        match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value.strip())
        if not match:
            return value.strip()
        year, month, day = match.groups()
        if month and not 1 <= int(month) <= 12 or day and not 1 <= int(day) <= 31:
            return value.strip()  # the bibliography reader reports it; print it as written
        if month and day:
            return self.words.date(int(year), int(month), int(day))
        if month:
            return self.words.date(int(year), int(month))
        return year

    def _finish(self, parts: list[Node], loc: str, ref: Reference, comma_before_url: bool = True) -> list[Node]:
        if loc:
            parts.append(Text(f", {loc}"))
        if ref.get("url"):
            parts.append(Text(", " if comma_before_url or loc else " "))
            parts.append(self._url(ref.get("url")))
        return parts

    def _entry_end(self, parts: list[Node], ref: Reference) -> list[Node]:
        if ref.get("url"):
            parts += [Text(" "), self._url(ref.get("url")), Text(".")]
        return parts

    def _url(self, url: str) -> Node:
        return Element("a", [Text(url)], {"href": url, "class": "url"})

    def _drop_article(self, text: str) -> str:
        words = strip_braces(text).lstrip("\u201c\"'").split(maxsplit=1)
        if len(words) == 2 and words[0].lower() in ARTICLES:
            return words[1]
        return strip_braces(text)
