"""Pandoc's bracketed citations, `[@key]` and `[see @a, p. 4; @b]`: the parser rule and the
reading of a citation's items."""

from __future__ import annotations

import re

from markdown_it.rules_inline import StateInline

from ...errors import Location, Report
from ...model import CiteItem

# A citation key as pandoc reads it: a letter, digit or _ first, then word
# characters and internal punctuation; trailing punctuation is not part of it.
KEY = r"[\w][\w:.#$%&+?<>~/-]*"
ITEM = re.compile(rf"^(?P<prefix>.*?)(?<![\w@])@(?P<key>{KEY})(?P<rest>.*)$", re.S)


def citation_rule(state: StateInline, silent: bool) -> bool:
    """Pandoc's bracketed citations: `[@key]`, `[see @a, p. 4; @b]`."""
    src, start = state.src, state.pos
    if src[start] != "[" or src.startswith("[^", start):
        return False
    end = _closing_bracket(src, start)
    if end < 0 or end + 1 < len(src) and src[end + 1] in "([":
        return False
    body = src[start + 1:end]
    if not re.search(r"(?:^|[\s;\-])@", body) and not body.startswith("@"):
        return False
    if not silent:
        token = state.push("citation", "", 0)
        token.content = body
        token.meta = {"offset": start}
    state.pos = end + 1
    return True


def _closing_bracket(src: str, start: int) -> int:
    depth = 0
    for pos in range(start, len(src)):
        char = src[pos]
        if char == "\\":
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return pos
    return -1


def citation_items(content: str, where: Location, report: Report) -> list[CiteItem]:
    """The sources of one citation, each with its prefix and locator."""
    items: list[CiteItem] = []
    for part in content.split(";"):
        match = ITEM.match(part.strip())
        if not match:
            report.error(where, f"malformed citation [{content}]: '{part.strip()}' has no @key",
                         "write each source as @key, separated by semicolons: [see @a, 12; @b]")
            continue
        locator = match.group("rest").strip()
        if locator.startswith(","):
            locator = locator[1:].strip()
        elif locator:
            report.error(where, f"malformed citation [{content}]: expected a comma after @{match.group('key')}",
                         f"write [@{match.group('key')}, {locator}]")
        key = match.group("key").rstrip(".:,")
        prefix = match.group("prefix").strip().rstrip("-").strip()
        items.append(CiteItem(key=key, prefix=prefix, locator=locator, location=where))
    return items
