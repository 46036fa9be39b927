"""names.toml -> the names registry: each person's heading, identifier and the forms the text uses."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from ..config.check import check_registry
from ..config.lines import key_lines
from ..errors import Location, Report
from ..files import read_text


@dataclass
class Person:
    id: str
    heading: str
    forms: list[str]
    identifier: str = ""
    variants: list[str] = field(default_factory=list)
    sort_as: str = ""
    cast: str = ""  # the group the cast of characters lists the person under


@dataclass
class Registry:
    people: dict[str, Person]
    owners: dict[str, list[str]]  # form -> ids of the people who have it
    not_people: set[str]
    pattern: re.Pattern | None

    def find(self, text: str):
        return self.pattern.finditer(text) if self.pattern else iter(())


def read_registry(path: Path, report: Report) -> Registry:
    """Read names.toml: one [[person]] table per person, forms in the order the text uses them."""
    text = read_text(path, report)
    empty = Registry({}, {}, set(), None)
    if text is None:
        return empty
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        report.error(Location(path, int(line.group(1)) if line else None), f"the names registry is not valid TOML: {exc}",
                     "check quotes, brackets and commas on that line")
        return empty
    if not check_registry(data, path, text, report):
        return empty
    lines = key_lines(text)
    people: dict[str, Person] = {}
    owners: dict[str, list[str]] = {}
    for number, entry in enumerate(data.get("person", [])):
        where = Location(path, lines.get(("person", number)))
        person = Person(id=entry["id"], heading=entry["heading"], forms=entry["forms"],
                        identifier=entry.get("identifier", ""), variants=entry.get("variants", []),
                        sort_as=entry.get("sort_as", ""), cast=entry.get("cast", ""))
        if person.id in people:
            report.error(where, f"two people have the id '{person.id}'", "give each person its own id")
            continue
        people[person.id] = person
        for form in person.forms:
            if person.id in owners.get(form, []):
                report.error(where, f"the form '{form}' is listed twice for '{person.id}'", "list each form once")
                continue
            owners.setdefault(form, []).append(person.id)
    forms = sorted(owners, key=len, reverse=True)
    pattern = re.compile("(" + "|".join(_bounded(f) for f in forms) + ")") if forms else None
    return Registry(people, owners, set(data.get("not_people", [])), pattern)


def _bounded(form: str) -> str:
    """A form as a whole word; Chinese, Japanese and Korean, written without spaces between words,
    have no word boundary to look for."""
    if any(unicodedata.east_asian_width(c) in "WF" for c in form):
        return re.escape(form)
    return r"(?<![\w.-])" + re.escape(form) + r"(?![\w-])"
