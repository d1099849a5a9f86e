"""Open Badges 2.0 assertions: hosted JSON and signed (compact JWS) forms.

The badge class and issuer may be embedded or only linked by URL. Nothing is fetched here: a
linked badge class gives an honest fallback title (the last part of its URL) and a description
that says the details live at that address.
"""

from __future__ import annotations

from typing import Any

from wallet.credential import BLOCKCERTS, HOSTED, JWS, OB2, UNSIGNED, Credential
from wallet.formats import details
from wallet.formats.common import ident, image, issuer_of, last_part, text, types

OB2_CONTEXTS = ("w3id.org/openbadges/v2", "openbadgespec.org/v1", "w3id.org/openbadges/v1")


def is_assertion(doc: dict[str, Any]) -> bool:
    """An OB 2.0 (or 1.x) assertion: its type, its context, or its recipient + badge shape."""
    ctx = doc.get("@context")
    ctx_text = " ".join(c for c in (ctx if isinstance(ctx, list) else [ctx]) if isinstance(c, str))
    if "credentialSubject" in doc:
        return False
    if "Assertion" in types(doc):
        return True
    if any(c in ctx_text for c in OB2_CONTEXTS) and "badge" in doc:
        return True
    return "recipient" in doc and "badge" in doc


def is_badge_class(doc: dict[str, Any]) -> bool:
    """An OB 2.0 BadgeClass or Issuer profile: a definition, not an awarded badge."""
    return bool({"BadgeClass", "Issuer", "Profile"} & set(types(doc))) and "recipient" not in doc


def has_blockcerts_signature(doc: dict[str, Any]) -> bool:
    """A Blockcerts v2 `signature` block: a MerkleProof2017 with its target hash, Merkle root
    and blockchain anchors (the same test the verifier makes before checking it)."""
    signature = doc.get("signature")
    return (
        isinstance(signature, dict)
        and "MerkleProof2017" in types(signature)
        and all(k in signature for k in ("targetHash", "merkleRoot", "anchors"))
    )


def _verification_form(doc: dict[str, Any], signed: bool) -> str:
    """How the assertion is secured. A Blockcerts certificate is signed by its Merkle proof
    (wallet.verify.blockcerts), whatever its `verification` block says."""
    if signed:
        return JWS
    if has_blockcerts_signature(doc):
        return BLOCKCERTS
    verification = doc.get("verification")
    vtype = text(verification.get("type")) if isinstance(verification, dict) else None
    if (vtype or "hosted").lower() in ("hosted", "hostedbadge"):
        return HOSTED
    return UNSIGNED


def _subject(doc: dict[str, Any]) -> str | None:
    recipient = doc.get("recipient")
    if isinstance(recipient, str):  # OB 1.0: a bare (often hashed) email
        return recipient
    if not isinstance(recipient, dict):
        return None
    identity = text(recipient.get("identity"))
    if identity and recipient.get("hashed") and "$" not in identity:
        identity = f"sha256${identity}"
    return identity


def read_assertion(doc: dict[str, Any], signed: bool = False) -> Credential:
    """Our record of an OB 2.0 assertion (`signed` when it came as a JWS)."""
    badge_value = doc.get("badge")
    badge = badge_value if isinstance(badge_value, dict) else {}
    badge_url = badge_value if isinstance(badge_value, str) else text(badge.get("id"))

    title = text(badge.get("name"))
    description = text(badge.get("description"))
    if not title:
        title = last_part(badge_url) if badge_url else "Open Badge"
        if not description and badge_url:
            description = (
                f"The badge details (name, description, issuer) are not included "
                f"in this assertion; they are published at {badge_url}"
            )

    aligned = details.alignments(badge.get("alignment") or badge.get("alignments"))
    cred = Credential(
        format=OB2,
        proof_form=_verification_form(doc, signed),
        title=title,
        description=description,
        image=image(doc.get("image")) or image(badge.get("image")),
        issuer=issuer_of(badge.get("issuer")),
        subject_id=_subject(doc),
        subject_name=None,
        issued=text(doc.get("issuedOn")),
        valid_from=text(doc.get("issuedOn")),
        valid_until=text(doc.get("expires")),
        credential_id=ident(doc.get("id")) or text(doc.get("uid")),
        achievement_id=badge_url,
        achievement_type=text(badge.get("achievementType")),
        alignments=aligned,
        tags=details.tags(badge.get("tags")),
    )
    return details.with_education(cred, badge, {}, doc)
