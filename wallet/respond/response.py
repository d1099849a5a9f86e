"""The answer to a verifier (OpenID4VP 1.0 sections 8 and 8.3): one presentation per chosen
credential, bound to the request (the nonce, and the verifier's client identifier as audience
or domain), posted to its response URI, encrypted to its key for `direct_post.jwt`.

The presentations are the wallet's usual ones: an SD-JWT with only the chosen disclosures and
a key-binding JWT; a Data Integrity presentation (challenge = nonce, domain = client id); a
VP-JWT around a VC-JWT (aud = client id, nonce). Encryption (ECDH-ES on P-256 with AES-GCM) is
jwcrypto's, a well-kept JOSE library; nothing here composes cryptography by hand.
"""

from __future__ import annotations

import datetime as _dt
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wallet.errors import FormatError, WalletError
from wallet.messages import M
from wallet.present.presentation import make_sd_jwt_presentation, make_vp
from wallet.proofs import jose, keys
from wallet.respond import RespondError
from wallet.respond.dcql import DC_SD_JWT, JWT_VC_JSON, LDP_VC, VC_SD_JWT, Match
from wallet.respond.request import DIRECT_POST_JWT, Request
from wallet.sources import URL_TIMEOUT_S, SourceError, post_url

MAX_ANSWER_BYTES = 64 * 1024  # what the verifier says back
VP_JWT_MINUTES = 10


@dataclass(frozen=True)
class Key:
    """A holder key of the wallet's: its private key and DID."""

    key: Any = field(repr=False)
    did: str


KeyFor = Callable[[Match], Key]  # the holder key that presents one matched credential


class VerifierRefused(RespondError):
    """The verifier received the answer and did not accept it."""


@dataclass(frozen=True)
class Answered:
    """What the verifier said to the answer: where it sends the learner next, if anywhere."""

    redirect_uri: str | None = None


def _kid(did: str) -> str:
    if did.startswith("did:key:"):
        return f"{did}#{did.removeprefix('did:key:')}"
    return f"{did}#0"


def _vp_jwt(credential_jwt: str, holder: Key, request: Request, now: _dt.datetime) -> str:
    """A VC Data Model 1.1 presentation as a JWT (the `jwt_vc_json` format), signed by the
    holder for this verifier (aud) and this request (nonce)."""
    issued = int(now.timestamp())
    payload = {
        "iss": holder.did,
        "aud": request.verifier.client_id,
        "nonce": request.nonce,
        "iat": issued,
        "nbf": issued,
        "exp": issued + VP_JWT_MINUTES * 60,
        "jti": f"urn:uuid:{secrets.token_hex(16)}",
        "vp": {
            "@context": ["https://www.w3.org/2018/credentials/v1"],
            "type": ["VerifiablePresentation"],
            "holder": holder.did,
            "verifiableCredential": [credential_jwt],
        },
    }
    header = {"alg": jose.alg_for_key(holder.key), "typ": "JWT", "kid": _kid(holder.did)}
    return jose.sign_compact(header, json.dumps(payload).encode("utf-8"), holder.key)


def presentation(match: Match, holder: Key, request: Request, now: _dt.datetime) -> Any:
    """The one presentation that answers `match` for `request`."""
    fmt = match.query.format
    payload = match.credential.payload
    if fmt in (DC_SD_JWT, VC_SD_JWT):
        return make_sd_jwt_presentation(
            payload.decode("utf-8").strip(),
            list(match.reveal),
            holder.key,
            aud=request.verifier.client_id,
            nonce=request.nonce,
            now=now,
        )
    if fmt == JWT_VC_JSON:
        return _vp_jwt(payload.decode("ascii").strip(), holder, request, now)
    if fmt == LDP_VC:
        try:
            document = jose.load_json_bytes(payload)
        except FormatError as e:
            raise RespondError(e.msg) from None
        return make_vp(
            [document],
            holder.key,
            holder.did,
            challenge=request.nonce,
            domain=request.verifier.client_id,
            now=now,
        )
    raise RespondError(M("this wallet cannot present a credential as {format}", format=fmt))


def vp_token(
    matches: list[Match], key_for: KeyFor, request: Request, now: _dt.datetime
) -> dict[str, list[Any]]:
    """The `vp_token`: for each credential query answered, its presentations."""
    token: dict[str, list[Any]] = {}
    for m in matches:
        token.setdefault(m.query.id, []).append(presentation(m, key_for(m), request, now))
    return token


def _encrypt(body: dict[str, Any], request: Request) -> str:
    from jwcrypto import jwe, jwk  # type: ignore[import-untyped]  # ships no types

    assert request.encryption_key is not None
    recipient = request.encryption_key
    protected = {"alg": "ECDH-ES", "enc": request.encryption}
    if isinstance(recipient.get("kid"), str):
        protected["kid"] = recipient["kid"]
    try:
        key = jwk.JWK(**{k: recipient[k] for k in ("kty", "crv", "x", "y")})
        token = jwe.JWE(
            json.dumps(body).encode("utf-8"), protected=json.dumps(protected), recipient=key
        )
        return str(token.serialize(compact=True))
    except (ValueError, TypeError, KeyError) as e:
        raise RespondError(
            M("cannot encrypt the answer to the verifier's key: {problem}", problem=str(e)[:200])
        ) from None


def _post(request: Request, body: dict[str, Any]) -> Any:
    """POST `body` as the verifier asked (in the clear, or encrypted to its key)."""
    if request.state is not None:
        body = {**body, "state": request.state}
    if request.response_mode == DIRECT_POST_JWT:
        form = {"response": _encrypt(body, request)}
    else:
        form = {k: v if isinstance(v, str) else json.dumps(v) for k, v in body.items()}
    try:
        return post_url(
            request.response_uri, form=form, max_bytes=MAX_ANSWER_BYTES, timeout=URL_TIMEOUT_S
        )
    except SourceError as e:
        raise RespondError(
            M("the answer could not reach the verifier: {problem}", problem=e.msg)
        ) from None


def send(request: Request, token: dict[str, list[Any]]) -> Answered:
    """Post the presentations; what the verifier answers, or one sentence when it refuses."""
    answer = _post(request, {"vp_token": token})
    try:
        said = jose.load_json_bytes(answer.body) if answer.body.strip() else {}
    except (WalletError, ValueError):
        said = {}
    said = said if isinstance(said, dict) else {}
    if answer.status != 200:
        error = said.get("error")
        if isinstance(error, str) and error:
            raise VerifierRefused(
                M(
                    "the verifier did not accept the presentation ({error})",
                    error=error[:100],
                )
            )
        raise VerifierRefused(
            M("the verifier answered {status} to the presentation", status=answer.status)
        )
    redirect = said.get("redirect_uri")
    return Answered(redirect if isinstance(redirect, str) and len(redirect) < 4096 else None)


def decline(request: Request) -> None:
    """Tell the verifier the learner said no (`access_denied`); a failure to reach it is not
    the learner's problem and is not raised."""
    try:
        _post(request, {"error": "access_denied"})
    except RespondError:
        pass


def holder_of(match: Match, own: dict[str, Any], default: Key) -> Key:
    """The wallet key bound to the credential: the one an SD-JWT's `cnf.jwk` names, or the
    one whose DID the credential names as its subject; else the default key."""
    if match.query.format in (DC_SD_JWT, VC_SD_JWT):
        try:
            _, claims = jose.sd_jwt_processed(
                match.credential.payload.decode("utf-8"), strict=False
            )
            cnf = claims.get("cnf")
            bound = keys.public_key_from_jwk(cnf["jwk"]) if isinstance(cnf, dict) else None
        except (WalletError, ValueError, KeyError, TypeError):
            bound = None
        if bound is not None:
            wanted = keys.public_key_to_jwk(bound)
            for did, key in own.items():
                if keys.public_key_to_jwk(key.public_key()) == wanted:
                    return Key(key, did)
    subject = match.credential.credential.subject_id
    if subject in own:
        return Key(own[subject], subject)
    return default
