"""A JSON-LD context the wallet lacks is missing knowledge: `unknown`, on every proof path.

The eddsa and ecdsa paths already said "cannot check: the credential uses the JSON-LD context
..., which the wallet does not have"; an ecdsa-sd-2023 credential (base or derived proof) with
the same cause was judged `failed` ("proof invalid"), as if it had been tampered with. The
credential here is signed for real with a loader that holds the extra context, then checked
with the wallet's own loader, which does not.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from wallet import formats
from wallet.proofs import keys, sd_derive, signing
from wallet.proofs.contexts import document_loader
from wallet.verify.context import VerifyContext
from wallet.verify.dataintegrity import verify_data_integrity
from wallet.verify.verifier import verify_parsed

EXTRA_URL = "https://tutors.example/contexts/mentoring-v1.jsonld"
EXTRA_CONTEXT = {
    "@context": {
        "@version": 1.1,
        "@protected": True,
        "mentor": "https://tutors.example/vocab#mentor",
        "hoursMentored": "https://tutors.example/vocab#hoursMentored",
    }
}
AT = dt.datetime(2026, 9, 1, 12, 0, tzinfo=dt.UTC)
P256 = ec.derive_private_key(0x4D15_51C0_47E7, ec.SECP256R1())
P256_VM = keys.did_key_verification_method(P256.public_key())
ED = ed25519.Ed25519PrivateKey.from_private_bytes(bytes([41]) * 32)
ED_VM = keys.did_key_verification_method(ED.public_key())
MANDATORY = ["/issuer", "/validFrom"]


def _with_extra_loader():
    return document_loader({EXTRA_URL: EXTRA_CONTEXT})


def _credential(issuer_did: str) -> dict[str, Any]:
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2", EXTRA_URL],
        "id": "urn:uuid:0d9e1c55-2b7a-4c1e-9f00-6a1c0d2e3f41",
        "type": ["VerifiableCredential"],
        "issuer": issuer_did,
        "validFrom": "2026-08-01T00:00:00Z",
        "credentialSubject": {
            "id": "did:example:aroha",
            "mentor": "Hemi Walker",
            "hoursMentored": "40",
        },
    }


@pytest.fixture(scope="module")
def sd_base() -> dict[str, Any]:
    issuer = keys.did_key_from_public_key(P256.public_key())
    return sd_derive.sign_sd_base(
        _credential(issuer),
        P256,
        P256_VM,
        MANDATORY,
        created="2026-08-01T09:00:00Z",
        loader=_with_extra_loader(),
    )


@pytest.fixture(scope="module")
def sd_derived(sd_base: dict[str, Any]) -> dict[str, Any]:
    return sd_derive.derive_disclosure(
        sd_base, ["/credentialSubject/mentor"], loader=_with_extra_loader()
    )


def _statuses(outcome: Any) -> dict[str, str]:
    return {c.id: c.status for c in outcome.checks}


def _proof_message(outcome: Any) -> str:
    return next(c.message for c in outcome.checks if c.id == "proof")


def test_the_signatures_are_real_when_the_context_is_known(sd_base, sd_derived) -> None:
    # with the context at hand both proofs check out: the only thing missing later is knowledge
    known = VerifyContext(at=AT, loader=_with_extra_loader())
    assert _statuses(verify_data_integrity(sd_derived, known))["proof"] == "pass"
    base = verify_data_integrity(sd_base, known)
    assert base.holder_can_derive and "base proof" in _proof_message(base)


@pytest.mark.parametrize("which", ["derived", "base"])
def test_an_ecdsa_sd_credential_with_an_unknown_context_is_unknown_naming_it(
    which: str, sd_base: dict[str, Any], sd_derived: dict[str, Any]
) -> None:
    doc = sd_derived if which == "derived" else sd_base
    outcome = verify_data_integrity(copy.deepcopy(doc), VerifyContext(at=AT))
    statuses = _statuses(outcome)
    assert statuses["proof"] == "unknown", _proof_message(outcome)
    assert statuses["context"] == "unknown"
    message = _proof_message(outcome)
    assert EXTRA_URL in message and "does not have" in message
    assert "invalid" not in message


def test_the_whole_report_of_a_derived_disclosure_is_unknown_not_failed(sd_derived) -> None:
    parsed = formats.parse(json.dumps(sd_derived).encode())
    report = verify_parsed(parsed, VerifyContext(at=AT), "disclosure.json")
    assert report.verdict == "unknown"


def test_every_suite_says_the_same_for_the_same_missing_context(sd_derived) -> None:
    issuer = keys.did_key_from_public_key(ED.public_key())
    eddsa = signing.sign_data_integrity(
        _credential(issuer), ED, ED_VM, created="2026-08-01T09:00:00Z", loader=_with_extra_loader()
    )
    ctx = VerifyContext(at=AT)
    for doc in (eddsa, sd_derived):
        outcome = verify_data_integrity(doc, ctx)
        assert _statuses(outcome)["proof"] == "unknown"
        assert (
            f"uses the JSON-LD context {EXTRA_URL}, which the wallet does not have"
            in _proof_message(outcome)
        )
