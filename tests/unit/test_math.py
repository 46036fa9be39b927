"""TeX math renders as MathML for the EPUB and as SVG for the PDF, and never raises."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from book.errors import Report
from book.model import Element, Math, Text
from book.readers.markdown import read_section
from book.readers.markdown.mathlabels import math_labels_plugin
from book.readers.markdown.parser import make_parser
from book.writers.math import MATHML_NS, SVG_NS, mathml, render_math, svg, unknown_macros

ROOT = Path(__file__).resolve().parents[2]

# Every macro and environment authors may use, each in a formula of its own.
SUPPORTED = [
    r"x^2",
    r"\int_0^1 f(x)\,dx",
    r"\operatorname{rank}(A)",
    r"\argmin_x f(x)",
    r"\argmax_x f(x)",
    r"\operatorname*{arg\,min}_x f(x)",
    r"\operatorname*{arg\,max}_{\theta} L",
    r"\mathbb{R}^n",
    r"\mathcal{L}",
    r"\mathbf{x}",
    r"\boldsymbol{\beta}",
    r"\frac{a}{b}",
    r"\dfrac{a}{b}",
    r"\sqrt[n]{x}",
    r"\sqrt{2}",
    r"\sum_{i=1}^n i",
    r"\sum_{k} a_k",
    r"\prod_{i=1}^n x_i",
    r"\lim_{x\to 0} \frac{\sin x}{x}",
    r"\left( \frac{a}{b} \right)",
    r"\left( \sum_{k} x_k \right)",
    r"\begin{aligned} a &= b + c \\ d &= e \end{aligned}",
    r"\begin{align*} a &= b \\ c &= d \end{align*}",
    r"f(x) = \begin{cases} 1 & x \ge 0 \\ 0 & \text{otherwise} \end{cases}",
    r"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}",
    r"\begin{bmatrix} a \\ b \end{bmatrix}",
    r"x \text{ if } y",
    r"a \quad b",
    r"a\,b",
    r"\alpha \beta \gamma \Gamma \delta \Delta \epsilon \varepsilon \theta \lambda \mu \pi \sigma \Sigma \phi \omega \Omega",
    r"\hat{x}",
    r"\bar{x}",
    r"\tilde{x}",
    r"\vec{v}",
    r"x_1, \dots, x_n",
    r"x_1, \ldots, x_n",
    r"x_1 + \cdots + x_n",
    r"a \le b \ge c \neq d",
    r"x \in A",
    r"\forall x",
    r"\infty",
    r"\partial_t u",
    r"\nabla \cdot E",
    r"a \cdot b \times c",
    r"\{ x \mid x > 0 \}",
    r"\lVert x \rVert",
    r"\mathrm{d}x",
    r"E = mc^2",
]


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def shown_text(mathml: str) -> str:
    """What a reader sees: the text of every element, not the alttext."""
    return "".join(parse(mathml).itertext())


@pytest.mark.parametrize("display", [False, True], ids=["inline", "display"])
@pytest.mark.parametrize("tex", SUPPORTED)
def test_every_supported_macro_renders_without_a_problem(tex, display):
    rendered = render_math(tex, display)
    assert rendered.problems == ()
    assert unknown_macros(tex) == []
    assert "\\" not in shown_text(rendered.mathml)
    assert "?" not in shown_text(rendered.mathml)
    svg = parse(rendered.svg)
    assert svg.findall(f"{{{SVG_NS}}}path"), "the SVG draws nothing"


def test_mathml_is_well_formed_with_the_namespace_and_the_tex_as_alttext():
    rendered = render_math(r"a < b \;\&\; c > d", False)
    math = parse(rendered.mathml)
    assert math.tag == f"{{{MATHML_NS}}}math"
    assert math.get("alttext") == r"a < b \;\&\; c > d"
    assert rendered.mathml.startswith(f'<math xmlns="{MATHML_NS}" display="inline"')


def test_display_and_inline_differ():
    inline, display = (
        render_math(r"\sum_{i=1}^n i", False),
        render_math(r"\sum_{i=1}^n i", True),
    )
    assert parse(inline.mathml).get("display") == "inline"
    assert parse(display.mathml).get("display") == "block"
    # Inline, the limits are scripts beside the sum; in display they go under and over it.
    assert parse(inline.mathml).find(f".//{{{MATHML_NS}}}msubsup") is not None
    assert parse(display.mathml).find(f".//{{{MATHML_NS}}}munderover") is not None
    assert display.baseline_shift == ""
    assert "style" not in parse(display.svg).attrib


def test_display_limits_go_under_the_operator():
    for tex in (
        r"\lim_{x\to 0} f",
        r"\operatorname*{arg\,min}_x f",
        r"\max_x f",
        r"\sum_{k} a_k",
    ):
        assert (
            parse(render_math(tex, True).mathml).find(f".//{{{MATHML_NS}}}munder")
            is not None
        ), tex
        assert (
            parse(render_math(tex, False).mathml).find(f".//{{{MATHML_NS}}}munder")
            is None
        ), tex


def test_inline_svg_sits_on_the_baseline_and_scales_with_the_text():
    rendered = render_math("y_i", False)
    svg = parse(rendered.svg)
    assert re.fullmatch(r"-\d+\.\d{3}em", rendered.baseline_shift)
    # The descender of y and the subscript hang below the baseline.
    assert 0.1 < rendered.depth_em < 0.5
    assert svg.get("style") == f"vertical-align: {rendered.baseline_shift}"
    assert svg.get("width", "").endswith("em") and svg.get("height", "").endswith("em")
    assert svg.get("role") == "img" and svg.get("aria-label") == "y_i"
    assert svg.findtext(f"{{{SVG_NS}}}title") == "y_i"


def test_an_unknown_macro_is_named_and_shown_as_a_question_mark():
    rendered = render_math(r"\foo{x} + \bar{y} + \bazqux", False)
    assert rendered.problems == (
        r"\foo is not a macro the math renderer knows",
        r"\bazqux is not a macro the math renderer knows",
    )
    assert unknown_macros(r"\foo{x} + \bar{y} + \bazqux") == [r"\foo", r"\bazqux"]
    shown = shown_text(rendered.mathml)
    assert "\\" not in shown and "foo" not in shown
    assert shown.count("?") == 2 and "x" in shown and "y" in shown


def test_a_macro_inside_text_is_not_printed_either():
    rendered = render_math(r"\text{a \foo b}", False)
    assert rendered.problems == (r"\foo is not a macro the math renderer knows",)
    assert shown_text(rendered.mathml) == "a\u00a0?\u00a0b"  # latex2mathml keeps spaces as no-break


def test_an_unknown_macro_does_not_swallow_a_known_one_it_prefixes():
    assert unknown_macros(r"\alphabet \alpha") == [r"\alphabet"]
    assert "\u03b1" in shown_text(render_math(r"\alphabet \alpha", False).mathml)


def test_an_unknown_environment_is_named_and_its_cells_still_lay_out():
    rendered = render_math(r"\begin{foo} a & b \\ c & d \end{foo}", True)
    assert rendered.problems == (
        r"\begin{foo} is not an environment the math renderer knows",
    )
    assert parse(rendered.mathml).find(f".//{{{MATHML_NS}}}mtable") is not None
    assert "&" not in shown_text(rendered.mathml)


@pytest.mark.parametrize(
    "tex", ["{", "}", "x^", r"\frac{a", r"\left( x", "&", "%", r"\begin{", "a & b"]
)
def test_broken_tex_is_shown_as_text_with_a_problem(tex):
    rendered = render_math(tex, False)
    assert rendered.problems
    parse(rendered.mathml)
    parse(rendered.svg)


@pytest.mark.parametrize("tex", ["", " ", "#", r"\\"])
def test_harmless_oddities_have_no_problem(tex):
    rendered = render_math(tex, True)
    assert rendered.problems == ()
    parse(rendered.mathml)
    parse(rendered.svg)


TEX_ALPHABET = st.sampled_from(
    [
        "\\",
        "{",
        "}",
        "&",
        "%",
        "#",
        "$",
        "^",
        "_",
        "~",
        "<",
        ">",
        '"',
        "\x00",
        "\ud800",
        " ",
        "\n",
        "x",
        "2",
        "\\\\",
        "\\frac",
        "\\begin{foo}",
        "\\end{foo}",
        "\\begin{cases}",
        "\\end{cases}",
        "\\left(",
        "\\right)",
        "\\sqrt[",
        "]",
        "\\operatorname*{",
        "\\text{",
        "\\mathbb{",
        "\\sum_",
        "\\alpha",
        "\\foo",
        "\\limits",
        "\\\u00e9",
        "]]>",
        "<!--",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(TEX_ALPHABET | st.text(max_size=3), max_size=12).map("".join),
    st.booleans(),
)
def test_garbage_never_raises_and_stays_well_formed(tex, display):
    rendered = render_math(tex, display)
    parse(rendered.mathml)
    parse(rendered.svg)
    assert all(isinstance(problem, str) for problem in rendered.problems)


SAMPLE = r"\operatorname*{arg\,min}_x \sum_{i=1}^n \left( y_i - \boldsymbol{\beta} \cdot x_i \right)^2"


def test_the_same_input_gives_the_same_bytes():
    first = render_math(SAMPLE, True)
    render_math.cache_clear()
    again = render_math(SAMPLE, True)
    assert first == again
    # A fresh process too: no counter or id carries over from earlier formulas.
    script = f"from book.writers.math import render_math; print(render_math({SAMPLE!r}, True).svg, end='')"
    fresh = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert fresh.stdout == first.svg


def test_svg_is_safe_to_inline():
    rendered = render_math(
        r"\foo " + SAMPLE + r"\text{<script>alert(1)</script>}", True
    )
    svg = parse(rendered.svg)
    tags = {node.tag.rpartition("}")[2] for node in svg.iter()}
    assert tags <= {"svg", "g", "path", "title", "rect", "line"}, tags
    for node in svg.iter():
        assert not any(
            "href" in name or name == "id" or name.startswith("on")
            for name in node.attrib
        )
    assert "url(" not in rendered.svg


# The reader: `$x$`, `$$x$$`, `$$` blocks and their labels -> Math nodes.


def read(tmp_path: Path, body: str) -> tuple[list, Report]:
    path = tmp_path / "chapter.md"
    path.write_text("# Title\n\n" + body, encoding="utf-8")
    report = Report()
    section = read_section(path, tmp_path, "chapter", report)
    assert section is not None
    return section.blocks, report


def equation(math: Math) -> Element:
    return Element("div", [math], {"class": "equation"})


def test_inline_math_is_a_math_node_in_the_paragraph(tmp_path):
    blocks, report = read(tmp_path, "The energy $E = mc^2$ of a body.\n")
    assert blocks == [Element("p", [Text("The energy "), Math("E = mc^2"), Text(" of a body.")])]
    assert blocks[0].children[1].line == 3
    assert report.warnings == [] and report.errors == []


def test_display_math_in_a_sentence_stays_there_and_keeps_its_label(tmp_path):
    blocks, _ = read(tmp_path, "So $$ a = b $$ {#eq:ab} and on.\n")
    assert blocks == [Element("p", [Text("So "), Math("a = b", display=True, label="eq:ab"), Text(" and on.")])]


def test_a_paragraph_of_one_display_formula_is_an_equation_block(tmp_path):
    blocks, _ = read(tmp_path, "$$ E = mc^2 $$ {#eq:energy}\n\n$$x$$\n")
    assert blocks == [equation(Math("E = mc^2", display=True, label="eq:energy")),
                      equation(Math("x", display=True))]
    assert [b.line for b in blocks] == [3, 5]


def test_a_display_block_and_an_ams_aligned_block(tmp_path):
    tex = "\\begin{aligned}\n  a &= b \\\\\n  c &= d\n\\end{aligned}"
    blocks, report = read(tmp_path, f"$$\n\\frac{{a}}{{b}}\n$$\n\n$$\n{tex}\n$$ (eq:dollarmath)\n\nText.\n")
    assert blocks == [equation(Math(r"\frac{a}{b}", display=True)),
                      equation(Math(tex, display=True, label="eq:dollarmath")),
                      Element("p", [Text("Text.")])]
    assert report.warnings == []


BLOCK_LABELLED = "$$\n\\begin{aligned} a &= b \\end{aligned}\n$$ {#eq:crossref}\n\nText.\n\n$$\ny\n$$\n"
BLOCK_LABELLED_MATH = [equation(Math(r"\begin{aligned} a &= b \end{aligned}", display=True, label="eq:crossref")),
                       Element("p", [Text("Text.")]), equation(Math("y", display=True))]


def test_the_math_labels_plugin_reads_a_block_labelled_the_pandoc_crossref_way():
    md = make_parser.__wrapped__("en").use(math_labels_plugin)
    tokens = [(t.type, t.content, t.info, t.map) for t in md.parse(BLOCK_LABELLED) if t.type.startswith("math")]
    assert tokens == [("math_block_label", "\n\\begin{aligned} a &= b \\end{aligned}\n", "eq:crossref", [0, 3]),
                      ("math_block", "\ny\n", "", [6, 9])]
    # Not in a code block, and a block closed by a plain `$$` is left to dollarmath.
    assert [t.type for t in md.parse("```\n$$\nx\n$$ {#eq:x}\n```\n")] == ["fence"]
    assert [t.type for t in md.parse("$$\nx\n$$\n")] == ["math_block"]


def test_a_block_labelled_the_pandoc_crossref_way(tmp_path):
    # Needs math_labels_plugin in parser.py's chain: without it dollarmath reads on to the next `$$`.
    blocks, _ = read(tmp_path, BLOCK_LABELLED)
    assert blocks == BLOCK_LABELLED_MATH


def test_unknown_macros_are_warned_with_their_line(tmp_path):
    _, report = read(tmp_path, "Text $\\foo x$ here.\n\n$$\na \\\\\n\\bazqux + \\begin{weird} b \\end{weird}\n$$\n")
    assert [(w.location.line, w.message) for w in report.warnings] == [
        (3, r"math: \foo is not a macro the renderer knows"),
        (7, r"math: \bazqux is not a macro the renderer knows"),
        (7, r"math: \begin{weird} is not an environment the renderer knows"),
    ]
    assert all(w.location.path == tmp_path / "chapter.md" for w in report.warnings)


# What the writers put on the page for a Math node.


def test_mathml_and_svg_of_inline_math():
    node = Math("y_i")
    assert mathml(node) == render_math("y_i", False).mathml
    assert svg(node) == render_math("y_i", False).svg
    assert f'style="vertical-align: {render_math("y_i", False).baseline_shift}"' in svg(node)


def test_a_numbered_display_carries_its_number_after_the_math():
    node = Math(r"\frac{\foo}{2}", display=True, label="eq:x", number="2.1")
    epub, pdf = mathml(node), svg(node)
    assert epub.startswith("<math ") and epub.endswith('</math><span class="equation-number">(2.1)</span>')
    assert 'display="block"' in epub
    assert pdf.startswith('<span class="equation-math numbered"><svg ')
    assert pdf.endswith('</svg></span><span class="equation-number">(2.1)</span>')
    for markup in (epub, pdf):  # the unknown macro is a "?", its name only in the alttext and title
        assert "foo" not in re.sub(r'(alttext|aria-label)="[^"]*"|<title>.*?</title>', "", markup)


def test_an_unnumbered_display_has_no_number():
    node = Math("x", display=True, label="eq:x")
    assert "equation-number" not in mathml(node) + svg(node)
    assert svg(node).startswith('<span class="equation-math"><svg ')
