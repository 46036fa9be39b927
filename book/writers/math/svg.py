"""MathML -> SVG with ziamath, for the PDF: WeasyPrint draws no MathML."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager

from ziamath.config import config as ziamath_config
from ziamath.zmath import Math

SVG_NS = "http://www.w3.org/2000/svg"

# ziamath draws one em of the math font as this many SVG user units; the SVG's
# width and height are then given in em, so the size is the surrounding text's.
_UNITS_PER_EM = 20.0
# A little room round the ink, so antialiased edges are not clipped by the viewport.
_MARGIN_UNITS = 0.4


@contextmanager
def _plain_svg() -> Iterator[None]:
    # SVG 1.1 mode draws each glyph as its own <path>: no <symbol> ids or <use href="#...">,
    # which would clash between formulas inlined in one HTML page.
    before = ziamath_config.svg2
    ziamath_config.svg2 = False
    try:
        yield
    finally:
        ziamath_config.svg2 = before


def svg_text(mathml: str, tex: str, display: bool) -> tuple[str, float]:
    """The standalone SVG and how far its bottom lies below the baseline, in em."""
    try:
        with _plain_svg():
            math = Math(ET.fromstring(mathml), size=_UNITS_PER_EM, margin=_MARGIN_UNITS)
            if not math.node.bbox.ymax > math.node.bbox.ymin:
                raise ValueError("nothing to draw")  # an empty formula's box is infinite
            svg = math.svgxml()
            depth = (-math.node.bbox.ymin + _MARGIN_UNITS) / _UNITS_PER_EM
    except Exception:  # noqa: BLE001 - ziamath failed on this tree, or it is empty: draw nothing rather than raise
        svg, depth = ET.Element("svg", {"width": "0", "height": "0", "viewBox": "0 0 0 0"}), 0.0
    return _finish(svg, tex, display, depth), depth


def _finish(svg: ET.Element, tex: str, display: bool, depth: float) -> str:
    svg.attrib.pop("xmlns:xlink", None)  # nothing links: the glyphs are inline paths
    svg.set("xmlns", SVG_NS)
    for side in ("width", "height"):
        svg.set(side, f"{float(svg.get(side, '0')) / _UNITS_PER_EM:.3f}em")
    svg.set("role", "img")
    svg.set("aria-label", tex)
    if not display:
        svg.set("style", f"vertical-align: {shift(depth)}")
    title = ET.Element("title")
    title.text = tex
    svg.insert(0, title)  # first, where screen readers and tooltips look for it
    return ET.tostring(svg, encoding="unicode")


def shift(depth: float) -> str:
    return f"{round(-depth, 3) + 0.0:.3f}em"  # + 0.0: never "-0.000em"
