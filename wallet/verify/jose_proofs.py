"""Proofs of JOSE-secured credentials: VC-JWT / OB 3.0 JWT, OB 2.0 signed and hosted assertions,
SD-JWT and SD-JWT VC (with key binding).

Each verifier returns a ProofOutcome with a `proof` check (the issuer's signature over the
content), an `issuer` check (does that key belong to the issuer the credential names?) and, for
SD-JWT, a `holder` check (the key-binding JWT). Where the key comes from decides the issuer check:

- a DID URL `kid` (did:key, did:jwk, cached did:web) -> methods.issuer_check against the issuer;
- a `jwk` in the header -> anyone could have signed: "signature valid, issuer not confirmed";
- OB 2.0 `verification.creator` -> the key document's `owner` must be the badge's issuer and the
  issuer's profile must list the key (both documents cached for offline checks);
- an https issuer without kid/jwk -> the key is in the issuer's profile (OB 3.0 JWT) or its
  SD-JWT VC metadata (`/.well-known/jwt-vc-issuer`): online once, then from the cache;
- `issuer_keys` given by the caller (a trust list, a test) -> the caller vouches for the issuer.

Dates are not judged here: the `document` keeps the JWT's `nbf`/`exp`/`iat` (NumericDate,
seconds) at its top level, beside what a VC 1.1 `vc` claim maps them to, for the validity check.
Only their shape is checked: a non-numeric date makes the JWT malformed (proof fails).

Key-binding freshness: a KB-JWT's `iat` older than `kb_max_age` (10 minutes by default) or in the
future is a *warning* on the holder check, never a failure: the binding itself (holder key,
sd_hash, aud, nonce) is what proves who presented it; age only says it may be a replay. Pass
`kb_max_age=None` to judge a stored presentation (the public vectors were made in 2025/2026).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.serialization import load_pem_public_key

from wallet.errors import FormatError, WalletError
from wallet.messages import M, Msg
from wallet.proofs import jose, keys
from wallet.proofs.jose import load_json_bytes
from wallet.verify import methods
from wallet.verify.context import (
    JWT_ISSUER,
    KEY_DOCUMENT,
    FetchRefused,
    Unreachable,
    VerifyContext,
    day_of,
)
from wallet.verify.methods import KeyInvalid, KeyUnavailable, ResolvedKey
from wallet.verify.outcome import ProofOutcome
from wallet.verify.report import (
    FAIL,
    HOLDER,
    ISSUER,
    PASS,
    PROOF,
    SKIP,
    UNKNOWN,
    WARN,
    Check,
)

ALGS = ("EdDSA", "ES256", "ES384", "ES256K", "RS256", "PS256")
KB_MAX_AGE = _dt.timedelta(minutes=10)
CLOCK_SKEW = _dt.timedelta(minutes=5)
_DATE_CLAIMS = ("nbf", "exp", "iat")


class _Stop(Exception):
    """No key to check with: the proof is `status` (unknown or fail) for the reason given."""

    def __init__(self, status: str, msg: Msg) -> None:
        super().__init__(str(msg))
        self.status = status
        self.msg = msg


@dataclass
class _Source:
    """Keys to try, how they were found, and the issuer check that holds if one verifies."""

    keys: list[Any]
    how: Msg
    issuer: Callable[[], Check]
    extra: list[Check] = field(default_factory=list)


# --- small helpers --------------------------------------------------------------------------


def _json_object(data: bytes, what: Msg) -> dict[str, Any]:
    try:
        doc = jose.load_json_bytes(data, what)
    except FormatError as e:
        raise _Stop(FAIL, e.msg) from None
    if not isinstance(doc, dict):
        raise _Stop(FAIL, M("{what} is not a JSON object", what=what))
    return doc


def _fetched_object(
    ctx: VerifyContext, kind: str, url: str, what: Msg, not_cached: Msg
) -> tuple[dict[str, Any], str]:
    """The JSON object `what` at `url` (fetched, or the copy cached as `kind`) and when it was
    fetched; without it the signature cannot be checked (_Stop, unknown: `not_cached` when the
    wallet is offline and holds no copy)."""
    try:
        data, fetched_at = ctx.fetch_or_cached(kind, url)
    except FetchRefused:
        raise _Stop(UNKNOWN, not_cached) from None
    except Unreachable as e:
        raise _Stop(UNKNOWN, M("cannot check the signature: {problem}", problem=e.msg)) from None
    return _json_object(data, what), fetched_at


def _ident(value: Any) -> str | None:
    if isinstance(value, str) and value:
        return value
    if isinstance(value, dict) and isinstance(value.get("id"), str) and value["id"]:
        return str(value["id"])
    return None


def _is_url(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://"))


def _alg_problem(alg: Any) -> Check | None:
    if alg == "none":
        return Check(PROOF, FAIL, M("not signed: the JWT says alg 'none'"))
    if alg not in ALGS:
        return Check(
            PROOF,
            UNKNOWN,
            M(
                "signed with {alg}, which this wallet cannot check (it checks {algs})",
                alg=repr(alg),
                algs=", ".join(ALGS),
            ),
        )
    return None


def _date_problem(claims: dict[str, Any], *, sd_jwt: bool) -> Msg | None:
    for name in _DATE_CLAIMS:
        if name in claims:
            value = claims[name]
            if isinstance(value, bool) or not isinstance(value, int | float):
                if sd_jwt:
                    return M(
                        "the SD-JWT's {name} is not a date in seconds (NumericDate): {value}",
                        name=name,
                        value=repr(value),
                    )
                return M(
                    "the JWT's {name} is not a date in seconds (NumericDate): {value}",
                    name=name,
                    value=repr(value),
                )
    return None


def _moment(seconds: float) -> _dt.datetime | None:
    try:
        return _dt.datetime.fromtimestamp(seconds, _dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _span(delta: _dt.timedelta) -> Msg:
    seconds = abs(delta.total_seconds())
    if seconds >= 86400:
        n = int(seconds // 86400)
        return M("{n} day", n=n) if n == 1 else M("{n} days", n=n)
    if seconds >= 3600:
        n = int(seconds // 3600)
        return M("{n} hour", n=n) if n == 1 else M("{n} hours", n=n)
    if seconds >= 60:
        n = int(seconds // 60)
        return M("{n} minute", n=n) if n == 1 else M("{n} minutes", n=n)
    return M("{n} seconds", n=int(seconds))


def _public_key(value: Any, what: Msg) -> Any:
    """A cryptography public key from a key object or a JWK dict."""
    if isinstance(value, dict):
        try:
            return keys.public_key_from_jwk(value)
        except WalletError as e:
            raise _Stop(
                FAIL, M("{what} is not a usable key: {problem}", what=what, problem=e.msg)
            ) from None
    if hasattr(value, "public_key") and not hasattr(value, "verify"):
        return value.public_key()
    return value


def _not_checked(reason: Msg) -> Check:
    """The issuer check when the signature was not established (`reason` is a whole clause)."""
    return Check(ISSUER, SKIP, M("not checked: {reason}", reason=reason))


def _outcome(
    proof: Check,
    issuer: Check,
    document: dict[str, Any] | None,
    issuer_id: str | None,
    extra: list[Check] | None = None,
) -> ProofOutcome:
    return ProofOutcome(
        checks=[proof, issuer, *(extra or [])], document=document, issuer_id=issuer_id
    )


def _caller_keys(issuer_keys: dict[str, Any], kid: Any) -> _Source:
    """Keys the caller vouches for: the one under `kid`, else every key given."""
    if isinstance(kid, str) and kid in issuer_keys:
        chosen = [issuer_keys[kid]]
        how = M("issuer key {kid} you supplied", kid=repr(kid))
    else:
        chosen = list(issuer_keys.values())
        how = M("an issuer key you supplied")
    found = [_public_key(k, M("a supplied issuer key")) for k in chosen]
    return _Source(
        found,
        how,
        lambda: Check(ISSUER, PASS, M("the signing key is one you supplied for this issuer")),
    )


def _resolved_source(method: str, ctx: VerifyContext, issuer_id: str | None) -> _Source:
    try:
        r = methods.resolve(method, ctx)
    except KeyInvalid as e:
        raise _Stop(FAIL, e.msg) from None
    except KeyUnavailable as e:
        raise _Stop(UNKNOWN, e.msg) from None
    return _resolved(r, issuer_id)


def _resolved(r: ResolvedKey, issuer_id: str | None) -> _Source:
    return _Source([r.key], r.how, lambda: methods.issuer_check(issuer_id, r))


def _keys_of(doc: dict[str, Any]) -> list[Any]:
    """Public keys a profile or key document publishes (JWK, Multikey, PEM)."""
    found: list[Any] = []
    items: list[Any] = [doc]
    for rel in ("publicKey", "verificationMethod", "assertionMethod"):
        value = doc.get(rel)
        items.extend(value if isinstance(value, list) else [value] if value else [])
    for item in items:
        if not isinstance(item, dict):
            continue
        try:
            if isinstance(item.get("publicKeyPem"), str):
                found.append(load_pem_public_key(item["publicKeyPem"].encode("ascii")))
            elif "publicKeyJwk" in item or "publicKeyMultibase" in item:
                found.append(methods.key_from_method_object(item))
        except (ValueError, TypeError, UnicodeEncodeError, WalletError):
            continue
    return found


def _wrong_key_type(alg: str, how: Msg) -> Msg:
    """Why a signature whose alg does not fit the key fails (an ES256K header over a P-256 key):
    the key decides how it is used, never the header."""
    return M(
        "the signature names the algorithm {alg}, but the key ({how}) is not a key for {alg}, "
        "so the signature cannot be valid",
        alg=alg,
        how=how,
    )


def _check_signature(alg: str, source: _Source, signature: bytes, signing_input: bytes) -> bool:
    return any(jose.verify_signature(alg, k, signature, signing_input) for k in source.keys)


def _signer(
    find: Callable[[], _Source],
    alg: str,
    signature: bytes,
    signing_input: bytes,
    mismatch: Callable[[Msg], Msg],
    *,
    problem: Check | None = None,
) -> _Source | tuple[Check, Check]:
    """The keys `find` names, when one of them verifies the signature; else the proof and issuer
    checks that say why not: an algorithm this wallet does not check, `problem` (something the
    caller found in the token that stops the signature being checked), no key to check with, or
    `mismatch(how)` when none verifies."""
    problem = _alg_problem(alg) or problem
    if problem is not None:
        return problem, _not_checked(M("the signature was not checked"))
    try:
        source = find()
    except _Stop as stop:
        return Check(PROOF, stop.status, stop.msg), _not_checked(M("the signing key is not known"))
    if not _check_signature(alg, source, signature, signing_input):
        if not any(jose.key_fits(alg, k) for k in source.keys):
            proof = Check(PROOF, FAIL, _wrong_key_type(alg, source.how))
        else:
            proof = Check(PROOF, FAIL, mismatch(source.how))
        return proof, _not_checked(M("the signature is not valid"))
    return source


def _decoded(
    compact: str, payload_is: Msg, not_object: Msg
) -> tuple[dict[str, Any], dict[str, Any], bytes, bytes]:
    """(header, claims, signature, signing input) of a compact JWS whose payload must be a JSON
    object; a FormatError says why it is malformed (`not_object` for other JSON)."""
    header, payload, signature, signing_input = jose.decode_compact(compact)
    claims = jose.load_json_bytes(payload, payload_is)
    if not isinstance(claims, dict):
        raise FormatError(not_object)
    return header, claims, signature, signing_input


# --- VC-JWT and OB 2.0 signed assertions ------------------------------------------------------


def _vc_document(claims: dict[str, Any]) -> tuple[dict[str, Any], str | None, Msg | None]:
    """(credential document, issuer id, conflict message) from VC-JWT claims."""
    from wallet.formats.vc import from_jwt_claims

    iss = claims.get("iss") if isinstance(claims.get("iss"), str) else None
    if isinstance(claims.get("vc"), dict):
        document = dict(from_jwt_claims(claims))
        for name in _DATE_CLAIMS:
            if name in claims:
                document.setdefault(name, claims[name])
    else:
        document = dict(claims)
    named = _ident(document.get("issuer"))
    conflict = None
    if iss and named and iss != named:
        conflict = M(
            "the JWT is from {iss} (iss) but the credential names the issuer {named}",
            iss=iss,
            named=named,
        )
    return document, named or iss, conflict


def _profile_source(issuer_id: str, ctx: VerifyContext) -> _Source:
    """The key an https issuer publishes in its profile (OB 3.0 JWT without kid or jwk)."""
    profile, fetched_at = _fetched_object(
        ctx,
        KEY_DOCUMENT,
        issuer_id,
        M("the issuer profile at {url}", url=issuer_id),
        M("cannot check the signature offline: the key is only published by the issuer online"),
    )
    if profile.get("id") not in (None, issuer_id):
        raise _Stop(
            FAIL,
            M("the profile at {url} is for {other}", url=issuer_id, other=repr(profile.get("id"))),
        )
    found = _keys_of(profile)
    if not found:
        raise _Stop(
            UNKNOWN,
            M(
                "the issuer's profile ({url}) publishes no key this wallet "
                "can read, so the signature cannot be checked",
                url=issuer_id,
            ),
        )
    day = day_of(fetched_at)
    how = M("key in the issuer's profile, fetched {day}", day=day)
    return _Source(
        found,
        how,
        lambda: Check(
            ISSUER,
            PASS,
            M(
                "the key is published in the issuer's own profile ({url}, fetched {day})",
                url=issuer_id,
                day=day,
            ),
        ),
    )


def _jwt_source(
    header: dict[str, Any],
    issuer_id: str | None,
    ctx: VerifyContext,
    issuer_keys: dict[str, Any] | None,
) -> _Source:
    kid, jwk = header.get("kid"), header.get("jwk")
    if issuer_keys:
        return _caller_keys(issuer_keys, kid)
    method = None
    if isinstance(kid, str) and (kid.startswith("did:") or _is_url(kid)):
        method = kid
    elif isinstance(kid, str) and kid and issuer_id and issuer_id.startswith("did:"):
        method = issuer_id + (kid if kid.startswith("#") else f"#{kid}")
    if method is not None:
        try:
            return _resolved_source(method, ctx, issuer_id)
        except _Stop as stop:
            if stop.status != UNKNOWN or not isinstance(jwk, dict):
                raise
    if isinstance(jwk, dict):
        key = _public_key(jwk, M("the key in the JWT header"))
        return _resolved(ResolvedKey(key, None, M("jwk in the JWT header")), issuer_id)
    if issuer_id and issuer_id.startswith(keys.OFFLINE_DIDS):
        return _resolved_source(issuer_id, ctx, issuer_id)
    if issuer_id and issuer_id.startswith("https://"):
        return _profile_source(issuer_id, ctx)
    raise _Stop(
        UNKNOWN,
        M(
            "the JWT names no key (no kid or jwk) and its issuer publishes none "
            "this wallet can find, so the signature cannot be checked"
        ),
    )


def verify_jwt(
    token: str, ctx: VerifyContext, *, issuer_keys: dict[str, Any] | None = None
) -> ProofOutcome:
    """Check a VC-JWT / OB 3.0 JWT, or an OB 2.0 signed assertion (a JWS of the assertion).

    `issuer_keys` (kid -> public key or JWK) are keys the caller already trusts for the issuer.
    """
    try:
        header, claims, signature, signing_input = _decoded(
            token, M("the JWT payload is"), M("malformed JWT: the payload is not a JSON object")
        )
    except FormatError as e:
        return _outcome(
            Check(PROOF, FAIL, e.msg), _not_checked(M("the JWT is malformed")), None, None
        )
    crit = jose.crit_problem(header)
    if crit is not None:  # RFC 7515: an extension we do not understand voids the signature
        return _outcome(
            Check(PROOF, FAIL, crit), _not_checked(M("the signature was not checked")), None, None
        )
    from wallet.formats.ob2 import is_assertion

    if is_assertion(claims):
        return _verify_ob2_jws(header, claims, signature, signing_input, ctx, issuer_keys)
    document, issuer_id, conflict = _vc_document(claims)
    alg = header["alg"]
    date_problem = _date_problem(claims, sd_jwt=False)
    source = _signer(
        lambda: _jwt_source(header, issuer_id, ctx, issuer_keys),
        alg,
        signature,
        signing_input,
        lambda how: M(
            "the signature does not match: the credential was "
            "changed after signing, or signed with another key ({how})",
            how=how,
        ),
        problem=Check(PROOF, FAIL, date_problem) if date_problem else None,
    )
    if not isinstance(source, _Source):
        return _outcome(*source, document, issuer_id)
    proof = Check(PROOF, PASS, M("{alg} signature valid ({how})", alg=alg, how=source.how))
    issuer = Check(ISSUER, FAIL, conflict) if conflict else source.issuer()
    return _outcome(proof, issuer, document, issuer_id)


def _ob2_verification(assertion: dict[str, Any]) -> dict[str, Any]:
    """An OB 2.0 assertion's `verification` object (`verify` in OB 1.x), else empty."""
    for name in ("verification", "verify"):
        value = assertion.get(name)
        if isinstance(value, dict):
            return value
    return {}


def _badge_issuer(assertion: dict[str, Any], ctx: VerifyContext) -> str | Msg:
    """The badge class's issuer id, or why it is not known — the badge class may be a URL."""
    badge = assertion.get("badge")
    if isinstance(badge, str):
        got = ctx.fetch_or_why(
            KEY_DOCUMENT,
            badge,
            M(
                "the badge class ({url}) is not cached, so its issuer is not "
                "known offline; check online once",
                url=badge,
            ),
        )
        if isinstance(got, Msg):
            return got
        data, _ = got
        try:
            badge = load_json_bytes(data)
        except FormatError:
            return M("the badge class at {url} is not JSON", url=str(assertion["badge"]))
    if not isinstance(badge, dict):
        return M("the assertion names no badge class")
    issuer = _ident(badge.get("issuer"))
    if issuer is None:
        return M("the badge class names no issuer")
    return issuer


def _lists_key(profile: dict[str, Any], key_url: str) -> bool:
    value = profile.get("publicKey")
    items = value if isinstance(value, list) else [value] if value else []
    return any(_ident(item) == key_url for item in items)


def _ob2_issuer_check(
    assertion: dict[str, Any], key_doc: dict[str, Any], creator: str, ctx: VerifyContext
) -> Check:
    owner = _ident(key_doc.get("owner")) or _ident(key_doc.get("controller"))
    if not owner:
        return Check(
            ISSUER,
            UNKNOWN,
            M(
                "the key document {creator} names no owner, so nothing links the key to the issuer",
                creator=creator,
            ),
        )
    badge_issuer = _badge_issuer(assertion, ctx)
    if isinstance(badge_issuer, Msg):
        return Check(
            ISSUER,
            UNKNOWN,
            M("the key belongs to {owner}, but {problem}", owner=owner, problem=badge_issuer),
        )
    if owner != badge_issuer:
        return Check(
            ISSUER,
            FAIL,
            M(
                "signed with a key of {owner}, not of the badge's issuer {issuer}",
                owner=owner,
                issuer=badge_issuer,
            ),
        )
    try:
        data, fetched_at = ctx.fetch_or_cached(KEY_DOCUMENT, owner)
    except FetchRefused:
        return Check(
            ISSUER,
            UNKNOWN,
            M(
                "the key names the issuer as its owner, but the issuer's "
                "profile ({owner}) is not cached to confirm it; check "
                "online once",
                owner=owner,
            ),
        )
    except Unreachable as e:
        return Check(
            ISSUER,
            UNKNOWN,
            M("the key names the issuer as its owner, but {problem}", problem=e.msg),
        )
    try:
        profile = load_json_bytes(data)
    except FormatError:
        profile = None
    if not isinstance(profile, dict):
        return Check(ISSUER, UNKNOWN, M("the issuer's profile at {owner} is not JSON", owner=owner))
    if not _lists_key(profile, creator):
        return Check(
            ISSUER,
            FAIL,
            M(
                "the issuer's profile ({owner}) does not list the key {creator}",
                owner=owner,
                creator=creator,
            ),
        )
    return Check(
        ISSUER,
        PASS,
        M(
            "the key belongs to the issuer: its owner is {owner} and the "
            "issuer's profile lists it (fetched {day})",
            owner=owner,
            day=day_of(fetched_at),
        ),
    )


def _verify_ob2_jws(
    header: dict[str, Any],
    assertion: dict[str, Any],
    signature: bytes,
    signing_input: bytes,
    ctx: VerifyContext,
    issuer_keys: dict[str, Any] | None,
) -> ProofOutcome:
    alg = header["alg"]
    badge = assertion.get("badge")
    issuer_id = _ident(badge.get("issuer")) if isinstance(badge, dict) else None
    source = _signer(
        lambda: _ob2_source(header, assertion, ctx, issuer_keys),
        alg,
        signature,
        signing_input,
        lambda how: M(
            "the signature does not match: the assertion was "
            "changed after signing, or signed with another key ({how})",
            how=how,
        ),
    )
    if not isinstance(source, _Source):
        return _outcome(*source, assertion, issuer_id)
    return _outcome(
        Check(PROOF, PASS, M("{alg} signature valid ({how})", alg=alg, how=source.how)),
        source.issuer(),
        assertion,
        issuer_id,
    )


def _ob2_source(
    header: dict[str, Any],
    assertion: dict[str, Any],
    ctx: VerifyContext,
    issuer_keys: dict[str, Any] | None,
) -> _Source:
    if issuer_keys:
        return _caller_keys(issuer_keys, header.get("kid"))
    creator = _ob2_verification(assertion).get("creator")
    if not _is_url(creator):
        raise _Stop(
            UNKNOWN,
            M(
                "the signed assertion names no key (verification.creator), so "
                "the signature cannot be checked"
            ),
        )
    return _creator_source(str(creator), assertion, ctx)


def _creator_source(creator: str, assertion: dict[str, Any], ctx: VerifyContext) -> _Source:
    key_doc, fetched_at = _fetched_object(
        ctx,
        KEY_DOCUMENT,
        creator,
        M("the key document {creator}", creator=creator),
        M(
            "the issuer's key ({creator}) is not cached; check online once to fetch it",
            creator=creator,
        ),
    )
    if key_doc.get("id") not in (None, creator):
        raise _Stop(
            FAIL,
            M(
                "the key document at {creator} is for another key ({other})",
                creator=creator,
                other=repr(key_doc.get("id")),
            ),
        )
    found = _keys_of(
        {
            k: v
            for k, v in key_doc.items()
            if k not in ("publicKey", "verificationMethod", "assertionMethod")
        }
    )
    if not found:
        raise _Stop(
            FAIL, M("the key document at {creator} holds no usable public key", creator=creator)
        )
    how = M("the issuer's key {creator}, fetched {day}", creator=creator, day=day_of(fetched_at))
    return _Source(found, how, lambda: _ob2_issuer_check(assertion, key_doc, creator, ctx))


# --- OB 2.0 hosted assertions -------------------------------------------------------------


def verify_ob2_hosted(assertion: dict[str, Any], ctx: VerifyContext) -> ProofOutcome:
    """Confirm an OB 2.0 hosted assertion against what the issuer hosts (wallet/verify/
    ob2_hosted.py): the assertion, its BadgeClass and Issuer fetched at their own addresses."""
    from wallet.verify.ob2_hosted import verify_hosted

    return verify_hosted(assertion, ctx)


# --- SD-JWT and SD-JWT VC ---------------------------------------------------------------------


def _metadata_url(iss: str) -> str:
    parts = urlsplit(iss)
    return f"https://{parts.netloc}/.well-known/jwt-vc-issuer{parts.path.rstrip('/')}"


def _metadata_source(iss: str, kid: Any, ctx: VerifyContext) -> _Source:
    """The issuer's keys from its SD-JWT VC metadata (`jwks`, or `jwks_uri`)."""
    try:
        url = _metadata_url(iss)
    except ValueError:  # urlsplit: e.g. "https://[bad" is an invalid IPv6 address
        raise _Stop(FAIL, M("the issuer {iss} is not a valid URL", iss=repr(iss[:80]))) from None
    not_cached = M(
        "the issuer's keys ({url}) are not cached; check online once to fetch them", url=url
    )
    meta, fetched_at = _fetched_object(
        ctx, JWT_ISSUER, url, M("the issuer metadata at {url}", url=url), not_cached
    )
    jwks = meta.get("jwks")
    if jwks is None and _is_url(meta.get("jwks_uri")):
        jwks_uri = str(meta["jwks_uri"])
        jwks, _ = _fetched_object(
            ctx, JWT_ISSUER, jwks_uri, M("the key set at {url}", url=jwks_uri), not_cached
        )
    entries = jwks.get("keys") if isinstance(jwks, dict) else None
    if not isinstance(entries, list):
        raise _Stop(FAIL, M("the issuer metadata at {url} has no key set (jwks)", url=url))
    chosen = [
        k
        for k in entries
        if isinstance(k, dict)
        and k.get("use", "sig") == "sig"
        and (not isinstance(kid, str) or k.get("kid") == kid)
    ]
    found = []
    for jwk in chosen:
        try:
            found.append(keys.public_key_from_jwk(jwk))
        except WalletError:
            continue
    if not found:
        if isinstance(kid, str):
            raise _Stop(
                FAIL, M("the issuer's metadata ({url}) has no key {kid}", url=url, kid=repr(kid))
            )
        raise _Stop(FAIL, M("the issuer's metadata ({url}) has no usable signing key", url=url))
    named_issuer = meta.get("issuer")
    day = day_of(fetched_at)

    def issuer() -> Check:
        if named_issuer == iss:
            return Check(
                ISSUER,
                PASS,
                M("the key is published by the issuer ({url}, fetched {day})", url=url, day=day),
            )
        return Check(
            ISSUER,
            WARN,
            M(
                "the key is published on the issuer's site ({url}, fetched "
                "{day}), but that metadata names the issuer {named}, not {iss}",
                url=url,
                day=day,
                named=repr(named_issuer),
                iss=iss,
            ),
        )

    return _Source(found, M("issuer metadata, fetched {day}", day=day), issuer)


def _sd_jwt_source(
    header: dict[str, Any], iss: str | None, ctx: VerifyContext, issuer_keys: dict[str, Any] | None
) -> _Source:
    kid = header.get("kid")
    if issuer_keys:
        return _caller_keys(issuer_keys, kid)
    if isinstance(kid, str) and kid.startswith("did:"):
        return _resolved_source(kid, ctx, iss)
    if iss and iss.startswith("did:"):
        if isinstance(kid, str) and kid:
            return _resolved_source(iss + (kid if kid.startswith("#") else f"#{kid}"), ctx, iss)
        return _resolved_source(iss, ctx, iss)
    if "x5c" in header:
        raise _Stop(
            UNKNOWN,
            M(
                "the issuer's key comes in a certificate chain (x5c), which this "
                "wallet does not check yet"
            ),
        )
    if iss and iss.startswith("https://"):
        return _metadata_source(iss, kid, ctx)
    raise _Stop(
        UNKNOWN,
        M(
            "no way to find the issuer's key: the SD-JWT names no DID key, certificate or "
            "https issuer"
        ),
    )


def _key_binding(
    parts: jose.SdJwtParts,
    claims: dict[str, Any],
    sd_alg: str,
    ctx: VerifyContext,
    audience: str | None,
    nonce: str | None,
    kb_max_age: _dt.timedelta | None,
) -> Check:
    cnf = claims.get("cnf")
    holder_jwk = cnf.get("jwk") if isinstance(cnf, dict) else None
    if parts.kb_jwt is None:
        if audience is not None or nonce is not None:
            return Check(
                HOLDER,
                FAIL,
                M(
                    "no key-binding JWT: nothing shows the holder presented "
                    "this, though an audience or nonce was asked for"
                ),
            )
        if cnf is not None:
            return Check(
                HOLDER,
                SKIP,
                M(
                    "no key binding presented: the credential is bound to a "
                    "holder key, but nothing here shows the holder "
                    "presented it"
                ),
            )
        return Check(HOLDER, SKIP, M("the credential is not bound to a holder key"))
    try:
        header, payload, signature, signing_input = jose.decode_compact(parts.kb_jwt)
        kb = jose.load_json_bytes(payload, M("its payload is"))
    except FormatError as e:
        return Check(HOLDER, FAIL, M("the key-binding JWT is malformed: {problem}", problem=e.msg))
    if header.get("typ") != "kb+jwt":
        return Check(
            HOLDER,
            FAIL,
            M("the key-binding JWT has typ {typ}, not 'kb+jwt'", typ=repr(header.get("typ"))),
        )
    crit = jose.crit_problem(header)
    if crit is not None:
        return Check(HOLDER, FAIL, M("key binding: {problem}", problem=crit))
    alg = header["alg"]
    problem = _alg_problem(alg)
    if problem is not None:
        return Check(HOLDER, problem.status, M("key binding: {problem}", problem=problem.msg))
    if not isinstance(holder_jwk, dict):
        return Check(
            HOLDER,
            FAIL,
            M(
                "a key-binding JWT is attached, but the issuer bound no "
                "holder key (cnf.jwk) to check it with"
            ),
        )
    try:
        holder_key = _public_key(holder_jwk, M("the holder key (cnf.jwk)"))
    except _Stop as stop:
        return Check(HOLDER, FAIL, stop.msg)
    if not jose.key_fits(alg, holder_key):
        return Check(
            HOLDER,
            FAIL,
            M(
                "the key-binding JWT names the algorithm {alg}, but the holder key the issuer "
                "bound (cnf.jwk) is not a key for {alg}, so it cannot be the holder's signature",
                alg=alg,
            ),
        )
    if not jose.verify_signature(alg, holder_key, signature, signing_input):
        return Check(
            HOLDER,
            FAIL,
            M(
                "the key-binding JWT is not signed by the holder key the "
                "issuer bound to this credential: someone else presented it"
            ),
        )
    if not isinstance(kb, dict):
        return Check(HOLDER, FAIL, M("the key-binding JWT's payload is not a JSON object"))
    if kb.get("sd_hash") != jose.sd_hash(parts.presentation, sd_alg):
        return Check(
            HOLDER,
            FAIL,
            M(
                "the key-binding JWT was made for a different set of "
                "disclosures (sd_hash does not match this presentation)"
            ),
        )
    aud, kb_nonce, iat = kb.get("aud"), kb.get("nonce"), kb.get("iat")
    if not isinstance(aud, str) or not isinstance(kb_nonce, str):
        return Check(HOLDER, FAIL, M("the key-binding JWT lacks its audience (aud) or nonce"))
    if audience is not None and aud != audience:
        return Check(
            HOLDER,
            FAIL,
            M(
                "the presentation was made for {aud}, not for {audience}",
                aud=aud,
                audience=audience,
            ),
        )
    if nonce is not None and kb_nonce != nonce:
        return Check(
            HOLDER,
            FAIL,
            M(
                "the presentation answers nonce {given}, not the one "
                "asked for ({asked}): it may be a replay",
                given=repr(kb_nonce),
                asked=repr(nonce),
            ),
        )
    when = _moment(iat) if isinstance(iat, int | float) and not isinstance(iat, bool) else None
    if when is None:
        return Check(HOLDER, FAIL, M("the key-binding JWT has no valid signing time (iat)"))
    if kb_max_age is not None:
        at = ctx.at if ctx.at.tzinfo else ctx.at.replace(tzinfo=_dt.UTC)
        if when - at > CLOCK_SKEW:
            return Check(
                HOLDER,
                WARN,
                M(
                    "the holder's key signed this presentation for {aud}, "
                    "but it is dated {when}, {span} after this check",
                    aud=aud,
                    when=when,
                    span=_span(when - at),
                ),
            )
        if at - when > kb_max_age:
            return Check(
                HOLDER,
                WARN,
                M(
                    "the holder's key signed this presentation for {aud} on "
                    "{when}, {span} before this check (more than {limit}): it shows "
                    "who held the credential then, and may be a replay",
                    aud=aud,
                    when=when,
                    span=_span(at - when),
                    limit=_span(kb_max_age),
                ),
            )
    return Check(
        HOLDER,
        PASS,
        M("the holder's key signed this presentation for {aud} on {when}", aud=aud, when=when),
    )


def verify_sd_jwt(
    text: str,
    ctx: VerifyContext,
    *,
    audience: str | None = None,
    nonce: str | None = None,
    issuer_keys: dict[str, Any] | None = None,
    kb_max_age: _dt.timedelta | None = KB_MAX_AGE,
) -> ProofOutcome:
    """Check an SD-JWT / SD-JWT VC (compact or JWS JSON): issuer signature, disclosures, KB-JWT.

    `audience` and `nonce`, when given, must match the key-binding JWT (and make one required).
    `issuer_keys` (kid -> public key or JWK) are keys the caller trusts for the issuer.
    `kb_max_age` is the freshness window for the KB-JWT's iat (None: not judged).
    The `document` is the processed payload: disclosed claims in place, digests removed (for
    walt.id's "W3C SD-JWT", a VC-JWT with digests in its `vc` claim, the VC in it).
    """
    try:
        parts = jose.parse_sd_jwt(text)
        header, claims, signature, signing_input = _decoded(
            parts.issuer_jwt,
            M("the issuer-signed JWT's payload is"),
            M("malformed SD-JWT: the payload is not a JSON object"),
        )
    except FormatError as e:
        return _outcome(
            Check(PROOF, FAIL, e.msg), _not_checked(M("the SD-JWT is malformed")), None, None
        )
    crit = jose.crit_problem(header, parts.unprotected)
    if crit is not None:  # RFC 7515: an extension we do not understand voids the signature
        return _outcome(
            Check(PROOF, FAIL, crit), _not_checked(M("the signature was not checked")), None, None
        )
    header = {**parts.unprotected, **header}
    iss = claims.get("iss") if isinstance(claims.get("iss"), str) else None
    alg = header["alg"]
    sd_alg = claims.get("_sd_alg", "sha-256")
    sd_alg_problem = None
    if not (isinstance(sd_alg, str) and jose.supported_sd_alg(sd_alg)):
        sd_alg_problem = Check(
            PROOF,
            UNKNOWN,
            M(
                "the disclosures are hashed with {alg}, which this wallet cannot check",
                alg=repr(sd_alg),
            ),
        )
    source = _signer(
        lambda: _sd_jwt_source(header, iss, ctx, issuer_keys),
        alg,
        signature,
        signing_input,
        lambda how: M(
            "the issuer's signature does not match: the "
            "credential was changed after signing, or signed "
            "with another key ({how})",
            how=how,
        ),
        problem=sd_alg_problem,
    )
    if not isinstance(source, _Source):
        return _outcome(*source, None, iss)
    try:
        document = jose.processed_payload(claims, parts.disclosures)
    except FormatError as e:
        return _outcome(
            Check(
                PROOF,
                FAIL,
                M("the disclosures do not match what the issuer signed: {problem}", problem=e.msg),
            ),
            _not_checked(M("the disclosures are not valid")),
            None,
            iss,
        )
    date_problem = _date_problem(claims, sd_jwt=True)
    if date_problem:
        return _outcome(
            Check(PROOF, FAIL, date_problem),
            _not_checked(M("the SD-JWT is malformed")),
            document,
            iss,
        )
    processed, conflict = document, None
    if isinstance(document.get("vc"), dict):  # walt.id's "W3C SD-JWT": a VC-JWT's `vc` claim
        document, _named, conflict = _vc_document(document)
    issuer_id = iss or _ident(document.get("issuer"))
    n = len(parts.disclosures)
    if n == 1:
        matched = M(
            "{alg} issuer signature valid ({how}); {n} disclosure match the signed digests",
            alg=alg,
            how=source.how,
            n=n,
        )
    else:
        matched = M(
            "{alg} issuer signature valid ({how}); {n} disclosures match the signed digests",
            alg=alg,
            how=source.how,
            n=n,
        )
    if parts.other_signatures:
        matched = M(
            "{signed}; {count} further signature(s) not checked",
            signed=matched,
            count=parts.other_signatures,
        )
    proof = Check(PROOF, PASS, matched)
    holder = _key_binding(parts, processed, sd_alg, ctx, audience, nonce, kb_max_age)
    issuer = Check(ISSUER, FAIL, conflict) if conflict else source.issuer()
    return _outcome(proof, issuer, document, issuer_id, [holder])
