"""Manuscript files read as text: invalid UTF-8 and byte-order marks are the author's to fix."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .errors import Location, Report

MAX_BYTES = 20 * 1024 * 1024  # a manuscript file larger than this is a mistake (a video, a disk image)


def inside(path: Path, root: Path) -> bool:
    """Whether `path` lies in `root`, its symlinks followed: nothing outside is ever read."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, ValueError):  # a name the file system cannot hold (too long, a NUL) is no file of ours
        return False


def is_file(path: Path) -> bool:
    """path.is_file(), False for a name the file system refuses (too long) instead of raising."""
    try:
        return path.is_file()
    except (OSError, ValueError):
        return False


NAME_MAX = 255  # bytes in one file name: Linux's and macOS's limit


def name_problem(name: str) -> str | None:
    """Why a listed file name cannot name a file, or None."""
    if "\0" in name:
        return "holds a NUL character"
    longest = max((len(part.encode("utf-8")) for part in name.split("/")), default=0)
    if longest > NAME_MAX:
        return f"has a part of {longest} bytes, more than a file name can hold ({NAME_MAX})"
    return None


def read_text(path: Path, report: Report) -> str | None:
    """A manuscript file as text; invalid UTF-8 and byte-order marks are author errors. Only a
    regular file of a sane size is opened: a device, a FIFO or a huge file is refused before any
    read (reading /dev/zero or a FIFO would never end)."""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            report.error(Location(path), "this is not a regular file (a folder, a device or a pipe)",
                         "list a Markdown, BibTeX or TOML file of the manuscript folder")
            return None
        if status.st_size > MAX_BYTES:
            report.error(Location(path), f"the file is {status.st_size / 2 ** 20:.1f} MB, more than a manuscript "
                         f"file may be ({MAX_BYTES // (1024 * 1024)} MB)", "check that the right file is listed")
            return None
        data = path.read_bytes()
    except FileNotFoundError:
        report.error(Location(path), "file listed in book.toml not found",
                     "check the name in [files] or create the file")
        return None
    except OSError as exc:
        report.error(Location(path), f"cannot read the file: {exc.strerror}", "check its permissions")
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        report.error(Location(path, 1, 1), "the file starts with a byte-order mark",
                     "save it as UTF-8 without BOM")
        return None
    try:
        return _without_controls(data.decode("utf-8"), path, report)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        report.error(Location(path, line, column), f"invalid UTF-8 (byte 0x{data[exc.start]:02x})",
                     "save the file as UTF-8")
        return None


CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _without_controls(text: str, path: Path, report: Report) -> str:
    """Control characters (a NUL, a form feed pasted from a PDF) are invisible and make an EPUB
    invalid: they are left out, and the first one is pointed at."""
    found = list(CONTROLS.finditer(text))
    if not found:
        return text
    first = found[0]
    line = text.count("\n", 0, first.start()) + 1
    column = first.start() - (text.rfind("\n", 0, first.start()) + 1) + 1
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    report.warn(Location(path, line, column), f"a control character (U+{ord(first.group()):04X}) is left out{more}",
                "delete it: it prints as nothing, and no e-book may contain it")
    return CONTROLS.sub("", text)
