"""Open Badges 2.0 assertions: hosted JSON and signed (compact JWS) forms.

The badge class and issuer may be embedded or only linked by URL. Nothing is fetched here: a
linked badge class gives an honest fallback title (the last part of its URL) and no description;
`shown_description` is what the places showing a description say instead (in the reader's
language). Once an online check has confirmed the issuer's hosted copy, `confirmed_record` reads
the record again from that copy (wallet.verify.verifier keeps it).

Older assertions (OB 1.0, and OB 0.5 from the Mozilla Backpack) are read the same way, with
their own names for the date of issue (`issued_on`) and the issuer (`origin`, `org`): read for
display only, as the issuer wrote them, never as proof of anything.
"""

from __future__ import annotations

import dataclasses
import math
import re
from datetime import date, datetime
from typing import Any
from urllib.parse import urlsplit

from wallet.credential import BLOCKCERTS, HOSTED, JWS, OB2, UNSIGNED, Credential, Issuer
from wallet.formats import details
from wallet.formats.common import ident, image, issuer_of, last_part, text, timestamp, types
from wallet.messages import M, Msg, plain

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


MAX_DATE_CHARS = 40  # an `issued_on` longer than this is no date
MAX_UNIX_SECONDS = 10**11  # 5138 AD: a larger "timestamp" is no date of issue
MAX_ISSUER_CHARS = 200  # an OB 0.5 issuer's name or organisation shown, then "…"
MAX_URL_CHARS = 2000
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MOMENT = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
    r"(Z|[+-][0-9]{2}(:?[0-9]{2})?)?"
)
_SECONDS = re.compile(r"[0-9]{1,12}")


def is_open_badges_0_5(doc: dict[str, Any]) -> bool:
    """An Open Badges 0.5 assertion (the Mozilla Backpack's format before OB 1.0): no
    @context, and a badge whose `version` is 0.5 or whose issuer is named by its `origin`.
    The reader and the verifier (wallet.verify.ob2_hosted) both ask this."""
    badge = doc.get("badge")
    if "@context" in doc or not isinstance(badge, dict):
        return False
    version = badge.get("version")
    issuer = badge.get("issuer")
    return (isinstance(version, str) and version.strip().startswith("0.5")) or (
        isinstance(issuer, dict) and "origin" in issuer and "id" not in issuer
    )


def old_issue_date(value: Any) -> str | None:
    """An OB 0.5/1.0 `issued_on` as ISO 8601: a date or date and time as written, or a UNIX
    timestamp (a number or a string of digits) in UTC. Anything else is no date: None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and _SECONDS.fullmatch(value.strip()):
        value = int(value.strip())
    if isinstance(value, int):
        return timestamp(value) if 0 < value < MAX_UNIX_SECONDS else None
    if not isinstance(value, str) or len(value) > MAX_DATE_CHARS:
        return None
    written = value.strip()
    try:
        if _DAY.fullmatch(written):
            date.fromisoformat(written)
        elif _MOMENT.fullmatch(written):
            datetime.fromisoformat(written)
        else:
            return None
    except ValueError:  # 2011-13-45, 25:61
        return None
    return written


def _short(value: Any, limit: int) -> str | None:
    """A stranger's text on one line, cut to `limit` characters."""
    said = text(value)
    if not said:
        return None
    said = " ".join(said[: limit * 4].split())
    return said if len(said) <= limit else said[: limit - 1] + "…"


def _web_address(value: Any) -> str | None:
    """An http(s) address with a host, else None."""
    url = text(value)
    if not url or len(url) > MAX_URL_CHARS or not url.lower().startswith(("http://", "https://")):
        return None
    try:
        return url if urlsplit(url).hostname else None
    except ValueError:
        return None


def old_issuer(value: Any) -> Issuer:
    """An OB 0.5 badge's issuer: its `name` (and `org`, the organisation it issues for), else
    the host of its `origin`, else its `contact`. The origin is where it says it came from, not
    an identifier: nothing on a trust list may match it, so the issuer has no id."""
    profile = value if isinstance(value, dict) else {}
    name = _short(profile.get("name"), MAX_ISSUER_CHARS)
    org = _short(profile.get("org"), MAX_ISSUER_CHARS)
    origin = _web_address(profile.get("origin"))
    host = urlsplit(origin).hostname if origin else None
    if name and org and org != name:
        shown: str | None = f"{name} ({org})"
    else:
        shown = name or org or host or _short(profile.get("contact"), MAX_ISSUER_CHARS)
    return Issuer(id=None, name=shown, url=_web_address(profile.get("url")) or origin)


def read_assertion(doc: dict[str, Any], signed: bool = False) -> Credential:
    """Our record of an OB 2.0 assertion (`signed` when it came as a JWS)."""
    badge_value = doc.get("badge")
    badge = badge_value if isinstance(badge_value, dict) else {}
    badge_url = badge_value if isinstance(badge_value, str) else text(badge.get("id"))

    # Without a name, the last part of the badge's address: honest, if often a UUID. The record
    # says nothing more (`linked_details_note` says why, in the reader's language).
    title = text(badge.get("name")) or (last_part(badge_url) if badge_url else "Open Badge")
    description = text(badge.get("description"))

    aligned = details.alignments(badge.get("alignment") or badge.get("alignments"))
    old = is_open_badges_0_5(doc)
    issued = text(doc.get("issuedOn"))
    if issued is None and "@context" not in doc:  # OB 0.5 (and Backpack copies of OB 1.0)
        issued = old_issue_date(doc.get("issued_on"))
    cred = Credential(
        format=OB2,
        proof_form=_verification_form(doc, signed),
        title=title,
        description=description,
        image=image(doc.get("image")) or image(badge.get("image")),
        issuer=old_issuer(badge.get("issuer")) if old else issuer_of(badge.get("issuer")),
        subject_id=_subject(doc),
        subject_name=None,
        issued=issued,
        valid_from=issued,
        valid_until=text(doc.get("expires")),
        credential_id=ident(doc.get("id")) or text(doc.get("uid")),
        achievement_id=badge_url,
        achievement_type=text(badge.get("achievementType")),
        alignments=aligned,
        tags=details.tags(badge.get("tags")),
    )
    return details.with_education(cred, badge, {}, doc)


# The English sentence earlier versions kept as such a badge's description (never shown now).
_LEGACY_NOTE = (
    "The badge details (name, description, issuer) are not included in this assertion; "
    "they are published at {url}"
)


def linked_details_note(cred: Credential, *, for_holder: bool = True) -> Msg | None:
    """What to show for the description of an OB 2.0 badge whose details are only linked (its
    title is the last part of the badge's address), else None: where the issuer publishes
    them, and, for the learner (`for_holder`), that a check online brings them in; a reader of
    the portfolio gets the address alone. A record an earlier version kept with an English
    note as its description counts as having none."""
    url = cred.achievement_id
    if cred.format != OB2 or not url or cred.title != last_part(url):
        return None
    if cred.description and cred.description != _LEGACY_NOTE.format(url=url):
        return None
    if not for_holder:
        return M(
            "The badge's name, description and issuer are not in this file: the issuer "
            "publishes them at {url}.",
            url=url,
        )
    return M(
        "The badge's name, description and issuer are not in this file: the issuer publishes "
        "them at {url}. Check online to show them here.",
        url=url,
    )


def shown_description(cred: Credential, *, for_holder: bool = True) -> Msg | None:
    """The description the detail pane, `show` and the portfolio (`for_holder=False`) give:
    the credential's own (as written), or `linked_details_note`, or None."""
    note = linked_details_note(cred, for_holder=for_holder)
    if note is not None:
        return note
    return plain(cred.description) if cred.description else None


def confirmed_record(held: Credential, hosted: dict[str, Any]) -> Credential | None:
    """The record of a hosted assertion read from the issuer's copy (`hosted`: the assertion
    with the issuer's BadgeClass and Issuer Profile inside, as a passed hosted check confirmed
    it), keeping what the learner's copy alone decides: format, proof form, the image it came
    baked into and the assertion's own id. None when the copy holds no BadgeClass (a revoked
    stub) or names another issuer than the record (never taken over)."""
    if not isinstance(hosted.get("badge"), dict):
        return None
    fresh = read_assertion(hosted)
    if held.issuer.id is not None and fresh.issuer.id != held.issuer.id:
        return None
    return dataclasses.replace(
        fresh,
        format=held.format,
        proof_form=held.proof_form,
        baked=held.baked,
        credential_id=held.credential_id or fresh.credential_id,
    )
