"""ecdsa-sd-2023 on the holder's side: derive a selective disclosure from a base proof.

Why: a learner holding a credential issued with an ecdsa-sd-2023 *base* proof shows a verifier
only what the verifier needs (say, the achievement but not the birth date). `derive_disclosure`
builds that document and its *derived* proof from the base proof, without the issuer and without
any key of the holder's; `mandatory_pointers` / `disclosable_pointers` let the UI say what must
be shown and what may be hidden. `sign_sd_base` is the issuer's side, for tests and the demo
issuer. The suite's steps live in `wallet.proofs.ecdsa_sd`; all cryptography is `cryptography`'s.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from cryptography.hazmat.primitives.asymmetric import ec

from wallet.messages import M
from wallet.proofs import ecdsa_sd as sd
from wallet.proofs.contexts import DocumentLoader, document_loader
from wallet.proofs.ecdsa_sd import SdError


def _p256_private(
    key: Any, what: Literal["issuer key", "proof-scoped key"]
) -> ec.EllipticCurvePrivateKey:
    if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
        if what == "issuer key":
            raise SdError(M("ecdsa-sd-2023 needs a P-256 private key as the issuer key"))
        raise SdError(M("ecdsa-sd-2023 needs a P-256 private key as the proof-scoped key"))
    return key


def find_base_proof(document: dict[str, Any]) -> dict[str, Any]:
    """The ecdsa-sd-2023 base proof on a document as issued; SdError if it has none."""
    proofs = document.get("proof") if isinstance(document, dict) else None
    for proof in proofs if isinstance(proofs, list) else [proofs]:
        if isinstance(proof, dict) and proof.get("cryptosuite") == sd.CRYPTOSUITE:
            try:
                if sd.proof_value_kind(proof.get("proofValue")) == "base":
                    return proof
            except SdError:
                continue
    raise SdError(M("the credential has no ecdsa-sd-2023 base proof to derive a disclosure from"))


def mandatory_pointers(base_document: dict[str, Any]) -> list[str]:
    """JSON pointers the issuer requires in every disclosure (read from the base proof)."""
    return sd.parse_base_proof_value(
        find_base_proof(base_document)["proofValue"]
    ).mandatory_pointers


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def _leaves(value: Any, pointer: str, out: list[str]) -> None:
    if isinstance(value, dict):
        keys = [k for k in value if k not in ("@context", "proof", "id", "type")]
        if not keys and pointer:
            out.append(pointer)  # nothing inside but its id/type: hide or show it whole
        for k in keys:
            _leaves(value[k], f"{pointer}/{_escape(k)}", out)
    elif isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        for i, v in enumerate(value):
            _leaves(v, f"{pointer}/{i}", out)
    else:
        out.append(pointer)


def disclosable_pointers(base_document: dict[str, Any]) -> list[str]:
    """JSON pointers to each value the holder may hide (everything the issuer did not mandate).

    Leaves and arrays of plain values are listed; an object's `id` and `type` are not, since
    they are revealed along with any value selected inside that object.
    """
    required = mandatory_pointers(base_document)
    found: list[str] = []
    _leaves(sd.unsecured(base_document), "", found)

    def mandated(p: str) -> bool:
        return any(p == m or p.startswith(m + "/") for m in required)

    return [p for p in found if not mandated(p)]


# --- issuer side ---------------------------------------------------------------------------------


@dataclass
class BaseProofData:
    """Deterministic intermediate values of a base proof (compared with published vectors)."""

    proof_config: dict[str, Any]
    canonical_proof_config: str
    proof_hash: bytes
    grouped: sd.Grouped
    mandatory: dict[int, str]
    non_mandatory: dict[int, str]
    mandatory_hash: bytes


def base_proof_data(
    document: dict[str, Any],
    proof_options: dict[str, Any],
    hmac_key: bytes,
    mandatory: list[str],
    loader: DocumentLoader | None = None,
) -> BaseProofData:
    """Transform and hash a document for a base proof (no signing: nothing random here)."""
    loader = loader or document_loader()
    doc = sd.unsecured(document)
    config = sd.proof_config(proof_options, doc)
    p_hash, canon = sd.proof_hash(proof_options, doc, loader)
    grouped = sd.canonicalize_and_group(
        doc, sd.hmac_label_map_factory(hmac_key), {"mandatory": list(mandatory)}, loader
    )
    group = grouped.groups["mandatory"]
    m_hash = sd.sha256("".join(group.matching.values()).encode("utf-8"))
    return BaseProofData(config, canon, p_hash, grouped, group.matching, group.non_matching, m_hash)


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def sign_sd_base(
    document: dict[str, Any],
    issuer_private_key: ec.EllipticCurvePrivateKey,
    verification_method: str,
    mandatory_pointers: list[str],
    hmac_key: bytes | None = None,
    proof_scoped_key: ec.EllipticCurvePrivateKey | None = None,
    created: str | None = None,
    loader: DocumentLoader | None = None,
    proof_purpose: str = "assertionMethod",
) -> dict[str, Any]:
    """Issue: a copy of `document` with an ecdsa-sd-2023 base proof (for the holder only).

    The HMAC key and the proof-scoped key are fresh random ones unless given (tests give the
    published vector keys to compare intermediate values).
    """
    issuer = _p256_private(issuer_private_key, "issuer key")
    scoped = _p256_private(
        proof_scoped_key or ec.generate_private_key(ec.SECP256R1()), "proof-scoped key"
    )
    key = os.urandom(32) if hmac_key is None else hmac_key
    if not isinstance(key, bytes) or len(key) != 32:
        raise SdError(M("the HMAC key must be 32 bytes"))
    if not isinstance(document, dict) or "@context" not in document:
        raise SdError(M("a document to sign needs an @context"))
    if "proof" in document:
        raise SdError(M("the document already carries a proof"))
    options: dict[str, Any] = {
        "type": "DataIntegrityProof",
        "cryptosuite": sd.CRYPTOSUITE,
        "created": created or _now(),
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    data = base_proof_data(document, options, key, mandatory_pointers, loader)
    public = sd.public_key_bytes(scoped.public_key())
    base_signature = sd.ecdsa_sign_raw(issuer, data.proof_hash + public + data.mandatory_hash)
    signatures = [
        sd.ecdsa_sign_raw(scoped, line.encode("utf-8")) for line in data.non_mandatory.values()
    ]
    value = sd.BaseProofValue(base_signature, public, key, signatures, list(mandatory_pointers))
    signed = copy.deepcopy(document)
    signed["proof"] = {**options, "proofValue": sd.serialize_base_proof_value(value)}
    return signed


# --- holder side ---------------------------------------------------------------------------------


@dataclass
class DisclosureData:
    """The derivation's intermediate values (createDisclosureData), for tests and the UI."""

    reveal_document: dict[str, Any]
    proof_options: dict[str, Any]
    combined_indexes: list[int]
    mandatory_indexes: list[int]
    non_mandatory_indexes: list[int]
    selective_indexes: list[int]
    adj_mandatory_indexes: list[int]
    adj_signature_indexes: list[int]
    filtered_signatures: list[bytes]
    label_map: dict[str, str]  # the reveal document's c14n labels -> HMAC labels
    base: sd.BaseProofValue
    grouped: sd.Grouped


def disclosure_data(
    document_with_base_proof: dict[str, Any],
    selective_pointers: list[str],
    loader: DocumentLoader | None = None,
) -> DisclosureData:
    """Everything a derived proof is made of, computed from the base proof and the pointers."""
    loader = loader or document_loader()
    proof = find_base_proof(document_with_base_proof)
    base = sd.parse_base_proof_value(proof["proofValue"])
    doc = sd.unsecured(document_with_base_proof)
    combined = [*base.mandatory_pointers, *selective_pointers]
    if not combined:
        raise SdError(M("nothing to reveal: choose at least one value"))
    grouped = sd.canonicalize_and_group(
        doc,
        sd.hmac_label_map_factory(base.hmac_key),
        {
            "mandatory": base.mandatory_pointers,
            "selective": list(selective_pointers),
            "combined": combined,
        },
        loader,
    )
    groups = grouped.groups
    mandatory_idx = sorted(groups["mandatory"].matching)
    non_mandatory_idx = sorted(groups["mandatory"].non_matching)
    combined_idx = sorted(groups["combined"].matching)
    if len(non_mandatory_idx) != len(base.signatures):
        raise SdError(
            M(
                "the base proof does not fit this document: "
                "{signatures} signatures for {statements} statements",
                signatures=len(base.signatures),
                statements=len(non_mandatory_idx),
            )
        )
    position_in_combined = {i: n for n, i in enumerate(combined_idx)}
    position_in_non_mandatory = {i: n for n, i in enumerate(non_mandatory_idx)}
    adj_mandatory = [position_in_combined[i] for i in mandatory_idx]
    adj_signatures = [
        position_in_non_mandatory[i] for i in combined_idx if i in position_in_non_mandatory
    ]

    _canonical, reveal_id_map = sd.canonicalize_quads(groups["combined"].deskolemized_quads)
    label_map = {
        c14n: grouped.label_map[grouped.canonical_id_map[skolem]]
        for skolem, c14n in reveal_id_map.items()
    }
    reveal = sd.select_json_ld(combined, doc)
    assert reveal is not None  # combined is not empty
    options = {k: copy.deepcopy(v) for k, v in proof.items() if k != "proofValue"}
    return DisclosureData(
        reveal,
        options,
        combined_idx,
        mandatory_idx,
        non_mandatory_idx,
        sorted(groups["selective"].matching),
        adj_mandatory,
        adj_signatures,
        [base.signatures[i] for i in adj_signatures],
        label_map,
        base,
        grouped,
    )


def derive_disclosure(
    document_with_base_proof: dict[str, Any],
    selective_pointers: list[str],
    loader: DocumentLoader | None = None,
) -> dict[str, Any]:
    """The document revealing the chosen JSON pointers (plus the issuer's mandatory ones),
    with a derived proof a verifier can check against the issuer's key.

    Raises SdError when the document has no base proof, a pointer matches nothing, or the base
    proof does not fit the document.
    """
    loader = loader or document_loader()
    data = disclosure_data(document_with_base_proof, selective_pointers, loader)
    value = sd.DerivedProofValue(
        data.base.base_signature,
        data.base.public_key,
        data.filtered_signatures,
        data.label_map,
        data.adj_mandatory_indexes,
    )
    derived = {
        **data.reveal_document,
        "proof": {**data.proof_options, "proofValue": sd.serialize_derived_proof_value(value)},
    }
    # Self-check: the verifier's view of the reveal document must line up with the signatures.
    check = sd.create_verify_data(derived, derived["proof"], loader)
    if len(check.non_mandatory) != len(data.filtered_signatures):
        raise SdError(M("the disclosure does not line up with the base proof's signatures"))
    return derived
