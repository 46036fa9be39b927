"""The EPUB's zip written again so that equal inputs give equal bytes: mimetype first and
stored, fixed timestamps, a stable order, and the package's language."""

from __future__ import annotations

import datetime
import zipfile
from html import escape
from pathlib import Path


def _with_language(opf: bytes, language: str) -> bytes:
    if b"xml:lang=" in opf.split(b">", 2)[1]:
        return opf
    return opf.replace(b"<package ", f'<package xml:lang="{escape(language)}" '.encode(), 1)


def normalise_zip(path: Path, modified: datetime.datetime, language: str) -> None:
    """Rewrite the zip: mimetype first and stored, fixed timestamps, stable order; and give the
    package document the language that ebooklib leaves out (reading systems and Ace want it)."""
    stamp = max(modified, datetime.datetime(1980, 1, 1)).timetuple()[:6]
    with zipfile.ZipFile(path) as source:
        entries = [(info.filename, source.read(info.filename)) for info in source.infolist()]
    entries = [(name, _with_language(data, language) if name.endswith(".opf") else data)
               for name, data in entries]
    entries.sort(key=lambda e: (e[0] != "mimetype", e[0] != "META-INF/container.xml", e[0]))
    with zipfile.ZipFile(path, "w") as out:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            out.writestr(info, data)
