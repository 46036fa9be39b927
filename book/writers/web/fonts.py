"""The book face for the web: Debian's Linux Libertine OTFs, the ones the print edition uses
(found through fontconfig by the same family names), subset to the characters the site prints
and written as WOFF2 (fontTools; brotli compresses). A subset is kept in the cache by the font's
and the characters' digest, so a rebuild that prints no new character does not subset again."""

from __future__ import annotations

import functools
import importlib.util
import io
import subprocess
from pathlib import Path

from ...store import Cache, digest

# (file in the site, fontconfig pattern, CSS weight, CSS style)
FACES = [("libertine-regular.woff2", "Linux Libertine O:style=Regular", 400, "normal"),
         ("libertine-italic.woff2", "Linux Libertine O:style=Italic", 400, "italic"),
         ("libertine-bold.woff2", "Linux Libertine O:style=Bold", 700, "normal"),
         ("libertine-bold-italic.woff2", "Linux Libertine O:style=Bold Italic", 700, "italic")]
MONO = ("libertine-mono.woff2", "Linux Libertine Mono O:style=Mono", 400, "normal")
FAMILY, MONO_FAMILY, MATH_FAMILY = "Book Libertine", "Book Libertine Mono", "Book Math"
MATH = "math.woff2"  # STIX Two Math, the face the PDF's formulas are drawn in (ziamath's own copy)


def math_font() -> Path | None:
    """A browser sets MathML well only in a face with a MATH table, which Linux Libertine has not:
    STIX Two Math, as ziamath ships it for the PDF (found without importing ziamath)."""
    spec = importlib.util.find_spec("ziamath")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "fonts" / "STIXTwoMath-Regular.ttf"
    return path if path.is_file() else None


def font_file(pattern: str) -> Path | None:
    """The font fontconfig gives for `pattern`, if it is the face asked for (fc-match always
    answers something: another family's file is no answer)."""
    try:
        found = subprocess.run(["fc-match", "--format=%{file}\n%{family}", pattern], capture_output=True,
                               text=True, timeout=10).stdout.split("\n")
    except (OSError, subprocess.SubprocessError):
        return None
    family = pattern.split(":")[0]
    if len(found) < 2 or family not in found[1].split(","):
        return None
    return Path(found[0])


CACHED = "web-fonts"


def subset(font: Path, characters: str, cache: Cache, kept: dict[str, bytes]) -> bytes:
    """`font` cut down to `characters` (with the glyphs its features reach from them: small caps,
    ligatures, old-style figures), as WOFF2; `kept` collects it under its cache name."""
    name = digest(font.read_bytes(), characters, "subset-1") + ".woff2"
    if (data := cache.read(f"{CACHED}/{name}")) is None or not data.startswith(b"wOF2"):
        data = _cut(font, characters)
    kept[name] = data
    return data


@functools.lru_cache(maxsize=16)  # a watch session, or a test run, cuts each subset once
def _cut(font: Path, characters: str) -> bytes:
    from fontTools import subset as cutter
    options = cutter.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # the licence (OFL) travels with the font
    options.notdef_outline = True
    options.drop_tables += ["FFTM"]  # FontForge's timestamps: nothing a browser reads
    loaded = cutter.load_font(str(font), options)
    tool = cutter.Subsetter(options)
    tool.populate(text=characters)
    tool.subset(loaded)
    out = io.BytesIO()
    cutter.save_font(loaded, out, options)
    return out.getvalue()


def web_fonts(characters: str, code: bool, cache: Cache, math: bool = False) -> tuple[dict[str, bytes], str]:
    """The WOFF2 files and their @font-face rules; a face not installed is left out (the style
    sheet falls back to the reader's serif)."""
    files: dict[str, bytes] = {}
    rules: list[str] = []
    kept: dict[str, bytes] = {}
    for name, pattern, weight, style in FACES + ([MONO] if code else []):
        font = font_file(pattern)
        if font is None:
            continue
        files[f"fonts/{name}"] = subset(font, characters, cache, kept)
        family = MONO_FAMILY if pattern.startswith("Linux Libertine Mono") else FAMILY
        rules.append(f'@font-face {{ font-family: "{family}"; src: url("fonts/{name}") format("woff2"); '
                     f"font-weight: {weight}; font-style: {style}; font-display: swap; }}")
    if math and (font := math_font()) is not None:
        files[f"fonts/{MATH}"] = subset(font, characters, cache, kept)
        rules.append(f'@font-face {{ font-family: "{MATH_FAMILY}"; src: url("fonts/{MATH}") format("woff2"); '
                     "font-display: swap; }")
    cache.keep_files(CACHED, kept)  # this build's subsets, and no older one
    return files, "\n".join(rules) + "\n"
