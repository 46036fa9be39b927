"""Book -> Book, in a list you can read: each transform rewrites the model in place."""

from __future__ import annotations

from pathlib import Path

from ..citations.sources import load_sources
from ..errors import Report
from ..readers.manuscript import Manuscript
from .cast import add_cast
from .citations import apply_citations
from .code import highlight_code
from .crossrefs import apply_crossrefs
from .diagrams import draw_diagrams
from .lists import add_lists
from .measure import warn_long_words
from .names import apply_names, unregistered_names
from .scripts import mark_scripts
from .sections import number_sections
from .typography import apply_typography


def apply_transforms(manuscript: Manuscript, report: Report, check_names: bool = False,
                     cache: Path | None = None) -> None:
    """Sections and anchors first; names before citations, since the titles that citations put
    in notes are not mentions of people; typography last, over all the text."""
    book = manuscript.book
    number_sections(book)
    draw_diagrams(book, report)  # before the numbering of figures: a diagram left out is not counted
    apply_crossrefs(book, report)  # labels and numbers first: a caption may cite, a note may refer
    if manuscript.registry is not None:
        apply_names(book, manuscript.registry, report)
        add_cast(book, manuscript.registry)
        if check_names:
            _report_unregistered(manuscript, report)
    sources = load_sources(manuscript, report, cache)
    apply_citations(book, sources, report)
    if sources is not None:
        sources.save()
    config = manuscript.config
    add_lists(book, bool(config and config.lof), bool(config and config.lot))
    mark_scripts(book, report)  # after citations: a note's text is prose too
    apply_typography(book)
    warn_long_words(book, report)
    highlight_code(book, report)  # after typography, which leaves code alone


def _report_unregistered(manuscript: Manuscript, report: Report) -> None:
    assert manuscript.registry is not None and manuscript.config.names is not None
    for where, name in unregistered_names(manuscript.book, manuscript.registry):
        report.warn(where, f"'{name}' looks like a person's name but is not in the names registry",
                    f"add it to {manuscript.config.names.name}, or to not_people = [...] if it is not a person")
