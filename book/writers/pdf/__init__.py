"""The PDF writer: the laid-out parts of the print edition joined into one tagged PDF."""

from __future__ import annotations

from pathlib import Path

from ...paginate import Pagination
from .join import PartPdf, join


def write_pdf(pagination: Pagination, target: Path) -> None:
    """Join the laid-out parts into `target`, tagged for screen readers (PDF/UA-1)."""
    join([PartPdf(p.data, frozenset(p.borrowed)) for p in pagination.parts], target, pagination.body_start)
