"""Issuer-side Data Integrity signing and the signature arithmetic every suite shares.

Suites: eddsa-rdfc-2022, eddsa-jcs-2022 (W3C vc-di-eddsa), the legacy Ed25519Signature2020 proof
type, and ecdsa-rdfc-2019 / ecdsa-jcs-2019 with P-256 (SHA-256) or P-384 (SHA-384) (W3C
vc-di-ecdsa); and the older detached-JWS Ed25519Signature2018 and EcdsaSecp256k1Signature2019
(secp256k1 from `cryptography` too). Why here: the demo issuer and the tests
need real, reproducible signed credentials in every suite the wallet verifies, and a verifier must
transform and hash exactly as a signer does. The transformation (RDF Dataset Canonicalization via
wallet.proofs.canon, or JCS via rfc8785), the hashes and the signatures (Ed25519, ECDSA) all come
from `cryptography`; nothing cryptographic is written here. ECDSA proofs carry the raw r||s
signature, converted to and from the DER form `cryptography` uses.

`verify_proof_signature` checks one proof's signature; `verify_data_integrity_signature` is the
minimal "does some proof verify with this key" counterpart. Neither binds the key to the issuer
nor checks dates, status or JSON-LD safe mode: full verification lives in
wallet.verify.dataintegrity.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from wallet.errors import WalletError
from wallet.messages import M
from wallet.proofs import keys
from wallet.proofs.contexts import DocumentLoader

EDDSA_RDFC_2022 = "eddsa-rdfc-2022"
EDDSA_JCS_2022 = "eddsa-jcs-2022"
ECDSA_RDFC_2019 = "ecdsa-rdfc-2019"
ECDSA_JCS_2019 = "ecdsa-jcs-2019"
ED25519_SIGNATURE_2020 = "Ed25519Signature2020"  # a proof type, not a cryptosuite
EDDSA_SUITES = (EDDSA_RDFC_2022, EDDSA_JCS_2022)
ECDSA_SUITES = (ECDSA_RDFC_2019, ECDSA_JCS_2019)
CRYPTOSUITES = (EDDSA_RDFC_2022, EDDSA_JCS_2022)  # the Ed25519 DataIntegrityProof suites
ALL_SUITES = (*EDDSA_SUITES, *ECDSA_SUITES, ED25519_SIGNATURE_2020)
JCS_SUITES = (EDDSA_JCS_2022, ECDSA_JCS_2019)
# The older Linked Data Signatures proof types: a detached JWS (`b64: false`) over the URDNA2015
# hashes, signed by sign_data_integrity and verified by wallet.verify.legacy_jws.
ED25519_SIGNATURE_2018 = "Ed25519Signature2018"
ECDSA_SECP256K1_SIGNATURE_2019 = "EcdsaSecp256k1Signature2019"
JWS_SUITES = (ED25519_SIGNATURE_2018, ECDSA_SECP256K1_SIGNATURE_2019)
JWS_ALGS = {ED25519_SIGNATURE_2018: "EdDSA", ECDSA_SECP256K1_SIGNATURE_2019: "ES256K"}

_HASHES = {"sha256": hashes.SHA256, "sha384": hashes.SHA384}
_ECDSA_CURVES = {"secp256r1": ("sha256", 32), "secp384r1": ("sha384", 48)}


class SigningError(WalletError):
    """A document could not be signed (or transformed for signing/verification)."""


@dataclass
class HashData:
    """The intermediate values of one proof: useful to compare with published test vectors."""

    canonical_proof_config: str
    canonical_document: str
    proof_hash: bytes
    document_hash: bytes

    @property
    def combined(self) -> bytes:
        """proofHash followed by documentHash: the bytes that are signed."""
        return self.proof_hash + self.document_hash


def digest(data: bytes, hash_name: str = "sha256") -> bytes:
    """SHA-256 or SHA-384 of `data` (via cryptography)."""
    try:
        h = hashes.Hash(_HASHES[hash_name]())
    except KeyError:
        raise SigningError(M("unsupported hash {hash}", hash=hash_name)) from None
    h.update(data)
    return h.finalize()


def canonicalize_rdfc(
    document: Any, loader: DocumentLoader | None = None, hash_name: str = "sha256"
) -> str:
    """RDFC-1.0 canonical N-Quads of a JSON-LD document, offline (wallet.proofs.canon).

    `hash_name` "sha384" is RDFC-1.0 with SHA-384, which ecdsa-rdfc-2019 uses with P-384 keys.
    """
    from wallet.proofs import canon

    try:
        return canon.canonicalize(document, loader, hash_name=hash_name)
    except canon.CanonError as exc:
        raise SigningError(exc.msg) from None


def canonicalize_jcs(document: dict[str, Any]) -> str:
    """RFC 8785 JSON Canonicalization Scheme text."""
    try:
        return rfc8785.dumps(document).decode("utf-8")
    except (rfc8785.CanonicalizationError, TypeError, ValueError) as exc:
        raise SigningError(M("JSON canonicalization failed: {problem}", problem=str(exc))) from None


def _utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _unsecured(document: dict[str, Any]) -> dict[str, Any]:
    doc = copy.deepcopy(document)
    doc.pop("proof", None)
    return doc


def suite_of(proof: dict[str, Any]) -> str | None:
    """The suite name of a proof: its cryptosuite, or the legacy proof type."""
    if proof.get("type") in (ED25519_SIGNATURE_2020, *JWS_SUITES):
        return str(proof["type"])
    if proof.get("type") == "DataIntegrityProof":
        suite = proof.get("cryptosuite")
        return suite if isinstance(suite, str) else None
    return None


def hash_name_for(suite: str, key: Any) -> str:
    """The hash a suite uses with a key: SHA-384 for ECDSA P-384, otherwise SHA-256."""
    if suite in ECDSA_SUITES and isinstance(
        key, ec.EllipticCurvePublicKey | ec.EllipticCurvePrivateKey
    ):
        return _ECDSA_CURVES.get(key.curve.name, ("sha256", 32))[0]
    return "sha256"


def hash_data(
    unsecured_document: dict[str, Any],
    proof_config: dict[str, Any],
    loader: DocumentLoader | None = None,
    hash_name: str = "sha256",
) -> HashData:
    """Transform and hash a document and its proof configuration as the suite says.

    `proof_config` carries `cryptosuite` (or the legacy `type`) and `@context`, no `proofValue`.
    """
    suite = suite_of(proof_config)
    if suite in (EDDSA_RDFC_2022, ECDSA_RDFC_2019, ED25519_SIGNATURE_2020):
        canon_proof = canonicalize_rdfc(proof_config, loader, hash_name)
        canon_doc = canonicalize_rdfc(unsecured_document, loader, hash_name)
    elif suite in JCS_SUITES:
        canon_proof = canonicalize_jcs(proof_config)
        canon_doc = canonicalize_jcs(unsecured_document)
    else:
        raise SigningError(M("unsupported cryptosuite {suite}", suite=str(suite)))
    return HashData(
        canonical_proof_config=canon_proof,
        canonical_document=canon_doc,
        proof_hash=digest(canon_proof.encode("utf-8"), hash_name),
        document_hash=digest(canon_doc.encode("utf-8"), hash_name),
    )


def check_key(suite: str, key: Any) -> None:
    """SigningError unless `key` (private or public) is of the type `suite` signs with."""
    if suite in (*EDDSA_SUITES, ED25519_SIGNATURE_2020, ED25519_SIGNATURE_2018):
        if not isinstance(key, ed25519.Ed25519PrivateKey | ed25519.Ed25519PublicKey):
            raise SigningError(M("{suite} needs an Ed25519 private key", suite=suite))
    elif suite in ECDSA_SUITES:
        if not (
            isinstance(key, ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey)
            and key.curve.name in _ECDSA_CURVES
        ):
            raise SigningError(
                M(
                    "unsupported cryptosuite {suite} for this key: it needs an "
                    "ECDSA P-256 or P-384 key",
                    suite=suite,
                )
            )
    elif suite == ECDSA_SECP256K1_SIGNATURE_2019:
        if not (
            isinstance(key, ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey)
            and key.curve.name == "secp256k1"
        ):
            raise SigningError(M("{suite} needs a secp256k1 key", suite=suite))
    else:
        raise SigningError(M("unsupported cryptosuite {suite}", suite=str(suite)))


def _raw_signature(private_key: Any, data: bytes, hash_name: str) -> bytes:
    if isinstance(private_key, ed25519.Ed25519PrivateKey):
        return private_key.sign(data)
    der = private_key.sign(data, ec.ECDSA(_HASHES[hash_name]()))
    r, s = decode_dss_signature(der)
    size = _ECDSA_CURVES[private_key.curve.name][1]
    return r.to_bytes(size, "big") + s.to_bytes(size, "big")


def check_raw_signature(public_key: Any, signature: bytes, data: bytes, hash_name: str) -> bool:
    """Does `signature` (Ed25519, or ECDSA raw r||s) verify over `data`?"""
    try:
        if isinstance(public_key, ed25519.Ed25519PublicKey):
            public_key.verify(signature, data)
            return True
        if isinstance(public_key, ec.EllipticCurvePublicKey):
            size = _ECDSA_CURVES.get(public_key.curve.name, (None, 0))[1]
            if not size or len(signature) != 2 * size:
                return False
            r = int.from_bytes(signature[:size], "big")
            s = int.from_bytes(signature[size:], "big")
            public_key.verify(encode_dss_signature(r, s), data, ec.ECDSA(_HASHES[hash_name]()))
            return True
    except InvalidSignature:
        return False
    return False


def proof_config_of(proof: dict[str, Any], unsecured: dict[str, Any]) -> dict[str, Any]:
    """The proof options a signature covers: the proof minus proofValue, with @context.

    RDFC suites and Ed25519Signature2020 take the document's @context; JCS suites sign the
    proof's own @context (which a verifier must first compare with the document's).
    """
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    if suite_of(proof) not in JCS_SUITES or "@context" not in config:
        config["@context"] = copy.deepcopy(unsecured.get("@context"))
    return config


def _refuse_uncovered(document: dict[str, Any], loader: DocumentLoader | None) -> None:
    """Never sign a document whose RDF form would leave part of it out (JSON-LD safe mode)."""
    from wallet.proofs import canon

    try:
        canon.expand_safe(document, loader)
    except canon.CanonError as exc:
        raise SigningError(M("refusing to sign: {problem}", problem=exc.msg)) from None


def _to_sign(
    document: dict[str, Any], private_key: Any, suite: str, suites: Collection[str]
) -> dict[str, Any]:
    """The document without its proof, once `suite` is one of `suites`, the key fits it and
    the document has an @context (every signer refuses the same things in the same words)."""
    if suite not in suites:
        raise SigningError(M("unsupported cryptosuite {suite}", suite=suite))
    check_key(suite, private_key)
    if "@context" not in document:
        raise SigningError(M("a document to sign needs an @context"))
    return _unsecured(document)


def sign_data_integrity(
    document: dict[str, Any],
    private_key: Any,
    verification_method: str,
    cryptosuite: str = EDDSA_RDFC_2022,
    created: str | None = None,
    proof_purpose: str = "assertionMethod",
    *,
    loader: DocumentLoader | None = None,
    proof_id: str | None = None,
    previous_proof: str | list[str] | None = None,
    expires: str | None = None,
    check_coverage: bool = True,
) -> dict[str, Any]:
    """Return a copy of `document` with a proof added in `cryptosuite`: a Data Integrity suite,
    Ed25519Signature2020, or one of the older detached-JWS suites (`JWS_SUITES`).

    With RDFC suites (the JWS ones too) the document must pass JSON-LD safe mode first, so that
    no part of it is left out of what is signed (`check_coverage=False` signs anyway: only tests
    that play a careless issuer want that).

    A proof already on the document is kept (the result then holds a proof set); like the
    spec's proof sets, the new proof does not sign the existing ones unless `previous_proof`
    names them (a proof chain: the named proofs are then part of the signed document).
    """
    unsecured = _to_sign(document, private_key, cryptosuite, (*ALL_SUITES, *JWS_SUITES))
    if check_coverage and cryptosuite not in JCS_SUITES:
        _refuse_uncovered(unsecured, loader)
    proof: dict[str, Any] = {}
    if cryptosuite in (ED25519_SIGNATURE_2020, *JWS_SUITES):
        proof["type"] = cryptosuite
    else:
        proof["type"] = "DataIntegrityProof"
        proof["cryptosuite"] = cryptosuite
    if proof_id:
        proof["id"] = proof_id
    proof["created"] = created or _utc_now()
    if expires:
        proof["expires"] = expires
    proof["verificationMethod"] = verification_method
    proof["proofPurpose"] = proof_purpose
    if previous_proof is not None:
        if cryptosuite in JWS_SUITES:
            raise SigningError(M("a {suite} proof cannot chain to another", suite=cryptosuite))
        proof["previousProof"] = previous_proof
        wanted = previous_proof if isinstance(previous_proof, list) else [previous_proof]
        existing = document.get("proof")
        existing = existing if isinstance(existing, list) else [existing] if existing else []
        chained = [p for p in existing if isinstance(p, dict) and p.get("id") in wanted]
        if len(chained) != len(wanted):
            raise SigningError(M("previousProof names a proof the document does not carry"))
        unsecured["proof"] = copy.deepcopy(chained)
    if cryptosuite in JWS_SUITES:
        _add_jws(proof, unsecured, private_key, loader)
    else:
        _add_proof_value(proof, unsecured, document["@context"], private_key, loader)
    signed = copy.deepcopy(document)
    existing = signed.get("proof")
    if existing is None:
        signed["proof"] = proof
    else:
        signed["proof"] = [*existing, proof] if isinstance(existing, list) else [existing, proof]
    return signed


def _add_proof_value(
    proof: dict[str, Any],
    unsecured: dict[str, Any],
    context: Any,
    private_key: Any,
    loader: DocumentLoader | None,
) -> None:
    """Sign `proof` (a Data Integrity or Ed25519Signature2020 proof) in place: its proofValue."""
    suite = str(proof.get("cryptosuite", proof["type"]))
    config = dict(proof)
    config["@context"] = copy.deepcopy(context)
    hash_name = hash_name_for(suite, private_key)
    data = hash_data(unsecured, config, loader, hash_name)
    signature = _raw_signature(private_key, data.combined, hash_name)
    if suite in JCS_SUITES:
        # the JCS suites sign the proof's @context, so the proof must carry it
        proof["@context"] = config["@context"]
    proof["proofValue"] = keys.multibase_encode(signature)


def verify_proof_signature(
    unsecured: dict[str, Any],
    proof: dict[str, Any],
    public_key: Any,
    loader: DocumentLoader | None = None,
) -> bool:
    """Does this one proof's signature verify over `unsecured` with `public_key`?

    `unsecured` is the document as the proof covers it (without `proof`, or with only the
    proofs a chained proof names). False for malformed proofs, a key of the wrong type, a JCS
    proof whose @context differs from the document's; SigningError when the document cannot
    be transformed (unknown context, bad JSON-LD).
    """
    suite = suite_of(proof)
    if suite not in ALL_SUITES:
        return False
    try:
        check_key(suite, public_key)
    except SigningError:
        return False
    if (
        suite in JCS_SUITES
        and "@context" in proof
        and proof["@context"] != unsecured.get("@context")
    ):
        return False
    value = proof.get("proofValue")
    if not isinstance(value, str) or not value.startswith("z"):
        return False
    try:
        signature = keys.multibase_decode(value)
    except WalletError:
        return False
    hash_name = hash_name_for(suite, public_key)
    data = hash_data(unsecured, proof_config_of(proof, unsecured), loader, hash_name)
    return check_raw_signature(public_key, signature, data.combined, hash_name)


def verify_data_integrity_signature(
    document: dict[str, Any],
    public_key: Any,
    *,
    loader: DocumentLoader | None = None,
) -> bool:
    """True if some supported proof on `document` (not chained) verifies with the key.

    Signature only: whether the key belongs to the issuer, dates and status are not checked.
    Malformed proofs and unknown contexts count as "does not verify".
    """
    proofs = document.get("proof")
    if isinstance(proofs, dict):
        proofs = [proofs]
    if not isinstance(proofs, list):
        return False
    unsecured = _unsecured(document)
    for proof in proofs:
        if not isinstance(proof, dict) or "previousProof" in proof:
            continue
        try:
            if verify_proof_signature(unsecured, proof, public_key, loader):
                return True
        except WalletError:
            continue
    return False


def unsigned_strings(document: dict[str, Any], loader: DocumentLoader | None = None) -> list[str]:
    """String values of `document` that do not appear in its canonical N-Quads.

    Why: pyld has no JSON-LD "safe mode" and silently drops terms no context defines, so such a
    value would look signed but is not covered by an eddsa-rdfc-2022 proof. Issuers (the demo
    script) refuse to sign a document for which this list is not empty. A heuristic: a value
    repeated elsewhere in the document may hide a dropped copy.
    """
    nquads = canonicalize_rdfc(_unsecured(document), loader)
    found: list[str] = []

    def walk(value: Any, key: str | None) -> None:
        if key == "@context":
            return
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, k)
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str):
            escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
            if escaped not in nquads and value not in nquads:
                found.append(f"{key}: {value}")

    walk(_unsecured(document), None)
    return found


# --- Ed25519Signature2018 / EcdsaSecp256k1Signature2019: detached JWS over URDNA2015 -----------

_SECP256K1_ORDER = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141


def jws_header(suite: str) -> str:
    """The base64url JWS header these suites sign under: alg, unencoded payload (b64 false)."""
    header = {"alg": JWS_ALGS[suite], "b64": False, "crit": ["b64"]}
    return keys.b64url_encode(json.dumps(header, separators=(",", ":")).encode("utf-8"))


def jws_signing_input(header_b64: str, data: bytes) -> bytes:
    """RFC 7797 signing input: the encoded header, '.', then the payload bytes as they are."""
    return header_b64.encode("ascii") + b"." + data


def jws_proof_options(proof: dict[str, Any], unsecured: dict[str, Any]) -> dict[str, Any]:
    """What the proof's first hash covers: the proof without its signature, in the document's
    @context (as jsonld-signatures does for Linked Data Signatures)."""
    options = {k: v for k, v in proof.items() if k not in ("jws", "signatureValue", "proofValue")}
    options["@context"] = copy.deepcopy(unsecured.get("@context"))
    return options


def check_jws_signature(
    public_key: Any, suite: str, signing_input: bytes, signature: bytes
) -> bool:
    """Does a JWS signature (EdDSA, or ES256K as raw r||s) verify over `signing_input`?"""
    try:
        check_key(suite, public_key)
    except SigningError:
        return False
    try:
        if isinstance(public_key, ed25519.Ed25519PublicKey):
            public_key.verify(signature, signing_input)
            return True
        if len(signature) != 64:
            return False
        r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
        public_key.verify(encode_dss_signature(r, s), signing_input, ec.ECDSA(hashes.SHA256()))
        return True
    except InvalidSignature:
        return False


def _jws_signature(private_key: Any, signing_input: bytes) -> bytes:
    if isinstance(private_key, ed25519.Ed25519PrivateKey):
        return private_key.sign(signing_input)
    r, s = decode_dss_signature(private_key.sign(signing_input, ec.ECDSA(hashes.SHA256())))
    s = min(s, _SECP256K1_ORDER - s)  # low S: secp256k1 verifiers (noble, bitcoin) insist on it
    return r.to_bytes(32, "big") + s.to_bytes(32, "big")


def _add_jws(
    proof: dict[str, Any],
    unsecured: dict[str, Any],
    private_key: Any,
    loader: DocumentLoader | None,
) -> None:
    """Sign `proof` (Ed25519Signature2018 or EcdsaSecp256k1Signature2019) in place: its jws.

    Why: these suites are still what many issuers (JFF plugfest badges, older DCC credentials)
    send; the tests sign with them so that npm's verifiers can judge our bytes, and ours theirs.
    The signed payload is SHA-256(URDNA2015 of the proof options) || SHA-256(URDNA2015 of the
    document without proof), carried in a detached JWS with an unencoded payload.
    """
    options = canonicalize_rdfc(jws_proof_options(proof, unsecured), loader)
    canonical = canonicalize_rdfc(unsecured, loader)
    data = digest(options.encode("utf-8")) + digest(canonical.encode("utf-8"))
    header = jws_header(proof["type"])
    signature = _jws_signature(private_key, jws_signing_input(header, data))
    proof["jws"] = f"{header}..{keys.b64url_encode(signature)}"
