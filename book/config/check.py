"""A settings file checked against its declared schema: every problem an author error with its
line and a hint (the nearest known key for an unknown one)."""

from __future__ import annotations

import datetime
import difflib
import re
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker, ValidationError

from ..errors import Location, Report
from .lines import key_lines
from .schemas import REGISTRY_SCHEMA

_FORMATS = FormatChecker(formats=())


@_FORMATS.checks("book-date")
def is_real_date(value: object) -> bool:
    """A YYYY, YYYY-MM or YYYY-MM-DD date that the calendar has (no 2026-02-30, no month 13).

    Only strings of that shape are judged here; other values are the `pattern` rule's to report.
    """
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return True
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        datetime.date(*parts[:3])
    except ValueError:
        return False
    return True


def check_registry(data: dict, path: Path, text: str, report: Report) -> bool:
    """Check a parsed names.toml against REGISTRY_SCHEMA; True when it has no problems."""
    return check(data, REGISTRY_SCHEMA, path, text, report)


def check(data: dict, schema: dict, path: Path, text: str, report: Report) -> bool:
    """Report every way `data` (parsed from `text`, the file at `path`) breaks `schema`."""
    validator = Draft202012Validator(schema, format_checker=_FORMATS)
    lines = key_lines(text)
    problems: list[tuple[tuple, str, str]] = []
    for error in sorted(validator.iter_errors(data), key=_order):
        problems.extend(_describe(error, data, schema))
    seen = set()
    for at, message, hint in problems:
        if (at, message) in seen:
            continue
        seen.add((at, message))
        report.error(Location(path, _line(lines, at)), message, hint)
    return not problems


def _order(error: ValidationError):
    return ([(isinstance(p, str), str(p) if isinstance(p, str) else p) for p in error.absolute_path],
            str(error.validator), error.message)


def _describe(error: ValidationError, data: object, schema: dict) -> list[tuple[tuple, str, str]]:
    """(key path whose line to point at, message, hint) for one schema error."""
    at = tuple(error.absolute_path)
    kind, rule, instance = error.validator, error.validator_value, error.instance
    name = _name(data, at)
    if kind == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        out = []
        for key in sorted((k for k in instance if k not in known), key=str):
            near = difflib.get_close_matches(str(key), known, n=3, cutoff=0.6)
            if near:
                hint = f"`{key}`: did you mean " + " or ".join(f"`{k}`" for k in near) + "?"
            else:
                hint = f"the keys allowed {_inside(at)} are " + ", ".join(f"`{k}`" for k in known)
            what = "table" if not at and isinstance(instance[key], dict) else "key"
            out.append((at + (key,), f"{_name(data, at + (key,))} is not a known {what}", hint))
        return out
    if kind == "required":
        out = []
        for key in rule:
            if key not in instance:
                sub = error.schema.get("properties", {}).get(key, {})
                if not at and sub.get("type") == "object":
                    name = f"[{key}]"
                    hint = f"add a [{key}] table with " + ", ".join(
                        _example(k, sub.get("properties", {}).get(k, {})) for k in sub.get("required", []))
                else:
                    name = _name(data, at + (key,))
                    hint = f"add {_example(key, sub)} {_under(at)}"
                out.append((at, f"{name} is missing (it is required)", hint))
        return out
    if kind == "type":
        key = _last_key(at)
        whole = error.schema if not at or isinstance(at[-1], str) else _list_schema(schema, error)
        hint = "write " + _example(key, whole) + (" with quotes" if whole.get("type") == "string" else "")
        if whole is not error.schema and error.schema.get("type") == "string":
            hint += ", every item in quotes"
        return [(at, f"{name} must be {_expected(error.schema)}, not {_kind(instance)}", hint)]
    if kind == "minItems":
        return [(at, f"{name} is an empty list", f"list at least one: {_example(_last_key(at), error.schema)}")]
    if kind == "minLength":
        fix = "remove the empty item" if isinstance(at[-1], int) else "remove the line"
        return [(at, f"{name} is empty", f"write a value between the quotes, or {fix}")]
    if kind in ("pattern", "format"):
        form = error.schema.get("description", f"a value matching {rule}")
        examples = error.schema.get("examples") or []
        sample = f", e.g. {_key(_last_key(at))} = {_quote(examples[0])}" if examples else ""
        if kind == "format" and rule == "book-date":
            return [(at, f"{name} is {instance!r}, which is not a real date",
                     f"check the month (01-12) and the day of that month{sample}")]
        if kind == "format":
            return [(at, f"{name} is {instance!r}, which is not a valid {rule}", f"write {form}{sample}")]
        return [(at, f"{name} is {instance!r}, which is not {form}", f"write {form}{sample}")]
    return [(at, f"{name}: {error.message}", "compare it with the examples in the documentation")]


def _list_schema(schema: dict, error: ValidationError) -> dict:
    """The schema of the list an item belongs to, so the hint can show the whole list."""
    try:
        for part in list(error.absolute_schema_path)[:-2]:  # drop "items" and the failed keyword
            schema = schema[part]
    except (KeyError, IndexError, TypeError):
        return {"type": "array", "items": error.schema}
    return schema


def _name(data: object, at: tuple) -> str:
    """A key path as the author reads it: `[book] subtitel`, `person 3 (id "kogan-bb"): forms, item 2`."""
    if not at:
        return "the file"
    head, rest = at[0], list(at[1:])
    value = data.get(head) if isinstance(data, dict) else None
    if isinstance(value, list) and rest and isinstance(rest[0], int) and isinstance(value[rest[0]], dict):
        entry = value[rest[0]]
        text = f"{head} {rest[0] + 1}"
        if isinstance(entry.get("id"), str):
            text += f' (id "{entry["id"]}")'
        rest = rest[1:]
        sep = ": "
    elif isinstance(value, dict):
        text, sep = f"[{head}]", " "
    else:
        text, sep = _key(head), " "
    keys = []
    for part in rest:
        if isinstance(part, int):
            keys.append(f", item {part + 1}")
        else:
            keys.append(("." if keys else "") + _key(part))
    if keys:
        joined = "".join(keys)
        text += joined if joined.startswith(",") else sep + joined
    return text


def _key(key: object) -> str:
    key = str(key)
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _under(at: tuple) -> str:
    if not at:
        return "at the top of the file"
    if isinstance(at[-1], int):
        return f"to this [[{at[0]}]] table"
    return f"under [{'.'.join(_key(p) for p in at if isinstance(p, str))}]"


def _inside(at: tuple) -> str:
    if not at:
        return "at the top of the file"
    if isinstance(at[-1], int):
        return f"in a [[{at[0]}]] table"
    return f"in [{'.'.join(_key(p) for p in at if isinstance(p, str))}]"


def _last_key(at: tuple) -> str:
    for part in reversed(at):
        if isinstance(part, str):
            return part
    return "value"


def _expected(schema: dict) -> str:
    kind = str(schema.get("type"))
    if kind == "array":
        item = str(schema.get("items", {}).get("type"))
        return {"string": "a list of strings", "object": "a list of tables"}.get(item, "a list")
    return {"string": "a string", "object": "a table"}.get(kind, f"a {kind}")


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return "a date or time without quotes"
    return {str: "a string", int: "an integer", float: "a number", list: "a list", dict: "a table"}.get(
        type(value), type(value).__name__)


def _example(key: str, schema: dict) -> str:
    """`title = "..."` for a string, `chapters = ["...", ...]` for a list: the line to write."""
    kind = schema.get("type")
    examples = schema.get("examples") or []
    if kind == "object":
        return f"a [{key}] table"
    if kind == "array" and schema.get("items", {}).get("type") == "object":
        return f"each {key} as a [[{key}]] table"
    if kind == "array":
        items = examples[0] if examples else ["...", "..."]
        return f"{_key(key)} = [" + ", ".join(_quote(i) for i in items) + "]"
    return f"{_key(key)} = \"...\""


def _quote(text: object) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _line(lines: dict, at: tuple) -> int | None:
    """The line of the nearest key path written in the file: the key itself, else its table."""
    at = tuple(at)
    while at:
        if at in lines:
            return lines[at]
        at = at[:-1]
    return None


# -- where keys are written ------------------------------------------------------------------
