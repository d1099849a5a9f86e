"""IETF SD-JWT VCs (`typ` `dc+sd-jwt` or the older `vc+sd-jwt`).

The record is read from the processed payload with every disclosure the text carries. An
SD-JWT whose payload is W3C VC shaped (`@context`, `credentialSubject`), or carries such a VC in
its `vc` claim (walt.id's "W3C SD-JWT"), is read like a VC.
For flat SD-JWT VC claims, education details may sit in an OB 3.0-style `achievement` object;
the person's name comes from `given_name`/`family_name` or `name`; `vct` is the achievement
type and the title of last resort.
"""

from __future__ import annotations

import re

from wallet.credential import SD_JWT, SD_JWT_VC, Credential, Issuer
from wallet.errors import FormatError
from wallet.formats import details, vc
from wallet.formats.common import humanize, ident, image, issuer_of, obj, text, timestamp
from wallet.messages import M
from wallet.proofs.jose import sd_jwt_processed

SD_JWT_VC_TYPES = ("dc+sd-jwt", "vc+sd-jwt")


def _vct_title(vct: str) -> str:
    if re.match(r"https?://", vct):
        path = re.sub(r"[?#].*$", "", vct).rstrip("/").split("/")[3:]
        segments = [p for p in path if p and not re.fullmatch(r"v?\d+(\.\d+)*", p)]
        if segments:
            return humanize(segments[-1])
    return vct


def read_sd_jwt(token: str) -> Credential:
    """Our record of an SD-JWT (VC) from its processed payload (all disclosures applied).

    A disclosure that matches no signed digest (changed, or taken from another credential) is
    left out of the record rather than refused: the file is still a credential, a forged one,
    and verification reports it as failed (RFC 9901) instead of "not a credential".
    """
    header, claims = sd_jwt_processed(token, strict=False)
    typ = str(header.get("typ") or "")
    vct = text(claims.get("vct"))
    is_sd_jwt_vc = typ in SD_JWT_VC_TYPES or vct is not None
    # The VC may be the payload itself, or sit in a `vc` claim (walt.id's "W3C SD-JWT": a
    # VC 1.1 JWT whose `vc` carries the digests), where its @context and type are.
    document = vc.from_jwt_claims(claims)
    if vc.kind_of(document) and not vct:
        cred = vc.read_credential(document, proof_form=SD_JWT)
        if not cred.issuer.id:
            cred.issuer.id = text(claims.get("iss"))
        return cred
    if not is_sd_jwt_vc:
        raise FormatError(
            M("not a credential: an SD-JWT with no credential type (vct) or @context")
        )

    achievement = obj(claims.get("achievement"))
    issuer = issuer_of(claims.get("issuer"))
    given = text(claims.get("given_name"))
    family = text(claims.get("family_name"))
    subject_name = " ".join(p for p in (given, family) if p) or text(claims.get("name"))
    title = (
        text(achievement.get("name"))
        or text(claims.get("title"))
        or text(claims.get("credential_name"))
        or (_vct_title(vct) if vct else None)
        or "SD-JWT credential"
    )
    cred = Credential(
        format=SD_JWT_VC,
        proof_form=SD_JWT,
        title=title,
        description=text(achievement.get("description")) or text(claims.get("description")),
        image=image(claims.get("image")) or image(achievement.get("image")),
        issuer=Issuer(
            id=text(claims.get("iss")) or issuer.id,
            name=issuer.name
            or text(claims.get("issuer_name"))
            or text(claims.get("issuing_authority")),
            url=issuer.url,
            country=issuer.country,
        ),
        subject_id=text(claims.get("sub")),
        subject_name=subject_name,
        issued=timestamp(claims.get("iat")),
        valid_from=timestamp(claims.get("nbf")) or timestamp(claims.get("iat")),
        valid_until=timestamp(claims.get("exp")),
        credential_id=text(claims.get("jti")),
        achievement_id=ident(achievement.get("id")),
        achievement_type=text(achievement.get("achievementType")) or vct,
        alignments=details.alignments(achievement.get("alignment")),
        tags=details.tags(achievement.get("tag") or claims.get("tag")),
    )
    return details.with_education(cred, achievement, claims, claims)
