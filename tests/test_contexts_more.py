"""Credentials that need the contexts shipped for issue 18 now expand offline.

Why: the wallet never fetches a JSON-LD context, so a credential naming a context it does not
ship can only be "unknown". DCC credentials (w3id.org/dcc/v1), JFF plugfest badges, the
credentials-examples-v1 credentials (which import ODRL), examples/v2, Blockcerts, European
Digital Credentials and the older signature suites were all in that state. Every test here runs
with the network refused and the wallet's own loader (nothing added to it).
"""

from __future__ import annotations

import datetime as dt
import json
import socket
from typing import Any

import pytest
from pyld import jsonld

from wallet.proofs import contexts
from wallet.verify.context import VerifyContext
from wallet.verify.dataintegrity import verify_data_integrity

NEW_URLS = [
    "https://w3id.org/security/suites/ed25519-2018/v1",
    "https://w3id.org/security/suites/secp256k1-2019/v1",
    "https://ns.did.ai/suites/secp256k1-2019/v1",
    "https://w3id.org/openbadges/v2",
    "https://openbadgespec.org/v2/context.json",
    "https://w3id.org/blockcerts/schema/2.0-alpha/context.json",
    "https://w3id.org/blockcerts/v2",
    "https://w3id.org/blockcerts/v2.1",
    "https://w3id.org/blockcerts/v3.0-beta",
    "https://w3id.org/blockcerts/v3",
    "https://w3id.org/blockcerts/v3.1",
    "https://w3id.org/blockcerts/v3.2",
    "https://www.blockcerts.org/schema/3.2/context.json",
    "https://w3id.org/security/suites/merkle-2019/v1",
    "https://w3id.org/security/suites/chained-2021/v1",
    "https://www.w3.org/ns/odrl.jsonld",
    "https://w3id.org/dcc/v1",
    "https://www.w3.org/ns/credentials/examples/v2",
    "https://w3c-ccg.github.io/vc-ed/plugfest-1-2022/jff-vc-edu-plugfest-1-context.json",
    "http://data.europa.eu/snb/model/context/edc-ap",
]

# Public sample: digitalcredentials/vc-test-fixtures @ 0440d64c3af3c29e6caacac878c7eaf55cf7576f,
# verifiableCredentials/v1/dataIntegrityProof/didKey/
# legacyRegistry-noStatus-noExpiry-oldDCCExample.json
DCC_CREDENTIAL: dict[str, Any] = {
    "@context": [
        "https://www.w3.org/2018/credentials/v1",
        "https://w3id.org/security/suites/ed25519-2020/v1",
        "https://w3id.org/dcc/v1",
        "https://w3id.org/security/data-integrity/v2",
    ],
    "id": "urn:uuid:09u09audf0sudf",
    "type": ["VerifiableCredential"],
    "issuer": {
        "name": "Your friendly issuer.",
        "id": "did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q",
    },
    "issuanceDate": "2021-09-06T00:00:00.000Z",
    "credentialSubject": {"name": "Ya Ya Na", "hasCredential": {"name": "GT Guide"}},
    "proof": {
        "type": "DataIntegrityProof",
        "created": "2025-12-08T15:05:02Z",
        "verificationMethod": "did:key:z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q"
        "#z6MknNQD1WHLGGraFi6zcbGevuAgkVfdyCdtZnQTGWVVvR5Q",
        "cryptosuite": "eddsa-rdfc-2022",
        "proofPurpose": "assertionMethod",
        "proofValue": "z5r4R4D9yDXfcoFpkpYn7viHLUZUC3cXRB15d3chM7D6ZeD528PHipkPnNqUSek4Lf"
        "wWtnFrBi96UjzfP11S3pPSi",
    },
}

# Public sample: w3c-ccg/vc-ed @ 57246dc1e16474a685a41204f601e2516e36973a,
# plugfest-1-2022/plugfest-1-ex-1.json (the JFF x VC-EDU plugfest 1 badge)
JFF_PLUGFEST_1_BADGE: dict[str, Any] = {
    "@context": [
        "https://www.w3.org/2018/credentials/v1",
        "https://w3c-ccg.github.io/vc-ed/plugfest-1-2022/jff-vc-edu-plugfest-1-context.json",
    ],
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": {
        "type": "Profile",
        "id": "did:key:z6MkrHKzgsahxBLyNAbLQyB1pcWNYC9GmywiWPgkrvntAZcj",
        "name": "Jobs for the Future (JFF)",
    },
    "issuanceDate": "2022-05-01T00:00:00Z",
    "credentialSubject": {
        "type": "AchievementSubject",
        "id": "did:key:123",
        "achievement": {
            "type": "Achievement",
            "name": "Our Wallet Passed JFF Plugfest #1 2022",
            "description": "This wallet can display this Open Badge 3.0",
            "criteria": {
                "type": "Criteria",
                "narrative": "The first cohort of the JFF Plugfest 1 in May/June of 2021 "
                "collaborated to push interoperability of VCs in education forward.",
            },
            "image": "https://w3c-ccg.github.io/vc-ed/plugfest-1-2022/images/plugfest-1-badge-image.png",
        },
    },
    "proof": {
        "type": "Ed25519Signature2018",
        "created": "2022-05-27T15:08:03Z",
        "verificationMethod": "did:key:z6MkrHKzgsahxBLyNAbLQyB1pcWNYC9GmywiWPgkrvntAZcj"
        "#z6MkrHKzgsahxBLyNAbLQyB1pcWNYC9GmywiWPgkrvntAZcj",
        "proofPurpose": "assertionMethod",
        "jws": "eyJhbGciOiJFZERTQSIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19..-1WePLNRNxXq2wOJeLOs"
        "xf7kXQqQfQovWYqF6TZATp0CWnn1LL5ABWmsY_EcwtWXfh5KywsuTW_b0re2Y3epDQ",
    },
}

# Public sample, abridged: blockchain-certificates/cert-verifier-js
# @ 21de5589cd9b6092ba2f3191731543b0576a9e9d, test/fixtures/v3/proof-chain-example-secp256k1.json
# (its first proof, the email, the display HTML and the signature values are cut short or left
# out: nothing here is checked cryptographically, only what the terms mean)
BLOCKCERTS_V3_1: dict[str, Any] = {
    "@context": [
        "https://www.w3.org/2018/credentials/v1",
        "https://w3id.org/security/suites/merkle-2019/v1",
        "https://w3id.org/security/suites/chained-2021/v1",
        "https://w3id.org/blockcerts/v3.1",
    ],
    "id": "urn:uuid:bbba8553-8ec1-445f-82c9-a57251dd731c",
    "type": ["VerifiableCredential", "BlockcertsCredential"],
    "issuer": "did:key:zQ3shQHqLdkCacGpenXzbXZLqBbDeKfxgbxJgDSi1hoajzzg8",
    "issuanceDate": "2022-07-13T20:21:40.088Z",
    "credentialSubject": {
        "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
        "name": "Julien Fraichot",
        "publicKey": "ecdsa-koblitz-pubkey:1BPQXndcz5Uf3qZQkgnvJC87LUD5n7a2mC",
        "claim": {"name": "Master of Puppets", "description": "Awarded to those who rock"},
    },
    "metadata": '{"classOf":"2021"}',
    "display": {"contentMediaType": "text/html", "content": "<div>Yo</div>"},
    "proof": {
        "type": "ChainedProof2021",
        "verificationMethod": "did:ion:EiA_Z6LQILbB2zj_eVrqfQ2xDm4HNqeJUw5Kj2Z7bFOOeQ#key-1",
        "chainedProofType": "MerkleProof2019",
        "created": "2022-07-15T11:03:28.746594",
        "proofPurpose": "assertionMethod",
        "proofValue": "z2LuLBVSfogU8YhUZmk1PJgb5VCu3JqxdDPn7tbkWi2EzAJcvi3i5vpXKJBVWASyJh",
        "previousProof": {
            "type": "EcdsaSecp256k1Signature2019",
            "created": "2022-07-13T20:21:40.114Z",
            "verificationMethod": "did:key:zQ3shQHqLdkCacGpenXzbXZLqBbDeKfxgbxJgDSi1hoajzzg8"
            "#zQ3shQHqLdkCacGpenXzbXZLqBbDeKfxgbxJgDSi1hoajzzg8",
            "proofPurpose": "assertionMethod",
        },
    },
}


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to open a connection fails the test: contexts come only from the bundle."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network used: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def nquads(document: dict[str, Any]) -> str:
    """URDNA2015 n-quads with the wallet's loader, in safe mode (an undefined term is an error)."""
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": contexts.document_loader(),
        "safe": True,
    }
    result: str = jsonld.normalize(document, options)
    return result


@pytest.mark.parametrize("url", NEW_URLS)
def test_the_wallet_serves_each_newly_shipped_context(url: str) -> None:
    remote = contexts.document_loader()(url, {})
    assert remote["documentUrl"] == url
    assert "@context" in remote["document"]


def test_a_dcc_v1_credential_verifies_offline() -> None:
    outcome = verify_data_integrity(
        json.loads(json.dumps(DCC_CREDENTIAL)),
        VerifyContext(at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC)),
    )
    statuses = {c.id: c.status for c in outcome.checks}
    assert statuses["proof"] == "pass", [c.message for c in outcome.checks]
    assert statuses["context"] == "pass"


def test_a_jff_plugfest_1_badge_expands_to_the_plugfest_vocabulary() -> None:
    quads = nquads(JFF_PLUGFEST_1_BADGE)
    ob = "https://imsglobal.github.io/openbadges-specification/ob_v3p0.html"
    assert f"<{ob}#Achievement>" in quads
    assert f'<{ob}#narrative> "The first cohort' in quads
    assert "<https://w3id.org/security#Ed25519Signature2018>" in quads


def test_terms_of_use_of_an_examples_v1_credential_expand_through_odrl() -> None:
    # the Terms of Use example of the VC Data Model 1.1 (section 5.7)
    credential = {
        "@context": [
            "https://www.w3.org/2018/credentials/v1",
            "https://www.w3.org/2018/credentials/examples/v1",
        ],
        "id": "http://example.edu/credentials/3732",
        "type": ["VerifiableCredential", "UniversityDegreeCredential"],
        "issuer": "https://example.edu/issuers/14",
        "issuanceDate": "2010-01-01T19:23:24Z",
        "credentialSubject": {
            "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
            "degree": {"type": "BachelorDegree", "name": "Bachelor of Science and Arts"},
        },
        "termsOfUse": [
            {
                "type": "IssuerPolicy",
                "id": "http://example.com/policies/credential/4",
                "profile": "http://example.com/profiles/credential",
                "prohibition": [
                    {
                        "assigner": "https://example.edu/issuers/14",
                        "assignee": "AllVerifiers",
                        "target": "http://example.edu/credentials/3732",
                        "action": ["Archival"],
                    }
                ],
            }
        ],
    }
    quads = nquads(credential)
    for term in ("prohibition", "assigner", "assignee", "target", "action"):
        assert f"<http://www.w3.org/ns/odrl/2/{term}>" in quads, term


def test_an_examples_v2_credential_uses_the_examples_vocabulary() -> None:
    credential = {
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://www.w3.org/ns/credentials/examples/v2",
        ],
        "id": "http://university.example/credentials/3732",
        "type": ["VerifiableCredential", "ExampleDegreeCredential"],
        "issuer": "https://university.example/issuers/565049",
        "validFrom": "2010-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "did:example:ebfeb1f712ebc6f1c276e12ec21",
            "degree": {"type": "ExampleBachelorDegree", "name": "Bachelor of Science and Arts"},
        },
    }
    quads = nquads(credential)
    assert "<https://www.w3.org/ns/credentials/examples#ExampleDegreeCredential>" in quads
    assert "issuer-dependent" not in quads


def test_a_blockcerts_v3_1_certificate_with_a_chained_merkle_proof_expands() -> None:
    quads = nquads(BLOCKCERTS_V3_1)
    assert "<https://w3id.org/blockcerts#BlockcertsCredential>" in quads
    assert "<https://w3id.org/security#ChainedProof2021>" in quads
    assert "<https://w3id.org/security#previousProof>" in quads
    assert "<https://w3id.org/security#EcdsaSecp256k1Signature2019>" in quads


def test_a_blockcerts_v2_certificate_expands_with_open_badges_2() -> None:
    # the shape of the Blockcerts v2 test certificates (OB 2.0 first, then Blockcerts v2)
    certificate = {
        "@context": ["https://w3id.org/openbadges/v2", "https://w3id.org/blockcerts/v2"],
        "type": "Assertion",
        "id": "urn:uuid:3bc1a96a-3501-46ed-8f75-49612bbac257",
        "issuedOn": "2017-06-29T14:58:57.461422+00:00",
        "recipient": {"type": "email", "identity": "eularia@landroth.org", "hashed": False},
        "badge": {
            "type": "BadgeClass",
            "id": "urn:uuid:82a4c9f2-3588-457b-80ea-da695571b8fc",
            "name": "Certificate of Accomplishment",
            "issuer": {"type": "Profile", "id": "https://www.blockcerts.org/issuer.json"},
        },
        "verification": {"type": ["MerkleProofVerification2017", "Extension"]},
        "signature": {
            "type": ["MerkleProof2017", "Extension"],
            "merkleRoot": "68f3ede17fdb67ffd4a5164b5687a71f9fbb68da803b803935720f2aa38f7728",
        },
    }
    quads = nquads(certificate)
    assert "<https://w3id.org/openbadges#Assertion>" in quads
    assert "<https://w3id.org/security#MerkleProof2017>" in quads


def test_a_european_digital_credential_expands_with_the_edc_context() -> None:
    credential = {
        "@context": [
            "https://www.w3.org/2018/credentials/v1",
            "http://data.europa.eu/snb/model/context/edc-ap",
        ],
        "id": "urn:credential:1",
        "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "issuer": {
            "id": "urn:epass:org:1",
            "type": "Organisation",
            "legalName": {"en": "Example University"},
        },
        "issuanceDate": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "urn:epass:person:1", "type": "Person"},
    }
    quads = nquads(credential)
    assert "<http://data.europa.eu/snb/model/elm/EuropeanDigitalCredential>" in quads
    assert '<http://www.w3.org/ns/regorg#legalName> "Example University"@en' in quads


@pytest.mark.parametrize(
    "suite_context",
    [
        "https://w3id.org/security/suites/secp256k1-2019/v1",
        "https://ns.did.ai/suites/secp256k1-2019/v1",
    ],
)
def test_a_secp256k1_2019_key_expands_under_either_published_url(suite_context: str) -> None:
    key = {
        "@context": suite_context,
        "id": "did:example:123#key-1",
        "type": "EcdsaSecp256k1VerificationKey2019",
        "controller": "did:example:123",
        "publicKeyJwk": {"kty": "EC", "crv": "secp256k1", "x": "AA", "y": "AA"},
    }
    quads = nquads(key)
    assert "<https://w3id.org/security#EcdsaSecp256k1VerificationKey2019>" in quads
    assert "<https://w3id.org/security#controller> <did:example:123>" in quads


def test_an_ed25519_2018_key_expands() -> None:
    key = {
        "@context": "https://w3id.org/security/suites/ed25519-2018/v1",
        "id": "did:example:123#key-2",
        "type": "Ed25519VerificationKey2018",
        "controller": "did:example:123",
        "publicKeyBase58": "H3C2AVvLMv6gmMNam3uVAjZpfkcJCwDwnZn6z3wXmqPV",
    }
    quads = nquads(key)
    assert "<https://w3id.org/security#Ed25519VerificationKey2018>" in quads
    assert "<https://w3id.org/security#publicKeyBase58>" in quads
