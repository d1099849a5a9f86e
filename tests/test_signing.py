"""Data Integrity signing (eddsa-rdfc-2022, eddsa-jcs-2022) and the minimal signature check.

Ed25519 is deterministic, so signing the W3C vc-di-eddsa vector input with the vector key must
reproduce the published canonical forms, hashes and proofValue byte for byte. Those tests read
../shared/vectors; when it is absent they are not collected and a note says so.
"""

from __future__ import annotations

import copy
import json
import warnings
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from wallet.errors import WalletError
from wallet.proofs import keys, signing
from wallet.proofs.contexts import document_loader

SHARED = Path(__file__).resolve().parents[2] / "shared"
EDDSA = SHARED / "vectors" / "w3c-vc-di-eddsa"

CREDENTIAL = {
    "@context": [
        "https://www.w3.org/ns/credentials/v2",
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    ],
    "id": "urn:uuid:6a1c6e7c-7b49-4bd6-9d0a-2c3a3c1d0b11",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "name": "Test Badge",
    "issuer": {"id": "did:example:issuer", "type": ["Profile"], "name": "Test Issuer"},
    "validFrom": "2026-03-01T00:00:00Z",
    "credentialSubject": {
        "type": ["AchievementSubject"],
        "achievement": {
            "id": "urn:uuid:0f6c2b1e-4c1e-4b0e-8d8f-3f1c2d4e5a6b",
            "type": ["Achievement"],
            "name": "Testing",
            "description": "Wrote tests that can fail.",
            "criteria": {"narrative": "Do it."},
        },
    },
}


@pytest.fixture(scope="module")
def key() -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32)))


def _vm(private: ed25519.Ed25519PrivateKey) -> str:
    return keys.did_key_verification_method(private.public_key())


@pytest.mark.parametrize("suite", signing.CRYPTOSUITES)
def test_sign_then_verify_and_detect_tampering(key, suite):
    signed = signing.sign_data_integrity(CREDENTIAL, key, _vm(key), suite, "2026-03-01T00:00:00Z")
    assert "proof" not in CREDENTIAL  # the input is not modified
    proof = signed["proof"]
    assert proof["cryptosuite"] == suite and proof["proofValue"].startswith("z")
    assert ("@context" in proof) == (suite == signing.EDDSA_JCS_2022)
    assert len(keys.multibase_decode(proof["proofValue"])) == 64
    assert signing.verify_data_integrity_signature(signed, key.public_key())

    tampered = copy.deepcopy(signed)
    tampered["credentialSubject"]["achievement"]["name"] = "Testing (edited)"
    assert not signing.verify_data_integrity_signature(tampered, key.public_key())

    moved = copy.deepcopy(signed)
    moved["proof"]["created"] = "2026-03-02T00:00:00Z"
    assert not signing.verify_data_integrity_signature(moved, key.public_key())

    other = ed25519.Ed25519PrivateKey.generate().public_key()
    assert not signing.verify_data_integrity_signature(signed, other)


def test_signing_is_reproducible(key):
    a = signing.sign_data_integrity(CREDENTIAL, key, _vm(key), created="2026-03-01T00:00:00Z")
    b = signing.sign_data_integrity(CREDENTIAL, key, _vm(key), created="2026-03-01T00:00:00Z")
    assert a == b


def test_created_defaults_to_now_in_utc_seconds(key):
    signed = signing.sign_data_integrity(CREDENTIAL, key, _vm(key))
    created = signed["proof"]["created"]
    assert len(created) == 20 and created.endswith("Z") and created[10] == "T"


def test_rdfc_is_insensitive_to_json_key_order_but_jcs_signs_the_json(key):
    signed = signing.sign_data_integrity(CREDENTIAL, key, _vm(key), created="2026-03-01T00:00:00Z")
    reordered = dict(reversed(list(signed.items())))
    assert signing.verify_data_integrity_signature(reordered, key.public_key())


def test_second_proof_makes_a_proof_set(key):
    other = ed25519.Ed25519PrivateKey.generate()
    once = signing.sign_data_integrity(CREDENTIAL, key, _vm(key), created="2026-03-01T00:00:00Z")
    twice = signing.sign_data_integrity(
        once, other, _vm(other), signing.EDDSA_JCS_2022, "2026-03-01T00:00:00Z"
    )
    assert isinstance(twice["proof"], list) and len(twice["proof"]) == 2
    assert signing.verify_data_integrity_signature(twice, key.public_key())
    assert signing.verify_data_integrity_signature(twice, other.public_key())


def test_unknown_context_is_named_and_nothing_is_signed(key):
    doc = dict(CREDENTIAL, **{"@context": [*CREDENTIAL["@context"], "https://example.org/x/v1"]})
    with pytest.raises(signing.SigningError) as info:
        signing.sign_data_integrity(doc, key, _vm(key))
    assert isinstance(info.value, WalletError)
    assert "unknown JSON-LD context https://example.org/x/v1" in str(info.value)
    # JCS does not process contexts, so it signs such a document; the RDFC suite cannot verify it
    jcs = signing.sign_data_integrity(
        doc, key, _vm(key), signing.EDDSA_JCS_2022, "2026-03-01T00:00:00Z"
    )
    assert signing.verify_data_integrity_signature(jcs, key.public_key())
    as_rdfc = {**jcs, "proof": {**jcs["proof"], "cryptosuite": signing.EDDSA_RDFC_2022}}
    assert not signing.verify_data_integrity_signature(as_rdfc, key.public_key())


def test_refuses_unsupported_suite_and_key_type(key):
    with pytest.raises(signing.SigningError, match="unsupported cryptosuite"):
        signing.sign_data_integrity(CREDENTIAL, key, _vm(key), "ecdsa-rdfc-2019")
    p256 = ec.generate_private_key(ec.SECP256R1())
    with pytest.raises(signing.SigningError, match="Ed25519"):
        signing.sign_data_integrity(CREDENTIAL, p256, "did:key:x#x")  # type: ignore[arg-type]


def test_malformed_proofs_do_not_verify(key):
    signed = signing.sign_data_integrity(CREDENTIAL, key, _vm(key), created="2026-03-01T00:00:00Z")
    for proof in (
        {**signed["proof"], "proofValue": "not-multibase"},
        {**signed["proof"], "proofValue": "u" + keys.b64url_encode(b"x" * 64)},
        {**signed["proof"], "cryptosuite": "eddsa-2022"},
        {**signed["proof"], "type": "Ed25519Signature2020"},
        "just a string",
    ):
        assert not signing.verify_data_integrity_signature(
            {**signed, "proof": proof}, key.public_key()
        )
    assert not signing.verify_data_integrity_signature(CREDENTIAL, key.public_key())


def test_unsigned_strings_finds_terms_no_context_defines():
    # the VC 1.1 context has no @vocab, so an undefined term is silently dropped by pyld
    doc = {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "id": "urn:uuid:1",
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "issuanceDate": "2026-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:s", "favouriteColour": "octarine"},
    }
    assert signing.unsigned_strings(doc) == ["favouriteColour: octarine"]
    assert signing.unsigned_strings(CREDENTIAL) == []


# --- W3C vc-di-eddsa vectors --------------------------------------------------------------------

SUITE_FILES = {
    # suite, folder, file suffix, unsigned input
    "rdfc": ("eddsa-rdfc-2022", "eddsa-rdfc-2022", "DataInt", "unsigned.json"),
    "rdfc-employ": ("eddsa-rdfc-2022", "eddsa-rdfc-2022/employ", "DataInt", "employmentAuth.json"),
    "jcs": ("eddsa-jcs-2022", "eddsa-jcs-2022", "JCS", "unsigned.json"),
}


def _vector_cases() -> list[str]:
    if EDDSA.is_dir():
        return list(SUITE_FILES)
    note = f"NOTE: {EDDSA} is absent: vc-di-eddsa conformance tests not collected"
    print(note)
    warnings.warn(note, stacklevel=2)
    return []


VECTOR_CASES = _vector_cases()


def _vector_loader():  # the vectors use contexts the wallet does not ship (examples/v2)
    ctx = SHARED / "contexts"
    index = json.loads((ctx / "index.json").read_text())
    return document_loader({u: json.loads((ctx / f).read_text()) for u, f in index.items()})


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.mark.vectors
@pytest.mark.parametrize("case", VECTOR_CASES)
def test_vector_reproduced_byte_exactly(case):
    suite, folder, sfx, unsigned_name = SUITE_FILES[case]
    d = EDDSA / folder
    pair = json.loads(_text(EDDSA / "keyPair.json"))
    private = keys.private_key_from_multibase(pair["privateKeyMultibase"])
    unsigned = json.loads(_text(EDDSA / unsigned_name))
    config = json.loads(_text(d / f"proofConfig{sfx}.json"))
    loader = _vector_loader()

    data = signing.hash_data(unsigned, config, loader)
    assert data.canonical_document == _text(d / f"canonDoc{sfx}.txt")
    assert data.canonical_proof_config == _text(d / f"proofCanon{sfx}.txt")
    assert data.document_hash.hex() == _text(d / f"docHash{sfx}.txt").strip()
    assert data.proof_hash.hex() == _text(d / f"proofHash{sfx}.txt").strip()
    assert data.combined.hex() == _text(d / f"combinedHash{sfx}.txt").strip()

    signed = signing.sign_data_integrity(
        unsigned,
        private,
        config["verificationMethod"],
        suite,
        config["created"],
        config["proofPurpose"],
        loader=loader,
    )
    signature = keys.multibase_decode(signed["proof"]["proofValue"])
    assert signature.hex() == _text(d / f"sigHex{sfx}.txt").strip()
    assert signed["proof"]["proofValue"] == _text(d / f"sigBTC58{sfx}.txt").strip()
    assert signed == json.loads(_text(d / f"signed{sfx}.json"))

    public = keys.public_key_from_did(config["verificationMethod"])
    assert signing.verify_data_integrity_signature(signed, public, loader=loader)


@pytest.mark.vectors
@pytest.mark.parametrize("case", VECTOR_CASES)
def test_vector_signed_documents_verify_and_tampering_fails(case):
    _suite, folder, sfx, _unsigned = SUITE_FILES[case]
    signed = json.loads(_text(EDDSA / folder / f"signed{sfx}.json"))
    public = keys.public_key_from_did(signed["proof"]["verificationMethod"])
    loader = _vector_loader()
    assert signing.verify_data_integrity_signature(signed, public, loader=loader)
    signed["credentialSubject"]["id"] = "did:example:someone-else"
    assert not signing.verify_data_integrity_signature(signed, public, loader=loader)


if not VECTOR_CASES:
    # pytest reports an empty parameter set as a skip; with no vectors there is nothing to run
    del test_vector_reproduced_byte_exactly, test_vector_signed_documents_verify_and_tampering_fails


# --- the demo issuer's credentials (resources/demo) -------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "resources" / "demo"
DEMO_KEY = json.loads((DEMO / "issuer-key.json").read_text(encoding="utf-8"))
DI_FILES = sorted(p.name for p in (DEMO / "credentials").glob("*.json"))


def _demo_documents() -> dict[str, dict]:
    from wallet.formats.baked import unbake_png

    docs = {
        name: json.loads((DEMO / "credentials" / name).read_text(encoding="utf-8"))
        for name in DI_FILES
    }
    docs["status-list.json"] = json.loads((DEMO / "status-list.json").read_text())
    for png in (DEMO / "credentials").glob("*.png"):
        docs[png.name] = json.loads(unbake_png(png.read_bytes()).text)
    return docs


def test_demo_key_is_labelled_and_consistent():
    assert DEMO_KEY["warning"].startswith("DEMO ONLY")
    ed = DEMO_KEY["ed25519"]
    private = keys.private_key_from_multibase(ed["secretKeyMultibase"])
    assert keys.did_key_from_public_key(private.public_key()) == ed["did"]
    assert keys.private_key_to_jwk(private) == ed["privateJwk"]


def test_every_demo_data_integrity_proof_verifies():
    issuer = keys.public_key_from_did(DEMO_KEY["ed25519"]["did"])
    docs = _demo_documents()
    assert len(docs) >= 8
    for name, doc in docs.items():
        issuer_id = doc["issuer"]["id"] if isinstance(doc["issuer"], dict) else doc["issuer"]
        assert issuer_id == DEMO_KEY["ed25519"]["did"], name
        assert doc["proof"]["verificationMethod"] == DEMO_KEY["ed25519"]["verificationMethod"]
        assert signing.verify_data_integrity_signature(doc, issuer), name
        tampered = copy.deepcopy(doc)
        tampered["validFrom"] = "2020-01-01T00:00:00Z"
        assert not signing.verify_data_integrity_signature(tampered, issuer), name
        if doc["proof"]["cryptosuite"] == signing.EDDSA_RDFC_2022:
            assert signing.unsigned_strings(doc) == [], name


def test_demo_micro_credentials_carry_their_details():
    doc = json.loads((DEMO / "credentials" / "03-cloud-security-fundamentals.json").read_text())
    achievement = doc["credentialSubject"]["achievement"]
    assert achievement["achievementType"] == "MicroCredential"
    assert achievement["creditsAvailable"] == 5
    ext = achievement["microCredentialExtension"]
    assert ext["creditUnit"] == "ECTS" and ext["level"] == {"framework": "EQF", "value": "6"}
    assert ext["learningOutcomes"] and ext["assessment"] and ext["participation"]
    # the extension's values are in the signed canonical form
    nquads = signing.canonicalize_rdfc({k: v for k, v in doc.items() if k != "proof"})
    assert ext["assessment"] in nquads


def test_demo_status_list_revokes_exactly_the_revoked_credential():
    import base64
    import gzip

    status_list = json.loads((DEMO / "status-list.json").read_text())
    revoked = json.loads((DEMO / "credentials" / "07-library-induction-revoked.json").read_text())
    entry = revoked["credentialStatus"]
    assert entry["statusListCredential"] == status_list["id"]
    encoded = status_list["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    assert len(bits) * 8 >= 131072
    index = int(entry["statusListIndex"])
    assert bits[index // 8] & (0x80 >> (index % 8))
    assert sum(bin(b).count("1") for b in bits) == 1


def test_demo_jose_items_verify():
    from wallet.proofs import jose

    issuer = keys.public_key_from_did(DEMO_KEY["ed25519"]["did"])
    creds = DEMO / "credentials"
    assert jose.verify_compact((creds / "09-digital-literacy-vc.jwt").read_text(), issuer)
    sd_jwt = (creds / "10-health-safety-induction.sd-jwt").read_text()
    assert jose.verify_compact(sd_jwt.split("~")[0], issuer)
    rsa_public = keys.public_key_from_jwk(DEMO_KEY["rsa"]["publicJwk"])
    assert jose.verify_compact((creds / "08-peer-mentor-ob2-signed.jws").read_text(), rsa_public)


def test_make_demo_reproduces_the_committed_files(tmp_path):
    import importlib.util
    import shutil

    spec = importlib.util.spec_from_file_location("make_demo", ROOT / "scripts" / "make_demo.py")
    assert spec is not None and spec.loader is not None
    make_demo = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_demo)
    shutil.copy(DEMO / "issuer-key.json", tmp_path / "issuer-key.json")
    assert make_demo.build(tmp_path) == []
    made = sorted(p.name for p in (tmp_path / "credentials").iterdir())
    assert made == sorted(p.name for p in (DEMO / "credentials").iterdir())
    from wallet.formats.baked import unbake_png

    for name in made:
        fresh = (tmp_path / "credentials" / name).read_bytes()
        committed = (DEMO / "credentials" / name).read_bytes()
        if name.endswith(".png"):  # image bytes depend on the zlib build; the badge must not
            assert unbake_png(fresh).text == unbake_png(committed).text, name
        else:
            assert fresh == committed, name
    assert (tmp_path / "status-list.json").read_bytes() == (DEMO / "status-list.json").read_bytes()
