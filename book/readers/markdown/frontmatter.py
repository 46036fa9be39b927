"""A file's YAML front matter (pandoc's metadata block), taken off before the Markdown is parsed.

Its lines are blanked, not removed, so that every line of the Markdown keeps its number in the
file and messages point at the right place.
"""

from __future__ import annotations

from pathlib import Path

from ...config.pandoc import KNOWN, SECTION_KEYS, YamlMeta, parse_metadata, split_front_matter
from ...errors import Location, Report


def take_front_matter(text: str, path: Path, report: Report, first: bool = False) -> tuple[str, YamlMeta | None]:
    """The Markdown with its front matter blanked out, and the front matter checked.

    The first file's front matter is the book's (config reads it); any other file's speaks
    only for that file (SECTION_KEYS): the book's keys there are ignored, with a warning.
    """
    block = split_front_matter(text)
    if block is None:
        return text, None
    yaml_text, start, end = block
    lines = text.splitlines(keepends=True)
    body = "".join("\n" for _ in lines[:end]) + "".join(lines[end:])
    meta = parse_metadata(yaml_text, path, start, report)
    if not first:
        for key in [k for k in meta.values if k in KNOWN and k not in SECTION_KEYS]:
            report.warn(Location(path, meta.lines[key]), f"`{key}` in the front matter of a later file is ignored",
                        "the book's metadata is read from metadata.yaml and the first file's front matter: "
                        "move it there")
    return body, meta
