"""The EPUB's package metadata: Dublin Core from book.toml, and EPUB Accessibility 1.1 made from
what the book really contains."""

from __future__ import annotations

from ebooklib import epub

from ...model import Book, Note, walk
from ...words import Words


def add_metadata(package: epub.EpubBook, book: Book, words: Words, print_pages: bool, images: bool) -> None:
    meta = book.meta
    package.set_identifier(meta.identifier)
    package.set_title(meta.title)
    package.set_language(meta.language)
    if meta.author:  # a folder of Markdown files may name none; EPUB forbids an empty creator
        package.add_author(meta.author)
    package.add_metadata("DC", "date", meta.date)
    if meta.rights:
        package.add_metadata("DC", "rights", meta.rights)
    if meta.publisher:
        package.add_metadata("DC", "publisher", meta.publisher)
    if meta.subtitle or meta.description:
        package.add_metadata("DC", "description", meta.description or meta.subtitle)
    for subject in ([meta.subject] if meta.subject else []) + meta.keywords:
        package.add_metadata("DC", "subject", subject)
    for name, value in accessibility(book, words, print_pages, images):
        package.add_metadata(None, "meta", value, {"property": name})


def accessibility(book: Book, words: Words, print_pages: bool, images: bool) -> list[tuple[str, str]]:
    """What the book offers a reader who cannot see the page, and a summary saying so."""
    has_notes = any(isinstance(n, Note) for s in book.sections for n in walk(s.blocks))
    has_index = book.section("index") is not None
    features = ["structuralNavigation", "tableOfContents", "readingOrder", "alternativeText"]
    summary = [words["summary_reading"]]
    if has_notes:
        summary.append(words["summary_notes"])
    if has_index:
        features.append("index")
        summary.append(words["summary_index"])
    if print_pages:
        features += ["pageBreakMarkers", "printPageNumbers", "pageNavigation"]
        summary.append(words["summary_pages"])
    summary.append(words["summary_images"] if images else words["summary_cover_only"])
    properties = [("schema:accessMode", "textual"), ("schema:accessModeSufficient", "textual")]
    if images:
        properties.insert(1, ("schema:accessMode", "visual"))
    properties += [("schema:accessibilityFeature", f) for f in features]
    properties += [("schema:accessibilityHazard", "none"),
                   ("schema:accessibilitySummary", " ".join(summary)),
                   ("dcterms:conformsTo", "EPUB Accessibility 1.1 - WCAG 2.1 Level AA")]
    if print_pages:
        properties.append(("pageBreakSource", words.format("print_edition", title=book.meta.title)))
    return properties
