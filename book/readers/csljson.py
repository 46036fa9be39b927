"""Reads a CSL-JSON or CSL YAML bibliography (what Zotero and pandoc export) into references
with their lines, for the messages; the CSL processor reads the items themselves."""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from ..errors import Location, Report
from ..files import read_text
from .bibtex import Reference

CSL_TYPES = set("""article article-journal article-magazine article-newspaper bill book broadcast chapter
classic collection dataset document entry entry-dictionary entry-encyclopedia event figure graphic hearing
interview legal_case legislation manuscript map motion_picture musical_score pamphlet paper-conference patent
performance periodical personal_communication post post-weblog regulation report review review-book software
song speech standard thesis treaty webpage""".split())


def read_csl(path: Path, report: Report) -> tuple[dict[str, Reference], tuple[str, str] | None]:
    """The references, and the items for the processor: (kind, text), CSL-JSON as written, or
    CSL YAML as a Markdown document's metadata (pandoc's reading, which takes its short forms:
    `issued: 2003`); None if unreadable."""
    text = read_text(path, report)
    if text is None:
        return {}, None
    is_json = path.suffix.lower() == ".json"
    items = _json_items(path, text, report) if is_json else _yaml_items(path, text, report)
    if items is None:
        return {}, None
    references: dict[str, Reference] = {}
    for n, item in enumerate(items):
        line = _line_of(text, str(item.get("id", ""))) if isinstance(item, dict) else None
        where = Location(path, line)
        if not isinstance(item, dict) or not str(item.get("id", "")).strip():
            report.error(where, f"item {n + 1} of the bibliography has no id", "give every item an \"id\"")
            continue
        key, kind = str(item["id"]), str(item.get("type", ""))
        if key in references:
            report.error(where, f"duplicate citation key '{key}'", "give each item its own id")
            continue
        if kind not in CSL_TYPES:
            report.warn(where, f"item '{key}' has the type '{kind}', which CSL does not define: it is printed "
                        "as a document", "use a CSL type (book, chapter, article-journal, thesis, ...)")
        fields = {k: v for k, v in item.items() if isinstance(v, str)}
        references[key] = Reference(key=key, type=kind, fields=fields, location=where, raw=fields)
    if is_json:
        return references, ("csljson", json.dumps(items))
    return references, ("yaml", "---\n" + yaml.safe_dump({"references": items}, allow_unicode=True) + "...\n")


def _json_items(path: Path, text: str, report: Report) -> list | None:
    try:
        value = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        report.error(Location(path, line), f"the bibliography is not valid JSON: {exc}", "check that line")
        return None
    if isinstance(value, dict) and isinstance(value.get("items"), list):
        value = value["items"]
    if not isinstance(value, list):
        report.error(Location(path), "a CSL-JSON bibliography is a list of items", "write [ {\"id\": ...}, ... ]")
        return None
    return value


def _yaml_items(path: Path, text: str, report: Report) -> list | None:
    try:
        documents = [d for d in yaml.safe_load_all(text) if d is not None]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        report.error(Location(path, mark.line + 1 if mark else None),
                     f"the bibliography is not valid YAML: {getattr(exc, 'problem', exc)}", "check that line")
        return None
    value = documents[0] if documents else []
    if isinstance(value, dict):
        value = value.get("references", [])
    if not isinstance(value, list):
        report.error(Location(path), "a CSL YAML bibliography is a list under `references:`",
                     "write references:\n- id: ...")
        return None
    return value


def _line_of(text: str, key: str) -> int | None:
    match = re.search(r"""["']?id["']?\s*:\s*["']?""" + re.escape(key) + r"""\b""", text)
    return text.count("\n", 0, match.start()) + 1 if match else None
