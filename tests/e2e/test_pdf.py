"""The printed book: notes on the page that calls them, contents and links that tell the truth, the
book's fonts, and what the join of separately laid-out parts must keep."""

import re

import pikepdf
import pytest
from conftest import build, make_manuscript, pdf_pages
from pikepdf import NameTree
from pypdf import PdfReader

pytestmark = pytest.mark.slow  # builds PDFs or EPUBs: not in the fast lane

FILLER = ("The committee met again in the spring and went over the same ground, line by line, "
          "asking who had signed which order and when the files had been moved. ")


def test_every_note_is_printed_on_the_page_that_calls_it(tmp_path):
    # Forty paragraphs of varied length, each calling a note; the tokens tie each call to its note.
    paragraphs, notes = [], []
    for i in range(40):
        paragraphs.append(FILLER * (1 + i % 4) + f"Call token Pq{i}.[^n{i}]")
        notes.append(f"[^n{i}]: Note token Nq{i}. " + "A longer explanation follows here. " * (i % 5))
    source = make_manuscript(tmp_path / "m", {"a.md": "# Notes\n\n" + "\n\n".join(paragraphs + notes)})
    assert build(source, "--pdf") == 0
    pages = pdf_pages(source / "dist" / "book.pdf")
    for i in range(40):
        call = next(n for n, text in enumerate(pages) if f"Pq{i}" in text)
        assert f"Nq{i}" in pages[call], f"note {i + 1} is not on page {call + 1}, where it is called"


def test_citation_note_text_is_on_the_calling_page(basic_book):
    pages = pdf_pages(basic_book / "book.pdf")
    page = next(text for text in pages if "rose fast in 1951" in text)
    assert "Jonathan Brent and Vladimir P. Naumov, Stalin’s Last Crime" in page


def test_contents_page_numbers_are_the_printed_pages(basic_book):
    pages = pdf_pages(basic_book / "book.pdf")
    contents = next(text for text in pages if text.lstrip().startswith("Contents"))
    entries = re.findall(r"(The First Chapter|The Second Chapter|Bibliography)[ .]*?(\d+)", contents)
    assert len(entries) == 3
    first_body_page = next(n for n, text in enumerate(pages) if "Chapter 1 The First Chapter" in text)
    for title, number in entries:
        page = pages[first_body_page + int(number) - 1]
        assert title in page, f"the contents send '{title}' to page {number}, which does not hold it"


def test_chapters_open_on_right_hand_pages(basic_book):
    pages = pdf_pages(basic_book / "book.pdf")
    for title in ("Chapter 1 The First Chapter", "Chapter 2 The Second Chapter"):
        index = next(n for n, text in enumerate(pages) if title in text)
        assert index % 2 == 0, f"{title} opens on a left-hand page"


def test_only_the_book_face_is_embedded(basic_book):
    fonts = set()
    for page in PdfReader(basic_book / "book.pdf").pages:
        for font in page["/Resources"].get("/Font", {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    assert fonts and all(name.startswith("/Linux-Libertine-O") or name.startswith("Linux-Libertine-O")
                         for name in fonts), fonts


def test_metadata_and_outline(basic_book):
    reader = PdfReader(basic_book / "book.pdf")
    assert reader.metadata.title == "A Test Book"
    assert reader.metadata.author == "Test Author"
    titles = [item.title for item in reader.outline if not isinstance(item, list)]
    assert titles == ["Contents", "1. The First Chapter", "2. The Second Chapter", "Bibliography"]


def test_links_land_on_their_targets(basic_book):
    pages = pdf_pages(basic_book / "book.pdf")
    pdf = pikepdf.open(basic_book / "book.pdf")
    number = {page.objgen: n for n, page in enumerate(pdf.pages)}
    dests = dict(NameTree(pdf.Root.Names.Dests).items())
    landed = {}
    for n, page in enumerate(pdf.pages):
        for link in page.obj.get("/Annots", []):
            if "/Dest" in link:
                assert str(link.Dest) in dests, f"the link to '{link.Dest}' on page {n + 1} leads nowhere"
                landed[(n, str(link.Dest))] = number[dests[str(link.Dest)][0].objgen]
    contents = next(n for n, text in enumerate(pages) if text.lstrip().startswith("Contents"))
    assert "Chapter 2 The Second Chapter" in pages[landed[(contents, "ch-two")]]
    calls = [(n, target) for (n, name), target in landed.items() if re.search(r"-n\d+$", name)]
    assert calls and all(n == target for n, target in calls), "a note call links to another page"


def test_each_font_is_embedded_once(basic_book):
    pdf = pikepdf.open(basic_book / "book.pdf")
    fonts: dict[str, set] = {}
    for page in pdf.pages:
        for font in page.obj.Resources.get("/Font", {}).values():
            fonts.setdefault(str(font.BaseFont), set()).add(font.objgen)
    assert fonts and all(len(objects) == 1 for objects in fonts.values()), fonts


def test_viewers_show_the_printed_page_numbers(basic_book):
    labels = PdfReader(basic_book / "book.pdf").page_labels
    pages = pdf_pages(basic_book / "book.pdf")
    first = next(n for n, text in enumerate(pages) if "Chapter 1 The First Chapter" in text)
    assert labels[:3] == ["i", "ii", "iii"] and labels[first:first + 2] == ["1", "2"]


def test_one_structure_tree_for_screen_readers(basic_book):
    pdf = pikepdf.open(basic_book / "book.pdf")
    root = pdf.Root.StructTreeRoot
    assert len(root.K) == 1 and root.K[0].S == "/Document"
    parents = dict(zip(map(int, root.ParentTree.Nums[0::2]), root.ParentTree.Nums[1::2]))
    assert int(root.ParentTreeNextKey) == max(parents) + 1
    for n, page in enumerate(pdf.pages):
        marked = parents[int(page.obj.StructParents)]
        assert all(element.P is not None and element.Pg.objgen == page.objgen for element in marked), n
        for link in page.obj.get("/Annots", []):
            element = parents[int(link.StructParent)]
            kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
            assert any(kid.get("/Obj") is not None and kid.Obj.objgen == link.objgen for kid in kids
                       if isinstance(kid, pikepdf.Dictionary)), f"a link on page {n + 1} is not in the tree"
