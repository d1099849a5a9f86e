"""What a learner sees after importing: titles, issuers, credits, levels, dates, bundles."""

from __future__ import annotations

import json

import issuers
import pytest

from wallet import formats
from wallet.credential import (
    CLR2,
    DATA_INTEGRITY,
    HOSTED,
    JWS,
    JWT,
    OB2,
    OB3,
    SD_JWT,
    SD_JWT_VC,
    UNSIGNED,
    VC,
    Credits,
    Level,
)
from wallet.errors import FormatError
from wallet.formats import ob2
from wallet.messages import render
from wallet.proofs import jose


def test_nzqf_microcredential_json():
    data = issuers.pretty(issuers.nzqf_microcredential())
    p = formats.parse(data, "hort501.json")
    c = p.credential
    assert (c.format, c.proof_form, p.media_type) == (OB3, UNSIGNED, "application/json")
    assert c.title == "Sustainable Horticulture Practice"
    assert c.issuer.name == "Pukeko Polytechnic"
    assert c.issuer.id == "https://pukeko-polytechnic.example.nz/issuer"
    assert c.issuer.url == "https://pukeko-polytechnic.example.nz"
    assert c.credits == Credits(15, "NZQF credits")
    assert c.level == Level("5", "NZQF")
    assert c.achievement_type == "MicroCredential"
    assert c.subject_id == issuers.LEARNER_DID and c.subject_name == "Aroha Ngata"
    assert c.issued == "2025-03-12T00:00:00Z"  # awardedDate beats validFrom
    assert c.valid_from == "2025-03-14T00:00:00Z"
    assert c.learning_outcomes == [
        "Manage soil health using organic methods",
        "Plan crop rotation for a small holding",
    ]
    assert c.assessment.startswith("Practical project")
    assert c.participation.startswith("Blended")
    assert c.quality_assurance == "Approved by NZQA as a micro-credential"
    assert c.criteria == "Complete a supervised 10-week growing project."
    assert c.image == "https://pukeko-polytechnic.example.nz/micro/HORT501.png"
    assert c.tags == ["horticulture", "sustainability"]
    assert [a.target_code for a in c.alignments] == ["5", None]
    assert p.payload == p.original == data
    assert c.baked is None and p.children == []


def test_ects_microcredential_with_data_integrity_proof():
    signed = issuers.with_proof(issuers.ects_microcredential())
    p = formats.parse(issuers.pretty(signed))
    c = p.credential
    assert (c.format, c.proof_form) == (OB3, DATA_INTEGRITY)
    assert c.title == "Data Protection in Practice"
    assert c.issuer.name == "University of Tartu (example)"
    assert c.credits == Credits(5, "ECTS")
    assert c.level == Level("6", "EQF")
    assert c.valid_until == "2030-06-30T09:00:00Z"
    assert c.tags == ["GDPR", "privacy"]


@pytest.mark.parametrize(
    "alg,key",
    [("ES256", issuers.p256_key), ("EdDSA", issuers.ed25519_key), ("RS256", issuers.rsa_key)],
)
def test_ob3_vc_jwt(alg, key):
    token = issuers.sign_vc_jwt(issuers.ects_microcredential(), key(), alg)
    p = formats.parse(token.encode() + b"\n", "badge.jwt")
    c = p.credential
    assert (c.format, c.proof_form, p.media_type) == (OB3, JWT, "application/jwt")
    assert c.title == "Data Protection in Practice" and c.credits == Credits(5, "ECTS")
    assert p.payload == token.encode()  # the token itself, without the file's newline
    assert p.original == token.encode() + b"\n"
    assert jose.verify_compact(p.payload.decode(), key().public_key())


def test_vc11_jwt_registered_claims_fill_the_gaps():
    cred = issuers.ects_microcredential()
    for k in ("validFrom", "validUntil", "id"):
        cred.pop(k)
    token = issuers.sign_vc_jwt(cred, issuers.ed25519_key(), vc11=True)
    c = formats.parse(token.encode()).credential
    assert c.format == OB3 and c.proof_form == JWT
    assert c.issued == "2024-06-30T09:00:00Z"  # from nbf
    assert c.credential_id is None
    assert c.issuer.id == "did:web:uni-tartu.example.eu"


def test_ob2_hosted_assertion():
    p = formats.parse(issuers.pretty(issuers.ob2_assertion()))
    c = p.credential
    assert (c.format, c.proof_form) == (OB2, HOSTED)
    assert c.title == "First Aid Level 2"
    assert c.issuer.name == "Example Training Trust"
    assert c.issuer.id == "https://badges.example.org/issuer"
    assert c.subject_id == issuers.HASHED_EMAIL
    assert c.issued == "2024-11-05T10:00:00+13:00"
    assert c.valid_until == "2027-11-05T10:00:00+13:00"
    assert c.tags == ["first aid", "health and safety"]
    assert c.criteria == "Pass the practical assessment."
    assert c.alignments[0].target_name == "Workplace first aid"


def test_ob2_with_linked_badge_class_is_honest_about_what_is_missing():
    c = formats.parse(issuers.pretty(issuers.ob2_assertion(embedded=False))).credential
    assert c.title == "first-aid-level-2"
    assert c.description is None  # the record keeps no English sentence: the views say it
    note = ob2.linked_details_note(c)
    assert note is not None
    assert "not in this file" in note.text and "badges.example.org" in render(note)
    assert c.issuer.name is None
    assert c.achievement_id == "https://badges.example.org/badges/first-aid-level-2"


def test_ob2_signed_assertion():
    token = issuers.ob2_signed(issuers.ob2_assertion(), issuers.rsa_key(), "RS256")
    p = formats.parse(token.encode())
    assert (p.credential.format, p.credential.proof_form) == (OB2, JWS)
    assert p.credential.title == "First Aid Level 2"
    assert p.media_type == "application/jwt"


def test_clr_with_object_and_jwt_children():
    obj = issuers.nzqf_microcredential()
    token = issuers.sign_vc_jwt(issuers.ects_microcredential(), issuers.p256_key())
    data = issuers.pretty(issuers.clr_transcript([obj, token]))
    p = formats.parse(data)
    assert p.credential.format == CLR2
    assert p.credential.title == "Aroha Ngata - Learning Record 2025"
    assert p.payload == data
    assert [child.credential.title for child in p.children] == [
        "Sustainable Horticulture Practice",
        "Data Protection in Practice",
    ]
    first, second = p.children
    assert first.media_type == "application/json"
    assert first.payload == json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()
    assert first.original == first.payload
    assert json.loads(first.payload) == obj
    assert second.media_type == "application/jwt"
    assert second.payload == token.encode()
    assert second.credential.proof_form == JWT


def test_clr_with_a_broken_child_names_it():
    data = issuers.pretty(issuers.clr_transcript([issuers.nzqf_microcredential(), "not.a.jwt"]))
    with pytest.raises(FormatError, match="CLR item 2"):
        formats.parse(data)


def test_generic_vc():
    doc = {
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "type": ["VerifiableCredential", "UniversityDegreeCredential"],
        "issuer": "did:example:uni",
        "issuanceDate": "2020-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:me", "degree": {"name": "BSc"}},
    }
    c = formats.parse(json.dumps(doc).encode()).credential
    assert (c.format, c.proof_form) == (VC, UNSIGNED)
    assert c.title == "University Degree Credential"
    assert c.issuer.id == "did:example:uni" and c.issued == "2020-01-01T00:00:00Z"


@pytest.mark.parametrize("typ", ["dc+sd-jwt", "vc+sd-jwt"])
def test_sd_jwt_vc(typ):
    text = issuers.sd_jwt_microcredential(typ=typ)
    p = formats.parse(text.encode())
    c = p.credential
    assert (c.format, c.proof_form, p.media_type) == (SD_JWT_VC, SD_JWT, "application/vc+sd-jwt")
    assert c.title == "Sustainable Horticulture Practice"
    assert c.subject_name == "Aroha Ngata"
    assert c.credits == Credits(15, "NZQF credits") and c.level == Level("5", "NZQF")
    assert c.issued == "2025-03-14T00:00:00Z" and c.valid_until == "2030-03-14T00:00:00Z"
    assert p.payload == text.encode()


def test_sd_jwt_vc_with_nothing_disclosed_falls_back_to_vct():
    text = issuers.sd_jwt_microcredential()
    jwt = text.split("~")[0] + "~"
    c = formats.parse(jwt.encode()).credential
    assert c.title == "Micro credential"
    assert c.achievement_type == "https://pukeko-polytechnic.example.nz/vct/micro-credential"
    assert c.subject_name is None and c.credits is None


def test_credits_from_an_extension_and_hours():
    cred = issuers.nzqf_microcredential()
    ach = cred["credentialSubject"]["achievement"]
    del ach["creditsAvailable"]
    ach["alignment"] = []
    ach["microCredentialExtension"]["workload"] = {"value": 40, "unit": "notional hours"}
    c = formats.parse(json.dumps(cred).encode()).credential
    assert c.credits == Credits(40, "hours")
    assert c.level is None


def test_record_round_trips_through_dict():
    c = formats.parse(issuers.pretty(issuers.nzqf_microcredential())).credential
    from wallet.credential import Credential

    assert Credential.from_dict(c.to_dict()) == c


def test_sd_jwt_vc_in_json_serialization_is_read_and_kept_byte_exact():
    """IETF SD-JWT section 8: the same SD-JWT VC as flattened JSON instead of `jwt~d~`."""
    import json as _json

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from wallet.proofs import jose as _jose

    compact = _jose.issue_sd_jwt(
        {
            "iss": "did:example:poly",
            "vct": "https://poly.example/vct/first-aid",
            "given_name": "Aroha",
            "iat": 1767225600,
        },
        ["given_name"],
        Ed25519PrivateKey.generate(),
    )
    jwt, *disclosures = compact.rstrip("~").split("~")
    protected, payload, signature = jwt.split(".")
    body = _json.dumps(
        {
            "protected": protected,
            "payload": payload,
            "signature": signature,
            "header": {"disclosures": disclosures},
        }
    ).encode()
    p = formats.parse(body, "pid.json")
    assert p.payload == body and p.credential.proof_form == "sd-jwt"
    assert p.credential.subject_name == "Aroha" and p.credential.title == "First aid"
    with pytest.raises(FormatError, match="not an SD-JWT"):
        formats.parse(
            _json.dumps({"protected": protected, "payload": payload, "signature": signature})
            .replace(protected, _jose.b64url_encode(b'{"alg":"EdDSA"}'))
            .encode()
        )
