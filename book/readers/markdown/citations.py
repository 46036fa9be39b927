"""Pandoc's citations: bracketed `[@key]`, `[see @a, p. 4; @b]`, `[-@key]`, and narrative `@key`,
`@key [p. 5]` (cross-references `@fig:x` are written the same way): the parser rules and the
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
    end = _closing_brackets(state).get(start, -1)
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


NARRATIVE_KEY = re.compile(KEY)
LOCATOR = re.compile(r" \[([^\]@\[]*)\]")


def narrative_rule(state: StateInline, silent: bool) -> bool:
    """`@key` in the running text, and `@key [p. 5]`: an e-mail address (a letter before the @)
    is not one."""
    src, start = state.src, state.pos
    if src[start] != "@" or start and (src[start - 1].isalnum() or src[start - 1] in "@_"):
        return False
    match = NARRATIVE_KEY.match(src, start + 1)
    if not match:
        return False
    key = match.group(0).rstrip(".:,;?!/-")  # trailing punctuation ends the sentence, not the key
    end = start + 1 + len(key)
    locator = LOCATOR.match(src, end)
    if not silent:
        token = state.push("citation_narrative", "", 0)
        token.meta = {"offset": start, "key": key, "locator": locator.group(1).strip() if locator else ""}
    state.pos = locator.end() if locator else end
    return True


def _closing_brackets(state: StateInline) -> dict[int, int]:
    """Where each `[` of the text closes, found in one pass and kept for the paragraph: looking
    for it from every `[` anew took quadratic time (30 KB of `[` ran for minutes)."""
    cache = state.env.setdefault("citation_brackets", {})
    if state.src not in cache:
        closing: dict[int, int] = {}
        opened: list[int] = []
        position = 0
        while position < len(state.src):
            char = state.src[position]
            if char == "\\":
                position += 2  # an escaped bracket is text
                continue
            if char == "[":
                opened.append(position)
            elif char == "]" and opened:
                closing[opened.pop()] = position
            position += 1
        cache.clear()  # one paragraph at a time
        cache[state.src] = closing
    return cache[state.src]


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
        prefix = match.group("prefix").strip()
        suppress = prefix.endswith("-")
        items.append(CiteItem(key=key, prefix=prefix.rstrip("-").strip(), locator=locator, location=where,
                              suppress_author=suppress))
    return items
