"""Finding an issuer's key, and whether it is really the issuer's."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from wallet.proofs import keys
from wallet.verify.context import DID_DOCUMENT, MemoryCache, VerifyContext
from wallet.verify.methods import (
    KeyInvalid,
    KeyUnavailable,
    ResolvedKey,
    did_web_url,
    issuer_check,
    resolve,
)
from wallet.verify.report import FAIL, PASS, UNKNOWN


def raw(key: object) -> bytes:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return key.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)  # type: ignore[attr-defined]


def test_did_key_and_did_jwk_are_their_own_controllers() -> None:
    pub = Ed25519PrivateKey.generate().public_key()
    did = keys.did_key_from_public_key(pub)
    got = resolve(keys.did_key_verification_method(pub), VerifyContext())
    assert raw(got.key) == raw(pub) and got.controller == did and str(got.how) == "did:key"
    p256 = ec.generate_private_key(ec.SECP256R1()).public_key()
    did_jwk = keys.did_jwk_from_public_key(p256)
    got = resolve(did_jwk + "#0", VerifyContext())
    assert raw(got.key) == raw(p256) and got.controller == did_jwk


def test_did_web_needs_one_online_check_then_works_offline() -> None:
    pub = Ed25519PrivateKey.generate().public_key()
    did = "did:web:issuer.example:org:poly"
    vm = f"{did}#key-1"
    doc = {
        "@context": ["https://www.w3.org/ns/did/v1"],
        "id": did,
        "verificationMethod": [
            {
                "id": vm,
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": keys.public_key_to_multikey(pub),
            }
        ],
        "assertionMethod": [vm],
    }
    assert did_web_url(did) == "https://issuer.example/org/poly/did.json"
    fetched: list[str] = []

    def fetcher(url: str) -> bytes:
        fetched.append(url)
        return json.dumps(doc).encode()

    cache = MemoryCache()
    with pytest.raises(KeyUnavailable, match="not cached; check online"):
        resolve(vm, VerifyContext(cache=cache, fetcher=fetcher))
    assert fetched == []  # offline: nothing fetched
    online = resolve(vm, VerifyContext(cache=cache, fetcher=fetcher, online=True))
    assert fetched == ["https://issuer.example/org/poly/did.json"]
    assert online.controller == did
    offline = resolve(vm, VerifyContext(cache=cache, fetcher=fetcher))
    assert raw(offline.key) == raw(pub) and "fetched" in str(offline.how)
    assert len(fetched) == 1
    assert cache.cache_get(DID_DOCUMENT, did_web_url(did)) is not None


def test_did_web_key_not_listed_for_assertion_is_refused() -> None:
    pub = Ed25519PrivateKey.generate().public_key()
    did = "did:web:issuer.example"
    doc = {
        "id": did,
        "verificationMethod": [
            {
                "id": f"{did}#k",
                "type": "Multikey",
                "publicKeyMultibase": keys.public_key_to_multikey(pub),
            }
        ],
        "authentication": [f"{did}#k"],
    }
    cache = MemoryCache()
    cache.cache_put(DID_DOCUMENT, did_web_url(did), json.dumps(doc).encode(), "2026-11-01T00:00Z")
    with pytest.raises(KeyInvalid, match="does not list"):
        resolve(f"{did}#k", VerifyContext(cache=cache))


def test_fragment_key_is_self_asserted() -> None:
    pub = Ed25519PrivateKey.generate().public_key()
    got = resolve(
        f"https://issuer.example/profile#{keys.public_key_to_multikey(pub)}", VerifyContext()
    )
    assert got.controller is None and "self-asserted" in str(got.how)
    check = issuer_check("https://issuer.example/profile", got)
    assert check.status == UNKNOWN
    assert check.message.startswith("signature valid, issuer not confirmed")


@pytest.mark.parametrize(
    ("method", "error"),
    [
        ("z6MkjLrk3gKS2nnkeWcmcxiZPGskmesDpuwRBorgHxUXfxnG", KeyInvalid),  # no scheme
        ("xxx:issuer#z6Mk", KeyInvalid),  # unknown scheme, no key in the fragment
        ("did:example:123#key-1", KeyUnavailable),  # unsupported DID method
        ("did:key:zNotAKey#zNotAKey", KeyInvalid),
        ("https://issuer.example/keys/1", KeyUnavailable),  # key document not cached
        ("", KeyInvalid),
    ],
)
def test_unusable_methods(method: str, error: type[Exception]) -> None:
    with pytest.raises(error):
        resolve(method, VerifyContext())


def test_issuer_binding() -> None:
    a = keys.did_key_from_public_key(Ed25519PrivateKey.generate().public_key())
    b = keys.did_key_from_public_key(Ed25519PrivateKey.generate().public_key())
    signed_by_a = ResolvedKey(object(), a, "did:key")
    assert issuer_check(a, signed_by_a).status == PASS
    wrong = issuer_check(b, signed_by_a)
    assert wrong.status == FAIL and a in wrong.message and b in wrong.message
    assert issuer_check("https://vc.example/issuers/5678", signed_by_a).status == UNKNOWN
    assert issuer_check(None, signed_by_a).status == FAIL
