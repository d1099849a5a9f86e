"""W3C Verifiable Credentials: Open Badges 3.0, CLR 2.0 and any other VC (1.1 or 2.0).

One reader for JSON-LD (embedded Data Integrity proof) and VC-JWT (the payload is the
credential, or a VC 1.1 JWT whose `vc` claim holds it and whose registered claims `iss`, `sub`,
`jti`, `nbf`, `exp` fill what the `vc` object leaves out).
"""

from __future__ import annotations

import base64
from typing import Any
from urllib.parse import unquote_to_bytes

from wallet.credential import (
    CLR2,
    DATA_INTEGRITY,
    OB3,
    UNSIGNED,
    VC,
    Credential,
)
from wallet.errors import FormatError
from wallet.formats import details
from wallet.formats.common import (
    as_list,
    humanize,
    ident,
    image,
    issuer_of,
    obj,
    stable_json,
    text,
    timestamp,
    types,
)
from wallet.messages import M

VC_CONTEXTS = ("https://www.w3.org/2018/credentials/v1", "https://www.w3.org/ns/credentials/v2")
OB3_TYPES = ("OpenBadgeCredential", "AchievementCredential", "EndorsementCredential")
CLR_TYPES = ("ClrCredential",)
MAX_PRESENTED = 100  # credentials one presentation may bring into the wallet
ENVELOPED = "EnvelopedVerifiableCredential"


def _contexts(doc: dict[str, Any]) -> list[str]:
    return [c for c in as_list(doc.get("@context")) if isinstance(c, str)]


def kind_of(doc: dict[str, Any]) -> str | None:
    """OB3 / CLR2 / VC for a credential object, None when it is not one."""
    t = set(types(doc))
    if t & set(CLR_TYPES):
        return CLR2
    if t & set(OB3_TYPES):
        return OB3
    if "VerifiablePresentation" in t:
        return None
    if "VerifiableCredential" in t:
        return VC
    if "credentialSubject" in doc and any(c in VC_CONTEXTS for c in _contexts(doc)):
        return VC
    return None


def from_jwt_claims(claims: dict[str, Any]) -> dict[str, Any]:
    """The credential object inside VC-JWT claims (VC 1.1 `vc` claim or VC 2.0 payload)."""
    vc = claims.get("vc")
    if not isinstance(vc, dict):
        return claims
    doc = dict(vc)
    if "issuer" not in doc and claims.get("iss"):
        doc["issuer"] = claims["iss"]
    if "id" not in doc and claims.get("jti"):
        doc["id"] = claims["jti"]
    if "issuanceDate" not in doc and "validFrom" not in doc:
        when = timestamp(claims.get("nbf") or claims.get("iat"))
        if when:
            doc["issuanceDate"] = when
    if "expirationDate" not in doc and "validUntil" not in doc:
        when = timestamp(claims.get("exp"))
        if when:
            doc["expirationDate"] = when
    subject = doc.get("credentialSubject")
    if isinstance(subject, dict) and "id" not in subject and claims.get("sub"):
        doc["credentialSubject"] = {**subject, "id": claims["sub"]}
    return doc


def _subject_identity(subject: dict[str, Any]) -> tuple[str | None, str | None]:
    """(subject id, subject name) from `id`/`name` or OB 3.0 `identifier` IdentityObjects."""
    sid = ident(subject.get("id"))
    name = text(subject.get("name"))
    if not name:
        given = text(subject.get("givenName") or subject.get("given_name"))
        family = text(subject.get("familyName") or subject.get("family_name"))
        name = " ".join(p for p in (given, family) if p) or None
    for idobj in as_list(subject.get("identifier")):
        if not isinstance(idobj, dict):
            continue
        value = text(idobj.get("identityHash"))
        itype = (text(idobj.get("identityType")) or "").lower()
        if not value:
            continue
        if idobj.get("hashed") and "$" not in value:
            value = f"sha256${value}"
        if itype == "name" and not idobj.get("hashed") and not name:
            name = value
        elif not sid:
            sid = value
    return sid, name


def _title(doc: dict[str, Any], achievement: dict[str, Any]) -> str:
    for candidate in (achievement.get("name"), doc.get("name")):
        t = text(candidate)
        if t:
            return t
    specific = [t for t in types(doc) if t != "VerifiableCredential"]
    if specific:
        return humanize(specific[-1])
    return "Verifiable Credential"


def read_credential(doc: dict[str, Any], proof_form: str | None = None) -> Credential:
    """Our record of a VC; `proof_form` is given for JWTs, else read from `proof`."""
    kind = kind_of(doc) or VC
    subjects = [s for s in as_list(doc.get("credentialSubject")) if isinstance(s, dict)]
    subject = subjects[0] if subjects else {}
    achievement = obj(subject.get("achievement")) if kind != CLR2 else {}
    if proof_form is None:
        proof_form = DATA_INTEGRITY if doc.get("proof") else UNSIGNED
    sid, sname = _subject_identity(subject)

    valid_from = text(doc.get("validFrom")) or text(doc.get("issuanceDate"))
    issued = text(doc.get("awardedDate")) or valid_from
    alignments = details.alignments(achievement.get("alignment")) + details.alignments(
        doc.get("alignment")
    )
    cred = Credential(
        format=kind,
        proof_form=proof_form,
        title=_title(doc, achievement),
        description=text(achievement.get("description")) or text(doc.get("description")),
        image=image(doc.get("image")) or image(achievement.get("image")),
        issuer=issuer_of(doc.get("issuer")),
        subject_id=sid,
        subject_name=sname,
        issued=issued,
        valid_from=valid_from,
        valid_until=text(doc.get("validUntil")) or text(doc.get("expirationDate")),
        credential_id=ident(doc.get("id")),
        achievement_id=ident(achievement.get("id")),
        achievement_type=text(achievement.get("achievementType")),
        alignments=alignments,
        tags=details.tags(achievement.get("tag") or doc.get("tag")),
    )
    return details.with_education(cred, achievement, subject, doc)


def nested_credentials(doc: dict[str, Any]) -> list[Any]:
    """The credentials a CLR carries (`credentialSubject.verifiableCredential`)."""
    out: list[Any] = []
    for subject in as_list(doc.get("credentialSubject")):
        if isinstance(subject, dict):
            out += as_list(subject.get("verifiableCredential"))
    return out


class Presentation(FormatError):
    """The bytes are a Verifiable Presentation (JSON, or a VP-JWT's `vp` claim), not one
    credential: `items` are the credentials it carries, each as the bytes of a credential of its
    own (a JWT or SD-JWT's text, an object's JSON), for the importer to take in one by one.

    Whoever reads a single credential gets the message; the holder's own signature is not
    judged: each credential is judged on its own, as if it had come alone.
    """

    def __init__(self, presentation: dict[str, Any]) -> None:
        super().__init__(
            M(
                "a Verifiable Presentation, not a credential: import the "
                "credentials inside it one by one"
            )
        )
        self.items = presented_credentials(presentation)


def presented_credentials(presentation: dict[str, Any]) -> list[bytes]:
    """The credentials a presentation's `verifiableCredential` holds (at most MAX_PRESENTED + 1,
    so a caller can tell there were too many): JWT strings as text, objects as JSON."""
    out: list[bytes] = []
    for item in as_list(presentation.get("verifiableCredential"))[: MAX_PRESENTED + 1]:
        if isinstance(item, dict) and ENVELOPED in types(item):
            inside = enveloped(item)
            if inside:
                out.append(inside)
                continue
        if isinstance(item, str) and item.strip():
            out.append(item.strip().encode("utf-8"))
        elif isinstance(item, dict) and item:
            out.append(stable_json(item))
    return out


def enveloped(item: dict[str, Any]) -> bytes | None:
    """The credential inside a VC 2.0 EnvelopedVerifiableCredential (its `data:` URL), stripped;
    None when it holds none (also what an issuer's exchange delivers enveloped)."""
    uri = item.get("id")
    if not isinstance(uri, str) or not uri.startswith("data:") or "," not in uri:
        return None
    head, _, body = uri[5:].partition(",")
    try:
        data = base64.b64decode(body, validate=True) if head.endswith(";base64") else None
    except ValueError:
        return None
    return (data if data is not None else unquote_to_bytes(body)).strip() or None
