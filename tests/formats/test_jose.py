"""Compact JWS and SD-JWT helpers: what issuers sign, wallets must read back and verify."""

from __future__ import annotations

import json

import issuers
import pytest

from wallet.errors import FormatError
from wallet.proofs import jose


def _b64(data: bytes) -> str:
    return jose.b64url_encode(data)


GRADE_A = _b64(b'{"grade":"A"}')
ALG_NONE = _b64(b'{"alg":"none"}')

KEYS = {
    "EdDSA": issuers.ed25519_key,
    "ES256": issuers.p256_key,
    "ES384": issuers.p384_key,
    "RS256": issuers.rsa_key,
    "PS256": issuers.rsa_key,
}


@pytest.mark.parametrize("alg", sorted(KEYS))
def test_sign_and_verify_every_alg(alg):
    key = KEYS[alg]()
    token = jose.sign_compact({"alg": alg, "typ": "JWT"}, b'{"hello":"world"}', key)
    header, payload, signature, signing_input = jose.decode_compact(token)
    assert header == {"alg": alg, "typ": "JWT"}
    assert payload == b'{"hello":"world"}'
    assert signing_input == token.rsplit(".", 1)[0].encode()
    assert jose.verify_compact(token, key.public_key())


def test_ecdsa_signatures_are_raw_r_s():
    es256 = jose.sign_compact({"alg": "ES256"}, b"x", issuers.p256_key())
    es384 = jose.sign_compact({"alg": "ES384"}, b"x", issuers.p384_key())
    assert len(jose.decode_compact(es256)[2]) == 64
    assert len(jose.decode_compact(es384)[2]) == 96


def test_alg_chosen_from_key_when_header_has_none():
    token = jose.sign_compact({}, b"{}", issuers.ed25519_key())
    assert jose.decode_compact(token)[0]["alg"] == "EdDSA"


def test_tampered_payload_wrong_key_and_mismatched_alg_do_not_verify():
    key = issuers.p256_key()
    token = jose.sign_compact({"alg": "ES256"}, b'{"grade":"C"}', key)
    h, _, s = token.split(".")
    forged = f"{h}.{GRADE_A}.{s}"
    assert not jose.verify_compact(forged, key.public_key())
    other = issuers.p384_key().public_key()
    assert not jose.verify_compact(token, other)
    assert not jose.verify_compact(token, issuers.ed25519_key().public_key())
    none_alg = f"{ALG_NONE}.{token.split('.')[1]}."
    assert not jose.verify_compact(none_alg, key.public_key())


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("abc", "malformed JWT: expected 3 parts separated by dots, found 1"),
        ("a.b.c.d", "malformed JWT: expected 3 parts separated by dots, found 4"),
        ("!!!.e30.", "malformed JWT: header is not base64url"),
        (_b64(b"not json") + ".e30.", "malformed JWT: header is not JSON"),
        (_b64(b"[1]") + ".e30.", "malformed JWT: header is not a JSON object"),
        (_b64(b"{}") + ".e30.", "malformed JWT: header has no alg"),
        (_b64(b'{"alg":"ES256"}') + ".e30.a", "malformed JWT: signature is not base64url"),
    ],
)
def test_malformed_tokens_give_plain_messages(token, message):
    with pytest.raises(FormatError) as err:
        jose.decode_compact(token)
    assert str(err.value).startswith(message)


def test_sd_jwt_issue_split_and_process():
    key = issuers.ed25519_key()
    claims = {
        "iss": "https://issuer.example",
        "vct": "https://example/vct",
        "given_name": "Mere",
        "family_name": "Tane",
        "credits": 15,
    }
    text = jose.issue_sd_jwt(claims, ["given_name", "family_name"], key)
    assert text.endswith("~")
    issuer_jwt, disclosures, kb = jose.split_sd_jwt(text)
    assert kb is None and len(disclosures) == 2
    header, payload = jose.decode_compact_json(issuer_jwt)
    assert header["typ"] == "dc+sd-jwt" and header["alg"] == "EdDSA"
    assert "given_name" not in payload and payload["_sd_alg"] == "sha-256"
    assert sorted(payload["_sd"]) == sorted(jose.disclosure_digest(d) for d in disclosures)
    salts = [jose.decode_disclosure(d)[0] for d in disclosures]
    assert all(len(jose.b64url_decode(s)) == 16 for s in salts) and salts[0] != salts[1]
    assert jose.processed_payload(payload, disclosures) == claims
    assert jose.verify_compact(issuer_jwt, key.public_key())
    # withholding a disclosure hides the claim, nothing else changes
    assert jose.processed_payload(payload, disclosures[:1]).keys() == claims.keys() - {
        jose.decode_disclosure(disclosures[1])[1]
    }


def test_split_with_key_binding_jwt():
    assert jose.split_sd_jwt("a.b.c~d1~d2~k.b.j") == ("a.b.c", ["d1", "d2"], "k.b.j")
    assert jose.split_sd_jwt("a.b.c~") == ("a.b.c", [], None)
    with pytest.raises(FormatError, match="no '~' separator"):
        jose.split_sd_jwt("a.b.c")


def test_recursive_and_array_disclosures():
    inner = jose.make_disclosure(["s1", "locality", "Ōtautahi"])
    address = jose.make_disclosure(
        ["s2", "address", {"_sd": [jose.disclosure_digest(inner)], "country": "NZ"}]
    )
    element = jose.make_disclosure(["s3", "NZ"])
    payload = {
        "_sd": [jose.disclosure_digest(address), "decoy-digest-that-matches-nothing"],
        "_sd_alg": "sha-256",
        "nationalities": [{"...": jose.disclosure_digest(element)}, {"...": "undisclosed"}, "AU"],
    }
    result = jose.processed_payload(payload, [inner, address, element])
    assert result == {
        "address": {"country": "NZ", "locality": "Ōtautahi"},
        "nationalities": ["NZ", "AU"],
    }


def test_bad_disclosures_are_refused():
    d = jose.make_disclosure(["s", "name", "x"])
    payload = {"_sd": [jose.disclosure_digest(d)], "name": "clash"}
    with pytest.raises(FormatError, match="disclosed twice"):
        jose.processed_payload(payload, [d])
    with pytest.raises(FormatError, match="match no digest"):
        jose.processed_payload({"a": 1}, [d])
    with pytest.raises(FormatError, match="given twice"):
        jose.processed_payload({"_sd": [jose.disclosure_digest(d)]}, [d, d])
    with pytest.raises(FormatError, match="not \\[salt, name, value\\]"):
        jose.decode_disclosure(jose.b64url_encode(json.dumps({"a": 1}).encode()))
    with pytest.raises(FormatError, match="reserved name"):
        jose.decode_disclosure(jose.make_disclosure(["s", "_sd", 1]))
