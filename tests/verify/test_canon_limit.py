"""RDFC-1.0 canonicalization does bounded work: a "poison" graph is refused fast as `unknown`.

The poison: blank nodes that all look alike, each linked to every other by the same property
(a clique). Every blank node then has the same first-degree hash, and RDFC-1.0's Hash N-Degree
Quads tries every ordering of them, recursively: 8 such nodes in a 2.4 KB credential took over
a minute in `verify` and in `check-qr`. RDFC-1.0 (section 4.4.3 and "Dataset Poisoning") asks
implementations to abort such inputs; the wallet limits the Hash N-Degree Quads calls per blank
node. What it cannot check in bounded time is `unknown` ("too complex to check"), never
`failed`: the signature may be genuine. The signer refuses the same inputs.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import time
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from wallet import cli, formats
from wallet.present import qr
from wallet.present.presentation import check_presentation, make_vp
from wallet.proofs import canon, keys, sd_derive, signing
from wallet.proofs.ecdsa_sd import SdError
from wallet.verify.context import VerifyContext
from wallet.verify.dataintegrity import verify_data_integrity
from wallet.verify.verifier import verify_parsed

TOO_COMPLEX = "too complex to check"
AT = dt.datetime(2026, 9, 1, 12, 0, tzinfo=dt.UTC)
CREATED = "2026-08-01T09:00:00Z"
ISSUER = ed25519.Ed25519PrivateKey.from_private_bytes(bytes([77]) * 32)
ISSUER_DID = keys.did_key_from_public_key(ISSUER.public_key())
ISSUER_VM = keys.did_key_verification_method(ISSUER.public_key())
HOLDER = ed25519.Ed25519PrivateKey.from_private_bytes(bytes([78]) * 32)
HOLDER_DID = keys.did_key_from_public_key(HOLDER.public_key())
SD_ISSUER = ec.derive_private_key(0x0C11_9E57, ec.SECP256R1())
SD_VM = keys.did_key_verification_method(SD_ISSUER.public_key())
FAST = 1.0  # seconds of CPU: the refusal must come long before this


def clique_credential(size: int, issuer: str = ISSUER_DID) -> dict[str, Any]:
    """A credential whose subject knows `size` blank nodes that all know each other."""
    people = [
        {"id": f"_:p{i}", "knows": [f"_:p{j}" for j in range(size) if j != i]} for i in range(size)
    ]
    return {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            {"knows": {"@id": "https://schema.org/knows", "@type": "@id"}},
        ],
        "id": "urn:uuid:6e1f5a0c-9d3b-4c7e-8a21-3f4b5c6d7e80",
        "type": ["VerifiableCredential"],
        "issuer": issuer,
        "validFrom": "2026-08-01T00:00:00Z",
        "credentialSubject": {"id": HOLDER_DID, "knows": people},
    }


def _no_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lift the work limit (what the wallet did before it had one)."""
    for limit in ("MAX_DEEP_HASHES_PER_BLANK_NODE", "WORK_PER_BLANK_NODE", "MIN_WORK"):
        monkeypatch.setattr(canon, limit, 10**9, raising=False)


def _sign(doc: dict[str, Any]) -> dict[str, Any]:
    return signing.sign_data_integrity(doc, ISSUER, ISSUER_VM, created=CREATED)


@pytest.fixture(scope="module")
def signed_six() -> dict[str, Any]:
    """A 6-clique credential genuinely signed (with the limit lifted: it takes ~1 s)."""
    with pytest.MonkeyPatch.context() as mp:
        _no_limit(mp)
        return _sign(clique_credential(6))


@pytest.fixture(scope="module")
def poison() -> dict[str, Any]:
    """The 8-clique credential (no signer can finish it), with a well-formed eddsa proof."""
    doc = clique_credential(8)
    proof = _sign({**clique_credential(2), "id": "urn:example:other"})["proof"]
    return {**doc, "proof": proof}


def _statuses(outcome: Any) -> dict[str, str]:
    return {c.id: c.status for c in outcome.checks}


def _message(checks: Any, check_id: str) -> str:
    return next(c.message for c in checks if c.id == check_id)


def test_the_poison_credential_is_small() -> None:
    assert len(json.dumps(clique_credential(8)).encode()) < 2500


def test_a_genuinely_signed_poison_is_unknown_not_failed(signed_six, monkeypatch) -> None:
    outcome = verify_data_integrity(signed_six, VerifyContext(at=AT))
    assert _statuses(outcome)["proof"] == "unknown", _message(outcome.checks, "proof")
    assert TOO_COMPLEX in _message(outcome.checks, "proof")
    # ... and the signature is genuine: without the limit (and a minute to spare) it verifies
    _no_limit(monkeypatch)
    assert _statuses(verify_data_integrity(signed_six, VerifyContext(at=AT)))["proof"] == "pass"


def test_verifying_the_poison_credential_ends_in_under_a_second_as_unknown(poison) -> None:
    parsed = formats.parse(json.dumps(poison).encode())
    start = time.process_time()
    report = verify_parsed(parsed, VerifyContext(at=AT), "poison.json")
    took = time.process_time() - start
    assert took < FAST, f"verify took {took:.1f} s of CPU"
    assert report.verdict == "unknown"
    proof = _message(report.checks, "proof")
    assert TOO_COMPLEX in proof and "blank nodes" in proof


def test_cli_verify_of_the_poison_file_says_unknown(poison, tmp_path: Path) -> None:
    path = tmp_path / "poison.json"
    path.write_text(json.dumps(poison), encoding="utf-8")
    out = io.StringIO()
    code = cli.main(["verify", str(path), "--json", "--at", "2026-09-01T12:00:00Z"], out=out)
    report = json.loads(out.getvalue())
    assert code == 1 and report["verdict"] == "unknown"
    assert TOO_COMPLEX in _message_json(report["checks"], "proof")


def _message_json(checks: list[dict[str, Any]], check_id: str) -> str:
    return next(c["message"] for c in checks if c["id"] == check_id)


def _poison_presentation(poison: dict[str, Any]) -> dict[str, Any]:
    """A holder-signed presentation whose credential was then swapped for the poison (the
    holder's own signature cannot cover it: no signer can canonicalize the poison)."""
    harmless = _sign({**clique_credential(1), "id": "urn:example:harmless"})
    vp = make_vp(
        [harmless],
        HOLDER,
        HOLDER_DID,
        challenge="job-8",
        domain=None,
        now=AT - dt.timedelta(minutes=1),
    )
    vp["verifiableCredential"] = [copy.deepcopy(poison)]
    return vp


def test_a_poison_qr_code_ends_in_under_a_second_as_unknown(poison) -> None:
    texts = qr.encode(_poison_presentation(poison))
    assert len(texts) == 1  # one QR code is enough to carry it
    start = time.process_time()
    report, verdict = check_presentation(qr.decode(texts), VerifyContext(at=AT), challenge="job-8")
    took = time.process_time() - start
    assert took < FAST, f"check-qr took {took:.1f} s of CPU"
    assert verdict == "unknown"
    assert TOO_COMPLEX in _message(report.checks, "proof")  # the holder's signature
    assert TOO_COMPLEX in _message(report.nested[0].checks, "proof")  # the credential's


def test_cli_check_qr_of_a_poison_code_says_unknown(poison, tmp_path: Path) -> None:
    (text,) = qr.encode(_poison_presentation(poison))
    image = tmp_path / "poison.png"
    qr.make_qr_png(text, image)
    out = io.StringIO()
    code = cli.main(["check-qr", str(image), "--challenge", "job-8", "--json"], out=out)
    assert code == 1 and json.loads(out.getvalue())["verdict"] == "unknown"


def test_the_signer_refuses_the_poison_fast() -> None:
    start = time.process_time()
    with pytest.raises(signing.SigningError, match=TOO_COMPLEX):
        _sign(clique_credential(8))
    assert time.process_time() - start < FAST


def test_the_selective_disclosure_signer_refuses_the_poison_too() -> None:
    with pytest.raises(SdError, match=TOO_COMPLEX):
        sd_derive.sign_sd_base(clique_credential(8), SD_ISSUER, SD_VM, ["/issuer"], created=CREATED)


def test_a_poison_ecdsa_sd_credential_is_unknown_not_failed(monkeypatch) -> None:
    issuer = keys.did_key_from_public_key(SD_ISSUER.public_key())
    with monkeypatch.context() as mp:
        _no_limit(mp)
        base = sd_derive.sign_sd_base(
            clique_credential(6, issuer), SD_ISSUER, SD_VM, ["/issuer"], created=CREATED
        )
    outcome = verify_data_integrity(base, VerifyContext(at=AT))
    assert _statuses(outcome)["proof"] == "unknown"
    assert TOO_COMPLEX in _message(outcome.checks, "proof")


def test_many_look_alike_blank_nodes_that_are_no_poison_still_verify() -> None:
    # 300 identical evidence entries: each is settled by one Hash N-Degree Quads call, so the
    # limit (per blank node) never counts them against a real credential
    doc = clique_credential(0)
    doc["credentialSubject"]["knows"] = [{"name": "attended"} for _ in range(300)]
    doc["@context"][1]["name"] = "https://schema.org/name"
    outcome = verify_data_integrity(_sign(doc), VerifyContext(at=AT))
    assert _statuses(outcome)["proof"] == "pass", _message(outcome.checks, "proof")


def test_two_identical_parts_with_identical_children_still_verify() -> None:
    # symmetric but honest data: two identical results, each with three identical alignments
    # with two identical notes each (18 Hash N-Degree Quads calls for one blank node)
    doc = clique_credential(0)
    alignment = {"name": "alignment", "knows": [{"name": "note"} for _ in range(2)]}
    part = {"name": "result", "knows": [copy.deepcopy(alignment) for _ in range(3)]}
    doc["credentialSubject"]["knows"] = [copy.deepcopy(part), copy.deepcopy(part)]
    doc["@context"][1]["name"] = "https://schema.org/name"
    doc["@context"][1]["knows"] = {"@id": "https://schema.org/knows"}
    outcome = verify_data_integrity(_sign(doc), VerifyContext(at=AT))
    assert _statuses(outcome)["proof"] == "pass", _message(outcome.checks, "proof")


# --- many values in one property (pyld's node map checks each new value against all before) ---
#
# Before the RDF dataset is canonicalized, pyld turns the expanded document into a node map and,
# for every value it adds to a property, compares it with every value that property already
# has: 5,000 texts in one array took 6.6 s, 20,000 empty objects (88 KB) 82 s, and parts with
# the same id are merged into one, so splitting the array does not help. The wallet counts that
# work (and all values of a document) before pyld starts, and refuses what is too much.


def _grown(values: Any, term: str = "knows") -> dict[str, Any]:
    """A credential genuinely signed while small, with `values` put in one property after
    signing: no signer takes the grown one, and the wallet cannot tell whether the signature
    covers it without the work it refuses, so the answer is unknown, not failed."""
    doc = clique_credential(0)
    doc["@context"][1]["name"] = "https://schema.org/name"
    signed = _sign(doc)
    signed["credentialSubject"][term] = values
    return signed


GROWN = {
    "20,000 empty parts": lambda: _grown([{} for _ in range(20_000)]),
    "5,000 texts": lambda: _grown([f"note {i}" for i in range(5_000)], "name"),
    "5,000 types": lambda: _grown([f"urn:example:type:{i}" for i in range(5_000)], "type"),
    # one part (the same id) written in 200 pieces of 25 values: pyld merges them into one
    "one part in 200 pieces": lambda: _grown(
        [
            {"id": "urn:example:part", "name": [f"note {i}.{j}" for j in range(25)]}
            for i in range(200)
        ]
    ),
}


@pytest.mark.parametrize("name", list(GROWN))
def test_many_values_in_one_property_are_unknown_in_under_a_second(name: str) -> None:
    parsed = formats.parse(json.dumps(GROWN[name]()).encode())
    start = time.process_time()
    report = verify_parsed(parsed, VerifyContext(at=AT), "grown.json")
    took = time.process_time() - start
    assert took < FAST, f"verify took {took:.1f} s of CPU"
    assert report.verdict == "unknown", [c.to_json() for c in report.checks]
    assert TOO_COMPLEX in _message(report.checks, "proof")


def test_a_qr_code_with_20000_empty_parts_ends_in_under_a_second_as_unknown() -> None:
    texts = qr.encode(_poison_presentation(GROWN["20,000 empty parts"]()))
    assert len(texts) == 1  # 88 KB of "{}" compress into one code
    start = time.process_time()
    report, verdict = check_presentation(qr.decode(texts), VerifyContext(at=AT), challenge="job-8")
    took = time.process_time() - start
    assert took < FAST, f"check-qr took {took:.1f} s of CPU"
    assert verdict == "unknown"
    assert TOO_COMPLEX in _message(report.nested[0].checks, "proof")


def test_the_signers_refuse_many_values_in_one_property_fast() -> None:
    doc = clique_credential(0, keys.did_key_from_public_key(SD_ISSUER.public_key()))
    doc["@context"][1]["name"] = "https://schema.org/name"
    doc["credentialSubject"]["name"] = [f"note {i}" for i in range(5_000)]
    start = time.process_time()
    with pytest.raises(signing.SigningError, match=TOO_COMPLEX):
        _sign(doc)
    with pytest.raises(SdError, match=TOO_COMPLEX):
        sd_derive.sign_sd_base(doc, SD_ISSUER, SD_VM, ["/issuer"], created=CREATED)
    assert time.process_time() - start < 2 * FAST


def test_an_ecdsa_sd_credential_grown_after_signing_is_unknown_in_under_a_second() -> None:
    doc = clique_credential(0, keys.did_key_from_public_key(SD_ISSUER.public_key()))
    base = sd_derive.sign_sd_base(doc, SD_ISSUER, SD_VM, ["/issuer"], created=CREATED)
    base["credentialSubject"]["knows"] = [{} for _ in range(20_000)]
    start = time.process_time()
    outcome = verify_data_integrity(base, VerifyContext(at=AT))
    assert time.process_time() - start < FAST
    assert _statuses(outcome)["proof"] == "unknown", _message(outcome.checks, "proof")
    assert TOO_COMPLEX in _message(outcome.checks, "proof")


def test_hundreds_of_values_in_one_property_still_sign_and_verify() -> None:
    doc = clique_credential(0)
    doc["@context"][1]["name"] = "https://schema.org/name"
    doc["credentialSubject"]["name"] = [f"course {i}" for i in range(500)]
    outcome = verify_data_integrity(_sign(doc), VerifyContext(at=AT))
    assert _statuses(outcome)["proof"] == "pass", _message(outcome.checks, "proof")
