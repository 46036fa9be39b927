"""TeX that latex2mathml 3.81 gets wrong, rewritten into TeX it gets right; and unknown macros
and environments replaced by something harmless, never their TeX names on the page."""

from __future__ import annotations

import re
from collections.abc import Callable

from ...readers.markdown.mathlabels import unknown_environments, unknown_macros

_OPERATORNAME = re.compile(r"\\operatorname(\*|withlimits)?\s*\{([^{}]*)\}")
_ORDINARY_SYMBOLS = {"partial": "\u2202", "nabla": "\u2207", "infty": "\u221e"}
_SPACING_IN_OPERATORNAME = {
    r"\,": "\u2009",
    r"\:": "\u2005",
    r"\;": "\u2004",
    r"\ ": " ",
    "~": " ",
    r"\!": "",
}


def _operatorname(match: re.Match[str]) -> str:
    # latex2mathml only takes letters and spaces in \operatorname{...}: \operatorname*{arg\,min}
    # otherwise comes out as an empty <mo/> and a stray "*". The thin space is a Unicode one.
    name = match.group(2)
    for macro, space in _SPACING_IN_OPERATORNAME.items():
        name = name.replace(macro, space)
    return rf"\operatorname{match.group(1) or ''}{{{name}}}"


# Each entry: the pattern, its replacement, and why.
REWRITES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str], str], ...] = (
    (
        re.compile(r"\\(begin|end)\{aligned\}"),
        r"\\\1{align*}",
        "aligned is unknown to latex2mathml, which prints each & as text; align* is the same table",
    ),
    (
        _OPERATORNAME,
        _operatorname,
        r"\operatorname*{arg\,min}: latex2mathml takes only letters and spaces in the name",
    ),
    (
        re.compile(r"\\(partial|nabla|infty)(?![A-Za-z])"),
        lambda m: r"\mathrm {" + _ORDINARY_SYMBOLS[m.group(1)] + "}",
        r"\partial, \nabla, \infty come out as <mo>, spaced as operators: upright <mi> as in TeX",
    ),
    (
        re.compile(r"\\mathrm\{"),
        r"\\mathrm {",
        r"\mathrm{d} (one letter) loses mathvariant=normal and comes out italic; a space keeps it upright",
    ),
)
# In display math TeX sets these operators' limits under and over them; latex2mathml writes a
# subscript unless told \limits (and for \sum_{k} alone ziamath then draws a \left( \right)
# pair about a hundred em tall).
DISPLAY_REWRITES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (
        re.compile(
            r"(\\(?:lim|liminf|limsup|max|min|sup|inf|det|gcd|Pr|argmin|argmax"
            r"|sum|prod|coprod|bigcup|bigcap|bigvee|bigwedge|bigoplus|bigotimes|bigodot"
            r"|biguplus|bigsqcup)(?![A-Za-z])|\\operatorname\*\{[^{}]*\})(?=\s*[_^])"
        ),
        r"\1\\limits",
        r"\lim_{x\to 0} and \sum_{k} in display: the limit goes under, as TeX sets it",
    ),
)
# An environment latex2mathml does not know becomes a plain matrix: its & and \\ still lay out.
_FALLBACK_ENVIRONMENT = "matrix"
# What an unknown macro shows on the page: a plain question mark, never its TeX name.
_UNKNOWN_MACRO_SHOWS = r"\text{?}"


def prepare(tex: str, display: bool) -> str:
    """The TeX latex2mathml is given: our rewrites, unknown names replaced."""
    for pattern, replacement, _why in REWRITES + (DISPLAY_REWRITES if display else ()):
        tex = pattern.sub(replacement, tex)
    for name in unknown_environments(tex):
        tex = re.sub(
            rf"\\(begin|end)\{{{re.escape(name)}\}}",
            rf"\\\1{{{_FALLBACK_ENVIRONMENT}}}",
            tex,
        )
    for name in unknown_macros(tex):
        # (?![A-Za-z]) so that \foo does not also eat the start of \foobar.
        tex = re.sub(re.escape(name) + r"(?![A-Za-z])", lambda _m: _UNKNOWN_MACRO_SHOWS, tex)
    return tex
