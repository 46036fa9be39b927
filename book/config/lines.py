"""Where each key of a TOML file is written, so that a message can name the line."""

from __future__ import annotations

import re
import tomllib

_BARE = re.compile(r"[A-Za-z0-9_-]+")


def key_lines(text: str) -> dict[tuple, int]:
    """Map each key path written in TOML `text` to the line it is first written on.

    Tables give `("book",)`, keys `("book", "title")`; the n-th `[[person]]` (from 0) gives
    `("person", n)` and its keys `("person", n, "forms")`. Lines inside multi-line strings and
    arrays are values, not keys. Text that is not valid TOML gives what could be read.
    """
    found: dict[tuple, int] = {}
    counts: dict[tuple, int] = {}
    table: tuple = ()
    scanner = _Scanner()
    for number, line in enumerate(text.splitlines(), start=1):
        if scanner.inside:
            scanner.feed(line)
            continue
        stripped = line.lstrip()
        start = len(line) - len(stripped)
        if stripped.startswith("["):
            double = stripped.startswith("[[")
            keys, end = _keys(line, start + (2 if double else 1))
            if keys is None:
                continue
            resolved = _resolve(keys[:-1], counts) + (keys[-1],)
            for size in range(1, len(resolved) + 1):
                found.setdefault(resolved[:size], number)
            if double:
                counts[resolved] = counts.get(resolved, 0) + 1
                resolved += (counts[resolved] - 1,)
                found[resolved] = number
            table = resolved
            scanner.feed(line[end:])
        elif stripped and not stripped.startswith("#"):
            keys, end = _keys(line, start)
            if keys is None or not line[end:].lstrip().startswith("="):
                continue
            for size in range(1, len(keys) + 1):
                found.setdefault(table + tuple(keys[:size]), number)
            scanner.feed(line[end:].lstrip()[1:])
    return found


def _resolve(keys: list[str], counts: dict[tuple, int]) -> tuple:
    """A header's parent keys as a path, with the current index of each array of tables in it."""
    path: tuple = ()
    for key in keys:
        path += (key,)
        if path in counts:
            path += (counts[path] - 1,)
    return path


def _keys(line: str, index: int) -> tuple[list[str] | None, int]:
    """A dotted key starting at `index` (bare or quoted parts); the parts and where it ends."""
    keys: list[str] = []
    while True:
        while index < len(line) and line[index] in " \t":
            index += 1
        if index < len(line) and line[index] in "\"'":
            quote = line[index]
            end = index + 1
            while end < len(line) and line[end] != quote:
                end += 2 if quote == '"' and line[end] == "\\" else 1
            if end >= len(line):
                return None, index
            raw = line[index:end + 1]
            try:
                keys.append(tomllib.loads(f"k = {raw}")["k"])
            except tomllib.TOMLDecodeError:
                return None, index
            index = end + 1
        else:
            match = _BARE.match(line, index)
            if not match:
                return None, index
            keys.append(match.group(0))
            index = match.end()
        while index < len(line) and line[index] in " \t":
            index += 1
        if index < len(line) and line[index] == ".":
            index += 1
            continue
        if index < len(line) and line[index] == "]":
            index += 1
            if index < len(line) and line[index] == "]":
                index += 1
        return keys, index


class _Scanner:
    """Follows strings, brackets and braces across lines, so a value's lines are not read as keys."""

    def __init__(self):
        self.depth = 0
        self.string = ""  # the quote of a multi-line string being read: '"""' or "'''"

    @property
    def inside(self) -> bool:
        return bool(self.depth or self.string)

    def feed(self, line: str) -> None:
        index = 0
        while index < len(line):
            if self.string:
                if self.string == '"""' and line[index] == "\\":
                    index += 2
                    continue
                if line.startswith(self.string, index):
                    self.string = ""
                    index += 3
                    while index < len(line) and line[index] == line[index - 1]:
                        index += 1  # up to two quotes may close the content: """a"""""
                    continue
                index += 1
                continue
            char = line[index]
            if line.startswith('"""', index) or line.startswith("'''", index):
                self.string = line[index:index + 3]
                index += 3
            elif char in "\"'":
                end = index + 1
                while end < len(line) and line[end] != char:
                    end += 2 if char == '"' and line[end] == "\\" else 1
                index = end + 1
            elif char == "#":
                return
            elif char in "[{":
                self.depth += 1
                index += 1
            elif char in "]}":
                self.depth = max(0, self.depth - 1)
                index += 1
            else:
                index += 1
