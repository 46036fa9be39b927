"""What one process keeps between builds of a manuscript (watch mode): the layout engine and the
parts the last build wrote. The caller owns it; there is no process-wide cache."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .engine import STYLES, Engine
from .parts import Written


@dataclass
class Session:
    source: Path
    engine: Engine | None = None
    parts: dict[str, Written] = field(default_factory=dict)

    def engine_for(self, source: Path) -> Engine:
        """The engine for `source`, made anew when the print style changed since."""
        style = (STYLES / "print.css").read_text(encoding="utf-8")
        if self.engine is None or self.engine.source != source.resolve() or self.engine.style != style:
            self.engine = Engine(source)
            self.parts = {}
        return self.engine
