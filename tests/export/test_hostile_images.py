"""Badge pictures written by an issuer who means harm: PostScript posing as a JPEG (Pillow would
run Ghostscript on it), pixel bombs, and SVG artwork with scripts, event handlers and references
to the learner's own files or to other servers. The images export, the PDF export and the QR
import must refuse or clean them, and never run or fetch anything they name."""

from __future__ import annotations

import base64
import io
import struct
import subprocess
import zlib
from pathlib import Path

import defusedxml.ElementTree as DET
import pytest
from PIL import Image, ImageFile

from wallet.export import ExportOptions, export
from wallet.formats.baked import bake_svg, unbake_png, unbake_svg
from wallet.importer import import_sources
from wallet.present import qr
from wallet.store import WalletStore
from wallet.verify.verifier import context_for_store, verify_stored

from .helpers import add_json, did_key_issuer, program, reimport, signed_ob3

ISSUER = "Kea Institute of Technology"
# A complete little EPS document: Pillow's EPS plugin takes it and renders it with Ghostscript.
EPS = (
    b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 64 64\n%%EndComments\n"
    b"newpath 0 0 moveto 64 64 lineto stroke\nshowpage\n%%EOF\n"
)
MAGENTA = (255, 0, 255)
GREEN = (47, 111, 62)
BIG_SIDE = 8000  # 64 megapixels: under Pillow's own bomb limit, over the wallet's caps


def data_uri(media: str, data: bytes) -> str:
    return f"data:{media};base64,{base64.b64encode(data).decode('ascii')}"


def _chunk(kind: bytes, body: bytes) -> bytes:
    return (
        struct.pack(">I", len(body))
        + kind
        + body
        + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    )


def bomb_png(side: int = BIG_SIDE) -> bytes:
    """A PNG of a hundred bytes whose header declares `side` x `side` pixels."""
    ihdr = _chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
    idat = _chunk(b"IDAT", zlib.compress(b"\0" * 1000))
    return b"\x89PNG\r\n\x1a\n" + ihdr + idat + _chunk(b"IEND", b"")


def hostile_svg(local_png: Path) -> bytes:
    """Green artwork with everything an SVG can do to a reader: scripts, handlers, a local
    file drawn over all of it (magenta), remote pictures, sprites and style sheets."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"
     width="64" height="64" viewBox="0 0 64 64" onload="alert('svg')">
  <script type="text/javascript">alert(document.cookie)</script>
  <rect width="64" height="64" fill="#2f6f3e"/>
  <image x="0" y="0" width="64" height="64" xlink:href="{local_png}"/>
  <image x="0" y="0" width="64" height="64" href="file://{local_png}"/>
  <image width="8" height="8" xlink:href="https://evil.example/x.png"/>
  <a href="javascript:alert(1)"><circle cx="32" cy="32" r="4" fill="#ffffff"
     onclick="alert(2)"/></a>
  <foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">hi</div>
  </foreignObject>
  <style>@import url(https://evil.example/a.css);
    circle {{ fill: url(https://evil.example/p.svg#p) }}</style>
  <use xlink:href="https://evil.example/sprite.svg#icon"/>
  <set attributeName="href" to="javascript:alert(3)"/>
</svg>""".encode()


@pytest.fixture
def no_big_decoding(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Fails the test if Pillow starts decoding any picture over 16 megapixels."""
    original = ImageFile.ImageFile.load
    attempts: list[tuple[int, int]] = []

    def load(self: ImageFile.ImageFile):  # type: ignore[no-untyped-def]
        if self.size[0] * self.size[1] > 16_000_000:
            attempts.append(self.size)
            raise AssertionError(f"decoding a {self.size} picture was started")
        return original(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    return attempts


def badge_wallet(tmp_path: Path, images: dict[str, str]) -> tuple[WalletStore, dict[str, str]]:
    """A wallet with one signed OB 3.0 badge per (title -> image data: URI)."""
    key, did = did_key_issuer()
    store = WalletStore.create(tmp_path / "w.lwallet", "pass")
    store.trust.add(did, ISSUER)
    ids = {
        title: add_json(store, signed_ob3(title, image=uri, key=key), tmp_path, f"{n}.json")
        for n, (title, uri) in enumerate(images.items())
    }
    return store, ids


# ----- PostScript and pixel bombs (item 7) ---------------------------------------------------


def test_postscript_posing_as_a_jpeg_never_reaches_ghostscript_in_the_images_export(
    tmp_path: Path, ghostscript_marker: Path
) -> None:
    store, ids = badge_wallet(tmp_path, {"PostScript badge": data_uri("image/jpeg", EPS)})
    with store:
        result = export(store, list(ids.values()), ExportOptions("images", tmp_path / "out"))
        payload = store.credentials.get(ids["PostScript badge"]).payload
    assert not ghostscript_marker.exists(), ghostscript_marker.read_text()
    [path] = result.written
    assert path.suffix == ".png" and unbake_png(path.read_bytes()).raw == payload
    with Image.open(path, formats=["PNG"]) as im:
        assert im.size == (256, 256)  # the plain generated picture, not the PostScript
    assert any(
        n.startswith("PostScript badge:") and "not a PNG, JPEG, GIF or WebP image" in n
        for n in map(str, result.notes)
    ), result.notes


def test_postscript_in_a_qr_picture_never_reaches_ghostscript(
    qapp: object, ghostscript_marker: Path
) -> None:
    from wallet.actions.importing import QrImage, QrProblem, decode_qr

    with pytest.raises(QrProblem, match="not an image this app can read"):
        decode_qr(QrImage("poster.jpg", data=EPS))
    with pytest.raises(qr.QrError, match="cannot be read"):
        qr.read_qr_image(EPS)
    assert not ghostscript_marker.exists(), ghostscript_marker.read_text()


def test_pixel_bomb_badge_picture_is_refused_before_decoding(
    tmp_path: Path, no_big_decoding: list[tuple[int, int]]
) -> None:
    bomb = bomb_png()
    gif = io.BytesIO()
    Image.new("P", (8, 8)).save(gif, format="GIF")
    big_gif = gif.getvalue()[:6] + struct.pack("<HH", BIG_SIDE, BIG_SIDE) + gif.getvalue()[10:]
    store, ids = badge_wallet(
        tmp_path,
        {"Bomb badge": data_uri("image/png", bomb), "Gif bomb": data_uri("image/gif", big_gif)},
    )
    with store:
        result = export(store, list(ids.values()), ExportOptions("images", tmp_path / "out"))
    assert no_big_decoding == []
    assert len(result.written) == 2
    for path in result.written:
        with Image.open(path, formats=["PNG"]) as im:
            assert im.size == (256, 256)  # a plain picture instead of the bomb
    for title in ids:
        notes = [str(n) for n in result.notes]
        assert any(n.startswith(f"{title}:") and "too large" in n for n in notes), result.notes


def test_pixel_bomb_qr_picture_is_refused_before_decoding(
    qapp: object, no_big_decoding: list[tuple[int, int]]
) -> None:
    from wallet.actions.importing import QrImage, QrProblem, decode_qr

    with pytest.raises(QrProblem, match=f"{BIG_SIDE} x {BIG_SIDE} pixels, too large"):
        decode_qr(QrImage("screenshot.png", data=bomb_png()))
    assert no_big_decoding == []


# ----- SVG artwork (item 14) ------------------------------------------------------------------


def local_png(tmp_path: Path) -> Path:
    """A file of the learner's that no export may draw: magenta all over."""
    path = tmp_path / "private-scan.png"
    Image.new("RGB", (64, 64), MAGENTA).save(path)
    return path


def assert_clean_svg(svg: bytes, local: Path) -> None:
    """Nothing in `svg` runs, or reaches outside the file."""
    text = svg.decode("utf-8")
    for bad in ("evil.example", str(local), "javascript", "alert", "@import"):
        assert bad not in text, bad
    root = DET.fromstring(svg)
    for el in root.iter():
        local_name = el.tag.rsplit("}", 1)[-1]
        assert local_name not in ("script", "foreignObject", "set", "animate"), local_name
        for name, value in el.attrib.items():
            attr = name.rsplit("}", 1)[-1]
            assert not attr.lower().startswith("on"), (local_name, name)
            if attr == "href":
                assert value.startswith("#") or value.startswith("data:image/png;base64,")


def test_images_export_cleans_an_issuers_svg_and_keeps_the_payload(tmp_path: Path) -> None:
    local = local_png(tmp_path)
    svg = hostile_svg(local)
    key, did = did_key_issuer()
    baked_source = tmp_path / "baked.svg"
    baked = signed_ob3("Baked vector badge", key=key)
    import json

    baked_source.write_bytes(bake_svg(svg, json.dumps(baked), ob_version=3))
    with WalletStore.create(tmp_path / "w.lwallet", "pass") as store:
        store.trust.add(did, ISSUER)
        linked = add_json(
            store,
            signed_ob3("Vector badge", image=data_uri("image/svg+xml", svg), key=key),
            tmp_path,
            "svg.json",
        )
        [imported] = import_sources(store, [str(baked_source)])
        assert imported.id is not None, imported.line()
        verify_stored(store, imported.id, context_for_store(store))
        ids = [linked, imported.id]
        result = export(store, ids, ExportOptions("images", tmp_path / "out"))
        assert sorted(p.suffix for p in result.written) == [".svg", ".svg"]
        for path in result.written:
            data = path.read_bytes()
            assert_clean_svg(data, local)
            cid = path.stem.rsplit("-", 1)[1]
            assert unbake_svg(data).raw == store.credentials.get(cid).payload  # byte for byte
            assert b"#2f6f3e" in data  # the artwork itself is still there
        for title in ("Vector badge", "Baked vector badge"):
            assert any(
                n.startswith(f"{title}:") and "removed" in n and "script" in n
                for n in map(str, result.notes)
            ), result.notes
        again = reimport(store, result.written, tmp_path / "fresh.lwallet")
        assert again == {cid: "verified" for cid in ids}


def _colours(pdf: Path, tmp_path: Path) -> set[tuple[int, int, int]]:
    subprocess.run(
        [
            program("pdftoppm", package="poppler-utils"),
            "-png",
            "-r",
            "100",
            str(pdf),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    colours: set[tuple[int, int, int]] = set()
    for page in sorted(tmp_path.glob("page-*.png")):
        with Image.open(page, formats=["PNG"]) as im:
            colours |= {c for _n, c in im.convert("RGB").getcolors(1 << 24) or []}
    return colours


def test_pdf_export_never_draws_a_local_file_an_svg_names(qapp: object, tmp_path: Path) -> None:
    from wallet.ui.pdf_export import write_pdf

    local = local_png(tmp_path)
    store, ids = badge_wallet(
        tmp_path, {"Vector badge": data_uri("image/svg+xml", hostile_svg(local))}
    )
    out = tmp_path / "portfolio.pdf"
    with store:
        export(store, list(ids.values()), ExportOptions("pdf", out, pdf_writer=write_pdf))
    colours = _colours(out, tmp_path)

    def near(c: tuple[int, int, int], target: tuple[int, int, int]) -> bool:
        return all(abs(a - b) <= 12 for a, b in zip(c, target, strict=True))

    assert not any(near(c, MAGENTA) for c in colours)  # the learner's file was never read
    assert any(near(c, GREEN) for c in colours)  # the cleaned artwork is still drawn


def test_pdf_export_hands_qt_only_small_pictures_of_its_own(
    qapp: object,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    no_big_decoding: list[tuple[int, int]],
) -> None:
    """A pixel bomb and PostScript as badge pictures: neither reaches a decoder (Qt's or
    Pillow's); what Qt is given is a small PNG the wallet made."""
    from wallet.ui.pdf_export import write_pdf
    from wallet.ui.qt import QtGui

    given: list[bytes] = []
    original = QtGui.QImage.loadFromData

    def spy(self: QtGui.QImage, data: bytes, *args: object) -> bool:
        given.append(bytes(data))
        return original(self, data, *args)

    monkeypatch.setattr(QtGui.QImage, "loadFromData", spy)
    store, ids = badge_wallet(
        tmp_path,
        {
            "Bomb badge": data_uri("image/png", bomb_png()),
            "PostScript badge": data_uri("image/jpeg", EPS),
        },
    )
    out = tmp_path / "portfolio.pdf"
    with store:
        export(store, list(ids.values()), ExportOptions("pdf", out, pdf_writer=write_pdf))
    assert out.stat().st_size > 0 and no_big_decoding == []
    for data in given:
        assert data.startswith(b"\x89PNG") and data != bomb_png()
        width, height = struct.unpack(">II", data[16:24])
        assert width <= 512 and height <= 512
