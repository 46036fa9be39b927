"""Repair rounds: lay a part out again with the fixes its last layout showed it needs, until
WeasyPrint 70 leaves no note deferred and no widow (at most MAX_REPAIRS rounds)."""

from __future__ import annotations

from .engine import Engine
from .inspect import squeezed_blocks, widowed_blocks

MAX_REPAIRS = 4


def repaired(engine: Engine, html: str, section, first_page: int, fixes: list[str]):
    """Lay out one part from `first_page`; `fixes` (CSS rules, known from the last build) grows
    with what this layout finds: a page break before the block that took a deferred note's room,
    widow control for a widowed paragraph that calls notes."""
    folio = f"@page :first {{ counter-reset: page {first_page} }}"
    document = engine.render(html, extra=folio + "".join(fixes))
    for _ in range(MAX_REPAIRS):
        if section is None:
            return document
        found = [f"#{b} {{ break-before: page; }}" for b in squeezed_blocks(section, document)]
        found += [f"#{b} {{ widows: 2; }}" for b in widowed_blocks(document)]
        new = [f for f in found if f not in fixes]
        if not new:
            return document
        fixes += new
        document = engine.render(html, extra=folio + "".join(fixes))
    return document


REPAIRS = "layout-repairs.json"


class RepairLog:
    """The fixes each part's last layout needed, by the part's text, so that a rebuild lays it
    out once with them instead of finding them again."""

    def __init__(self, cache):
        self.cache = cache
        self.known: dict[str, list[str]] = cache.load(REPAIRS)
        self.used: dict[str, list[str]] = {}

    def fixes(self, key: str) -> list[str]:
        """The fixes known for `key`; the list is the one this build records, so it grows as
        the layout finds more."""
        self.used[key] = list(self.known.get(key, []))
        return self.used[key]

    def remember(self) -> None:
        self.cache.save(REPAIRS, self.used)
