"""Bad input: one plain line saying what is wrong, and never any other exception type."""

from __future__ import annotations

import json
import struct
import zlib

import issuers
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wallet import formats
from wallet.errors import FormatError
from wallet.proofs import jose


def _message(data: bytes) -> str:
    with pytest.raises(FormatError) as err:
        formats.parse(data)
    message = str(err.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_not_json():
    data = b'{\n  "type": "Assertion",\n  "id": "x"\n  "badge": 1\n}'
    assert _message(data) == "not JSON (line 4: Expecting ',' delimiter)"


def test_truncated_png():
    png = issuers.baked_png(json.dumps(issuers.nzqf_microcredential()))
    assert _message(png[: len(png) // 2]) == "truncated PNG"
    assert _message(png[:-12]) == "truncated PNG"  # IEND missing


def test_damaged_png_checksum():
    png = bytearray(issuers.baked_png(json.dumps(issuers.nzqf_microcredential())))
    i = png.index(b"Sustainable")
    png[i] ^= 0x20
    assert _message(bytes(png)) == "damaged PNG (the iTXt chunk fails its checksum)"


def test_png_without_badge():
    assert _message(issuers.small_png()) == "PNG carries no badge"


def test_png_with_other_text_chunk_only():
    png = issuers.small_png()
    data = b"Comment\0hello"
    chunk = (
        struct.pack(">I", len(data))
        + b"tEXt"
        + data
        + struct.pack(">I", zlib.crc32(b"tEXt" + data))
    )
    assert _message(png[:33] + chunk + png[33:]) == "PNG carries no badge"


def test_unknown_format():
    assert _message(b"hello, this is plain text").startswith("unknown format")
    assert _message(b"%PDF-1.7\n...") == "a PDF document, not a credential"
    assert _message(b"") == "empty file"


def test_json_that_is_not_a_credential():
    assert _message(b'{"name": "my shopping list"}') == (
        "not a credential: no recognised @context or type"
    )
    assert _message(b"[1, 2]").startswith("not a credential: a JSON list")
    badge_class = {"@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass", "name": "x"}
    assert "badge definition" in _message(json.dumps(badge_class).encode())


def test_malformed_jwt():
    header = jose.b64url_encode(b'{"alg":"ES256"}')
    message = _message(f"{header}.!!!notbase64.sig".encode())
    assert message.startswith("unknown format")  # not even JWT-shaped
    bad_payload = f"{header}.{jose.b64url_encode(b'not json')}.c2ln"
    assert (
        _message(bad_payload.encode()) == "malformed JWT: payload is not JSON (line 1: "
        "Expecting value)"
    )
    other = header + "." + jose.b64url_encode(b'{"sub":"x"}') + ".c2ln"
    assert _message(other.encode()) == (
        "not a credential: the JWT carries no recognised credential"
    )


def test_svg_with_external_entity_is_refused():
    svg = (
        b'<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>'
    )
    message = _message(svg)
    assert message.startswith("SVG refused: it declares XML entities")


def test_svg_billion_laughs_is_refused():
    svg = (
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>'
    )
    assert _message(svg).startswith("SVG refused")


def test_svg_without_badge_and_not_svg():
    assert _message(issuers.SVG) == "SVG carries no badge"
    assert _message(b"<html><body/></html>") == "XML is not an SVG image (root element <html>)"
    assert _message(b"<svg><unclosed></svg>").startswith("not valid XML (line 1")


def test_json_nested_too_deep():
    deep = b'{"a":' * 65 + b"1" + b"}" * 65
    assert _message(deep) == "JSON nested deeper than 64 levels"
    very_deep = b"[" * 100000 + b"]" * 100000
    assert _message(very_deep) == "JSON nested deeper than 64 levels"
    ok = b'{"a":' * 60 + b'"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["' + b"}" * 60
    assert "nested" not in _message(ok)  # brackets inside strings do not count


def test_verifiable_presentation_is_explained():
    vp = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "verifiableCredential": [],
    }
    assert _message(json.dumps(vp).encode()).startswith("a Verifiable Presentation")


def test_unexpected_errors_are_wrapped_outside_tests(monkeypatch):
    monkeypatch.setattr(formats, "RAISE_UNEXPECTED", False)

    def boom(*_args, **_kwargs):
        raise KeyError("bug")

    monkeypatch.setattr(formats.vc, "read_credential", boom)
    data = issuers.pretty(issuers.nzqf_microcredential())
    with pytest.raises(FormatError, match=r"could not read this credential \(KeyError\)"):
        formats.parse(data)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_random_bytes_only_ever_give_format_errors(data):
    try:
        formats.parse(data)
    except FormatError:
        pass


_SEED_PNG = issuers.baked_png(json.dumps(issuers.nzqf_microcredential()))
_SEED_JWT = issuers.sign_vc_jwt(issuers.ects_microcredential(), issuers.ed25519_key()).encode()
_SEED_SD = issuers.sd_jwt_microcredential().encode()
_SEED_SVG = issuers.baked_svg(json.dumps(issuers.ects_microcredential()))


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from([_SEED_PNG, _SEED_JWT, _SEED_SD, _SEED_SVG]),
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=0, max_value=255),
    st.booleans(),
)
def test_damaged_credentials_only_ever_give_format_errors(seed, pos, byte, cut):
    data = bytearray(seed)
    pos %= len(data)
    if cut:
        data = data[:pos]
    else:
        data[pos] = byte
    try:
        formats.parse(bytes(data))
    except FormatError:
        pass
