"""Blockcerts certificates are signed (a Merkle proof anchored in a blockchain), just not in a
way the wallet checks: `unknown` ("Blockcerts proofs are not supported yet"), never `failed`
and never "unsigned, so anyone could have written it".

The samples are the Blockcerts project's own test fixtures, from
github.com/blockchain-certificates/cert-verifier-js, test/fixtures/:
- v3 (W3C VC, `MerkleProof2019`): v3/testnet-v3-did.json, as published;
- v3.1 (chained proof, `ChainedProof2021` over `MerkleProof2019`): v3/mocknet-v3-valid.json,
  with its long HTML `display.content` shortened;
- v2 (Open Badges 2.0 extension, `MerkleProof2017` signature, `MerkleProofVerification2017`
  verification): v2/mocknet-valid-2.0.json, with its base64 images shortened and its
  signature-line image dropped.
Shortening changes nothing the wallet judges here: it checks no Merkle proof.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from wallet import formats
from wallet.credential import HOSTED, OB2, UNSIGNED, VC
from wallet.export.portfolio import PortfolioItem, facts
from wallet.importer import import_text
from wallet.store import WalletStore
from wallet.verify.context import VerifyContext
from wallet.verify.verifier import context_for_store, verify_parsed, verify_stored

AT = dt.datetime(2026, 5, 1, 12, 0, tzinfo=dt.UTC)
NOT_SUPPORTED = "Blockcerts proofs are not supported yet"
TINY_PNG = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42m"
    "NkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)

V3 = {
    "@context": [
        "https://www.w3.org/2018/credentials/v1",
        {"Blockcerts": {"@id": "bc:Blockcerts", "@type": "@id"}},
        "https://w3id.org/blockcerts/v3",
    ],
    "id": "urn:uuid:13172c8c-efa5-49e1-9f69-a67ba6bd9937",
    "type": ["VerifiableCredential", "BlockcertsCredential"],
    "issuer": {
        "id": "did:ion:EiA_Z6LQILbB2zj_eVrqfQ2xDm4HNqeJUw5Kj2Z7bFOOeQ",
        "name": "Hyland Innovation Team",
        "url": "https://www.hyland.com",
        "description": "",
        "image": "",
        "email": "julien.fraichot@hyland.com",
    },
    "issuanceDate": "2022-02-02T15:00:00Z",
    "credentialSubject": {
        "name": "Julien Fraichot",
        "claim": {
            "type": "Blockcerts",
            "id": "urn:uuid:41015b98-fc99-447c-b211-ef6782147fb3",
            "name": "V3 issuance",
            "description": "A v3 working example for test purposes",
            "criteria": "it has been issued",
        },
    },
    "metadata": '{"classOf":"2022"}',
    "display": {"contentMediaType": "text/html", "content": "<div>Hello World</div>"},
    "proof": {
        "type": "MerkleProof2019",
        "created": "2022-04-05T13:43:10.870521",
        "proofValue": (
            "z4zvrPUULnHmaio37FZuwYZDyU39wMYujJCMeypmxMWhh2XoCSMSVoeVRBKeEKUVnqccnmgggyPYLx2xubmv"
            "DCP2HWMCcTCLrcpBHJMEzUiwQrixSFStZbxQq9yPVNoYysMcxinfxZTpmH1j5mmGsC2fUP1LEMruXA1fKgu"
            "pM3Ea97PzUGjgDgSfZqJNKjmFMJYL5tC1R7XoRqYvpKg3NhMrFY9YtyuERDW9do92EPeSw17j5xUZLpj6u"
            "GieJVrf5ps4AScoB4tXXTm4eFi4ZkQbbbvkRmPK9bZsyKKxGQ2Bq5cfwPbvPHiaGLSHEBrAYh75so7Lwoi"
            "Ki1VCw7NdsybWmMUf1E547PZhbqTB5hXJD5VBYN6hpoGzc18L6boKN1oveFaHAoFrQsEjmBJ"
        ),
        "proofPurpose": "assertionMethod",
        "verificationMethod": "did:ion:EiA_Z6LQILbB2zj_eVrqfQ2xDm4HNqeJUw5Kj2Z7bFOOeQ#key-1",
    },
}

_HYLAND = "https://issuer.dev.hylandcredentials.com"
_FIRST_PROOF = {
    "type": "EcdsaSecp256k1Signature2019",
    "created": "2022-11-03T17:12:32Z",
    "verificationMethod": f"{_HYLAND}/93d02af5-8683-452a-a79c-959deae72495/issuer_profile.json"
    "#ckKpEaMGujwETK7Zpp8Rw6w9gTjmSbR5pZomLdxStq6j",
    "proofPurpose": "assertionMethod",
    "jws": "eyJhbGciOiJFUzI1NksiLCJiNjQiOmZhbHNlLCJjcml0IjpbImI2NCJdfQ..d3Eh5cX2WyoW8dYR8eiD7iCnA"
    "KdqAntLgA_sdrC3Op9wCdw7toC3USbf5YdEDJnFXivnWX05cSJxE0atzLYItw",
}
V3_CHAINED = {
    "@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/blockcerts/v3.1"],
    "id": "urn:uuid:e3351aa6-61e2-4d13-bd96-e848aa0c75cd",
    "type": ["VerifiableCredential", "BlockcertsCredential"],
    "issuer": f"{_HYLAND}/93d02af5-8683-452a-a79c-959deae72495/issuer_profile.json",
    "issuanceDate": "2022-11-03T17:08:34Z",
    "credentialSubject": {
        "type": "email",
        "name": "Piotr Nalewajka",
        "publicKey": "piotr.nalewajka@gmail.com",
        "id": "urn:uuid:7d3d512e-ba58-4d7c-886e-acb5f4ee20d9",
        "email": "piotr.nalewajka@gmail.com",
    },
    "metadata": "{}",
    "display": {
        "contentMediaType": "text/html",
        "content": "<div>This is a me, Piotr Nalewajka</div>",
    },
    "proof": [
        _FIRST_PROOF,
        {
            "type": "ChainedProof2021",
            "verificationMethod": f"{_HYLAND}/61e6c3fc-5779-4a6d-b05f-fdd10fdac5f0/"
            "issuer_profile.json#mocknet-public-key",
            "chainedProofType": "MerkleProof2019",
            "created": "2022-11-17T16:27:56.143Z",
            "proofPurpose": "assertionMethod",
            "proofValue": (
                "z3dYLXPQYDmAax7YA9ssTFUDKYLLSeSAvSETSrLPX5tAyVckkr2X8X3sgf5XF78Kqz8g5x9NJjXa9yd2"
                "fwey5kLoYuHpM7ZZZArfaWAeHDZAS9P28hc8yWffiAJi22voGj4G8S1zTeJgk96P6oHgkmSnKCRzuSxc"
                "MSv7UcpxMYBWNK5jHgjWCJJReckUtZhESVJuzpj7X1VGJJFg2evv7AukeezaSXiB4JWiMh5u2oYt3vRf"
                "5ruxjbjDm3BaF9ptyTxBwNGWnJDG4tBM"
            ),
            "previousProof": _FIRST_PROOF,
        },
    ],
}

V2 = {
    "id": "urn:uuid:bbba8553-8ec1-445f-82c9-a57251dd731c",
    "recipient": {"hashed": False, "type": "email", "identity": "eularia@landroth.org"},
    "verification": {
        "publicKey": "ecdsa-koblitz-pubkey:msBCHdwaQ7N2ypBYupkp6uNxtr9Pg76imj",
        "type": ["MerkleProofVerification2017", "Extension"],
    },
    "recipientProfile": {
        "publicKey": "ecdsa-koblitz-pubkey:mtr98kany9G1XYNU74pRnfBQmaCg2FZLmc",
        "type": ["RecipientProfile", "Extension"],
        "name": "Eularia Landroth",
    },
    "signature": {
        "targetHash": "637ec732fa4b7b56f4c15a6a12680519a17a9e9eade09f5b424a48eb0e6f5ad0",
        "merkleRoot": "7055384e03b0cc185524a09ff07e8fe42f3aa604d93cccfdff7997b1b0666f14",
        "anchors": [
            {
                "type": "Mock",
                "chain": "mockchain",
                "sourceId": "This has not been issued on a blockchain and is for testing only",
            }
        ],
        "type": ["MerkleProof2017", "Extension"],
        "proof": [{"right": "8a3edd46d3d48bf293229a47ed932b6ff29bb9a53afecbe8c606b18bbee690f1"}],
    },
    "type": "Assertion",
    "badge": {
        "issuer": {
            "id": "https://www.blockcerts.org/samples/2.0/issuer-testnet.json",
            "url": "https://www.issuer.org",
            "email": "contact@issuer.org",
            "name": "University of Learning",
            "revocationList": "https://www.blockcerts.org/samples/2.0/revocation-list-testnet.json",
            "type": "Profile",
            "image": TINY_PNG,
        },
        "image": TINY_PNG,
        "id": "urn:uuid:82a4c9f2-3588-457b-80ea-da695571b8fc",
        "description": "Lorem ipsum dolor sit amet, mei docendi concludaturque ad, cu nec partem "
        "graece.",
        "name": "Certificate of Accomplishment",
        "type": "BadgeClass",
        "criteria": {"narrative": "Nibh iriure ei nam, modo ridens neglegentur mel eu."},
    },
    "issuedOn": "2017-06-29T14:58:57.461422+00:00",
    "@context": ["https://w3id.org/openbadges/v2", "https://w3id.org/blockcerts/v2"],
}

SAMPLES = {"v3": V3, "v3.1-chained": V3_CHAINED, "v2": V2}


def _report(doc: dict[str, Any]):
    parsed = formats.parse(json.dumps(doc).encode("utf-8"), name="certificate.json")
    return parsed, verify_parsed(parsed, VerifyContext(at=AT), "certificate.json")


def _proof(report) -> Any:
    return next(c for c in report.checks if c.id == "proof")


@pytest.mark.parametrize("name", list(SAMPLES))
def test_a_blockcerts_certificate_is_unknown_because_not_supported(name: str) -> None:
    _parsed, report = _report(SAMPLES[name])
    proof = _proof(report)
    assert proof.status == "unknown", proof.message
    assert NOT_SUPPORTED in proof.message
    assert "unsigned" not in proof.message and "anyone could" not in proof.message
    assert report.verdict == "unknown"
    assert all(c.status != "fail" for c in report.checks), [c.to_json() for c in report.checks]


@pytest.mark.parametrize(
    ("name", "kind", "title"),
    [
        ("v3", VC, "Blockcerts Credential"),  # no name of its own: named after its type
        ("v2", OB2, "Certificate of Accomplishment"),
    ],
)
def test_a_blockcerts_certificate_is_read_as_a_credential(name: str, kind: str, title: str) -> None:
    parsed, _report_ = _report(SAMPLES[name])
    assert parsed.credential.format == kind
    assert parsed.credential.title == title
    if kind == OB2:
        assert parsed.credential.issuer.name == "University of Learning"
    else:
        assert parsed.credential.issuer.name == "Hyland Innovation Team"
        assert parsed.credential.issued == "2022-02-02T15:00:00Z"


def test_importing_a_blockcerts_certificate_then_checking_it_says_not_supported(
    tmp_path: Path,
) -> None:
    with WalletStore.create(tmp_path / "w.lwallet", "correct horse") as store:
        results = [
            import_text(store, json.dumps(doc), f"{name}.json") for name, doc in SAMPLES.items()
        ]
        assert all(r.status == "imported" for r in results), [r.message for r in results]
        for r in results:
            report = verify_stored(store, r.id, context_for_store(store, at=AT))
            assert report.verdict == "unknown"
            assert NOT_SUPPORTED in _proof(report).message


def test_an_unknown_proof_type_that_is_not_blockcerts_keeps_its_own_message() -> None:
    doc = {**V3, "proof": {**V3["proof"], "type": "RsaSignature2018"}}
    proof = _proof(_report(doc)[1])
    assert proof.status == "unknown"
    assert "RsaSignature2018" in proof.message and "Blockcerts" not in proof.message


def test_an_open_badge_without_any_proof_is_still_judged_unsigned() -> None:
    doc = {k: v for k, v in V2.items() if k not in ("signature", "verification")}
    doc["verification"] = {"type": "SignedBadge"}  # claims to be signed, carries nothing
    proof = _proof(_report(doc)[1])
    assert proof.status == "fail" and "unsigned" in proof.message


# --- how a Blockcerts v2 certificate is labelled (it is signed, only not checked) -----------


def test_a_blockcerts_v2_certificate_is_recorded_as_blockcerts_not_unsigned() -> None:
    parsed, _report_ = _report(V2)
    assert parsed.credential.proof_form == "blockcerts"
    assert parsed.credential.proof_form != UNSIGNED
    # an Open Badge with no signature block stays unsigned
    bare = {k: v for k, v in V2.items() if k not in ("signature", "verification")}
    assert _report(bare)[0].credential.proof_form == HOSTED


def test_the_portfolio_does_not_call_a_blockcerts_v2_certificate_unsigned() -> None:
    parsed, report = _report(V2)
    item = PortfolioItem(
        id="c1",
        credential=parsed.credential,
        payload=parsed.payload,
        original=parsed.payload,
        media_type="application/json",
        kind="badge",
        verdict=report.verdict,
    )
    form = {str(label): str(text) for label, text in facts(item)}["Format"]
    assert "unsigned" not in form.lower() and "Blockcerts" in form, form


def test_the_detail_view_does_not_say_not_signed_for_a_blockcerts_v2_certificate(qtbot) -> None:
    from wallet.ui.detail_view import DetailView

    view = DetailView()
    qtbot.addWidget(view)
    view.show_credential(_report(V2)[0].credential)
    label = view.value_text("proof")
    assert "Not signed" not in label and "Blockcerts" in label, label
