"""What one run of the builder is asked to do (imports nothing heavy: a no-op rebuild uses it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass
class Options:
    source: Path
    out: Path
    pdf: bool = True
    epub: bool = True
    web: bool = True  # the web edition, dist/web/
    strict: bool = False
    check_only: bool = False
    cache: Path | None = None  # the cache folder; None builds from scratch

    @property
    def settings(self) -> str:
        return f"pdf={self.pdf} epub={self.epub} web={self.web} strict={self.strict} out={self.out}"
