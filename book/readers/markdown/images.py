"""An image the manuscript uses, checked before use: a local file inside the folder, of a format
both writers can use, that decodes (a raster image within a printable size; an SVG well-formed,
with no script, event handler, foreign content or reference outside itself), with its
alternative text."""

from __future__ import annotations

import base64
import binascii
import re
import warnings
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes
from xml.etree import ElementTree

from ...errors import Location, Report
from ...model import Element, Node, Text
from ...text import SCHEME

MAX_PIXELS = 50_000_000  # 7,000 × 7,000: far beyond 600 dpi across a page, short of a decompression bomb
MAX_BYTES = 20 * 1024 * 1024
RASTER = {"PNG", "JPEG", "GIF", "WEBP"}


def checked_image(src: str, alt: str, chapter: Path, root: Path, where: Location, report: Report) -> Node:
    """The image as a model node, or its alternative text after an error saying what is wrong."""
    if SCHEME.match(src):
        report.error(where, f"image '{src}' is not a local file",
                     "copy the image into the manuscript folder and link it by its relative path")
        return Text(alt)
    src = unquote(src)  # the parser writes "my map.png" and "карта.png" as %-escapes
    path = (chapter.parent / src).resolve()
    if not path.is_relative_to(root.resolve()):
        report.error(where, f"image '{src}' lies outside the manuscript folder", "copy the image into the manuscript folder")
        return Text(alt)
    if not path.is_file():
        report.error(where, f"image '{src}' not found", f"check the file name; looked for {path}")
        return Text(alt)
    problem = _problem(path)
    if problem:
        report.error(where, f"image '{src}' {problem[0]}", problem[1])
        return Text(alt)
    if not alt:
        report.warn(where, f"image '{src}' has no alternative text",
                    "describe the image inside the brackets: ![a map of ...](file.png)")
    return Element("img", [], {"src": path.relative_to(root.resolve()).as_posix(), "alt": alt})


def _problem(path: Path) -> tuple[str, str] | None:
    """What keeps the image out of the book (the message and the fix), or None."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return f"is larger than {MAX_BYTES // 2**20} MB", "export it smaller (a printed page needs no more)"
        data = path.read_bytes()
    except OSError as exc:
        return f"cannot be read ({exc.strerror})", "check the file's permissions"
    head = data[:512]
    if path.suffix.lower() == ".svg" and b"<svg" in head.lower():
        return _svg_problem(data)
    if not (head.startswith(IMAGE_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")):
        return "cannot be read as a PNG, JPEG, GIF, WebP or SVG image", "export it again in one of those formats"
    return _raster_problem(path)


IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")


def _raster_problem(path: Path | BytesIO) -> tuple[str, str] | None:
    from PIL import Image  # Pillow: WeasyPrint's own decoder for these formats
    export = "open it in an image editor and export it again as PNG or JPEG"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind, (width, height) = image.format, image.size
                if width * height > MAX_PIXELS:
                    return (f"has {width} × {height} pixels, more than a page can use ({MAX_PIXELS:,})",
                            "scale it down: 300 dpi across the text block is about 1,500 pixels wide")
                image.load()  # decodes every pixel: a file cut short fails here
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return "has more pixels than a page can use", "scale it down"
    except Exception as exc:  # Pillow raises many kinds for a damaged file
        return f"cannot be decoded ({type(exc).__name__}: {str(exc)[:80]})", export
    if kind not in RASTER:
        return f"is a {kind} image, which the EPUB cannot carry", "export it as PNG, JPEG, GIF or WebP"
    return None


# What an SVG may not hold: it would run code in a reader, or reach outside the book.
SVG_FORBIDDEN = {"script", "foreignObject", "iframe", "object", "embed", "audio", "video"}
LINKS = {"href", "{http://www.w3.org/1999/xlink}href", "src"}


def _svg_problem(data: bytes) -> tuple[str, str] | None:
    fix = "remove it in the image editor (or export the image as PNG)"
    if b"<!DOCTYPE" in data[:2048] or b"<!ENTITY" in data:
        return "declares a DOCTYPE or entities, which an image may not", fix
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        return f"is not well-formed SVG ({exc})", "export it again from the image editor"
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in SVG_FORBIDDEN:
            return f"holds a <{name}> element", fix
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1]
            if local.lower().startswith("on"):
                return f"has an event handler ({local}=\"…\")", fix
            if attribute in LINKS and not _inside_link(value):
                return f"refers to {value[:60]}, outside the image", "embed what it shows, or remove the reference"
            if attribute in LINKS and (problem := _embedded_problem(value)):
                return problem
            if local == "style" and re.search(r"url\(\s*['\"]?(?!#)", value):
                return "refers to a file in its style, outside the image", fix
    for style in root.iter("{http://www.w3.org/2000/svg}style"):
        if re.search(r"url\(\s*['\"]?(?!#)|@import", style.text or ""):
            return "refers to a file in its style sheet, outside the image", fix
    return None


def _embedded_problem(value: str) -> tuple[str, str] | None:
    """An image embedded in the SVG (a data: URL) is checked as one in its own file would be: it
    must decode, within the pixel limit (a small SVG can carry a decompression bomb)."""
    head, _, payload = value.strip().partition(",")
    if not head.startswith("data:"):
        return None
    try:
        data = base64.b64decode(payload, validate=False) if head.endswith(";base64") else unquote_to_bytes(payload)
    except (binascii.Error, ValueError):
        return "holds an embedded image that cannot be decoded", "export the image again from the image editor"
    problem = _raster_problem(BytesIO(data))
    return problem and (f"holds an embedded image that {problem[0]}", problem[1])


def _inside_link(value: str) -> bool:
    value = value.strip()
    return value.startswith("#") or value.startswith(("data:image/png", "data:image/jpeg", "data:image/gif"))
