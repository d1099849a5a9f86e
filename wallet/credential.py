"""The normalized credential record every format is parsed into.

One shape for Open Badges 2.0/3.0, CLR 2.0, W3C VCs and SD-JWT VCs, so that the store, search,
stacks and the UI never need to know which format a credential came in. The original bytes are
kept beside this record, untouched; this record is only our reading of them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

# What kind of credential it is (the standard it follows).
OB2 = "ob2"  # Open Badges 2.0 assertion
OB3 = "ob3"  # Open Badges 3.0 OpenBadgeCredential / AchievementCredential
CLR2 = "clr2"  # CLR 2.0 ClrCredential (a bundle of other credentials)
VC = "vc"  # any other W3C Verifiable Credential (1.1 or 2.0)
SD_JWT_VC = "sd-jwt-vc"  # IETF SD-JWT VC
FORMATS = (OB2, OB3, CLR2, VC, SD_JWT_VC)

# How it is secured (the envelope around it).
HOSTED = "hosted"  # OB 2.0 hosted verification: no signature, checked at its URL
JWS = "jws"  # OB 2.0 signed assertion (compact JWS)
DATA_INTEGRITY = "data-integrity"  # embedded JSON-LD proof
JWT = "jwt"  # VC-JWT / OB 3.0 JWT (compact JWS)
SD_JWT = "sd-jwt"  # issuer JWT plus disclosures
JADES = "jades"  # Europass EDC: JAdES seal (JWS JSON, unencoded payload, x5c certificate chain)
UNSIGNED = "none"  # no proof at all
BLOCKCERTS = "blockcerts"  # Blockcerts v2: a Merkle proof anchored in a blockchain
PROOF_FORMS = (HOSTED, JWS, DATA_INTEGRITY, JWT, SD_JWT, JADES, BLOCKCERTS, UNSIGNED)

# Whether it arrived baked into an image.
BAKED_PNG = "png"
BAKED_SVG = "svg"


@dataclass
class Issuer:
    id: str | None = None
    name: str | None = None
    url: str | None = None
    country: str | None = None  # where the awarding body is (an EU micro-credential element)


@dataclass
class Credits:
    """Workload. `unit` is one of ECTS, NZQF credits, hours, or whatever the issuer said."""

    value: float
    unit: str


@dataclass
class Level:
    """Level within a framework (EQF 1-8, NZQF 1-10, or another named framework)."""

    value: str
    framework: str


@dataclass
class Alignment:
    target_name: str | None = None
    target_url: str | None = None
    target_code: str | None = None
    target_framework: str | None = None
    target_type: str | None = None


@dataclass
class Credential:
    """Our reading of one credential. Everything optional except format and title."""

    format: str
    proof_form: str
    title: str
    description: str | None = None
    image: str | None = None  # a URL or data: URI as the credential gives it; never fetched here
    issuer: Issuer = field(default_factory=Issuer)
    subject_id: str | None = None
    subject_name: str | None = None
    issued: str | None = None  # ISO 8601 as written by the issuer
    valid_from: str | None = None
    valid_until: str | None = None
    credential_id: str | None = None  # the id the credential gives itself
    achievement_id: str | None = None
    achievement_type: str | None = None
    criteria: str | None = None
    credits: Credits | None = None
    level: Level | None = None
    learning_outcomes: list[str] = field(default_factory=list)
    assessment: str | None = None
    participation: str | None = None
    quality_assurance: str | None = None
    grade: str | None = None  # the learner's grade or result, as the issuer wrote it
    entry_requirements: str | None = None  # what a learner needed before enrolling
    volume_of_learning: Credits | None = None  # notional hours, when credits are given apart
    alignments: list[Alignment] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)  # keywords/tags the issuer gave
    baked: str | None = None  # BAKED_PNG / BAKED_SVG when it came inside an image

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Credential:
        """Rebuild from `to_dict` output; unknown keys from newer versions are ignored."""
        known = {f for f in cls.__dataclass_fields__}
        d = {k: v for k, v in data.items() if k in known}
        d["issuer"] = Issuer(**(d.get("issuer") or {}))
        if d.get("credits"):
            d["credits"] = Credits(**d["credits"])
        if d.get("level"):
            d["level"] = Level(**d["level"])
        if d.get("volume_of_learning"):
            d["volume_of_learning"] = Credits(**d["volume_of_learning"])
        d["alignments"] = [Alignment(**a) for a in d.get("alignments") or []]
        return cls(**d)


@dataclass
class Parsed:
    """One credential read from a source: our record plus the exact bytes it came from.

    `original` is what the user gave (a whole PNG for a baked badge); `payload` is the credential
    itself inside it (the JSON or JWT text), byte-exact. They are equal unless the credential was
    baked or nested. `children` are the credentials a CLR bundle carries.
    """

    credential: Credential
    original: bytes
    payload: bytes
    media_type: str  # of the original: application/json, application/jwt, image/png, ...
    children: list[Parsed] = field(default_factory=list)

    @property
    def payload_sha256(self) -> str:
        import hashlib  # here: the window's start-up never hashes (OpenSSL loads in ~5 ms)

        return hashlib.sha256(self.payload).hexdigest()

    @property
    def original_sha256(self) -> str:
        import hashlib

        return hashlib.sha256(self.original).hexdigest()
