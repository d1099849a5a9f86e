"""A credential whose JSON repeats a member name is refused, naming the repeated key.

Why: JSON parsers disagree about `{"issuer": "A", "issuer": "B"}` (first wins, last wins, an
error), so a signer and a reader may see two different credentials in the same bytes. The
wallet reads nothing ambiguous: JSON credentials, JWT headers and payloads, SD-JWT disclosures.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wallet import formats
from wallet.errors import FormatError
from wallet.proofs import jose, keys
from wallet.verify.context import VerifyContext
from wallet.verify.jose_proofs import verify_jwt, verify_sd_jwt
from wallet.verify.report import FAIL, FAILED, PASS, PROOF, verdict_of

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "credentials"
AT = dt.datetime(2027, 1, 15, 12, 0, tzinfo=dt.UTC)
KEY = Ed25519PrivateKey.generate()
ISSUER = keys.did_key_from_public_key(KEY.public_key())
KID = keys.did_key_verification_method(KEY.public_key())


def jwt_with(header_text: str, payload_text: str) -> str:
    """A correctly signed compact JWS over exactly these header and payload texts."""
    signing_input = (
        f"{jose.b64url_encode(header_text.encode())}.{jose.b64url_encode(payload_text.encode())}"
    )
    signature = KEY.sign(signing_input.encode("ascii"))
    return f"{signing_input}.{jose.b64url_encode(signature)}"


CLAIMS = (
    f'{{"iss": "{ISSUER}", "nbf": 1767225600, "vc": {{"@context": '
    '["https://www.w3.org/2018/credentials/v1"], "type": ["VerifiableCredential"], '
    f'"issuer": "{ISSUER}", "credentialSubject": {{"id": "did:example:aroha", '
    '"name": "Aroha"}}}'
)


def test_the_reader_refuses_a_repeated_key_and_names_it() -> None:
    with pytest.raises(FormatError, match="'role'") as caught:
        jose.load_json_bytes(b'{"name": "Aroha", "role": "learner", "role": "admin"}')
    assert "more than once" in caught.value.message
    with pytest.raises(FormatError, match="'b'"):
        jose.load_json_bytes(b'[{"a": {"b": 1, "c": 2, "b": 1}}]')
    # the same name in different objects, and distinct names, are ordinary JSON
    assert jose.load_json_bytes(b'{"a": {"x": 1}, "b": {"x": 1}}') == {"a": {"x": 1}, "b": {"x": 1}}


def test_a_json_credential_with_a_repeated_issuer_is_not_imported() -> None:
    original = (DEMO / "01-data-analysis-with-python.json").read_text("utf-8")
    assert formats.parse(original.encode()).credential.title  # the untouched file reads
    doc = json.loads(original)
    text = json.dumps(doc, ensure_ascii=False)
    head = text.index('"issuer"')
    forged = text[:head] + '"issuer": "did:web:evil.example", ' + text[head:]
    with pytest.raises(FormatError, match="'issuer'"):
        formats.parse(forged.encode())


def test_a_jwt_payload_with_a_repeated_claim_is_refused_and_fails_verification() -> None:
    good = jwt_with('{"alg": "EdDSA", "kid": "' + KID + '"}', CLAIMS)
    assert verdict_of(verify_jwt(good, VerifyContext(at=AT)).checks) != FAILED
    forged = jwt_with(
        '{"alg": "EdDSA", "kid": "' + KID + '"}',
        CLAIMS.replace('"name": "Aroha"', '"name": "Aroha", "name": "Mallory"'),
    )
    with pytest.raises(FormatError, match="'name'"):
        formats.parse(forged.encode())
    out = verify_jwt(forged, VerifyContext(at=AT))
    [proof] = [c for c in out.checks if c.id == PROOF]
    assert proof.status == FAIL and "'name'" in proof.message


def test_a_jwt_header_with_a_repeated_member_is_refused() -> None:
    forged = jwt_with('{"alg": "none", "kid": "' + KID + '", "alg": "EdDSA"}', CLAIMS)
    with pytest.raises(FormatError, match="'alg'"):
        formats.parse(forged.encode())
    out = verify_jwt(forged, VerifyContext(at=AT))
    [proof] = [c for c in out.checks if c.id == PROOF]
    assert proof.status == FAIL and "'alg'" in proof.message


def sd_jwt_with_disclosure(disclosure_text: str) -> str:
    disclosure = jose.b64url_encode(disclosure_text.encode())
    payload = json.dumps(
        {
            "iss": ISSUER,
            "iat": 1767225600,
            "vct": "https://issuer.example.test/vct/micro-credential",
            "_sd": [jose.disclosure_digest(disclosure)],
            "_sd_alg": "sha-256",
        }
    )
    issuer_jwt = jwt_with(json.dumps({"alg": "EdDSA", "typ": "dc+sd-jwt", "kid": KID}), payload)
    return f"{issuer_jwt}~{disclosure}~"


def test_an_sd_jwt_disclosure_with_a_repeated_key_is_refused() -> None:
    good = sd_jwt_with_disclosure('["c2FsdA", "achievement", {"name": "First Aid"}]')
    out = verify_sd_jwt(good, VerifyContext(at=AT))
    assert [c.status for c in out.checks if c.id == PROOF] == [PASS], out.checks
    forged = sd_jwt_with_disclosure(
        '["c2FsdA", "achievement", {"name": "First Aid", "name": "Brain Surgery"}]'
    )
    with pytest.raises(FormatError, match="'name'"):
        formats.parse(forged.encode())
    out = verify_sd_jwt(forged, VerifyContext(at=AT))
    [proof] = [c for c in out.checks if c.id == PROOF]
    assert proof.status == FAIL and "'name'" in proof.message
