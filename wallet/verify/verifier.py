"""One entry point for every format: which proof checker runs, then the checks that need no key.

Proof results are memoized by content (plus every fetched document they relied on), so that
re-verifying an unchanged credential costs a look-up, not a canonicalization. Dates, status
and trust are re-evaluated every time, since they change with time and with the lists.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from wallet.credential import (
    DATA_INTEGRITY,
    HOSTED,
    JADES,
    JWS,
    JWT,
    SD_JWT,
    Credential,
    Parsed,
)
from wallet.errors import FormatError, WalletError
from wallet.messages import M
from wallet.proofs.jose import load_json_bytes
from wallet.verify.checks import check_schema, check_trust, check_validity, eu_elements
from wallet.verify.context import VerifyContext, iso
from wallet.verify.outcome import ProofOutcome
from wallet.verify.report import (
    FAIL,
    ISSUER,
    PASS,
    PROOF,
    SCHEMA,
    STATUS,
    UNKNOWN,
    Check,
    Report,
)

if TYPE_CHECKING:
    from wallet.store import WalletStore

# Bump when proof checking changes meaning, so results memoized by older code are not reused.
# 2: an ecdsa-sd-2023 proof needing a JSON-LD context the wallet lacks is unknown, not failed.
# 4: checks are kept as message ids, so a memoized answer is shown in the reader's language.
# 5: Blockcerts Merkle proofs are checked (a proof set passed before without them).
VERIFIER_VERSION = "5"


def _memo_key(kind: str, payload: bytes) -> str:
    return hashlib.sha256(f"{VERIFIER_VERSION}\0{kind}\0".encode() + payload).hexdigest()


def _outcome_to_bytes(outcome: ProofOutcome, consulted: list[tuple[str, str, str]]) -> bytes:
    return json.dumps(
        {
            "checks": [c.to_json() for c in outcome.checks],
            "document": outcome.document,
            "issuer_id": outcome.issuer_id,
            "holder_can_derive": outcome.holder_can_derive,
            "consulted": consulted,
        },
        ensure_ascii=False,
    ).encode("utf-8")


def _outcome_from_bytes(data: bytes, ctx: VerifyContext) -> ProofOutcome | None:
    """The memoized outcome, unless a document it relied on has been fetched again since."""
    try:
        d = json.loads(data)
        for kind, url, fetched_at in d["consulted"]:
            hit = ctx.cache.cache_get(kind, url)
            if hit is None or hit.fetched_at != fetched_at:
                return None
        ctx.consulted.extend(tuple(x) for x in d["consulted"])
        return ProofOutcome(
            checks=[Check.from_json(c) for c in d["checks"]],
            document=d["document"],
            issuer_id=d["issuer_id"],
            holder_can_derive=d["holder_can_derive"],
        )
    except (ValueError, KeyError, TypeError):
        return None


def _memoized(
    kind: str,
    payload: bytes,
    ctx: VerifyContext,
    run: Callable[[], ProofOutcome],
    cred: Credential | None = None,
) -> ProofOutcome:
    """Run a proof check through the memo: reuse when offline and nothing it used changed.

    The schema check depends on the content alone, so it is memoized with the proof.
    """
    key = _memo_key(kind, payload)
    # Keys supplied for this run only (ctx.issuer_keys) may change the answer: no memo then.
    memo = None if ctx.issuer_keys else ctx.memo
    if memo is not None and not ctx.online:
        stored = memo.memo_get(key)
        if stored is not None:
            hit = _outcome_from_bytes(stored, ctx)
            if hit is not None:
                return hit
    before = len(ctx.consulted)
    outcome = run()
    if cred is not None:
        outcome.checks.append(check_schema(outcome.document, cred))
    proof = next((c for c in outcome.checks if c.id == PROOF), None)
    # Only settled answers are kept: an "unknown" may change once a key is fetched.
    if memo is not None and proof is not None and proof.status != UNKNOWN:
        memo.memo_put(key, _outcome_to_bytes(outcome, ctx.consulted[before:]))
    return outcome


def _json(payload: bytes) -> dict[str, Any] | None:
    try:
        doc = load_json_bytes(payload)
    except FormatError:
        return None
    return doc if isinstance(doc, dict) else None


def _prove(parsed: Parsed, ctx: VerifyContext) -> ProofOutcome:
    form = parsed.credential.proof_form
    payload = parsed.payload
    if form == DATA_INTEGRITY:
        from wallet.verify.dataintegrity import verify_data_integrity

        di_doc = _json(payload)  # assigned once, so the lambda below sees it narrowed
        if di_doc is None:
            return ProofOutcome([Check(PROOF, FAIL, M("the credential is not a JSON object"))])
        return _memoized(
            form, payload, ctx, lambda: verify_data_integrity(di_doc, ctx), parsed.credential
        )
    if form in (JWT, JWS):
        from wallet.verify.jose_proofs import verify_jwt

        token = payload.decode("ascii", "replace").strip()
        keys = ctx.issuer_keys or None
        return _memoized(
            form, payload, ctx, lambda: verify_jwt(token, ctx, issuer_keys=keys), parsed.credential
        )
    if form == SD_JWT:
        from wallet.verify.jose_proofs import verify_sd_jwt

        text = payload.decode("ascii", "replace").strip()
        keys = ctx.issuer_keys or None
        if not text.endswith("~"):  # a key-binding JWT: its freshness depends on the time
            return verify_sd_jwt(text, ctx, issuer_keys=keys)
        return _memoized(
            form,
            payload,
            ctx,
            lambda: verify_sd_jwt(text, ctx, issuer_keys=keys),
            parsed.credential,
        )
    if form == JADES:
        from wallet.verify.jades import verify_jades

        return verify_jades(payload, ctx)  # never memoized: its answer moves with the EU lists
    if form == HOSTED:
        from wallet.verify.jose_proofs import verify_ob2_hosted

        hosted = _json(payload) or {}
        return verify_ob2_hosted(hosted, ctx)  # never memoized: its answer is about the host now
    doc = _json(payload)
    from wallet.verify.dataintegrity import blockcerts_v2_signature

    if doc is not None and blockcerts_v2_signature(doc):  # a Merkle proof, anchored in a chain
        from wallet.verify.blockcerts import verify_blockcerts

        v2_doc = doc
        return _memoized(
            form, payload, ctx, lambda: verify_blockcerts(v2_doc, ctx), parsed.credential
        )
    return ProofOutcome(
        [
            Check(
                PROOF,
                FAIL,
                M("no proof: the credential is unsigned, so anyone could have written it"),
            )
        ],
        document=doc,
    )


def _verify_list(list_doc: dict[str, Any], ctx: VerifyContext) -> ProofOutcome:
    """A status list credential's own proof (memoized like any credential's)."""
    from wallet.verify.dataintegrity import verify_data_integrity

    payload = json.dumps(list_doc, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return _memoized("status-list", payload, ctx, lambda: verify_data_integrity(list_doc, ctx))


def _status(doc: dict[str, Any] | None, issuer_id: str | None, ctx: VerifyContext) -> Check:
    if doc is None:
        return Check(STATUS, "skip", M("no structured document to check for revocation"))
    from wallet.verify import blockcerts

    if blockcerts.is_blockcerts(doc) and "credentialStatus" not in doc:
        return blockcerts.check_revocation(doc, ctx)  # the issuer profile's revocation list
    from wallet.verify.status import check_status

    return check_status(doc, ctx, issuer_id=issuer_id, verify_list=_verify_list)


def verify_parsed(parsed: Parsed, ctx: VerifyContext, source: str) -> Report:
    """Every check on one parsed credential (and on each credential a bundle carries)."""
    return _verify(parsed, ctx, source)[0]


def _verify(parsed: Parsed, ctx: VerifyContext, source: str) -> tuple[Report, ProofOutcome]:
    """`verify_parsed`, with the proof outcome its report was made from."""
    cred = parsed.credential
    try:
        outcome = _prove(parsed, ctx)
    except WalletError as e:  # a checker's own plain-words error: the proof cannot be judged
        outcome = ProofOutcome([Check(PROOF, UNKNOWN, e.msg)])
    checks = list(outcome.checks)
    doc = outcome.document
    issuer_id = outcome.issuer_id or cred.issuer.id
    checks.append(check_validity(doc, cred, ctx.at))
    proof = next((c for c in checks if c.id == PROOF), None)
    if proof is not None and proof.status == FAIL:
        checks.append(Check(STATUS, "skip", M("not checked: the proof already failed")))
    else:
        try:
            checks.append(_status(doc, issuer_id, ctx))
        except WalletError as e:
            checks.append(Check(STATUS, UNKNOWN, e.msg))
    if not any(c.id == SCHEMA for c in checks):
        checks.append(check_schema(doc, cred))
    checks.append(
        check_trust(
            issuer_id,
            cred.issuer.name,
            ctx.trusted_issuers,
            ctx.listed_issuers,
            confirmed=outcome.issuer_confirmed,
        )
    )
    nested = [
        verify_parsed(child, ctx, f"{source} › {child.credential.title}")
        for child in parsed.children
    ]
    report = Report(
        source=source,
        format=cred.format,
        checks=checks,
        elements=eu_elements(cred),
        checked_at=iso(_dt.datetime.now(_dt.UTC)),
        as_of=iso(ctx.at),
        nested=nested,
        holder_can_derive=outcome.holder_can_derive,
    )
    return report, outcome


def context_for_store(
    store: WalletStore, *, at: _dt.datetime | None = None, online: bool = False
) -> VerifyContext:
    """A run whose fetched documents, memoized proofs, trusted issuers and subscribed issuer
    registries live in the wallet."""
    return VerifyContext(
        at=at or _dt.datetime.now(_dt.UTC),
        online=online,
        cache=store.checks,
        memo=store.checks,
        trusted_issuers=frozenset(store.trust.issuers()),
        listed_issuers=store.registries.listings(),
        blockcerts_explorer=store.settings.get("blockcerts_explorer"),
    )


def hosted_details(cred: Credential, report: Report, outcome: ProofOutcome) -> Credential | None:
    """The record an OB 2.0 hosted assertion shows once a check confirmed the issuer's copy:
    read from that copy (the outcome's document, with the issuer's BadgeClass and Issuer
    inside), never from the learner's. Only when the proof passed (the issuer's site sent it in
    this check, and the learner's copy claims nothing it does not host) and so did the issuer
    check (hosted where the issuer's profile allows, over https: what came over plain http
    anyone on the way could have written, and the record goes into portfolios). None
    otherwise: an unknown or failed check leaves the record as it was, so a later failure does
    not take back what the issuer confirmed (the verdict says failed)."""
    if cred.proof_form != HOSTED or outcome.document is None:
        return None
    proof, issuer = report.check(PROOF), report.check(ISSUER)
    if proof is None or proof.status != PASS or issuer is None or issuer.status != PASS:
        return None
    from wallet.formats.ob2 import confirmed_record

    return confirmed_record(cred, outcome.document)


def verify_stored(store: WalletStore, cid: str, ctx: VerifyContext) -> Report:
    """Verify one credential the wallet holds and keep the report with the time of the check;
    a confirmed hosted assertion's record shows the issuer's details from then on
    (`hosted_details`), in the same transaction. The bytes are never touched."""
    item = store.credentials.get(cid)
    parsed = Parsed(item.credential, item.original, item.payload, item.media_type)
    report, outcome = _verify(parsed, ctx, item.id)
    details = hosted_details(item.credential, report, outcome)
    with store.transaction():
        if details is not None:
            store.credentials.replace_record(item.id, details)
        store.checks.save_report(
            item.id,
            report.checked_at,
            report.verdict,
            json.dumps(report.to_json(), ensure_ascii=False).encode("utf-8"),
        )
    return report
