"""TeX math as MathML for the EPUB and as SVG for the PDF, since WeasyPrint draws no MathML.

`render_math` makes both for one formula; `mathml` and `svg` are what the two writers put on
the page for a Math node (xhtml.Medium.math): a displayed, numbered formula carries its
number, "(3)", after the math, for the stylesheet to set at the right margin."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from html import escape

from ...model import Math
from ...readers.markdown.mathlabels import unknown_macros
from .convert import MATHML_NS, math_element, mathml_text
from .rewrite import DISPLAY_REWRITES, REWRITES
from .svg import SVG_NS, shift, svg_text

__all__ = ["DISPLAY_REWRITES", "MATHML_NS", "REWRITES", "SVG_NS", "Rendered", "mathml", "render_math", "svg",
           "unknown_macros"]

# Characters XML 1.0 forbids; TeX with them would make the MathML and the SVG ill-formed.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Rendered:
    """One formula, ready for the EPUB (mathml) and for the PDF (svg)."""

    mathml: str
    svg: str
    baseline_shift: str
    depth_em: float
    problems: tuple[str, ...]


@functools.lru_cache(maxsize=4096)
def render_math(tex: str, display: bool) -> Rendered:
    """MathML and SVG for one formula, and the problems met; never raises."""
    tex = _NOT_XML.sub("", tex)
    root, problems = math_element(tex, display)
    markup = mathml_text(root, tex)
    drawing, depth = svg_text(markup, tex, display)
    return Rendered(
        mathml=markup,
        svg=drawing,
        baseline_shift="" if display else shift(depth),
        depth_em=round(depth, 3),
        problems=tuple(problems),
    )


def _number(node: Math) -> str:
    if not (node.display and node.number):
        return ""
    return f'<span class="equation-number">({escape(node.number, quote=False)})</span>'


def mathml(node: Math) -> str:
    """The EPUB's math: MathML, with the number of a numbered display after it."""
    return render_math(node.tex, node.display).mathml + _number(node)


def svg(node: Math) -> str:
    """The PDF's math: an inline SVG, on the baseline of the text in a line, or a display's
    drawing with its number after it."""
    drawing = render_math(node.tex, node.display).svg
    if not node.display:
        return drawing
    numbered = " numbered" if _number(node) else ""  # room on the left as wide as the number's
    return f'<span class="equation-math{numbered}">{drawing}</span>{_number(node)}'
