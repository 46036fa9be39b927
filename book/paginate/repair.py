"""Repair rounds: lay a part out again with the fixes its last layout showed it needs, until
WeasyPrint 70 leaves no note deferred and no widow (at most MAX_REPAIRS rounds). A fix is data,
(kind, block id), and becomes CSS only here: the cache that keeps fixes between builds comes
with the manuscript, and must never be able to hand the layout a style of its own."""

from __future__ import annotations

import re

from .engine import Engine
from .inspect import squeezed_blocks, widowed_blocks

MAX_REPAIRS = 4
RULES = {"break": "#{} {{ break-before: page; }}", "widows": "#{} {{ widows: 2; }}"}
BLOCK_ID = re.compile(r"^[a-z][a-z0-9_-]*$")  # what anchors.py makes
Fix = tuple[str, str]  # (a key of RULES, a block id)


def repaired(engine: Engine, html: str, section, fixes: list[Fix], extra: str = ""):
    """Lay out one part (`extra`: its first folio); `fixes` (known from the last build) grows
    with what this layout finds: a page break before the block that took a deferred note's room
    (in a chapter: `section`), widow control for a widowed paragraph (in any part)."""
    document = engine.render(html, extra=extra + css(fixes))
    for _ in range(MAX_REPAIRS):
        found = [("break", b) for b in squeezed_blocks(section, document)] if section is not None else []
        found += [("widows", b) for b in widowed_blocks(document)]
        new = [f for f in found if f not in fixes]
        if not new:
            return document
        fixes += new
        document = engine.render(html, extra=extra + css(fixes))
    return document


def css(fixes: list[Fix]) -> str:
    return "".join(RULES[kind].format(block) for kind, block in fixes)


def valid(record: object) -> list[Fix]:
    """The fixes of a cache record that are fixes; anything else (a planted @font-face) is dropped."""
    if not isinstance(record, list):
        return []
    return [(kind, block) for kind, block in (f for f in record if isinstance(f, list) and len(f) == 2)
            if isinstance(kind, str) and kind in RULES and isinstance(block, str) and BLOCK_ID.match(block)]


REPAIRS = "layout-repairs.json"


class RepairLog:
    """The fixes each part's last layout needed, by the part's text, so that a rebuild lays it
    out once with them instead of finding them again."""

    def __init__(self, cache):
        self.cache = cache
        self.known: dict[str, list[Fix]] = {k: valid(v) for k, v in cache.load(REPAIRS).items()}
        self.used: dict[str, list[Fix]] = {}

    def fixes(self, key: str) -> list[Fix]:
        """The fixes known for `key`; the list is the one this build records, so it grows as
        the layout finds more."""
        self.used[key] = list(self.known.get(key, []))
        return self.used[key]

    def remember(self) -> None:
        self.cache.save(REPAIRS, {key: [list(f) for f in fixes] for key, fixes in self.used.items()})
