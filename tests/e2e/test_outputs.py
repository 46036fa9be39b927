"""What each kind of run writes: `--epub` alone the same EPUB as a full build; `--strict` nothing
at all when the layout warns."""

import re

import pytest
from conftest import copy_root, make_manuscript, output_files, run_cli

from book.cli import main

pytestmark = pytest.mark.slow  # builds PDFs or EPUBs: not in the fast lane


def test_epub_alone_is_the_full_builds_epub_byte_for_byte(tmp_path):
    source = copy_root("basic", tmp_path)
    assert main(["--source", str(source), "--out", str(tmp_path / "epub-only"), "-q", "--no-cache", "--epub"]) == 0
    assert main(["--source", str(source), "--out", str(tmp_path / "full"), "-q", "--no-cache"]) == 0
    assert sorted(p.name for p in (tmp_path / "epub-only").iterdir()) == ["book.epub"]
    only, full = (tmp_path / "epub-only" / "book.epub").read_bytes(), (tmp_path / "full" / "book.epub").read_bytes()
    assert only == full


# A note longer than a page, in paragraphs short enough not to be warned about themselves.
PARAGRAPH = " ".join(["A note far too long for any page, so its call and its text cannot share one."] * 16)
HUGE_NOTE = "\n\n".join(("    " if n else "") + PARAGRAPH for n in range(4))


def test_strict_fails_on_a_layout_warning_and_writes_nothing(tmp_path):
    source = make_manuscript(tmp_path / "m", {"a.md": "# Long Note\n\nA paragraph that calls a huge note.[^huge]\n\n"
                                              "A second paragraph.\n\n" f"[^huge]: {HUGE_NOTE}\n"})
    warned = run_cli(source, "--out", str(tmp_path / "lenient"), "--no-cache")
    assert warned.returncode == 0, warned.stderr
    assert "is called on page" in warned.stderr  # the layout's warning, not the manuscript's
    strict = run_cli(source, "--out", str(tmp_path / "strict"), "--no-cache", "--strict")
    assert strict.returncode == 1, strict.stderr
    assert "is called on page" in strict.stderr and "error:" in strict.stderr
    assert not (tmp_path / "strict").exists() or list((tmp_path / "strict").iterdir()) == []
    # ... and a strict run over the last good book leaves it as it was
    before = output_files(tmp_path / "lenient")
    again = run_cli(source, "--out", str(tmp_path / "lenient"), "--no-cache", "--strict")
    assert again.returncode == 1
    assert output_files(tmp_path / "lenient") == before


def test_what_the_pdf_engine_says_is_a_warning_naming_the_part(tmp_path):
    # An SVG whose <image> points at one of its own shapes: nothing the reader refuses (the
    # reference stays inside the image), but WeasyPrint cannot render it and logs so. That used
    # to vanish under a log level; now the author hears it, named with the part.
    source = make_manuscript(tmp_path / "m", {"a.md": "# Pictures\n\nText.\n\n![a broken drawing](bad.svg)\n"})
    (source / "chapters" / "bad.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
                                                 '<circle id="c" r="3"/><image href="#c" width="10" height="10"/></svg>')
    warned = run_cli(source, "--no-cache", "--pdf")
    assert warned.returncode == 0, warned.stderr
    said = re.search(r"chapters/a\.md: weasyprint says \((laying out|writing) 'Pictures'\): Failed to (load|render)",
                     warned.stderr)
    assert said, warned.stderr
    assert run_cli(source, "--no-cache", "--pdf", "--strict").returncode == 1


def test_a_book_the_engine_can_render_gets_no_word_from_it(basic_book):
    # The blank pages and every part pass WeasyPrint's own PDF/UA checks (the blank page once
    # lacked a lang), so a clean build hears nothing from the engine.
    source = basic_book.parent
    result = run_cli(source, "--no-cache", "--out", str(source / "again"))
    assert result.returncode == 0 and "weasyprint says" not in result.stderr
