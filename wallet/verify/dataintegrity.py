"""Verify W3C Data Integrity proofs on a JSON-LD credential, offline.

Why this shape: a learner (or an employer) needs three separate answers - is the signature good
(`proof`), does the key belong to the issuer the credential names (`issuer`), and does the
signature cover everything the credential shows (`context`: every JSON-LD context known and every
term defined, JSON-LD safe mode; see wallet.proofs.canon). A signature that checks out over a
canonical form from which data was silently dropped proves nothing about the dropped data, so an
`*-rdfc-*` proof never passes unless safe-mode expansion succeeded.

Suites: eddsa-rdfc-2022, eddsa-jcs-2022, Ed25519Signature2020 (legacy), ecdsa-rdfc-2019 and
ecdsa-jcs-2019 (P-256/SHA-256, P-384/SHA-384), ecdsa-sd-2023 (by wallet.proofs.ecdsa_sd when it is
installed), and the older detached-JWS Ed25519Signature2018 and EcdsaSecp256k1Signature2019
(wallet.verify.legacy_jws). The pre-standard name eddsa-2022, bbs-2023 and unknown proof types
are reported as not checkable, never as verified. Proof sets: every proof of a supported suite
must verify; proof chains (`previousProof`) are verified over the document carrying the proofs
they name.
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from wallet.errors import WalletError
from wallet.messages import M, Msg, join, plain
from wallet.proofs import canon, keys, signing
from wallet.verify import legacy_jws, methods
from wallet.verify.context import VerifyContext, distinct
from wallet.verify.outcome import ProofOutcome
from wallet.verify.report import CONTEXT, FAIL, ISSUER, PASS, PROOF, SKIP, UNKNOWN, WARN, Check

ECDSA_SD_2023 = "ecdsa-sd-2023"
LEGACY_NAMES = {"eddsa-2022": "eddsa-rdfc-2022"}
RDFC_SUITES = (
    signing.EDDSA_RDFC_2022,
    signing.ECDSA_RDFC_2019,
    signing.ED25519_SIGNATURE_2020,
    *signing.JWS_SUITES,  # Ed25519Signature2018, EcdsaSecp256k1Signature2019 (legacy_jws)
)
CLOCK_SKEW = _dt.timedelta(minutes=5)

_K = TypeVar("_K")
_V = TypeVar("_V")
_E = TypeVar("_E", bound=Exception)

# Per-proof result kinds (besides the report statuses).
_UNSUPPORTED = "unsupported"

# Blockcerts: signed by a Merkle proof anchored in a blockchain, checked by
# wallet.verify.blockcerts (verify_data_integrity hands such credentials over to it).
BLOCKCERTS_V3_PROOFS = ("MerkleProof2019",)


def _type_names(value: Any) -> list[str]:
    return [t for t in (value if isinstance(value, list) else [value]) if isinstance(t, str)]


def blockcerts_proof_kind(proof: Any) -> str | None:
    """The Blockcerts proof type of a v3 `proof` entry (MerkleProof2019, also as the chained
    proof of a ChainedProof2021), else None."""
    if not isinstance(proof, dict):
        return None
    names = _type_names(proof.get("type"))
    if "ChainedProof2021" in names:
        names += _type_names(proof.get("chainedProofType"))
    return next((n for n in names if n in BLOCKCERTS_V3_PROOFS), None)


def blockcerts_v2_signature(document: Any) -> bool:
    """Does an Open Badges 2.0 document carry a Blockcerts v2 `signature` block (a
    MerkleProof2017 with its target hash, Merkle root and blockchain anchors)?"""
    signature = document.get("signature") if isinstance(document, dict) else None
    return (
        isinstance(signature, dict)
        and "MerkleProof2017" in _type_names(signature.get("type"))
        and all(k in signature for k in ("targetHash", "merkleRoot", "anchors"))
    )


@dataclass
class _ProofResult:
    status: str  # PASS, FAIL, UNKNOWN, or _UNSUPPORTED
    msg: Msg
    resolved: methods.ResolvedKey | None = None
    holder_can_derive: bool = False


class _Canon:
    """Safe-mode expansion and canonical forms, computed once per document per run.

    Keyed by the document's JSON text (content, never object identity): the credential, the
    same credential with a chained proof, and each proof configuration are different keys.
    Canonical forms are made from the safe-mode expanded form that was checked, so what is
    hashed is exactly what safe mode passed (`canon.canonicalize_expanded`: no second
    expansion; Rust RDFC-1.0 where it provably spells the result as pyld does).
    """

    def __init__(self, ctx: VerifyContext) -> None:
        self.ctx = ctx
        self._expanded: dict[str, Any] = {}
        self._canonical: dict[tuple[str, str], str | canon.TooComplex] = {}

    def _expand_key(self, key: str, document: dict[str, Any]) -> Any:
        return _kept(
            self._expanded,
            key,
            lambda: canon.expand_safe(document, self.ctx.loader),
            canon.CanonError,
        )

    def expand(self, document: dict[str, Any]) -> Any:
        return self._expand_key(json.dumps(document, sort_keys=True), document)

    def canonical(self, document: dict[str, Any], hash_name: str) -> str:
        """The canonical form; a refusal (TooComplex) is kept too, so that a proof set cannot
        make the wallet redo bounded-but-large work once per proof."""
        text = json.dumps(document, sort_keys=True)
        return _kept(
            self._canonical,
            (text, hash_name),
            lambda: canon.canonicalize_expanded(self._expand_key(text, document), hash_name),
            canon.TooComplex,
        )


def _kept(table: dict[_K, _V | _E], key: _K, make: Callable[[], _V], refusal: type[_E]) -> _V:
    """`table[key]`, made by `make` on first need. A `refusal` raised while making it is kept
    in its place and raised again on every later call, so refused work is not redone."""
    if key not in table:
        try:
            table[key] = make()
        except refusal as e:
            table[key] = e
    got = table[key]
    if isinstance(got, refusal):
        raise got
    return cast(_V, got)  # not a refusal, so what `make` returned


def issuer_id_of(document: dict[str, Any]) -> str | None:
    """The issuer's id: `issuer` as a string, or its `id` when it is an object."""
    issuer = document.get("issuer")
    if isinstance(issuer, dict):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) and issuer else None


def _parse_time(value: Any) -> _dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=_dt.UTC)


def _suite_label(proof: dict[str, Any]) -> str:
    return str(proof.get("cryptosuite") or proof.get("type") or "untyped proof")


def _check_dates(proof: dict[str, Any], ctx: VerifyContext) -> _ProofResult | None:
    at = ctx.at if ctx.at.tzinfo else ctx.at.replace(tzinfo=_dt.UTC)
    for field in ("created", "expires"):
        if field in proof and _parse_time(proof[field]) is None:
            return _ProofResult(
                FAIL,
                M(
                    "the proof's '{field}' date {value} is not a valid date and time",
                    field=field,
                    value=repr(proof[field]),
                ),
            )
    created = _parse_time(proof.get("created"))
    if created is not None and created > at + CLOCK_SKEW:
        return _ProofResult(
            FAIL,
            M(
                "the proof says it was created on {when}, which is after the time of checking",
                when=created.astimezone(_dt.UTC),
            ),
        )
    expires = _parse_time(proof.get("expires"))
    if expires is not None and expires < at:
        return _ProofResult(
            FAIL,
            M(
                "the proof expired on {when}: its signature is no longer to be relied on",
                when=expires.astimezone(_dt.UTC),
            ),
        )
    return None


def _unsecured_for(
    document: dict[str, Any], proof: dict[str, Any], all_proofs: list[Any]
) -> dict[str, Any] | Msg:
    """The document this proof signed: without proofs, or with the proofs it chains to."""
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    previous = proof.get("previousProof")
    if previous is None:
        return unsecured
    wanted = previous if isinstance(previous, list) else [previous]
    if not wanted or not all(isinstance(w, str) for w in wanted):
        return M("the proof's previousProof is malformed")
    by_id = {p.get("id"): p for p in all_proofs if isinstance(p, dict) and p.get("id")}
    missing = [w for w in wanted if w not in by_id]
    if missing:
        return M(
            "the proof is chained to {proof}, which the credential does not carry",
            proof=missing[0],
        )
    unsecured["proof"] = [copy.deepcopy(by_id[w]) for w in wanted]
    return unsecured


def _verify_one(
    document: dict[str, Any], proof: Any, all_proofs: list[Any], ctx: VerifyContext, cache: _Canon
) -> _ProofResult:
    if not isinstance(proof, dict):
        return _ProofResult(FAIL, M("a proof is not a JSON object"))
    label = _suite_label(proof)
    suite = signing.suite_of(proof)
    if proof.get("type") == "DataIntegrityProof" and suite in LEGACY_NAMES:
        return _ProofResult(
            UNKNOWN,
            M(
                "cryptosuite {suite} is a pre-standard cryptosuite name "
                "(now {name}); the wallet cannot check it",
                suite=repr(suite),
                name=LEGACY_NAMES[suite],
            ),
        )
    if suite == legacy_jws.BBS_2023:
        return _ProofResult(_UNSUPPORTED, legacy_jws.bbs_not_supported())
    if suite not in (*signing.ALL_SUITES, *signing.JWS_SUITES, ECDSA_SD_2023):
        if not (proof.get("cryptosuite") or proof.get("type")):
            return _ProofResult(
                _UNSUPPORTED,
                M("proof type 'untyped proof' is not supported, so it was not checked"),
            )
        return _ProofResult(
            _UNSUPPORTED,
            M("proof type {type} is not supported, so it was not checked", type=repr(label)),
        )
    if proof.get("proofPurpose") != "assertionMethod":
        return _ProofResult(
            FAIL,
            M(
                "the {suite} proof is for {purpose}, not "
                "for asserting the credential (assertionMethod)",
                suite=label,
                purpose=repr(proof.get("proofPurpose")),
            ),
        )
    dated = _check_dates(proof, ctx)
    if dated is not None:
        return dated
    try:
        resolved = methods.resolve(proof.get("verificationMethod"), ctx)
    except methods.KeyUnavailable as e:
        return _ProofResult(
            UNKNOWN, M("cannot check the {suite} signature: {problem}", suite=label, problem=e.msg)
        )
    except methods.KeyInvalid as e:
        return _ProofResult(
            FAIL,
            M("the {suite} proof names an unusable key: {problem}", suite=label, problem=e.msg),
        )
    if suite == ECDSA_SD_2023:
        return _verify_sd(document, proof, resolved, ctx)
    unsecured = _unsecured_for(document, proof, all_proofs)
    if isinstance(unsecured, Msg):
        return _ProofResult(FAIL, unsecured, resolved)
    return _verify_signature(unsecured, proof, suite, resolved, cache)


def _verify_signature(
    unsecured: dict[str, Any],
    proof: dict[str, Any],
    suite: str,
    resolved: methods.ResolvedKey,
    cache: _Canon,
) -> _ProofResult:
    """Every suite but ecdsa-sd-2023: the key must fit the suite, then the suite's own
    reading of the signature decides, judged with the same words for all suites."""
    try:
        signing.check_key(suite, resolved.key)
    except signing.SigningError:
        return _ProofResult(
            FAIL,
            M("the key {how} is of the wrong type for {suite}", how=resolved.how, suite=suite),
            resolved,
        )
    try:
        if suite in signing.JWS_SUITES:
            matches = _jws_matches(unsecured, proof, suite, resolved.key, cache)
        else:
            matches = _proof_value_matches(unsecured, proof, suite, resolved.key, cache)
    except _Undecided as e:
        return _ProofResult(e.status, e.msg, resolved)
    if matches:
        return _ProofResult(
            PASS,
            M("{suite} signature verified with {how}", suite=suite, how=resolved.how),
            resolved,
        )
    return _ProofResult(
        FAIL,
        M(
            "the {suite} signature does not match the credential: it was "
            "changed after signing, or signed with another key",
            suite=suite,
        ),
        resolved,
    )


class _Undecided(Exception):
    """The signature cannot be compared: the proof is `status` (fail or unknown) for `msg`."""

    def __init__(self, status: str, msg: Msg) -> None:
        super().__init__(str(msg))
        self.status = status
        self.msg = msg


def _jws_matches(
    unsecured: dict[str, Any], proof: dict[str, Any], suite: str, key: Any, cache: _Canon
) -> bool:
    """Ed25519Signature2018 / EcdsaSecp256k1Signature2019: does the detached JWS over the
    URDNA2015 hashes match (wallet.verify.legacy_jws)? _Undecided when that cannot be told."""
    jws = legacy_jws.parse_jws(proof, suite)
    if isinstance(jws, Msg):
        raise _Undecided(FAIL, jws)
    options = signing.jws_proof_options(proof, unsecured)
    canon_doc, canon_options = _canonical_forms(cache, unsecured, options, "sha256", suite)
    return legacy_jws.signature_matches(jws, suite, key, canon_options, canon_doc)


def _proof_value_matches(
    unsecured: dict[str, Any], proof: dict[str, Any], suite: str, key: Any, cache: _Canon
) -> bool:
    """The Data Integrity suites with a proofValue: does it match? _Undecided when that cannot
    be told."""
    value = proof.get("proofValue")
    not_base58 = M("the {suite} proofValue is not a base58btc multibase value", suite=suite)
    if not isinstance(value, str) or not value.startswith("z"):
        raise _Undecided(FAIL, not_base58)
    try:
        signature = keys.multibase_decode(value)
    except WalletError:
        raise _Undecided(FAIL, not_base58) from None
    hash_name = signing.hash_name_for(suite, key)
    if "@context" in proof and proof["@context"] != unsecured.get("@context"):
        raise _Undecided(
            FAIL,
            M(
                "the {suite} proof carries an @context that differs from the credential's",
                suite=suite,
            ),
        )
    config = signing.proof_config_of(proof, unsecured)
    if suite in signing.JCS_SUITES:
        try:
            data = signing.hash_data(unsecured, config, None, hash_name)
        except signing.SigningError as e:
            raise _Undecided(
                FAIL, M("the credential cannot be canonicalized: {problem}", problem=e.msg)
            ) from None
    else:
        canon_doc, canon_proof = _canonical_forms(cache, unsecured, config, hash_name, suite)
        data = signing.HashData(
            canon_proof,
            canon_doc,
            signing.digest(canon_proof.encode("utf-8"), hash_name),
            signing.digest(canon_doc.encode("utf-8"), hash_name),
        )
    return signing.check_raw_signature(key, signature, data.combined, hash_name)


def _canonical_forms(
    cache: _Canon, unsecured: dict[str, Any], options: dict[str, Any], hash_name: str, suite: str
) -> tuple[str, str]:
    """(canonical credential, canonical proof options); _Undecided when either cannot be
    canonicalized (the credential is tried first, so its problem is the one reported)."""
    try:
        canon_doc = cache.canonical(unsecured, hash_name)
    except canon.CanonError as e:
        raise _Undecided(*_not_canonical(suite, e, options=False)) from None
    try:
        canon_options = cache.canonical(options, hash_name)
    except canon.CanonError as e:
        raise _Undecided(*_not_canonical(suite, e, options=True)) from None
    return canon_doc, canon_options


def _not_canonical(suite: str, e: canon.CanonError, *, options: bool) -> tuple[str, Msg]:
    """The status and message for a credential (or, with `options`, the proof's options) that
    could not be canonicalized: unknown when the wallet lacks something or gave up (bounded
    work), failed when the document is wrong."""
    if isinstance(e, canon.ContextUnknown):
        if options:
            why = M("the proof needs the JSON-LD context {url}", url=e.url)
        else:
            why = M(
                "the credential uses the JSON-LD context {url}, which the wallet does not have",
                url=e.url,
            )
        return UNKNOWN, M("cannot check the {suite} signature: {problem}", suite=suite, problem=why)
    if isinstance(e, canon.TooComplex):  # bounded work: not checkable, not wrong
        why = M("its proof options are {problem}", problem=e.msg) if options else e.msg
        return UNKNOWN, M("cannot check the {suite} signature: {problem}", suite=suite, problem=why)
    if options:  # whatever else is wrong with them, the signature does not cover them all
        return FAIL, M(
            "the {suite} proof options are not all signed: {problem}", suite=suite, problem=e.msg
        )
    if isinstance(e, canon.UnsafeTerm):
        return FAIL, M(
            "the {suite} signature does not cover the whole credential: {problem}",
            suite=suite,
            problem=e.msg,
        )
    return FAIL, M("the credential is not valid JSON-LD: {problem}", problem=e.msg)


def _verify_sd(
    document: dict[str, Any],
    proof: dict[str, Any],
    resolved: methods.ResolvedKey,
    ctx: VerifyContext,
) -> _ProofResult:
    try:
        from wallet.proofs import ecdsa_sd  # written separately; may not be installed yet
    except ModuleNotFoundError as e:
        if e.name not in ("wallet.proofs.ecdsa_sd",):
            raise
        return _ProofResult(UNKNOWN, M("ecdsa-sd-2023 not supported yet"), resolved)
    try:
        kind, said = ecdsa_sd.verify_sd_proof(document, proof, resolved.key, ctx.loader)
    except WalletError as e:
        return _ProofResult(
            FAIL, M("the ecdsa-sd-2023 proof cannot be checked: {problem}", problem=e.msg), resolved
        )
    message = _words(said)
    if kind == ecdsa_sd.UNCHECKABLE:  # missing knowledge or too much work: unknown
        return _ProofResult(
            UNKNOWN,
            M("cannot check the ecdsa-sd-2023 signature: {problem}", problem=message or ""),
            resolved,
        )
    if kind == "derived-valid":
        return _ProofResult(PASS, message or M("ecdsa-sd-2023 disclosure verified"), resolved)
    if kind == "base-valid":
        base = (
            M(
                "this is the learner's ecdsa-sd-2023 base proof: a "
                "disclosure can be derived from it and shown to others, but the base "
                "itself is not a presentation ({detail})",
                detail=message,
            )
            if message
            else M(
                "this is the learner's ecdsa-sd-2023 base proof: a "
                "disclosure can be derived from it and shown to others, but the base "
                "itself is not a presentation"
            )
        )
        return _ProofResult(UNKNOWN, base, resolved, holder_can_derive=True)
    return _ProofResult(
        FAIL,
        message or M("the ecdsa-sd-2023 proof ({kind}) does not verify", kind=kind),
        resolved,
    )


def _words(said: Msg | str) -> Msg | None:
    """What wallet.proofs.ecdsa_sd said, as a message (None when it said nothing)."""
    if isinstance(said, Msg):
        return said
    return plain(said) if said else None


def _context_check(
    document: dict[str, Any], results: list[tuple[dict[str, Any], _ProofResult]], cache: _Canon
) -> Check:
    """JSON-LD safe mode on the credential: a fail for RDFC proofs, a warning for JCS ones."""
    rdfc = any(signing.suite_of(p) in (*RDFC_SUITES, ECDSA_SD_2023) for p, _ in results)
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    if "@context" not in unsecured:
        return Check(
            CONTEXT,
            FAIL if rdfc else WARN,
            M("the credential has no @context, so its terms have no defined meaning"),
        )
    try:
        cache.expand(unsecured)
    except canon.CanonError as e:
        return context_check(e, rdfc=rdfc)
    return context_check(None)


def context_check(problem: canon.CanonError | None, *, rdfc: bool = True) -> Check:
    """The context check from JSON-LD safe-mode expansion (None: it passed). An undefined term
    fails where the signature is over the RDF form (`rdfc`: it would not cover the term) and is
    a warning where it signs the JSON as written; Blockcerts (always RDF) shares these words."""
    if problem is None:
        return Check(
            CONTEXT,
            PASS,
            M("every term is defined by the credential's known JSON-LD contexts (safe mode)"),
        )
    if isinstance(problem, canon.ContextUnknown):
        return Check(
            CONTEXT,
            UNKNOWN,
            M(
                "the credential uses the JSON-LD context {url}, which "
                "the wallet does not have (it never fetches contexts)",
                url=problem.url,
            ),
        )
    if isinstance(problem, canon.UnsafeTerm):
        if rdfc:
            return Check(
                CONTEXT,
                FAIL,
                M("{problem}: the signature would not cover it", problem=problem.msg),
            )
        return Check(
            CONTEXT,
            WARN,
            M(
                "{problem}: the signature covers it as written, but it has no defined meaning",
                problem=problem.msg,
            ),
        )
    if isinstance(problem, canon.TooComplex):  # bounded work: not checkable, not wrong
        return Check(
            CONTEXT,
            UNKNOWN,
            M("the vocabulary cannot be checked: {problem}", problem=problem.msg),
        )
    return Check(
        CONTEXT,
        FAIL,
        M("the credential is not valid JSON-LD: {problem}", problem=problem.msg),
    )


def _proof_check(results: list[tuple[dict[str, Any], _ProofResult]]) -> Check:
    checked = [r for _, r in results if r.status != _UNSUPPORTED]
    skipped = distinct([r.msg for _, r in results if r.status == _UNSUPPORTED])
    if not checked:
        return Check(PROOF, UNKNOWN, join(skipped) if skipped else M("no proof"))
    for status in (FAIL, UNKNOWN):
        bad = [r for r in checked if r.status == status]
        if bad:
            said = join([r.msg for r in bad])
            if len(checked) > 1:
                said = M(
                    "{count} of {total} proofs: {problems}",
                    count=len(bad),
                    total=len(checked),
                    problems=said,
                )
            return Check(PROOF, status, said)
    said = join([r.msg for r in checked])
    if len(checked) > 1:
        said = M("all {count} proofs verified: {results}", count=len(checked), results=said)
    if skipped:
        said = M(
            "{results}; also carries a proof the wallet cannot check ({skipped})",
            results=said,
            skipped=join(skipped),
        )
    return Check(PROOF, PASS, said)


def _issuer_check(
    issuer_id: str | None, proof: Check, results: list[tuple[dict[str, Any], _ProofResult]]
) -> Check:
    if proof.status != PASS:
        if proof.status == FAIL:
            return Check(
                ISSUER, SKIP, M("the signature does not verify, so nothing shows who issued it")
            )
        return Check(
            ISSUER, SKIP, M("the signature could not be checked, so nothing shows who issued it")
        )
    checks = [
        methods.issuer_check(issuer_id, r.resolved)
        for _, r in results
        if r.status == PASS and r.resolved is not None
    ]
    for status in (PASS, FAIL, UNKNOWN):
        for c in checks:
            if c.status == status:
                return c
    return Check(ISSUER, UNKNOWN, M("no verified proof names a key"))


def verify_data_integrity(document: dict[str, Any], ctx: VerifyContext) -> ProofOutcome:
    """Proof, issuer and context checks of a credential secured with Data Integrity proofs."""
    issuer_id = issuer_id_of(document)
    outcome = ProofOutcome(document=document, issuer_id=issuer_id)
    proofs = document.get("proof")
    if proofs is None or proofs == [] or proofs == {}:
        outcome.checks = [
            Check(PROOF, FAIL, M("no proof: the credential is unsigned")),
            Check(ISSUER, SKIP, M("the credential is unsigned, so nothing shows who issued it")),
            _context_check(document, [], _Canon(ctx)),
        ]
        return outcome
    all_proofs = proofs if isinstance(proofs, list) else [proofs]
    if any(blockcerts_proof_kind(p) for p in all_proofs):  # Blockcerts v3: a Merkle proof
        from wallet.verify.blockcerts import verify_blockcerts

        return verify_blockcerts(document, ctx)
    cache = _Canon(ctx)
    results = [
        (p if isinstance(p, dict) else {}, _verify_one(document, p, all_proofs, ctx, cache))
        for p in all_proofs
    ]
    context = _context_check(document, results, cache)
    proof = _proof_check(results)
    if proof.status == PASS and context.status == FAIL:  # safe mode: never accept what's unsigned
        proof = Check(
            PROOF,
            FAIL,
            M("the signature does not cover the whole credential: {problem}", problem=context.msg),
        )
    outcome.checks = [proof, _issuer_check(issuer_id, proof, results), context]
    if any(r.holder_can_derive for _, r in results):
        outcome.holder_can_derive = True
    return outcome
