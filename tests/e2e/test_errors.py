"""Every author mistake: a clear message with its place, a non-zero exit, and the last good book kept."""

import http.server
import os
import threading
from pathlib import Path

import pytest
from conftest import build, copy_root, epub_files, output_files

from book.paginate.fetcher import ManuscriptFetcher

pytestmark = pytest.mark.slow  # builds PDFs or EPUBs: not in the fast lane


@pytest.fixture
def book(tmp_path):
    """The basic manuscript with a good EPUB already built in dist/."""
    source = copy_root("basic", tmp_path)
    assert build(source, "--epub") == 0
    return source


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replace(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def write_bytes(path: Path, data: bytes) -> None:
    path.write_bytes(data)


CH = "chapters/two.md"
CASES = {
    "unknown key": (lambda s: append(s / CH, "\nA typo [@bernt].\n"),
                    f"{CH}:5: unknown citation key '@bernt'", "did you mean @brent?"),
    "malformed citation": (lambda s: append(s / CH, "\nBroken [see @; @brent].\n"),
                           f"{CH}:5: malformed citation", "write each source as @key"),
    "bib syntax error": (lambda s: append(s / "refs.bib", "\n@book{broken, title={never closed\n"),
                         "refs.bib:53: BibTeX syntax error: Unexpectedly reached end of file. (an entry is not closed", "check the braces"),
    "duplicate key": (lambda s: append(s / "refs.bib", "\n@book{brent, author={X, Y}, title={Z}}\n"),
                      "refs.bib:53: duplicate citation key 'brent'", "give each entry its own key"),
    "duplicate field": (lambda s: append(s / "refs.bib", "\n@book{dup, author={X, Y}, title={A}, title={B}}\n"),
                        "refs.bib:53: entry 'dup' has the field 'title' twice", "keep one of them"),
    "nothing to name it": (lambda s: append(s / "refs.bib", "\n@article{nameless, date={2000}}\n"),
                           "refs.bib:53: entry 'nameless' has no title, author or editor", "add title = {...}"),
    "chapter listed but missing": (lambda s: replace(s / "book.toml", '"chapters/two.md"]',
                                                     '"chapters/two.md", "chapters/three.md"]'),
                                   "chapters/three.md: file listed in book.toml not found", "check the name"),
    # A Markdown file beside the chapters but not listed is a draft: a warning (tests/e2e/test_metadata_build.py).
    "empty chapter": (lambda s: (s / CH).write_text("# The Second Chapter\n"),
                      f"{CH}:1: the chapter is empty", "write its text"),
    "no title": (lambda s: (s / CH).write_text("Text without a title.\n"),
                 f"{CH}:1: the file does not start with a title", "'# Chapter title'"),
    "heading level skipped": (lambda s: append(s / CH, "\n### Too deep\n\nText.\n"),
                              f"{CH}:5: heading level skipped: h1 is followed by h3", "use ##"),
    "undefined footnote": (lambda s: append(s / CH, "\nA call[^nope] without a note.\n"),
                           f"{CH}:5: footnote [^nope] is not defined", "[^nope]: the note's text"),
    "unused footnote": (lambda s: append(s / CH, "\n[^lonely]: A note nobody calls.\n"),
                        f"{CH}:5: footnote [^lonely] is defined but never used", "call it in the text"),
    "image missing": (lambda s: append(s / CH, "\n![A map](map.png)\n"),
                      f"{CH}:5: image 'map.png' not found", "check the file name"),
    "image unreadable": (lambda s: ((s / "chapters/map.png").write_bytes(b"not an image"),
                                    append(s / CH, "\n![A map](map.png)\n")),
                         f"{CH}:5: image 'map.png' cannot be read", "export it again"),
    "image outside the folder": (lambda s: append(s / CH, "\n![secret](../../../etc/hostname)\n"),
                                 f"{CH}:5: image '../../../etc/hostname' lies outside the manuscript folder",
                                 "copy the image into the manuscript folder"),
    "image symlink out of the folder": (lambda s: (os.symlink("/etc/hostname", s / "chapters/link.png"),
                                                   append(s / CH, "\n![x](link.png)\n")),
                                        f"{CH}:5: image 'link.png' lies outside the manuscript folder",
                                        "copy the image"),
    "remote image": (lambda s: append(s / CH, "\n![x](http://127.0.0.1:9/x.png)\n"),
                     f"{CH}:5: image 'http://127.0.0.1:9/x.png' is not a local file", "copy the image"),
    # Raw HTML is no longer an error: comments are ignored, a small subset kept, the rest a warning
    # (tests/e2e/test_pandoc_markdown.py); a <script> block still never reaches the book (below).
    "invalid utf-8": (lambda s: write_bytes(s / CH, b"# Title\n\nCaf\xe9 au lait.\n"),
                      f"{CH}:3:4: invalid UTF-8 (byte 0xe9)", "save the file as UTF-8"),
    "byte-order mark": (lambda s: write_bytes(s / CH, b"\xef\xbb\xbf# Title\n\nText.\n"),
                        f"{CH}:1:1: the file starts with a byte-order mark", "without BOM"),
    "metadata missing a field": (lambda s: replace(s / "book.toml", 'title = "A Test Book"\n', ""),
                                 "book.toml:1: [book] title is missing (it is required)", 'add title = "..."'),
    "metadata of the wrong type": (lambda s: replace(s / "book.toml", 'title = "A Test Book"', "title = 12"),
                                   "book.toml:2: [book] title must be a string, not an integer", "with quotes"),
    "metadata not toml": (lambda s: append(s / "book.toml", "\nthis is = not [valid\n"),
                          "book.toml:14: the metadata file is not valid TOML", "check quotes"),
    "names registry duplicate form": (
        lambda s: (append(s / "book.toml", ""), replace(s / "book.toml", 'bibliography = "refs.bib"',
                                                         'bibliography = "refs.bib"\nnames = "names.toml"'),
                   (s / "names.toml").write_text('[[person]]\nid = "brent"\nheading = "Brent, J."\n'
                                                 'forms = ["Brent", "Brent"]\n')),
        "names.toml:1: the form 'Brent' is listed twice for 'brent'", "list each form once"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_author_error(book, capsys, name):
    mutate, where_and_what, fix = CASES[name]
    before = (book / "dist" / "book.epub").read_bytes()
    mutate(book)
    assert build(book, "--epub") == 1
    err = capsys.readouterr().err
    assert f"{book}/{where_and_what}" in err, err
    assert "fix: " in err and fix in err, err
    assert "Traceback" not in err
    assert (book / "dist" / "book.epub").read_bytes() == before
    assert sorted(p.name for p in (book / "dist").iterdir()) == ["book.epub"]


def test_all_errors_of_a_run_are_reported_together(book, capsys):
    append(book / CH, "\nOne [@bernt]. Two[^nope]. Three:\n\n### skipped\n")
    assert build(book, "--epub") == 1
    err = capsys.readouterr().err
    assert err.count("error: ") == 3 and "3 error(s)" in err


def test_output_folder_that_cannot_be_written(book, capsys):
    blocker = book / "not-a-folder"
    blocker.write_text("a file where the output folder should be")
    from book.cli import main
    assert main(["--source", str(book), "--out", str(blocker / "dist"), "-q", "--epub"]) == 1
    assert f"{blocker}/dist: cannot create the output folder" in capsys.readouterr().err


def test_long_paragraph_is_a_warning_and_strict_makes_it_an_error(book, capsys):
    append(book / CH, "\n" + "word " * 400 + "\n")
    assert build(book, "--check") == 0
    assert f"{CH}:5: a very long paragraph (400 words)" in capsys.readouterr().err
    assert build(book, "--check", "--strict") == 1


def test_interrupted_build_keeps_the_last_good_book(book, monkeypatch, capsys):
    import book.writers.epub as writer
    before = (book / "dist" / "book.epub").read_bytes()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(writer, "normalise_zip", interrupted)
    assert build(book, "--epub", "--no-cache") == 130
    assert (book / "dist" / "book.epub").read_bytes() == before
    assert sorted(p.name for p in (book / "dist").iterdir()) == ["book.epub"]


def test_failed_pdf_keeps_both_previous_outputs(tmp_path, monkeypatch):
    source = copy_root("basic", tmp_path)
    assert build(source) == 0
    before = output_files(source / "dist")
    import book.writers.epub as writer
    monkeypatch.setattr(writer, "normalise_zip", lambda *a: (_ for _ in ()).throw(RuntimeError("disk full")))
    assert build(source, "--no-cache") == 70  # the PDF was written, but it is not put in place without its EPUB
    assert output_files(source / "dist") == before


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (the standard library's name)
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"body { color: red }")

    def log_message(self, *args):
        pass


def test_url_fetcher_serves_only_manuscript_files_and_never_the_network(tmp_path):
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        root = tmp_path / "m"
        root.mkdir()
        (root / "ok.png").write_bytes(b"\x89PNG\r\n\x1a\n")
        (root / "out.png").symlink_to("/etc/hostname")
        fetcher = ManuscriptFetcher([root])
        assert fetcher((root / "ok.png").as_uri()).read().startswith(b"\x89PNG")
        for url in [f"http://127.0.0.1:{server.server_port}/style.css", "file:///etc/passwd",
                    (root / ".." / ".." / "etc" / "passwd").as_uri(), (root / "out.png").as_uri(),
                    "data:text/css,body{}", "ftp://127.0.0.1/x"]:
            with pytest.raises(ValueError, match="only files inside the manuscript folder"):
                fetcher(url)
        assert _Recorder.requests == []
        assert len(fetcher.refused) == 6
    finally:
        server.shutdown()


def test_a_script_in_a_chapter_never_reaches_the_book(tmp_path):
    source = copy_root("basic", tmp_path)
    append(source / CH, "\n<script>alert(1)</script>\n\nText <script>alert(2)</script> after.\n")
    assert build(source) == 0
    files = epub_files(source / "dist" / "book.epub")
    assert not [name for name, text in files.items() if "<script" in text or "alert(1)" in text]
