"""Read any credential the wallet supports into one normalized `Parsed` record.

`parse(data)` detects the format by content (a file name is only a hint for messages): PNG and
SVG badges are unbaked, JSON is read as an Open Badges 2.0 assertion or a W3C VC (Open Badges
3.0, CLR 2.0 or generic), compact JWS as an OB 2.0 signed assertion or a VC-JWT, and
`jwt~disclosures~` as an SD-JWT VC. Every problem is a `FormatError` with a one-line message;
no other exception leaves `parse`. A presentation (JSON or VP-JWT) is no single credential: its
`Presentation` error carries the credentials inside, which the importer takes in one by one.

Values this package emits (see wallet.credential):
  format      ob2, ob3, clr2, vc, sd-jwt-vc
  proof_form  hosted, jws (OB 2.0 signed), data-integrity, jwt, sd-jwt, jades (a Europass
              EDC sealed with JAdES: the payload is the whole seal), none
  media_type  application/json, application/jwt, application/vc+sd-jwt, image/png,
              image/svg+xml
"""

from __future__ import annotations

import re
from typing import Any

from wallet.credential import BAKED_PNG, BAKED_SVG, CLR2, JWT, Parsed
from wallet.errors import FormatError
from wallet.formats import edc, ob2, sdjwt, vc
from wallet.formats.baked import (
    PNG_SIGNATURE,
    BakedText,
    bake_png,
    bake_svg,
    unbake_png,
    unbake_svg,
)
from wallet.formats.common import (
    MEDIA_JSON,
    MEDIA_JWT,
    MEDIA_PNG,
    MEDIA_SD_JWT,
    MEDIA_SVG,
    LinkOnly,
    stable_json,
    types,
)
from wallet.formats.vc import Presentation
from wallet.messages import M
from wallet.proofs.jose import (
    decode_compact_json,
    load_json_bytes,
    looks_like_compact,
    parse_sd_jwt,
)

__all__ = [
    "BakedText",
    "LinkOnly",
    "Presentation",
    "bake_png",
    "bake_svg",
    "detect",
    "parse",
    "unbake_png",
    "unbake_svg",
]

# Tests set this to True so that a bug shows as its real exception instead of a FormatError.
RAISE_UNEXPECTED = False
MAX_CLR_DEPTH = 4

_URL = re.compile(r"^https?://\S+$")


def _strip(data: bytes) -> bytes:
    return data.removeprefix(b"\xef\xbb\xbf").strip()


def _text_kind(body: bytes) -> str | None:
    """Media type of credential text (JSON / JWT / SD-JWT), or None."""
    if body[:1] in (b"{", b"["):
        return MEDIA_JSON
    try:
        s = body.decode("ascii")
    except UnicodeDecodeError:
        return None
    if "~" in s and looks_like_compact(s.split("~", 1)[0]):
        return MEDIA_SD_JWT
    if looks_like_compact(s):
        return MEDIA_JWT
    return None


def detect(data: bytes, name: str = "") -> str:
    """The media type of the bytes by content: PNG, SVG, JSON, JWT or SD-JWT.

    Raises FormatError naming what the bytes look like when it is none of these.
    """
    if not data or not data.strip():
        raise FormatError(M("empty file"))
    if data.startswith(PNG_SIGNATURE):
        return MEDIA_PNG
    body = _strip(data)
    if body.startswith(b"<"):
        return MEDIA_SVG
    kind = _text_kind(body)
    if kind:
        return kind
    if body.startswith(b"%PDF"):
        raise FormatError(M("a PDF document, not a credential"))
    if data.startswith((b"\xff\xd8\xff", b"GIF8", b"RIFF")):
        raise FormatError(M("an image without a badge: badges are baked only into PNG or SVG"))
    if data.startswith(b"PK\x03\x04"):
        raise FormatError(M("a zip archive, not a single credential"))
    text = body.decode("utf-8", "replace")
    if _URL.match(text) and "\ufffd" not in text:
        raise LinkOnly(text, "file")
    if name:
        raise FormatError(
            M("unknown format ({name}): not JSON, a JWT, an SD-JWT, a PNG or an SVG", name=name)
        )
    raise FormatError(M("unknown format: not JSON, a JWT, an SD-JWT, a PNG or an SVG"))


def parse(data: bytes, name: str = "") -> Parsed:
    """Read one credential (with any CLR children) from bytes; FormatError if not possible."""
    try:
        return _parse(bytes(data), name)
    except FormatError:
        raise
    except Exception as e:
        if RAISE_UNEXPECTED:
            raise
        raise FormatError(
            M("could not read this credential ({error})", error=type(e).__name__)
        ) from e


def _parse(data: bytes, name: str) -> Parsed:
    media = detect(data, name)
    if media == MEDIA_PNG:
        return _from_baked(unbake_png(data), data, MEDIA_PNG, BAKED_PNG)
    if media == MEDIA_SVG:
        europass = edc.europass_xml_problem(data)
        if europass is not None:
            raise europass
        return _from_baked(unbake_svg(data), data, MEDIA_SVG, BAKED_SVG)
    return _from_text(data, data, media, baked=None, depth=0)


def _from_baked(found: BakedText, original: bytes, media: str, baked: str) -> Parsed:
    body = _strip(found.raw)
    if _URL.match(found.text.strip()):
        raise LinkOnly(found.text.strip(), "image")
    kind = _text_kind(body)
    if kind is None:
        raise FormatError(
            M("the badge inside the {image} is not JSON, a JWT or a link", image=baked.upper())
        )
    return _from_text(found.raw, original, media, baked=baked, depth=0, kind=kind)


def _from_text(
    payload: bytes,
    original: bytes,
    media: str,
    baked: str | None,
    depth: int,
    kind: str | None = None,
) -> Parsed:
    kind = kind or media
    if kind == MEDIA_JSON:
        doc = load_json_bytes(payload)
        return _from_json(doc, payload, original, media, baked, depth)
    token = _strip(payload)
    payload = token  # a JWT payload is the token itself, without stray whitespace
    text = token.decode("ascii")
    if kind == MEDIA_SD_JWT:
        cred = sdjwt.read_sd_jwt(text)
        cred.baked = baked
        return Parsed(cred, original, payload, media)
    header, claims = decode_compact_json(text)
    if not isinstance(claims, dict):
        raise FormatError(M("malformed JWT: payload is not a JSON object"))
    if str(header.get("typ", "")).endswith("sd-jwt"):
        cred = sdjwt.read_sd_jwt(text + "~")
        cred.baked = baked
        return Parsed(cred, original, payload, media)
    if isinstance(claims.get("vp"), dict):  # a VP-JWT: a holder's presentation (VC 1.1)
        raise vc.Presentation(claims["vp"])
    if "VerifiablePresentation" in types(claims):  # the same in VC 2.0 (vp+jwt)
        raise vc.Presentation(claims)
    if ob2.is_assertion(claims):
        cred = ob2.read_assertion(claims, signed=True)
        cred.baked = baked
        return Parsed(cred, original, payload, media)
    doc = vc.from_jwt_claims(claims)
    if vc.kind_of(doc) is None:
        raise FormatError(M("not a credential: the JWT carries no recognised credential"))
    return _from_vc(doc, payload, original, media, baked, depth, proof_form=JWT)


def _from_json(
    doc: Any, payload: bytes, original: bytes, media: str, baked: str | None, depth: int
) -> Parsed:
    if isinstance(doc, list):
        raise FormatError(M("not a credential: a JSON list, not one credential object"))
    if not isinstance(doc, dict):
        raise FormatError(M("not a credential: no recognised @context or type"))
    if edc.looks_sealed(doc):  # a Europass EDC sealed with JAdES: the payload is the envelope
        cred = edc.read_sealed(payload)
        cred.baked = baked
        return Parsed(cred, original, payload, media)
    if "payload" in doc and ("signature" in doc or "signatures" in doc):
        return _from_jws_json(payload, original, media, baked)
    if ob2.is_assertion(doc):
        cred = ob2.read_assertion(doc)
        cred.baked = baked
        return Parsed(cred, original, payload, media)
    t = set(types(doc))
    if "VerifiablePresentation" in t:
        raise vc.Presentation(doc)  # the importer takes its credentials in one by one
    if vc.kind_of(doc):
        return _from_vc(doc, payload, original, media, baked, depth, proof_form=None)
    if ob2.is_badge_class(doc) or "Achievement" in t:
        raise FormatError(
            M(
                "not a credential: a badge definition or issuer profile, "
                "not a badge awarded to someone"
            )
        )
    raise FormatError(M("not a credential: no recognised @context or type"))


def _from_jws_json(payload: bytes, original: bytes, media: str, baked: str | None) -> Parsed:
    """A JWS in JSON serialization: read when it is an SD-JWT (IETF SD-JWT section 8)."""
    parts = parse_sd_jwt(payload.decode("utf-8", "replace"))
    header, _claims = decode_compact_json(parts.issuer_jwt)
    if not (parts.disclosures or str(header.get("typ", "")).endswith("sd-jwt")):
        raise FormatError(
            M(
                "a JWS in JSON serialization that is not an SD-JWT: only the compact "
                "form of other JWTs is read"
            )
        )
    cred = sdjwt.read_sd_jwt("~".join([parts.issuer_jwt, *parts.disclosures]) + "~")
    cred.baked = baked
    return Parsed(cred, original, payload, media)


def _from_vc(
    doc: dict[str, Any],
    payload: bytes,
    original: bytes,
    media: str,
    baked: str | None,
    depth: int,
    proof_form: str | None,
) -> Parsed:
    if edc.is_edc(doc):
        cred = edc.read_edc(doc, proof_form=proof_form)
    else:
        cred = vc.read_credential(doc, proof_form=proof_form)
    cred.baked = baked
    parsed = Parsed(cred, original, payload, media)
    if cred.format == CLR2:
        if depth >= MAX_CLR_DEPTH:
            raise FormatError(
                M("CLR bundles nested deeper than {levels} levels", levels=MAX_CLR_DEPTH)
            )
        for i, item in enumerate(vc.nested_credentials(doc), start=1):
            try:
                parsed.children.append(_child(item, depth + 1))
            except FormatError as e:
                raise FormatError(M("CLR item {number}: {problem}", number=i, problem=e.msg)) from e
    return parsed


def _child(item: Any, depth: int) -> Parsed:
    if isinstance(item, str):
        raw = item.strip().encode("utf-8")
        kind = _text_kind(raw)
        if kind not in (MEDIA_JWT, MEDIA_SD_JWT):
            raise FormatError(M("a nested credential string is not a JWT"))
        return _from_text(raw, raw, kind, baked=None, depth=depth)
    if isinstance(item, dict):
        raw = stable_json(item)
        return _from_json(item, raw, raw, MEDIA_JSON, None, depth)
    raise FormatError(M("a nested credential is neither an object nor a JWT"))
