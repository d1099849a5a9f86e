"""ES256K JWTs (RFC 8812: ECDSA over secp256k1 with SHA-256), cross-checked with `jose` v4.

Why: diplomas issued on EBSI and credentials from did:ethr, did:ion and Web5 issuers are VC-JWTs
and SD-JWTs signed with ES256K; before this the wallet called them "unknown" (an algorithm it
could not check). Only software we did not write shows that we read the bytes as others do:
panva's `jose` 4.15.9 (peer/sphereon/es256k.mjs, pinned in peer/sphereon's lockfile) signs, and
the wallet must say "verified" exactly when everything else holds too; the wallet signs, and
`jose` must accept it. Tampered tokens, other keys and an ES256K header over a P-256 key fail on
both sides. Three public Web5 vectors (tests/data/web5_es256k, see SOURCE.md) are real ES256K
credentials made by other implementations.

Low S: RFC 8812 does not require it, so a high-S signature is accepted (as `jose` and OpenSSL
accept it); the wallet signs with a low S, which strict verifiers (noble, did-jwt) insist on.

The peer is installed by scripts/setup.sh (`npm ci --prefix peer/sphereon`), never inside pytest;
without it these tests FAIL with that command in the message. Nothing here touches the network.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from wallet.formats import parse
from wallet.proofs import jose, keys
from wallet.verify.context import DID_DOCUMENT, JWT_ISSUER, MemoryCache, VerifyContext
from wallet.verify.jose_proofs import verify_jwt, verify_sd_jwt
from wallet.verify.legacy_jws import SECP256K1_PUB
from wallet.verify.methods import did_web_url
from wallet.verify.report import (
    FAIL,
    FAILED,
    HOLDER,
    ISSUER,
    PASS,
    PROOF,
    UNKNOWN,
    VALIDITY,
    VERIFIED,
    WARN,
    WARNING,
    Check,
)
from wallet.verify.verifier import verify_parsed

ROOT = Path(__file__).resolve().parents[2]
PEER = ROOT / "peer" / "sphereon"
SETUP_HINT = "run `npm ci --prefix peer/sphereon` (Node 20+) before the tests"
JOSE_VERSION = "4.15.9"
WEB5 = ROOT / "tests" / "data" / "web5_es256k" / "credentials-verify.json"

AT = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)  # the time of checking
ISSUED = int(dt.datetime(2026, 1, 10, tzinfo=dt.UTC).timestamp())
LEARNER = "did:example:learner-7"
N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141  # order of secp256k1


# --- keys and tokens ---------------------------------------------------------------------------


def secp256k1(n: int = 1) -> ec.EllipticCurvePrivateKey:
    """A fixed secp256k1 key per `n`, so failures are reproducible."""
    return ec.derive_private_key(0x5EC9256 * n + 11, ec.SECP256K1())


def did_key(key: ec.EllipticCurvePrivateKey) -> str:
    """The secp256k1 did:key (`zQ3s…`, multicodec 0xe7) of a key."""
    raw = key.public_key().public_bytes(Encoding.X962, PublicFormat.CompressedPoint)
    return "did:key:z" + keys.b58encode(keys.multicodec_wrap(SECP256K1_PUB, raw))


def vm(did: str) -> str:
    return f"{did}#{did.removeprefix('did:key:')}"


def diploma(issuer: str, **claims: Any) -> dict[str, Any]:
    """VC-JWT claims (VC Data Model 1.1, as EBSI issues them) for a diploma."""
    return {
        "iss": issuer,
        "sub": LEARNER,
        "nbf": ISSUED,
        "iat": ISSUED,
        "jti": "urn:uuid:3b0c6b9e-51a4-4d2e-8f3a-0c9a1d7e6f21",
        "vc": {
            "@context": ["https://www.w3.org/2018/credentials/v1"],
            "type": ["VerifiableCredential"],
            "credentialSubject": {"id": LEARNER, "degree": "Bachelor of Science in Forestry"},
        },
        **claims,
    }


def header(kid: str | None = None, alg: str = "ES256K", typ: str = "JWT") -> dict[str, Any]:
    return {"alg": alg, "typ": typ, **({"kid": kid} if kid else {})}


def ours_sign(head: dict[str, Any], claims: dict[str, Any], key: Any) -> str:
    return jose.sign_compact(head, json.dumps(claims).encode(), key)


def tamper(token: str, **changes: Any) -> str:
    """The same header and signature over claims changed after signing (a forgery)."""
    head, body, sig = token.split(".")
    claims = json.loads(jose.b64url_decode(body))
    claims.update(changes)
    return ".".join([head, jose.b64url_encode(json.dumps(claims).encode()), sig])


def raw_rs(token: str) -> tuple[int, int]:
    sig = jose.b64url_decode(token.split(".")[2])
    return int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")


def with_rs(token: str, r: int, s: int) -> str:
    head, body, _ = token.split(".")
    return f"{head}.{body}.{jose.b64url_encode(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))}"


def offline(
    cache: MemoryCache | None = None, trusted: frozenset[str] = frozenset()
) -> VerifyContext:
    def no_fetch(url: str) -> bytes:
        raise AssertionError(f"an offline check fetched {url}")

    return VerifyContext(
        at=AT,
        online=False,
        cache=cache or MemoryCache(),
        fetcher=no_fetch,
        trusted_issuers=trusted,
    )


def check(outcome: Any, check_id: str) -> Check:
    found = [c for c in outcome.checks if c.id == check_id]
    assert len(found) == 1, outcome.checks
    return found[0]


def report_of(token: str, trusted: str) -> Any:
    """The whole report, for a learner who trusts the issuer `trusted` (so that "verified" is
    possible at all: an issuer nobody vouches for is a warning)."""
    ctx = offline(trusted=frozenset({trusted}))
    return verify_parsed(parse(token.encode(), "diploma.jwt"), ctx, "diploma.jwt")


def checks_of(report: Any) -> list[tuple[str, str, str]]:
    return [(c.id, c.status, c.message) for c in report.checks]


# --- the peer ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def node() -> str:
    """`node`, with peer/sphereon's pinned `jose` installed; fails (never skips) otherwise."""
    exe = shutil.which("node")
    if exe is None:
        pytest.fail(f"node is not on PATH; these tests need Node 20+: {SETUP_HINT}")
    manifest = PEER / "node_modules" / "jose" / "package.json"
    if not manifest.is_file():
        pytest.fail(f"peer/sphereon/node_modules/jose is missing: {SETUP_HINT}")
    version = json.loads(manifest.read_text())["version"]
    if version != JOSE_VERSION:
        pytest.fail(f"peer/sphereon has jose {version}, not {JOSE_VERSION}: {SETUP_HINT}")
    return exe


def run_peer(node: str, requests: list[dict[str, Any]]) -> list[dict[str, Any]]:
    proc = subprocess.run(
        [node, str(PEER / "es256k.mjs")],
        cwd=PEER,
        input=json.dumps({"batch": requests}),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if proc.returncode != 0 or not proc.stdout.startswith("["):
        pytest.fail(f"node es256k.mjs failed (exit {proc.returncode}): {proc.stderr}")
    answers: list[dict[str, Any]] = json.loads(proc.stdout)
    return answers


def peer_sign(node: str, items: list[tuple[dict[str, Any], dict[str, Any], Any]]) -> list[str]:
    """Compact JWS of each (header, claims, private key), signed by `jose`."""
    answers = run_peer(
        node,
        [
            {
                "op": "sign",
                "header": head,
                "payload": json.dumps(claims),
                "jwk": keys.private_key_to_jwk(key),
            }
            for head, claims, key in items
        ],
    )
    return [a["jws"] for a in answers]


def peer_verify(node: str, items: list[tuple[str, Any]], alg: str = "ES256K") -> list[Any]:
    """`jose`'s answer for each (token, public key), allowing only `alg`."""
    return run_peer(
        node,
        [
            {
                "op": "verify",
                "jws": token,
                "jwk": keys.public_key_to_jwk(key),
                "algorithms": [alg],
            }
            for token, key in items
        ],
    )


# --- jose signs, the wallet verifies -------------------------------------------------------------


def test_a_diploma_signed_by_jose_with_a_secp256k1_did_key_is_verified(node: str) -> None:
    key = secp256k1()
    issuer = did_key(key)
    [with_kid, issuer_only] = peer_sign(
        node, [(header(vm(issuer)), diploma(issuer), key), (header(), diploma(issuer), key)]
    )
    for token in (with_kid, issuer_only):  # the key from the kid, or from the iss did:key
        report = report_of(token, issuer)
        assert report.verdict == VERIFIED, checks_of(report)
        proof = report.check(PROOF)
        assert proof is not None and proof.message.startswith("ES256K signature valid (did:key")
        issuer_check = report.check(ISSUER)
        assert issuer_check is not None and issuer_check.status == PASS


@pytest.mark.parametrize(
    ("case", "failing", "status", "words"),
    [
        ("expired", VALIDITY, WARN, "expired"),
        ("not yet valid", VALIDITY, WARN, "not valid yet"),
        ("changed after signing", PROOF, FAIL, "changed after signing"),
        ("another issuer", ISSUER, FAIL, "not of the issuer"),
        ("signed by another key", PROOF, FAIL, "signed with another key"),
    ],
)
def test_the_same_diploma_is_not_verified_when_anything_else_fails(
    node: str, case: str, failing: str, status: str, words: str
) -> None:
    key, other = secp256k1(), secp256k1(2)
    issuer, other_did = did_key(key), did_key(other)
    day = 86400
    head, claims, signer = header(vm(issuer)), diploma(issuer), key
    if case == "expired":
        claims["exp"] = int(AT.timestamp()) - day
    elif case == "not yet valid":
        claims["nbf"] = int(AT.timestamp()) + 30 * day
    elif case == "another issuer":
        claims["iss"] = other_did  # signed by `key`, which is not the named issuer's
    elif case == "signed by another key":
        signer = other  # the kid names `key`'s did:key
    [token] = peer_sign(node, [(head, claims, signer)])
    if case == "changed after signing":
        token = tamper(token, sub="did:example:someone-else")
    report = report_of(token, issuer)
    assert report.verdict == (WARNING if status == WARN else FAILED), checks_of(report)
    bad = report.check(failing)
    assert bad is not None and bad.status == status and words in bad.message, checks_of(report)
    if failing == VALIDITY:  # the signature itself still holds: only the dates are wrong
        assert report.check(PROOF).status == PASS  # type: ignore[union-attr]


def test_es256k_header_over_a_p256_key_fails_on_both_sides(node: str) -> None:
    """The key decides how it is used: ES256K naming a P-256 key (or ES256 a secp256k1 key) is
    a failed proof in the wallet, and `jose` refuses it as well."""
    p256 = ec.derive_private_key(0xC0FFEE, ec.SECP256R1())
    p256_did = keys.did_key_from_public_key(p256.public_key())
    es256 = ours_sign(header(vm(p256_did), alg="ES256"), diploma(p256_did), p256)
    head, body, sig = es256.split(".")
    relabelled = ".".join(
        [jose.b64url_encode(json.dumps(header(vm(p256_did))).encode()), body, sig]
    )
    out = verify_jwt(relabelled, offline())
    assert check(out, PROOF).status == FAIL
    assert "names the algorithm ES256K, but the key (did:key) is not a key for ES256K" in (
        check(out, PROOF).message
    )
    assert report_of(relabelled, p256_did).verdict == FAILED

    key = secp256k1()
    issuer = did_key(key)
    k1_token = ours_sign(header(vm(issuer)), diploma(issuer), key)
    head, body, sig = k1_token.split(".")
    as_es256 = ".".join(
        [jose.b64url_encode(json.dumps(header(vm(issuer), alg="ES256")).encode()), body, sig]
    )
    assert check(verify_jwt(as_es256, offline()), PROOF).status == FAIL

    [peer_answer] = peer_verify(node, [(relabelled, p256.public_key())])
    assert peer_answer["verified"] is False and "secp256k1" in peer_answer["error"]


def test_a_jwk_in_the_header_or_a_did_jwk_on_secp256k1_verifies(node: str) -> None:
    key = secp256k1(3)
    jwk = keys.public_key_to_jwk(key.public_key())
    assert jwk["crv"] == "secp256k1"
    did_jwk = keys.did_jwk_from_public_key(key.public_key())
    [inline, by_did_jwk] = peer_sign(
        node,
        [
            ({**header(), "jwk": jwk}, diploma("https://diplomas.example.eu/issuer"), key),
            (header(did_jwk + "#0"), diploma(did_jwk), key),
        ],
    )
    out = verify_jwt(inline, offline())
    assert check(out, PROOF).status == PASS
    assert check(out, ISSUER).status == UNKNOWN  # anyone could put a key in the header
    assert "signature valid, issuer not confirmed" in check(out, ISSUER).message
    assert check(verify_jwt(tamper(inline, sub="x"), offline()), PROOF).status == FAIL
    out = verify_jwt(by_did_jwk, offline())
    assert (check(out, PROOF).status, check(out, ISSUER).status) == (PASS, PASS)


@pytest.mark.parametrize("form", ["publicKeyJwk", "publicKeyMultibase"])
def test_a_cached_did_web_document_with_a_secp256k1_key_verifies(node: str, form: str) -> None:
    key = secp256k1(4)
    did = "did:web:diplomas.example.eu"
    method = f"{did}#key-1"
    public = key.public_key()
    if form == "publicKeyJwk":
        entry: dict[str, Any] = {"type": "JsonWebKey2020", form: keys.public_key_to_jwk(public)}
    else:
        multikey = did_key(key).removeprefix("did:key:")
        entry = {"type": "Multikey", form: multikey}
    document = {
        "id": did,
        "verificationMethod": [{"id": method, "controller": did, **entry}],
        "assertionMethod": [method],
    }
    cache = MemoryCache()
    cache.cache_put(DID_DOCUMENT, did_web_url(did), json.dumps(document).encode(), "2026-05-01")
    [token] = peer_sign(node, [(header(method), diploma(did), key)])
    out = verify_jwt(token, offline(cache))
    assert (check(out, PROOF).status, check(out, ISSUER).status) == (PASS, PASS)
    [forged] = peer_sign(node, [(header(method), diploma(did), secp256k1(5))])
    assert check(verify_jwt(forged, offline(cache)), PROOF).status == FAIL


# --- the wallet signs, jose verifies -------------------------------------------------------------


def test_jose_accepts_what_the_wallet_signs_and_refuses_it_changed(node: str) -> None:
    key = secp256k1()
    issuer = did_key(key)
    claims = diploma(issuer)
    token = ours_sign(header(vm(issuer)), claims, key)
    [good, changed, other_key] = peer_verify(
        node,
        [
            (token, key.public_key()),
            (tamper(token, sub="did:example:someone-else"), key.public_key()),
            (token, secp256k1(2).public_key()),
        ],
    )
    assert good["verified"] is True, good
    assert good["header"] == header(vm(issuer))
    assert json.loads(good["payload"]) == claims
    assert changed["verified"] is False and other_key["verified"] is False


def test_the_wallet_signs_with_low_s_and_accepts_a_high_s_signature() -> None:
    """RFC 8812 does not require a low S: (r, n - s) is the same signature to OpenSSL and jose,
    so the wallet accepts it; its own signatures use the low S strict verifiers insist on."""
    key = secp256k1()
    issuer = did_key(key)
    tokens = [
        ours_sign(header(vm(issuer)), diploma(issuer, jti=f"urn:n:{i}"), key) for i in range(8)
    ]
    for token in tokens:
        r, s = raw_rs(token)
        assert s <= N // 2
        high = with_rs(token, r, N - s)
        assert check(verify_jwt(high, offline()), PROOF).status == PASS
        assert check(verify_jwt(with_rs(token, r, s ^ 1), offline()), PROOF).status == FAIL


def test_other_secp256k1_algorithm_names_stay_unknown() -> None:
    """The allow-list names ES256K only: ES256K-R (recoverable, did:ethr) is not checked, and
    alg none still fails."""
    key = secp256k1()
    issuer = did_key(key)
    token = ours_sign(header(vm(issuer)), diploma(issuer), key)
    head, body, sig = token.split(".")
    recoverable = ".".join(
        [jose.b64url_encode(json.dumps(header(vm(issuer), alg="ES256K-R")).encode()), body, sig]
    )
    out = verify_jwt(recoverable, offline())
    assert check(out, PROOF).status == UNKNOWN and "ES256K-R" in check(out, PROOF).message
    unsigned = jose.b64url_encode(b'{"alg":"none"}') + f".{body}."
    assert check(verify_jwt(unsigned, offline()), PROOF).status == FAIL


# --- SD-JWT ------------------------------------------------------------------------------------


def sd_jwt_parts(issuer: str, holder: Any) -> tuple[dict[str, Any], list[str]]:
    """Issuer-signed claims with two disclosable claims, and their disclosures."""
    disclosures = [
        jose.make_disclosure(["c2FsdC1vbmU", "given_name", "Aino"]),
        jose.make_disclosure(["c2FsdC10d28", "degree", "BSc Forestry"]),
    ]
    claims = {
        "iss": issuer,
        "iat": ISSUED,
        "vct": "https://diplomas.example.eu/vct/bachelor",
        "_sd": sorted(jose.disclosure_digest(d) for d in disclosures),
        "_sd_alg": "sha-256",
        "cnf": {"jwk": keys.public_key_to_jwk(holder.public_key())},
    }
    return claims, disclosures


def test_an_sd_jwt_and_its_key_binding_signed_by_jose_with_es256k_verify(node: str) -> None:
    issuer_key, holder = secp256k1(6), secp256k1(7)
    issuer = did_key(issuer_key)
    claims, disclosures = sd_jwt_parts(issuer, holder)
    [issuer_jwt] = peer_sign(node, [(header(vm(issuer), typ="dc+sd-jwt"), claims, issuer_key)])
    presentation = "~".join([issuer_jwt, *disclosures]) + "~"
    kb_claims = {
        "aud": "https://verifier.example.eu",
        "nonce": "n-0S6_WzA2Mj",
        "iat": int(AT.timestamp()),
        "sd_hash": jose.sd_hash(presentation),
    }
    [kb_jwt, kb_by_other] = peer_sign(
        node,
        [
            (header(typ="kb+jwt"), kb_claims, holder),
            (header(typ="kb+jwt"), kb_claims, secp256k1(8)),
        ],
    )
    asked = {"audience": "https://verifier.example.eu", "nonce": "n-0S6_WzA2Mj"}
    out = verify_sd_jwt(presentation + kb_jwt, offline(), **asked)
    assert [check(out, c).status for c in (PROOF, ISSUER, HOLDER)] == [PASS, PASS, PASS]
    assert out.document["degree"] == "BSc Forestry"
    assert (
        check(verify_sd_jwt(presentation + kb_by_other, offline(), **asked), HOLDER).status == FAIL
    )
    changed = jose.make_disclosure(["c2FsdC10d28", "degree", "PhD Forestry"])
    forged = "~".join([issuer_jwt, disclosures[0], changed]) + "~"
    assert check(verify_sd_jwt(forged, offline()), PROOF).status == FAIL


def test_a_key_binding_jwt_naming_es256k_over_a_p256_holder_key_fails() -> None:
    issuer_key = secp256k1(6)
    issuer = did_key(issuer_key)
    holder = ec.derive_private_key(0xBEEF, ec.SECP256R1())
    claims, disclosures = sd_jwt_parts(issuer, holder)
    issuer_jwt = ours_sign(header(vm(issuer), typ="dc+sd-jwt"), claims, issuer_key)
    presentation = "~".join([issuer_jwt, *disclosures]) + "~"
    kb = jose.key_binding_jwt(presentation, holder, aud="a", nonce="n", iat=int(AT.timestamp()))
    head, body, sig = kb.split(".")
    relabelled = ".".join(
        [jose.b64url_encode(json.dumps(header(typ="kb+jwt")).encode()), body, sig]
    )
    assert check(verify_sd_jwt(presentation + kb, offline()), HOLDER).status == PASS
    holder_check = check(verify_sd_jwt(presentation + relabelled, offline()), HOLDER)
    assert holder_check.status == FAIL and "not a key for ES256K" in holder_check.message


def test_jose_accepts_the_issuer_signature_of_an_sd_jwt_the_wallet_issues(node: str) -> None:
    issuer_key = secp256k1(6)
    issuer = did_key(issuer_key)
    sd_jwt = jose.issue_sd_jwt(
        {
            "iss": issuer,
            "iat": ISSUED,
            "vct": "https://diplomas.example.eu/vct/bachelor",
            "degree": "BSc Forestry",
        },
        ["degree"],
        issuer_key,
        header={"kid": vm(issuer)},
    )
    issuer_jwt = sd_jwt.split("~")[0]
    assert jose.decode_compact(issuer_jwt)[0]["alg"] == "ES256K"
    [answer] = peer_verify(node, [(issuer_jwt, issuer_key.public_key())])
    assert answer["verified"] is True, answer
    out = verify_sd_jwt(sd_jwt, offline())
    assert (check(out, PROOF).status, check(out, ISSUER).status) == (PASS, PASS)


def test_an_sd_jwt_vc_key_from_the_issuers_metadata_may_be_secp256k1() -> None:
    """`/.well-known/jwt-vc-issuer` lists JWKs; a secp256k1 one is read like any other."""
    issuer_key = secp256k1(9)
    iss = "https://diplomas.example.eu"
    jwk = {**keys.public_key_to_jwk(issuer_key.public_key()), "kid": "k1"}
    cache = MemoryCache()
    metadata = {"issuer": iss, "jwks": {"keys": [jwk]}}
    cache.cache_put(
        JWT_ISSUER, f"{iss}/.well-known/jwt-vc-issuer", json.dumps(metadata).encode(), "2026-05-01"
    )
    sd_jwt = jose.issue_sd_jwt(
        {"iss": iss, "iat": ISSUED, "vct": "https://diplomas.example.eu/vct/bachelor"},
        [],
        issuer_key,
        header={"kid": "k1"},
    )
    out = verify_sd_jwt(sd_jwt, offline(cache))
    assert (check(out, PROOF).status, check(out, ISSUER).status) == (PASS, PASS)


# --- real ES256K credentials from other implementations -----------------------------------------


def web5_es256k() -> list[tuple[str, str]]:
    vectors = json.loads(WEB5.read_text(encoding="utf-8"))["vectors"]
    found = []
    for v in vectors:
        token = v["input"]["vcJwt"]
        if v.get("errors") or not token.startswith("ey"):
            continue
        if jose.decode_compact(token)[0]["alg"] == "ES256K":
            found.append((v["description"], token))
    return found


def test_the_public_web5_es256k_credentials_verify() -> None:
    samples = web5_es256k()
    assert [name for name, _ in samples] == [
        "verify a jwt verifiable credential signed with a did:jwk",
        "simple credential from web5-kt",
        "kyc credential from web5-kt",
    ]
    for name, token in samples:
        out = verify_jwt(token, offline())
        assert check(out, PROOF).status == PASS, (name, out.checks)
        assert check(out, PROOF).message.startswith("ES256K signature valid (did:jwk")
        assert check(out, ISSUER).status == PASS, (name, out.checks)
        changed = verify_jwt(tamper(token, sub="did:example:someone-else"), offline())
        assert check(changed, PROOF).status == FAIL, name


# --- keys --------------------------------------------------------------------------------------


def test_a_secp256k1_jwk_round_trips_and_keeps_its_thumbprint() -> None:
    key = secp256k1()
    jwk = keys.public_key_to_jwk(key.public_key())
    assert set(jwk) == {"kty", "crv", "x", "y"} and jwk["crv"] == "secp256k1"
    assert keys.public_key_to_jwk(keys.public_key_from_jwk(jwk)) == jwk
    assert keys.private_key_from_jwk(keys.private_key_to_jwk(key)).private_numbers() == (
        key.private_numbers()
    )
    assert keys.jwk_thumbprint(key.public_key()) == keys.jwk_thumbprint(
        keys.public_key_from_did(keys.did_jwk_from_public_key(key.public_key()))
    )
    off_curve = {**jwk, "y": jose.b64url_encode(b"\x01" * 32)}
    with pytest.raises(keys.KeyFormatError, match="not on secp256k1"):
        keys.public_key_from_jwk(off_curve)
