"""A JWS header's `crit` (RFC 7515 section 4.1.11) is honoured: the wallet refuses what it
cannot understand.

`crit` lists header extensions the signer says a verifier MUST understand and process, or else
reject the signature. This wallet understands none, so a correctly signed VC-JWT, OB 2.0
signed assertion, SD-JWT issuer JWT or key-binding JWT with `crit` fails, with a reason naming
the header; so does a malformed `crit`. Every issuer here is a did:key / did:jwk or a key the
caller supplies, so everything is checked offline.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wallet import formats
from wallet.proofs import jose, keys
from wallet.verify.context import VerifyContext
from wallet.verify.jose_proofs import verify_jwt, verify_sd_jwt
from wallet.verify.report import FAIL, FAILED, HOLDER, PASS, PROOF, Check, verdict_of
from wallet.verify.verifier import verify_parsed

AT = dt.datetime(2027, 1, 15, 12, 0, tzinfo=dt.UTC)
NOW = int(AT.timestamp())
KEY = Ed25519PrivateKey.generate()
VM = keys.did_jwk_from_public_key(KEY.public_key()) + "#0"
HOLDER_KEY = ec.generate_private_key(ec.SECP256R1())
AUD, NONCE = "https://employer.example.test", "n-42"

# (extra header fields, words the failure must contain)
UNDERSTOOD_NONE = ({"crit": ["exp_policy"], "exp_policy": "strict"}, "'exp_policy'")
MALFORMED = {
    "a string": ({"crit": "exp_policy", "exp_policy": 1}, "crit"),
    "an empty list": ({"crit": []}, "crit"),
    "not strings": ({"crit": [7]}, "crit"),
    "a header it lacks": ({"crit": ["exp_policy"]}, "'exp_policy'"),
    "a standard header": ({"crit": ["kid"]}, "'kid'"),
}
CASES = {"unknown extension": UNDERSTOOD_NONE, **MALFORMED}


def check(outcome: Any, check_id: str) -> Check:
    [found] = [c for c in outcome.checks if c.id == check_id]
    return found


def vc_jwt(**header: Any) -> str:
    issuer = VM.split("#")[0]
    claims = {
        "iss": issuer,
        "nbf": NOW - 86400,
        "vc": {
            "@context": ["https://www.w3.org/2018/credentials/v1"],
            "type": ["VerifiableCredential"],
            "issuer": issuer,
            "credentialSubject": {"id": "did:example:aroha", "name": "Aroha"},
        },
    }
    return jose.sign_compact(
        {"alg": "EdDSA", "typ": "JWT", "kid": VM, **header}, json.dumps(claims).encode(), KEY
    )


def ob2_jws(**header: Any) -> str:
    assertion = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": "https://badges.example.org/assertions/1001",
        "recipient": {"type": "email", "hashed": False, "identity": "aroha@example.org"},
        "badge": {
            "type": "BadgeClass",
            "id": "https://badges.example.org/badges/first-aid",
            "name": "First Aid Level 2",
            "issuer": {
                "type": "Issuer",
                "id": "https://badges.example.org/issuer",
                "name": "Example Training Trust",
            },
        },
        "issuedOn": "2026-03-05T10:00:00Z",
        "verification": {"type": "signed", "creator": "https://badges.example.org/keys/1"},
    }
    return jose.sign_compact({"alg": "EdDSA", **header}, json.dumps(assertion).encode(), KEY)


def sd_jwt(**header: Any) -> str:
    claims = {
        "iss": keys.did_key_from_public_key(KEY.public_key()),
        "iat": NOW - 86400,
        "vct": "https://issuer.example.test/vct/micro-credential",
        "given_name": "Aroha",
        "cnf": {"jwk": keys.public_key_to_jwk(HOLDER_KEY.public_key())},
    }
    return jose.issue_sd_jwt(
        claims,
        ["given_name"],
        KEY,
        header={"kid": keys.did_key_verification_method(KEY.public_key()), **header},
    )


def with_kb(issued: str, **header: Any) -> str:
    """`issued` presented with a key-binding JWT whose header has the extra fields."""
    payload = {"nonce": NONCE, "aud": AUD, "iat": NOW - 30, "sd_hash": jose.sd_hash(issued)}
    kb = jose.sign_compact(
        {"typ": "kb+jwt", "alg": "ES256", **header}, json.dumps(payload).encode(), HOLDER_KEY
    )
    return issued + kb


def assert_refused(status: Check, words: str) -> None:
    assert status.status == FAIL, status
    assert words in status.message and "crit" in status.message, status.message


def test_without_crit_every_kind_verifies() -> None:
    ctx = VerifyContext(at=AT)
    assert check(verify_jwt(vc_jwt(), ctx), PROOF).status == PASS
    assert (
        check(verify_jwt(ob2_jws(), ctx, issuer_keys={"k": KEY.public_key()}), PROOF).status == PASS
    )
    out = verify_sd_jwt(with_kb(sd_jwt()), ctx, audience=AUD, nonce=NONCE)
    assert [check(out, PROOF).status, check(out, HOLDER).status] == [PASS, PASS], out.checks


@pytest.mark.parametrize(("extra", "words"), CASES.values(), ids=CASES.keys())
def test_vc_jwt_with_crit_fails_through_the_verifier(extra: dict[str, Any], words: str) -> None:
    token = vc_jwt(**extra)
    report = verify_parsed(formats.parse(token.encode()), VerifyContext(at=AT), "file")
    assert report.verdict == FAILED
    assert_refused(report.check(PROOF), words)
    assert jose.verify_compact(token, KEY.public_key()) is False
    assert jose.verify_compact(vc_jwt(), KEY.public_key()) is True


@pytest.mark.parametrize(("extra", "words"), CASES.values(), ids=CASES.keys())
def test_ob2_signed_assertion_with_crit_fails(extra: dict[str, Any], words: str) -> None:
    out = verify_jwt(ob2_jws(**extra), VerifyContext(at=AT), issuer_keys={"k": KEY.public_key()})
    assert verdict_of(out.checks) == FAILED
    assert_refused(check(out, PROOF), words)


@pytest.mark.parametrize(("extra", "words"), CASES.values(), ids=CASES.keys())
def test_sd_jwt_issuer_jwt_with_crit_fails(extra: dict[str, Any], words: str) -> None:
    out = verify_sd_jwt(sd_jwt(**extra), VerifyContext(at=AT))
    assert verdict_of(out.checks) == FAILED
    assert_refused(check(out, PROOF), words)


@pytest.mark.parametrize(("extra", "words"), CASES.values(), ids=CASES.keys())
def test_key_binding_jwt_with_crit_fails(extra: dict[str, Any], words: str) -> None:
    out = verify_sd_jwt(with_kb(sd_jwt(), **extra), VerifyContext(at=AT), audience=AUD, nonce=NONCE)
    assert check(out, PROOF).status == PASS  # the issuer's part is fine
    assert verdict_of(out.checks) == FAILED
    assert_refused(check(out, HOLDER), words)


def test_crit_in_the_unprotected_header_of_a_json_sd_jwt_fails() -> None:
    jwt, disclosures, _ = jose.split_sd_jwt(sd_jwt())
    protected, payload, signature = jwt.split(".")
    flattened = {
        "protected": protected,
        "payload": payload,
        "signature": signature,
        "header": {"disclosures": disclosures, "crit": ["exp_policy"], "exp_policy": "strict"},
    }
    out = verify_sd_jwt(json.dumps(flattened), VerifyContext(at=AT))
    assert verdict_of(out.checks) == FAILED
    assert_refused(check(out, PROOF), "unprotected")
