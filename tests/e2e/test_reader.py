"""The EPUB in a reading system: foliate-js (the engine of Foliate 3) in Chromium, driven by
tests/reader/drive.mjs and served from 127.0.0.1. It goes to print pages and checks that their
first words are on screen, follows index locators (into the text and into notes) and checks
that the name is on screen, and opens a note's pop-up. `make test` installs Chromium and the
npm packages (.tools/reader); without them the test is skipped."""

import re
import shutil
from pathlib import Path

import pytest
from conftest import BROWSER_TOOLS, CHROMIUM, REPOSITORY, build, drive_browser, pdf_pages, served
from test_index import index_manuscript

pytestmark = pytest.mark.slow  # builds the book and runs a browser


@pytest.fixture(scope="module")
def reader(real_book, tmp_path_factory):
    """Runs steps in the reader on the real book, or (book="notes.epub") on a manuscript whose
    index has locators into notes in two chapters' notes, whatever the real book's text holds."""
    if not all((BROWSER_TOOLS / p).is_dir() for p in ("foliate-js", "puppeteer-core")) or not Path(CHROMIUM).exists():
        pytest.skip("the reader harness needs Chromium and .tools/reader (make test installs them)")
    _, out = real_book
    site = tmp_path_factory.mktemp("site")
    for name in ("harness.html", "drive.mjs"):
        shutil.copy(REPOSITORY / "tests" / "reader" / name, site / name)
    (site / "node_modules").symlink_to(BROWSER_TOOLS)
    (site / "foliate-js").symlink_to(BROWSER_TOOLS / "foliate-js")
    shutil.copy(out / "book.epub", site / "book.epub")
    notes = index_manuscript(tmp_path_factory.mktemp("notes") / "m", NOTE_MENTIONS)
    assert build(notes) == 0
    shutil.copy(notes / "dist" / "book.epub", site / "notes.epub")
    with served(site) as url:
        def run(steps, flow="scrolled", book="book.epub"):
            return drive_browser(site / "drive.mjs", url + "harness.html",
                                 [["open", {"book": book, "flow": flow}], *steps])
        yield run


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.replace("\u00ad", ""))


def _print_pages_shown(reader, out):
    """(printed page text, words on screen after going to that page) for three pages of text."""
    pdf = pdf_pages(out / "book.pdf")
    offset = next(n for n, t in enumerate(pdf) if "Introduction" in t and "Contents" not in t)
    pages = reader([])[0]["pages"]
    body = [p for p in pages if "/ch-" in p["href"]]
    chosen = [body[len(body) // 4], body[len(body) // 2], body[3 * len(body) // 4]]
    shown = reader([["go", p["href"]] for p in chosen])[1:]
    return [(" ".join(_words(pdf[offset + int(p["label"]) - 1])), " ".join(_words(s["text"][:600])))
            for p, s in zip(chosen, shown)]


def test_go_to_print_page_shows_its_first_words(reader, real_book):
    # also where the page begins inside a paragraph: the layout reports the word it begins at,
    # and the screen's first line holds it (with the words before it on that line)
    for printed, screen in _print_pages_shown(reader, real_book[1]):
        assert " ".join(printed.split()[1:6]) in " ".join(screen.split()[:40]), (printed[:80], screen[:300])


# Two more mentions in notes, at the first chapter's end: M. B. Kogan's text mention is in the
# second chapter, on another page, so each is indexed as a note ("5n2").
NOTE_MENTIONS = "\nIn the end the file was closed.[^z]\n\n[^z]: As M. B. Kogan and Abakumov both knew.\n"


def test_index_locators_land_on_the_name_in_the_text_and_in_notes(reader):
    locators = reader([["index", None]], book="notes.epub")[1]["locators"]
    in_notes = [loc for loc in locators if "n" in loc["label"]][:2]
    in_text = [loc for loc in locators if "n" not in loc["label"]][:3]
    assert len(in_notes) == 2 and len(in_text) == 3, locators
    shown = reader([["go", loc["href"]] for loc in in_text + in_notes], flow="paginated", book="notes.epub")[1:]
    for loc, screen in zip(in_text + in_notes, shown):
        surname = loc["term"].split(",")[0]
        assert surname in screen["text"] or (surname == "Egorov" and "Егоров" in screen["text"]), (loc, screen["text"][:300])


def test_a_note_call_opens_its_note_in_a_pop_up(reader, real_book):
    first_chapter = next(p["href"] for p in reader([])[0]["pages"] if "/ch-" in p["href"])
    popup = reader([["go", first_chapter], ["clickNoteCall", None]])[2]
    assert "error" not in popup, popup
    assert popup["type"] == "endnote" and popup["text"].startswith(popup["call"] + ". ")
