"""The book's sources made ready for the CSL processor: the style found, the bibliography read
by the processor and corrected (references.py), the answers of earlier builds from the cache."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Location, Report
from ..readers.bibtex import Reference
from ..store import Cache, builder_version, digest
from .engine import Engine
from .references import read_references
from .styles import DEFAULT, Style, find_style

RECORD = "citations.json"


@dataclass
class Sources:
    style: Style
    references: dict[str, Reference]  # as our reader found them: keys, types, lines
    items: dict[str, dict]  # key -> the processor's reference, corrected
    engine: Engine
    where: Location
    cache: Cache | None = None
    _converted: dict = field(default_factory=dict)

    def save(self) -> None:
        """Keep only what this build used: the answers for its chapters, its bibliography's reading."""
        if self.cache is not None:
            self.cache.save(RECORD, {"answers": self.engine.used, "references": self._converted})


def load_sources(manuscript, report: Report, cache_folder: Path | None = None) -> Sources | None:
    """None when the book has no bibliography or its style cannot be used (the report says why)."""
    config = manuscript.config
    if manuscript.bibliography is None:
        return None
    kind, text, path = manuscript.bibliography
    language = manuscript.book.meta.language
    style_name, style_where = (config.style, config.style_where) if config else ("", None)
    style = find_style(style_name or DEFAULT, manuscript.book.source, style_where, report)
    if style is None:
        return None
    cache = Cache(cache_folder) if cache_folder else None
    record = cache.load(RECORD) if cache else {}
    where = Location(path)
    version = builder_version()
    key = digest(version, kind, text, language, json.dumps(sorted(style.title_cased)), json.dumps(sorted(manuscript.references)))
    converted = record.get("references", {}) if isinstance(record.get("references"), dict) else {}
    items = converted.get(key)
    if not isinstance(items, dict):  # read_references reports what the processor refused
        items = read_references(text, kind, manuscript.references, language, where, report, style.title_cased)
    answers = record.get("answers", {}) if isinstance(record.get("answers"), dict) else {}
    engine = Engine(style, items, _locale(language), {k: v for k, v in answers.items() if isinstance(v, dict)},
                    version=version)
    return Sources(style, manuscript.references, items, engine, where, cache, {key: items})


def _locale(language: str) -> str:
    """The CSL locale for the book's language: American English for plain "en", as CSL's own default."""
    return "en-US" if language.lower() == "en" else language
