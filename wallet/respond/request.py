"""A verifier's request (OpenID4VP 1.0 section 5), read and checked before the learner is asked.

What the learner is shown about who asks must be true, so nothing in the request counts until
its signature holds for the client identifier it names: `x509_san_dns` (the certificate's DNS
name is the identifier, and the answer may only go to that host), `x509_hash` (the hash of the
certificate is the identifier, the HAIP profile's choice), `decentralized_identifier` (the key
of a did:key or did:jwk, resolved offline), or `redirect_uri` (unsigned: the identifier is the
address the answer goes to, and that is all it proves). The link and the request object must
name the same verifier. Every fetch goes through `wallet.sources`; every part is bounded.
"""

from __future__ import annotations

import base64
import hashlib
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from wallet.errors import FormatError, WalletError
from wallet.messages import M, Msg
from wallet.proofs import jose, keys
from wallet.respond import RespondError, dcql
from wallet.sources import URL_TIMEOUT_S, SourceError, fetch_url

SCHEMES = ("openid4vp", "haip-vp", "eudi-openid4vp")  # the wallet-invocation schemes
MAX_LINK = 64 * 1024  # characters of a pasted or scanned link
MAX_REQUEST_BYTES = 256 * 1024  # a request object
MAX_CHAIN = 8  # certificates in an x5c chain
MAX_CERTIFICATE_BYTES = 16 * 1024
MAX_TEXT = 200  # characters of a name shown to the learner
REQUEST_TYP = "oauth-authz-req+jwt"
REDIRECT_URI = "redirect_uri"
X509_SAN_DNS = "x509_san_dns"
X509_HASH = "x509_hash"
DID = "decentralized_identifier"
PREFIXES = (REDIRECT_URI, X509_SAN_DNS, X509_HASH, DID)
DIRECT_POST = "direct_post"
DIRECT_POST_JWT = "direct_post.jwt"
ENCRYPTIONS = ("A128GCM", "A256GCM")  # content encryptions the wallet can make (jwcrypto)


@dataclass(frozen=True)
class Verifier:
    """Who asks, as far as the request proves it."""

    client_id: str  # with its prefix, as the verifier gave it
    prefix: str
    name: str | None  # the name it gives itself (a stranger's text, not proven)
    host: str  # the host the answer goes to
    certificates: tuple[str, ...] = ()  # the chain's subjects, leaf first (x509 prefixes)
    did: str | None = None  # decentralized_identifier's DID

    @property
    def identifier(self) -> str:
        """The client identifier without its prefix: a DNS name, a hash, a DID or an address."""
        return self.client_id.split(":", 1)[1] if ":" in self.client_id else self.client_id


@dataclass(frozen=True)
class Request:
    """A checked request: who asks, what for, and where and how the answer goes."""

    verifier: Verifier
    query: dcql.Query
    response_uri: str
    response_mode: str
    nonce: str = field(repr=False)
    state: str | None = field(default=None, repr=False)
    encryption_key: dict[str, Any] | None = field(default=None, repr=False)
    encryption: str = "A128GCM"


def is_request_link(text: str) -> bool:
    """Whether `text` looks like an OpenID4VP request link (it may still be a bad one)."""
    text = text.strip()
    scheme = text.split(":", 1)[0].lower() if ":" in text else ""
    if scheme in SCHEMES:
        return True
    if scheme == "https" and "client_id=" in text:
        return "request_uri=" in text or "dcql_query=" in text or "response_type=vp_token" in text
    return False


def _refused(msg: Msg) -> RespondError:
    return RespondError(msg)


def _parameters(link: str) -> dict[str, str]:
    """The link's query parameters (each once); one sentence when it is not a request."""
    link = link.strip()
    if len(link) > MAX_LINK:
        raise _refused(M("the verifier's link is longer than {limit} KiB", limit=MAX_LINK // 1024))
    if not is_request_link(link):
        raise _refused(M("this is not a verifier's request (an openid4vp:// link)"))
    try:
        pairs = parse_qsl(urlsplit(link).query, keep_blank_values=True, max_num_fields=50)
    except ValueError:
        raise _refused(M("the verifier's link has too many parameters")) from None
    params: dict[str, str] = {}
    for name, value in pairs:
        if name in params:
            raise _refused(M("the verifier's link names {name} twice", name=name[:60]))
        params[name] = value
    if not params.get("client_id"):
        raise _refused(M("the verifier's link does not say who is asking (no client_id)"))
    return params


def _text(value: Any, limit: int = MAX_TEXT) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    cleaned = "".join(c if c.isprintable() else " " for c in value.strip())
    return cleaned[:limit]


def _json_member(value: str, name: str) -> Any:
    try:
        return jose.load_json_bytes(value.encode("utf-8"))
    except FormatError as e:
        raise _refused(
            M("the verifier's {name} is not valid JSON ({problem})", name=name, problem=e.msg)
        ) from None


def _fetch_request_object(uri: str) -> str:
    try:
        data = fetch_url(
            uri,
            max_bytes=MAX_REQUEST_BYTES,
            timeout=URL_TIMEOUT_S,
            accept=f"application/{REQUEST_TYP}",
        )
    except SourceError as e:
        raise _refused(
            M("cannot fetch the verifier's request: {problem}; nothing was sent", problem=e.msg)
        ) from None
    try:
        return data.decode("ascii").strip()
    except UnicodeDecodeError:
        raise _refused(M("the verifier's request is not a signed request object")) from None


def _certificates(header: dict[str, Any]) -> list[Any]:
    """The x5c chain, leaf first, each certificate issued by the next where one follows."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature

    chain = header.get("x5c")
    if not isinstance(chain, list) or not chain or len(chain) > MAX_CHAIN:
        raise _refused(M("the verifier's request carries no certificate (x5c)"))
    certificates = []
    for entry in chain:
        try:
            der = base64.b64decode(entry, validate=True) if isinstance(entry, str) else b""
            if not der or len(der) > MAX_CERTIFICATE_BYTES:
                raise ValueError("size")
            certificates.append(x509.load_der_x509_certificate(der))
        except (ValueError, TypeError):
            raise _refused(M("the verifier's certificate cannot be read")) from None
    for cert, issuer in zip(certificates, certificates[1:], strict=False):
        try:
            cert.verify_directly_issued_by(issuer)
        except (ValueError, TypeError, InvalidSignature):
            raise _refused(
                M("the verifier's certificate chain does not hold together; nothing was sent")
            ) from None
    return certificates


def _dns_names(cert: Any) -> list[str]:
    from cryptography import x509

    try:
        names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return []
    return [str(n).lower() for n in names.get_values_for_type(x509.DNSName)]


def _signer(prefix: str, identifier: str, header: dict[str, Any]) -> tuple[Any, Verifier]:
    """The key the request object must be signed with, and the verifier it proves."""
    from cryptography.hazmat.primitives.serialization import Encoding

    if prefix in (X509_SAN_DNS, X509_HASH):
        chain = _certificates(header)
        leaf = chain[0]
        if prefix == X509_SAN_DNS and identifier.lower() not in _dns_names(leaf):
            raise _refused(
                M(
                    "the verifier's certificate is not for {name}, the name it gives; "
                    "nothing was sent",
                    name=identifier[:200],
                )
            )
        if prefix == X509_HASH:
            digest = hashlib.sha256(leaf.public_bytes(Encoding.DER)).digest()
            if jose.b64url_encode(digest) != identifier:
                raise _refused(
                    M(
                        "the verifier's certificate is not the one its name stands for; "
                        "nothing was sent"
                    )
                )
        subjects = tuple(c.subject.rfc4514_string()[:MAX_TEXT] for c in chain)
        verifier = Verifier(f"{prefix}:{identifier}", prefix, None, "", subjects)
        return leaf.public_key(), verifier
    if prefix == DID:
        kid = header.get("kid")
        if not identifier.startswith(("did:key:", "did:jwk:")):
            raise _refused(
                M(
                    "the verifier names itself by {did}, a kind of DID this wallet cannot "
                    "check offline; nothing was sent",
                    did=identifier[:200],
                )
            )
        if not isinstance(kid, str) or kid.split("#")[0] != identifier:
            raise _refused(
                M(
                    "the verifier's request is signed by another key than its DID's; "
                    "nothing was sent"
                )
            )
        try:
            key = keys.public_key_from_did(kid)
        except (WalletError, ValueError):
            raise _refused(M("the verifier's DID cannot be read; nothing was sent")) from None
        return key, Verifier(f"{prefix}:{identifier}", prefix, None, "", did=identifier)
    raise AssertionError(prefix)  # pragma: no cover - the caller checked


def _split_client_id(client_id: str) -> tuple[str, str]:
    prefix, _, identifier = client_id.partition(":")
    if prefix not in PREFIXES or not identifier:
        raise _refused(
            M(
                "the verifier names itself as {client}, in a way this wallet cannot check; "
                "nothing was sent",
                client=client_id[:200],
            )
        )
    return prefix, identifier


def _verified_claims(params: dict[str, str]) -> tuple[dict[str, Any], Verifier]:
    """The request's parameters, from a signed request object where there is one, checked
    against the client identifier; the verifier as far as that proves it."""
    client_id = params["client_id"]
    prefix, identifier = _split_client_id(client_id)
    token = params.get("request")
    if params.get("request_uri"):
        token = _fetch_request_object(params["request_uri"])
    if token is None:  # by value, unsigned: only what a redirect_uri identifier allows
        if prefix != REDIRECT_URI:
            raise _refused(
                M("the verifier's request is not signed, as its name requires; nothing was sent")
            )
        claims: dict[str, Any] = dict(params)
        for name in ("dcql_query", "client_metadata", "presentation_definition"):
            if name in claims:
                claims[name] = _json_member(claims[name], name)
        return claims, Verifier(client_id, prefix, None, "")
    if prefix == REDIRECT_URI:
        raise _refused(
            M("a verifier named by its address may not send a signed request; nothing was sent")
        )
    try:
        header, payload = jose.decode_compact_json(token)
    except FormatError as e:
        raise _refused(
            M("the verifier's request cannot be read: {problem}", problem=e.msg)
        ) from None
    if not isinstance(payload, dict):
        raise _refused(M("the verifier's request is not a JSON object"))
    if header.get("typ", REQUEST_TYP) != REQUEST_TYP:
        raise _refused(M("the verifier's request is not a request object (typ); nothing was sent"))
    key, verifier = _signer(prefix, identifier, header)
    if not jose.verify_compact(token, key):
        raise _refused(M("the verifier's request does not match its signature; nothing was sent"))
    if payload.get("client_id") != client_id:
        raise _refused(
            M(
                "the verifier's request names another verifier ({claimed}) than its link "
                "({client}); nothing was sent",
                claimed=str(payload.get("client_id"))[:200],
                client=client_id[:200],
            )
        )
    return payload, verifier


def _encryption(metadata: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """The verifier's key to encrypt the answer to (ECDH-ES on P-256), and the content
    encryption to use, from its client metadata."""
    jwks = metadata.get("jwks")
    found = jwks.get("keys") if isinstance(jwks, dict) else None
    key = next(
        (
            k
            for k in (found if isinstance(found, list) else [])[:10]
            if isinstance(k, dict)
            and k.get("kty") == "EC"
            and k.get("crv") == "P-256"
            and k.get("use", "enc") == "enc"
            and k.get("alg", "ECDH-ES") == "ECDH-ES"
            and isinstance(k.get("x"), str)
            and isinstance(k.get("y"), str)
        ),
        None,
    )
    offered = metadata.get("encrypted_response_enc_values_supported")
    offered = [e for e in offered if isinstance(e, str)] if isinstance(offered, list) else []
    enc = next((e for e in ENCRYPTIONS if e in offered), "A128GCM" if not offered else "")
    return (dict(key) if key is not None else None), enc


def read_request(link: str, *, now: float | None = None) -> Request:
    """The verifier's request the link stands for, checked (see the module's words); any
    problem is one sentence, and nothing has been sent to the verifier."""
    params = _parameters(link)
    claims, verifier = _verified_claims(params)
    expires = claims.get("exp")
    if isinstance(expires, int | float) and not isinstance(expires, bool):
        if expires < (time.time() if now is None else now):
            raise _refused(M("the verifier's request has expired; ask for a new one"))
    if claims.get("response_type") != "vp_token":
        raise _refused(M("the verifier does not ask for a presentation (response_type)"))
    mode = claims.get("response_mode")
    if mode not in (DIRECT_POST, DIRECT_POST_JWT):
        raise _refused(
            M(
                "the verifier wants its answer by {mode}, which this wallet does not send",
                mode=str(mode)[:60],
            )
        )
    response_uri = claims.get("response_uri")
    try:
        parts = urlsplit(response_uri) if isinstance(response_uri, str) else None
        host = parts.hostname if parts is not None else None
    except ValueError:  # e.g. "http://[::1": not an address at all
        parts, host = None, None
    if parts is None or parts.scheme not in ("https", "http") or not host:
        raise _refused(M("the verifier's request does not say where to answer (response_uri)"))
    assert isinstance(response_uri, str)
    if verifier.prefix == REDIRECT_URI and response_uri != verifier.identifier:
        raise _refused(
            M("the verifier's address is not where it asks the answer to go; nothing was sent")
        )
    if verifier.prefix == X509_SAN_DNS and host.lower() != verifier.identifier.lower():
        raise _refused(
            M(
                "the answer would go to {host}, not to {name} that the certificate is for; "
                "nothing was sent",
                host=host,
                name=verifier.identifier[:200],
            )
        )
    nonce = claims.get("nonce")
    if not isinstance(nonce, str) or not 0 < len(nonce) <= 1024:
        raise _refused(M("the verifier's request has no nonce"))
    state = claims.get("state")
    if state is not None and (not isinstance(state, str) or len(state) > 4096):
        raise _refused(M("the verifier's request has an unusable state"))
    if "dcql_query" not in claims:
        if "presentation_definition" in claims:
            raise _refused(
                M(
                    "the verifier asks in the older Presentation Exchange form, which this "
                    "wallet does not answer; nothing was sent"
                )
            )
        raise _refused(M("the verifier's request does not say what it wants (dcql_query)"))
    query = dcql.parse_query(claims["dcql_query"])
    metadata = claims.get("client_metadata")
    metadata = metadata if isinstance(metadata, dict) else {}
    key, enc = _encryption(metadata)
    if mode == DIRECT_POST_JWT and (key is None or not enc):
        raise _refused(
            M("the verifier asks for an encrypted answer but gives no key the wallet can use")
        )
    verifier = Verifier(
        verifier.client_id,
        verifier.prefix,
        _text(metadata.get("client_name")),
        host,
        verifier.certificates,
        verifier.did,
    )
    return Request(
        verifier,
        query,
        response_uri,
        mode,
        nonce,
        state,
        key if mode == DIRECT_POST_JWT else None,
        enc or "A128GCM",
    )
