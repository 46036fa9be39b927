"""Joins separately written PDF parts into one tagged PDF (pikepdf, the only pikepdf import).

Each part (the front matter, a chapter, a blank page, the index) is a whole PDF/UA file as
WeasyPrint wrote it. Joined, they keep what a reader and a screen reader use: one structure
tree (its parent tree renumbered), named destinations for every link, one outline, one
embedded subset of each font, the front part's metadata, and page labels so that viewers
show the printed page numbers.
"""

from __future__ import annotations

import re
import warnings
import zlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from fontTools.ttLib import TTFont
from pikepdf import Array, Dictionary, Name, NameTree, ObjectStreamMode, PageCopyWarning, Pdf


@dataclass(frozen=True)
class PartPdf:
    """One part as written, and the anchors it only borrowed (defined in another part) so that
    WeasyPrint kept its links to them."""

    data: bytes
    borrowed: frozenset[str] = frozenset()


def join(parts: list[PartPdf], target: Path, body_start: int) -> None:
    """Write `parts` in order to `target`; page `body_start` (0-based) is printed page 1, the pages
    before it are numbered in roman."""
    book = _sanitised(Pdf.open(BytesIO(parts[0].data)))
    tree = _Structure(book)
    dests = _dests(book, parts[0].borrowed)
    outline = _Outline(book)
    for part in parts[1:]:
        source = _sanitised(Pdf.open(BytesIO(part.data)))
        first = len(book.pages)
        with warnings.catch_warnings():  # it warns that named destinations stay behind: _dests moves them
            warnings.simplefilter("ignore", PageCopyWarning)
            book.pages.extend(source.pages)
        tree.add(source, book.pages[first:])
        for name, dest in _dests(source, part.borrowed).items():
            dests.setdefault(name, _copy(book, source, dest))
        outline.add(source)
    tree.finish()
    _join_fonts(book)
    names = NameTree.new(book)
    for name in sorted(dests):
        names[name] = dests[name]
    book.Root.Names = Dictionary(Dests=names.obj)
    book.Root.PageLabels = Dictionary(Nums=Array([0, Dictionary(S=Name.r), body_start, Dictionary(S=Name.D)]))
    # Saved in memory and written by Python: a full disk under qpdf's own writer aborts the whole
    # process (a C++ exception no handler catches, exit 134), here it is an OSError to report.
    data = BytesIO()
    book.save(data, deterministic_id=True, object_stream_mode=ObjectStreamMode.generate)
    target.write_bytes(data.getbuffer())


SAFE_ACTIONS = {"/GoTo", "/URI"}
SAFE_SCHEMES = ("http:", "https:", "mailto:")


def _sanitised(pdf: Pdf) -> Pdf:
    """A part as the join may use it: it may come from the cache, which comes with the manuscript,
    so no action but a jump within the book or to a web address survives (no JavaScript, no
    launching a program, no form submission), and the document opens on no action of its own."""
    for key in ("/OpenAction", "/AA"):
        if key in pdf.Root:
            del pdf.Root[key]
    for page in pdf.pages:
        if "/AA" in page.obj:
            del page.obj["/AA"]
        for annotation in page.obj.get("/Annots", Array()):
            if "/AA" in annotation:
                del annotation["/AA"]
            action = annotation.get("/A")
            if action is not None and not _safe_action(action):
                del annotation["/A"]
    return pdf


def _safe_action(action) -> bool:
    kind = str(action.get("/S", ""))
    if kind not in SAFE_ACTIONS or "/Next" in action:
        return False
    return kind != "/URI" or str(action.get("/URI", "")).lower().startswith(SAFE_SCHEMES)


def _copy(book: Pdf, source: Pdf, value):
    """`value` from `source` in `book`; pages and objects copied before are shared, not copied again."""
    return book.copy_foreign(value if value.is_indirect else source.make_indirect(value))


def _dests(pdf: Pdf, borrowed: frozenset[str]) -> dict:
    names = pdf.Root.get("/Names", Dictionary()).get("/Dests")
    if names is None:
        return {}
    return {name: dest for name, dest in NameTree(names).items() if name not in borrowed}


class _Structure:
    """The joined structure tree: one Document element over every part's elements, and one parent
    tree whose keys (a page's StructParents, an annotation's StructParent) are renumbered."""

    def __init__(self, book: Pdf):
        self.book = book
        root = book.Root.StructTreeRoot
        self.document = root.K[0]
        self.nums = list(root.ParentTree.Nums)
        self.next_key = max(self.nums[0::2], default=-1) + 1

    def add(self, source: Pdf, pages) -> None:
        part_document = source.Root.StructTreeRoot.K[0]
        del part_document["/P"]  # so that copying it does not drag its old root along
        document = self.book.copy_foreign(part_document)
        for kid in document.K:
            kid.P = self.document
            self.document.K.append(kid)
        nums = source.Root.StructTreeRoot.ParentTree.Nums
        offset = self.next_key
        for key, value in zip(nums[0::2], nums[1::2]):
            self.nums += [int(key) + offset, _copy(self.book, source, value)]  # type: ignore[list-item]
            self.next_key = max(self.next_key, int(key) + offset + 1)
        for page in pages:  # already copied along with the parent tree's values: renumber in place
            if "/StructParents" in page.obj:
                page.obj.StructParents = int(page.obj.StructParents) + offset
            for annotation in page.obj.get("/Annots", []):
                if "/StructParent" in annotation:
                    annotation.StructParent = int(annotation.StructParent) + offset

    def finish(self) -> None:
        self.book.Root.StructTreeRoot.ParentTree = self.book.make_indirect(Dictionary(Nums=Array(self.nums)))
        self.book.Root.StructTreeRoot.ParentTreeNextKey = self.next_key


class _Outline:
    """The joined outline: each part's top-level bookmarks appended, in order, to the first's."""

    def __init__(self, book: Pdf):
        self.book = book
        if "/Outlines" not in book.Root:
            book.Root.Outlines = book.make_indirect(Dictionary(Type=Name.Outlines, Count=0))
        self.root = book.Root.Outlines

    def add(self, source: Pdf) -> None:
        outlines = source.Root.get("/Outlines")
        if outlines is None or "/First" not in outlines:
            return
        copied = self.book.copy_foreign(outlines)
        item = copied.First
        while True:
            item.Parent = self.root
            if "/Last" in self.root:
                item.Prev = self.root.Last
                self.root.Last.Next = item
            else:
                self.root.First = item
            self.root.Last = item
            if "/Next" not in item:
                break
            item = item.Next
        self.root.Count = int(self.root.get("/Count", 0)) + int(copied.get("/Count", 0))


def _join_fonts(book: Pdf) -> None:
    """Embed each font once. WeasyPrint subsets a font for every part it writes but keeps the
    glyph ids (HarfBuzz's retain-gids), so the parts' subsets of one font join into one: every
    glyph any part uses, with its width and its text for copy and search."""
    resources = [page.obj.Resources for page in book.pages if "/Font" in page.obj.get("/Resources", {})]
    groups: dict[str, dict] = {}
    for fonts in (r.Font for r in resources):
        for font in fonts.values():
            if font.get("/Subtype") == Name.Type0 and "/ToUnicode" in font:
                name = str(font.BaseFont).split("+", 1)[-1]
                groups.setdefault(name, {})[font.objgen] = font
    joined = {}
    for group in groups.values():
        same = list(group.values())
        if len(same) > 1 and _joinable(same):
            _merge_into(same[0], same[1:])
            joined.update({font.objgen: same[0] for font in same[1:]})
    for fonts in (r.Font for r in resources):
        for key, font in list(fonts.items()):
            if font.objgen in joined:
                fonts[key] = joined[font.objgen]


def _joinable(fonts: list) -> bool:
    """Subsets of one OpenType CFF font with glyph ids kept: the only kind WeasyPrint writes for
    our faces; anything else is left as it is."""
    for font in fonts:
        cid = font.DescendantFonts[0]
        if cid.get("/CIDToGIDMap", Name.Identity) != Name.Identity or "/FontFile3" not in cid.FontDescriptor:
            return False
    return True


def _merge_into(first, others: list) -> None:
    fonts = [first] + others
    widths = [_widths(f.DescendantFonts[0].W) for f in fonts]
    # A subset keeps glyph ids up to the highest it uses: the one using the highest holds them all.
    widest = max(range(len(fonts)), key=lambda n: max(widths[n], default=0))
    font = _program(fonts[widest])
    glyphs, order = font["CFF "].cff.topDictIndex[0].CharStrings, font.getGlyphOrder()
    have, texts = dict(widths[widest]), dict[int, str]()
    for n, other in enumerate(fonts):
        missing = [gid for gid in widths[n] if gid not in have]
        if missing:
            other_font = _program(other)
            other_glyphs, other_order = other_font["CFF "].cff.topDictIndex[0].CharStrings, other_font.getGlyphOrder()
            for gid in missing:
                glyphs[order[gid]] = other_glyphs[other_order[gid]]
        for gid, width in widths[n].items():
            have.setdefault(gid, width)
        for gid, text in _texts(other.ToUnicode.read_bytes()).items():
            texts.setdefault(gid, text)
    data = BytesIO()
    font.save(data)
    cid = first.DescendantFonts[0]
    cid.FontDescriptor.FontFile3.write(zlib.compress(data.getvalue(), 9), filter=Name.FlateDecode)
    cid.W = Array([x for gid in sorted(have) for x in (gid, Array([have[gid]]))])
    first.ToUnicode.write(zlib.compress(_to_unicode(texts), 9), filter=Name.FlateDecode)


def _program(font) -> TTFont:
    return TTFont(BytesIO(font.DescendantFonts[0].FontDescriptor.FontFile3.read_bytes()), recalcTimestamp=False)


def _widths(array) -> dict[int, object]:
    """A /W array ("c [w1 w2 ...]" or "c_first c_last w") as glyph id -> width."""
    items, widths, i = list(array), {}, 0
    while i < len(items):
        start = int(items[i])
        if isinstance(items[i + 1], Array):
            for n, width in enumerate(items[i + 1]):
                widths[start + n] = width
            i += 2
        else:
            for gid in range(start, int(items[i + 1]) + 1):
                widths[gid] = items[i + 2]
            i += 3
    return widths


def _texts(cmap: bytes) -> dict[int, str]:
    """A ToUnicode CMap's single-glyph entries (all WeasyPrint writes) as glyph id -> UTF-16 hex."""
    texts = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.S):
        for gid, text in re.findall(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>", block):
            texts[int(gid, 16)] = text.decode()
    return texts


def _to_unicode(texts: dict[int, str]) -> bytes:
    gids = sorted(texts)
    blocks = [gids[i:i + 100] for i in range(0, len(gids), 100)]  # at most 100 entries a block
    body = "".join(f"{len(block)} beginbfchar\n" + "".join(f"<{gid:04x}> <{texts[gid]}>\n" for gid in block)
                   + "endbfchar\n" for block in blocks)
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n"
            "<< /Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n"
            "/CMapType 2 def\n1 begincodespacerange\n<0000> <ffff>\nendcodespacerange\n" + body
            + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend").encode()
