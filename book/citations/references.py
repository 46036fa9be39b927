"""The book's sources as the CSL processor takes them: pandoc's reading of the bibliography
(every BibTeX and biblatex entry type and field, CSL-JSON, CSL YAML), then corrected where
CMOS asks for more than the processor does: short titles by key words, a translated title
(`titleaddon`) in brackets and roman after the original, titles marked with their language,
"PhD diss." for a doctoral thesis, no link a reader should not follow."""

from __future__ import annotations

import re

from ..errors import Location, Report
from ..readers.bibtex import Reference
from ..text import safe_link
from . import processor
from .shorttitles import short_title

Meta = dict  # a pandoc MetaValue as JSON: {"t": "MetaInlines", "c": [...]}
SYNTHETIC = "zz-book-part-"  # keys of the stand-in entries that carry a title's parts


def read_references(text: str, kind: str, references: dict[str, Reference], language: str,
                    where: Location, report: Report, title_cased: frozenset[str] = frozenset()
                    ) -> dict[str, Meta]:
    """The bibliography's text -> {key: pandoc reference}, for the keys our reader accepted."""
    if kind == "bibtex":
        text = _with_language(text, references, language) + _title_parts(references, language)
    try:
        items = processor.convert_bibliography(text.encode(), kind)
    except processor.ProcessorError as exc:
        report.error(where, f"the bibliography cannot be read by the CSL processor: {_first_line(exc)}",
                     "check the entry it names")
        return {}
    by_key = {_string(item.get("c", {}).get("id")): item for item in items if item.get("t") == "MetaMap"}
    parts = {k: v for k, v in by_key.items() if k.startswith(SYNTHETIC)}
    result = {}
    for key, ref in references.items():
        item = by_key.get(key)
        if item is None:
            report.warn(ref.location, f"entry '{key}' could not be read by the CSL processor; it is left out",
                        "check its braces and fields")
            continue
        result[key] = correct(item, ref, parts, language, title_cased)
    return result


# The CSL title fields, and the BibTeX fields they are read from.
TITLE_FIELDS = ("title", "container-title", "collection-title", "volume-title", "event-title")
TYPED_FIELDS = ("title", "subtitle", "booktitle", "booksubtitle", "maintitle", "mainsubtitle", "journaltitle",
                "journal", "journalsubtitle", "series", "eventtitle", "issuetitle", "issuesubtitle")
AS_TYPED = "latin"  # a language pandoc leaves the case of titles alone in


def correct(item: Meta, ref: Reference, parts: dict[str, Meta], language: str, title_cased: frozenset[str]) -> Meta:
    """A title the style sets in title case is given as the author typed it (CMOS's own title
    case, "Secret Police under Stalin"): pandoc lowers an English title's case and the processor
    raises it again by CSL's shorter list of small words ("Police Under Stalin"). A title the
    style prints as stored (APA) keeps pandoc's sentence case."""
    fields = dict(item["c"])
    typed = parts.get(f"{SYNTHETIC}typed-{ref.key}")
    title_case = "title" in title_cased
    for name in TITLE_FIELDS:
        if typed and name in title_cased and name in typed["c"]:
            fields[name] = {"t": "MetaInlines", "c": [_nocase(_inlines(typed["c"][name]))]}
    if not title_case and ref.get("titleaddon") and parts.get(f"{SYNTHETIC}title-{ref.key}"):
        fields["title"] = {"t": "MetaInlines", "c": _inlines(parts[f"{SYNTHETIC}title-{ref.key}"])}
    title = _inlines(fields.get("title"))
    main = title if title_case and typed else _inlines(parts.get(f"{SYNTHETIC}main-{ref.key}")) or title
    lang = _language(ref, language)
    if title:
        marked = _marked(title, lang)
        addon = _inlines(parts.get(f"{SYNTHETIC}addon-{ref.key}"))
        if addon:  # CMOS 14.95: the translation of a title, in brackets, in roman
            marked = marked + [{"t": "Space"}, _nodecor(_bracketed([_nocase(addon)]))]
        fields["title"] = {"t": "MetaInlines", "c": marked}
    if not ref.get("shorttitle") and main:
        fields["title-short"] = {"t": "MetaInlines", "c": _marked(short_title(main), lang)}
    elif "title-short" in fields:
        fields["title-short"] = {"t": "MetaInlines", "c": _marked(_inlines(fields["title-short"]), lang)}
    _part_of_a_book(fields, ref, typed)
    if ref.type == "periodical" and ref.get("issuetitle"):
        # A journal's special issue: pandoc makes it an article, so the style has no "special
        # issue" to say (CMOS 18 14.77: "“Stalin's Doctors,” special issue, *Cahiers*").
        fields["type"] = {"t": "MetaString", "c": "periodical"}
    _check_links(fields)
    _edition(fields)
    _thesis_genre(fields, ref, language)
    return {"t": "MetaMap", "c": {name: _unbraced(value) for name, value in fields.items()}}


SUPPLEMENTS = {"suppbook", "suppcollection"}
# What a supplement's title may name: "introduction to *Title*, by Author" (CMOS 14.12).
SUPPLEMENT_WORDS = {"introduction", "preface", "foreword", "afterword", "epilogue", "prologue"}


def _part_of_a_book(fields: dict, ref: Reference, typed: Meta | None) -> None:
    """biblatex's parts of books as CSL has them: a supplement (an introduction, an afterword)
    is a chapter whose genre names it, in the book of `booktitle` (which pandoc drops); a book
    printed inside collected works (@bookinbook) is a book, its title in italics."""
    if ref.type == "bookinbook":
        fields["type"] = {"t": "MetaString", "c": "book"}
    if ref.type not in SUPPLEMENTS:
        return
    fields["type"] = {"t": "MetaString", "c": "chapter"}
    if typed and "container-title" in typed["c"] and "container-title" not in fields:
        fields["container-title"] = {"t": "MetaInlines", "c": [_nocase(_inlines(typed["c"]["container-title"]))]}
    word = _plain(_inlines(fields.get("title"))).strip().lower()
    if word in SUPPLEMENT_WORDS:
        fields["genre"] = {"t": "MetaInlines", "c": [{"t": "Str", "c": word}]}
        fields.pop("title", None)
        fields.pop("title-short", None)


def _nocase(inlines: list) -> dict:
    return {"t": "Span", "c": [["", ["nocase"], []], inlines]}


def _edition(fields: dict) -> None:
    """`edition = {Rev.}` is a revised edition: "rev. ed." (CMOS 14.15), as "2" is "2nd ed."."""
    text = _string(fields.get("edition")).strip()
    if text and not text[0].isdigit() and "ed" not in text.lower().replace("rev", ""):
        word = text.rstrip(".").lower()
        word = {"revised": "rev", "expanded": "exp", "enlarged": "enl"}.get(word, word)
        fields["edition"] = {"t": "MetaInlines", "c": [{"t": "Str", "c": f"{word}."}, {"t": "Space"},
                                                        {"t": "Str", "c": "ed."}]}


# biblatex's aliases that pandoc does not read as their types (a @conference loses its booktitle).
ALIASES = {"conference": "inproceedings", "electronic": "online", "www": "online"}


def _with_language(text: str, references: dict[str, Reference], language: str) -> str:
    """Each entry's head as pandoc should read it: biblatex's aliases by their types; and in a
    book not in English, an entry without `langid` in the book's language (pandoc would take
    it for English and change its titles' case: "Die Geschichte der Welt" -> "Die geschichte
    der welt")."""
    langid = _langid(language)
    lines = text.split("\n")
    for ref in references.values():
        line = (ref.location.line or 0) - 1 if ref.location else -1
        if not 0 <= line < len(lines) or "{" not in lines[line]:
            continue
        head, _, rest = lines[line].partition("{")
        if ref.type in ALIASES:
            head = re.sub(re.escape(ref.type), ALIASES[ref.type], head, flags=re.I)
        if langid and not ref.raw.get("langid") and "," in rest:
            rest = rest.replace(",", f", langid = {{{langid}}},", 1)
        lines[line] = f"{head}{{{rest}"
    return "\n".join(lines)


def _langid(language: str) -> str:
    """The biblatex language name for a BCP 47 tag ("de" -> "ngerman"); "" for English."""
    primary = language.split("-")[0].lower()
    if primary == "en":
        return ""
    names = {tag: name for name, tag in LANGIDS.items()} | {"de": "ngerman"}
    return names.get(primary, "")


def _title_parts(references: dict[str, Reference], language: str) -> str:
    """Stand-in entries that give pandoc each title's parts to read on their own: the titles as
    typed (a twin of the entry with its title fields only, in a language whose case pandoc
    leaves alone); the main title in the entry's language; and, where there is a `titleaddon`
    (pandoc joins it to the title: "Title. Addon"; CMOS keeps them apart), the title and the
    translated title, which is given as typed (CMOS 14.95: sentence-style, in brackets)."""
    out = []
    for key, ref in references.items():
        own = ref.raw.get("langid") or _langid(language)
        langid = f", langid = {{{own}}}" if own else ""
        typed = "".join(f", {name} = {{{ref.raw[name]}}}" for name in TYPED_FIELDS if ref.raw.get(name))
        kind = "inbook" if ref.type in SUPPLEMENTS else ALIASES.get(ref.type, ref.type)
        out.append(f"@{kind}{{{SYNTHETIC}typed-{key}{typed}, langid = {{{AS_TYPED}}}}}")
        title = ref.raw.get("title", "")
        out.append(f"@misc{{{SYNTHETIC}main-{key}, title = {{{title}}}{langid}}}")
        if ref.get("titleaddon"):
            subtitle = ref.raw.get("subtitle", "")
            full = f"{title}: {subtitle}" if subtitle else title
            out.append(f"@misc{{{SYNTHETIC}title-{key}, title = {{{full}}}{langid}}}")
            out.append(f"@misc{{{SYNTHETIC}addon-{key}, title = {{{ref.raw['titleaddon']}}}, langid = {{{AS_TYPED}}}}}")
    return "\n" + "\n".join(out) + "\n" if out else ""


def _language(ref: Reference, language: str) -> str:
    """The title's language tag when it differs from the book's ("ru" in an English book)."""
    tag = LANGIDS.get(ref.get("langid").lower(), ref.get("langid")) or ref.get("language")
    return tag if tag and tag.split("-")[0].lower() != language.split("-")[0].lower() else ""


LANGIDS = {"russian": "ru", "english": "en", "american": "en-US", "british": "en-GB", "german": "de",
           "ngerman": "de", "french": "fr", "spanish": "es", "italian": "it", "polish": "pl", "ukrainian": "uk",
           "czech": "cs", "hebrew": "he", "yiddish": "yi", "chinese": "zh", "japanese": "ja", "latin": "la",
           "portuguese": "pt", "dutch": "nl", "swedish": "sv", "finnish": "fi", "hungarian": "hu", "greek": "el"}


def _marked(inlines: list, lang: str) -> list:
    return [{"t": "Span", "c": [["", [], [["lang", lang]]], inlines]}] if lang and inlines else inlines


def _nodecor(inlines: list) -> dict:
    return {"t": "Span", "c": [["", ["nodecor"], []], inlines]}


def _bracketed(inlines: list) -> list:
    text = _plain(inlines)
    if text.startswith("[") and text.endswith("]"):
        return inlines
    return [{"t": "Str", "c": "["}, *inlines, {"t": "Str", "c": "]"}]


def _check_links(fields: dict) -> None:
    for name in ("URL", "url"):
        url = _string(fields.get(name))
        if url and safe_link(url) is None:
            del fields[name]  # the bibliography reader has warned


THESIS_TYPES = ("phdthesis", "phd", "mathesis", "mastersthesis", "ma")


def _thesis_genre(fields: dict, ref: Reference, language: str) -> None:
    """CMOS's words for biblatex's types in English: "PhD diss." (14.113; pandoc says "PhD
    thesis"), "master's thesis", "US Patent"; an entry that names its own type keeps it."""
    explicit = ref.get("type").lower()
    if not language.lower().startswith("en") or explicit and explicit not in THESIS_TYPES + ("patentus",):
        return
    genre = _plain(_inlines(fields.get("genre")))
    if genre == "U.S. patent":  # biblatex's `patentus`; CMOS 18 writes "US" without periods (10.33)
        fields["genre"] = {"t": "MetaInlines", "c": [{"t": "Str", "c": "US"}, {"t": "Space"},
                                                      {"t": "Str", "c": "Patent"}]}
    elif genre == "PhD thesis":
        fields["genre"] = {"t": "MetaInlines", "c": [{"t": "Str", "c": "PhD"}, {"t": "Space"},
                                                      {"t": "Str", "c": "diss."}]}
    elif genre in ("Master\u2019s thesis", "Master's thesis"):  # a common noun: "master's thesis"
        fields["genre"] = {"t": "MetaInlines", "c": [{"t": "Str", "c": "master\u2019s"}, {"t": "Space"},
                                                      {"t": "Str", "c": "thesis"}]}


def _inlines(value: Meta | None) -> list:
    if not value:
        return []
    if value.get("t") == "MetaInlines":
        return list(value["c"])
    if value.get("t") == "MetaString":
        return [{"t": "Str", "c": value["c"]}]
    if value.get("t") == "MetaMap":  # a stand-in entry: its title
        return _inlines(value["c"].get("title"))
    return []


def _string(value: Meta | None) -> str:
    return _plain(_inlines(value))


def _plain(inlines: list) -> str:
    out = []
    for node in inlines:
        kind, content = node.get("t"), node.get("c")
        if kind == "Str":
            out.append(content)
        elif kind in ("Space", "SoftBreak"):
            out.append(" ")
        elif kind in ("Emph", "Strong", "SmallCaps", "Strikeout", "Underline", "Superscript", "Subscript"):
            out.append(_plain(content))
        elif kind in ("Span", "Link", "Quoted"):
            out.append(_plain(content[1]))
    return "".join(out)


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [""])[0]


def _unbraced(value):
    """BibTeX's braces left in a literal field (`type = {Project {CAESAR} study}`) are not text."""
    if isinstance(value, dict):
        if value.get("t") in ("Str", "MetaString") and isinstance(value.get("c"), str):
            return {**value, "c": value["c"].replace("{", "").replace("}", "")}
        return {**value, "c": _unbraced(value.get("c"))} if "c" in value else value
    if isinstance(value, list):
        return [_unbraced(v) for v in value]
    return value
