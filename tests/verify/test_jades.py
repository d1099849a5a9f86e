"""JAdES seals on Europass EDC credentials: reading the envelope, checking the signature.

The public ELM v3 samples (tests/data/edc, sealed by a Spanish test eSeal) are read and their
signatures checked as published; the seal tests re-seal the sample's document with the test PKI
of eu_pki.py. The trusted-list side is in test_eu_trust.py.
"""

from __future__ import annotations

import base64
import datetime as dt
import json

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from wallet.errors import FormatError
from wallet.proofs.jades import crit_problem, parse_jades, seal_jades
from wallet.proofs.jose import b64url_decode, b64url_encode, verify_signature
from wallet.verify.context import VerifyContext
from wallet.verify.jades import verify_jades
from wallet.verify.report import FAIL, ISSUER, PASS, PROOF, WARN, Report

from .eu_pki import DATA, SIGNED_AT, SealPki, der, edc_document

AT = dt.datetime(2027, 1, 15, 12, 0, tzinfo=dt.UTC)
SAMPLES = ["Sample-MC-Annex1-signed.jsonld", "Sample-CertOfPart-signed.jsonld"]


@pytest.fixture(scope="module")
def pki() -> SealPki:
    return SealPki()


def _checks(outcome_checks: list) -> dict:
    return {c.id: c for c in outcome_checks}


def _verdict(checks: list) -> str:
    return Report(source="test", format="edc", checks=checks).verdict


# --- the public samples ---------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLES)
def test_public_samples_parse_and_their_signatures_verify(name):
    env = parse_jades((DATA / "edc" / name).read_bytes())
    assert env.alg == "RS256"
    assert env.protected["b64"] is False
    assert env.signing_time is not None and env.signing_time.date() == dt.date(2023, 9, 27)
    assert len(env.certificates) == 1
    leaf = x509.load_der_x509_certificate(env.certificates[0])
    assert "ORGANIZACION TEST" in leaf.subject.rfc4514_string()
    doc = env.document()
    assert "EuropeanDigitalCredential" in doc["type"]
    assert crit_problem(env) is None  # b64, sigT, adoTst: all understood
    assert verify_signature(env.alg, leaf.public_key(), env.signature, env.signing_input)


def test_public_sample_offline_without_lists_is_a_warning_naming_the_organisation():
    sealed = (DATA / "edc" / SAMPLES[0]).read_bytes()
    outcome = verify_jades(sealed, VerifyContext(at=AT))
    checks = _checks(outcome.checks)
    assert checks[PROOF].status == PASS
    assert checks[ISSUER].status == WARN
    assert checks[ISSUER].message == (
        "sealed by ORGANIZACION TEST (certificate valid; qualified status not checked)"
    )
    assert _verdict(outcome.checks) == "warning"
    assert outcome.document is not None
    assert outcome.document["id"] == "urn:credential:1018d05f-21d5-4555-b7f0-8fabfd22ca75"


def test_public_sample_with_a_changed_payload_fails():
    sealed = json.loads((DATA / "edc" / SAMPLES[0]).read_bytes())
    sealed["payload"] = sealed["payload"].replace(
        "urn:credential:1018d05f", "urn:credential:2018d05f"
    )
    outcome = verify_jades(json.dumps(sealed).encode(), VerifyContext(at=AT))
    assert _checks(outcome.checks)[PROOF].status == FAIL
    assert _verdict(outcome.checks) == "failed"


# --- reading the envelope -------------------------------------------------------------------


def test_flattened_and_general_serializations_read_alike(pki):
    doc = edc_document()
    certs = [der(pki.leaf), der(pki.ca)]
    general = parse_jades(seal_jades(doc, pki.leaf_key, certs, signing_time=SIGNED_AT))
    flat = parse_jades(seal_jades(doc, pki.leaf_key, certs, signing_time=SIGNED_AT, flattened=True))
    assert general.payload == flat.payload == doc
    assert general.certificates == flat.certificates == certs
    assert general.signing_time == flat.signing_time == SIGNED_AT


def _sealed(pki: SealPki) -> dict:
    return json.loads(pki.seal(edc_document()))


def _header(sealed: dict) -> dict:
    return json.loads(b64url_decode(sealed["signatures"][0]["protected"]))


def _with_header(sealed: dict, header: dict) -> dict:
    sealed["signatures"][0]["protected"] = b64url_encode(json.dumps(header).encode())
    return sealed


def _malformed(pki: SealPki) -> dict[str, tuple[bytes, str]]:
    """Name -> (bytes, words the refusal must contain)."""
    s = _sealed(pki)
    two = _sealed(pki)
    two["signatures"].append(two["signatures"][0])
    detached = _sealed(pki)
    del detached["payload"]
    h = _header(_sealed(pki))
    bad_x5c = _with_header(_sealed(pki), {**h, "x5c": ["not base64!"]})
    many = _with_header(_sealed(pki), {**h, "x5c": h["x5c"] * 6})
    not_cert = _with_header(_sealed(pki), {**h, "x5c": [base64.b64encode(b"hello").decode()]})
    bad_time = _with_header(_sealed(pki), {**h, "sigT": "yesterday"})
    no_alg = _with_header(_sealed(pki), {k: v for k, v in h.items() if k != "alg"})
    mixed = {**s, "protected": s["signatures"][0]["protected"], "signature": "AA"}
    return {
        "not json": (b"\x00not json", "not JSON"),
        "array": (b"[]", "not a JSON object"),
        "two signatures": (json.dumps(two).encode(), "2 signatures"),
        "detached": (json.dumps(detached).encode(), "detached"),
        "x5c not base64": (json.dumps(bad_x5c).encode(), "certificate 1 in x5c is not base64"),
        "too many certificates": (json.dumps(many).encode(), "x5c lists 12 certificates"),
        "not a certificate": (json.dumps(not_cert).encode(), "not an X.509 certificate"),
        "bad sigT": (json.dumps(bad_time).encode(), "signing time (sigT)"),
        "no alg": (json.dumps(no_alg).encode(), "has no alg"),
        "mixed serializations": (json.dumps(mixed).encode(), "mixes"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "not json", "array", "two signatures", "detached", "x5c not base64",
        "too many certificates", "not a certificate", "bad sigT", "no alg",
        "mixed serializations",
    ],
)  # fmt: skip
def test_malformed_seals_are_refused_in_plain_words(pki, case):
    data, words = _malformed(pki)[case]
    with pytest.raises(FormatError) as err:
        parse_jades(data)
    assert words in str(err.value)
    assert "Traceback" not in str(err.value)


def test_a_malformed_seal_fails_verification_with_a_sentence(pki):
    data, _ = _malformed(pki)["two signatures"]
    outcome = verify_jades(data, VerifyContext(at=AT))
    proof = _checks(outcome.checks)[PROOF]
    assert proof.status == FAIL
    assert proof.message.startswith("the seal cannot be read: malformed JAdES seal:")


# --- the signature --------------------------------------------------------------------------


def test_resealed_sample_verifies_offline_as_a_warning_without_lists(pki):
    outcome = verify_jades(pki.seal(edc_document()), VerifyContext(at=AT))
    checks = _checks(outcome.checks)
    assert checks[PROOF].status == PASS
    assert checks[ISSUER].message == (
        "sealed by Universitas Testensis (certificate valid; qualified status not checked)"
    )
    assert outcome.document == json.loads(edc_document())


def test_tampered_payload_fails(pki):
    sealed = _sealed(pki)
    sealed["payload"] = sealed["payload"].replace('"en":"Generic"', '"en":"Generous"', 1)
    assert sealed["payload"] != edc_document().decode()
    outcome = verify_jades(json.dumps(sealed).encode(), VerifyContext(at=AT))
    proof = _checks(outcome.checks)[PROOF]
    assert proof.status == FAIL
    assert "does not match the sealed credential" in proof.message
    assert _verdict(outcome.checks) == "failed"


def test_a_certificate_for_another_key_fails(pki):
    """The seal names someone else's certificate (same CA) but was signed with another key."""
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    other = pki.leaf_for("Another University", other_key)
    sealed = pki.seal(edc_document(), chain=[other, pki.ca])  # signed by pki.leaf_key
    outcome = verify_jades(sealed, VerifyContext(at=AT))
    assert _checks(outcome.checks)[PROOF].status == FAIL
    assert _verdict(outcome.checks) == "failed"


def test_a_signed_thumbprint_that_does_not_match_the_certificate_fails(pki):
    sealed = _sealed(pki)
    h = _header(sealed)
    h["x5t#S256"] = b64url_encode(b"\x00" * 32)
    outcome = verify_jades(json.dumps(_with_header(sealed, h)).encode(), VerifyContext(at=AT))
    proof = _checks(outcome.checks)[PROOF]
    assert proof.status == FAIL
    assert "thumbprint does not match" in proof.message


def test_a_critical_header_the_wallet_does_not_understand_fails(pki):
    doc = edc_document()
    env = parse_jades(pki.seal(doc))
    header = {**env.protected, "sigD": {"mId": "x"}, "crit": ["b64", "sigT", "sigD"]}
    protected = b64url_encode(json.dumps(header).encode())
    from wallet.proofs.jose import _sign

    sig = _sign("RS256", pki.leaf_key, protected.encode() + b"." + doc)
    sealed = {"payload": doc.decode(), "protected": protected, "signature": b64url_encode(sig)}
    outcome = verify_jades(json.dumps(sealed).encode(), VerifyContext(at=AT))
    proof = _checks(outcome.checks)[PROOF]
    assert proof.status == FAIL
    assert "'sigD' as critical" in proof.message


def test_an_unencoded_payload_not_marked_critical_fails(pki):
    sealed = _sealed(pki)
    h = _header(sealed)
    h["crit"] = ["sigT"]
    outcome = verify_jades(json.dumps(_with_header(sealed, h)).encode(), VerifyContext(at=AT))
    assert "does not mark it critical" in _checks(outcome.checks)[PROOF].message


def test_a_seal_made_after_its_certificate_expired_fails(pki):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    old = pki.leaf_for(
        "Universitas Testensis",
        key,
        start=dt.datetime(2022, 1, 1, tzinfo=dt.UTC),
        end=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
    )
    sealed = pki.seal(edc_document(), key=key, chain=[old, pki.ca])  # sealed 2026-06-01
    outcome = verify_jades(sealed, VerifyContext(at=AT))
    checks = _checks(outcome.checks)
    assert checks[PROOF].status == PASS
    assert checks[ISSUER].status == FAIL
    assert "was not valid when the seal was made" in checks[ISSUER].message
    assert _verdict(outcome.checks) == "failed"
