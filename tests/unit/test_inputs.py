"""Files the manuscript names are read only when they are regular files inside its folder: an
outside path, a device, a FIFO or a huge file is refused before any byte is read."""

import os
import threading
from pathlib import Path

from book.build.pipeline import read_book
from book.errors import Report
from book.files import MAX_BYTES

BOOK = ('[book]\ntitle = "T"\nauthor = "A"\nlanguage = "en"\nidentifier = "urn:uuid:00000000-0000-4000-8000-000000000002"\n'
        'date = "2026-01-01"\nrights = "R"\n\n[files]\nchapters = [{chapters}]\n')


def manuscript(tmp_path: Path, *chapters: str) -> Path:
    root = tmp_path / "book"
    (root / "chapters").mkdir(parents=True)
    (root / "chapters" / "a.md").write_text("# A\n\nText.\n")
    (root / "book.toml").write_text(BOOK.format(chapters=", ".join(f'"{c}"' for c in chapters)))
    return root


def messages(root: Path) -> str:
    report = Report()
    done = threading.Event()
    result: list = []

    def run():
        result.append(read_book(root, report))
        done.set()
    threading.Thread(target=run, daemon=True).start()
    assert done.wait(20), "reading the manuscript hung"
    return "\n".join(str(p) for p in report.errors + report.warnings)


def test_an_outside_chapter_is_reported_and_never_read(tmp_path):
    secret = tmp_path / "secret.md"
    secret.write_text("# Secret\n\nThe launch codes are 0000.\n\n[^x]: a note never called, which a read would report\n")
    root = manuscript(tmp_path, "chapters/a.md", "../secret.md")
    said = messages(root)
    assert "'../secret.md' lies outside the manuscript folder" in said
    assert "launch codes" not in said and "never used" not in said  # not parsed: no message about its text


def test_an_absolute_device_is_refused_without_reading_it(tmp_path):
    root = manuscript(tmp_path, "chapters/a.md", "/dev/zero")
    assert "'/dev/zero' lies outside the manuscript folder" in messages(root)  # returns at once


def test_a_fifo_inside_the_folder_is_refused_without_blocking(tmp_path):
    root = manuscript(tmp_path, "chapters/a.md", "chapters/pipe.md")
    os.mkfifo(root / "chapters" / "pipe.md")
    assert "chapters/pipe.md: this is not a regular file" in messages(root)


def test_a_huge_file_is_refused_with_its_size(tmp_path):
    root = manuscript(tmp_path, "chapters/a.md", "chapters/huge.md")
    with open(root / "chapters" / "huge.md", "wb") as huge:
        huge.truncate(MAX_BYTES + 1)  # sparse: costs no disk
    assert "chapters/huge.md: the file is 20.0 MB, more than a manuscript file may be (20 MB)" in messages(root)


def test_a_symlink_out_of_the_folder_is_outside(tmp_path):
    outside = tmp_path / "elsewhere.md"
    outside.write_text("# Elsewhere\n\nText from elsewhere.\n")
    root = manuscript(tmp_path, "chapters/a.md", "chapters/link.md")
    (root / "chapters" / "link.md").symlink_to(outside)
    assert "'chapters/link.md' lies outside the manuscript folder" in messages(root)


def test_links_to_scripts_or_local_files_are_not_kept(tmp_path):
    root = manuscript(tmp_path, "chapters/a.md")
    (root / "chapters" / "a.md").write_text("# A\n\n[click](javascript:alert(1)), [local](file:///etc/passwd), "
                                            "[web](https://example.org), [mail](mailto:a@example.org), "
                                            "[doi](doi:10.1000/182) and [@evil].\n")
    (root / "refs.bib").write_text("@online{evil, title={Evil}, url={javascript:alert(2)}, organization={X}}\n")
    (root / "book.toml").write_text((root / "book.toml").read_text() + 'bibliography = "refs.bib"\n')
    report = Report()
    book = read_book(root, report)
    said = "\n".join(str(p) for p in report.warnings)
    assert "the link to 'javascript:alert(1)' is not kept" in said and "the link to 'file:///etc/passwd'" in said
    assert "entry 'evil' has the url 'javascript:alert(2)'" in said
    from book.model import Element, walk
    hrefs = [n.attrs["href"] for s in book.sections for n in walk(s.blocks) if isinstance(n, Element) and n.tag == "a"]
    assert hrefs == ["https://example.org", "mailto:a@example.org", "https://doi.org/10.1000/182"]


def test_a_chapter_listed_twice_is_an_error(tmp_path):
    root = manuscript(tmp_path, "chapters/a.md", "chapters/a.md")
    assert "'chapters/a.md' is listed twice" in messages(root)


def test_control_characters_are_left_out_and_pointed_at(tmp_path):
    root = manuscript(tmp_path, "chapters/a.md")
    (root / "chapters" / "a.md").write_text("# A\n\nText with a form feed\x0c here and a NUL\x00.\n")
    report = Report()
    book = read_book(root, report)
    assert "chapters/a.md:3:22: a control character (U+000C) is left out (and 1 more)" in str(report.warnings[0])
    from book.model import plain_text
    assert plain_text(book.sections[0].blocks[0].children) == "Text with a form feed here and a NUL."


def test_a_link_to_no_label_is_text_with_a_warning_and_a_label_link_lands(tmp_path):
    root = manuscript(tmp_path, "chapters/a.md")
    (root / "chapters" / "a.md").write_text("# A {#sec:a}\n\nSee [the start](#sec:a) and [nowhere](#sec:nowhere).\n")
    report = Report()
    book = read_book(root, report)
    assert "the link to '#sec:nowhere' goes to no label of the book" in "\n".join(str(w) for w in report.warnings)
    from book.model import Element, walk
    links = [n for n in walk(book.sections[0].blocks) if isinstance(n, Element) and n.tag == "a"]
    assert [link.attrs["href"] for link in links] == [f"#{book.sections[0].id}"]


def test_bibtex_mistakes_are_author_errors_not_internal_ones(tmp_path):
    root = manuscript(tmp_path, "chapters/a.md")
    (root / "refs.bib").write_text("@book{weird, author = {Smith, John, Jr, Extra}, title = {W}, publisher = {P}, "
                                   "year = {2000}, month = {13}}\n@article{m0, author = {Doe, Jane}, title = {Z}, "
                                   "journaltitle = {J}, date = {2001-00}}\n")
    (root / "book.toml").write_text((root / "book.toml").read_text() + 'bibliography = "refs.bib"\n')
    (root / "chapters" / "a.md").write_text("# A\n\nCiting [@weird] and [@m0].\n")
    said = messages(root)
    assert "refs.bib:1: entry 'weird': the author list cannot be read" in said
    assert "refs.bib:1: entry 'weird' has a month that does not exist (13)" in said
    assert "refs.bib:2: entry 'm0' has a month that does not exist (2001-00)" in said
