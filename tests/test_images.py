"""wallet.images: pictures from strangers opened only as PNG, JPEG, GIF or WebP under a pixel
cap, and SVG artwork cleaned of everything that runs or reaches outside the file."""

from __future__ import annotations

import base64
import io
import struct
import zlib
from pathlib import Path

import defusedxml.ElementTree as DET
import pytest
from PIL import Image, ImageFile

from wallet.errors import WalletError
from wallet.images import (
    ImageRefused,
    ImageTooLarge,
    UnreadableImage,
    UnsupportedImage,
    image_as_png,
    open_image,
    sanitize_svg,
)

EPS = (
    b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 64 64\n%%EndComments\n"
    b"newpath 0 0 moveto 64 64 lineto stroke\nshowpage\n%%EOF\n"
)
SVG_OPEN = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
    ' viewBox="0 0 10 10">'
)


def picture(fmt: str, size: tuple[int, int] = (12, 8)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(buf, format=fmt)
    return buf.getvalue()


def _chunk(kind: bytes, body: bytes) -> bytes:
    return (
        struct.pack(">I", len(body))
        + kind
        + body
        + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    )


def bomb_png(side: int) -> bytes:
    ihdr = _chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
    idat = _chunk(b"IDAT", zlib.compress(b"\0" * 1000))
    return b"\x89PNG\r\n\x1a\n" + ihdr + idat + _chunk(b"IEND", b"")


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP"])
def test_the_usual_formats_open(fmt: str) -> None:
    with open_image(picture(fmt)) as im:
        assert im.format == fmt and im.size == (12, 8)
    with Image.open(io.BytesIO(image_as_png(picture(fmt), max_side=6)), formats=["PNG"]) as png:
        assert png.format == "PNG" and png.size == (6, 4) and png.mode == "RGBA"


def test_postscript_is_refused_without_running_ghostscript(ghostscript_marker: Path) -> None:
    with pytest.raises(UnsupportedImage, match="^not a PNG, JPEG, GIF or WebP image$"):
        open_image(EPS)
    assert not ghostscript_marker.exists()


@pytest.mark.parametrize("fmt", ["TIFF", "BMP", "PDF", "ICO"])
def test_formats_not_asked_for_are_refused(fmt: str) -> None:
    with pytest.raises(UnsupportedImage) as refused:
        open_image(picture(fmt))
    assert isinstance(refused.value, WalletError)  # a plain message for a person
    with open_image(picture("BMP"), ("PNG", "BMP")) as im:  # a caller may ask for BMP too
        assert im.format == "BMP"


def test_pixel_bombs_are_refused_from_the_header(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[tuple[int, int]] = []
    original = ImageFile.ImageFile.load

    def load(self: ImageFile.ImageFile):  # type: ignore[no-untyped-def]
        started.append(self.size)
        return original(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    for side in (5_000, 8_000, 100_000):  # above our cap; below and above Pillow's own
        with pytest.raises(ImageTooLarge, match="too large to open: at most 16 megapixels"):
            open_image(bomb_png(side))
    with pytest.raises(ImageTooLarge, match="5000 x 5000 pixels"):
        open_image(bomb_png(5_000), max_pixels=20_000_000)
    assert started == []


def test_damaged_pictures_are_plain_errors() -> None:
    png = picture("PNG")
    for data in (png[:40], png[:8] + b"\0" * 40, b""):
        with pytest.raises(ImageRefused):
            open_image(data)
    with pytest.raises(UnreadableImage, match="cannot read the image"):
        open_image("/nonexistent/picture.png")


# ----- SVG ------------------------------------------------------------------------------------


def clean(body: str) -> tuple[str, tuple[str, ...]]:
    result = sanitize_svg(f"{SVG_OPEN}{body}</svg>".encode())
    DET.fromstring(result.svg)  # still well-formed XML
    return result.svg.decode(), tuple(str(what) for what in result.removed)


def test_svg_scripts_handlers_and_html_go() -> None:
    text, removed = clean(
        '<script>alert(1)</script><g onload="alert(2)" ONCLICK="x">'
        '<rect width="5" height="5" fill="#123456"/></g>'
        '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div>'
        '</foreignObject><set attributeName="href" to="javascript:x"/>'
        '<html:script xmlns:html="http://www.w3.org/1999/xhtml">y</html:script>'
    )
    assert "alert" not in text and "javascript" not in text and "div" not in text
    assert '<rect width="5" height="5" fill="#123456"></rect>' in text
    assert set(removed) == {"a script", "an event handler", "embedded web content", "an animation"}


@pytest.mark.parametrize(
    "link",
    [
        "/etc/hosts",
        "file:///etc/hosts",
        "https://evil.example/x.png",
        "//evil.example/x.png",
        "x.png",
        "data:image/svg+xml;base64,PHN2Zy8+",
        "java\tscript:alert(1)",
        "data:image/png;base64," + base64.b64encode(b"not a png").decode(),
        "data:image/png;base64," + base64.b64encode(bomb_png(8000)).decode(),
    ],
)
def test_svg_links_outside_the_file_go(link: str) -> None:
    for attr in ("href", "xlink:href"):
        text, removed = clean(
            f'<image width="5" height="5" {attr}="{link}"/>'
            f'<use {attr}="{link}"/><a {attr}="{link}"><path d="M0 0"/></a>'
        )
        assert "href" not in text and removed == ("an outside reference",)


def test_svg_references_inside_the_file_and_small_pictures_stay() -> None:
    png = base64.b64encode(picture("PNG")).decode()
    text, removed = clean(
        '<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient>'
        '<clipPath id="c"><rect width="9" height="9"/></clipPath></defs>'
        '<rect width="9" height="9" fill="url(#g)" clip-path="url( \'#c\' )" style="fill:url(#g)"/>'
        f'<use xlink:href="#c"/><image width="5" height="5" href="data:image/png;base64,\n{png}"/>'
    )
    assert removed == ()
    assert 'fill="url(#g)"' in text and 'xlink:href="#c"' in text
    assert f'href="data:image/png;base64,{png}"' in text


@pytest.mark.parametrize(
    "css",
    [
        "@import url(https://evil.example/a.css);",
        "rect { fill: url(https://evil.example/p) }",
        "rect { fill: url(file:///etc/hosts) }",
        "rect { background: u\\72l(x) }",
        "rect { fill: image-set('https://evil.example/a.png' 1x) }",
    ],
)
def test_svg_style_sheets_that_reach_outside_go(css: str) -> None:
    text, removed = clean(f'<style>{css}</style><rect width="1" height="1" style="{css}"/>')
    assert "evil" not in text and "url(" not in text and "72l" not in text
    assert "<style>" not in text and "style=" not in text and removed


def test_svg_plain_style_stays_and_presentation_urls_are_checked() -> None:
    text, removed = clean(
        "<style>.a { fill: #fff; } .b &gt; .c { stroke: url(#g) }</style>"
        '<rect class="a" width="1" height="1" fill="url(https://x.example/p)"'
        ' mask="url(#m)"/>'
    )
    assert ".a { fill: #fff; }" in text and 'mask="url(#m)"' in text
    assert "x.example" not in text and removed == ("an outside reference",)


def test_svg_other_programs_markup_and_badges_go_quietly() -> None:
    text, removed = clean(
        '<metadata><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></metadata>'
        '<openbadges:credential xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">{}'
        "</openbadges:credential><!-- comment --><?pi x?>"
        '<g xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:label="L"'
        ' xml:space="preserve" xml:base="https://evil.example/"><text>A &amp; B</text></g>'
    )
    assert removed == ()
    assert "openbadges" not in text and "inkscape" not in text and "comment" not in text
    assert "evil" not in text and "<text>A &amp; B</text>" in text
    assert 'xml:space="preserve"' in text


def test_svg_that_is_not_one_is_refused() -> None:
    for data, words in (
        (b"<html/>", "not an SVG picture"),
        (b"<svg", "not valid XML"),
        (b'<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>', "entities"),
        (b"<svg>" * 200 + b"</svg>" * 200, "nested too deeply"),
    ):
        with pytest.raises(UnreadableImage, match=words):
            sanitize_svg(data)


def use_bomb(levels: int, fanout: int) -> bytes:
    """`levels` groups, each drawing the one below `fanout` times: fanout**levels rectangles."""
    groups = ['<g id="g0"><rect width="1" height="1"/></g>']
    for n in range(1, levels + 1):
        uses = "".join(f'<use xlink:href="#g{n - 1}"/>' for _ in range(fanout))
        groups.append(f'<g id="g{n}">{uses}</g>')
    return f'{SVG_OPEN}<defs>{"".join(groups)}</defs><use href="#g{levels}"/></svg>'.encode()


def test_svg_that_repeats_itself_beyond_drawing_is_refused() -> None:
    assert sanitize_svg(use_bomb(3, 10)).removed == ()  # a thousand rectangles: fine
    with pytest.raises(UnreadableImage, match="repeats its parts too many times"):
        sanitize_svg(use_bomb(9, 10))  # a thousand million
    cycle = f'{SVG_OPEN}<g id="a"><use href="#a"/></g></svg>'.encode()
    with pytest.raises(UnreadableImage, match="repeats its parts too many times"):
        sanitize_svg(cycle)
