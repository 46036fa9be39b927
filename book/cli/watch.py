"""Watch mode: rebuild whenever a file of the manuscript is saved (watchfiles)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from watchfiles import DefaultFilter
from watchfiles import watch as watch_changes


class ManuscriptFilter(DefaultFilter):
    """Changes to the outputs and the cache are the build's own doing: they never trigger one."""

    def __init__(self, ignored: list[Path]):
        super().__init__()
        self.ignored = [p.resolve() for p in ignored]

    def __call__(self, change, path: str) -> bool:
        resolved = Path(path).resolve()
        if any(resolved == p or resolved.is_relative_to(p) for p in self.ignored):
            return False
        return super().__call__(change, path) and not Path(path).name.startswith(".")


def watch(options, build_once, stop_event=None) -> int:
    """Build now, then after every batch of saves; an error is printed and watching goes on."""
    build_once()
    print(f"watching {options.source} for changes (Ctrl-C to stop)", file=sys.stderr, flush=True)
    ignored = [options.out] + ([options.cache] if options.cache else [])
    try:
        for changes in watch_changes(options.source, watch_filter=ManuscriptFilter(ignored),
                                     stop_event=stop_event, debounce=300):
            names = ", ".join(sorted({Path(p).name for _, p in changes}))
            print(f"changed: {names}; rebuilding", file=sys.stderr, flush=True)
            start = time.perf_counter()
            status = build_once()
            outcome = "rebuilt" if status == 0 else "build failed; the last good book is kept"
            print(f"{outcome} ({time.perf_counter() - start:.1f} s)", file=sys.stderr, flush=True)
    except KeyboardInterrupt:
        pass
    return 0
