"""Images are decoded and checked before use: a broken, oversized or scripted image is an error
naming the file and the fix, never a silent gap in the PDF; names with spaces or Cyrillic found."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from book.errors import Report
from book.model import Element, walk
from book.readers.markdown import read_section


def _png(width=4, height=4) -> bytes:
    out = io.BytesIO()
    Image.new("1" if width * height > 10**6 else "RGB", (width, height), 1).save(out, "PNG")  # 1 bit: made fast
    return out.getvalue()


def _read(tmp_path, name: str, data: bytes, link: str | None = None):
    (tmp_path / name).write_bytes(data)
    chapter = tmp_path / "one.md"
    chapter.write_text(f"# One\n\n![A picture]({link or name})\n", encoding="utf-8")
    report = Report()
    section = read_section(chapter, tmp_path, "chapter", report)
    images = [n for n in walk(section.blocks) if isinstance(n, Element) and n.tag == "img"]
    return images, report


def test_a_good_image_is_kept(tmp_path):
    images, report = _read(tmp_path, "map.png", _png())
    assert len(images) == 1 and not report.errors


@pytest.mark.parametrize("data, said", [
    (_png()[:40], "cannot be decoded"),                                  # cut short
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 200, "cannot be decoded"),           # a PNG's signature, no PNG
    (b"\xff\xd8\xff\xe0" + b"garbage" * 50, "cannot be decoded"),          # nor a JPEG
])
def test_a_broken_image_is_an_error_with_its_line(tmp_path, data, said):
    images, report = _read(tmp_path, "map.png", data)
    assert not images
    assert any(said in e.message and "map.png" in e.message and e.location.line == 3 for e in report.errors)


def test_an_image_too_large_to_print_is_an_error(tmp_path):
    images, report = _read(tmp_path, "huge.png", _png(12000, 9000))
    assert not images and any("pixels" in e.message for e in report.errors)


@pytest.mark.parametrize("svg, said", [
    ('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "script"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect onclick="x()" width="1" height="1"/></svg>', "onclick"),
    ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
     '<image xlink:href="http://127.0.0.1/x.png" width="1" height="1"/></svg>', "http://127.0.0.1/x.png"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>', "foreignObject"),
    ('<svg xmlns="http://www.w3.org/2000/svg"><rect', "not well-formed"),
])
def test_an_svg_with_script_or_outside_references_is_refused(tmp_path, svg, said):
    images, report = _read(tmp_path, "fig.svg", svg.encode())
    assert not images
    assert any(said in e.message for e in report.errors), [e.message for e in report.errors]


def _svg_embedding(data: bytes, head: str = "data:image/png;base64,") -> bytes:
    import base64
    payload = base64.b64encode(data).decode() if head.endswith("base64,") else data.decode("latin-1")
    return ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" '
            f'height="10"><image width="10" height="10" xlink:href="{head}{payload}"/></svg>').encode()


@pytest.mark.parametrize("embedded, said", [
    (_png(12000, 9000), "holds an embedded image that has more pixels than a page can use"),  # a bomb
    (_png()[:40], "holds an embedded image that cannot be decoded"),
])
def test_an_image_embedded_in_an_svg_is_checked_as_a_file_would_be(tmp_path, embedded, said):
    images, report = _read(tmp_path, "fig.svg", _svg_embedding(embedded))
    assert not images
    assert any(said in e.message and "fig.svg" in e.message for e in report.errors), [e.message for e in report.errors]


def test_a_plain_svg_and_one_holding_a_small_png_are_kept(tmp_path):
    images, report = _read(tmp_path, "small.svg", _svg_embedding(_png()))
    assert len(images) == 1 and not report.errors, [e.message for e in report.errors]
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" '
           'height="10"><defs><circle id="c" r="2"/></defs><use xlink:href="#c"/></svg>')
    images, report = _read(tmp_path, "fig.svg", svg.encode())
    assert len(images) == 1 and not report.errors


@pytest.mark.parametrize("name, link", [("карта.png", "карта.png"), ("my map.png", "<my map.png>"),
                                        ("my map.png", "my%20map.png")])
def test_names_with_spaces_or_cyrillic_are_found(tmp_path, name, link):
    images, report = _read(tmp_path, name, _png(), link)
    assert len(images) == 1 and not report.errors, [e.message for e in report.errors]
    assert images[0].attrs["src"] == name
