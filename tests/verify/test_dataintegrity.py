"""Data Integrity verification: public vectors, our own signatures in every suite, and attacks.

Vector cases read ../shared/vectors (and the contexts the wallet does not ship from
../shared/contexts, in tests only); when that folder is absent they are not collected and a
warning says so. Verification time is fixed inside the vectors' validity window.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from tests import issuers
from wallet import formats
from wallet.proofs import keys, signing
from wallet.proofs.contexts import document_loader
from wallet.verify.context import VerifyContext
from wallet.verify.dataintegrity import verify_data_integrity

SHARED = Path(__file__).resolve().parents[3] / "shared"
VECTORS = SHARED / "vectors"
AT = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)
VECTOR_FORMATS = ("vc-di", "vc-di-sd-base", "baked-png", "baked-svg")


def _vector_cases() -> list[dict[str, Any]]:
    if (VECTORS / "expected.json").is_file():
        expected = json.loads((VECTORS / "expected.json").read_text())
        return [v for v in expected["vectors"] if v["format"] in VECTOR_FORMATS]
    note = f"NOTE: {VECTORS} is absent: Data Integrity vector tests not collected"
    print(note)
    warnings.warn(note, stacklevel=2)
    return []


VECTOR_CASES = _vector_cases()


def _shared_loader():
    index = json.loads((SHARED / "contexts" / "index.json").read_text())
    return document_loader(
        {u: json.loads((SHARED / "contexts" / f).read_text()) for u, f in index.items()}
    )


def _checks(outcome) -> dict[str, str]:
    return {c.id: c.status for c in outcome.checks}


def _message(outcome, check_id: str) -> str:
    return next(c.message for c in outcome.checks if c.id == check_id)


def _json_documents(case: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    parsed = formats.parse((VECTORS / case["file"]).read_bytes())
    if not parsed.payload.lstrip().startswith(b"{"):
        return None  # a baked VC-JWT: not Data Integrity
    return json.loads(parsed.payload), [json.loads(c.payload) for c in parsed.children]


@pytest.mark.vectors
@pytest.mark.parametrize("case", VECTOR_CASES, ids=[v["file"] for v in VECTOR_CASES])
def test_vector_gives_expected_signature_and_issuer(case):
    docs = _json_documents(case)
    if docs is None:  # baked JWT images are checked by the JOSE verifier's tests
        assert case["format"].startswith("baked")
        return
    document, children = docs
    ctx = VerifyContext(at=AT, loader=_shared_loader())
    outcome = verify_data_integrity(document, ctx)
    checks = _checks(outcome)
    expect = case["expect"]
    assert (checks["proof"] == "pass") == bool(expect["signature"]), _message(outcome, "proof")
    assert (checks["issuer"] == "pass") == bool(expect.get("issuerAuthenticated"))
    assert set(checks) == {"proof", "issuer", "context"}
    assert outcome.issuer_id and outcome.document is document
    if expect.get("holderCanDerive"):
        assert outcome.holder_can_derive is True
        assert "base proof" in _message(outcome, "proof")
    if expect["signature"] is None:  # pre-standard or unknown: not checkable, never "forged"
        assert checks["proof"] == "unknown"
    for child in children:  # CLR nested credentials
        nested = _checks(verify_data_integrity(child, ctx))
        assert (nested["proof"] == "pass") == bool(expect["signature"]), case["file"]
        assert nested["issuer"] != "pass"


def test_clr_nested_credential_with_undefined_terms_is_caught():
    if not VECTOR_CASES:
        pytest.fail("vectors absent")  # pragma: no cover - not collected then (see below)
    clr = json.loads((VECTORS / "1edtech-validator/clr20/simple-noproof.json").read_text())
    nested = clr["credentialSubject"]["verifiableCredential"][0]
    outcome = verify_data_integrity(nested, VerifyContext(at=AT, loader=_shared_loader()))
    checks = _checks(outcome)
    assert checks["context"] == "fail" and checks["proof"] == "fail"
    assert "JsonSchemaValidator2020" in _message(outcome, "context")
    assert "credentialSchema[0].type" in _message(outcome, "context")


def test_verifying_every_vector_opens_no_connection(block_all_sockets):
    ctx = VerifyContext(at=AT, loader=_shared_loader())
    seen = 0
    for case in VECTOR_CASES:
        docs = _json_documents(case)
        if docs is None:
            continue
        for doc in (docs[0], *docs[1]):
            verify_data_integrity(doc, ctx)
            seen += 1
    assert seen >= 40
    assert block_all_sockets == []


if not VECTOR_CASES:
    del test_vector_gives_expected_signature_and_issuer
    del test_clr_nested_credential_with_undefined_terms_is_caught
    del test_verifying_every_vector_opens_no_connection


# --- our own credentials, every suite ------------------------------------------------------

SUITES = [
    ("eddsa-rdfc-2022", "ed25519"),
    ("eddsa-jcs-2022", "ed25519"),
    ("Ed25519Signature2020", "ed25519"),
    ("ecdsa-rdfc-2019", "p256"),
    ("ecdsa-rdfc-2019", "p384"),
    ("ecdsa-jcs-2019", "p256"),
    ("ecdsa-jcs-2019", "p384"),
]
SUITE_IDS = [f"{s}-{k}" for s, k in SUITES]
RDFC = ("eddsa-rdfc-2022", "ecdsa-rdfc-2019", "Ed25519Signature2020")


def _new_key(kind: str) -> Any:
    if kind == "ed25519":
        return ed25519.Ed25519PrivateKey.generate()
    return ec.generate_private_key(ec.SECP256R1() if kind == "p256" else ec.SECP384R1())


def _microcredential(issuer_key: Any) -> dict[str, Any]:
    """An OB 3.0 micro-credential (5 ECTS) issued by the did:key of `issuer_key`."""
    doc = issuers.ects_microcredential()
    doc["issuer"]["id"] = keys.did_key_from_public_key(issuer_key.public_key())
    return doc


def _sign(doc: dict[str, Any], key: Any, suite: str, vm_key: Any = None, **kw: Any):
    vm = keys.did_key_verification_method((vm_key or key).public_key())
    if suite == "Ed25519Signature2020":
        doc = {
            **doc,
            "@context": [*doc["@context"], "https://w3id.org/security/suites/ed25519-2020/v1"],
        }
    return signing.sign_data_integrity(doc, key, vm, suite, "2026-01-05T10:00:00Z", **kw)


def _verify(doc: dict[str, Any], **kw: Any):
    return verify_data_integrity(doc, VerifyContext(at=AT, **kw))


@pytest.fixture(params=SUITES, ids=SUITE_IDS)
def suite_key(request):
    suite, kind = request.param
    return suite, _new_key(kind)


def test_own_credential_verifies_in_every_suite(suite_key):
    suite, key = suite_key
    signed = _sign(_microcredential(key), key, suite)
    outcome = _verify(signed)
    assert _checks(outcome) == {"proof": "pass", "issuer": "pass", "context": "pass"}
    assert suite in _message(outcome, "proof")
    assert outcome.issuer_id == signed["issuer"]["id"]


TAMPERS = {
    "title": lambda d: d["credentialSubject"]["achievement"].__setitem__(
        "name", "Data Protection Mastery"
    ),
    "credits": lambda d: d["credentialSubject"]["achievement"].__setitem__("creditsAvailable", 50),
    "date": lambda d: d.__setitem__("validFrom", "2020-06-30T09:00:00Z"),
    "subject": lambda d: d["credentialSubject"].__setitem__("id", "did:example:someone-else"),
}


@pytest.mark.parametrize("field", list(TAMPERS))
def test_any_change_to_a_signed_field_fails(suite_key, field):
    suite, key = suite_key
    signed = _sign(_microcredential(key), key, suite)
    tampered = copy.deepcopy(signed)
    TAMPERS[field](tampered)
    outcome = _verify(tampered)
    assert _checks(outcome)["proof"] == "fail"
    assert "does not match" in _message(outcome, "proof")
    assert _checks(outcome)["issuer"] != "pass"


def test_signature_by_another_key_naming_the_issuers_key_fails(suite_key):
    suite, key = suite_key
    impostor = _new_key(
        "ed25519"
        if isinstance(key, ed25519.Ed25519PrivateKey)
        else ("p256" if key.curve.name == "secp256r1" else "p384")
    )
    forged = _sign(_microcredential(key), impostor, suite, vm_key=key)
    assert _checks(_verify(forged))["proof"] == "fail"


def test_valid_signature_by_a_different_did_key_is_not_the_issuer(suite_key):
    suite, key = suite_key
    claimed = _new_key("ed25519")
    doc = _microcredential(claimed)  # names B as issuer
    signed = _sign(doc, key, suite)  # validly signed by A
    outcome = _verify(signed)
    checks = _checks(outcome)
    assert checks["proof"] == "pass" and checks["issuer"] == "fail"
    assert keys.did_key_from_public_key(claimed.public_key()) in _message(outcome, "issuer")


def test_garbage_proof_value_fails(suite_key):
    suite, key = suite_key
    signed = _sign(_microcredential(key), key, suite)
    for garbage in ("zzzz", "z" + keys.b58encode(b"\x01" * 64), "not multibase", 42):
        broken = copy.deepcopy(signed)
        broken["proof"]["proofValue"] = garbage
        assert _checks(_verify(broken))["proof"] == "fail", garbage


def test_unknown_context_is_named_and_never_verified(suite_key):
    suite, key = suite_key
    doc = _microcredential(key)
    doc["@context"] = [*doc["@context"], "https://example.org/contexts/unknown/v1"]
    signed = (
        _sign(doc, key, suite, loader=_loader_with_unknown())
        if suite in RDFC
        else _sign(doc, key, suite)
    )
    outcome = _verify(signed)
    checks = _checks(outcome)
    assert checks["context"] == "unknown"
    assert "https://example.org/contexts/unknown/v1" in _message(outcome, "context")
    if suite in RDFC:
        assert checks["proof"] == "unknown"
        assert "https://example.org/contexts/unknown/v1" in _message(outcome, "proof")
    else:  # JCS signs the JSON as written; the verdict stays unknown through the context check
        assert checks["proof"] == "pass"


def _loader_with_unknown():
    return document_loader(
        {
            "https://example.org/contexts/unknown/v1": {
                "@context": {"nickname": "https://example.org/vocab#nickname"}
            }
        }
    )


def test_undefined_term_is_caught(suite_key):
    suite, key = suite_key
    doc = _microcredential(key)
    doc["credentialSubject"]["achievement"]["creditsAwarded"] = 500  # no context defines it
    if suite in RDFC:  # our signer refuses; a careless issuer's would not
        with pytest.raises(signing.SigningError, match="creditsAwarded"):
            _sign(doc, key, suite)
    signed = _sign(doc, key, suite, check_coverage=False)
    outcome = _verify(signed)
    checks = _checks(outcome)
    message = _message(outcome, "context")
    assert "'creditsAwarded'" in message
    assert "credentialSubject.achievement.creditsAwarded" in message
    if suite in RDFC:  # the signature does not cover the dropped term
        assert checks["context"] == "fail" and checks["proof"] == "fail"
        assert "would not cover it" in message
    else:  # JCS signs it as written, but it means nothing
        assert checks["context"] == "warn" and checks["proof"] == "pass"


def test_undefined_term_added_after_signing_is_caught_even_though_the_signature_matches():
    key = _new_key("ed25519")
    signed = _sign(_microcredential(key), key, "eddsa-rdfc-2022")
    signed["credentialSubject"]["achievement"]["extraCredits"] = 500
    # the canonical form is unchanged, so the raw signature still matches ...
    assert signing.verify_data_integrity_signature(signed, key.public_key())
    # ... but the wallet does not accept it
    checks = _checks(_verify(signed))
    assert checks["proof"] == "fail" and checks["context"] == "fail"


def test_test_issuers_nzqf_credential_has_an_undefined_extension_term():
    key = _new_key("ed25519")
    doc = issuers.nzqf_microcredential()
    doc["issuer"]["id"] = keys.did_key_from_public_key(key.public_key())
    outcome = _verify(_sign(doc, key, "eddsa-rdfc-2022", check_coverage=False))
    assert "microCredentialExtension" in _message(outcome, "context")
    assert _checks(outcome)["proof"] == "fail"


# --- proof shapes ---------------------------------------------------------------------------


def test_no_proof_is_unsigned():
    outcome = _verify(issuers.ects_microcredential())
    assert _checks(outcome)["proof"] == "fail"
    assert _message(outcome, "proof") == "no proof: the credential is unsigned"


def test_wrong_purpose_expired_and_future_proofs_fail():
    key = _new_key("ed25519")
    doc = _microcredential(key)
    auth = _sign(doc, key, "eddsa-rdfc-2022", proof_purpose="authentication")
    assert "assertionMethod" in _message(_verify(auth), "proof")
    assert _checks(_verify(auth))["proof"] == "fail"
    expired = _sign(doc, key, "eddsa-rdfc-2022", expires="2026-06-01T00:00:00Z")
    assert _checks(_verify(expired))["proof"] == "fail"
    assert "expired" in _message(_verify(expired), "proof")
    still = _sign(doc, key, "eddsa-rdfc-2022", expires="2027-06-01T00:00:00Z")
    assert _checks(_verify(still))["proof"] == "pass"
    future = signing.sign_data_integrity(
        doc, key, keys.did_key_verification_method(key.public_key()), created="2027-01-01T00:00:00Z"
    )
    assert _checks(_verify(future))["proof"] == "fail"


def test_pre_standard_and_unknown_proof_types_are_unknown_not_verified():
    key = _new_key("ed25519")
    signed = _sign(_microcredential(key), key, "eddsa-rdfc-2022")
    legacy = copy.deepcopy(signed)
    legacy["proof"]["cryptosuite"] = "eddsa-2022"
    outcome = _verify(legacy)
    assert _checks(outcome)["proof"] == "unknown"
    assert "pre-standard cryptosuite name" in _message(outcome, "proof")
    other = copy.deepcopy(signed)
    other["proof"] = {"type": "BbsBlsSignature2020", "proofValue": "zabc"}
    assert _checks(_verify(other))["proof"] == "unknown"


def test_proof_set_needs_every_supported_proof_and_notes_unsupported_ones():
    a, b = _new_key("ed25519"), _new_key("p256")
    doc = _microcredential(a)
    both = _sign(_sign(doc, a, "eddsa-rdfc-2022"), b, "ecdsa-jcs-2019")
    assert _checks(_verify(both)) == {"proof": "pass", "issuer": "pass", "context": "pass"}
    assert "all 2 proofs verified" in _message(_verify(both), "proof")
    broken = copy.deepcopy(both)
    broken["proof"][1]["proofValue"] = both["proof"][0]["proofValue"]
    assert _checks(_verify(broken))["proof"] == "fail"
    extra = copy.deepcopy(both)
    extra["proof"].append({"type": "SomeProofType", "proofPurpose": "assertionMethod"})
    outcome = _verify(extra)
    assert _checks(outcome)["proof"] == "pass"
    assert "SomeProofType" in _message(outcome, "proof")


def test_proof_chain_verifies_and_a_broken_link_fails():
    a, b = _new_key("ed25519"), _new_key("p384")
    first = _sign(_microcredential(a), a, "eddsa-rdfc-2022", proof_id="urn:uuid:first")
    chained = _sign(first, b, "ecdsa-rdfc-2019", previous_proof="urn:uuid:first")
    assert _checks(_verify(chained))["proof"] == "pass"
    # the chained proof signed the first proof: changing it breaks both
    edited = copy.deepcopy(chained)
    edited["proof"][0]["created"] = "2026-01-06T10:00:00Z"
    assert _checks(_verify(edited))["proof"] == "fail"
    dangling = copy.deepcopy(chained)
    dangling["proof"][1]["previousProof"] = "urn:uuid:missing"
    outcome = _verify(dangling)
    assert _checks(outcome)["proof"] == "fail"
    assert "urn:uuid:missing" in _message(outcome, "proof")


def test_jcs_proof_context_must_equal_the_documents():
    key = _new_key("p256")
    signed = _sign(_microcredential(key), key, "ecdsa-jcs-2019")
    signed["proof"]["@context"] = signed["@context"][:1]
    outcome = _verify(signed)
    assert _checks(outcome)["proof"] == "fail"
    assert "@context" in _message(outcome, "proof")


def test_key_not_available_offline_is_unknown_and_bad_key_fails():
    key = _new_key("ed25519")
    doc = _microcredential(key)
    web = _sign(doc, key, "eddsa-rdfc-2022")
    web["proof"]["verificationMethod"] = "did:web:issuer.example#key-1"
    assert _checks(_verify(web))["proof"] == "unknown"
    bad = copy.deepcopy(web)
    bad["proof"]["verificationMethod"] = "did:key:zNotAKey"
    assert _checks(_verify(bad))["proof"] == "fail"


def test_ecdsa_sd_without_its_module_is_unknown(monkeypatch):
    import wallet.proofs as package

    monkeypatch.delattr(package, "ecdsa_sd", raising=False)
    monkeypatch.setitem(sys.modules, "wallet.proofs.ecdsa_sd", None)
    key = _new_key("p256")
    doc = _sign(_microcredential(key), key, "ecdsa-rdfc-2019")
    doc["proof"]["cryptosuite"] = "ecdsa-sd-2023"
    outcome = _verify(doc)
    assert _checks(outcome)["proof"] == "unknown"
    assert _message(outcome, "proof") == "ecdsa-sd-2023 not supported yet"
