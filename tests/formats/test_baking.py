"""Baked badges: the credential comes out of the image byte-exact, and goes back in unchanged."""

from __future__ import annotations

import io
import struct
import zlib

import issuers
import pytest
from PIL import Image

from wallet import formats
from wallet.credential import BAKED_PNG, BAKED_SVG, JWS, JWT, OB2, OB3
from wallet.errors import FormatError
from wallet.formats import LinkOnly, bake_png, bake_svg, unbake_png, unbake_svg


def _chunk(ctype: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", zlib.crc32(ctype + data))


def _insert_after_ihdr(png: bytes, chunk: bytes) -> bytes:
    return png[:33] + chunk + png[33:]


def test_png_json_round_trip_is_byte_exact_and_image_still_opens():
    text = issuers.pretty(issuers.nzqf_microcredential()).decode()
    png = issuers.baked_png(text)
    p = formats.parse(png, "badge.png")
    assert p.media_type == "image/png" and p.original == png
    assert p.payload == text.encode()
    assert p.credential.baked == BAKED_PNG and p.credential.format == OB3
    assert p.credential.title == "Sustainable Horticulture Practice"
    Image.open(io.BytesIO(png), formats=["PNG"]).load()  # still a valid image
    # baking again replaces the badge instead of adding a second one
    again = bake_png(png, "openbadgecredential", text)
    assert again == png
    assert unbake_png(again).raw == text.encode()


def test_png_with_vc_jwt():
    token = issuers.sign_vc_jwt(issuers.ects_microcredential(), issuers.ed25519_key())
    p = formats.parse(issuers.baked_png(token))
    assert (p.credential.proof_form, p.credential.baked) == (JWT, BAKED_PNG)
    assert p.payload == token.encode()


def test_png_ob2_signed_and_compressed_itxt():
    token = issuers.ob2_signed(issuers.ob2_assertion(), issuers.p256_key())
    data = b"openbadges\0" + b"\x01\x00" + b"\0\0" + zlib.compress(token.encode())
    png = _insert_after_ihdr(issuers.small_png(), _chunk(b"iTXt", data))
    p = formats.parse(png)
    assert (p.credential.format, p.credential.proof_form) == (OB2, JWS)
    assert p.payload == token.encode()


def test_png_hosted_url_only_is_a_link():
    png = issuers.baked_png("https://badges.example.org/assertions/1001", "openbadges")
    with pytest.raises(LinkOnly) as err:
        formats.parse(png)
    assert err.value.url == "https://badges.example.org/assertions/1001"
    assert "only a link" in str(err.value)


def test_png_decompression_bomb_is_capped():
    bomb = zlib.compress(b"{" + b" " * (5 * 1024 * 1024) + b"}")
    data = b"openbadgecredential\0\x01\x00\0\0" + bomb
    png = _insert_after_ihdr(issuers.small_png(), _chunk(b"iTXt", data))
    with pytest.raises(FormatError, match="larger than 4 MiB"):
        formats.parse(png)


def test_svg_json_round_trip():
    text = issuers.pretty(issuers.nzqf_microcredential()).decode()
    svg = issuers.baked_svg(text)
    p = formats.parse(svg, "badge.svg")
    assert p.media_type == "image/svg+xml" and p.original == svg
    assert p.payload == text.encode()
    assert p.credential.baked == BAKED_SVG
    assert b'<circle cx="32"' in svg  # the picture is left as it was
    assert bake_svg(svg, text) == svg  # re-baking replaces, does not duplicate


def test_svg_jwt_goes_in_verify_attribute():
    token = issuers.sign_vc_jwt(issuers.ects_microcredential(), issuers.p256_key())
    svg = issuers.baked_svg(token)
    assert b'verify="' + token.encode() + b'"' in svg
    assert unbake_svg(svg).raw == token.encode()
    assert formats.parse(svg).credential.proof_form == JWT


def test_svg_text_needing_escapes_survives():
    cred = issuers.ects_microcredential()
    cred["description"] = "Contains ]]> and <tags> & ampersands\r\n"
    text = issuers.pretty(cred).decode().replace("\n", "\r\n")
    svg = bake_svg(issuers.SVG, text)
    assert unbake_svg(svg).raw == text.encode()


def test_ob2_svg_with_cdata_and_verify_url():
    text = issuers.pretty(issuers.ob2_assertion()).decode()
    svg = bake_svg(
        issuers.SVG, text, ob_version=2, verify="https://badges.example.org/assertions/1001"
    )
    assert b"<openbadges:assertion" in svg
    p = formats.parse(svg)
    assert p.credential.format == OB2 and p.credential.title == "First Aid Level 2"


def test_svg_with_only_a_link():
    svg = issuers.SVG.replace(
        b"</svg>",
        b'<openbadges:assertion xmlns:openbadges="http://openbadges.org" '
        b'verify="https://badges.example.org/assertions/7"/></svg>',
    )
    with pytest.raises(LinkOnly, match="only a link"):
        formats.parse(svg)
