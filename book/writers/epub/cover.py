"""A cover image drawn from the book's metadata (title, subtitle, author), as a PNG."""

from __future__ import annotations

import io
import subprocess
import textwrap

from PIL import Image, ImageDraw, ImageFont

from ...model import Metadata

SIZE = (1600, 2560)
PAPER = (236, 229, 214)
INK = (40, 28, 24)
ACCENT = (122, 30, 26)


def cover_png(meta: Metadata, family: str = "Linux Libertine O") -> bytes:
    """The cover: a plain typographic design, so that no stock picture is needed."""
    image = Image.new("RGB", SIZE, PAPER)
    draw = ImageDraw.Draw(image)
    width = SIZE[0]
    draw.rectangle([80, 80, width - 80, SIZE[1] - 80], outline=ACCENT, width=6)
    draw.rectangle([104, 104, width - 104, SIZE[1] - 104], outline=ACCENT, width=2)
    y: float = 620
    for line in textwrap.wrap(meta.title.upper(), 14):
        y = _centred(draw, line, _font(family, "Regular", 150), y, INK) + 40
    draw.line([width / 2 - 180, y + 40, width / 2 + 180, y + 40], fill=ACCENT, width=4)
    y += 130
    for line in textwrap.wrap(meta.subtitle, 28):
        y = _centred(draw, line, _font(family, "Italic", 78), y, INK) + 24
    _centred(draw, meta.author, _font(family, "Regular", 70), SIZE[1] - 420, ACCENT)
    out = io.BytesIO()
    image.save(out, "PNG")  # optimize=True would save 2% of the size for 0.2 s a build
    return out.getvalue()


def _centred(draw: ImageDraw.ImageDraw, text: str, font, y: float, fill) -> float:
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    draw.text(((SIZE[0] - (right - left)) / 2 - left, y), text, font=font, fill=fill)
    return y + (bottom - top)


def _font(family: str, style: str, size: int):
    """The book face through fontconfig; Pillow's own font if it cannot be found."""
    try:
        path = subprocess.run(["fc-match", "--format=%{file}", f"{family}:style={style}"],
                              capture_output=True, text=True, timeout=10).stdout
        return ImageFont.truetype(path, size)
    except (OSError, subprocess.SubprocessError):
        return ImageFont.load_default(size)
