"""The web edition as files (the browser test is test_web_browser.py): its pages, the same note
numbers and print page markers as the EPUB, links that all land, the accessibility markup,
reproducible bytes, --web alone, a failed build that keeps the last good site, and the other
manuscripts (figures, tables and math; Chinese; a cast of characters)."""

import re
from pathlib import Path

import pytest
from conftest import build, copy_root, epub_files
from lxml import etree

pytestmark = pytest.mark.slow  # builds PDFs and EPUBs


def pages(web: Path) -> dict[str, etree._Element]:
    """Every page of the site, parsed as XML: the writer writes well-formed markup."""
    return {p.name: etree.fromstring(p.read_bytes(), etree.XMLParser(resolve_entities=False))
            for p in sorted(web.glob("*.html"))}


def ids(tree) -> set[str]:
    return set(tree.xpath("//@id"))


@pytest.fixture(scope="module")
def thesis(tmp_path_factory):
    source = copy_root("thesis", tmp_path_factory.mktemp("thesis"))
    assert build(source) == 0
    return source / "dist"


def test_the_real_book_has_a_page_for_each_section_and_a_landing_page(real_book):
    result, out = real_book
    web = out / "web"
    names = {p.name for p in web.glob("*.html")}
    assert "index.html" in names and "book-index.html" in names and "bibliography.html" in names
    assert {f"{s.id}.html" for s in result.book.sections if s.kind != "index"} <= names
    assert sorted(p.name for p in (web / "fonts").iterdir()) == [
        "libertine-bold-italic.woff2", "libertine-bold.woff2", "libertine-italic.woff2", "libertine-regular.woff2"]
    assert all(p.read_bytes()[:4] == b"wOF2" for p in (web / "fonts").iterdir())
    assert (web / "book.pdf").read_bytes() == (out / "book.pdf").read_bytes()
    assert (web / "book.epub").read_bytes() == (out / "book.epub").read_bytes()


def test_the_landing_page_offers_the_downloads_with_their_sizes(real_book):
    out = real_book[1]
    landing = pages(out / "web")["index.html"]
    buttons = {a.get("href"): a.text for a in landing.iter("a") if a.get("class") == "download"}
    kb = round((out / "book.epub").stat().st_size / 1000)
    assert buttons["book.epub"] == f"EPUB, {kb} KB"
    assert re.fullmatch(r"PDF, \d+ KB|PDF, \d+\.\d MB", buttons["book.pdf"])
    assert landing.find(".//img").get("src") == "cover.png" and landing.find(".//img").get("alt")


def test_every_link_lands_on_a_page_and_an_id_that_exist(real_book):
    site = pages(real_book[1] / "web")
    for name, tree in site.items():
        for href in tree.xpath("//a/@href | //link/@href"):
            if href.startswith(("http://", "https://", "mailto:", "doi:")):
                continue
            page, _, anchor = href.partition("#")
            target = page or name
            assert target in site or (real_book[1] / "web" / target).is_file(), (name, href)
            if anchor and target in site:
                assert anchor in ids(site[target]), (name, href)


def test_the_notes_have_the_numbers_of_the_pdf_and_the_epub(real_book):
    out = real_book[1]
    epub = epub_files(out / "book.epub")
    site = pages(out / "web")
    chapters = [n for n in site if n.startswith("ch-0")]
    assert chapters
    for name in chapters:
        web_notes = [(s.get("id"), "".join(s.find("a").itertext())) for s in site[name].iter("span")
                     if s.get("class") == "sidenote"]
        xhtml = epub[f"EPUB/{name.replace('.html', '.xhtml')}"]
        epub_notes = re.findall(r'<li class="footnote" epub:type="endnote" id="([^"]+)"><p><a class="note-number"'
                                r'[^>]*>(\d+\.)</a>', xhtml)
        assert web_notes == epub_notes and web_notes, name


def _markers_with_words(html: str) -> list[tuple[str, str]]:
    """(page, the five words after the marker), the notes left out (they are beside the text on the
    web, at the chapter's end in the EPUB)."""
    html = re.sub(r'<span class="sidenote".*?</span></span>|<span class="sidenote".*?</span>', "", html)
    html = re.sub(r'<section class="footnotes".*', "", html, flags=re.S)
    found = []
    for match in re.finditer(r'<span class="pagebreak"[^>]*(?:aria-label="page |data-page=")(\d+)"', html):
        after = re.sub(r"<[^>]+>", " ", html[match.end():match.end() + 2000])
        found.append((match.group(1), " ".join(re.findall(r"\w+", after)[:5])))
    return found


def test_print_page_markers_stand_where_the_epubs_do(real_book):
    out = real_book[1]
    epub = epub_files(out / "book.epub")
    for path in sorted((out / "web").glob("ch-*.html")):
        web = _markers_with_words(path.read_text())
        assert web == _markers_with_words(epub[f"EPUB/{path.stem}.xhtml"]), path.name
    assert len(_markers_with_words((out / "web" / "ch-03-ministry.html").read_text())) >= 3


def test_index_locators_print_the_pdf_pages_and_link_to_the_mention(real_book):
    result, out = real_book
    site = pages(out / "web")
    locators = [a for a in site["book-index.html"].iter("a") if "#m" in a.get("href", "")]
    assert len(locators) > 50
    for link in locators:
        page, anchor = link.get("href").split("#")
        first = int(re.match(r"\d+", "".join(link.itertext())).group())
        assert result.pagination.pages[anchor] == first  # the printed page, as in the PDF
        assert anchor in ids(site[page])


def test_pages_are_accessible_by_their_markup(real_book):
    for name, tree in pages(real_book[1] / "web").items():
        assert tree.get("lang") == "en", name
        tags = [e.tag for e in tree.iter() if isinstance(e.tag, str)]
        for landmark in ("header", "main", "footer"):
            assert tags.count(landmark) == 1, (name, landmark)
        skip = tree.find(".//a[@class='skip-link']")
        assert skip is not None and skip.get("href") == "#text" and tree.find(".//main").get("id") == "text"
        levels = [int(t[1]) for t in tags if re.fullmatch(r"h[1-6]", t)]
        assert levels.count(1) == 1 and levels[0] == 1, (name, levels)
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:])), (name, levels)  # no level skipped
        assert not tree.xpath("//@*[starts-with(name(), 'epub:')]"), name  # HTML has no epub:type
    russian = [e for e in pages(real_book[1] / "web")["ch-08-assessment.html"].iter() if e.get("lang") == "ru"]
    assert russian and all(re.search("[а-яА-Я]", "".join(e.itertext())) for e in russian)


def test_the_search_index_holds_the_words_and_the_names(real_book):
    script = (real_book[1] / "web" / "search.js").read_text()
    index = __import__("json").loads(script.split("=", 1)[1].rstrip().rstrip(";"))
    pages_list = [name for name, _ in index["pages"]]
    assert pages_list[0] == "ch-colophon.html" or "ch-preface.html" in pages_list
    assert {pages_list[n] for n in index["words"]["timashuk"]} >= {"ch-03-ministry.html", "book-index.html"}
    assert any(h.startswith("Timashuk") and link.startswith("book-index.html#ix-") for h, link in index["names"])
    assert "etinger" in index["words"]  # accents off, lower case: what the search box types


def test_the_previews_and_no_sitemap_without_an_address(real_book):
    web = real_book[1] / "web"
    landing = (web / "index.html").read_text()
    assert '<meta property="og:title" content="The Investigator"/>' in landing
    assert '<meta name="description" content="A short biography' in landing
    assert "og:url" not in landing and not (web / "sitemap.xml").exists()  # absolute addresses only with [web] url


def test_a_web_address_gives_the_sitemap_and_the_absolute_previews(tmp_path):
    source = copy_root("basic", tmp_path)
    (source / "book.toml").write_text((source / "book.toml").read_text() + '\n[web]\nurl = "https://example.org/book"\n')
    assert build(source, "--web") == 0
    web = source / "dist" / "web"
    sitemap = (web / "sitemap.xml").read_text()
    assert "<loc>https://example.org/book/</loc>" in sitemap
    assert sitemap.count("<loc>") == len(list(web.glob("*.html")))
    landing = (web / "index.html").read_text()
    assert '<meta property="og:image" content="https://example.org/book/cover.png"/>' in landing


def test_a_web_address_that_is_not_one_is_an_author_error(tmp_path):
    source = copy_root("basic", tmp_path)
    (source / "book.toml").write_text((source / "book.toml").read_text() + '\n[web]\nurl = "example.org"\n')
    assert build(source, "--check") == 1


def test_web_alone_builds_only_the_site_with_the_print_page_numbers(tmp_path):
    source = copy_root("basic", tmp_path)
    assert build(source, "--web") == 0
    assert sorted(p.name for p in (source / "dist").iterdir()) == ["web"]  # no temporary folder left
    web = source / "dist" / "web"
    assert 'data-page="' in (web / "ch-one.html").read_text()
    assert 'class="download"' not in (web / "index.html").read_text()  # no PDF or EPUB built here yet
    assert build(source) == 0
    assert 'href="book.pdf"' in (web / "index.html").read_text()


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_two_builds_give_the_same_bytes(tmp_path):
    source = copy_root("thesis", tmp_path)
    assert build(source, "--no-cache") == 0
    first = _tree(source / "dist" / "web")
    assert build(source, "--no-cache") == 0
    assert _tree(source / "dist" / "web") == first
    # in another folder too, but for the PDF copied in, whose bytes depend on the folder (see the report)
    elsewhere = copy_root("thesis", tmp_path / "b")
    assert build(elsewhere, "--no-cache") == 0
    assert {k: v for k, v in _tree(elsewhere / "dist" / "web").items() if k != "book.pdf"} == \
        {k: v for k, v in first.items() if k != "book.pdf"}


def test_a_failed_build_keeps_the_last_good_site(tmp_path, monkeypatch):
    source = copy_root("basic", tmp_path)
    assert build(source) == 0
    before = _tree(source / "dist")
    chapter = source / "chapters" / "one.md"
    chapter.write_text(chapter.read_text() + "\nA new paragraph.\n")
    import book.writers.web.search as search
    monkeypatch.setattr(search, "index_script", lambda *a: (_ for _ in ()).throw(RuntimeError("disk trouble")))
    assert build(source) == 70  # the PDF and EPUB were written, but nothing is put in place without the site
    assert _tree(source / "dist") == before
    assert sorted(p.name for p in (source / "dist").iterdir()) == ["book.epub", "book.pdf", "web"]


def test_figures_tables_and_math(thesis):
    site = pages(thesis / "web")
    html = "".join(etree.tostring(t, encoding="unicode") for t in site.values())
    assert "<math" in html and "<table" in html and "<figure" in html
    # MathML is set in a face with a MATH table (STIX Two Math, the PDF's): Libertine has none
    assert (thesis / "web" / "fonts" / "math.woff2").read_bytes()[:4] == b"wOF2"
    assert 'font-family: "Book Math"' in (thesis / "web" / "style.css").read_text()
    for src in re.findall(r'<img[^>]* src="(images/[^"]+)"', html):
        assert (thesis / "web" / src).is_file(), src


def test_a_chinese_book_is_searched_by_its_characters(tmp_path):
    source = copy_root("cjk-book", tmp_path)
    assert build(source, "--web") == 0
    web = source / "dist" / "web"
    assert '<html lang="zh' in (web / "index.html").read_text()
    script = (web / "search.js").read_text()
    words = __import__("json").loads(script.split("=", 1)[1].rstrip().rstrip(";"))["words"]
    assert any(len(w) == 1 and "\u4e00" <= w <= "\u9fff" for w in words)
    assert "上一章" in (web / "index.html").read_text() or "下一章" in (web / "index.html").read_text()


def test_a_cast_of_characters_has_its_page(tmp_path):
    source = copy_root("biography", tmp_path)
    assert build(source, "--web") == 0
    web = source / "dist" / "web"
    cast = next(web.glob("*cast*.html"))
    assert cast.name in (web / "index.html").read_text()  # in the contents
    tree = pages(web)[cast.name]
    locators = [a.get("href") for a in tree.iter("a") if "#m" in a.get("href", "")]
    assert locators and all(a.split("#")[1] in ids(pages(web)[a.split("#")[0]]) for a in locators)
