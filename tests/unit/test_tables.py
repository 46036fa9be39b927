"""Pandoc's simple, multiline and grid tables and table captions: the parser plugin
(book/readers/markdown/tables/) and the reader's rules for its tokens (rules/tables.py)."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from book.readers.markdown.parser import make_parser

MD = make_parser()  # the plugin is in the parser's chain: adding it again would run every rule twice


class Table:
    """The first table of a token stream, as rows of (tag, text, align) cells."""

    def __init__(self, tokens, index=0):
        opens = [i for i, t in enumerate(tokens) if t.type == "table_open"]
        start = opens[index]
        self.open = tokens[start]
        self.tokens = []
        depth = 0
        for token in tokens[start:]:
            self.tokens.append(token)
            depth += token.nesting if token.type.startswith("table") and not token.type.startswith("table_caption") else 0
            if token.type == "table_close" and depth == 0:
                break
        self.sections = {}
        self.caption = None
        section = None
        for i, token in enumerate(self.tokens):
            if token.type in ("thead_open", "tbody_open", "tfoot_open"):
                section = token.tag
                self.sections[section] = []
            elif token.type == "tr_open":
                self.sections[section].append([])
            elif token.type in ("th_open", "td_open"):
                inline = self.tokens[i + 1]
                text = inline.content if inline.type == "inline" else inline.type
                self.sections[section][-1].append((token.tag, text, token.attrs.get("style", "")))
            elif token.type == "table_caption_open":
                self.caption = self.tokens[i + 1].content

    def texts(self, section):
        return [[text for _, text, _ in row] for row in self.sections.get(section, [])]

    def aligns(self, section):
        return [style.replace("text-align:", "") for _, _, style in self.sections[section][0]]


def table(text, index=0):
    return Table(MD.parse(text), index)


def visible_text(html: str) -> str:
    class Collect(HTMLParser):
        def __init__(self):
            super().__init__()
            self.out = []

        def handle_data(self, data):
            self.out.append(data)

    collect = Collect()
    collect.feed(html)
    return " ".join(collect.out)


def letters(text: str) -> Counter:
    return Counter(c for c in text if c.isalnum())


# -- simple tables (pandoc manual, "Simple tables") ---------------------------------------

SIMPLE = """\
  Right     Left     Center     Default
-------     ------ ----------   -------
     12     12        12            12
    123     123       123          123
      1     1          1             1

Table:  Demonstration of simple table syntax.
"""

HEADERLESS_SIMPLE = """\
-------     ------ ----------   -------
     12     12        12             12
    123     123       123           123
      1     1          1              1
-------     ------ ----------   -------
"""


def test_simple_table_rows_cells_and_alignment():
    t = table(SIMPLE)
    assert t.texts("thead") == [["Right", "Left", "Center", "Default"]]
    assert t.texts("tbody") == [["12"] * 4, ["123"] * 4, ["1"] * 4]
    assert t.aligns("thead") == ["right", "left", "center", ""]
    assert t.aligns("tbody") == ["right", "left", "center", ""]
    assert t.caption == "Demonstration of simple table syntax."
    assert "data-widths" not in t.open.attrs  # pandoc gives simple tables no widths


def test_simple_table_renders_as_html_table():
    html = MD.render(SIMPLE)
    assert html.startswith("<table>\n<caption>Demonstration of simple table syntax.</caption>\n<thead>")
    assert '<th style="text-align:right">Right</th>' in html
    assert "<th>Default</th>" in html
    assert html.count("<tr>") == 4


def test_headerless_simple_table_takes_alignment_from_the_first_row():
    t = table(HEADERLESS_SIMPLE)
    assert "thead" not in t.sections
    assert t.texts("tbody") == [["12"] * 4, ["123"] * 4, ["1"] * 4]
    assert t.aligns("tbody") == ["right", "left", "center", "right"]


def test_simple_table_may_end_with_a_dashed_line_and_cells_may_be_empty():
    t = table("a     b\n----- -----\n1\n  x   y\n----- -----\n\nafter\n")
    assert t.texts("tbody") == [["1", ""], ["x", "y"]]
    assert "<p>after</p>" in MD.render("a     b\n----- -----\n1\n  x   y\n----- -----\n\nafter\n")


def test_simple_table_cells_are_inline_markdown():
    html = MD.render("Name    Note\n------  ------\n*Ann*   `x`\n")
    assert ">Name</th>" in html and "><em>Ann</em></td>" in html and "><code>x</code></td>" in html


def test_one_column_or_header_only_is_not_a_simple_table():
    assert "<table>" not in MD.render("Title\n-----\n")  # a setext heading
    assert "<table>" not in MD.render("-----\nfoo\n-----\n")  # a rule and a heading
    assert "<table>" not in MD.render("a   b\n--- ---\n\ntext\n")  # no row: paragraph and rule


# -- multiline tables ---------------------------------------------------------------------

MULTILINE = """\
-------------------------------------------------------------
 Centered   Default           Right Left
  Header    Aligned         Aligned Aligned
----------- ------- --------------- -------------------------
   First    row                12.0 Example of a row that
                                    spans multiple lines.

  Second    row                 5.0 Here's another one. Note
                                    the blank line between
                                    rows.
-------------------------------------------------------------

Table: Here's the caption. It, too, may span
multiple lines.
"""

HEADERLESS_MULTILINE = """\
----------- ------- --------------- -------------------------
   First    row                12.0 Example of a row that
                                    spans multiple lines.

  Second    row                 5.0 Here's another one. Note
                                    the blank line between
                                    rows.
----------- ------- --------------- -------------------------

: Here's a multiline table without a header.
"""


def test_multiline_table():
    t = table(MULTILINE)
    assert t.texts("thead") == [["Centered Header", "Default Aligned", "Right Aligned", "Left Aligned"]]
    assert t.texts("tbody") == [
        ["First", "row", "12.0", "Example of a row that spans multiple lines."],
        ["Second", "row", "5.0", "Here's another one. Note the blank line between rows."],
    ]
    assert t.aligns("thead") == ["center", "", "right", "left"]
    assert t.caption == "Here's the caption. It, too, may span\nmultiple lines."
    assert t.open.attrs["data-widths"] == "20,13,26,41"  # 12, 8, 16, 25 columns of 61
    assert t.open.map == [0, 11]


def test_headerless_multiline_table():
    t = table(HEADERLESS_MULTILINE)
    assert "thead" not in t.sections
    assert len(t.texts("tbody")) == 2
    assert t.texts("tbody")[1][3] == "Here's another one. Note the blank line between rows."
    assert t.aligns("tbody") == ["center", "left", "right", "left"]
    assert t.caption == "Here's a multiline table without a header."


def test_multiline_table_without_closing_dashes_keeps_its_text():
    text = "------------\n a      b\n---- ----\n one  two\n\n three four\n\nend\n"
    html = MD.render(text)
    assert "data-widths" not in html  # no multiline table; (the lines under the rule are a simple one)
    assert letters(visible_text(html)) == letters(text)


# -- grid tables --------------------------------------------------------------------------

GRID = """\
: Sample grid table.

+---------------+---------------+--------------------+
| Fruit         | Price         | Advantages         |
+===============+===============+====================+
| Bananas       | $1.34         | - built-in wrapper |
|               |               | - bright color     |
+---------------+---------------+--------------------+
| Oranges       | $2.10         | - cures scurvy     |
|               |               | - tasty            |
+---------------+---------------+--------------------+
"""


def test_grid_table_with_a_list_in_a_cell():
    tokens = MD.parse(GRID)
    t = Table(tokens)
    assert t.caption == "Sample grid table."
    assert t.texts("thead") == [["Fruit", "Price", "Advantages"]]
    assert t.texts("tbody") == [["Bananas", "$1.34", "bullet_list_open"], ["Oranges", "$2.10", "bullet_list_open"]]
    assert t.open.attrs["data-widths"] == "30,30,40"
    items = [tok.content for tok in tokens if tok.type == "inline" and tok.level > 6]
    assert items == ["built-in wrapper", "bright color", "cures scurvy", "tasty"]
    lists = [tok for tok in tokens if tok.type == "bullet_list_open"]
    assert [tok.map for tok in lists] == [[5, 7], [8, 10]]  # file lines of the cell
    html = MD.render(GRID)
    assert "<td>\n<ul>\n<li>built-in wrapper</li>\n<li>bright color</li>\n</ul>\n</td>" in html


def test_grid_cell_with_two_paragraphs():
    text = "+-------+------+\n| one   | a    |\n|       |      |\n| two   |      |\n+-------+------+\n"
    html = MD.render(text)
    assert "<td>\n<p>one</p>\n<p>two</p>\n</td>" in html and "<td>a</td>" in html


def test_grid_alignment_after_header_and_on_top_line():
    t = table("+---------------+---------------+--------------------+\n"
              "| Right         | Left          | Centered           |\n"
              "+==============:+:==============+:==================:+\n"
              "| Bananas       | $1.34         | built-in wrapper   |\n"
              "+---------------+---------------+--------------------+\n")
    assert t.aligns("thead") == ["right", "left", "center"]
    assert t.aligns("tbody") == ["right", "left", "center"]
    t = table("+--------------:+:--------------+:------------------:+\n"
              "| Right         | Left          | Centered           |\n"
              "+---------------+---------------+--------------------+\n")
    assert "thead" not in t.sections
    assert t.texts("tbody") == [["Right", "Left", "Centered"]]
    assert t.aligns("tbody") == ["right", "left", "center"]


def test_grid_table_foot():
    t = table(" +---------------+---------------+\n"
              " | Fruit         | Price         |\n"
              " +===============+===============+\n"
              " | Bananas       | $1.34         |\n"
              " +---------------+---------------+\n"
              " | Oranges       | $2.10         |\n"
              " +===============+===============+\n"
              " | Sum           | $3.44         |\n"
              " +===============+===============+\n")
    assert t.texts("thead") == [["Fruit", "Price"]]
    assert t.texts("tbody") == [["Bananas", "$1.34"], ["Oranges", "$2.10"]]
    assert t.texts("tfoot") == [["Sum", "$3.44"]]


def test_grid_table_wide_characters_line_up_by_display_width():
    t = table("+------+-----+\n| 中文 | b   |\n+------+-----+\n")
    assert t.texts("tbody") == [["中文", "b"]]


SPANS = """\
+---------------------+----------+
| Property            | Earth    |
+=============+=======+==========+
|             | min   | -89.2 °C |
| Temperature +-------+----------+
| 1961-1990   | mean  | 14 °C    |
|             +-------+----------+
|             | max   | 56.7 °C  |
+-------------+-------+----------+
"""

ROW_SPAN = """\
+-------------+-------+
| Temperature | min   |
|             +-------+
|             | max   |
+-------------+-------+
"""


def _errors(text):
    return [t for t in MD.parse(text) if t.type == "table_error"]


def test_spans_are_refused_with_a_message_and_the_text_kept():
    (error,) = _errors(SPANS)
    assert "column spans are not supported" in error.content
    assert error.map == [0, 1] and error.meta == {"table": [0, 9]}
    html = MD.render(SPANS)
    assert "<table>" not in html and "Temperature" in html and "56.7" in html
    (error,) = _errors(ROW_SPAN)
    assert "row spans are not supported" in error.content and error.map == [2, 3]


def test_malformed_grid_tables_fall_back_to_a_paragraph():
    cases = {
        "+-----+-----+\n| a   | b   |\n| c   | d\n+-----+-----+\n": "out of line",
        "+-----+-----+\n| a   | b   |\n": "does not end with a border",
        "+-----+-----+\n| a   | b   |\n+-----+----+\n": "not as wide",
        "+-----+-----+\n| a   | b   |  c\n+-----+-----+\n": "past the table's right border",
    }
    for text, message in cases.items():
        (error,) = _errors(text)
        assert message in error.content, text
        html = MD.render(text)
        assert html.lstrip().startswith("<p>") and "<table" not in html
        assert letters(visible_text(html)) == letters(text)


def test_not_a_grid_table_is_left_alone_silently():
    assert not _errors("+---+\nplain text\n")
    assert MD.render("+ item\n").startswith("<ul>")


# -- captions -----------------------------------------------------------------------------


def test_pipe_table_caption_with_label_before_the_table():
    text = "Table: The *pipe* table. {#tbl:pipe}\n\n| a | b |\n|--:|:--|\n| 1 | 2 |\n"
    tokens = MD.parse(text)
    t = Table(tokens)
    assert t.open.attrs["id"] == "tbl:pipe"
    assert t.caption == "The *pipe* table."
    kinds = [tok.type for tok in tokens[:5]]
    assert kinds == ["table_open", "table_caption_open", "inline", "table_caption_close", "thead_open"]
    caption_inline = tokens[2]
    assert [c.type for c in caption_inline.children] == ["text", "em_open", "text", "em_close", "text"]
    assert tokens[1].level == 1 and tokens[2].level == 2 and tokens[1].map == [0, 1]
    html = MD.render(text)
    assert html.startswith('<table id="tbl:pipe">\n<caption>The <em>pipe</em> table.</caption>')


def test_caption_after_wins_only_when_there_is_none_before():
    text = ("Table: first\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
            ": second\n\n| c | d |\n|---|---|\n| 3 | 4 |\n\n: third\n")
    assert [table(text, i).caption for i in range(2)] == ["first", "second"]
    assert "<p>: third</p>" in MD.render(text)  # the first table already has its caption
    text = "| a | b |\n|---|---|\n| 1 | 2 |\n\n: after {#tbl:x}\n\n| c | d |\n|---|---|\n| 3 | 4 |\n"
    first, second = table(text, 0), table(text, 1)
    assert first.caption == "after" and first.open.attrs["id"] == "tbl:x" and second.caption is None


def test_caption_paragraph_not_next_to_a_table_stays_a_paragraph():
    assert MD.render("Table: nothing here\n\ntext\n") == "<p>Table: nothing here</p>\n<p>text</p>\n"
    assert MD.render(":nospace\n\n| a |\n|---|\n| 1 |\n").startswith("<p>:nospace</p>")


def test_a_label_alone_is_not_dropped():
    t = table("Table: {#tbl:x}\n\n| a |\n|---|\n| 1 |\n")
    assert t.caption == "{#tbl:x}" and "id" not in t.open.attrs


# -- token maps ---------------------------------------------------------------------------


def test_every_opening_table_token_has_a_map():
    for text in (SIMPLE, HEADERLESS_SIMPLE, MULTILINE, HEADERLESS_MULTILINE, GRID):
        t = table(text)
        for token in t.tokens:
            if token.nesting == 1 or token.type == "inline":
                assert token.map and token.map[0] < token.map[1], (token.type, text[:20])


def test_tables_inside_a_blockquote_and_a_list():
    html = MD.render("> a     b\n> ----- -----\n> 1     2\n\n- +---+---+\n  | x | y |\n  +---+---+\n")
    assert html.count("<table") == 2 and "<td>y</td>" in html


# -- big inputs (their time is measured by bench/pathological.py, side by side at N and 2N) ----


def test_a_2000_row_grid_table_is_read_whole():
    rows = "".join(f"| row {i:<5} | {i * 3:<8} | text {i:<9} |\n+-----------+----------+----------------+\n"
                   for i in range(2000))
    text = "+-----------+----------+----------------+\n| a         | b        | c              |\n" \
           "+===========+==========+================+\n" + rows
    assert sum(t.type == "tr_open" for t in MD.parse(text)) == 2001


def test_5000_lines_of_dashes_and_pipes_lose_no_text():
    block = ["----", "A", "--- ---", "B", "", "| x | y", "+--+--+", "-- -- --", "|", "---------- -"]
    for text in ("\n".join(block[i % len(block)] for i in range(5000)) + "\n", "-- --\nA\n" * 2500,
                 "-------\nA\n--- ---\nB\n\n" * 1000):
        html = MD.render(text)
        assert html.count("A") >= text.count("A")


# -- garbage ------------------------------------------------------------------------------

# make_parser() is cached and shared: disable the pipe tables on a parser of this test's own.
NO_PIPES = getattr(make_parser, "__wrapped__", make_parser)().disable("table")
LINES = ["+---+---+", "+===+===+", "| a | b |", "|   | c |", "+:--+--:+", "--- ---", "-------",
         "a   b", "", "Table: x", ": y", "+-+", "| - q |", "  --  --", "|---|---|", "+---+", "z"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(LINES), st.text(alphabet="+-|=: ab\n", max_size=30)), max_size=25))
def test_garbage_never_raises_and_never_loses_text(lines):
    text = "\n".join(lines)
    MD.parse(text)
    # markdown-it's own pipe tables drop the cells past the header's count: leave them out here.
    html = NO_PIPES.render(text)
    kept = letters(visible_text(html))
    # The caption prefix "Table:" is the only text a table takes away; a fenced div's opening
    # line (`::: a`) names its classes, which are not text.
    expected = letters(re.sub(r"(?m)^\s*:::+.*$", "", re.sub(r"(?m)^\s*Table:", "", text)))
    assert not expected - kept, (text, html)


# -- the model: book.readers.markdown.read_section and rules/tables.py --------------------

def read_chapter(tmp_path, body: str):
    """A chapter file of `body` under a title, read as the build reads it: (blocks, report)."""
    from book.errors import Report
    from book.readers.markdown import read_section
    path = tmp_path / "chapter.md"
    path.write_text("# Chapter\n\n" + body, encoding="utf-8")
    report = Report()
    section = read_section(path, tmp_path, "chapter", report)
    assert section is not None and not report.errors, [str(e) for e in report.errors]
    return section.blocks, report


def the_table(blocks):
    from book.model import Element
    (found,) = [b for b in blocks if isinstance(b, Element) and b.tag == "table"]
    return found


def model_rows(element, section):
    from book.model import Element, plain_text
    (part,) = [c for c in element.children if isinstance(c, Element) and c.tag == section]
    return [[(cell.tag, plain_text(cell.children), cell.attrs.get("class", "")) for cell in row.children]
            for row in part.children if isinstance(row, Element)]


def child_tags(element):
    from book.model import Element
    return [c.tag for c in element.children if isinstance(c, Element)]


def widths_of(element):
    from book.model import Element
    (colgroup,) = [c for c in element.children if isinstance(c, Element) and c.tag == "colgroup"]
    assert all(isinstance(c, Element) and c.tag == "col" and not c.children for c in colgroup.children)
    return [c.attrs["style"] for c in colgroup.children if isinstance(c, Element)]


def caption_text(element):
    from book.model import plain_text
    first = element.children[0]
    assert first.tag == "caption", child_tags(element)
    return plain_text(first.children)


def test_model_of_a_pipe_table_with_a_labelled_caption(tmp_path):
    blocks, report = read_chapter(tmp_path, "Table: The *pipe* table. {#tbl:pipe}\n\n| a | b |\n|--:|:--|\n| 1 | 2 |\n")
    t = the_table(blocks)
    assert t.attrs == {"id": "tbl:pipe"}  # the label: the cross-references transform numbers it
    assert child_tags(t) == ["caption", "thead", "tbody"]
    assert caption_text(t) == "The pipe table."
    assert child_tags(t.children[0]) == ["em"]
    assert model_rows(t, "thead") == [[("th", "a", "align-right"), ("th", "b", "align-left")]]
    assert model_rows(t, "tbody") == [[("td", "1", "align-right"), ("td", "2", "align-left")]]
    assert not report.warnings and len(blocks) == 1


def test_model_of_a_simple_table(tmp_path):
    t = the_table(read_chapter(tmp_path, SIMPLE)[0])
    assert child_tags(t) == ["caption", "thead", "tbody"]  # no widths: no colgroup
    assert caption_text(t) == "Demonstration of simple table syntax."
    assert "id" not in t.attrs
    assert model_rows(t, "thead") == [[("th", "Right", "align-right"), ("th", "Left", "align-left"),
                                       ("th", "Center", "align-center"), ("th", "Default", "")]]
    assert [[text for _, text, _ in row] for row in model_rows(t, "tbody")] == [["12"] * 4, ["123"] * 4, ["1"] * 4]


def test_model_of_a_multiline_table_has_its_widths(tmp_path):
    t = the_table(read_chapter(tmp_path, MULTILINE)[0])
    assert child_tags(t) == ["caption", "colgroup", "thead", "tbody"]
    assert widths_of(t) == ["width: 20%", "width: 13%", "width: 26%", "width: 41%"]
    assert caption_text(t) == "Here\u2019s the caption. It, too, may span multiple lines."  # softbreak: a space
    assert [text for _, text, _ in model_rows(t, "thead")[0]] == [
        "Centered Header", "Default Aligned", "Right Aligned", "Left Aligned"]
    assert model_rows(t, "tbody")[0][3] == ("td", "Example of a row that spans multiple lines.", "align-left")


def test_model_of_a_grid_table_with_blocks_in_cells_and_a_foot(tmp_path):
    from book.model import Element
    text = ("+-------+-----------------+\n| Fruit | Notes           |\n+=======+=================+\n"
            "| Apple | - red           |\n|       | - round         |\n+-------+-----------------+\n"
            "| Pear  | one             |\n|       |                 |\n|       | two             |\n"
            "+=======+=================+\n| Sum   | 2               |\n+=======+=================+\n\n"
            ": Fruit. {#tbl:fruit}\n")
    t = the_table(read_chapter(tmp_path, text)[0])
    assert t.attrs == {"id": "tbl:fruit"}
    assert child_tags(t) == ["caption", "colgroup", "thead", "tbody", "tfoot"]
    assert caption_text(t) == "Fruit."
    assert widths_of(t) == ["width: 31%", "width: 69%"]  # 8 and 18 columns between the '+'s
    (apple, pear) = [row for row in the_part(t, "tbody").children if isinstance(row, Element)]
    (listing,) = apple.children[1].children
    assert listing.tag == "ul" and [li.tag for li in listing.children] == ["li", "li"]
    assert [p.tag for p in pear.children[1].children] == ["p", "p"]
    assert model_rows(t, "tfoot") == [[("td", "Sum", ""), ("td", "2", "")]]


def the_part(element, tag):
    from book.model import Element
    (part,) = [c for c in element.children if isinstance(c, Element) and c.tag == tag]
    return part


def test_a_malformed_grid_table_is_a_warning_and_its_lines_are_kept(tmp_path):
    from book.model import Element, plain_text
    text = "Before.\n\n+-----+-----+\n| a   | b   |\n| c   | d\n+-----+-----+\n\nAfter.\n"
    blocks, report = read_chapter(tmp_path, text)
    assert not any(isinstance(b, Element) and b.tag == "table" for b in blocks)
    (warning,) = report.warnings
    assert warning.location.line == 7  # "| c   | d", under the title and its blank line
    assert warning.location.path == tmp_path / "chapter.md"
    assert "grid table" in warning.message and "out of line" in warning.message
    assert "(lines 5-8)" in warning.message
    before, kept, after = blocks
    assert kept.tag == "p" and [plain_text(b.children) for b in (before, after)] == ["Before.", "After."]
    lines = [plain_text([c]) for c in kept.children if not (isinstance(c, Element) and c.tag == "br")]
    assert lines == ["+-----+-----+", "| a   | b   |", "| c   | d", "+-----+-----+"]  # as written: no "±"
    assert [c.tag for c in kept.children if isinstance(c, Element)] == ["br", "br", "br"]


def test_a_grid_table_with_spans_is_a_warning_naming_the_spans(tmp_path):
    blocks, report = read_chapter(tmp_path, ROW_SPAN)
    (warning,) = report.warnings
    assert "row spans are not supported" in warning.message and warning.location.line == 5


def test_the_renderer_writes_caption_colgroup_and_col(tmp_path):
    from book.model import Section
    from book.words import words_for
    from book.writers.notes import EndNotes
    from book.writers.xhtml import section_html
    blocks, _ = read_chapter(tmp_path, MULTILINE)
    section = Section("chapter", [], blocks, id="c")
    html = section_html(section, EndNotes(words_for("en")), words_for("en"))
    assert "<table><caption>Here\u2019s the caption. It, too, may span multiple lines.</caption>\n<colgroup>" in html
    assert '<colgroup><col style="width: 20%" />' in html and html.count("<col ") == 4
    assert "</col>" not in html and '<col style="width: 41%" /></colgroup>\n<thead>' in html


def test_a_caption_after_one_table_and_one_before_the_next_are_not_a_definition_list():
    text = ("| a | b |\n|---|---|\n| 1 | 2 |\n\nTable: X {#tbl:a}\n\n: Y {#tbl:b}\n\n"
            "| c | d |\n|---|---|\n| 3 | 4 |\n\nTerm\n\n: definition\n")
    first, second = table(text, 0), table(text, 1)
    assert (first.caption, first.open.attrs["id"]) == ("X", "tbl:a")
    assert (second.caption, second.open.attrs["id"]) == ("Y", "tbl:b")
    assert MD.render(text).endswith("<dl>\n<dt>Term</dt>\n<dd>definition</dd>\n</dl>\n")  # deflists still work
