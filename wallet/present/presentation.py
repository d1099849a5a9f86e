"""Presentations: the learner shows credentials to an employer, signed with their own key.

Why: a credential alone proves what an issuer said about a subject, not that the person
showing it is that subject. A presentation signed by the holder's key, over the verifier's
fresh `challenge` (and `domain`), shows the person presenting controls the key the credential
was issued to, now, for this verifier; `expires` keeps it from being replayed later.

Two shapes:

* W3C VC 2.0 `VerifiablePresentation` with an `eddsa-rdfc-2022` Data Integrity proof,
  proofPurpose `authentication` (`make_vp` / `verify_presentation`). JSON-LD credentials are
  embedded as objects; JWT and SD-JWT credentials travel as `EnvelopedVerifiableCredential`
  data URIs (VC 2.0 section 4.13, media types from VC-JOSE-COSE), so that every credential,
  whatever its format, is covered by the holder's signature.
* SD-JWT presentation (`make_sd_jwt_presentation`): only the disclosures the learner picks, plus
  a key-binding JWT when the issuer bound the credential to a holder key (`cnf`).

The signature itself is made by `cryptography` (through Ed25519PrivateKey.sign) over the
hash data our signing module computes; nothing cryptographic is written here.
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from wallet.credential import Parsed
from wallet.errors import WalletError
from wallet.messages import M, Msg, join
from wallet.proofs import jose, keys, signing
from wallet.verify.context import VerifyContext, iso
from wallet.verify.report import (
    CONTEXT,
    FAIL,
    FAILED,
    HOLDER,
    PASS,
    PROOF,
    UNKNOWN,
    UNKNOWN_VERDICT,
    VERIFIED,
    WARN,
    WARNING,
    Check,
    Report,
)

VC_V2 = "https://www.w3.org/ns/credentials/v2"
ENVELOPED = "EnvelopedVerifiableCredential"
JWT_MEDIA = "application/vc+jwt"
SD_JWT_MEDIA = "application/vc+sd-jwt"
AUTHENTICATION = "authentication"
# Phones and laptops disagree about the time: a proof "created" this far in the verifier's
# future is still accepted (its expiry is judged strictly).
CLOCK_SKEW = _dt.timedelta(minutes=2)
# The longest a presentation may be signed to stay valid: a proof sheet the learner saves for
# an employer who checks it within the month (the learner chooses; see actions.presenting).
LONGEST_VALID_MINUTES = 30 * 24 * 60
FORMAT = "vp"


class PresentationError(WalletError):
    """A presentation cannot be made as asked (no such claim, wrong key...)."""


# ----- making ------------------------------------------------------------------------------


def _envelope(token: str) -> dict[str, Any]:
    """A JWT / SD-JWT credential as VC 2.0 wraps it inside a JSON-LD presentation."""
    token = token.strip()
    media = SD_JWT_MEDIA if "~" in token else JWT_MEDIA
    return {"@context": [VC_V2], "id": f"data:{media},{token}", "type": ENVELOPED}


def make_vp(
    credentials: list[dict[str, Any] | str],
    holder_key: ed25519.Ed25519PrivateKey,
    holder_did: str,
    *,
    challenge: str | None,
    domain: str | None,
    valid_minutes: int = 10,
    now: _dt.datetime,
    did_auth: bool = False,
    cryptosuite: str = signing.EDDSA_RDFC_2022,
) -> dict[str, Any]:
    """A VC 2.0 VerifiablePresentation of `credentials`, signed by the holder.

    `challenge` (the verifier's nonce) and `domain` (who it is for) are signed into the proof
    when given, so the presentation cannot be reused for another request. It is valid from
    `now` for `valid_minutes`. Refuses a key that is not `holder_did`'s (a presentation whose
    proof names another key would only ever fail verification). `did_auth`: no credentials
    are fine; the presentation then only proves that the holder controls its key (a DID
    Authentication, as an issuer's exchange asks for before it issues). `cryptosuite`:
    eddsa-rdfc-2022, or eddsa-jcs-2022 where only this wallet's verifier reads it (a
    portfolio's QR codes: JCS signs the JSON as it is, without JSON-LD's expansion and
    canonicalization, about 20 ms a presentation).
    """
    if cryptosuite not in (signing.EDDSA_RDFC_2022, signing.EDDSA_JCS_2022):
        raise PresentationError(M("unsupported cryptosuite {suite}", suite=cryptosuite))
    if not isinstance(holder_key, ed25519.Ed25519PrivateKey):
        raise PresentationError(M("a holder key must be an Ed25519 private key"))
    if keys.did_key_from_public_key(holder_key.public_key()) != holder_did:
        raise PresentationError(M("the holder key does not belong to the holder DID"))
    if not 0 < valid_minutes <= LONGEST_VALID_MINUTES:
        raise PresentationError(M("valid_minutes must be 1 to {most}", most=LONGEST_VALID_MINUTES))
    if not credentials and not did_auth:
        raise PresentationError(M("a presentation needs at least one credential"))
    items: list[dict[str, Any]] = []
    for cred in credentials:
        if isinstance(cred, dict):
            items.append(copy.deepcopy(cred))
        elif isinstance(cred, str) and cred.strip():
            items.append(_envelope(cred))
        else:
            raise PresentationError(M("a credential must be a JSON object or a JWT / SD-JWT"))
    vp: dict[str, Any] = {
        "@context": [VC_V2],
        "type": ["VerifiablePresentation"],
        "holder": holder_did,
    }
    if items:
        vp["verifiableCredential"] = items
    from wallet.proofs import canon

    try:  # never sign a presentation whose RDF form would leave part of it out
        if cryptosuite == signing.EDDSA_RDFC_2022:  # JCS covers every byte of the JSON
            canon.expand_safe(vp)
    except canon.CanonError as e:
        raise PresentationError(M("cannot sign this presentation: {problem}", problem=e.msg)) from e
    fragment = holder_did.removeprefix("did:key:")
    proof: dict[str, Any] = {
        "type": "DataIntegrityProof",
        "cryptosuite": cryptosuite,
        "created": iso(now),
        "expires": iso(now + _dt.timedelta(minutes=valid_minutes)),
        "verificationMethod": f"{holder_did}#{fragment}",
        "proofPurpose": AUTHENTICATION,
    }
    if challenge is not None:
        proof["challenge"] = challenge
    if domain is not None:
        proof["domain"] = domain
    # sign_data_integrity has no challenge/domain options, so the same steps are taken here
    # with signing's own transformation and hashing: hash data, then Ed25519 over it.
    data = signing.hash_data(vp, signing.proof_config_of(proof, vp))
    proof["proofValue"] = keys.multibase_encode(holder_key.sign(data.combined))
    signed = copy.deepcopy(vp)
    signed["proof"] = proof
    return signed


@dataclass(frozen=True)
class SdClaim:
    """One claim of an SD-JWT as the holder holds it, for choosing what to disclose.

    `path` joins the claim names from the top (escaped as in JSON pointers, `~0` and `~1`; array
    elements by their position in the issuer's array), without a leading `/`: a top-level claim's
    path is its name. `value` has every disclosure inside it applied. `disclosure` is the index
    of the disclosure that reveals it, or None when the issuer made it always visible.
    """

    path: str
    value: Any
    disclosure: int | None


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


def sd_jwt_claims(sd_jwt: str) -> list[SdClaim]:
    """Every disclosable claim of an SD-JWT, at any depth, and every always-visible value.

    Why: a learner picks claims by where they sit (`credentialSubject/achievement/name`), not
    by disclosure, and must see what is shown anyway. Values inside a disclosable claim are not
    listed as always visible: they are shown with it. Decoys and `_sd` digests are left out.
    """
    parts = jose.parse_sd_jwt(sd_jwt)
    _, payload = jose.decode_compact_json(parts.issuer_jwt)
    if not isinstance(payload, dict):
        raise PresentationError(M("the SD-JWT payload is not a JSON object"))
    sd_alg = payload.get("_sd_alg", "sha-256")
    decoded = [jose.decode_disclosure(d) for d in parts.disclosures]
    index_of = {jose.disclosure_digest(d, sd_alg): i for i, d in enumerate(parts.disclosures)}
    out: list[SdClaim] = []

    def disclosed(item: Any, size: int) -> int | None:
        i = index_of.get(item) if isinstance(item, str) else None
        return i if i is not None and len(decoded[i]) == size else None

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            done = {k: resolve(v) for k, v in node.items() if k not in ("_sd", "_sd_alg")}
            for digest in node.get("_sd") or []:
                i = disclosed(digest, 3)
                if i is not None:
                    done[decoded[i][1]] = resolve(decoded[i][2])
            return done
        if isinstance(node, list):
            items = []
            for item in node:
                if isinstance(item, dict) and set(item) == {"..."}:
                    i = disclosed(item["..."], 2)
                    if i is not None:
                        items.append(resolve(decoded[i][1]))
                else:
                    items.append(resolve(item))
            return items
        return node

    def visit(node: Any, path: str, hidden: bool) -> None:
        """`hidden`: inside a disclosable claim, so plain values are not always visible."""

        def at(token: str | int) -> str:
            return f"{path}/{token}" if path else str(token)

        def inner(value: Any, where: str) -> None:
            nested = (
                isinstance(value, dict)
                and value
                or isinstance(value, list)
                and any(isinstance(v, (dict, list)) for v in value)
            )
            if nested and where != "cnf":
                visit(value, where, hidden)
            elif not hidden:
                out.append(SdClaim(where, resolve(value), None))

        if isinstance(node, dict):
            for k, v in node.items():
                if k not in ("_sd", "_sd_alg"):
                    inner(v, at(_escape(k)))
            for digest in node.get("_sd") or []:
                i = disclosed(digest, 3)
                if i is not None:
                    where = at(_escape(decoded[i][1]))
                    out.append(SdClaim(where, resolve(decoded[i][2]), i))
                    visit(decoded[i][2], where, True)
        elif isinstance(node, list):
            for n, item in enumerate(node):
                if isinstance(item, dict) and set(item) == {"..."}:
                    i = disclosed(item["..."], 2)
                    if i is not None:
                        out.append(SdClaim(at(n), resolve(decoded[i][1]), i))
                        visit(decoded[i][1], at(n), True)
                else:
                    inner(item, at(n))

    visit(payload, "", False)
    return out


def _inside(claim: SdClaim, path: str) -> bool:
    """Whether `path` names a value within `claim`'s (processed) value."""
    if not path.startswith(claim.path + "/"):
        return False
    value = claim.value
    for token in path[len(claim.path) + 1 :].split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(value, dict) and token in value:
            value = value[token]
        elif isinstance(value, list) and token.isdigit() and int(token) < len(value):
            value = value[int(token)]
        else:
            return False
    return True


def _select_disclosures(
    sd_jwt: str, disclosures: list[str], reveal: list[str], sd_alg: str
) -> list[str]:
    """The disclosures for the claims in `reveal`, with what is inside them and their parents.

    An entry is a claim path (`sd_jwt_claims`; a leading `/` is allowed), which takes that
    claim and everything under it; failing that, a bare claim name, which takes every
    disclosable claim of that name; failing that, the path of a plain value inside a
    disclosable claim, which takes that claim (the value cannot be shown apart from it).
    Naming an always-visible claim asks for nothing more. A nested claim is only readable when
    its parent is disclosed too, so parents come along.
    """
    claims = sd_jwt_claims(sd_jwt)
    decoded = [jose.decode_disclosure(d) for d in disclosures]
    keep: set[int] = set()
    missing: list[str] = []
    for entry in reveal:
        path = entry.removeprefix("/")
        under = [c for c in claims if c.path == path or c.path.startswith(path + "/")]
        if not under and "/" not in path:
            named = {
                c.path
                for c in claims
                if c.disclosure is not None
                and len(decoded[c.disclosure]) == 3
                and decoded[c.disclosure][1] == path
            }
            under = [
                c for c in claims if any(c.path == p or c.path.startswith(p + "/") for p in named)
            ]
        if not under:  # a value inside a disclosable claim: that claim (the innermost)
            under = [c for c in claims if c.disclosure is not None and _inside(c, path)][-1:]
        if not under:
            missing.append(entry)
        keep.update(c.disclosure for c in under if c.disclosure is not None)
    if missing:
        raise PresentationError(M("no disclosable claim named {names}", names=", ".join(missing)))
    digest_of = [jose.disclosure_digest(d, sd_alg) for d in disclosures]

    def mentions(value: Any, digest: str) -> bool:
        if isinstance(value, dict):
            if digest in (value.get("_sd") or []) or value.get("...") == digest:
                return True
            return any(mentions(v, digest) for v in value.values())
        if isinstance(value, list):
            return any(mentions(v, digest) for v in value)
        return False

    changed = True
    while changed:  # parents of kept disclosures, up to the top
        changed = False
        for i, v in enumerate(decoded):
            if i not in keep and any(mentions(v[-1], digest_of[k]) for k in keep):
                keep.add(i)
                changed = True
    return [d for i, d in enumerate(disclosures) if i in keep]


HolderKey = ed25519.Ed25519PrivateKey | ec.EllipticCurvePrivateKey


def make_sd_jwt_presentation(
    sd_jwt: str,
    reveal: list[str],
    holder_key: HolderKey | None,
    *,
    aud: str,
    nonce: str,
    now: _dt.datetime,
    valid_minutes: int | None = None,
) -> str:
    """The SD-JWT with only the disclosures for the claims named in `reveal`, key-bound.

    `reveal` holds claim paths or names (see `_select_disclosures`).

    A key-binding JWT (aud, nonce, iat = now, sd_hash) is appended when the issuer bound the
    credential to a holder key (`cnf.jwk`); `holder_key` must then be that key (the wallet's
    holder keys are Ed25519; a P-256 key, as other wallets use, works the same). Without `cnf`
    there is nothing a KB-JWT could be checked against (verifiers reject one), so the
    presentation is `jwt~disclosures~` and says nothing about who presents it.

    `valid_minutes` (the learner's choice for a code shown or saved) signs an `exp` into the
    KB-JWT, so that `check_presentation` judges it by that, as it judges a VP by its proof's
    `expires`; without it the KB-JWT has only the claims a verifier's request needs.
    """
    parts = jose.parse_sd_jwt(sd_jwt)
    _, claims = jose.decode_compact_json(parts.issuer_jwt)
    if not isinstance(claims, dict):
        raise PresentationError(M("the SD-JWT payload is not a JSON object"))
    sd_alg = claims.get("_sd_alg", "sha-256")
    chosen = _select_disclosures(sd_jwt, parts.disclosures, list(reveal), sd_alg)
    presentation = "~".join([parts.issuer_jwt, *chosen]) + "~"
    cnf = claims.get("cnf")
    holder_jwk = cnf.get("jwk") if isinstance(cnf, dict) else None
    if not isinstance(holder_jwk, dict):
        return presentation
    if holder_key is None:
        raise PresentationError(M("this credential is bound to a holder key: sign with it"))
    if keys.public_key_to_jwk(holder_key.public_key()) != keys.public_key_to_jwk(
        keys.public_key_from_jwk(holder_jwk)
    ):
        raise PresentationError(M("this credential is bound to another holder key"))
    iat = int(now.timestamp())
    if valid_minutes is None:
        kb = jose.key_binding_jwt(
            presentation, holder_key, aud=aud, nonce=nonce, iat=iat, sd_alg=sd_alg
        )
        return presentation + kb
    if not 0 < valid_minutes <= LONGEST_VALID_MINUTES:
        raise PresentationError(M("valid_minutes must be 1 to {most}", most=LONGEST_VALID_MINUTES))
    # jose.key_binding_jwt's claims, and the expiry (SD-JWT allows further KB-JWT claims).
    payload = {
        "nonce": nonce,
        "aud": aud,
        "iat": iat,
        "exp": iat + valid_minutes * 60,
        "sd_hash": jose.sd_hash(presentation, sd_alg),
    }
    kb = jose.sign_compact(
        {"typ": "kb+jwt"},
        json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
        holder_key,
    )
    return presentation + kb


def _kb_times(text: str) -> tuple[_dt.datetime, _dt.datetime] | None:
    """(iat, exp) of an SD-JWT presentation's key-binding JWT when it carries both, read
    without checking its signature (verify_sd_jwt does that); None otherwise."""
    try:
        kb = jose.parse_sd_jwt(text).kb_jwt
        payload = jose.decode_compact_json(kb)[1] if kb else None
    except (WalletError, ValueError):
        return None
    if not isinstance(payload, dict):
        return None
    iat, exp = payload.get("iat"), payload.get("exp")
    if not (isinstance(iat, int) and isinstance(exp, int)):
        return None
    if isinstance(iat, bool) or isinstance(exp, bool):  # JSON true is no time
        return None
    try:
        start = _dt.datetime.fromtimestamp(iat, _dt.UTC)
        end = _dt.datetime.fromtimestamp(exp, _dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return (start, end) if end > start else None


def expires_of(presentation: Any) -> _dt.datetime | None:
    """When a presentation stops being valid: its proof's `expires`, or the `exp` of an SD-JWT
    presentation's key-binding JWT; None when it says neither (an SD-JWT whose issuer bound it
    to no holder key carries no time of the holder's at all)."""
    from wallet.verify.checks import parse_time

    if isinstance(presentation, str):
        times = _kb_times(presentation)
        return times[1] if times is not None else None
    proof = presentation.get("proof") if isinstance(presentation, dict) else None
    if isinstance(proof, list) and len(proof) == 1:
        proof = proof[0]
    return parse_time(proof.get("expires")) if isinstance(proof, dict) else None


# ----- verifying ---------------------------------------------------------------------------


def _as_dict(vp: Any) -> dict[str, Any] | None:
    """The presentation object, or None for anything else a stranger's QR code may hold
    (a number, a list, text that is not a JSON object): read under the JSON limits."""
    if isinstance(vp, dict):
        return vp
    if not isinstance(vp, str):
        return None
    try:
        doc = jose.load_json_bytes(vp.encode("utf-8"))  # its errors are not shown
    except (WalletError, UnicodeEncodeError):
        return None
    return doc if isinstance(doc, dict) else None


def _holder_proof(
    vp: dict[str, Any], holder: str, ctx: VerifyContext
) -> tuple[list[Check], dict[str, Any] | None]:
    """PROOF (and CONTEXT) checks of the holder's signature; the proof when it verified."""
    proof = vp.get("proof")
    if isinstance(proof, list) and len(proof) == 1:
        proof = proof[0]
    if not isinstance(proof, dict):
        return [
            Check(PROOF, FAIL, M("the presentation is not signed by its holder (no single proof)"))
        ], None
    vm = proof.get("verificationMethod")
    if not isinstance(vm, str) or vm.split("#")[0] != holder:
        return [
            Check(PROOF, FAIL, M("the presentation is signed with a key that is not its holder's"))
        ], None
    try:
        public_key = keys.public_key_from_did(vm)
    except WalletError as e:
        return [
            Check(PROOF, UNKNOWN, M("the holder's key cannot be read: {problem}", problem=e.msg))
        ], None
    unsecured = {k: v for k, v in vp.items() if k != "proof"}
    from wallet.proofs import canon

    try:
        canon.expand_safe(unsecured, ctx.loader)
        context = Check(CONTEXT, PASS, M("every term of the presentation is defined"))
    except canon.ContextUnknown as e:
        return [
            Check(
                PROOF, UNKNOWN, M("the presentation cannot be checked: {problem}", problem=e.msg)
            ),
            Check(CONTEXT, UNKNOWN, e.msg),
        ], None
    except canon.TooComplex as e:  # bounded work: not checkable, not wrong
        return [
            Check(
                PROOF,
                UNKNOWN,
                M("the holder's signature cannot be checked: {problem}", problem=e.msg),
            ),
            Check(CONTEXT, UNKNOWN, e.msg),
        ], None
    except canon.CanonError as e:
        return [
            Check(PROOF, FAIL, M("the holder's signature does not cover the whole presentation")),
            Check(CONTEXT, FAIL, e.msg),
        ], None
    try:
        good = signing.verify_proof_signature(unsecured, proof, public_key, ctx.loader)
    except WalletError as e:
        return [
            Check(
                PROOF,
                UNKNOWN,
                M("the holder's signature cannot be checked: {problem}", problem=e.msg),
            ),
            context,
        ], None
    if not good:
        return [
            Check(
                PROOF,
                FAIL,
                M(
                    "the holder's signature does not match: the presentation"
                    " was changed after signing, or signed with another key"
                ),
            ),
            context,
        ], None
    return [Check(PROOF, PASS, M("signed by the holder {holder}", holder=holder)), context], proof


def _freshness(
    proof: dict[str, Any], challenge: str | None, domain: str | None, at: _dt.datetime
) -> list[Msg]:
    """What is wrong with the proof's purpose, challenge, domain and time window (empty: ok)."""
    from wallet.verify.checks import parse_time

    problems: list[Msg] = []
    if proof.get("proofPurpose") != AUTHENTICATION:
        problems.append(
            M(
                "the proof's purpose is {purpose}, not authentication:"
                " it does not show the holder presenting it",
                purpose=repr(proof.get("proofPurpose")),
            )
        )
    if challenge is not None and proof.get("challenge") != challenge:
        problems.append(
            M("it answers another challenge than the one asked for: it may be a replay")
        )
    if domain is not None and proof.get("domain") != domain:
        problems.append(
            M(
                "it was made for {made_for}, not for {domain}",
                made_for=repr(proof.get("domain")),
                domain=repr(domain),
            )
        )
    created, expires = parse_time(proof.get("created")), parse_time(proof.get("expires"))
    if created is None or expires is None:
        problems.append(M("it has no valid creation and expiry time"))
    elif created - CLOCK_SKEW > at:
        problems.append(M("it was created in the future ({moment})", moment=created))
    elif at > expires:
        problems.append(
            M("it expired at {moment}: ask the learner for a fresh one", moment=expires)
        )
    return problems


def _expiry(proof: dict[str, Any]) -> _dt.datetime | str:
    """When a proof that passed `_freshness` expires (so its `expires` reads as a time)."""
    from wallet.verify.checks import parse_time

    return parse_time(proof.get("expires")) or str(proof.get("expires"))


def _parse_item(item: Any) -> Parsed:
    from wallet import formats

    types = item.get("type") if isinstance(item, dict) else None
    if isinstance(item, dict) and (
        types == ENVELOPED or (isinstance(types, list) and ENVELOPED in types)
    ):
        uri = item.get("id")
        if not isinstance(uri, str) or not uri.startswith("data:") or "," not in uri:
            raise PresentationError(M("an enveloped credential is not a data: URI"))
        return formats.parse(uri.split(",", 1)[1].encode("ascii", "replace"))
    if isinstance(item, dict):
        try:
            data = json.dumps(item, ensure_ascii=False).encode("utf-8")
        except UnicodeEncodeError:  # a "\udddd" escape read from JSON: not Unicode text
            raise PresentationError(
                M("a presented credential holds text that is not valid Unicode (a lone surrogate)")
            ) from None
        return formats.parse(data)
    raise PresentationError(M("a presented credential is not a JSON object"))


def _subject_dids(parsed: Parsed) -> set[str]:
    """The DIDs a credential was issued to (credentialSubject.id / sub), to bind to the holder."""
    found = {parsed.credential.subject_id} if parsed.credential.subject_id else set()
    try:
        doc = json.loads(parsed.payload)
    except ValueError:
        doc = None
    subjects = doc.get("credentialSubject") if isinstance(doc, dict) else None
    for s in subjects if isinstance(subjects, list) else [subjects]:
        if isinstance(s, dict) and isinstance(s.get("id"), str):
            found.add(s["id"])
    return {s for s in found if isinstance(s, str) and s.startswith("did:")}


def verify_presentation(
    vp: dict[str, Any] | str,
    *,
    challenge: str | None,
    at: _dt.datetime,
    ctx: VerifyContext,
    domain: str | None = None,
) -> Report:
    """Verify a VerifiablePresentation: the holder's proof, its binding, each credential.

    The report's own checks are `proof` (the holder's signature), `context` and `holder`
    (authentication purpose, challenge/domain, created <= at <= expires, and every credential
    issued to a DID was issued to this holder; a warning when a credential shows no subject
    DID, as a selective disclosure may hide it); `nested` holds one report per credential.
    The presentation's own verdict follows the usual rules; `overall_verdict` folds in the
    credentials'.
    """
    doc = _as_dict(vp)
    report = Report(
        source="presentation",
        format=FORMAT,
        checked_at=iso(_dt.datetime.now(_dt.UTC)),
        as_of=iso(at),
    )
    types = doc.get("type") if doc is not None else None
    types = [types] if isinstance(types, str) else types if isinstance(types, list) else []
    if doc is None or "VerifiablePresentation" not in types:
        report.checks.append(Check(PROOF, FAIL, M("this is not a verifiable presentation")))
        return report
    holder = doc.get("holder")
    holder = holder.get("id") if isinstance(holder, dict) else holder
    if not isinstance(holder, str) or not holder.startswith("did:"):
        report.checks.append(Check(PROOF, FAIL, M("the presentation names no holder DID")))
        return report
    checks, proof = _holder_proof(doc, holder, ctx)
    report.checks.extend(checks)
    problems = _freshness(proof, challenge, domain, at) if proof is not None else []
    items = doc.get("verifiableCredential")
    items = items if isinstance(items, list) else [items] if items is not None else []
    if not items:
        problems.append(M("it carries no credential"))
    from wallet.verify.verifier import verify_parsed

    unbound: list[str] = []  # credentials that name no subject DID
    for n, item in enumerate(items, 1):
        try:
            parsed = _parse_item(item)
        except WalletError as e:
            report.nested.append(
                Report(
                    source=f"presentation › credential {n}",
                    format="?",
                    checks=[Check(PROOF, FAIL, e.msg)],
                    as_of=iso(at),
                )
            )
            continue
        subjects = _subject_dids(parsed)
        if not subjects:
            unbound.append(parsed.credential.title)
        others = subjects - {holder}
        if others:
            problems.append(
                M(
                    "“{title}” was issued to {subject}: presented by someone other than"
                    " the learner it was issued to",
                    title=parsed.credential.title,
                    subject=sorted(others)[0],
                )
            )
        item_ctx = copy.copy(ctx)
        item_ctx.at = at
        report.nested.append(
            verify_parsed(parsed, item_ctx, f"presentation › {parsed.credential.title}")
        )
    if proof is None:
        report.checks.append(
            Check(HOLDER, "skip", M("not checked: the holder's signature did not verify"))
        )
    elif problems:
        report.checks.append(Check(HOLDER, FAIL, join(problems)))
    elif unbound:  # e.g. a selective disclosure that hides the subject's id
        names = join([M("“{title}”", title=t) for t in unbound], ", ")
        report.checks.append(
            Check(
                HOLDER,
                WARN,
                M(
                    "signed by the holder, valid until {moment}; but {names} does not show"
                    " whom it was issued to, so nothing ties it to the person presenting it",
                    moment=_expiry(proof),
                    names=names,
                ),
            )
        )
    else:
        report.checks.append(
            Check(
                HOLDER,
                PASS,
                M(
                    "presented by the learner the credentials were issued to, valid until {moment}",
                    moment=_expiry(proof),
                ),
            )
        )
    return report


def overall_verdict(report: Report) -> str:
    """The worst verdict of the presentation and every credential in it."""
    verdicts = [report.verdict, *(overall_verdict(n) for n in report.nested)]
    for v in (FAILED, UNKNOWN_VERDICT, WARNING):
        if v in verdicts:
            return v
    return VERIFIED


def check_presentation(
    presentation: dict[str, Any] | str,
    ctx: VerifyContext,
    *,
    challenge: str | None = None,
    domain: str | None = None,
) -> tuple[Report, str]:
    """An employer's check of a decoded QR presentation (a VP or an SD-JWT presentation): its
    report and overall verdict. `learner-wallet check-qr` and the Verify a QR window both
    come here, so they judge alike."""
    from wallet.verify.jose_proofs import verify_sd_jwt

    if isinstance(presentation, str):
        # A key-binding JWT with an expiry is judged by it (the validity the learner chose),
        # else by the verifier's freshness window; past its expiry it has expired.
        times = _kb_times(presentation)
        window = times[1] - times[0] if times is not None else None
        if window is None:
            outcome = verify_sd_jwt(presentation, ctx, audience=domain, nonce=challenge)
        else:
            outcome = verify_sd_jwt(
                presentation, ctx, audience=domain, nonce=challenge, kb_max_age=window
            )
        checks = list(outcome.checks)
        if times is not None and ctx.at > times[1]:
            checks = [
                Check(
                    HOLDER,
                    FAIL,
                    M("it expired at {moment}: ask the learner for a fresh one", moment=times[1]),
                )
                if c.id == HOLDER and c.status in (PASS, WARN)
                else c
                for c in checks
            ]
        report = Report("qr", "sd-jwt", checks)
        return report, report.verdict
    report = verify_presentation(
        presentation, challenge=challenge, at=ctx.at, ctx=ctx, domain=domain
    )
    return report, overall_verdict(report)
