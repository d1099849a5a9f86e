"""The OpenID4VCI 1.0 client: metadata, token (pre-authorized code, or a sign-in through the
system browser: authorization code with PKCE), nonce, key proof, credential, deferred credential,
notification.

Every request goes through `wallet.sources` (https to public addresses; plain http only to
this computer, and only under the tests' and local development's loopback switch, since every
address here is named by the issuer, not typed by the learner; size caps; timeouts; redirects
re-checked, and none at all for a request that carries a code or a token). The pre-authorized
code, the transaction code, the authorization code, the PKCE verifier and the access and refresh
tokens are kept out of every message, repr and log.
Draft 13 metadata (a `display` on each configuration, `token_endpoint` beside the issuer's
metadata) is read too, and a Draft 13 issuer (no nonce endpoint, the nonce in the token answer)
is asked for a credential by its format and type, as it expects. Where the authorization
server takes pushed authorization requests (RFC 9126), the sign-in request goes there first and
the browser carries only its `request_uri`. Metadata the issuer signed (1.0 section 12.2.2) is
believed over plain values only when its signature holds and it is about this issuer; the DID
that signed it lets the trust list recognise an issuer it names by DID.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

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
from wallet.sources import (
    MAX_SOURCE_BYTES,
    URL_TIMEOUT_S,
    Answer,
    SourceError,
    fetch_url,
    loopback_switch_on,
    post_url,
)

MAX_METADATA_BYTES = 1024 * 1024  # issuer or authorization-server metadata
MAX_ANSWER_BYTES = 1024 * 1024  # a token or nonce answer, an error
MAX_CREDENTIAL_BYTES = MAX_SOURCE_BYTES  # a credential answer: the import cap
MAX_NAME = 200  # characters of a display name shown to the learner
PROOF_TYPE = "openid4vci-proof+jwt"
SIGNED_METADATA_TYP = "openidvci-issuer-metadata+jwt"
RETRY_ERRORS = ("invalid_nonce", "invalid_proof")
AUTHORIZATION_CODE = "authorization_code"
REFRESH_TOKEN = "refresh_token"
CLIENT_ID = "learner-wallet"  # a public native client (RFC 8252): no secret to keep
CREDENTIAL_DETAILS = "openid_credential"  # the authorization_details type of OpenID4VCI
TIMEOUT_S = URL_TIMEOUT_S  # every request to an issuer (connect, each read, whole answer)
DEFAULT_INTERVAL_S = 60  # how long to wait before asking again for a deferred credential
MAX_INTERVAL_S = 7 * 24 * 3600
MAX_BATCH = 10  # key proofs in one credential request, whatever batch size the issuer allows
MAX_REQUEST_URI = 2048  # characters of a pushed request's `request_uri` (RFC 9126)
# Proof algorithms the wallet can sign with, best first, and the holder key curve each needs
# ("Ed25519" is the fully-specified JOSE name of EdDSA with Ed25519).
PROOF_ALGS = {"EdDSA": "Ed25519", "Ed25519": "Ed25519", "ES256": "P-256"}
BINDINGS = ("did:key", "did:jwk", "jwk")  # how the wallet can name its key, best first

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
    scope: str | None = None  # the OAuth scope that stands for it, if the issuer names one
    # How a Draft 13 request names it: `credential_definition` (type, @context) or `vct`.
    definition: dict[str, Any] | None = field(default=None, compare=False)
    vct: str | None = None


@dataclass(frozen=True)
class SignInServer:
    """The authorization server a learner signs in at (authorization code flow)."""

    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    details: bool  # understands `authorization_details` of type openid_credential
    iss_parameter: bool  # names itself in its redirect (`iss`, RFC 9207)
    par_endpoint: str | None = None  # takes pushed authorization requests (RFC 9126)


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
    single_proof: bool = False  # Draft 15 without batch issuance: `proof`, not `proofs`
    deferred_endpoint: str | None = None
    notification_endpoint: str | None = None
    sign_in: SignInServer | None = None  # where to sign in, for an offer without a code
    listed_servers: bool = False  # the metadata names its authorization servers
    batch_size: int = 1  # key proofs per credential request (`batch_credential_issuance`)
    signed_by: str | None = None  # the DID whose key signed the metadata (signature checked)
    # A draft's metadata without a nonce endpoint: it may be Draft 13 (or 14), which hands its
    # nonce out with the token and names a credential by format and type, not by its id.
    nonce_with_token: bool = False


@dataclass(frozen=True)
class Token:
    """An access token: a secret, kept out of repr."""

    access_token: str = field(repr=False)
    token_type: str = "Bearer"
    c_nonce: str | None = field(default=None, repr=False)  # Draft 13 issuers give one here
    refresh_token: str | None = field(default=None, repr=False)
    # configuration id -> the credential identifiers the token answer gave for it (1.0
    # section 6.2): once given, a credential request names one of those instead
    identifiers: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class SignIn:
    """One sign-in in the browser: the address to open and what its answer must match. The
    PKCE verifier is a secret, kept out of repr."""

    url: str = field(repr=False)
    redirect_uri: str
    state: str = field(repr=False)
    verifier: str = field(repr=False)
    server: SignInServer


@dataclass(frozen=True)
class Delivery:
    """What a credential (or deferred credential) answer gave: credentials, or a promise of
    them later (`transaction_id`: ask again after `interval` seconds)."""

    credentials: tuple[str | dict[str, Any], ...] = ()
    nonce: str | None = field(default=None, repr=False)  # for the next request (Draft 13)
    notification_id: str | None = None
    transaction_id: str | None = field(default=None, repr=False)
    interval: int = DEFAULT_INTERVAL_S


@dataclass(frozen=True)
class KeyNeed:
    """The holder key a configuration's key proof needs: its JOSE alg (EdDSA or ES256), the
    curve that signs it, and how the issuer lets the wallet name it (did:key, did:jwk, or a
    bare jwk, for which any DID the wallet has will do)."""

    alg: str
    curve: str
    method: str

    def fits(self, did: str) -> bool:
        """Whether the holder key `did` (did:key or did:jwk, resolved offline) can be used."""
        if self.method != "jwk" and not did.startswith(self.method + ":"):
            return False
        try:
            return jose.alg_for_key(keys.public_key_from_did(did)) == self.alg
        except (WalletError, ValueError):
            return False


DEFAULT_NEED = KeyNeed("EdDSA", "Ed25519", "did:key")  # the wallet's default holder key


def key_need(config: Configuration) -> KeyNeed:
    """The holder key for `config`: EdDSA with the wallet's Ed25519 key where the issuer
    allows it, else ES256 with a P-256 key; named by did:key where allowed, else did:jwk, else
    a bare jwk. Raises ReceiveError (one sentence, before anything is sent) when the issuer
    asks only for algorithms or bindings the wallet lacks."""
    if not config.proof_types:
        return DEFAULT_NEED  # not bound to a key: the default key judges what arrives
    allowed = config.proof_algs
    alg = next((a for a in PROOF_ALGS if not allowed or a in allowed), None)
    methods = config.binding_methods
    method = next((m for m in BINDINGS if not methods or m in methods), None)
    if method is None and "did" in methods:  # a bare "did": any DID method
        method = "did:key"
    if alg is None or method is None:  # one sentence, for the first of the two it lacks
        credential = config.name or config.id
        raise ReceiveError(
            M(
                "the issuer accepts key proofs for {credential} only signed with {algs}, "
                "which this wallet cannot make (it signs with EdDSA or ES256); nothing was sent",
                credential=credential,
                algs=", ".join(allowed[:10]),
            )
            if alg is None
            else M(
                "the issuer binds {credential} only to {methods}, which this wallet cannot "
                "use (it names its keys as did:key, did:jwk or jwk); nothing was sent",
                credential=credential,
                methods=", ".join(methods[:10]),
            )
        )
    if alg == "Ed25519":
        alg = "EdDSA"  # the same signature; the wallet's JWTs name it EdDSA
    return KeyNeed(alg, PROOF_ALGS[alg], method)


# --- reading what issuers send ------------------------------------------------------------


# Whole sentences for each document that is not JSON (a noun phrase passed into one template
# would not agree in number and case in other languages).
_NOT_JSON: dict[str, Callable[[Msg], Msg]] = {
    "metadata": lambda p: M("the issuer's metadata is not valid JSON ({problem})", problem=p),
    "server": lambda p: M(
        "the authorization server's metadata is not valid JSON ({problem})", problem=p
    ),
    "token": lambda p: M("the issuer's token answer is not valid JSON ({problem})", problem=p),
    "pushed": lambda p: M(
        "the issuer's answer to the sign-in request is not valid JSON ({problem})", problem=p
    ),
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


def _get(wanted: Msg, url: str, max_bytes: int, accept: str | None = None) -> bytes:
    """GET from the issuer's side; not getting it is one sentence naming what was wanted."""
    try:
        return fetch_url(url, max_bytes=max_bytes, timeout=TIMEOUT_S, accept=accept)
    except SourceError as e:
        raise ReceiveError(
            M("cannot fetch {wanted}: {problem}", wanted=wanted, problem=e.msg)
        ) from None


def _send(
    step: Msg,
    post: Post,
    endpoint: str,
    *,
    form: dict[str, str] | None = None,
    json_body: Any = None,
    access_token: str | None = None,
    max_bytes: int = MAX_ANSWER_BYTES,
    before_storing: bool = False,
) -> Answer:
    """POST one protocol step to the issuer, with the access token where the step needs it;
    not reaching the issuer is one sentence naming the step (never the token), and saying
    that nothing was added where the step comes before anything could be."""
    headers = {"Authorization": f"Bearer {access_token}"} if access_token is not None else None
    try:
        return post(
            endpoint,
            form=form,
            json_body=json_body,
            headers=headers,
            max_bytes=max_bytes,
            timeout=TIMEOUT_S,
        )
    except SourceError as e:
        if before_storing:
            raise ReceiveError(
                M("{step} failed: {problem}; nothing was added", step=step, problem=e.msg)
            ) from None
        raise ReceiveError(M("{step} failed: {problem}", step=step, problem=e.msg)) from None


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
        proof_types=proof_types or _implied_proof_types(raw),
        proof_algs=algs,
        binding_methods=_strings(raw.get("cryptographic_binding_methods_supported")),
        scope=_text(raw.get("scope"), 200),
        definition=_definition(raw.get("credential_definition")),
        vct=_text(raw.get("vct"), 2048),
    )


def _definition(raw: Any) -> dict[str, Any] | None:
    """A configuration's `credential_definition` as a Draft 13 request repeats it: its
    `type` and `@context` lists of strings, bounded; anything else in it is left behind."""
    if not isinstance(raw, dict):
        return None
    kept = {
        member: [v for v in raw[member][:50] if isinstance(v, str) and len(v) <= 2048]
        for member in ("@context", "type")
        if isinstance(raw.get(member), list)
    }
    return kept or None


# --- where Draft 15 differs ---------------------------------------------------------------


def _implied_proof_types(raw: dict[str, Any]) -> tuple[str, ...]:
    """Draft 15 (like 13) makes `proof_types_supported` optional even for a credential bound
    to a key, and issuers built on Sphereon's library leave it out; 1.0 requires it beside
    `cryptographic_binding_methods_supported`. A binding method without proof types therefore
    asks for a `jwt` key proof, the kind every draft knows."""
    if raw.get("proof_types_supported") is None and _strings(
        raw.get("cryptographic_binding_methods_supported")
    ):
        return ("jwt",)
    return ()


def _single_proof(meta: dict[str, Any]) -> bool:
    """Whether the issuer takes its one key proof as Draft 15's `proof` object: Draft 15 reads
    `proofs` only where the metadata offers `batch_credential_issuance`, and 1.0 knows only
    `proofs`. A draft shows itself by a configuration's `display` or `claims` at the top level,
    which 1.0 moved into `credential_metadata`; with neither sign, 1.0 is assumed."""
    if meta.get("batch_credential_issuance") is not None:
        return False
    configs = meta.get("credential_configurations_supported")
    entries = (
        [c for c in list(configs.values())[:200] if isinstance(c, dict)]
        if isinstance(configs, dict)
        else []
    )
    if any("credential_metadata" in c for c in entries):
        return False
    return any("display" in c or "claims" in c for c in entries)


def _credential_named(issuer: Issuer, token: Token, config: Configuration) -> dict[str, Any]:
    """How a credential request names the credential: 1.0 and Draft 15 by its configuration
    id; Draft 13 by its format with its `credential_definition` or `vct` (section 7.2). An
    issuer speaks Draft 13 when its metadata has a draft's shape and no nonce endpoint (which
    Draft 15 brought) and its token answer carries the nonce (which Draft 15 took out)."""
    if not (issuer.nonce_with_token and token.c_nonce is not None):
        return {"credential_configuration_id": config.id}
    named: dict[str, Any] = {"format": config.format}
    if config.vct is not None:
        named["vct"] = config.vct
    if config.definition is not None:
        named["credential_definition"] = config.definition
    return named


def _proof_member(issuer: Issuer, proofs: list[str]) -> dict[str, Any]:
    """The credential request's member carrying the key proofs: Draft 15's `proof` object
    (section 8.2, one proof), or 1.0's `proofs` (one, or a batch)."""
    if issuer.single_proof:
        return {"proof": {"proof_type": "jwt", "jwt": proofs[0]}}
    return {"proofs": {"jwt": proofs}}


def _batch_size(meta: dict[str, Any]) -> int:
    """How many key proofs (so credentials) to ask for at once: the issuer's
    `batch_credential_issuance.batch_size`, at most MAX_BATCH; 1 without batch issuance."""
    batch = meta.get("batch_credential_issuance")
    size = batch.get("batch_size") if isinstance(batch, dict) else None
    if isinstance(size, int) and not isinstance(size, bool) and size > 1:
        return min(size, MAX_BATCH)
    return 1


def fetch_offer(uri: str) -> Offer:
    """The offer an offer link names by reference (`credential_offer_uri`)."""
    return offer_from_json(_get(M("the credential offer"), uri, MAX_OFFER_BYTES))


def issuer_metadata(offer: Offer) -> Issuer:
    """The credential issuer's metadata, and its authorization server's token endpoint.

    Refused when the metadata names another `credential_issuer` than the offer (section
    12.2.4: a server answering for someone else), or another issuer than it was asked for."""
    identifier = offer.credential_issuer
    address = well_known(identifier, "openid-credential-issuer")
    raw = _get(M("the issuer's metadata"), address, MAX_METADATA_BYTES)
    meta, signed_by = _metadata_document(raw, identifier)
    if meta is None:  # signed with a key the wallet cannot look up offline: the plain copy
        raw = _get(M("the issuer's metadata"), address, MAX_METADATA_BYTES, "application/json")
        meta, signed_by = _metadata_document(raw, identifier, plain_asked=True)
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
        single_proof=_single_proof(meta),
        deferred_endpoint=_endpoint(
            meta.get("deferred_credential_endpoint"), "deferred_credential_endpoint"
        ),
        notification_endpoint=_endpoint(meta.get("notification_endpoint"), "notification_endpoint"),
        sign_in=_sign_in_server(meta, offer) if offer.pre_authorized_code is None else None,
        listed_servers=bool(_strings(meta.get("authorization_servers"))),
        batch_size=1 if _single_proof(meta) else _batch_size(meta),
        nonce_with_token=_single_proof(meta) and meta.get("nonce_endpoint") is None,
        signed_by=signed_by,
    )


def _metadata_document(
    raw: bytes, identifier: str, *, plain_asked: bool = False
) -> tuple[Any, str | None]:
    """The issuer's metadata: plain JSON, or a JWT the issuer signed (1.0 section 12.2.2),
    whose values then count. A signed one must be signed metadata about this very issuer and
    its signature must hold, or nothing is sent. Returns the metadata and the DID that signed
    it (did:key or did:jwk, resolved offline; None for a key the JWT carries itself, which
    proves integrity but not who); (None, None) when the signing key can only be looked up
    online (did:web, a key set elsewhere), so the caller asks for the plain copy instead."""
    text = raw.strip()
    if text.startswith(b"{") or not jose.looks_like_compact(text.decode("latin-1")):
        return _json(raw, "metadata"), None
    token = text.decode("ascii")
    try:
        header, payload = jose.decode_compact_json(token)
    except FormatError:
        return _json(raw, "metadata"), None  # says what is wrong with it
    if header.get("typ") != SIGNED_METADATA_TYP or not isinstance(payload, dict):
        raise ReceiveError(
            M("the issuer's metadata is a JWT but not signed metadata; nothing was sent")
        )
    subject = payload.get("sub")
    if not isinstance(subject, str) or not _same_identifier(subject, identifier):
        raise ReceiveError(
            M(
                "the issuer's signed metadata is for {subject}, not {issuer}; nothing was sent",
                subject=str(subject)[:200],
                issuer=identifier,
            )
        )
    key, signer = _metadata_key(header)
    if key is None and not plain_asked:
        return None, None
    if key is None or not jose.verify_compact(token, key):
        raise ReceiveError(
            M("the issuer's signed metadata does not match its signature; nothing was sent")
        )
    expires = payload.get("exp")
    if isinstance(expires, int | float) and not isinstance(expires, bool) and expires < time.time():
        raise ReceiveError(M("the issuer's signed metadata has expired; nothing was sent"))
    return payload, signer


def _metadata_key(header: dict[str, Any]) -> tuple[Any, str | None]:
    """The key that signed the metadata and the DID naming it: a did:key or did:jwk `kid`
    (resolved offline), else a `jwk` or the first `x5c` certificate's key (no DID: the JWT
    vouches for itself); (None, None) when there is none the wallet can use offline."""
    kid = header.get("kid")
    if isinstance(kid, str) and kid.startswith(("did:key:", "did:jwk:")) and len(kid) < 8192:
        try:
            return keys.public_key_from_did(kid), kid.split("#")[0]
        except (WalletError, ValueError):
            return None, None
    try:
        if isinstance(header.get("jwk"), dict):
            return keys.public_key_from_jwk(header["jwk"]), None
        chain = header.get("x5c")
        if isinstance(chain, list) and chain and isinstance(chain[0], str):
            from cryptography import x509

            leaf = x509.load_der_x509_certificate(base64.b64decode(chain[0], validate=True))
            return leaf.public_key(), None
    except (WalletError, ValueError, TypeError):
        pass
    return None, None


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
    found = _server_metadata(server)
    endpoint = _endpoint(found.get("token_endpoint"), "token_endpoint") if found else None
    if endpoint is not None:
        return endpoint
    legacy = _endpoint(meta.get("token_endpoint"), "token_endpoint")  # Draft 11 and earlier
    if legacy is None:
        raise ReceiveError(M("the issuer names no token endpoint; nothing was sent"))
    return legacy


def _server_metadata(server: str) -> dict[str, Any] | None:
    """An authorization server's metadata (RFC 8414, or an OpenID provider's at either of its
    usual addresses), or None when it publishes none."""
    addresses = [
        well_known(server, "oauth-authorization-server"),
        well_known(server, "openid-configuration"),
        server.rstrip("/") + "/.well-known/openid-configuration",  # OpenID Connect's own place
    ]
    for address in dict.fromkeys(addresses):
        try:
            data = fetch_url(address, max_bytes=MAX_METADATA_BYTES, timeout=TIMEOUT_S)
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
        return found
    return None


def _browser_address(value: Any) -> str | None:
    """An address the wallet may open in the learner's browser: https, or plain http to this
    computer under the tests' loopback switch. Anything else (file:, javascript:, a custom
    scheme that would start another program) is never opened."""
    url = _text(value, 2048)
    if url is None:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() == "https" and parts.hostname:
        return url
    local = parts.hostname in ("127.0.0.1", "localhost", "::1")
    if parts.scheme.lower() == "http" and local and loopback_switch_on():
        return url
    return None


def _sign_in_server(meta: dict[str, Any], offer: Offer) -> SignInServer:
    """Where the learner signs in for an offer without a pre-authorized code: the server the
    offer's authorization_code grant names, else the issuer's first, else the issuer itself."""
    servers = _strings(meta.get("authorization_servers"))
    server = offer.sign_in_server or (servers[0] if servers else offer.credential_issuer)
    if servers and offer.sign_in_server and offer.sign_in_server not in servers:
        raise ReceiveError(
            M("the offer names an authorization server the issuer's metadata does not list")
        )
    found = _server_metadata(server) or {}
    token = _endpoint(found.get("token_endpoint"), "token_endpoint")
    if found.get("authorization_endpoint") is None or token is None:
        raise ReceiveError(
            M("the issuer offers a sign-in but names no place to sign in; nothing was sent")
        )
    address = _browser_address(found.get("authorization_endpoint"))
    if address is None:
        raise ReceiveError(M("the issuer's sign-in page is not an https address; nothing was sent"))
    par = _endpoint(
        found.get("pushed_authorization_request_endpoint"), "pushed_authorization_request_endpoint"
    )
    if par is None and found.get("require_pushed_authorization_requests") is True:  # RFC 9126
        raise ReceiveError(
            M(
                "the issuer's sign-in requires pushed authorization requests but names no "
                "place to send them; nothing was sent"
            )
        )
    methods = _strings(found.get("code_challenge_methods_supported"))
    if methods and "S256" not in methods:
        raise ReceiveError(
            M(
                "the issuer's sign-in does not support PKCE with S256, which this wallet "
                "requires; nothing was sent"
            )
        )
    return SignInServer(
        issuer=server,
        authorization_endpoint=address,
        token_endpoint=token,
        details=CREDENTIAL_DETAILS in _strings(found.get("authorization_details_types_supported")),
        iss_parameter=found.get("authorization_response_iss_parameter_supported") is True,
        par_endpoint=par,
    )


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
    answer = _post_token(issuer.token_endpoint, form, post)
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
        raise _token_status(answer)
    return _token_from(answer)


def _post_token(endpoint: str, form: dict[str, str], post: Post) -> Answer:
    return _send(M("the token request"), post, endpoint, form=form, before_storing=True)


def _token_status(answer: Answer) -> ReceiveError:
    return ReceiveError(
        M(
            "the issuer's token endpoint answered {status}; nothing was added",
            status=answer.status,
        )
    )


def _secret(value: Any, limit: int = 16 * 1024) -> str | None:
    return value if isinstance(value, str) and 0 < len(value) <= limit else None


def _token_from(answer: Answer) -> Token:
    """A token answer (RFC 6749 section 5.1, OpenID4VCI 1.0 section 6.2), checked."""
    body = _json(answer.body, "token")
    token = _secret(body.get("access_token")) if isinstance(body, dict) else None
    if token is None:
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
    identifiers: dict[str, tuple[str, ...]] = {}
    details = body.get("authorization_details")
    for entry in details[:50] if isinstance(details, list) else []:
        if not isinstance(entry, dict) or entry.get("type") != CREDENTIAL_DETAILS:
            continue
        cid = entry.get("credential_configuration_id")
        given = _strings(entry.get("credential_identifiers"))
        if isinstance(cid, str) and given:
            identifiers[cid] = identifiers.get(cid, ()) + given
    return Token(
        token,
        "Bearer",
        _secret(body.get("c_nonce"), 1023),
        refresh_token=_secret(body.get("refresh_token")),
        identifiers=identifiers,
    )


# --- the sign-in: authorization code with PKCE through the system browser ------------------


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def sign_in_request(
    issuer: Issuer,
    offer: Offer,
    configs: list[Configuration],
    redirect_uri: str,
    state: str,
    *,
    post: Post = post_url,
) -> SignIn:
    """The authorization request to open in the learner's browser (1.0 section 5.1, RFC 7636
    PKCE with S256, RFC 8252 loopback redirect): the offer's `issuer_state`, and what is
    wanted as `authorization_details` where the server understands them, else as scopes.
    Where the server takes pushed requests (RFC 9126), the request is sent there first, and
    the browser gets only the client id and the `request_uri` the server gave for it."""
    server = issuer.sign_in
    if server is None:
        raise ReceiveError(M("this offer has no sign-in; nothing was sent"))
    verifier = _b64url(secrets.token_bytes(48))  # 64 characters, RFC 7636 section 4.1
    params: dict[str, str] = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": redirect_uri,
        "state": state,
        "code_challenge": _b64url(hashlib.sha256(verifier.encode("ascii")).digest()),
        "code_challenge_method": "S256",
    }
    if offer.issuer_state is not None:
        params["issuer_state"] = offer.issuer_state
    scopes = [c.scope for c in configs if c.scope]
    if server.details or len(scopes) != len(configs):
        details: list[dict[str, Any]] = []
        for config in configs:
            entry: dict[str, Any] = {
                "type": CREDENTIAL_DETAILS,
                "credential_configuration_id": config.id,
            }
            if issuer.listed_servers:  # section 5.1.1: say which issuer the details are for
                entry["locations"] = [issuer.credential_issuer]
            details.append(entry)
        params["authorization_details"] = json.dumps(details, separators=(",", ":"))
    else:
        params["scope"] = " ".join(dict.fromkeys(s for s in scopes if s))
        if issuer.listed_servers:  # RFC 8707: the token is for this issuer
            params["resource"] = issuer.credential_issuer
    if server.par_endpoint is not None:
        params = {
            "client_id": CLIENT_ID,
            "request_uri": _push_request(server.par_endpoint, params, post),
        }
    base = server.authorization_endpoint
    joiner = "&" if urlsplit(base).query else "?"
    return SignIn(base + joiner + urlencode(params), redirect_uri, state, verifier, server)


def _push_request(endpoint: str, params: dict[str, str], post: Post) -> str:
    """Send the authorization request to the server's PAR endpoint (RFC 9126 section 2) and
    return the `request_uri` it stands for, checked: a short printable string, nothing else."""
    answer = _send(
        M("the sign-in request to the issuer"), post, endpoint, form=params, before_storing=True
    )
    if answer.status not in (200, 201):
        code, _ = _error_code(answer)
        if code is not None:
            raise ReceiveError(
                M(
                    "the issuer refused the sign-in request ({error}); nothing was added",
                    error=code,
                )
            )
        raise ReceiveError(
            M(
                "the issuer's sign-in request endpoint answered {status}; nothing was added",
                status=answer.status,
            )
        )
    body = _json(answer.body, "pushed")
    uri = body.get("request_uri") if isinstance(body, dict) else None
    if not (
        isinstance(uri, str)
        and 0 < len(uri) <= MAX_REQUEST_URI
        and uri.isascii()
        and uri.isprintable()
        and " " not in uri
    ):
        raise ReceiveError(
            M(
                "the issuer's answer to the sign-in request holds no usable request_uri; "
                "nothing was added"
            )
        )
    return uri


def code_from_redirect(sign_in: SignIn, answer: Mapping[str, str]) -> str:
    """The authorization code the browser brought back, once the answer is known to come from
    the server the learner signed in at (RFC 9207 `iss`); the state was matched on arrival."""
    iss = answer.get("iss")
    if (iss is None and sign_in.server.iss_parameter) or (
        iss is not None and not _same_identifier(iss, sign_in.server.issuer)
    ):
        raise ReceiveError(
            M("the sign-in answer came from another server than the issuer's; nothing was added")
        )
    error = answer.get("error")
    if error == "access_denied":
        raise ReceiveError(
            M("the sign-in at the issuer was cancelled or refused; nothing was added")
        )
    if error is not None:
        raise ReceiveError(
            M(
                "the issuer's sign-in ended with an error ({error}); nothing was added",
                error=error[:60] if error.isascii() else "?",
            )
        )
    code = _secret(answer.get("code"), 4096)
    if code is None:
        raise ReceiveError(M("the sign-in answer holds no code; nothing was added"))
    return code


def request_token_for_code(sign_in: SignIn, code: str, *, post: Post = post_url) -> Token:
    """Exchange the authorization code for an access token, proving with the PKCE verifier
    that this wallet made the request (RFC 6749 section 4.1.3, RFC 7636 section 4.5)."""
    form = {
        "grant_type": AUTHORIZATION_CODE,
        "code": code,
        "redirect_uri": sign_in.redirect_uri,
        "code_verifier": sign_in.verifier,
        "client_id": CLIENT_ID,
    }
    answer = _post_token(sign_in.server.token_endpoint, form, post)
    if answer.status != 200:
        code_name, _ = _error_code(answer)
        if code_name == "invalid_grant":
            raise ReceiveError(
                M(
                    "the issuer did not accept the sign-in (it may have taken too long); "
                    "nothing was added"
                )
            )
        if code_name is not None:
            raise ReceiveError(
                M(
                    "the issuer refused the token request ({error}); nothing was added",
                    error=code_name,
                )
            )
        raise _token_status(answer)
    return _token_from(answer)


def refresh_token(endpoint: str, refresh: str, *, post: Post = post_url) -> Token:
    """A fresh access token for a deferred credential, from the refresh token the issuer gave
    (RFC 6749 section 6). Raises ReceiveError when the issuer will not give one."""
    form = {"grant_type": REFRESH_TOKEN, "refresh_token": refresh, "client_id": CLIENT_ID}
    answer = _post_token(endpoint, form, post)
    if answer.status != 200:
        raise ReceiveError(M("the issuer would not renew the wallet's access token"))
    return _token_from(answer)


def request_nonce(issuer: Issuer, *, post: Post = post_url) -> str:
    """A fresh `c_nonce` from the issuer's nonce endpoint (section 7)."""
    assert issuer.nonce_endpoint is not None
    answer = _send(M("the nonce request"), post, issuer.nonce_endpoint, form={})
    if answer.status != 200:
        raise ReceiveError(M("the issuer's nonce endpoint answered {status}", status=answer.status))
    body = _json(answer.body, "nonce")
    nonce = body.get("c_nonce") if isinstance(body, dict) else None
    if not isinstance(nonce, str) or not nonce or len(nonce) > 1024:
        raise ReceiveError(M("the issuer's nonce answer holds no nonce"))
    return nonce


# --- key proof and credential -------------------------------------------------------------


def proof_jwt(
    holder: keys.Holder,
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
    """Bind to a bare key only when the issuer takes no DID the wallet can name its key by
    (did:key preferred; see `key_need`)."""
    methods = config.binding_methods
    return (
        bool(methods) and "jwk" in methods and not any(m in ("did", *BINDINGS[:2]) for m in methods)
    )


def _check_fits(config: Configuration, holder: keys.Holder) -> None:
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


def _interval(value: Any) -> int:
    """Seconds to wait before asking again, within sane bounds."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        return int(min(max(value, 1), MAX_INTERVAL_S))
    return DEFAULT_INTERVAL_S


def _delivery(body: Any, transaction_id: str | None = None) -> Delivery:
    """A credential or deferred credential answer: its credentials, or a transaction id to
    ask again with (1.0 sections 8.3 and 9.2)."""
    if not isinstance(body, dict):
        raise ReceiveError(M("the issuer's credential answer is not a JSON object"))
    notification = _secret(body.get("notification_id"), 1024)
    nonce = _secret(body.get("c_nonce"), 1023)
    if "credentials" not in body and "credential" not in body:
        later = _secret(body.get("transaction_id"), 4096) or transaction_id
        if later is not None:
            return Delivery(
                nonce=nonce, transaction_id=later, interval=_interval(body.get("interval"))
            )
    return Delivery(tuple(_credentials_in(body)), nonce, notification)


def _credentials_in(body: dict[str, Any]) -> list[str | dict[str, Any]]:
    """The credentials of a credential answer: 1.0's `credentials: [{credential}]`, Draft
    13's single `credential`."""
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
    holder: keys.Holder,
    *,
    post: Post = post_url,
    nonce: str | None = None,
    identifier: str | None = None,
) -> Delivery:
    """Ask for one configuration's credential with a key proof. An `invalid_nonce` (or a
    Draft 13 `invalid_proof`) answer gets one retry with a fresh nonce. `identifier`: one of
    the credential identifiers the token answer gave for it (then it names the credential).
    Returns the credentials (or the promise of them later) and the nonce the next request
    may use."""
    _check_fits(config, holder)
    if nonce is None and issuer.nonce_endpoint and config.proof_types:
        nonce = request_nonce(issuer, post=post)  # 1.0: a fresh one for every request
    elif nonce is None:
        nonce = token.c_nonce  # Draft 13: the token answer's, then each credential answer's
    for attempt in (1, 2):
        body: dict[str, Any] = (
            {"credential_identifier": identifier}
            if identifier is not None
            else _credential_named(issuer, token, config)
        )
        if config.proof_types:
            proofs = [
                proof_jwt(holder, issuer.credential_issuer, nonce, use_jwk=_uses_jwk(config))
                for _ in range(issuer.batch_size)
            ]
            body.update(_proof_member(issuer, proofs))
        answer = _send(
            M("the credential request"),
            post,
            issuer.credential_endpoint,
            json_body=body,
            access_token=token.access_token,
            max_bytes=MAX_CREDENTIAL_BYTES,
        )
        if answer.status in (200, 202):
            return _delivery(_json(answer.body, "credential"))
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


# --- deferred credentials and notifications -----------------------------------------------


class TokenRefused(ReceiveError):
    """The issuer no longer takes the access token (it expired): renew it and ask again."""


class TransactionGone(ReceiveError):
    """The issuer no longer knows a deferred transaction: asking again will not help."""


def request_deferred(
    endpoint: str, access_token: str, transaction_id: str, *, post: Post = post_url
) -> Delivery:
    """Ask again for a deferred credential (1.0 section 9). Still waiting gives a Delivery
    with the transaction id and the interval (1.0's 202, or the drafts' `issuance_pending`
    error); a problem raises ReceiveError (TokenRefused, TransactionGone: see above)."""
    answer = _send(
        M("asking for the deferred credential"),
        post,
        endpoint,
        json_body={"transaction_id": transaction_id},
        access_token=access_token,
        max_bytes=MAX_CREDENTIAL_BYTES,
    )
    if answer.status in (200, 202):
        return _delivery(_json(answer.body, "credential"), transaction_id)
    code, error = _error_code(answer)
    if code == "issuance_pending":
        return Delivery(transaction_id=transaction_id, interval=_interval(error.get("interval")))
    if answer.status == 401 or code == "invalid_token":
        raise TokenRefused(M("the issuer did not accept the wallet's access token"))
    if code == "invalid_transaction_id":
        raise TransactionGone(
            M("the issuer no longer knows this deferred credential; ask the issuer for a new offer")
        )
    if code is not None:
        raise ReceiveError(M("the issuer refused the credential request ({error})", error=code))
    raise ReceiveError(
        M("the issuer's deferred credential endpoint answered {status}", status=answer.status)
    )


ACCEPTED = "credential_accepted"
FAILURE = "credential_failure"


def notify(
    endpoint: str, access_token: str, notification_id: str, event: str, *, post: Post = post_url
) -> Msg | None:
    """Tell the issuer what became of a credential (1.0 section 11): `ACCEPTED` once stored,
    `FAILURE` when the wallet kept it out. Returns what went wrong, or None; never raises, so
    a notification can never undo or block what was stored."""
    try:
        answer = _send(
            M("telling the issuer"),
            post,
            endpoint,
            json_body={"notification_id": notification_id, "event": event},
            access_token=access_token,
        )
    except ReceiveError as e:
        return e.msg
    if answer.status in (200, 204):
        return None
    return M("the issuer's notification endpoint answered {status}", status=answer.status)


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


def bound_elsewhere(credential: str | dict[str, Any], holder: keys.Holder) -> bool:
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
