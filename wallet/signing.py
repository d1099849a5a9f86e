"""Issuer-side Data Integrity signing (W3C vc-di-eddsa: eddsa-rdfc-2022 and eddsa-jcs-2022).

Why: the demo issuer and the tests need real, reproducible signed credentials, and a wallet that
verifies these suites must transform and hash exactly as a signer does. The transformation
(RDF Dataset Canonicalization via pyld, or JCS via rfc8785), hashing (SHA-256) and the
signature itself (Ed25519 from `cryptography`) follow the vc-di-eddsa algorithms; no cryptography
is written here. `verify_data_integrity_signature` is the minimal counterpart (signature only: no
issuer binding, dates or status; full verification lives elsewhere).
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519
from pyld import jsonld

from wallet import keys
from wallet.contexts import DocumentLoader, document_loader, unknown_context_in
from wallet.errors import WalletError

EDDSA_RDFC_2022 = "eddsa-rdfc-2022"
EDDSA_JCS_2022 = "eddsa-jcs-2022"
CRYPTOSUITES = (EDDSA_RDFC_2022, EDDSA_JCS_2022)


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


def canonicalize_rdfc(document: dict[str, Any], loader: DocumentLoader | None = None) -> str:
    """RDFC-1.0 (pyld calls it URDNA2015) canonical N-Quads of a JSON-LD document, offline."""
    try:
        return jsonld.normalize(
            document,
            {
                "algorithm": "URDNA2015",
                "format": "application/n-quads",
                "documentLoader": loader or document_loader(),
            },
        )
    except jsonld.JsonLdError as exc:
        unknown = unknown_context_in(exc)
        if unknown is not None:
            raise SigningError(unknown.message) from None
        raise SigningError(f"JSON-LD canonicalization failed: {exc}") from None


def canonicalize_jcs(document: dict[str, Any]) -> str:
    """RFC 8785 JSON Canonicalization Scheme text."""
    try:
        return rfc8785.dumps(document).decode("utf-8")
    except (rfc8785.CanonicalizationError, TypeError, ValueError) as exc:
        raise SigningError(f"JSON canonicalization failed: {exc}") from None


def _utc_now() -> str:
    return datetime.now(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def _unsecured(document: dict[str, Any]) -> dict[str, Any]:
    doc = copy.deepcopy(document)
    doc.pop("proof", None)
    return doc


def hash_data(
    unsecured_document: dict[str, Any],
    proof_config: dict[str, Any],
    loader: DocumentLoader | None = None,
) -> HashData:
    """Transform and hash a document and its proof configuration as the cryptosuite says.

    `proof_config` carries `cryptosuite` and `@context` (and no `proofValue`).
    """
    suite = proof_config.get("cryptosuite")
    if suite == EDDSA_RDFC_2022:
        canon_proof = canonicalize_rdfc(proof_config, loader)
        canon_doc = canonicalize_rdfc(unsecured_document, loader)
    elif suite == EDDSA_JCS_2022:
        canon_proof = canonicalize_jcs(proof_config)
        canon_doc = canonicalize_jcs(unsecured_document)
    else:
        raise SigningError(f"unsupported cryptosuite {suite}")
    return HashData(
        canonical_proof_config=canon_proof,
        canonical_document=canon_doc,
        proof_hash=hashlib.sha256(canon_proof.encode("utf-8")).digest(),
        document_hash=hashlib.sha256(canon_doc.encode("utf-8")).digest(),
    )


def sign_data_integrity(
    document: dict[str, Any],
    private_key: ed25519.Ed25519PrivateKey,
    verification_method: str,
    cryptosuite: str = EDDSA_RDFC_2022,
    created: str | None = None,
    proof_purpose: str = "assertionMethod",
    *,
    loader: DocumentLoader | None = None,
) -> dict[str, Any]:
    """Return a copy of `document` with a DataIntegrityProof added (vc-di-eddsa).

    A proof already on the document is kept (the result then holds a proof set); like the
    spec's proof sets, the new proof does not sign the existing ones.
    """
    if cryptosuite not in CRYPTOSUITES:
        raise SigningError(f"unsupported cryptosuite {cryptosuite}")
    if not isinstance(private_key, ed25519.Ed25519PrivateKey):
        raise SigningError(f"{cryptosuite} needs an Ed25519 private key")
    if "@context" not in document:
        raise SigningError("a document to sign needs an @context")
    unsecured = _unsecured(document)
    proof: dict[str, Any] = {
        "type": "DataIntegrityProof",
        "cryptosuite": cryptosuite,
        "created": created or _utc_now(),
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    config = dict(proof)
    config["@context"] = copy.deepcopy(unsecured["@context"])
    data = hash_data(unsecured, config, loader)
    signature = private_key.sign(data.combined)
    if cryptosuite == EDDSA_JCS_2022:
        # the JCS suite signs the proof's @context, so the proof must carry it
        proof["@context"] = config["@context"]
    proof["proofValue"] = keys.multibase_encode(signature)

    signed = copy.deepcopy(document)
    existing = signed.get("proof")
    if existing is None:
        signed["proof"] = proof
    else:
        signed["proof"] = [*existing, proof] if isinstance(existing, list) else [existing, proof]
    return signed


def verify_data_integrity_signature(
    document: dict[str, Any],
    public_key: ed25519.Ed25519PublicKey,
    *,
    loader: DocumentLoader | None = None,
) -> bool:
    """True if some eddsa-rdfc-2022/eddsa-jcs-2022 proof on `document` verifies with the key.

    Signature only: whether the key belongs to the issuer, dates and status are not checked.
    Malformed proofs and unknown contexts count as "does not verify".
    """
    proofs = document.get("proof")
    if isinstance(proofs, dict):
        proofs = [proofs]
    if not isinstance(proofs, list) or not isinstance(public_key, ed25519.Ed25519PublicKey):
        return False
    unsecured = _unsecured(document)
    for proof in proofs:
        if not isinstance(proof, dict) or proof.get("type") != "DataIntegrityProof":
            continue
        suite = proof.get("cryptosuite")
        if suite not in CRYPTOSUITES:
            continue
        config = {k: v for k, v in proof.items() if k != "proofValue"}
        if suite == EDDSA_JCS_2022 and "@context" in config:
            if config["@context"] != unsecured.get("@context"):
                continue
        config["@context"] = unsecured.get("@context")
        try:
            signature = keys.multibase_decode(proof.get("proofValue", ""))
            if not str(proof.get("proofValue", "")).startswith("z"):
                continue
            data = hash_data(unsecured, config, loader)
            public_key.verify(signature, data.combined)
        except (WalletError, InvalidSignature):
            continue
        return True
    return False


def unsigned_strings(
    document: dict[str, Any], loader: DocumentLoader | None = None
) -> list[str]:
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
