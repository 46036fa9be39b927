"""Metadata the pandoc way: a YAML block at the top of a Markdown file, or a metadata.yaml file
(pandoc's `--metadata-file`), read and checked key by key, every problem with its line.

Precedence, highest first (pandoc's own order, with book.toml in the place of `-M` on pandoc's
command line): book.toml, then the front matter of the book's first file, then metadata.yaml.
Only the first file's front matter speaks for the book; in any other file `title` is that
file's title, `lang` its language, and the book's keys are ignored with a warning.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import Location, Report
from ..files import is_file, read_text
from .check import is_real_date

METADATA_FILES = ("metadata.yaml", "metadata.yml")
_LANGUAGE = re.compile(r"([A-Za-z]{2,3}|[xX])(-[A-Za-z0-9]{1,8})*")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")

Checked = tuple[object, str, str]  # the value (None when wrong), what was expected, an example


class _Loader(yaml.SafeLoader):
    """YAML's safe loader with dates left as the author wrote them (checked by _date): a date
    that is not in the calendar is then the author's error at its line, not PyYAML's exception."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@dataclass
class YamlMeta:
    """The known keys of one YAML block, their values in the builder's form, and their lines."""

    path: Path
    values: dict[str, object] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    def get(self, key: str, default: object = None) -> object:
        return self.values.get(key, default)


def split_front_matter(text: str) -> tuple[str, int, int] | None:
    """A YAML block at the very top of `text`: (its YAML, the line its YAML starts on, the line
    that closes it), 1-based; None when the file has none.

    As pandoc: `---` on the first line, not followed by a blank line, closed by `---` or `...`.
    """
    lines = text.splitlines()
    if len(lines) < 2 or lines[0].rstrip() != "---" or not lines[1].strip():
        return None
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            return "\n".join(lines[1:index]) + "\n", 2, index + 1
    return None


def _string(value: object) -> Checked:
    return (value if isinstance(value, str) else None), "a string", '"..."'


def _text(value: object) -> Checked:
    return (value if isinstance(value, str) and value.strip() else None), "a string that is not empty", '"..."'


def _author(value: object) -> Checked:
    """One name, a list of names, or a list of {name: ...}: the names joined by commas."""
    items = value if isinstance(value, list) else [value]
    names = [i["name"] if isinstance(i, dict) and isinstance(i.get("name"), str) else i for i in items]
    good = bool(names) and all(isinstance(n, str) and n.strip() for n in names)
    return (", ".join(str(n).strip() for n in names) if good else None,
            "a name, a list of names or a list of {name: ...}", '"Ada Lovelace" or [Ada Lovelace, Charles Babbage]')


def _date(value: object) -> Checked:
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        value = str(value)  # date: 2026
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        value = value.isoformat()
    good = isinstance(value, str) and bool(_DATE.fullmatch(value)) and is_real_date(value)
    return (value if good else None), "a real date as YYYY, YYYY-MM or YYYY-MM-DD", "2026-11-27"


def _language(value: object) -> Checked:
    good = isinstance(value, str) and bool(_LANGUAGE.fullmatch(value))
    return (value if good else None), "a BCP 47 language tag", "en-GB"


def _keywords(value: object) -> Checked:
    if isinstance(value, str):
        value = [word.strip() for word in value.split(",") if word.strip()]
    good = isinstance(value, list) and all(isinstance(w, str) and w.strip() for w in value)
    return (value if good else None), "a list of words, or words separated by commas", "[one, two] or \"one, two\""


def _file(value: object) -> Checked:
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    good = isinstance(value, str) and bool(value.strip())
    return (value if good else None), "one file name", "refs.bib"


def _boolean(value: object) -> Checked:
    return (value if isinstance(value, bool) else None), "true or false", "true"


KNOWN: dict[str, Callable[[object], Checked]] = {
    "title": _text, "subtitle": _string, "author": _author, "date": _date, "lang": _language,
    "bibliography": _file, "csl": _file, "abstract": _string, "keywords": _keywords, "description": _string,
    "rights": _string, "publisher": _string, "identifier": _text, "subject": _string,
    "lof": _boolean, "lot": _boolean,
}
SECTION_KEYS = ("title", "lang")  # what a file's own front matter says about that file alone


def parse_metadata(text: str, path: Path, first_line: int, report: Report, what: str = "front matter") -> YamlMeta:
    """Check the YAML `text`, which starts on line `first_line` of `path`; its known keys."""
    meta = YamlMeta(path)
    try:
        node = yaml.compose(text, Loader=_Loader)
        data = yaml.load(text, Loader=_Loader) if node is not None else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        column = mark.column + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        report.error(Location(path, line, column), f"the {what} is not valid YAML: {problem}",
                     "check the indentation, colons and quotes on that line; put a value with ': ' "
                     "or a leading special character in quotes")
        return meta
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        report.error(Location(path, first_line), f"the {what} is not a list of `key: value` lines",
                     "write one `key: value` per line, e.g. `title: My Book`")
        return meta
    for key_node, _ in node.value:
        key = str(key_node.value)
        line = first_line + key_node.start_mark.line
        if key not in KNOWN:
            _unknown(key, Location(path, line), report)
            continue
        value, expected, example = KNOWN[key](data.get(key))
        if value is None:
            report.error(Location(path, line), f"`{key}` in the {what} must be {expected}, not {_kind(data.get(key))}",
                         f"write `{key}: {example}`")
            continue
        meta.values[key], meta.lines[key] = value, line
    return meta


def _unknown(key: str, where: Location, report: Report) -> None:
    """Pandoc keeps any key for its templates; the builder uses none but KNOWN: one warning a key."""
    message = f"unknown metadata key `{key}` (ignored)"
    if any(w.message == message for w in report.warnings):
        return
    near = difflib.get_close_matches(key, list(KNOWN), n=1, cutoff=0.6)
    hint = (f"did you mean {' or '.join(f'`{k}`' for k in near)}?" if near else
            "the keys used are " + ", ".join(f"`{k}`" for k in KNOWN))
    report.warn(where, message, hint)


def _kind(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "an empty string" if not value.strip() else f"{value!r}"
    return {int: "a number", float: "a number", list: "a list", dict: "a mapping"}.get(type(value), type(value).__name__)


def read_metadata_file(root: Path, report: Report) -> YamlMeta | None:
    """metadata.yaml (or .yml) in the manuscript folder, when there is one."""
    found = [root / name for name in METADATA_FILES if (root / name).is_file()]
    if not found:
        return None
    if len(found) > 1:
        report.warn(Location(found[1]), f"both {found[0].name} and {found[1].name}: only {found[0].name} is read",
                    f"merge them into {found[0].name}")
    text = read_text(found[0], report)
    return None if text is None else parse_metadata(text, found[0], 1, report, what="metadata file")


def peek_front_matter(path: Path | None) -> tuple[YamlMeta | None, str]:
    """A file's front matter and its body, read quietly: the reader reports its problems later."""
    quiet = Report()
    text = read_text(path, quiet) if path is not None and is_file(path) else None
    if path is None or text is None:
        return None, ""
    block = split_front_matter(text)
    if block is None:
        return None, text
    meta = parse_metadata(block[0], path, block[1], quiet)
    return meta, "\n".join(text.splitlines()[block[2]:])


def first_heading(body: str) -> str:
    """The text of a `# Title` on the first line of Markdown that is not blank, or ""."""
    for line in body.splitlines():
        if line.strip():
            match = re.fullmatch(r" {0,3}# +(.*?)(?:\s+\{[^}]*\})?(?:\s+#+)?\s*", line)
            return match.group(1) if match else ""
    return ""


def merged(*sources: YamlMeta | None) -> tuple[dict[str, object], dict[str, Path]]:
    """Later sources win: the values and the file each came from."""
    values: dict[str, object] = {}
    origin: dict[str, Path] = {}
    for source in sources:
        if source is not None:
            values.update(source.values)
            origin.update(dict.fromkeys(source.values, source.path))
    return values, origin
