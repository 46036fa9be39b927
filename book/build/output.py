"""Writes the outputs so that a failed build never leaves a broken, missing or mismatched book."""

from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def staged_outputs():
    """Yield `stage(target) -> temporary path`; all staged files replace their targets together,
    and only when the whole build succeeded. On any failure, Ctrl-C included, the temporary
    files are removed and the previous outputs stay as they were."""
    staged: list[tuple[Path, Path]] = []

    def stage(target: Path) -> Path:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_debris(target)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
        os.close(fd)
        staged.append((Path(name), target))
        return Path(name)

    try:
        yield stage
        for temp, target in staged:
            os.chmod(temp, 0o644)
            os.replace(temp, target)
    finally:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)


def remove_debris(target: Path) -> None:
    """The temporary files an interrupted build left beside `target` (a SIGKILL runs no cleanup):
    `.book.pdf.x7q2.part`. Only regular files of that exact shape are removed."""
    for debris in target.parent.glob(f".{target.name}.*.part"):
        if debris.is_file() and not debris.is_symlink():
            debris.unlink(missing_ok=True)
