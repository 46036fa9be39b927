"""A part PDF the join takes (from the cache, which comes with the manuscript) loses every action
but jumps within the book and links to web addresses."""

from io import BytesIO

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from book.writers.pdf.join import PartPdf, join

pytestmark = pytest.mark.slow  # the PDF writer's join (pikepdf): kept out of the fast lane


def planted_part() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(432, 648))
    link = lambda action: pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link,  # noqa: E731
                                                       Rect=Array([0, 0, 10, 10]), A=action))
    pdf.pages[0].obj.Annots = Array([
        link(Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))),
        link(Dictionary(S=Name.Launch, F=String("/bin/sh"))),
        link(Dictionary(S=Name.URI, URI=String("file:///etc/passwd"))),
        link(Dictionary(S=Name.URI, URI=String("https://example.org/"))),
    ])
    pdf.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=String("app.alert(2)"))
    document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, K=Array()))
    pdf.Root.StructTreeRoot = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array([document]),
                                                           ParentTree=Dictionary(Nums=Array())))
    out = BytesIO()
    pdf.save(out)
    return out.getvalue()


def test_only_safe_actions_survive_the_join(tmp_path):
    join([PartPdf(planted_part())], tmp_path / "book.pdf", 0)
    book = pikepdf.open(tmp_path / "book.pdf")
    actions = [a.get("/A") for a in book.pages[0].obj.Annots]
    kept = [(str(a.S), str(a.URI)) for a in actions if a is not None]
    assert kept == [("/URI", "https://example.org/")]
    assert "/OpenAction" not in book.Root
