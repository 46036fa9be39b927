"""A part laid out and written as a PDF of its own, and the store of such parts: in this process
(watch mode) and in the cache folder, keyed by the part's HTML, first page and links."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..store import Cache, digest
from .inspect import page_starts

PARTS = "parts.json"
PART_FILES = "parts"


@dataclass
class Written:
    """A part as the join and the checks need it."""

    pdf: bytes | Callable[[], bytes]  # a function while a child process is still writing it
    page_count: int
    anchors: dict[str, int]  # anchor -> page within the part, from 0
    borrowed: list[str] = field(default_factory=list)  # anchors of other parts this one links to
    widows: list[str] = field(default_factory=list)

    def finish(self) -> None:
        if callable(self.pdf):
            self.pdf = self.pdf()

    @property
    def data(self) -> bytes:
        assert isinstance(self.pdf, bytes), "finish() the part before reading its bytes"
        return self.pdf

    def meta(self) -> dict:
        return {"page_count": self.page_count, "anchors": self.anchors, "borrowed": self.borrowed,
                "widows": self.widows, "pdf": digest(self.data)}


def written(document, book_anchors, widows: list[str] | None = None, forked=None) -> Written:
    """Write a laid-out document as tagged PDF, in a child process if `forked` is given. Its links
    to anchors in other parts are kept by lending it those anchors (WeasyPrint drops links to
    anchors it cannot find); the join points them to where they really are."""
    anchors: dict[str, int] = {}
    for offset, page in enumerate(document.pages):
        for anchor in page.anchors:
            anchors.setdefault(anchor, offset)
    anchors.update(page_starts(document))  # "block@word": where a page begins inside a paragraph
    targets = {target for page in document.pages for kind, target, *_ in page.links if kind == "internal"}
    borrowed = sorted(a for a in targets - anchors.keys() if a in book_anchors)
    for anchor in borrowed:
        document.pages[0].anchors[anchor] = (0, 0, 0, 0)
    if forked is None:
        data: bytes | Callable[[], bytes] = document.write_pdf(pdf_variant="pdf/ua-1")
    else:
        data = forked.submit(lambda path: document.write_pdf(path, pdf_variant="pdf/ua-1"))
    return Written(data, len(document.pages), anchors, borrowed, widows or [])


def _valid(meta: object) -> bool:
    """A record this builder wrote: the fields of Written, of their types (the cache is untrusted)."""
    if not isinstance(meta, dict):
        return False
    count, anchors = meta.get("page_count"), meta.get("anchors")
    return (isinstance(count, int) and not isinstance(count, bool) and count >= 0
            and isinstance(anchors, dict) and all(isinstance(k, str) and isinstance(v, int) for k, v in anchors.items())
            and all(isinstance(meta.get(name), list) and all(isinstance(x, str) for x in meta[name])
                    for name in ("borrowed", "widows")))


class PartStore:
    """Parts written by earlier builds: first those this process kept (`kept`), then the cache's.
    `remember` makes the cache hold exactly the parts this build used."""

    def __init__(self, cache: Cache, kept: dict[str, Written]):
        self.cache = cache
        self.kept = kept
        self.known = cache.load(PARTS)
        self.used: dict[str, Written] = {}

    def get(self, key: str) -> Written | None:
        if key in self.kept:
            return self.kept[key]
        meta, data = self.known.get(key), self.cache.read(f"{PART_FILES}/{key}.pdf")
        if not isinstance(meta, dict) or not _valid(meta) or data is None or meta.get("pdf") != digest(data):
            return None  # missing, not a record we wrote, or its file damaged since
        return Written(data, meta["page_count"], meta["anchors"], meta["borrowed"], meta["widows"])

    def use(self, key: str, part: Written) -> Written:
        self.used[key] = part
        return part

    def remember(self) -> None:
        self.cache.save(PARTS, {key: w.meta() for key, w in self.used.items()})
        self.cache.keep_files(PART_FILES, {f"{key}.pdf": w.data for key, w in self.used.items()})
