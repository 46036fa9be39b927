"""Manuscript files read as text: invalid UTF-8 and byte-order marks are the author's to fix."""

from __future__ import annotations

from pathlib import Path

from .errors import Location, Report


def read_text(path: Path, report: Report) -> str | None:
    """A manuscript file as text; invalid UTF-8 and byte-order marks are author errors."""
    try:
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
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        report.error(Location(path, line, column), f"invalid UTF-8 (byte 0x{data[exc.start]:02x})",
                     "save the file as UTF-8")
        return None
