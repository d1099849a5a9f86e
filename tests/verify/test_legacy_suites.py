"""Ed25519Signature2018 and EcdsaSecp256k1Signature2019, cross-checked with the npm suites.

Why: JFF plugfest badges, older DCC credentials and many 2019-2022 issuers sign with these two
detached-JWS suites. Only software we did not write shows that we read their bytes as they do:
`@digitalbazaar/ed25519-signature-2018` and `@blockcerts/ecdsa-secp256k1-signature-2019` (run by
peer/suites/suites.mjs) sign, and the wallet must say "verified"; the wallet signs, and they must
accept it. Tampered credentials and wrong keys fail on both sides, with a sentence a learner can
read. bbs-2023 has no Python verifier the wallet can rely on: it is "not supported yet".

The peer is a Node project (`peer/suites/`, installed by scripts/setup.sh with `npm ci`, never
inside pytest); without it these tests FAIL with that command in the message. Its document loader
serves only shipped contexts, the suites' context packages, did:key and the documents a test
hands it, so nothing here touches the network.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from wallet.formats import parse
from wallet.messages import render
from wallet.proofs import keys, signing
from wallet.verify.context import DID_DOCUMENT, MemoryCache, VerifyContext
from wallet.verify.dataintegrity import verify_data_integrity
from wallet.verify.methods import did_web_url
from wallet.verify.report import CONTEXT, FAIL, ISSUER, PASS, PROOF, UNKNOWN, VERIFIED
from wallet.verify.verifier import verify_parsed

ROOT = Path(__file__).resolve().parents[2]
PEER = ROOT / "peer" / "suites"
SETUP_HINT = "run `npm ci --prefix peer/suites` (Node 20+) before the tests"
NOW = "2024-06-01T00:00:00Z"  # a fixed time of checking: after every credential's dates
AT = dt.datetime(2024, 6, 1, tzinfo=dt.UTC)
CREATED = "2024-01-02T09:30:00Z"

ED2018 = signing.ED25519_SIGNATURE_2018
SECP2019 = signing.ECDSA_SECP256K1_SIGNATURE_2019
SUITES = (ED2018, SECP2019)
SECP256K1_PUB = 0xE7


# --- keys and credentials ----------------------------------------------------------------------


def private_key(suite: str, n: int = 1) -> Any:
    """A fixed key per suite (and per `n`), so failures are reproducible."""
    if suite == ED2018:
        return ed25519.Ed25519PrivateKey.from_private_bytes(bytes([n]) * 32)
    return ec.derive_private_key(0x1234567890ABCDEF * n + 7, ec.SECP256K1())


def public_raw(key: Any) -> bytes:
    pub = key.public_key()
    if isinstance(pub, ed25519.Ed25519PublicKey):
        return pub.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return pub.public_bytes(Encoding.X962, PublicFormat.CompressedPoint)


def did_key(key: Any) -> str:
    if isinstance(key, ed25519.Ed25519PrivateKey):
        return keys.did_key_from_public_key(key.public_key())
    return "did:key:z" + keys.b58encode(keys.multicodec_wrap(SECP256K1_PUB, public_raw(key)))


def vm_of(did: str) -> str:
    return f"{did}#{did.removeprefix('did:key:')}"


def peer_key(key: Any, vm: str, controller: str) -> dict[str, str]:
    """The key as the npm suites take it (base58 public and private key)."""
    if isinstance(key, ed25519.Ed25519PrivateKey):
        seed = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        secret = seed + public_raw(key)  # the NaCl form: seed || public key
    else:
        secret = key.private_numbers().private_value.to_bytes(32, "big")
    return {
        "id": vm,
        "controller": controller,
        "publicKeyBase58": keys.b58encode(public_raw(key)),
        "privateKeyBase58": keys.b58encode(secret),
    }


def credential(issuer: str, subject: str = "did:example:learner-1") -> dict[str, Any]:
    return {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "id": "urn:uuid:6f1c3d4e-2a7b-4f0e-9d3c-1b2a3c4d5e6f",
        "type": ["VerifiableCredential"],
        "issuer": issuer,
        "issuanceDate": "2024-01-01T00:00:00Z",
        "expirationDate": "2030-01-01T00:00:00Z",
        "credentialSubject": {"id": subject},
    }


# --- the peer ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def node() -> str:
    """Path of `node` with peer/suites installed; fails (never skips) otherwise."""
    exe = shutil.which("node")
    if exe is None:
        pytest.fail(f"node is not on PATH; these tests need Node 20+: {SETUP_HINT}")
    for package in ("@digitalbazaar/ed25519-signature-2018", "@blockcerts"):
        if not (PEER / "node_modules" / package).is_dir():
            pytest.fail(f"peer/suites/node_modules is missing or incomplete: {SETUP_HINT}")
    return exe


def run_peer(node: str, request: dict[str, Any]) -> dict[str, Any]:
    proc = subprocess.run(
        [node, str(PEER / "suites.mjs")],
        cwd=PEER,
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines:
        pytest.fail(f"node suites.mjs printed nothing (exit {proc.returncode}): {proc.stderr}")
    answer: dict[str, Any] = json.loads(lines[-1])
    return answer


def peer_sign(node: str, suite: str, document: dict[str, Any], key: Any, vm: str) -> dict[str, Any]:
    answer = run_peer(
        node,
        {
            "op": "sign",
            "suite": suite,
            "credential": document,
            "key": peer_key(key, vm, vm.split("#")[0]),
            "created": CREATED,
        },
    )
    assert "signed" in answer, answer
    signed: dict[str, Any] = answer["signed"]
    return signed


def peer_verify(
    node: str, documents: list[dict[str, Any]], served: dict[str, Any] | None = None
) -> list[dict[str, Any]]:
    answer = run_peer(
        node, {"op": "verify", "credentials": documents, "now": NOW, "documents": served or {}}
    )
    assert "results" in answer, answer
    results: list[dict[str, Any]] = answer["results"]
    return results


# --- our side ----------------------------------------------------------------------------------


def ours(document: dict[str, Any], ctx: VerifyContext | None = None) -> dict[str, tuple[str, str]]:
    """Our verdict per check: id -> (status, English message)."""
    outcome = verify_data_integrity(document, ctx or VerifyContext(at=AT))
    return {c.id: (c.status, c.message) for c in outcome.checks}


def npm_signed(node: str, suite: str, n: int = 1) -> dict[str, Any]:
    key = private_key(suite, n)
    did = did_key(key)
    return peer_sign(node, suite, credential(did), key, vm_of(did))


# --- npm signs, the wallet verifies -----------------------------------------------------------


@pytest.mark.parametrize("suite", SUITES)
def test_the_wallet_verifies_what_the_npm_suite_signed(node: str, suite: str) -> None:
    signed = npm_signed(node, suite)
    assert signed["proof"]["type"] == suite and ".." in signed["proof"]["jws"]
    got = ours(signed)
    assert got[PROOF] == (PASS, f"{suite} signature verified with did:key"), got
    assert got[ISSUER][0] == PASS, got  # the did:key is the issuer's
    assert got[CONTEXT][0] == PASS, got


@pytest.mark.parametrize("suite", SUITES)
def test_a_learner_sees_verified_for_an_npm_signed_credential(node: str, suite: str) -> None:
    signed = npm_signed(node, suite)
    ctx = VerifyContext(at=AT, trusted_issuers=frozenset({signed["issuer"]}))
    report = verify_parsed(parse(json.dumps(signed).encode(), "badge.json"), ctx, "badge.json")
    assert report.verdict == VERIFIED, [(c.id, c.status, c.message) for c in report.checks]


@pytest.mark.parametrize("suite", SUITES)
def test_a_changed_credential_fails_on_both_sides(node: str, suite: str) -> None:
    signed = npm_signed(node, suite)
    tampered = copy.deepcopy(signed)
    tampered["credentialSubject"]["id"] = "did:example:someone-else"
    got = ours(tampered)
    assert got[PROOF] == (
        FAIL,
        f"the {suite} signature does not match the credential: it was changed after "
        "signing, or signed with another key",
    ), got
    assert got[ISSUER][0] != PASS
    [theirs] = peer_verify(node, [tampered])
    assert theirs["proofVerified"] is False and theirs["verified"] is False


@pytest.mark.parametrize("suite", SUITES)
def test_a_proof_naming_another_key_fails(node: str, suite: str) -> None:
    signed = npm_signed(node, suite)
    other = did_key(private_key(suite, 2))
    swapped = copy.deepcopy(signed)
    swapped["issuer"] = other
    swapped["proof"]["verificationMethod"] = vm_of(other)
    got = ours(swapped)
    assert got[PROOF][0] == FAIL and "does not match the credential" in got[PROOF][1], got
    [theirs] = peer_verify(node, [swapped])
    assert theirs["proofVerified"] is False


def test_a_key_of_the_other_suite_is_refused_in_a_sentence(node: str) -> None:
    signed = npm_signed(node, ED2018)
    secp = did_key(private_key(SECP2019))
    signed["proof"]["verificationMethod"] = vm_of(secp)
    got = ours(signed)
    assert got[PROOF] == (FAIL, f"the key did:key is of the wrong type for {ED2018}"), got


def _with_header(signed: dict[str, Any], header: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(signed)
    _head, _, sig = changed["proof"]["jws"].partition("..")
    encoded = keys.b64url_encode(json.dumps(header).encode())
    changed["proof"]["jws"] = f"{encoded}..{sig}"
    return changed


def test_a_jws_header_that_does_not_fit_the_suite_fails(node: str) -> None:
    signed = npm_signed(node, ED2018)
    wrong_alg = ours(_with_header(signed, {"alg": "ES256K", "b64": False, "crit": ["b64"]}))
    assert wrong_alg[PROOF] == (
        FAIL,
        f"the {ED2018} proof's JWS header names the algorithm 'ES256K', but {ED2018} uses EdDSA",
    )
    encoded = ours(_with_header(signed, {"alg": "EdDSA"}))
    assert encoded[PROOF][0] == FAIL and "unencoded payload" in encoded[PROOF][1]
    extra = ours(_with_header(signed, {"alg": "EdDSA", "b64": False, "crit": ["b64", "exp"]}))
    assert extra[PROOF][0] == FAIL and "marks exp as critical" in extra[PROOF][1]
    attached = copy.deepcopy(signed)
    attached["proof"]["jws"] = attached["proof"]["jws"].replace("..", ".e30.")
    assert ours(attached)[PROOF] == (
        FAIL,
        f"the {ED2018} proof's jws is not a detached JWS (header..signature)",
    )


# A credential signed in 2022 by software neither side wrote: Aries Framework JavaScript's test
# fixture (openwallet-foundation/credo-ts, packages/core/src/modules/vc/__tests__/fixtures.ts).
PUBLISHED_2018 = {
    "@context": [
        "https://www.w3.org/2018/credentials/v1",
        "https://www.w3.org/2018/credentials/examples/v1",
    ],
    "type": ["VerifiableCredential", "UniversityDegreeCredential"],
    "issuer": "did:key:z6MkvePyWAApUVeDboZhNbckaWHnqtD6pCETd6xoqGbcpEBV",
    "issuanceDate": "2017-10-22T12:23:48Z",
    "credentialSubject": {
        "degree": {"type": "BachelorDegree", "name": "Bachelor of Science and Arts"}
    },
    "proof": {
        "verificationMethod": "did:key:z6MkvePyWAApUVeDboZhNbckaWHnqtD6pCETd6xoqGbcpEBV"
        "#z6MkvePyWAApUVeDboZhNbckaWHnqtD6pCETd6xoqGbcpEBV",
        "type": "Ed25519Signature2018",
        "created": "2022-03-28T15:54:59Z",
        "proofPurpose": "assertionMethod",
        "jws": "eyJhbGciOiJFZERTQSIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19..b0MD_c-8EyGATDuCda1A72q"
        "bjD3o8MfiipicmhnYmcdqoIyZzE9MlZ9FZn5sxsIJ3LPqPQj7y1jLlINwCwNSDg",
    },
}


def test_a_published_2018_credential_is_verified_by_both(node: str) -> None:
    got = ours(PUBLISHED_2018)
    assert got[PROOF] == (PASS, f"{ED2018} signature verified with did:key"), got
    assert got[ISSUER][0] == PASS and got[CONTEXT][0] == PASS, got
    changed = copy.deepcopy(PUBLISHED_2018)
    changed["credentialSubject"]["degree"]["name"] = "Master of Science and Arts"
    assert ours(changed)[PROOF][0] == FAIL
    theirs = peer_verify(node, [PUBLISHED_2018, changed])
    assert [r["verified"] for r in theirs] == [True, False], theirs


# --- the wallet signs, npm verifies -----------------------------------------------------------


@pytest.mark.parametrize("suite", SUITES)
def test_the_npm_suite_verifies_what_the_wallet_signed(node: str, suite: str) -> None:
    key = private_key(suite)
    did = did_key(key)
    # several signatures: ES256K signatures must come out in the low-S form secp256k1
    # verifiers insist on, whatever the random nonce gave
    signed = [
        signing.sign_data_integrity(
            credential(did, f"did:example:learner-{i}"), key, vm_of(did), suite, CREATED
        )
        for i in range(8)
    ]
    assert all(ours(s)[PROOF][0] == PASS for s in signed)
    results = peer_verify(node, signed)
    assert [r["verified"] for r in results] == [True] * 8, results
    tampered = copy.deepcopy(signed[0])
    tampered["issuanceDate"] = "2024-02-01T00:00:00Z"
    [theirs] = peer_verify(node, [tampered])
    assert theirs["proofVerified"] is False


def test_the_wallet_refuses_to_sign_what_the_signature_would_not_cover() -> None:
    key = private_key(ED2018)
    did = did_key(key)
    document = credential(did)
    document["credentialSubject"]["undefinedTerm"] = "not in any context"
    with pytest.raises(signing.SigningError, match="refusing to sign"):
        signing.sign_data_integrity(document, key, vm_of(did), ED2018, CREATED)


def test_a_jws_proof_is_not_chained_to_another() -> None:
    # the 2018/2019 suites sign no previousProof: asking for one is refused, not ignored
    key = private_key(ED2018)
    did = did_key(key)
    first = signing.sign_data_integrity(credential(did), key, vm_of(did), proof_id="urn:p1")
    with pytest.raises(signing.SigningError, match="cannot chain"):
        signing.sign_data_integrity(
            first, key, vm_of(did), ED2018, CREATED, previous_proof="urn:p1"
        )


# --- keys named in a DID document -------------------------------------------------------------

DID_WEB = "did:web:issuer.example"


def _did_document(methods: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "@context": [
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/suites/ed25519-2018/v1",
            "https://w3id.org/security/suites/secp256k1-2019/v1",
        ],
        "id": DID_WEB,
        "verificationMethod": methods,
        "assertionMethod": [m["id"] for m in methods],
    }


def _cached(doc: dict[str, Any]) -> VerifyContext:
    cache = MemoryCache()
    cache.cache_put(
        DID_DOCUMENT, did_web_url(DID_WEB), json.dumps(doc).encode(), "2024-05-01T00:00Z"
    )
    return VerifyContext(at=AT, cache=cache)


def test_did_web_keys_in_the_2018_and_2019_forms_both_directions(node: str) -> None:
    ed, secp = private_key(ED2018), private_key(SECP2019)
    methods = [
        {
            "id": f"{DID_WEB}#ed",
            "type": "Ed25519VerificationKey2018",
            "controller": DID_WEB,
            "publicKeyBase58": keys.b58encode(public_raw(ed)),
        },
        {
            "id": f"{DID_WEB}#k1",
            "type": "EcdsaSecp256k1VerificationKey2019",
            "controller": DID_WEB,
            "publicKeyBase58": keys.b58encode(public_raw(secp)),
        },
    ]
    doc = _did_document(methods)
    theirs = [
        peer_sign(node, ED2018, credential(DID_WEB), ed, f"{DID_WEB}#ed"),
        peer_sign(node, SECP2019, credential(DID_WEB), secp, f"{DID_WEB}#k1"),
    ]
    mine = [
        signing.sign_data_integrity(credential(DID_WEB), ed, f"{DID_WEB}#ed", ED2018, CREATED),
        signing.sign_data_integrity(credential(DID_WEB), secp, f"{DID_WEB}#k1", SECP2019, CREATED),
    ]
    for signed in (*theirs, *mine):
        got = ours(signed, _cached(doc))
        assert got[PROOF][0] == PASS and "did:web, fetched" in got[PROOF][1], got
        assert got[ISSUER][0] == PASS, got
    results = peer_verify(node, [*theirs, *mine], {DID_WEB: doc})
    assert [r["proofVerified"] for r in results] == [True] * 4, results


def _secp256k1_jwk(pub: ec.EllipticCurvePublicKey) -> dict[str, str]:
    numbers = pub.public_numbers()
    return {
        "kty": "EC",
        "crv": "secp256k1",
        "x": keys.b64url_encode(numbers.x.to_bytes(32, "big")),
        "y": keys.b64url_encode(numbers.y.to_bytes(32, "big")),
    }


@pytest.mark.parametrize(
    "form",
    [
        lambda pub: {"publicKeyJwk": _secp256k1_jwk(pub)},
        lambda pub: {
            "publicKeyHex": pub.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint).hex()
        },
    ],
    ids=["publicKeyJwk", "publicKeyHex"],
)
def test_secp256k1_keys_as_jwk_or_hex_verify_npm_signatures(node: str, form: Any) -> None:
    secp = private_key(SECP2019)
    method = {"id": f"{DID_WEB}#k1", "type": "EcdsaSecp256k1VerificationKey2019"}
    method.update(form(secp.public_key()))
    signed = peer_sign(node, SECP2019, credential(DID_WEB), secp, f"{DID_WEB}#k1")
    got = ours(signed, _cached(_did_document([method])))
    assert got[PROOF][0] == PASS, got


# --- bbs-2023 ----------------------------------------------------------------------------------


def test_bbs_2023_is_not_supported_yet_and_says_so() -> None:
    key = private_key(ED2018)
    did = did_key(key)
    document = {
        **credential(did),
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "proof": {
            "type": "DataIntegrityProof",
            "cryptosuite": "bbs-2023",
            "verificationMethod": vm_of(did),
            "proofPurpose": "assertionMethod",
            "proofValue": "u2V0ChVhQ",
        },
    }
    outcome = verify_data_integrity(document, VerifyContext(at=AT))
    proof = next(c for c in outcome.checks if c.id == PROOF)
    assert proof.status == UNKNOWN
    assert proof.message.startswith("bbs-2023 proofs"), proof.message
    assert "not supported yet" in proof.message
    assert "bbs-2023" in render(proof.msg, "de") and "noch nicht" in render(proof.msg, "de")


def test_a_malformed_2018_key_fails_in_a_sentence(node: str) -> None:
    ed = private_key(ED2018)
    short = keys.b58encode(public_raw(ed)[:31])
    method = {"id": f"{DID_WEB}#ed", "type": "Ed25519VerificationKey2018", "publicKeyBase58": short}
    signed = peer_sign(node, ED2018, credential(DID_WEB), ed, f"{DID_WEB}#ed")
    got = ours(signed, _cached(_did_document([method])))
    assert got[PROOF] == (
        FAIL,
        f"the {ED2018} proof names an unusable key: verification method {DID_WEB}#ed holds "
        "no usable key: an Ed25519 public key is 32 bytes",
    ), got
