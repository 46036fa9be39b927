"""An image the manuscript uses, checked: a local file inside the folder, of a format both writers
can use, with its alternative text."""

from __future__ import annotations

from pathlib import Path

from ...errors import Location, Report
from ...model import Element, Node, Text
from ...text import SCHEME


def checked_image(src: str, alt: str, chapter: Path, root: Path, where: Location, report: Report) -> Node:
    """The image as a model node, or its alternative text after an error saying what is wrong."""
    if SCHEME.match(src):
        report.error(where, f"image '{src}' is not a local file",
                     "copy the image into the manuscript folder and link it by its relative path")
        return Text(alt)
    path = (chapter.parent / src).resolve()
    if not path.is_relative_to(root.resolve()):
        report.error(where, f"image '{src}' lies outside the manuscript folder", "copy the image into the manuscript folder")
        return Text(alt)
    if not path.is_file():
        report.error(where, f"image '{src}' not found", f"check the file name; looked for {path}")
        return Text(alt)
    if not _is_image(path):
        report.error(where, f"image '{src}' cannot be read as a PNG, JPEG, GIF, WebP or SVG image",
                     "export it again in one of those formats")
        return Text(alt)
    if not alt:
        report.warn(where, f"image '{src}' has no alternative text",
                    "describe the image inside the brackets: ![a map of ...](file.png)")
    return Element("img", [], {"src": path.relative_to(root.resolve()).as_posix(), "alt": alt})


IMAGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a")


def _is_image(path: Path) -> bool:
    """Whether the file starts like an image the PDF and EPUB writers can both use."""
    try:
        head = path.read_bytes()[:512]
    except OSError:
        return False
    if head.startswith(IMAGE_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return True
    return path.suffix.lower() == ".svg" and b"<svg" in head.lower()


