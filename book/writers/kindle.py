"""The Kindle edition: the EPUB converted to AZW3 by calibre's ebook-convert (an outside tool,
installed by `make kindle`), with the options a Kindle book needs: no contents page appended
after the index (calibre adds one unless told not to; the EPUB's own contents stand at the
front, and its guide carries the landmarks). `python -m book.writers.kindle book.epub book.azw3`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

OPTIONS = ["--no-inline-toc"]


class KindleError(Exception):
    pass


def to_azw3(epub: Path, target: Path) -> None:
    """Convert `epub` to `target`, through a temporary file: a failed conversion leaves the
    last good AZW3 as it was."""
    convert = shutil.which("ebook-convert")
    if convert is None:
        raise KindleError("calibre's ebook-convert is not installed (`make kindle` installs it)")
    temp = target.with_name(f".{target.stem}.part.azw3")  # calibre picks the format by the suffix
    try:
        done = subprocess.run([convert, str(epub), str(temp), *OPTIONS], capture_output=True, text=True,
                              timeout=600)
        if done.returncode != 0 or not temp.is_file():
            raise KindleError(f"ebook-convert failed: {done.stderr.strip()[-500:]}")
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


if __name__ == "__main__":
    try:
        to_azw3(Path(sys.argv[1]), Path(sys.argv[2]))
    except (KindleError, IndexError, subprocess.TimeoutExpired) as error:
        sys.exit(f"error: {error or 'usage: python -m book.writers.kindle book.epub book.azw3'}")
    print(f"{sys.argv[2]}", file=sys.stderr)
