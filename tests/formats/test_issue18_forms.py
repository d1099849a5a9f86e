"""Issue 18: credentials in forms real issuers and wallets hand out, read and judged rightly.

- walt.id's "W3C SD-JWT": a VC-JWT (`typ` JWT) whose `vc` claim carries `_sd` digests, sent with
  `~`-separated disclosures. Its shape follows walt.id's own issuance examples (the waltid-identity
  repository, `IssuanceExamples.kt`: `sdJwtW3CExample` makes an OpenBadgeCredential's `name`
  disclosable, the BankId example its whole `credentialSubject`); the tokens are made here with
  keys of our own (did:key, resolved offline).
- A presentation in JWT form (VP-JWT: a `vp` claim, signed by the holder) brings its credentials
  in as a JSON presentation does: each imported and judged on its own.
- An Open Badges 0.5 assertion (the Mozilla Backpack's format before OB 1.0) is named as such.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import ed25519

from wallet import formats
from wallet.actions.importing import ImportRequest, import_and_verify, import_request
from wallet.credential import OB3, SD_JWT
from wallet.errors import FormatError
from wallet.importer import FAILED, IMPORTED
from wallet.proofs import jose, keys
from wallet.store import WalletStore
from wallet.verify.context import VerifyContext
from wallet.verify.report import (
    FAIL,
    PASS,
    PROOF,
    UNKNOWN,
    UNKNOWN_VERDICT,
    VERIFIED,
)
from wallet.verify.verifier import verify_parsed

PASSPHRASE = "correct horse battery staple"
OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
VC1 = "https://www.w3.org/2018/credentials/v1"
VC2 = "https://www.w3.org/ns/credentials/v2"
ISSUED = 1741910400  # 2025-03-14T00:00:00Z
TITLE = "Sustainable Horticulture Practice"
LEARNER = "Aroha Ngata"


def did_key(key: ed25519.Ed25519PrivateKey) -> tuple[str, str]:
    """(did, verification method) of a key."""
    public = key.public_key()
    return keys.did_key_from_public_key(public), keys.did_key_verification_method(public)


def disclosure(name: str, value: Any) -> tuple[str, str]:
    """(disclosure, its digest) for an object property."""
    text = jose.make_disclosure([jose.random_salt(), name, value])
    return text, jose.disclosure_digest(text)


def badge(issuer: str, learner: str) -> dict[str, Any]:
    """An OB 3.0 credential as walt.id puts it in the `vc` claim (VC 1.1 data model)."""
    return {
        "@context": [VC1, OB3_CONTEXT],
        "id": "urn:uuid:6c7b7f4e-2f0c-4ad6-9d53-1b1f1b2e0a11",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer, "type": ["Profile"], "name": "Pukeko Polytechnic"},
        "issuanceDate": "2025-03-14T00:00:00Z",
        "credentialSubject": {
            "id": learner,
            "type": ["AchievementSubject"],
            "name": LEARNER,
            "achievement": {
                "id": "https://pukeko-polytechnic.example.nz/achievements/hort-5",
                "type": ["Achievement"],
                "name": TITLE,
                "description": "Plans and carries out sustainable growing practice.",
                "criteria": {"narrative": "Pass the assessed field project."},
            },
        },
    }


def waltid_w3c_sd_jwt(
    key: ed25519.Ed25519PrivateKey | None = None, *, whole_subject: bool = False
) -> tuple[str, str]:
    """(token, issuer DID): the credential's `name` disclosable (sdJwtW3CExample); with
    `whole_subject`, also `credentialSubject` (as walt.id's BankId example), and inside it the
    learner's name (a digest nested in a disclosed value)."""
    key = key or ed25519.Ed25519PrivateKey.generate()
    issuer, method = did_key(key)
    learner = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK"
    doc = badge(issuer, learner)
    doc["name"] = TITLE
    found: list[str] = []
    name, name_digest = disclosure("name", doc.pop("name"))
    found.append(name)
    doc["_sd"] = [name_digest]
    if whole_subject:
        subject = doc.pop("credentialSubject")
        learner_name, learner_digest = disclosure("name", subject.pop("name"))
        subject["_sd"] = [learner_digest]
        whole, whole_digest = disclosure("credentialSubject", subject)
        found += [whole, learner_name]
        doc["_sd"].append(whole_digest)
    claims = {
        "iss": issuer,
        "sub": learner,
        "jti": doc["id"],
        "iat": ISSUED,
        "nbf": ISSUED,
        "vc": doc,
        "_sd_alg": "sha-256",
    }
    header = {"typ": "JWT", "kid": method}
    token = jose.sign_compact(header, json.dumps(claims).encode(), key)
    return "~".join([token, *found]) + "~", issuer


def verify(token: str | bytes, trusted: str | None = None) -> Any:
    data = token.encode() if isinstance(token, str) else token
    ctx = VerifyContext(trusted_issuers=frozenset({trusted} if trusted else set()))
    return verify_parsed(formats.parse(data), ctx, "test")


# --- 1. walt.id's W3C SD-JWT ------------------------------------------------------------------


def test_a_waltid_w3c_sd_jwt_is_read_with_its_disclosed_claims() -> None:
    token, issuer = waltid_w3c_sd_jwt(whole_subject=True)
    cred = formats.parse(token.encode()).credential
    assert cred.format == OB3 and cred.proof_form == SD_JWT
    assert cred.title == TITLE  # the disclosed `vc.name`
    assert cred.subject_name == LEARNER  # disclosed inside the disclosed credentialSubject
    assert cred.issuer.id == issuer and cred.issuer.name == "Pukeko Polytechnic"
    assert cred.issued and cred.issued.startswith("2025-03-14")


@pytest.mark.parametrize("whole_subject", [False, True])
def test_a_waltid_w3c_sd_jwt_is_verified_with_every_disclosure(whole_subject: bool) -> None:
    token, issuer = waltid_w3c_sd_jwt(whole_subject=whole_subject)
    report = verify(token, trusted=issuer)
    proof = report.check(PROOF)
    assert proof is not None and proof.status == PASS, proof
    n = 3 if whole_subject else 1
    assert f"{n} disclosure" in str(proof.msg)
    assert report.verdict == VERIFIED, [(c.id, c.status, str(c.msg)) for c in report.checks]


def test_a_disclosure_that_is_not_in_the_signed_vc_fails() -> None:
    token, issuer = waltid_w3c_sd_jwt()
    forged, _digest = disclosure("name", "Master of Science (Honours)")
    jwt, *_rest = token.split("~")
    report = verify(f"{jwt}~{forged}~", trusted=issuer)
    proof = report.check(PROOF)
    assert proof is not None and proof.status == FAIL
    assert "match no digest" in str(proof.msg)


def test_a_changed_vc_fails_its_issuer_signature() -> None:
    token, issuer = waltid_w3c_sd_jwt()
    jwt, *rest = token.split("~")
    head, payload, signature = jwt.split(".")
    claims = json.loads(jose.b64url_decode(payload))
    claims["vc"]["issuer"]["name"] = "Some Other Polytechnic"
    changed = jose.b64url_encode(json.dumps(claims).encode())
    report = verify("~".join([f"{head}.{changed}.{signature}", *rest]), trusted=issuer)
    proof = report.check(PROOF)
    assert proof is not None and proof.status == FAIL


# --- 2. VP-JWT -------------------------------------------------------------------------------


def vc_jwt(key: ed25519.Ed25519PrivateKey, learner: str, title: str) -> str:
    """A VC 1.1 JWT (`vc` claim) signed by a did:key issuer."""
    issuer, method = did_key(key)
    doc = badge(issuer, learner)
    doc["credentialSubject"]["achievement"]["name"] = title
    doc["id"] = f"urn:uuid:{abs(hash(title)):032x}"[:45]
    claims = {"iss": issuer, "sub": learner, "jti": doc["id"], "nbf": ISSUED, "vc": doc}
    return jose.sign_compact({"typ": "JWT", "kid": method}, json.dumps(claims).encode(), key)


def vp_jwt(items: list[Any], holder: ed25519.Ed25519PrivateKey) -> str:
    did, method = did_key(holder)
    claims = {
        "iss": did,
        "aud": "https://employer.example",
        "nonce": "n-0S6_WzA2Mj",
        "iat": ISSUED,
        "vp": {
            "@context": [VC1],
            "type": ["VerifiablePresentation"],
            "holder": did,
            "verifiableCredential": items,
        },
    }
    return jose.sign_compact({"typ": "JWT", "kid": method}, json.dumps(claims).encode(), holder)


@pytest.fixture
def store(tmp_path: Path) -> Any:
    s = WalletStore.create(tmp_path / "issue18.wallet", PASSPHRASE)
    yield s
    s.close()


def test_a_vp_jwt_brings_in_each_credential_judged_on_its_own(
    store: WalletStore, tmp_path: Path
) -> None:
    holder = ed25519.Ed25519PrivateKey.generate()
    learner, _ = did_key(holder)
    issuer_key = ed25519.Ed25519PrivateKey.generate()
    good = vc_jwt(issuer_key, learner, "Soil Science Basics")
    forged_jwt = vc_jwt(issuer_key, learner, "Irrigation Design")
    head, payload, signature = forged_jwt.split(".")
    claims = json.loads(jose.b64url_decode(payload))
    claims["vc"]["credentialSubject"]["achievement"]["name"] = "Master Irrigator"
    forged = ".".join([head, jose.b64url_encode(json.dumps(claims).encode()), signature])
    unsigned = badge("https://pukeko-polytechnic.example.nz/issuer", learner)
    unsigned["credentialSubject"]["achievement"]["name"] = "Composting"
    path = tmp_path / "presentation.jwt"
    path.write_text(vp_jwt([good, forged, unsigned], holder))

    results = list(import_and_verify(store, [str(path)]))

    assert [r.status for r in results] == [IMPORTED, IMPORTED, IMPORTED], [
        r.message for r in results
    ]
    by_title = {r.title: r for r in results}
    assert set(by_title) == {"Soil Science Basics", "Master Irrigator", "Composting"}
    assert by_title["Master Irrigator"].verdict == "failed"  # changed after signing
    assert by_title["Composting"].verdict == "failed"  # unsigned
    assert by_title["Soil Science Basics"].verdict == "warning"  # signed; issuer not trusted
    assert all("presentation.jwt" in r.source for r in results)
    titles = sorted(s.title for s in store.credentials.summaries())
    assert titles == ["Composting", "Master Irrigator", "Soil Science Basics"]


def test_a_json_presentation_is_imported_the_same_way(store: WalletStore, tmp_path: Path) -> None:
    holder = ed25519.Ed25519PrivateKey.generate()
    learner, _ = did_key(holder)
    good = vc_jwt(ed25519.Ed25519PrivateKey.generate(), learner, "Soil Science Basics")
    vp = {"@context": [VC2], "type": ["VerifiablePresentation"], "verifiableCredential": [good]}
    path = tmp_path / "presentation.json"
    path.write_text(json.dumps(vp))
    [result] = import_and_verify(store, [str(path)])
    assert result.status == IMPORTED and result.title == "Soil Science Basics"
    assert result.verdict == "warning"


def test_an_empty_vp_jwt_says_it_holds_no_credential(store: WalletStore, tmp_path: Path) -> None:
    path = tmp_path / "empty.jwt"
    path.write_text(vp_jwt([], ed25519.Ed25519PrivateKey.generate()))
    [result] = import_and_verify(store, [str(path)])
    assert result.status == FAILED
    assert "presentation" in result.message.lower() and "no credential" in result.message
    assert "no recognised credential" not in result.message


def test_a_vp_jwt_is_still_no_single_credential_to_the_parser() -> None:
    """Whoever reads one credential (an employer's check of a file) hears what it is."""
    holder = ed25519.Ed25519PrivateKey.generate()
    text = vp_jwt([vc_jwt(ed25519.Ed25519PrivateKey.generate(), "did:x:1", "A")], holder)
    with pytest.raises(FormatError) as e:
        formats.parse(text.encode())
    assert str(e.value).startswith("a Verifiable Presentation, not a credential")


# --- 5. Open Badges 0.5 --------------------------------------------------------------------------


# The Open Badges validator's own OB 0.5 test assertion (source: tests/data/ob05/SOURCE.md).
OB05 = Path(__file__).parent.parent / "data" / "ob05" / "0_5_1_instance.json"


def test_an_open_badges_0_5_assertion_is_named_and_not_called_forged() -> None:
    report = verify(OB05.read_bytes())
    proof = report.check(PROOF)
    assert proof is not None and proof.status == UNKNOWN
    assert "Open Badges 0.5" in str(proof.msg) and "cannot be verified" in str(proof.msg)
    assert "https address" not in str(proof.msg)  # the OB 2.0 hosted rule does not apply
    assert report.verdict == UNKNOWN_VERDICT


def test_a_pasted_vp_jwt_brings_in_its_credentials_too(store: WalletStore) -> None:
    holder = ed25519.Ed25519PrivateKey.generate()
    learner, _ = did_key(holder)
    issuer_key = ed25519.Ed25519PrivateKey.generate()
    items = [vc_jwt(issuer_key, learner, t) for t in ("Soil Science Basics", "Pruning")]
    request = ImportRequest(texts=[("pasted text", vp_jwt(items, holder))])
    done = import_request(store, request, progress=lambda _r: None, cancelled=lambda: False)
    assert sorted((r.status, r.title) for r in done) == [
        (IMPORTED, "Pruning"),
        (IMPORTED, "Soil Science Basics"),
    ]
    assert len(done.changes.added) == 2


def test_a_vc2_vp_jwt_with_an_enveloped_credential_brings_it_in(
    store: WalletStore, tmp_path: Path
) -> None:
    """VC 2.0 (VC-JOSE-COSE): the payload is the presentation itself (`typ` vp+jwt) and each
    credential an EnvelopedVerifiableCredential, its JWT in a `data:` URL."""
    holder = ed25519.Ed25519PrivateKey.generate()
    learner, method = did_key(holder)
    inner = vc_jwt(ed25519.Ed25519PrivateKey.generate(), learner, "Soil Science Basics")
    vp = {
        "@context": [VC2],
        "type": ["VerifiablePresentation"],
        "holder": learner,
        "verifiableCredential": [
            {
                "@context": [VC2],
                "type": ["EnvelopedVerifiableCredential"],
                "id": f"data:application/vc+jwt,{inner}",
            }
        ],
    }
    token = jose.sign_compact({"typ": "vp+jwt", "kid": method}, json.dumps(vp).encode(), holder)
    path = tmp_path / "vc2.jwt"
    path.write_text(token)
    [result] = import_and_verify(store, [str(path)])
    assert (result.status, result.title, result.verdict) == (
        IMPORTED,
        "Soil Science Basics",
        "warning",
    )
