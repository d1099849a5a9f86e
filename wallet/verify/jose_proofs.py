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
from wallet.proofs import jose, keys
from wallet.proofs.jose import load_json_bytes
from wallet.verify import methods
from wallet.verify.context import JWT_ISSUER, KEY_DOCUMENT, FetchRefused, VerifyContext
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

ALGS = ("EdDSA", "ES256", "ES384", "RS256", "PS256")
KB_MAX_AGE = _dt.timedelta(minutes=10)
CLOCK_SKEW = _dt.timedelta(minutes=5)
_DATE_CLAIMS = ("nbf", "exp", "iat")


class _Stop(Exception):
    """No key to check with: the proof is `status` (unknown or fail) for the reason given."""

    def __init__(self, status: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class _Unreachable(Exception):
    """An online fetch failed and nothing is cached."""


@dataclass
class _Source:
    """Keys to try, how they were found, and the issuer check that holds if one verifies."""

    keys: list[Any]
    how: str
    issuer: Callable[[], Check]
    extra: list[Check] = field(default_factory=list)


# --- small helpers --------------------------------------------------------------------------


def _get(ctx: VerifyContext, kind: str, url: str) -> tuple[bytes, str]:
    """ctx.fetch, falling back to the cache when an online fetch fails (FetchRefused offline)."""
    from wallet.sources import SourceError

    try:
        return ctx.fetch(kind, url)
    except (SourceError, OSError) as e:
        hit = ctx.cached(kind, url)
        if hit is not None:
            return hit
        raise _Unreachable(f"cannot fetch {url}: {e}") from None


def _json_object(data: bytes, what: str) -> dict[str, Any]:
    try:
        doc = jose.load_json_bytes(data, what)
    except FormatError as e:
        raise _Stop(FAIL, e.message) from None
    if not isinstance(doc, dict):
        raise _Stop(FAIL, f"{what} is not a JSON object")
    return doc


def _ident(value: Any) -> str | None:
    if isinstance(value, str) and value:
        return value
    if isinstance(value, dict) and isinstance(value.get("id"), str) and value["id"]:
        return str(value["id"])
    return None


def _day(fetched_at: str) -> str:
    return fetched_at[:10] if fetched_at else "an unknown date"


def _is_url(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://"))


def _alg_problem(alg: Any) -> Check | None:
    if alg == "none":
        return Check(PROOF, FAIL, "not signed: the JWT says alg 'none'")
    if alg not in ALGS:
        return Check(
            PROOF,
            UNKNOWN,
            f"signed with {alg!r}, which this wallet cannot check (it checks {', '.join(ALGS)})",
        )
    return None


def _date_problem(claims: dict[str, Any], what: str) -> str | None:
    for name in _DATE_CLAIMS:
        if name in claims:
            value = claims[name]
            if isinstance(value, bool) or not isinstance(value, int | float):
                return f"{what}'s {name} is not a date in seconds (NumericDate): {value!r}"
    return None


def _moment(seconds: float) -> _dt.datetime | None:
    try:
        return _dt.datetime.fromtimestamp(seconds, _dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _span(delta: _dt.timedelta) -> str:
    seconds = abs(delta.total_seconds())
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = int(seconds // size)
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return f"{int(seconds)} seconds"


def _public_key(value: Any, what: str) -> Any:
    """A cryptography public key from a key object or a JWK dict."""
    if isinstance(value, dict):
        try:
            return keys.public_key_from_jwk(value)
        except WalletError as e:
            raise _Stop(FAIL, f"{what} is not a usable key: {e}") from None
    if hasattr(value, "public_key") and not hasattr(value, "verify"):
        return value.public_key()
    return value


def _not_checked(reason: str) -> Check:
    return Check(ISSUER, SKIP, f"not checked: {reason}")


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
        how = f"issuer key {kid!r} you supplied"
    else:
        chosen = list(issuer_keys.values())
        how = "an issuer key you supplied"
    found = [_public_key(k, "a supplied issuer key") for k in chosen]
    return _Source(
        found,
        how,
        lambda: Check(ISSUER, PASS, "the signing key is one you supplied for this issuer"),
    )


def _resolved_source(method: str, ctx: VerifyContext, issuer_id: str | None) -> _Source:
    try:
        r = methods.resolve(method, ctx)
    except KeyInvalid as e:
        raise _Stop(FAIL, e.message) from None
    except KeyUnavailable as e:
        raise _Stop(UNKNOWN, e.message) from None
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


def _check_signature(alg: str, source: _Source, signature: bytes, signing_input: bytes) -> bool:
    return any(jose.verify_signature(alg, k, signature, signing_input) for k in source.keys)


# --- VC-JWT and OB 2.0 signed assertions ------------------------------------------------------


def _vc_document(claims: dict[str, Any]) -> tuple[dict[str, Any], str | None, str | None]:
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
        conflict = f"the JWT is from {iss} (iss) but the credential names the issuer {named}"
    return document, named or iss, conflict


def _profile_source(issuer_id: str, ctx: VerifyContext) -> _Source:
    """The key an https issuer publishes in its profile (OB 3.0 JWT without kid or jwk)."""
    try:
        data, fetched_at = _get(ctx, KEY_DOCUMENT, issuer_id)
    except FetchRefused:
        raise _Stop(
            UNKNOWN,
            "cannot check the signature offline: the key is only published by the issuer online",
        ) from None
    except _Unreachable as e:
        raise _Stop(UNKNOWN, f"cannot check the signature: {e}") from None
    profile = _json_object(data, f"the issuer profile at {issuer_id}")
    if profile.get("id") not in (None, issuer_id):
        raise _Stop(FAIL, f"the profile at {issuer_id} is for {profile.get('id')!r}")
    found = _keys_of(profile)
    if not found:
        raise _Stop(
            UNKNOWN,
            f"the issuer's profile ({issuer_id}) publishes no key this wallet "
            "can read, so the signature cannot be checked",
        )
    how = f"key in the issuer's profile, fetched {_day(fetched_at)}"
    return _Source(
        found,
        how,
        lambda: Check(
            ISSUER,
            PASS,
            f"the key is published in the issuer's own profile ({issuer_id}, "
            f"fetched {_day(fetched_at)})",
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
        key = _public_key(jwk, "the key in the JWT header")
        return _resolved(ResolvedKey(key, None, "jwk in the JWT header"), issuer_id)
    if issuer_id and issuer_id.startswith(("did:key:", "did:jwk:")):
        return _resolved_source(issuer_id, ctx, issuer_id)
    if issuer_id and issuer_id.startswith("https://"):
        return _profile_source(issuer_id, ctx)
    raise _Stop(
        UNKNOWN,
        "the JWT names no key (no kid or jwk) and its issuer publishes none "
        "this wallet can find, so the signature cannot be checked",
    )


def verify_jwt(
    token: str, ctx: VerifyContext, *, issuer_keys: dict[str, Any] | None = None
) -> ProofOutcome:
    """Check a VC-JWT / OB 3.0 JWT, or an OB 2.0 signed assertion (a JWS of the assertion).

    `issuer_keys` (kid -> public key or JWK) are keys the caller already trusts for the issuer.
    """
    try:
        header, payload, signature, signing_input = jose.decode_compact(token)
        claims = jose.load_json_bytes(payload, "the JWT payload is")
    except FormatError as e:
        return _outcome(
            Check(PROOF, FAIL, e.message), _not_checked("the JWT is malformed"), None, None
        )
    if not isinstance(claims, dict):
        return _outcome(
            Check(PROOF, FAIL, "malformed JWT: the payload is not a JSON object"),
            _not_checked("the JWT is malformed"),
            None,
            None,
        )
    crit = jose.crit_problem(header)
    if crit is not None:  # RFC 7515: an extension we do not understand voids the signature
        return _outcome(
            Check(PROOF, FAIL, crit), _not_checked("the signature was not checked"), None, None
        )
    from wallet.formats.ob2 import is_assertion

    if is_assertion(claims):
        return _verify_ob2_jws(header, claims, signature, signing_input, ctx, issuer_keys)
    document, issuer_id, conflict = _vc_document(claims)
    alg = header["alg"]
    problem = _alg_problem(alg) or (
        Check(PROOF, FAIL, p) if (p := _date_problem(claims, "the JWT")) else None
    )
    if problem is not None:
        return _outcome(problem, _not_checked("the signature was not checked"), document, issuer_id)
    try:
        source = _jwt_source(header, issuer_id, ctx, issuer_keys)
    except _Stop as stop:
        return _outcome(
            Check(PROOF, stop.status, stop.message),
            _not_checked("the signing key is not known"),
            document,
            issuer_id,
        )
    if not _check_signature(alg, source, signature, signing_input):
        return _outcome(
            Check(
                PROOF,
                FAIL,
                "the signature does not match: the credential was "
                f"changed after signing, or signed with another key "
                f"({source.how})",
            ),
            _not_checked("the signature is not valid"),
            document,
            issuer_id,
        )
    proof = Check(PROOF, PASS, f"{alg} signature valid ({source.how})")
    issuer = Check(ISSUER, FAIL, conflict) if conflict else source.issuer()
    return _outcome(proof, issuer, document, issuer_id)


def _ob2_verification(assertion: dict[str, Any]) -> dict[str, Any]:
    for name in ("verification", "verify"):
        value = assertion.get(name)
        if isinstance(value, dict):
            return value
    return {}


def _badge_issuer(assertion: dict[str, Any], ctx: VerifyContext) -> tuple[str | None, str]:
    """(the badge class's issuer id, or None and why not) — the badge class may be a URL."""
    badge = assertion.get("badge")
    if isinstance(badge, str):
        try:
            data, _ = _get(ctx, KEY_DOCUMENT, badge)
        except FetchRefused:
            return None, (
                f"the badge class ({badge}) is not cached, so its issuer is not "
                "known offline; check online once"
            )
        except _Unreachable as e:
            return None, str(e)
        try:
            badge = load_json_bytes(data)
        except FormatError:
            return None, f"the badge class at {assertion['badge']} is not JSON"
    if not isinstance(badge, dict):
        return None, "the assertion names no badge class"
    issuer = _ident(badge.get("issuer"))
    if issuer is None:
        return None, "the badge class names no issuer"
    return issuer, ""


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
            f"the key document {creator} names no owner, so nothing links the key to the issuer",
        )
    badge_issuer, why = _badge_issuer(assertion, ctx)
    if badge_issuer is None:
        return Check(ISSUER, UNKNOWN, f"the key belongs to {owner}, but {why}")
    if owner != badge_issuer:
        return Check(
            ISSUER, FAIL, f"signed with a key of {owner}, not of the badge's issuer {badge_issuer}"
        )
    try:
        data, fetched_at = _get(ctx, KEY_DOCUMENT, owner)
    except FetchRefused:
        return Check(
            ISSUER,
            UNKNOWN,
            f"the key names the issuer as its owner, but the issuer's "
            f"profile ({owner}) is not cached to confirm it; check "
            "online once",
        )
    except _Unreachable as e:
        return Check(ISSUER, UNKNOWN, f"the key names the issuer as its owner, but {e}")
    try:
        profile = load_json_bytes(data)
    except FormatError:
        profile = None
    if not isinstance(profile, dict):
        return Check(ISSUER, UNKNOWN, f"the issuer's profile at {owner} is not JSON")
    if not _lists_key(profile, creator):
        return Check(
            ISSUER, FAIL, f"the issuer's profile ({owner}) does not list the key {creator}"
        )
    return Check(
        ISSUER,
        PASS,
        f"the key belongs to the issuer: its owner is {owner} and the "
        f"issuer's profile lists it (fetched {_day(fetched_at)})",
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
    problem = _alg_problem(alg)
    if problem is not None:
        return _outcome(
            problem, _not_checked("the signature was not checked"), assertion, issuer_id
        )
    creator = _ob2_verification(assertion).get("creator")
    try:
        if issuer_keys:
            source = _caller_keys(issuer_keys, header.get("kid"))
        elif not _is_url(creator):
            raise _Stop(
                UNKNOWN,
                "the signed assertion names no key (verification.creator), so "
                "the signature cannot be checked",
            )
        else:
            source = _creator_source(str(creator), assertion, ctx)
    except _Stop as stop:
        return _outcome(
            Check(PROOF, stop.status, stop.message),
            _not_checked("the signing key is not known"),
            assertion,
            issuer_id,
        )
    if not _check_signature(alg, source, signature, signing_input):
        return _outcome(
            Check(
                PROOF,
                FAIL,
                "the signature does not match: the assertion was "
                "changed after signing, or signed with another key "
                f"({source.how})",
            ),
            _not_checked("the signature is not valid"),
            assertion,
            issuer_id,
        )
    return _outcome(
        Check(PROOF, PASS, f"{alg} signature valid ({source.how})"),
        source.issuer(),
        assertion,
        issuer_id,
    )


def _creator_source(creator: str, assertion: dict[str, Any], ctx: VerifyContext) -> _Source:
    try:
        data, fetched_at = _get(ctx, KEY_DOCUMENT, creator)
    except FetchRefused:
        raise _Stop(
            UNKNOWN, f"the issuer's key ({creator}) is not cached; check online once to fetch it"
        ) from None
    except _Unreachable as e:
        raise _Stop(UNKNOWN, f"cannot check the signature: {e}") from None
    key_doc = _json_object(data, f"the key document {creator}")
    if key_doc.get("id") not in (None, creator):
        raise _Stop(
            FAIL, f"the key document at {creator} is for another key ({key_doc.get('id')!r})"
        )
    found = _keys_of(
        {
            k: v
            for k, v in key_doc.items()
            if k not in ("publicKey", "verificationMethod", "assertionMethod")
        }
    )
    if not found:
        raise _Stop(FAIL, f"the key document at {creator} holds no usable public key")
    how = f"the issuer's key {creator}, fetched {_day(fetched_at)}"
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
        raise _Stop(FAIL, f"the issuer {iss[:80]!r} is not a valid URL") from None
    try:
        data, fetched_at = _get(ctx, JWT_ISSUER, url)
        meta = _json_object(data, f"the issuer metadata at {url}")
        jwks = meta.get("jwks")
        if jwks is None and _is_url(meta.get("jwks_uri")):
            jwks = _json_object(
                _get(ctx, JWT_ISSUER, meta["jwks_uri"])[0], f"the key set at {meta['jwks_uri']}"
            )
    except FetchRefused:
        raise _Stop(
            UNKNOWN, f"the issuer's keys ({url}) are not cached; check online once to fetch them"
        ) from None
    except _Unreachable as e:
        raise _Stop(UNKNOWN, f"cannot check the signature: {e}") from None
    entries = jwks.get("keys") if isinstance(jwks, dict) else None
    if not isinstance(entries, list):
        raise _Stop(FAIL, f"the issuer metadata at {url} has no key set (jwks)")
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
        named = f"key {kid!r}" if isinstance(kid, str) else "usable signing key"
        raise _Stop(FAIL, f"the issuer's metadata ({url}) has no {named}")
    named_issuer = meta.get("issuer")
    day = _day(fetched_at)

    def issuer() -> Check:
        if named_issuer == iss:
            return Check(ISSUER, PASS, f"the key is published by the issuer ({url}, fetched {day})")
        return Check(
            ISSUER,
            WARN,
            f"the key is published on the issuer's site ({url}, fetched "
            f"{day}), but that metadata names the issuer "
            f"{named_issuer!r}, not {iss}",
        )

    return _Source(found, f"issuer metadata, fetched {day}", issuer)


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
            "the issuer's key comes in a certificate chain (x5c), which this "
            "wallet does not check yet",
        )
    if iss and iss.startswith("https://"):
        return _metadata_source(iss, kid, ctx)
    raise _Stop(
        UNKNOWN,
        "no way to find the issuer's key: the SD-JWT names no DID key, certificate or https issuer",
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
                "no key-binding JWT: nothing shows the holder presented "
                "this, though an audience or nonce was asked for",
            )
        if cnf is not None:
            return Check(
                HOLDER,
                SKIP,
                "no key binding presented: the credential is bound to a "
                "holder key, but nothing here shows the holder "
                "presented it",
            )
        return Check(HOLDER, SKIP, "the credential is not bound to a holder key")
    try:
        header, payload, signature, signing_input = jose.decode_compact(parts.kb_jwt)
        kb = jose.load_json_bytes(payload, "its payload is")
    except FormatError as e:
        return Check(HOLDER, FAIL, f"the key-binding JWT is malformed: {e}")
    if header.get("typ") != "kb+jwt":
        return Check(
            HOLDER, FAIL, f"the key-binding JWT has typ {header.get('typ')!r}, not 'kb+jwt'"
        )
    crit = jose.crit_problem(header)
    if crit is not None:
        return Check(HOLDER, FAIL, f"key binding: {crit}")
    alg = header["alg"]
    problem = _alg_problem(alg)
    if problem is not None:
        return Check(HOLDER, problem.status, f"key binding: {problem.message}")
    if not isinstance(holder_jwk, dict):
        return Check(
            HOLDER,
            FAIL,
            "a key-binding JWT is attached, but the issuer bound no "
            "holder key (cnf.jwk) to check it with",
        )
    try:
        holder_key = _public_key(holder_jwk, "the holder key (cnf.jwk)")
    except _Stop as stop:
        return Check(HOLDER, FAIL, stop.message)
    if not jose.verify_signature(alg, holder_key, signature, signing_input):
        return Check(
            HOLDER,
            FAIL,
            "the key-binding JWT is not signed by the holder key the "
            "issuer bound to this credential: someone else presented it",
        )
    if not isinstance(kb, dict):
        return Check(HOLDER, FAIL, "the key-binding JWT's payload is not a JSON object")
    if kb.get("sd_hash") != jose.sd_hash(parts.presentation, sd_alg):
        return Check(
            HOLDER,
            FAIL,
            "the key-binding JWT was made for a different set of "
            "disclosures (sd_hash does not match this presentation)",
        )
    aud, kb_nonce, iat = kb.get("aud"), kb.get("nonce"), kb.get("iat")
    if not isinstance(aud, str) or not isinstance(kb_nonce, str):
        return Check(HOLDER, FAIL, "the key-binding JWT lacks its audience (aud) or nonce")
    if audience is not None and aud != audience:
        return Check(HOLDER, FAIL, f"the presentation was made for {aud}, not for {audience}")
    if nonce is not None and kb_nonce != nonce:
        return Check(
            HOLDER,
            FAIL,
            f"the presentation answers nonce {kb_nonce!r}, not the one "
            f"asked for ({nonce!r}): it may be a replay",
        )
    when = _moment(iat) if isinstance(iat, int | float) and not isinstance(iat, bool) else None
    if when is None:
        return Check(HOLDER, FAIL, "the key-binding JWT has no valid signing time (iat)")
    stamp = _dt.datetime.strftime(when, "%Y-%m-%d %H:%M UTC")
    if kb_max_age is not None:
        at = ctx.at if ctx.at.tzinfo else ctx.at.replace(tzinfo=_dt.UTC)
        if when - at > CLOCK_SKEW:
            return Check(
                HOLDER,
                WARN,
                f"the holder's key signed this presentation for {aud}, "
                f"but it is dated {stamp}, {_span(when - at)} after this "
                "check",
            )
        if at - when > kb_max_age:
            return Check(
                HOLDER,
                WARN,
                f"the holder's key signed this presentation for {aud} on "
                f"{stamp}, {_span(at - when)} before this check (more "
                f"than {_span(kb_max_age)}): it shows who held the "
                "credential then, and may be a replay",
            )
    return Check(HOLDER, PASS, f"the holder's key signed this presentation for {aud} on {stamp}")


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
    The `document` is the processed payload: disclosed claims in place, digests removed.
    """
    try:
        parts = jose.parse_sd_jwt(text)
        header, payload, signature, signing_input = jose.decode_compact(parts.issuer_jwt)
        claims = jose.load_json_bytes(payload, "the issuer-signed JWT's payload is")
    except FormatError as e:
        return _outcome(
            Check(PROOF, FAIL, e.message), _not_checked("the SD-JWT is malformed"), None, None
        )
    if not isinstance(claims, dict):
        return _outcome(
            Check(PROOF, FAIL, "malformed SD-JWT: the payload is not a JSON object"),
            _not_checked("the SD-JWT is malformed"),
            None,
            None,
        )
    crit = jose.crit_problem(header, parts.unprotected)
    if crit is not None:  # RFC 7515: an extension we do not understand voids the signature
        return _outcome(
            Check(PROOF, FAIL, crit), _not_checked("the signature was not checked"), None, None
        )
    header = {**parts.unprotected, **header}
    iss = claims.get("iss") if isinstance(claims.get("iss"), str) else None
    alg = header["alg"]
    sd_alg = claims.get("_sd_alg", "sha-256")
    problem = _alg_problem(alg)
    if problem is None and not (isinstance(sd_alg, str) and jose.supported_sd_alg(sd_alg)):
        problem = Check(
            PROOF,
            UNKNOWN,
            f"the disclosures are hashed with {sd_alg!r}, which this wallet cannot check",
        )
    if problem is not None:
        return _outcome(problem, _not_checked("the signature was not checked"), None, iss)
    try:
        source = _sd_jwt_source(header, iss, ctx, issuer_keys)
    except _Stop as stop:
        return _outcome(
            Check(PROOF, stop.status, stop.message),
            _not_checked("the signing key is not known"),
            None,
            iss,
        )
    if not _check_signature(alg, source, signature, signing_input):
        return _outcome(
            Check(
                PROOF,
                FAIL,
                "the issuer's signature does not match: the "
                "credential was changed after signing, or signed "
                f"with another key ({source.how})",
            ),
            _not_checked("the signature is not valid"),
            None,
            iss,
        )
    try:
        document = jose.processed_payload(claims, parts.disclosures)
    except FormatError as e:
        detail = e.message.removeprefix("malformed SD-JWT: ")
        return _outcome(
            Check(PROOF, FAIL, f"the disclosures do not match what the issuer signed: {detail}"),
            _not_checked("the disclosures are not valid"),
            None,
            iss,
        )
    date_problem = _date_problem(claims, "the SD-JWT")
    if date_problem:
        return _outcome(
            Check(PROOF, FAIL, date_problem), _not_checked("the SD-JWT is malformed"), document, iss
        )
    issuer_id = iss or _ident(document.get("issuer"))
    n = len(parts.disclosures)
    signers = (
        f"; {parts.other_signatures} further signature(s) not checked"
        if parts.other_signatures
        else ""
    )
    proof = Check(
        PROOF,
        PASS,
        f"{alg} issuer signature valid ({source.how}); {n} "
        f"disclosure{'s' if n != 1 else ''} match the signed digests"
        f"{signers}",
    )
    holder = _key_binding(parts, document, sd_alg, ctx, audience, nonce, kb_max_age)
    return _outcome(proof, source.issuer(), document, issuer_id, [holder])
