"""Regression tests: every input the fuzzers found that escaped as the wrong exception.

Each test is the reproducer (reduced by hand to what matters) and the plain error the input now
gives. The list with fixes is in docs/reliability.md.
"""

from __future__ import annotations

import base64
import json

import pytest

from wallet import formats
from wallet.errors import FormatError


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _parse_error(data: bytes) -> str:
    with pytest.raises(FormatError) as err:
        formats.parse(data)
    return str(err.value)


@pytest.fixture(autouse=True)
def _unexpected_errors_raise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "RAISE_UNEXPECTED", True)


def test_sd_jwt_json_serialization_with_non_ascii_disclosure() -> None:
    """F1: a JWS JSON serialization whose disclosure is not ASCII raised UnicodeEncodeError."""
    header = _b64(b'{"alg":"EdDSA","typ":"dc+sd-jwt"}')
    payload = _b64(b'{"vct":"x","_sd":[]}')
    doc = {
        "payload": payload,
        "protected": header,
        "signature": "AA",
        "header": {"disclosures": ["WyJzYWx0Ig\u01d0"]},
    }
    assert "disclosure is not base64url" in _parse_error(json.dumps(doc).encode("utf-8"))


def test_url_with_invalid_utf8_is_not_a_link() -> None:
    """F2: an https URL line with an invalid UTF-8 byte raised UnicodeDecodeError."""
    assert _parse_error(b"https://example.org/badge\xff").startswith("unknown format")
    with pytest.raises(formats.LinkOnly):
        formats.parse(b"https://example.org/badge")


def test_numbers_too_long_or_too_large_are_refused() -> None:
    """F3: an integer literal of 5,000 digits raised ValueError (Python's int conversion limit);
    1e999999 became infinity, NaN was accepted."""
    assert "number longer than" in _parse_error(b'{"a": ' + b"1" * 5000 + b"}")
    assert "beyond the range" in _parse_error(b'{"a": 1e999999}')
    assert "NaN" in _parse_error(b'{"a": NaN}')


def _zip_failure(data: bytes) -> str:
    import io

    from wallet import sources

    got = list(sources.read_sources(["-"], stdin=io.BytesIO(data)))
    assert len(got) == 1 and isinstance(got[0], sources.Failure), got
    return got[0].problem


def test_zip_with_forged_directory_offset() -> None:
    """F4: a zip whose central directory offset points past itself made zipfile seek to a
    negative position (ValueError)."""
    import struct

    from tests.reliability.fuzz_targets import make_zip

    z = bytearray(make_zip([("a.json", b"{}")]))
    eocd = z.rfind(b"PK\x05\x06")
    (offset,) = struct.unpack_from("<I", z, eocd + 16)
    struct.pack_into("<I", z, eocd + 16, offset + 1000)
    assert "cannot unpack" in _zip_failure(bytes(z))


def test_zip_member_with_damaged_deflate_data() -> None:
    """F5: a member whose DEFLATE data is damaged raised zlib.error."""
    from tests.reliability.fuzz_targets import make_zip

    z = bytearray(make_zip([("a.json", b"{}" * 100)]))
    i = z.index(b"a.json") + len(b"a.json")
    z[i : i + 4] = b"\xff\xff\xff\xff"
    assert "cannot unpack" in _zip_failure(bytes(z))


def test_backup_document_with_tags_not_a_list() -> None:
    """F6: a backup document (authentic, decrypted) whose `tags` is a number raised TypeError;
    a collection item that is a list raised TypeError (unhashable); a record nested past the
    recursion limit raised RecursionError."""
    import hashlib

    import cbor2

    from tests.reliability.fuzz_targets import BACKUP_PW, backup_document, seal_backup
    from wallet import backup

    for change in ({"tags": 5}, {"collections": [{"name": "c", "items": [[1]]}]}):
        doc = {**backup_document(), **change}
        with pytest.raises(backup.BackupError, match="not consistent"):
            backup.decode(seal_backup(cbor2.dumps(doc)), BACKUP_PW)
    doc = backup_document()
    nested = b"[" * 100_000  # records are read again from the original bytes (issue 13)
    digest = hashlib.sha256(nested).hexdigest()
    doc["credentials"][0].update(
        original=nested, original_sha256=digest, payload_sha256=digest, id=digest[:16]
    )
    doc["tags"], doc["collections"] = [], []
    with pytest.raises(backup.BackupError, match="cannot be read"):
        backup.decode(seal_backup(cbor2.dumps(doc)), BACKUP_PW)


def test_malformed_context_iri_gives_a_report() -> None:
    """F7: a credential whose @context is "https;//..." made pyld raise ValueError out of
    verify_parsed (through verify_presentation)."""
    from tests.reliability.fuzz_targets import NOW, demo_credentials
    from wallet.verify.context import VerifyContext
    from wallet.verify.report import FAIL, PROOF, UNKNOWN
    from wallet.verify.verifier import verify_parsed

    doc = json.loads(demo_credentials()[0])
    doc["@context"][0] = doc["@context"][0].replace("https://", "https;//")
    report = verify_parsed(formats.parse(json.dumps(doc).encode()), VerifyContext(at=NOW), "x")
    proof = next(c for c in report.checks if c.id == PROOF)
    assert proof.status in (FAIL, UNKNOWN) and "JSON-LD" in proof.message


def test_unreadable_images_are_qr_errors() -> None:
    """F8 (hardening found while fuzzing qr_image): damaged or exotic image files give QrError,
    whatever Pillow raises inside."""
    from tests.reliability.fuzz_targets import qr_pngs
    from wallet.present import qr

    png = qr_pngs()[0]
    for data in (
        png[:60],
        png[:8] + b"\0" * 40,
        b"BM" + b"\xff" * 60,
        b"GIF89a" + b"\0" * 20,
        b"II*\0" + b"\0" * 40,
    ):
        with pytest.raises(qr.QrError):
            qr.read_qr_image(data)


def test_credential_whose_type_is_an_object_gives_a_report() -> None:
    """F9: `"type": {}` (or a list holding an object) in a signed OB 3.0 credential raised
    TypeError (unhashable) in the schema check."""
    from tests.reliability.fuzz_targets import NOW, demo_credentials
    from wallet.credential import Parsed
    from wallet.verify.context import VerifyContext
    from wallet.verify.verifier import verify_parsed

    seed = formats.parse(demo_credentials()[0])
    for bad in ({}, [{}], [["VerifiableCredential"]]):
        doc = json.loads(demo_credentials()[0])
        doc["type"] = bad
        data = json.dumps(doc).encode()
        report = verify_parsed(
            Parsed(seed.credential, data, data, seed.media_type), VerifyContext(at=NOW), "x"
        )
        assert report.verdict


def test_sd_jwt_issuer_with_invalid_ipv6_host_gives_an_outcome() -> None:
    """F11: an SD-JWT whose `iss` is "https://[bad" made urlsplit raise ValueError while
    looking for the issuer's metadata."""
    from tests.reliability.fuzz_targets import NOW
    from wallet.verify.context import VerifyContext
    from wallet.verify.jose_proofs import verify_sd_jwt
    from wallet.verify.report import FAIL, PROOF

    header = _b64(b'{"alg":"ES256","typ":"dc+sd-jwt"}')
    payload = _b64(b'{"iss":"https://[bad","vct":"x","_sd":[]}')
    outcome = verify_sd_jwt(f"{header}.{payload}.AAAA~", VerifyContext(at=NOW))
    proof = next(c for c in outcome.checks if c.id == PROOF)
    assert proof.status == FAIL and "not a valid URL" in proof.message


def test_zip_entry_with_an_empty_name() -> None:
    """F12: a zip entry with an empty file name made ZipInfo.is_dir raise IndexError."""
    # one stored member "{}" whose name is empty (zipfile itself cannot write such a file)
    data = bytes.fromhex(
        "504b030414000000000044a6765d43bfa6a30200000002000000000000007b7d504b0102140314000000"
        "000044a6765d43bfa6a302000000020000000000000000000000000000008001000000005"
        "04b050600000000010001002e000000200000000000"
    )
    assert "holds no files" in _zip_failure(data)


def test_presented_credential_with_a_lone_surrogate_gives_a_report() -> None:
    """F13: a presentation whose credential held a "\\udddd" escape (valid JSON, not valid
    Unicode) made verify_presentation raise UnicodeEncodeError while re-encoding it."""
    from tests.reliability.fuzz_targets import NOW
    from wallet.present.presentation import overall_verdict, verify_presentation
    from wallet.verify.context import VerifyContext

    vp = json.loads(
        '{"type": ["VerifiablePresentation"], "holder": "did:key:z6Mkx",'
        ' "verifiableCredential": [{"name": "\\udddd"}]}'
    )
    report = verify_presentation(vp, challenge=None, at=NOW, ctx=VerifyContext(at=NOW))
    assert overall_verdict(report) in ("failed", "unknown")
    assert any("not valid Unicode" in c.message for n in report.nested for c in n.checks) or any(
        "not valid Unicode" in c.message for c in report.checks
    )


def test_redirect_to_an_invalid_ipv6_address_is_a_source_error() -> None:
    """F14: a redirect to `http://[;:1]/` made `urljoin` raise ValueError out of fetch_url."""
    from tests.reliability.net_probe import fake_network
    from wallet.sources import SourceError, fetch_url

    with fake_network(b"302 http://[;:1]/\n") as (start, connects):
        with pytest.raises(SourceError, match="not an address"):
            fetch_url(start, timeout=2.0, allow_loopback=True)
    assert len(connects) == 1  # the first hop only
