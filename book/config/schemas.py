"""The declared schemas of book.toml and names.toml (JSON Schema, Draft 2020-12)."""

from __future__ import annotations

from ..scripts import NAMES as SCRIPT_NAMES
from ..scripts import example_language

# The annotation keywords `description` (the expected form, in words) and `examples` are
# standard JSON Schema; the hints quote them, so a rule and its explanation live together.
_TEXT = {"type": "string", "minLength": 1}
_FILE = {"type": "string", "minLength": 1, "description": "a file name inside the manuscript folder",
         "examples": ["front/colophon.md"]}
_FILES = {"type": "array", "items": _FILE, "examples": [["chapters/01-intro.md", "chapters/02-early-life.md"]]}
_LANGUAGE = {"type": "string", "pattern": r"^([A-Za-z]{2,3}|[xX])(-[A-Za-z0-9]{1,8})*$",
             "description": "a BCP 47 language tag", "examples": ["en", "en-GB", "ru"]}
_WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}, "examples": [["one", "two"]]}

BOOK_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "book.toml",
    "type": "object",
    "required": ["book", "files"],
    "additionalProperties": False,
    "properties": {
        "book": {
            "type": "object",
            "required": ["title", "author", "language", "identifier", "date", "rights"],
            "additionalProperties": False,
            "properties": {
                "title": _TEXT,
                "subtitle": {"type": "string"},
                "author": _TEXT,
                "language": _LANGUAGE,
                "identifier": {**_TEXT, "examples": ["urn:uuid:5d0c1a52-8f3e-4b6e-9a55-3c1f2e7b9d41"]},
                "date": {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$", "format": "book-date",
                         "description": "a date as YYYY, YYYY-MM or YYYY-MM-DD",
                         "examples": ["2026-11-27", "2026-11", "2026"]},
                "rights": _TEXT,
                "publisher": {"type": "string"},
                "subject": {"type": "string"},
                "description": {"type": "string"},
                "keywords": _WORDS,
                "abstract": {"type": "string"},
                "lof": {"type": "boolean", "description": "whether a list of figures is wanted"},
                "lot": {"type": "boolean", "description": "whether a list of tables is wanted"},
                "scripts": {"type": "object", "additionalProperties": False,
                            "properties": {name: {**_LANGUAGE, "examples": [example_language(name)]}
                                           for name in SCRIPT_NAMES},
                            "description": "the language of all text in a script the book's language does not use",
                            "examples": [{"Cyrillic": "ru"}]},
            },
        },
        "citations": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "style": {"type": "string", "minLength": 1,
                          "description": "a style of the CSL repository by name, or a .csl file in the folder",
                          "examples": ["chicago-notes-bibliography", "apa", "styles/house.csl"]},
            },
        },
        "web": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "url": {"type": "string", "pattern": r"^https?://[^\s/]+(/\S*)?$",
                        "description": "the address the web edition is published at, http:// or https://",
                        "examples": ["https://example.org/the-investigator/"]},
            },
        },
        "files": {
            "type": "object",
            "required": ["chapters"],
            "additionalProperties": False,
            "properties": {
                "chapters": {**_FILES, "minItems": 1},
                "front": _FILES,
                "back": _FILES,
                "colophon": _FILE,
                "bibliography": {**_FILE, "examples": ["refs.bib"]},
                "names": {**_FILE, "examples": ["names.toml"]},
            },
        },
    },
}

REGISTRY_SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "names.toml",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "person": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "heading", "forms"],
                "additionalProperties": False,
                "properties": {
                    # ids become HTML id attributes and {.name key=...} values
                    "id": {"type": "string", "pattern": r"^[A-Za-z][A-Za-z0-9_-]*$",
                           "description": "an id of letters, digits, '-' and '_', starting with a letter",
                           "examples": ["kogan-bb"]},
                    "heading": {**_TEXT, "examples": ["Kogan, Boris Borisovich"]},
                    "forms": {"type": "array", "minItems": 1, "items": {"type": "string", "minLength": 1},
                              "examples": [["Kogan", "Boris Kogan", "B. B. Kogan"]]},
                    "identifier": {"type": "string", "examples": ["physician"]},
                    "variants": {**_WORDS, "examples": [["Kogan, B."]]},
                    "sort_as": {"type": "string", "examples": ["Kogan, Boris"]},
                    "cast": {**_TEXT, "description": "the group the cast of characters lists the person under",
                             "examples": ["The physicians"]},
                },
            },
        },
        "not_people": {**_WORDS, "examples": [["Central Committee", "Red Army"]]},
    },
}
