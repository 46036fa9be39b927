"""Every limit is a message: text nested deeper than the parser reads is an error with its line,
never lost with exit 0; nesting that real manuscripts use is read whole."""

from __future__ import annotations

from book.errors import Report
from book.model import plain_text
from book.readers.markdown import read_section


def _read(tmp_path, body: str):
    chapter = tmp_path / "one.md"
    chapter.write_text("# One\n\n" + body, encoding="utf-8")
    report = Report()
    return read_section(chapter, tmp_path, "chapter", report), report


def test_a_list_nested_twelve_deep_is_read_whole(tmp_path):
    body = "".join("  " * i + f"- level {i}\n" for i in range(12)) + "\nAfter the list.\n"
    section, report = _read(tmp_path, body)
    text = plain_text(section.blocks)
    assert "level 11" in text and "After the list." in text and not report.errors


def test_a_quotation_nested_thirty_deep_is_read_whole(tmp_path):
    body = "".join(">" * i + f" quoted {i}\n\n" for i in range(1, 31)) + "After.\n"
    section, report = _read(tmp_path, body)
    text = plain_text(section.blocks)
    assert "quoted 30" in text and "After." in text and not report.errors


def test_nesting_past_the_limit_is_an_error_at_its_line(tmp_path):
    body = "".join("  " * i + f"- level {i}\n" for i in range(40)) + "\nAfter the list.\n"
    _, report = _read(tmp_path, body)
    errors = [e for e in report.errors if "nested more than" in e.message]
    assert errors and errors[0].location.line is not None and errors[0].location.line > 3
    assert "flatten" in errors[0].hint


def test_a_word_longer_than_a_line_is_named_with_its_line(tmp_path):
    from conftest import make_manuscript

    from book.build.pipeline import read_book
    word = "1234567890" * 8  # no hyphenation point in it: a compound the dictionary can break is not named
    compound = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft"
    root = make_manuscript(tmp_path / "m", {"one.md": f"# One\n\nA short line {compound}.\n\nThe {word} met.\n\n"
                                                     "`" + word + "` in code, and <https://example.org/" + word + ">\n"})
    report = Report()
    read_book(root, report)
    found = [w for w in report.warnings if "longer than a line" in w.message]
    assert len(found) == 1 and found[0].location.line == 5 and "soft hyphens" in found[0].hint
