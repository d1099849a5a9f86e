#!/usr/bin/env python3
"""Write the demo credentials in resources/demo/ from the demo issuer key.

Why: the app's demo wallet (and anyone trying the wallet) needs realistic, really signed
credentials in every format the wallet reads, from an issuer that is plainly not real. Output is
reproducible: fixed dates, fixed ids, deterministic signatures (Ed25519, RSA PKCS#1 v1.5) and
fixed SD-JWT salts, so re-running this script changes nothing unless this script changes.

Usage: python scripts/make_demo.py [--out resources/demo]
The demo key is read from resources/demo/issuer-key.json; if that file is missing, a new one is
made (Ed25519 and P-256 keys derived from fixed labels, plus an RSA key for OB 2.0) and written.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import gzip
import hashlib
import io
import json
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from wallet.proofs import keys, signing

ROOT = Path(__file__).resolve().parent.parent
ISSUER_NAME = "Demo Polytechnic (DEMO ISSUER — not a real institution)"
ISSUER_URL = "https://demo-polytechnic.example"
LEARNER_NAME = "Aroha Demo-Learner"
LEARNER_EMAIL = "aroha.demo-learner@example.org"
OB3_CONTEXT = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
]
UNDEFINED_TERMS_CONTEXT = "https://www.w3.org/ns/credentials/undefined-terms/v2"
STATUS_LIST_URL = f"{ISSUER_URL}/status/revocation/1"
STATUS_LIST_BITS = 131072  # 16 KiB, the minimum size the Bitstring Status List spec asks for
REVOKED_INDEX = 7
CREATED = "2026-03-02T09:00:00Z"
NS = uuid.UUID("6f1d3c52-1b0e-4d51-9a0b-6a4e2e0d5c11")  # namespace for the demo's fixed ids

DEMO_WARNING = (
    "DEMO ONLY. This key is published with the Learner Wallet source code and is NOT secret: "
    "anyone can sign with it. Credentials signed by it prove nothing about anyone."
)


def _uid(name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NS, name)}"


# --- keys -------------------------------------------------------------------------------------


def _seed(label: str) -> bytes:
    return hashlib.sha256(f"learner-wallet demo key: {label}".encode()).digest()


def make_key_file(path: Path) -> dict[str, Any]:
    """Create the demo key file (reproducible apart from the RSA key, which is kept once made)."""
    ed = ed25519.Ed25519PrivateKey.from_private_bytes(_seed("issuer ed25519"))
    p256 = ec.derive_private_key(int.from_bytes(_seed("issuer p-256"), "big"), ec.SECP256R1())
    learner = ed25519.Ed25519PrivateKey.from_private_bytes(_seed("learner ed25519"))
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    rsa_pem = rsa_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode("ascii")

    def entry(key: ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey) -> dict[str, Any]:
        pub = key.public_key()
        return {
            "did": keys.did_key_from_public_key(pub),
            "verificationMethod": keys.did_key_verification_method(pub),
            "publicKeyMultibase": keys.public_key_to_multikey(pub),
            "secretKeyMultibase": keys.private_key_to_multibase(key),
            "privateJwk": keys.private_key_to_jwk(key),
        }

    data = {
        "warning": DEMO_WARNING,
        "issuer": {"name": ISSUER_NAME, "url": ISSUER_URL},
        "ed25519": entry(ed),
        "p256": entry(p256),
        "rsa": {
            "purpose": "OB 2.0 signed assertion (RS256); public key id below is illustrative",
            "publicKeyId": f"{ISSUER_URL}/keys/ob2-rsa",
            "publicJwk": keys.public_key_to_jwk(rsa_key.public_key()),
            "privateKeyPem": rsa_pem,
        },
        "learner": {"name": LEARNER_NAME, **entry(learner)},
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return data


class DemoKeys:
    """The demo issuer's keys, read from issuer-key.json."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self.ed25519 = keys.private_key_from_multibase(data["ed25519"]["secretKeyMultibase"])
        self.did = data["ed25519"]["did"]
        self.vm = data["ed25519"]["verificationMethod"]
        self.rsa = serialization.load_pem_private_key(
            data["rsa"]["privateKeyPem"].encode("ascii"), password=None
        )
        self.rsa_key_id = data["rsa"]["publicKeyId"]
        self.learner_did = data["learner"]["did"]


def load_keys(path: Path) -> DemoKeys:
    data = json.loads(path.read_text(encoding="utf-8")) if path.exists() else make_key_file(path)
    return DemoKeys(data)


# --- OB 3.0 building blocks ---------------------------------------------------------------


def issuer_profile(k: DemoKeys) -> dict[str, Any]:
    return {
        "id": k.did,
        "type": ["Profile"],
        "name": ISSUER_NAME,
        "url": ISSUER_URL,
        "description": "A made-up polytechnic used only for Learner Wallet demonstrations.",
        "email": "demo-issuer@example.org",
        "address": {
            "type": ["Address"],
            "addressCountry": "New Zealand",
            "addressCountryCode": "NZ",
            "addressLocality": "Demo Town",
        },
    }


def learner_subject(
    k: DemoKeys,
    achievement: dict[str, Any],
    *,
    email: bool = False,
    results: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    identifiers = [
        {
            "type": ["IdentityObject"],
            "identityHash": LEARNER_NAME,
            "identityType": "name",
            "hashed": False,
        }
    ]
    if email:
        identifiers.append(
            {
                "type": ["IdentityObject"],
                "identityHash": LEARNER_EMAIL,
                "identityType": "emailAddress",
                "hashed": False,
            }
        )
    subject: dict[str, Any] = {
        "id": k.learner_did,
        "type": ["AchievementSubject"],
        "identifier": identifiers,
        "achievement": achievement,
    }
    if results:
        subject["result"] = results
    return subject


def level_alignment(framework: str, level: int) -> dict[str, Any]:
    """A qualifications-framework level as an OB 3.0 Alignment (its natural OB 3.0 home)."""
    if framework == "NZQF":
        return {
            "type": ["Alignment"],
            "targetName": f"NZQF Level {level}",
            "targetFramework": "New Zealand Qualifications and Credentials Framework (NZQCF)",
            "targetCode": str(level),
            "targetType": "ext:QualificationsFrameworkLevel",
            "targetUrl": "https://www.nzqa.govt.nz/",
        }
    return {
        "type": ["Alignment"],
        "targetName": f"EQF Level {level}",
        "targetFramework": "European Qualifications Framework (EQF)",
        "targetCode": str(level),
        "targetType": "ext:QualificationsFrameworkLevel",
        "targetUrl": "https://europass.europa.eu/en/description-eight-eqf-levels",
    }


def micro_achievement(
    slug: str,
    name: str,
    description: str,
    *,
    credits: float,
    unit: str,
    framework: str,
    level: int,
    field: str,
    outcomes: list[str],
    assessment: str,
    participation: str,
    hours: int,
    grade: bool = False,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """An OB 3.0 Achievement of type MicroCredential, and the learner's results for it."""
    status_rd = _uid(f"{slug}/result/status")
    result_descriptions = [
        {
            "id": status_rd,
            "type": ["ResultDescription"],
            "name": "Course completion",
            "resultType": "Status",
        }
    ]
    results = [{"type": ["Result"], "resultDescription": status_rd, "status": "Completed"}]
    if grade:
        grade_rd = _uid(f"{slug}/result/grade")
        result_descriptions.append(
            {
                "id": grade_rd,
                "type": ["ResultDescription"],
                "name": "Final grade",
                "resultType": "LetterGrade",
                "allowedValue": ["A+", "A", "A-", "B+", "B", "B-", "C+", "C"],
            }
        )
        results.append({"type": ["Result"], "resultDescription": grade_rd, "value": "A-"})
    achievement = {
        "id": f"{ISSUER_URL}/achievements/{slug}",
        "type": ["Achievement"],
        "achievementType": "MicroCredential",
        "name": name,
        "description": description,
        "criteria": {
            "narrative": "Complete every learning activity and pass the summative "
            f"assessment: {assessment[0].lower()}{assessment[1:]}"
        },
        "creditsAvailable": credits,
        "fieldOfStudy": field,
        "humanCode": slug.upper().replace("-", "")[:10],
        "inLanguage": "en-NZ" if framework == "NZQF" else "en",
        "alignment": [level_alignment(framework, level)],
        "resultDescription": result_descriptions,
        # EU/NZ micro-credential elements that OB 3.0 has no property for (see README.md)
        "microCredentialExtension": {
            "type": ["MicroCredentialExtension"],
            "creditUnit": unit,
            "level": {"framework": framework, "value": str(level)},
            "learningOutcomes": outcomes,
            "assessment": assessment,
            "participation": participation,
            "qualityAssurance": "Demo statement: programme approved by the Demo Polytechnic "
            "Academic Board (a made-up body).",
            "notionalLearningHours": hours,
            "identityVerification": "Learner identity checked against photo ID at the "
            "supervised assessment.",
        },
    }
    return achievement, results


def status_entry(index: int) -> dict[str, Any]:
    """This credential's place in the demo issuer's revocation list."""
    return {
        "id": f"{STATUS_LIST_URL}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": STATUS_LIST_URL,
    }


def _status_index(slug: str) -> int:
    """A fixed, unset index per credential (the revoked one uses REVOKED_INDEX)."""
    return 1000 + int(hashlib.sha256(slug.encode()).hexdigest(), 16) % 100_000


def ob3_credential(
    k: DemoKeys,
    slug: str,
    name: str,
    subject: dict[str, Any],
    *,
    valid_from: str,
    valid_until: str | None = None,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """An OB 3.0 credential; like real issuers', each has an entry in the status list."""
    cred: dict[str, Any] = {
        "@context": list(OB3_CONTEXT),
        "id": _uid(f"credential/{slug}"),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": name,
        "issuer": issuer_profile(k),
        "validFrom": valid_from,
    }
    if valid_until:
        cred["validUntil"] = valid_until
    cred["credentialSubject"] = subject
    cred["credentialStatus"] = status_entry(_status_index(slug))
    cred.update(extra or {})
    return cred


def plain_badge(slug: str, name: str, description: str, narrative: str) -> dict[str, Any]:
    return {
        "id": f"{ISSUER_URL}/achievements/{slug}",
        "type": ["Achievement"],
        "achievementType": "Badge",
        "name": name,
        "description": description,
        "criteria": {"narrative": narrative},
    }


def sign(k: DemoKeys, cred: dict[str, Any], suite: str = signing.EDDSA_RDFC_2022) -> dict:
    """Sign with the demo key after making sure no value would be left out of the proof."""
    if suite == signing.EDDSA_RDFC_2022:
        dropped = signing.unsigned_strings(cred)
        if dropped:
            raise SystemExit(f"{cred.get('name')}: values not covered by the proof: {dropped}")
    return signing.sign_data_integrity(cred, k.ed25519, k.vm, suite, CREATED)


# --- the demo set ----------------------------------------------------------------------------


def micro_credentials(k: DemoKeys) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    specs = [
        (
            "01-data-analysis-with-python",
            "data-analysis-with-python",
            "Data Analysis with Python",
            "Clean, explore and visualise real data sets with Python and pandas, and report "
            "findings to a non-technical audience.",
            dict(
                credits=15,
                unit="NZQF credits",
                framework="NZQF",
                level=5,
                field="Information Technology — Data Analytics",
                outcomes=[
                    "Import, clean and reshape tabular data with pandas",
                    "Choose and build charts that answer a stated question",
                    "Apply basic descriptive statistics and explain their limits",
                    "Write a short reproducible analysis report",
                ],
                assessment="Portfolio of three analysis projects marked against published "
                "criteria, plus a short oral walkthrough",
                participation="Blended: online self-paced modules with four evening "
                "workshops on campus",
                hours=150,
                grade=True,
            ),
            "2026-02-20T00:00:00Z",
        ),
        (
            "02-sustainable-construction-practice",
            "sustainable-construction-practice",
            "Sustainable Construction Practice",
            "Reduce waste, energy and embodied carbon on residential building sites.",
            dict(
                credits=10,
                unit="NZQF credits",
                framework="NZQF",
                level=4,
                field="Construction — Building Practice",
                outcomes=[
                    "Plan on-site waste minimisation and material reuse",
                    "Explain embodied carbon of common building materials",
                    "Apply insulation and airtightness practice to the Building Code",
                ],
                assessment="Workplace observation by an assessor and a site waste plan",
                participation="Work-integrated: on the learner's own building site, with "
                "two block days on campus",
                hours=100,
            ),
            "2026-04-10T00:00:00Z",
        ),
        (
            "03-cloud-security-fundamentals",
            "cloud-security-fundamentals",
            "Cloud Security Fundamentals",
            "Secure identities, networks and data in public cloud services.",
            dict(
                credits=5,
                unit="ECTS",
                framework="EQF",
                level=6,
                field="Information and Communication Technologies — Cybersecurity",
                outcomes=[
                    "Design least-privilege identity and access policies",
                    "Configure network segmentation and encryption at rest and in transit",
                    "Detect misconfigurations using audit logs and posture tools",
                ],
                assessment="Supervised online examination (90 minutes) and a graded lab report",
                participation="Online, tutor-led over six weeks",
                hours=130,
                grade=True,
            ),
            "2026-05-15T00:00:00Z",
        ),
        (
            "04-te-reo-maori-in-the-workplace",
            "te-reo-maori-in-the-workplace",
            "Te Reo Māori in the Workplace",
            "Use everyday te reo Māori and tikanga with confidence at work: greetings, "
            "introductions (pepeha), karakia and workplace conversations.",
            dict(
                credits=5,
                unit="NZQF credits",
                framework="NZQF",
                level=3,
                field="Languages — Te Reo Māori",
                outcomes=[
                    "Greet, farewell and introduce oneself with a pepeha",
                    "Pronounce te reo Māori names and place names correctly",
                    "Open and close a hui with an appropriate karakia",
                    "Explain tikanga relevant to the learner's workplace",
                ],
                assessment="Spoken assessment: a recorded mihi and a role-played workplace "
                "conversation",
                participation="In person, weekly evening classes over eight weeks",
                hours=50,
            ),
            "2026-06-05T00:00:00Z",
        ),
    ]
    for filename, slug, name, description, kw, issued in specs:
        achievement, results = micro_achievement(slug, name, description, **kw)
        subject = learner_subject(k, achievement, results=results)
        cred = ob3_credential(k, slug, name, subject, valid_from=issued)
        # the extension's terms have no published context: VC 2.0's undefined-terms context
        # maps them to issuer-dependent IRIs, so they are still covered by the signature
        cred["@context"].append(UNDEFINED_TERMS_CONTEXT)
        out[f"{filename}.json"] = sign(k, cred)
    return out


def bitstring_status_list(revoked: list[int]) -> str:
    """Multibase base64url of the GZIP-compressed bitstring (index 0 = left-most bit)."""
    bits = bytearray(STATUS_LIST_BITS // 8)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    return "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits), mtime=0)).decode().rstrip("=")


def status_list_credential(k: DemoKeys) -> dict[str, Any]:
    cred = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": STATUS_LIST_URL,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": k.did,
        "validFrom": "2026-07-01T00:00:00Z",
        "credentialSubject": {
            "id": f"{STATUS_LIST_URL}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": bitstring_status_list([REVOKED_INDEX]),
        },
    }
    return sign(k, cred)


def badges(k: DemoKeys) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    # a participation badge, JCS-signed, with an email identifier
    ach = plain_badge(
        "open-day-volunteer",
        "Open Day Volunteer",
        "Volunteered as a campus guide at the Demo Polytechnic Open Day 2026.",
        "Guide visitors for at least four hours on Open Day.",
    )
    cred = ob3_credential(
        k,
        "open-day-volunteer",
        "Open Day Volunteer",
        learner_subject(k, ach, email=True),
        valid_from="2026-03-14T00:00:00Z",
    )
    out["05-open-day-volunteer-jcs.json"] = sign(k, cred, signing.EDDSA_JCS_2022)

    # expired: validity ended in 2025
    ach = plain_badge(
        "first-aid-refresher-2024",
        "First Aid Refresher (2024)",
        "Attended a one-day workplace first aid refresher.",
        "Attend the full day and pass the practical CPR check.",
    )
    cred = ob3_credential(
        k,
        "first-aid-refresher-2024",
        "First Aid Refresher (2024)",
        learner_subject(k, ach),
        valid_from="2024-06-01T00:00:00Z",
        valid_until="2025-06-01T00:00:00Z",
    )
    out["06-first-aid-refresher-expired.json"] = sign(k, cred)

    # revoked through the demo Bitstring Status List
    ach = plain_badge(
        "library-induction",
        "Library Induction",
        "Completed the library and research skills induction.",
        "Complete the induction quiz.",
    )
    cred = ob3_credential(
        k,
        "library-induction",
        "Library Induction",
        learner_subject(k, ach),
        valid_from="2026-02-25T00:00:00Z",
        extra={"credentialStatus": status_entry(REVOKED_INDEX)},
    )
    out["07-library-induction-revoked.json"] = sign(k, cred)
    return out


def ob2_signed_assertion(k: DemoKeys) -> str | None:
    """An OB 2.0 signed assertion (compact JWS, RS256) with embedded badge class and issuer."""
    try:
        from wallet.proofs import jose
    except ImportError:
        return None
    salt = "demo-salt-1f3a"
    identity = "sha256$" + hashlib.sha256((LEARNER_EMAIL + salt).encode()).hexdigest()
    assertion = {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": _uid("ob2/peer-mentor"),
        "recipient": {"type": "email", "hashed": True, "salt": salt, "identity": identity},
        "badge": {
            "type": "BadgeClass",
            "id": f"{ISSUER_URL}/ob2/badges/peer-mentor",
            "name": "Peer Mentor",
            "description": "Mentored first-year students for a full semester.",
            "criteria": {"narrative": "Meet your mentees fortnightly for one semester."},
            "issuer": {
                "type": "Issuer",
                "id": f"{ISSUER_URL}/ob2/issuer",
                "name": ISSUER_NAME,
                "url": ISSUER_URL,
                "email": "demo-issuer@example.org",
                "publicKey": k.rsa_key_id,
            },
            "tags": ["mentoring", "leadership"],
        },
        "verification": {"type": "SignedBadge", "creator": k.rsa_key_id},
        "issuedOn": "2026-07-03T00:00:00Z",
    }
    payload = json.dumps(assertion, ensure_ascii=False, separators=(",", ":")).encode()
    return jose.sign_compact({"alg": "RS256"}, payload, k.rsa)


def vc_jwt(k: DemoKeys) -> str | None:
    """An OB 3.0 credential secured as a VC-JWT (EdDSA, kid = the did:key method)."""
    try:
        from wallet.proofs import jose
    except ImportError:
        return None
    ach = plain_badge(
        "digital-literacy-essentials",
        "Digital Literacy Essentials",
        "Uses email, calendars, shared documents and video calls confidently.",
        "Complete five practical tasks observed by a tutor.",
    )
    cred = ob3_credential(
        k,
        "digital-literacy-essentials",
        "Digital Literacy Essentials",
        learner_subject(k, ach),
        valid_from="2026-07-10T00:00:00Z",
    )
    claims = {
        "iss": k.did,
        "sub": k.learner_did,
        "jti": cred["id"],
        "nbf": 1783641600,  # 2026-07-10T00:00:00Z
        "iat": 1783641600,
        "vc": cred,
    }
    payload = json.dumps(claims, ensure_ascii=False, separators=(",", ":")).encode()
    return jose.sign_compact({"alg": "EdDSA", "typ": "JWT", "kid": k.vm}, payload, k.ed25519)


@contextlib.contextmanager
def _fixed_salts(jose_module: Any, seed: str) -> Iterator[None]:
    """Deterministic SD-JWT salts, so the demo output is reproducible (demo data only)."""
    counter = iter(range(1000))
    real = jose_module.random_salt

    def salt() -> str:
        digest = hashlib.sha256(f"{seed}/{next(counter)}".encode()).digest()[:16]
        return base64.urlsafe_b64encode(digest).decode().rstrip("=")

    jose_module.random_salt = salt
    try:
        yield
    finally:
        jose_module.random_salt = real


def sd_jwt_vc(k: DemoKeys) -> str | None:
    """An SD-JWT VC (typ dc+sd-jwt, EdDSA) whose personal claims are selectively disclosable."""
    try:
        from wallet.proofs import jose
    except ImportError:
        return None
    if not hasattr(jose, "issue_sd_jwt"):
        return None
    claims = {
        "iss": k.did,
        "iat": 1784160000,  # 2026-07-16T00:00:00Z
        "vct": f"{ISSUER_URL}/credentials/health-and-safety-induction",
        "sub": k.learner_did,
        "issuer_name": ISSUER_NAME,
        "achievement": {
            "id": f"{ISSUER_URL}/achievements/health-and-safety-induction",
            "name": "Workshop Health and Safety Induction",
            "description": "Completed the workshop health and safety induction: hazard "
            "identification, PPE and emergency procedures.",
            "achievementType": "Badge",
            "criteria": {"narrative": "Attend the induction and pass the walk-through check."},
        },
        "given_name": "Aroha",
        "family_name": "Demo-Learner",
        "email": LEARNER_EMAIL,
        "completion_date": "2026-07-15",
    }
    with _fixed_salts(jose, "demo sd-jwt vc"):
        return jose.issue_sd_jwt(
            claims,
            ["given_name", "family_name", "email", "completion_date"],
            k.ed25519,
            header={"kid": k.vm},
        )


def baked_png(k: DemoKeys, credential: dict[str, Any]) -> bytes | None:
    """The credential baked into a small generated PNG (if the formats layer can bake)."""
    try:
        from PIL import Image, ImageDraw

        from wallet.formats.baked import bake_png
    except ImportError:
        return None
    img = Image.new("RGB", (256, 256), (18, 94, 92))
    draw = ImageDraw.Draw(img)
    draw.ellipse((24, 24, 232, 232), fill=(240, 190, 60), outline=(255, 255, 255), width=6)
    draw.rectangle((88, 112, 168, 144), fill=(18, 94, 92))
    draw.text((70, 200), "DEMO BADGE", fill=(255, 255, 255))
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False)
    text = json.dumps(credential, ensure_ascii=False, separators=(",", ":"))
    return bake_png(buf.getvalue(), "openbadgecredential", text)


def write_json(path: Path, doc: dict[str, Any]) -> None:
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def build(out: Path) -> list[str]:
    """Write every demo file under `out`; return notes on anything that could not be made."""
    k = load_keys(out / "issuer-key.json")
    creds_dir = out / "credentials"
    creds_dir.mkdir(parents=True, exist_ok=True)
    for old in creds_dir.iterdir():
        if old.is_file():
            old.unlink()
    notes: list[str] = []
    items: dict[str, dict[str, Any]] = {}
    items.update(micro_credentials(k))
    items.update(badges(k))
    for name, doc in items.items():
        write_json(creds_dir / name, doc)
    write_json(out / "status-list.json", status_list_credential(k))

    texts = {
        "08-peer-mentor-ob2-signed.jws": ob2_signed_assertion(k),
        "09-digital-literacy-vc.jwt": vc_jwt(k),
        "10-health-safety-induction.sd-jwt": sd_jwt_vc(k),
    }
    for name, value in texts.items():
        if value is None:
            notes.append(f"{name}: not made (wallet.proofs.jose lacks what it needs)")
        else:
            (creds_dir / name).write_text(value, encoding="utf-8")

    ach = plain_badge(
        "campus-sustainability-week",
        "Campus Sustainability Week",
        "Took part in Campus Sustainability Week 2026.",
        "Attend three sustainability week events.",
    )
    cred = ob3_credential(
        k,
        "campus-sustainability-week",
        "Campus Sustainability Week",
        learner_subject(k, ach),
        valid_from="2026-08-21T00:00:00Z",
    )
    png = baked_png(k, sign(k, cred))
    if png is None:
        notes.append("11-campus-sustainability-week-baked.png: not made (no bake_png)")
    else:
        (creds_dir / "11-campus-sustainability-week-baked.png").write_bytes(png)
    return notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "demo")
    args = parser.parse_args(argv)
    for note in build(args.out):
        print(note, file=sys.stderr)
    for path in sorted((args.out / "credentials").iterdir()):
        print(path.relative_to(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
