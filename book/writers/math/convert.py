"""TeX -> a MathML tree with latex2mathml, after the rewrites; never raises."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from latex2mathml.converter import convert

from ...readers.markdown.mathlabels import MACRO, unknown_macros
from .rewrite import prepare

MATHML_NS = "http://www.w3.org/1998/Math/MathML"


def problem(name: str) -> str:
    if name.startswith(r"\begin{"):
        return f"{name} is not an environment the math renderer knows"
    return f"{name} is not a macro the math renderer knows"


def _braces_balance(tex: str) -> bool:
    depth = 0
    for brace in re.findall(r"\\.|[{}]", tex, flags=re.DOTALL):
        depth += {"{": 1, "}": -1}.get(brace, 0)
        if depth < 0:
            return False
    return depth == 0


def _strip_namespace(element: ET.Element) -> ET.Element:
    # Serialised without ET's ns0: prefixes; the namespace goes back as a plain xmlns attribute.
    for node in element.iter():
        node.tag = node.tag.rpartition("}")[2]
    return element


def _tex_left(root: ET.Element) -> list[str]:
    """Macro names still in the tree's text, each replaced by "?"; a last guard."""
    # latex2mathml writes a name it cannot place as the literal \name, and keeps
    # \text{a \foo b} whole, as the tokenizer sees no macro inside \text.
    names: list[str] = []
    for node in root.iter():
        if node.text and MACRO.search(node.text):
            names += MACRO.findall(node.text)
            node.text = MACRO.sub("?", node.text)
    return names


def math_element(tex: str, display: bool) -> tuple[ET.Element, list[str]]:
    """The <math> tree for `tex` and what went wrong; never raises."""
    problems = [problem(name) for name in unknown_macros(tex)]
    if not tex.strip():
        return ET.Element("math", {"display": "block" if display else "inline"}), problems
    if not _braces_balance(tex):
        return _as_text(tex, display), [*problems, "the braces { } do not balance: shown as plain text"]
    try:
        converted = convert(prepare(tex, display), display="block" if display else "inline")
        root = _strip_namespace(ET.fromstring(converted))
    except Exception:  # noqa: BLE001 - latex2mathml raises many kinds, and may write ill-formed XML (a bare &)
        return _as_text(tex, display), [*problems, "the math could not be parsed: shown as plain text"]
    left = [problem(name) for name in _tex_left(root)]
    return root, list(dict.fromkeys(problems + left))


def _as_text(tex: str, display: bool) -> ET.Element:
    root = ET.Element("math", {"display": "block" if display else "inline"})
    ET.SubElement(root, "mtext").text = tex
    return root


def mathml_text(root: ET.Element, tex: str) -> str:
    """The <math> element as XML, in the MathML namespace, the TeX as its alttext."""
    math = ET.Element("math", {"xmlns": MATHML_NS, "display": root.get("display", "inline"), "alttext": tex})
    math.extend(list(root))
    return ET.tostring(math, encoding="unicode")
