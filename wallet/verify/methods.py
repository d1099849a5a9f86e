"""From a verification method (or key id) to a public key, and whether it belongs to the issuer.

Offline, a key is known for sure only from `did:key` and `did:jwk` (the identifier is the key)
or from a cached document fetched on an earlier online check (`did:web`, HTTPS key documents).
A key read from the fragment of the issuer's own URL (a 1EdTech convention) or from a JWT
header proves only that *someone* signed: "signature valid, issuer not confirmed".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from wallet.errors import FormatError, WalletError
from wallet.messages import M, Msg, plain
from wallet.proofs import keys
from wallet.proofs.jose import load_json_bytes
from wallet.verify import legacy_jws
from wallet.verify.context import (
    DID_DOCUMENT,
    KEY_DOCUMENT,
    FetchRefused,
    Unreachable,
    VerifyContext,
    moment_of,
)
from wallet.verify.report import FAIL, ISSUER, PASS, UNKNOWN, Check


class KeyUnavailable(WalletError):
    """The key cannot be had offline (or at all, for an unsupported method): proof unknown."""


class KeyInvalid(WalletError):
    """The verification method is malformed or holds no usable key: the proof fails."""


@dataclass
class ResolvedKey:
    key: Any  # a cryptography public key object
    controller: str | None  # who provably controls the key; None when self-asserted
    how: Msg  # for the report: "did:key", "did:web, fetched …", "URL fragment (self-asserted)"
    fetched_at: str | None = None


def _did_part(url: str) -> str:
    return url.split("#", 1)[0].split("?", 1)[0]


def did_web_url(did: str) -> str:
    """The https URL of a did:web document (did:web:host[:path…])."""
    parts = did.split(":")[2:]
    if not parts or not parts[0]:
        raise KeyInvalid(M("malformed did:web {did}", did=did))
    host = unquote(parts[0])
    path = "/".join(unquote(p) for p in parts[1:])
    return f"https://{host}/{path}/did.json" if path else f"https://{host}/.well-known/did.json"


def key_from_method_object(vm: dict[str, Any]) -> Any:
    """Public key from a verification method object (Multikey, *VerificationKey2020, JWK, and
    the 2018/2019 forms: base58 Ed25519 and secp256k1 keys, via wallet.verify.legacy_jws)."""
    try:
        legacy = legacy_jws.legacy_method_key(vm)
        if legacy is not None:
            return legacy
        if "publicKeyMultibase" in vm:
            return keys.multikey_to_public_key(vm["publicKeyMultibase"])
        if "publicKeyJwk" in vm:
            return keys.public_key_from_jwk(vm["publicKeyJwk"])
    except WalletError as e:
        raise KeyInvalid(
            M(
                "verification method {id} holds no usable key: {problem}",
                id=str(vm.get("id", "")),
                problem=e.msg,
            )
        ) from None
    raise KeyInvalid(
        M(
            "verification method {id} has no publicKeyMultibase or publicKeyJwk",
            id=str(vm.get("id", "")),
        )
    )


def _find_method(doc: dict[str, Any], vm_id: str, base: str) -> dict[str, Any] | None:
    candidates: list[Any] = []
    for rel in ("verificationMethod", "assertionMethod", "authentication", "publicKey"):
        value = doc.get(rel)
        candidates.extend(value if isinstance(value, list) else [value] if value else [])
    for c in candidates:
        if isinstance(c, dict):
            cid = str(c.get("id", ""))
            if cid.startswith("#"):
                cid = base + cid
            if cid == vm_id:
                return c
    return None


def _listed_for(doc: dict[str, Any], vm_id: str, base: str, purpose: str) -> bool:
    value = doc.get(purpose)
    items = value if isinstance(value, list) else [value] if value else []
    for item in items:
        ref = item.get("id") if isinstance(item, dict) else item
        if isinstance(ref, str) and (ref == vm_id or (ref.startswith("#") and base + ref == vm_id)):
            return True
    return False


def resolve(method: object, ctx: VerifyContext, *, purpose: str = "assertionMethod") -> ResolvedKey:
    """The public key a proof or JWT names, with who controls it; raises KeyUnavailable/Invalid."""
    if not isinstance(method, str) or not method:
        raise KeyInvalid(M("the proof names no verification method"))
    scheme = method.split(":", 1)[0] if ":" in method else ""
    if method.startswith(keys.OFFLINE_DIDS):  # the identifier is the key
        did_method = "did:" + method.split(":")[1]
        try:
            key = legacy_jws.secp256k1_did_key(method) or keys.public_key_from_did(method)
        except WalletError as e:
            raise KeyInvalid(
                M(
                    "bad {did_method} verification method: {problem}",
                    did_method=did_method,
                    problem=e.msg,
                )
            ) from None
        return ResolvedKey(key, _did_part(method), plain(did_method))
    if method.startswith("did:web:"):
        return _resolve_did_web(method, ctx, purpose)
    if method.startswith("did:"):
        name = method.split(":")[1] if method.count(":") >= 2 else "?"
        raise KeyUnavailable(
            M("DID method {name} is not supported, so the key cannot be found", name=repr(name))
        )
    if not scheme:
        raise KeyInvalid(
            M("verification method {method} is not a URL or DID", method=repr(method[:60]))
        )
    fragment = urlsplit(method).fragment
    if fragment:
        try:
            fragment_key: keys.PublicKey | None = keys.multikey_to_public_key(fragment)
        except WalletError:
            fragment_key = None
        if fragment_key is not None:
            return ResolvedKey(
                fragment_key, None, M("URL fragment (self-asserted by the credential)")
            )
    if scheme not in ("https", "http"):
        raise KeyInvalid(
            M("verification method uses an unknown scheme {scheme}", scheme=repr(scheme))
        )
    return _resolve_key_url(method, ctx, purpose)


def _load_json(data: bytes, not_json: Msg, not_object: Msg) -> dict[str, Any]:
    try:
        doc = load_json_bytes(data)
    except FormatError:
        raise KeyInvalid(not_json) from None
    if not isinstance(doc, dict):
        raise KeyInvalid(not_object)
    return doc


def _resolve_did_web(method: str, ctx: VerifyContext, purpose: str) -> ResolvedKey:
    did = _did_part(method)
    url = did_web_url(did)
    try:
        data, fetched_at = _fetch(ctx, DID_DOCUMENT, url)
    except FetchRefused:
        raise KeyUnavailable(
            M(
                "the issuer's DID document ({did}) is not cached; check online once to fetch it",
                did=did,
            )
        ) from None
    doc = _load_json(
        data,
        M("DID document {url} is not JSON", url=url),
        M("DID document {url} is not a JSON object", url=url),
    )
    if doc.get("id") != did:
        raise KeyInvalid(
            M(
                "the DID document at {url} is for {other}, not {did}",
                url=url,
                other=repr(doc.get("id")),
                did=did,
            )
        )
    vm = _find_method(doc, method, did)
    if vm is None:
        raise KeyInvalid(M("{did} has no verification method {method}", did=did, method=method))
    if purpose and not _listed_for(doc, method, did, purpose):
        raise KeyInvalid(
            M("{did} does not list {method} for {purpose}", did=did, method=method, purpose=purpose)
        )
    return ResolvedKey(
        key_from_method_object(vm),
        did,
        M("did:web, fetched {when}", when=moment_of(fetched_at)),
        fetched_at,
    )


def _resolve_key_url(method: str, ctx: VerifyContext, purpose: str) -> ResolvedKey:
    url = method.split("#", 1)[0]
    try:
        data, fetched_at = _fetch(ctx, KEY_DOCUMENT, url)
    except FetchRefused:
        raise KeyUnavailable(
            M("the key {method} is not cached; check online once to fetch it", method=method)
        ) from None
    doc = _load_json(
        data,
        M("key document {url} is not JSON", url=url),
        M("key document {url} is not a JSON object", url=url),
    )
    vm = doc if doc.get("id") in (method, url) else _find_method(doc, method, url)
    if vm is None:
        raise KeyInvalid(M("{url} holds no key {method}", url=url, method=method))
    controller = vm.get("controller") or doc.get("controller") or doc.get("id")
    # A key document speaks for its controller only when both live on the same site.
    same_site = isinstance(controller, str) and urlsplit(controller).netloc == urlsplit(url).netloc
    return ResolvedKey(
        key_from_method_object(vm),
        controller if same_site else None,
        M("key document, fetched {when}", when=moment_of(fetched_at)),
        fetched_at,
    )


def _fetch(ctx: VerifyContext, kind: str, url: str) -> tuple[bytes, str]:
    """ctx.fetch_or_cached: a document that cannot be had leaves the key unknown."""
    try:
        return ctx.fetch_or_cached(kind, url)
    except Unreachable as e:
        raise KeyUnavailable(e.msg) from None


def issuer_check(issuer_id: str | None, resolved: ResolvedKey) -> Check:
    """Does the key that signed belong to the issuer the credential names?"""
    if not issuer_id:
        return Check(ISSUER, FAIL, M("the credential names no issuer"))
    if resolved.controller is None:
        return Check(
            ISSUER,
            UNKNOWN,
            M(
                "signature valid, issuer not confirmed: the key is given by "
                "the credential itself ({how}), so anyone could have signed",
                how=resolved.how,
            ),
        )
    controller = _did_part(resolved.controller)
    issuer = _did_part(issuer_id)
    if controller == issuer:
        return Check(
            ISSUER, PASS, M("the signing key belongs to the issuer ({how})", how=resolved.how)
        )
    if issuer.startswith("did:") and controller.startswith("did:"):
        return Check(
            ISSUER,
            FAIL,
            M(
                "signed with a key of {controller}, not of the issuer {issuer}",
                controller=controller,
                issuer=issuer,
            ),
        )
    return Check(
        ISSUER,
        UNKNOWN,
        M(
            "the key belongs to {controller}; nothing available offline "
            "links it to the issuer {issuer}",
            controller=controller,
            issuer=issuer,
        ),
    )
