"""Test issuers: real keys and real signatures for the credentials the format tests read.

Keys are generated with `cryptography` at first use (RSA once per session, it is slow); JWS
signing goes through `wallet.proofs.jose`. The credentials are shaped like what issuers publish:
an NZ polytechnic micro-credential (15 NZQF credits at level 5) and a European university
micro-credential (5 ECTS at EQF level 6), an OB 2.0 hosted badge, a CLR transcript.
"""

from __future__ import annotations

import copy
import io
import json
from functools import cache
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from PIL import Image

from wallet.formats import bake_png, bake_svg
from wallet.proofs import jose

OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
CLR_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
LEARNER_DID = "did:example:learner-aroha-1234"
HASHED_EMAIL = "sha256$c7ef86405ba71b85acd8e2e95166c4b111448089f2e1599f42fe1bba46e865c5"


# --- keys ----------------------------------------------------------------------------------


@cache
def ed25519_key() -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.generate()


@cache
def p256_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


@cache
def p384_key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP384R1())


@cache
def rsa_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


# --- OB 3.0 micro-credentials -------------------------------------------------------------


def nzqf_microcredential() -> dict[str, Any]:
    """15 NZQF credits at level 5, with outcomes, assessment and QA in an extension."""
    return {
        "@context": OB3_CONTEXT,
        "id": "urn:uuid:5b0c7a3e-8a43-4b0f-9a55-0d9f7b0e1a01",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": "Aroha Ngata - Sustainable Horticulture Practice",
        "issuer": {
            "id": "https://pukeko-polytechnic.example.nz/issuer",
            "type": ["Profile"],
            "name": "Pukeko Polytechnic",
            "url": "https://pukeko-polytechnic.example.nz",
        },
        "validFrom": "2025-03-14T00:00:00Z",
        "awardedDate": "2025-03-12T00:00:00Z",
        "credentialSubject": {
            "id": LEARNER_DID,
            "type": ["AchievementSubject"],
            "identifier": [
                {
                    "type": "IdentityObject",
                    "identityType": "name",
                    "identityHash": "Aroha Ngata",
                    "hashed": False,
                }
            ],
            "achievement": {
                "id": "https://pukeko-polytechnic.example.nz/micro/HORT501",
                "type": ["Achievement"],
                "achievementType": "MicroCredential",
                "name": "Sustainable Horticulture Practice",
                "description": "Plan and run a small sustainable growing operation.",
                "criteria": {"narrative": "Complete a supervised 10-week growing project."},
                "image": {
                    "id": "https://pukeko-polytechnic.example.nz/micro/HORT501.png",
                    "type": "Image",
                },
                "creditsAvailable": 15,
                "tag": ["horticulture", "sustainability"],
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetName": "NZQF Level 5",
                        "targetFramework": "New Zealand Qualifications and Credentials Framework",
                        "targetCode": "5",
                        "targetUrl": "https://www.nzqa.govt.nz/about-us/our-role/"
                        "our-role-in-the-tertiary-system/nzqcf/",
                    },
                    {
                        "type": ["Alignment"],
                        "targetName": "Manage soil health using organic methods",
                        "targetType": "CFItem",
                        "targetFramework": "Pukeko Polytechnic Graduate Profile",
                        "targetUrl": "https://pukeko-polytechnic.example.nz/outcomes/1",
                    },
                ],
                "microCredentialExtension": {
                    "type": ["MicroCredentialExtension"],
                    "learningOutcomes": [
                        "Manage soil health using organic methods",
                        "Plan crop rotation for a small holding",
                    ],
                    "assessment": "Practical project and portfolio, assessed on site",
                    "participation": "Blended: online theory, on-campus practicals",
                    "qualityAssurance": "Approved by NZQA as a micro-credential",
                },
            },
        },
    }


def ects_microcredential() -> dict[str, Any]:
    """5 ECTS at EQF level 6 (an EU micro-credential), issuer as a plain string + JWT form."""
    return {
        "@context": OB3_CONTEXT,
        "id": "https://uni-tartu.example.eu/credentials/88213",
        "type": ["VerifiableCredential", "AchievementCredential"],
        "name": "Data Protection in Practice",
        "issuer": {
            "id": "did:web:uni-tartu.example.eu",
            "type": ["Profile"],
            "name": "University of Tartu (example)",
        },
        "validFrom": "2025-06-30T09:00:00Z",
        "validUntil": "2030-06-30T09:00:00Z",
        "credentialSubject": {
            "id": LEARNER_DID,
            "type": ["AchievementSubject"],
            "achievement": {
                "id": "https://uni-tartu.example.eu/micro/DPP-6",
                "type": ["Achievement"],
                "achievementType": "MicroCredential",
                "name": "Data Protection in Practice",
                "description": "Apply the GDPR to everyday data processing.",
                "creditsAvailable": 5,
                "alignment": [
                    {
                        "type": ["Alignment"],
                        "targetName": "EQF level 6",
                        "targetFramework": "European Qualifications Framework",
                        "targetCode": "6",
                        "targetUrl": "https://europa.eu/europass/en/description-eight-eqf-levels",
                    }
                ],
                "tag": ["GDPR", "privacy"],
            },
        },
    }


def sign_vc_jwt(
    credential: dict[str, Any], key: Any, alg: str | None = None, vc11: bool = False
) -> str:
    """A VC-JWT: the payload is the credential (VC 2.0) or a `vc` claim with iss/jti/nbf."""
    if vc11:
        claims: dict[str, Any] = {
            "vc": credential,
            "iss": credential["issuer"]["id"]
            if isinstance(credential["issuer"], dict)
            else credential["issuer"],
            "jti": credential.get("id"),
            "sub": credential["credentialSubject"].get("id"),
            "nbf": 1719738000,
        }
        typ = "JWT"
    else:
        claims = credential
        typ = "vc+jwt"
    header = {"typ": typ}
    if alg:
        header["alg"] = alg
    return jose.sign_compact(header, json.dumps(claims).encode("utf-8"), key)


def with_proof(credential: dict[str, Any]) -> dict[str, Any]:
    """The credential with an eddsa-jcs-2022 Data Integrity proof (wallet.proofs.signing)."""
    from wallet.proofs.signing import sign_data_integrity

    return sign_data_integrity(
        credential,
        ed25519_key(),
        verification_method="did:web:uni-tartu.example.eu#key-1",
        cryptosuite="eddsa-jcs-2022",
        created="2025-06-30T09:00:00Z",
    )


def clr_transcript(nested: list[Any]) -> dict[str, Any]:
    """A CLR 2.0 bundle carrying the given credentials (objects or JWT strings)."""
    return {
        "@context": CLR_CONTEXT,
        "id": "urn:uuid:2f9d3c1e-1c1f-4c55-9e1c-6d2a2b5b7c10",
        "type": ["VerifiableCredential", "ClrCredential"],
        "name": "Aroha Ngata - Learning Record 2025",
        "issuer": {
            "id": "https://pukeko-polytechnic.example.nz/issuer",
            "type": ["Profile"],
            "name": "Pukeko Polytechnic",
        },
        "validFrom": "2025-07-01T00:00:00Z",
        "credentialSubject": {
            "id": LEARNER_DID,
            "type": ["ClrSubject"],
            "verifiableCredential": nested,
        },
    }


# --- OB 2.0 --------------------------------------------------------------------------------


def ob2_assertion(embedded: bool = True) -> dict[str, Any]:
    """A hosted OB 2.0 assertion; badge class embedded, or only linked by URL."""
    badge: Any = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "BadgeClass",
        "id": "https://badges.example.org/badges/first-aid-level-2",
        "name": "First Aid Level 2",
        "description": "Can give first aid in a workplace.",
        "image": "https://badges.example.org/badges/first-aid-level-2.png",
        "criteria": {"narrative": "Pass the practical assessment."},
        "tags": ["first aid", "health and safety"],
        "alignment": [
            {"targetName": "Workplace first aid", "targetUrl": "https://example.org/standards/6401"}
        ],
        "issuer": {
            "type": "Issuer",
            "id": "https://badges.example.org/issuer",
            "name": "Example Training Trust",
            "url": "https://training.example.org",
        },
    }
    if not embedded:
        badge = "https://badges.example.org/badges/first-aid-level-2"
    return {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": "https://badges.example.org/assertions/1001",
        "recipient": {"type": "email", "hashed": True, "salt": "deadsea", "identity": HASHED_EMAIL},
        "badge": badge,
        "issuedOn": "2024-11-05T10:00:00+13:00",
        "expires": "2027-11-05T10:00:00+13:00",
        "verification": {"type": "hosted"},
    }


def ob2_signed(assertion: dict[str, Any], key: Any, alg: str | None = None) -> str:
    """An OB 2.0 signed assertion: compact JWS whose payload is the assertion."""
    signed = copy.deepcopy(assertion)
    signed["verification"] = {"type": "signed", "creator": "https://badges.example.org/keys/1"}
    header = {"alg": alg} if alg else {}
    return jose.sign_compact(header, json.dumps(signed).encode("utf-8"), key)


# --- SD-JWT VC -----------------------------------------------------------------------------


def sd_jwt_microcredential(key: Any = None, typ: str = "dc+sd-jwt") -> str:
    """An SD-JWT VC micro-credential; the learner's name and the achievement are disclosable."""
    claims = {
        "iss": "https://pukeko-polytechnic.example.nz/issuer",
        "iat": 1741910400,  # 2025-03-14T00:00:00Z
        "exp": 1899676800,  # 2030-03-14T00:00:00Z
        "vct": "https://pukeko-polytechnic.example.nz/vct/micro-credential",
        "sub": LEARNER_DID,
        "given_name": "Aroha",
        "family_name": "Ngata",
        "achievement": {
            "name": "Sustainable Horticulture Practice",
            "achievementType": "MicroCredential",
            "creditsAvailable": 15,
            "alignment": [
                {"targetName": "NZQF Level 5", "targetCode": "5", "targetFramework": "NZQF"}
            ],
        },
    }
    return jose.issue_sd_jwt(
        claims, ["given_name", "family_name", "achievement"], key or p256_key(), header={"typ": typ}
    )


# --- images --------------------------------------------------------------------------------


def small_png(size: int = 8) -> bytes:
    """A small real PNG made with Pillow."""
    buf = io.BytesIO()
    Image.new("RGBA", (size, size), (20, 120, 200, 255)).save(buf, format="PNG")
    return buf.getvalue()


SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">\n'
    b'  <circle cx="32" cy="32" r="30" fill="#1478c8"/>\n'
    b"</svg>\n"
)


def baked_png(text: str, keyword: str = "openbadgecredential") -> bytes:
    return bake_png(small_png(), keyword, text)


def baked_svg(text: str, ob_version: int = 3) -> bytes:
    return bake_svg(SVG, text, ob_version=ob_version)


def pretty(doc: dict[str, Any]) -> bytes:
    """JSON as an issuer would publish it (indented, UTF-8)."""
    return json.dumps(doc, indent=2, ensure_ascii=False).encode("utf-8")
