"""The OpenID4VCI 1.0 client, pre-authorized code flow: metadata, token, nonce, key proof,
credential.

Every request goes through `wallet.sources` (https to public addresses; plain http only to
this computer, and only under the tests' and local development's loopback switch, since every
address here is named by the issuer, not typed by the learner; size caps; timeouts; redirects
re-checked, and none at all for a request that carries a code or a token). The pre-authorized
code, the transaction code and the access token are kept out of every message, repr and log.
Draft 13 metadata (a `display` on each configuration, `token_endpoint` beside the issuer's
metadata) is read too.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from wallet.errors import FormatError, WalletError
from wallet.messages import M, Msg, current_language
from wallet.proofs import jose, keys
from wallet.receive import ReceiveError
from wallet.receive.offer import (
    MAX_OFFER_BYTES,
    PRE_AUTHORIZED_GRANT,
    Offer,
    offer_from_json,
)
from wallet.sources import MAX_SOURCE_BYTES, Answer, SourceError, fetch_url, post_url

MAX_METADATA_BYTES = 1024 * 1024  # issuer or authorization-server metadata
MAX_ANSWER_BYTES = 1024 * 1024  # a token or nonce answer, an error
MAX_CREDENTIAL_BYTES = MAX_SOURCE_BYTES  # a credential answer: the import cap
MAX_NAME = 200  # characters of a display name shown to the learner
PROOF_TYPE = "openid4vci-proof+jwt"
RETRY_ERRORS = ("invalid_nonce", "invalid_proof")

Post = Callable[..., Answer]


@dataclass(frozen=True)
class Configuration:
    """One kind of credential the issuer offers (`credential_configurations_supported`)."""

    id: str
    format: str
    name: str | None = None
    proof_types: tuple[str, ...] = ()  # empty: the credential is not bound to a key
    proof_algs: tuple[str, ...] = ()  # empty: any
    binding_methods: tuple[str, ...] = ()


@dataclass(frozen=True)
class Issuer:
    """What the wallet learned about an issuer before asking the learner."""

    credential_issuer: str
    host: str  # the host the wallet connects to
    name: str | None
    logo: str | None
    credential_endpoint: str
    nonce_endpoint: str | None
    token_endpoint: str | None
    configurations: dict[str, Configuration] = field(default_factory=dict)


@dataclass(frozen=True)
class Token:
    """An access token: a secret, kept out of repr."""

    access_token: str = field(repr=False)
    token_type: str = "Bearer"
    c_nonce: str | None = field(default=None, repr=False)  # Draft 13 issuers give one here


@dataclass(frozen=True)
class Holder:
    """The key that proves possession: its private key and DID (did:key)."""

    key: Any = field(repr=False)
    did: str


# --- reading what issuers send ------------------------------------------------------------


# Whole sentences for each document that is not JSON (a noun phrase passed into one template
# would not agree in number and case in other languages).
_NOT_JSON: dict[str, Callable[[Msg], Msg]] = {
    "metadata": lambda p: M("the issuer's metadata is not valid JSON ({problem})", problem=p),
    "server": lambda p: M(
        "the authorization server's metadata is not valid JSON ({problem})", problem=p
    ),
    "token": lambda p: M("the issuer's token answer is not valid JSON ({problem})", problem=p),
    "nonce": lambda p: M("the issuer's nonce answer is not valid JSON ({problem})", problem=p),
    "credential": lambda p: M(
        "the issuer's credential answer is not valid JSON ({problem})", problem=p
    ),
}


def _json(data: bytes, what: str) -> Any:
    """JSON from the issuer (the wallet's hardened reader); `what` names the document."""
    try:
        return jose.load_json_bytes(data)
    except FormatError as e:
        raise ReceiveError(_NOT_JSON[what](e.msg)) from None


def _text(value: Any, limit: int = MAX_NAME) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()[:limit]
    return None


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value[:50] if isinstance(v, str) and len(v) <= 200)


def _pick_display(displays: Any, language: str) -> dict[str, Any]:
    """The display entry for the reader's language, else English, else the first."""
    entries = (
        [d for d in displays[:50] if isinstance(d, dict)] if isinstance(displays, list) else []
    )
    for wanted in (language, "en", None):
        for d in entries:
            locale = str(d.get("locale") or "")
            if wanted is None or locale.lower().split("-")[0] == wanted:
                return d
    return {}


def well_known(identifier: str, suffix: str) -> str:
    """`https://host/.well-known/<suffix>/<path>`: the well-known name goes between the host
    and the identifier's path (OpenID4VCI 1.0 section 12.2.2, RFC 8414 section 3.1)."""
    parts = urlsplit(identifier)
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme, parts.netloc, f"/.well-known/{suffix}{path}", "", ""))


def _same_identifier(a: str, b: str) -> bool:
    """Identifiers compare as strings (a trailing slash aside): a look-alike is another."""
    return a.rstrip("/") == b.rstrip("/")


def _endpoint(value: Any, member: str) -> str | None:
    url = _text(value, 2048)
    if value is not None and url is None:
        raise ReceiveError(M("the issuer's metadata has no usable {member}", member=member))
    if url is not None and urlsplit(url).scheme.lower() not in ("https", "http"):
        raise ReceiveError(M("the issuer's metadata has no usable {member}", member=member))
    return url


def _configuration(cid: str, raw: Any) -> Configuration:
    if not isinstance(raw, dict):
        return Configuration(cid, "")
    meta = raw.get("credential_metadata")
    displays = meta.get("display") if isinstance(meta, dict) else raw.get("display")
    display = _pick_display(displays, current_language())
    proofs = raw.get("proof_types_supported")
    proof_types: tuple[str, ...] = ()
    algs: tuple[str, ...] = ()
    if isinstance(proofs, dict):
        proof_types = tuple(k for k in list(proofs)[:20] if isinstance(k, str))
        jwt = proofs.get("jwt")
        if isinstance(jwt, dict):
            algs = _strings(jwt.get("proof_signing_alg_values_supported"))
    return Configuration(
        id=cid,
        format=_text(raw.get("format"), 100) or "",
        name=_text(display.get("name")),
        proof_types=proof_types,
        proof_algs=algs,
        binding_methods=_strings(raw.get("cryptographic_binding_methods_supported")),
    )


def fetch_offer(uri: str) -> Offer:
    """The offer an offer link names by reference (`credential_offer_uri`)."""
    try:
        data = fetch_url(uri, max_bytes=MAX_OFFER_BYTES)
    except SourceError as e:
        raise ReceiveError(
            M("cannot fetch the credential offer: {problem}", problem=e.msg)
        ) from None
    return offer_from_json(data)


def issuer_metadata(offer: Offer) -> Issuer:
    """The credential issuer's metadata, and its authorization server's token endpoint.

    Refused when the metadata names another `credential_issuer` than the offer (section
    12.2.4: a server answering for someone else), or another issuer than it was asked for."""
    identifier = offer.credential_issuer
    try:
        raw = fetch_url(
            well_known(identifier, "openid-credential-issuer"), max_bytes=MAX_METADATA_BYTES
        )
    except SourceError as e:
        raise ReceiveError(
            M("cannot fetch the issuer's metadata: {problem}", problem=e.msg)
        ) from None
    meta = _json(raw, "metadata")
    if not isinstance(meta, dict):
        raise ReceiveError(M("the issuer's metadata is not a JSON object"))
    claimed = meta.get("credential_issuer")
    if not isinstance(claimed, str) or not _same_identifier(claimed, identifier):
        raise ReceiveError(
            M(
                "the issuer's metadata says it is {claimed}, not {issuer} as the offer says; "
                "nothing was sent",
                claimed=str(claimed)[:200] if claimed is not None else "",
                issuer=identifier,
            )
        )
    credential_endpoint = _endpoint(meta.get("credential_endpoint"), "credential_endpoint")
    if credential_endpoint is None:
        raise ReceiveError(
            M("the issuer's metadata has no usable {member}", member="credential_endpoint")
        )
    display = _pick_display(meta.get("display"), current_language())
    logo = display.get("logo")
    configs_raw = meta.get("credential_configurations_supported")
    configs = (
        {
            cid: _configuration(cid, raw)
            for cid, raw in list(configs_raw.items())[:200]
            if isinstance(cid, str)
        }
        if isinstance(configs_raw, dict)
        else {}
    )
    return Issuer(
        credential_issuer=identifier,
        host=urlsplit(identifier).hostname or "",
        name=_text(display.get("name")),
        logo=_text(logo.get("uri"), 2048) if isinstance(logo, dict) else None,
        credential_endpoint=credential_endpoint,
        nonce_endpoint=_endpoint(meta.get("nonce_endpoint"), "nonce_endpoint"),
        token_endpoint=_token_endpoint(meta, offer),
        configurations=configs,
    )


def _token_endpoint(meta: dict[str, Any], offer: Offer) -> str | None:
    """The token endpoint of the authorization server the offer's grant uses: the one it
    names, else the issuer's first, else the issuer itself (section 12.2.4)."""
    servers = _strings(meta.get("authorization_servers"))
    server = offer.authorization_server or (servers[0] if servers else offer.credential_issuer)
    if servers and offer.authorization_server and offer.authorization_server not in servers:
        raise ReceiveError(
            M("the offer names an authorization server the issuer's metadata does not list")
        )
    if offer.pre_authorized_code is None:
        return None
    for suffix in ("oauth-authorization-server", "openid-configuration"):
        try:
            data = fetch_url(well_known(server, suffix), max_bytes=MAX_METADATA_BYTES)
        except SourceError as e:
            if e.status == 404:
                continue
            raise ReceiveError(
                M("cannot fetch the authorization server's metadata: {problem}", problem=e.msg)
            ) from None
        found = _json(data, "server")
        if not isinstance(found, dict) or not _same_identifier(str(found.get("issuer")), server):
            raise ReceiveError(
                M("the authorization server's metadata names another issuer; nothing was sent")
            )
        endpoint = _endpoint(found.get("token_endpoint"), "token_endpoint")
        if endpoint is not None:
            return endpoint
    legacy = _endpoint(meta.get("token_endpoint"), "token_endpoint")  # Draft 11 and earlier
    if legacy is None:
        raise ReceiveError(M("the issuer names no token endpoint; nothing was sent"))
    return legacy


# --- the token ----------------------------------------------------------------------------


def _error_code(answer: Answer) -> tuple[str | None, dict[str, Any]]:
    """The OAuth `error` code of an error answer (a short ASCII word) and its JSON object."""
    try:
        body = jose.load_json_bytes(answer.body)
    except FormatError:
        return None, {}
    if not isinstance(body, dict):
        return None, {}
    code = body.get("error")
    if isinstance(code, str) and code.isascii() and 0 < len(code) <= 60:
        return code, body
    return None, body


def request_token(
    issuer: Issuer, offer: Offer, tx_code: str | None, *, post: Post = post_url
) -> Token:
    """Exchange the pre-authorized code (and transaction code) for an access token."""
    if offer.pre_authorized_code is None or issuer.token_endpoint is None:
        raise ReceiveError(M("this offer has no pre-authorized code; nothing was sent"))
    form = {"grant_type": PRE_AUTHORIZED_GRANT, "pre-authorized_code": offer.pre_authorized_code}
    if tx_code is not None:
        form["tx_code"] = tx_code
    try:
        answer = post(issuer.token_endpoint, form=form, max_bytes=MAX_ANSWER_BYTES)
    except SourceError as e:
        raise ReceiveError(
            M("the token request failed: {problem}; nothing was added", problem=e.msg)
        ) from None
    if answer.status != 200:
        code, _ = _error_code(answer)
        if code == "invalid_grant" and tx_code is not None:
            raise ReceiveError(
                M(
                    "the issuer did not accept the transaction code, or the offer was already "
                    "used or has expired; nothing was added"
                )
            )
        if code == "invalid_grant":
            raise ReceiveError(
                M("the issuer says this offer was already used or has expired; nothing was added")
            )
        if code is not None:
            raise ReceiveError(
                M("the issuer refused the token request ({error}); nothing was added", error=code)
            )
        raise ReceiveError(
            M(
                "the issuer's token endpoint answered {status}; nothing was added",
                status=answer.status,
            )
        )
    body = _json(answer.body, "token")
    token = body.get("access_token") if isinstance(body, dict) else None
    if not isinstance(token, str) or not token or len(token) > 16 * 1024:
        raise ReceiveError(M("the issuer's token answer holds no access token; nothing was added"))
    kind = body.get("token_type")
    if not isinstance(kind, str) or kind.lower() != "bearer":
        raise ReceiveError(
            M(
                "the issuer gives {kind} tokens, which this wallet cannot use yet; "
                "nothing was added",
                kind=str(kind)[:30],
            )
        )
    nonce = body.get("c_nonce")
    return Token(token, "Bearer", nonce if isinstance(nonce, str) and len(nonce) < 1024 else None)


def request_nonce(issuer: Issuer, *, post: Post = post_url) -> str:
    """A fresh `c_nonce` from the issuer's nonce endpoint (section 7)."""
    assert issuer.nonce_endpoint is not None
    try:
        answer = post(issuer.nonce_endpoint, form={}, max_bytes=MAX_ANSWER_BYTES)
    except SourceError as e:
        raise ReceiveError(M("the nonce request failed: {problem}", problem=e.msg)) from None
    if answer.status != 200:
        raise ReceiveError(M("the issuer's nonce endpoint answered {status}", status=answer.status))
    body = _json(answer.body, "nonce")
    nonce = body.get("c_nonce") if isinstance(body, dict) else None
    if not isinstance(nonce, str) or not nonce or len(nonce) > 1024:
        raise ReceiveError(M("the issuer's nonce answer holds no nonce"))
    return nonce


# --- key proof and credential -------------------------------------------------------------


def proof_jwt(
    holder: Holder,
    audience: str,
    nonce: str | None,
    *,
    use_jwk: bool = False,
    now: float | None = None,
) -> str:
    """The key proof (section 8.2.1.1, Appendix F.1): a JWT of type openid4vci-proof+jwt
    signed by the holder key, naming it by its DID (`kid`) or, for issuers that bind to a
    bare key, as a `jwk`. No `iss`: pre-authorized access is anonymous."""
    header: dict[str, Any] = {"typ": PROOF_TYPE, "alg": jose.alg_for_key(holder.key)}
    if use_jwk:
        header["jwk"] = keys.public_key_to_jwk(holder.key.public_key())
    else:
        fragment = holder.did.split(":", 2)[2] if holder.did.startswith("did:key:") else "0"
        header["kid"] = f"{holder.did}#{fragment}"
    payload: dict[str, Any] = {"aud": audience, "iat": int(now if now is not None else time.time())}
    if nonce is not None:
        payload["nonce"] = nonce
    return jose.sign_compact(header, json.dumps(payload).encode("utf-8"), holder.key)


def _uses_jwk(config: Configuration) -> bool:
    """Bind to a bare key only when the issuer binds to nothing else (did:key preferred)."""
    methods = config.binding_methods
    return bool(methods) and "jwk" in methods and not any(m.startswith("did") for m in methods)


def _check_fits(config: Configuration, holder: Holder) -> None:
    if config.proof_types and "jwt" not in config.proof_types:
        raise ReceiveError(
            M(
                "the issuer wants a kind of key proof this wallet cannot make for {credential}",
                credential=config.name or config.id,
            )
        )
    alg = jose.alg_for_key(holder.key)
    accepted = set(config.proof_algs)
    if accepted and alg not in accepted and not (alg == "EdDSA" and "Ed25519" in accepted):
        raise ReceiveError(
            M(
                "the issuer does not accept the wallet's key type ({alg}) for {credential}",
                alg=alg,
                credential=config.name or config.id,
            )
        )


def _credentials_in(body: Any) -> list[str | dict[str, Any]]:
    """The credentials of a credential answer: 1.0's `credentials: [{credential}]`, Draft
    13's single `credential`."""
    if not isinstance(body, dict):
        raise ReceiveError(M("the issuer's credential answer is not a JSON object"))
    if "transaction_id" in body and "credentials" not in body and "credential" not in body:
        raise ReceiveError(
            M(
                "the issuer will deliver this credential later (deferred issuance), which this "
                "wallet cannot receive yet"
            )
        )
    items: list[Any] = []
    listed = body.get("credentials")
    if isinstance(listed, list):
        items = [
            e.get("credential") if isinstance(e, dict) and "credential" in e else e for e in listed
        ]
    elif "credential" in body:
        items = [body["credential"]]
    found = [c for c in items[:50] if isinstance(c, str | dict) and c]
    if not found:
        raise ReceiveError(M("the issuer's credential answer holds no credential"))
    return found


def request_credential(
    issuer: Issuer,
    token: Token,
    config: Configuration,
    holder: Holder,
    *,
    post: Post = post_url,
    nonce: str | None = None,
) -> tuple[list[str | dict[str, Any]], str | None]:
    """Ask for one configuration's credential with a key proof. An `invalid_nonce` (or a
    Draft 13 `invalid_proof`) answer gets one retry with a fresh nonce. Returns the
    credentials and the nonce the next request may use."""
    _check_fits(config, holder)
    if nonce is None and issuer.nonce_endpoint and config.proof_types:
        nonce = request_nonce(issuer, post=post)  # 1.0: a fresh one for every request
    elif nonce is None:
        nonce = token.c_nonce  # Draft 13: the token answer's, then each credential answer's
    headers = {"Authorization": f"Bearer {token.access_token}"}
    for attempt in (1, 2):
        body: dict[str, Any] = {"credential_configuration_id": config.id}
        if config.proof_types:
            proof = proof_jwt(holder, issuer.credential_issuer, nonce, use_jwk=_uses_jwk(config))
            body["proofs"] = {"jwt": [proof]}
        try:
            answer = post(
                issuer.credential_endpoint,
                json_body=body,
                headers=headers,
                max_bytes=MAX_CREDENTIAL_BYTES,
            )
        except SourceError as e:
            raise ReceiveError(
                M("the credential request failed: {problem}", problem=e.msg)
            ) from None
        if answer.status in (200, 202):
            data = _json(answer.body, "credential")
            fresh = data.get("c_nonce") if isinstance(data, dict) else None
            return _credentials_in(data), fresh if isinstance(fresh, str) else None
        code, error = _error_code(answer)
        if attempt == 1 and code in RETRY_ERRORS:
            offered = error.get("c_nonce")
            if isinstance(offered, str) and 0 < len(offered) <= 1024:
                nonce = offered
                continue
            if issuer.nonce_endpoint:
                nonce = request_nonce(issuer, post=post)
                continue
        if answer.status == 401:
            raise ReceiveError(M("the issuer did not accept the wallet's access token"))
        if code in RETRY_ERRORS:
            raise ReceiveError(M("the issuer did not accept the wallet's key proof"))
        if code is not None:
            raise ReceiveError(M("the issuer refused the credential request ({error})", error=code))
        raise ReceiveError(
            M("the issuer's credential endpoint answered {status}", status=answer.status)
        )
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


def _named_holders(credential: str | dict[str, Any]) -> list[str | dict[str, Any]]:
    """The holder keys a credential names: `cnf.jwk`, and DIDs as `sub` or subject ids."""
    claims: Any = credential
    if isinstance(credential, str):
        try:
            _, claims = jose.decode_compact_json(credential.strip().split("~", 1)[0])
        except FormatError:
            return []  # not a JWT: the import says what it is
    if not isinstance(claims, dict):
        return []
    named: list[str | dict[str, Any]] = []
    cnf = claims.get("cnf")
    if isinstance(cnf, dict) and isinstance(cnf.get("jwk"), dict):
        named.append(cnf["jwk"])
    vc = claims.get("vc")
    inner: dict[str, Any] = vc if isinstance(vc, dict) else claims
    subjects = inner.get("credentialSubject")
    for subject in subjects[:20] if isinstance(subjects, list) else [subjects]:
        if isinstance(subject, dict) and isinstance(subject.get("id"), str):
            named.append(subject["id"])
    if isinstance(claims.get("sub"), str):
        named.append(claims["sub"])
    return [n for n in named if isinstance(n, dict) or n.startswith("did:")]


def bound_elsewhere(credential: str | dict[str, Any], holder: Holder) -> bool:
    """True when the credential is bound to a key that is not the wallet's holder key (an
    issuer's mistake or a swap): such a credential could never be presented as the learner's.
    A credential that names no holder key at all is not judged here."""
    mine = keys.jwk_thumbprint(holder.key.public_key())
    for named in _named_holders(credential):
        try:
            key = (
                keys.public_key_from_jwk(named)
                if isinstance(named, dict)
                else keys.public_key_from_did(named)
            )
        except (WalletError, ValueError, TypeError):
            return True  # a key the wallet cannot even read is not its own
        if keys.jwk_thumbprint(key) != mine:
            return True
    return False
