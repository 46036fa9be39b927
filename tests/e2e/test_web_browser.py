"""The web edition in a real browser: Debian's Chromium driven by tests/web/drive.mjs
(puppeteer-core), the site served from 127.0.0.1. The download buttons give the very bytes of
the PDF and EPUB, a note call shows its note (beside the text on a wide screen, under its line on
a narrow one, with JavaScript off too), an index locator lands on the name, the search box finds a
name, no request leaves 127.0.0.1, and axe-core finds no violation. `make test` installs Chromium
and the npm packages (.tools/reader); without them the test is skipped."""

import os
import shutil
from pathlib import Path

import pytest
from conftest import BROWSER_TOOLS, CHROMIUM, REPOSITORY, drive_browser, served

pytestmark = pytest.mark.slow  # builds the book and runs a browser


@pytest.fixture(scope="module")
def browser(real_book, tmp_path_factory):
    """Runs steps in Chromium against the real book's dist/ served from 127.0.0.1."""
    if not all((BROWSER_TOOLS / p).is_dir() for p in ("puppeteer-core", "axe-core")) or not Path(CHROMIUM).exists():
        pytest.skip("the browser test needs Chromium and .tools/reader (make test installs them)")
    _, out = real_book
    driver = tmp_path_factory.mktemp("driver")
    shutil.copy(REPOSITORY / "tests" / "web" / "drive.mjs", driver / "drive.mjs")
    (driver / "node_modules").symlink_to(BROWSER_TOOLS)
    with served(out / "web") as url:
        def run(steps):
            results = drive_browser(driver / "drive.mjs", url, steps)
            assert not any("error" in r for r in results if isinstance(r, dict)), results
            return results
        yield run


def test_the_download_buttons_give_the_very_bytes_of_the_pdf_and_the_epub(browser, real_book):
    out = real_book[1]
    results = browser([["open", {"url": "index.html"}], ["download", "a.download[href='book.pdf']"],
                       ["open", {"url": "index.html"}], ["download", "a.download[href='book.epub']"]])
    assert Path(results[1]["file"]).read_bytes() == (out / "book.pdf").read_bytes()
    assert Path(results[3]["file"]).read_bytes() == (out / "book.epub").read_bytes()


def test_the_pages_use_the_book_face_from_the_site(browser):
    fonts = browser([["open", {"url": "ch-01-introduction.html"}]])[0]["fonts"]
    assert any(f.startswith("Book Libertine normal") for f in fonts), fonts
    assert any(f.startswith("Book Libertine italic") for f in fonts), fonts


@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_a_note_call_shows_its_note_beside_the_text_on_a_wide_screen(browser, script):
    note = browser([["open", {"url": "ch-02-origins.html", "script": script}], ["note", "a.note-call"]])[1]
    assert note["before"]["width"] > 100 and note["visibleBefore"] and note["visible"]  # in the margin, no click needed
    assert note["before"]["x"] > note["callBox"]["x"]  # to the right of the text
    assert abs(note["before"]["y"] - note["callBox"]["y"]) < 400  # beside the line that calls it
    assert note["text"].startswith(note["number"] + ".")


@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_a_note_call_shows_its_note_under_its_line_on_a_narrow_screen(browser, script):
    note = browser([["open", {"url": "ch-02-origins.html", "width": 400, "height": 900, "script": script}],
                    ["note", "a.note-call"]])[1]
    assert note["before"]["width"] <= 1 and not note["visibleBefore"]  # out of the way until asked for
    assert note["visible"] and note["after"]["y"] > note["callBox"]["y"] - 1  # then shown, under the call
    assert note["text"].startswith(note["number"] + ".")


@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_an_index_locator_lands_on_the_name(browser, script):
    results = browser([["open", {"url": "book-index.html", "script": script}],
                       ["follow", "li.index-entry a[href*='#m']"]])
    landed = results[1]
    assert landed["hash"] and landed["inView"], landed
    assert landed["text"].strip() and landed["text"].strip()[0].isupper()  # the mention's word: a name


def test_search_finds_a_name_in_the_index_and_the_text(browser):
    found = browser([["open", {"url": "index.html"}], ["search", "Timashuk"]])[1]
    assert found["visible"]
    titles = [text for text, _ in found["results"]]
    assert any(t.startswith("Timashuk") for t in titles), titles  # the index of names' entry
    assert any(href.startswith("ch-") for _, href in found["results"]), found  # and chapters


def test_without_javascript_the_search_box_is_hidden_and_says_so(browser):
    state = browser([["open", {"url": "index.html", "script": False}], ["state", None]])[1]
    assert not state["searchShown"] and state["noscript"]
    state = browser([["open", {"url": "index.html"}], ["state", None]])[1]
    assert state["searchShown"] and not state["noscript"]


@pytest.mark.parametrize("url", ["index.html", "ch-03-ministry.html", "book-index.html"])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_axe_finds_no_violation(browser, url, dark):
    violations = browser([["open", {"url": url, "dark": dark}], ["axe", None]])[1]
    assert violations == [], violations


def test_screenshots(browser, tmp_path):
    """The pictures to look at (the README's docs/web.png is one): WEB_SCREENSHOTS=folder keeps them."""
    folder = Path(os.environ.get("WEB_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    shots = [("landing", "index.html", 1400, False, False), ("chapter-wide", "ch-03-ministry.html", 1400, False, False),
             ("chapter-narrow", "ch-03-ministry.html", 400, False, False), ("index", "book-index.html", 1400, False, False),
             ("chapter-dark", "ch-03-ministry.html", 1400, True, False), ("landing-narrow", "index.html", 400, False, True)]
    steps = []
    for name, url, width, dark, full in shots:
        steps += [["open", {"url": url, "width": width, "height": 1000 if width > 1000 else 860, "dark": dark}],
                  ["shoot", {"file": str(folder / f"{name}.png"), "full": full}]]
    browser(steps)
    assert all((folder / f"{name}.png").stat().st_size > 10_000 for name, *_ in shots)
