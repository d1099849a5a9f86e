"""Checking a JAdES-sealed Europass EDC: the signature, the seal's certificate, its status.

Two checks come out. PROOF: the signature over the sealed document verifies with the key of
the certificate in the seal (x5c leaf). ISSUER: who sealed it and how far that is established:
- the chain ends at a CA the EU trusted lists name as qualified for electronic seals (granted)
  and the certificate says it is qualified -> "sealed by ORG (qualified seal, trusted list of
  DAY)", a pass;
- no lists kept (never online) -> "sealed by ORG (certificate valid; qualified status not
  checked)", a warning: a valid certificate alone does not say who stands behind it;
- a CA the lists do not name, or lists past their next update -> a warning that says so;
- a certificate not valid when the seal was made, or a broken chain -> failed.
Then the seal certificate's revocation (revocation.py: OCSP, else the CRL; fetched only online,
a current kept answer offline): revoked -> failed, with the day and reason; not revoked -> said
with the day of the answer; not checked -> a seal that would otherwise pass is a warning that
says why (so never "verified" without it); a warning stays a warning, and says why too when the
CA was asked (online).
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.x509.oid import NameOID

from wallet.errors import FormatError
from wallet.messages import M, Msg, join
from wallet.proofs.jades import (
    JadesEnvelope,
    certificate_thumbprint_problem,
    crit_problem,
    parse_jades,
)
from wallet.proofs.jose import verify_signature
from wallet.verify.context import VerifyContext, day_of
from wallet.verify.eu_trust import Snapshot, snapshot_for_check
from wallet.verify.outcome import ProofOutcome
from wallet.verify.report import FAIL, ISSUER, PASS, PROOF, SKIP, UNKNOWN, WARN, Check
from wallet.verify.revocation import Good, Revoked
from wallet.verify.revocation import check as revocation_status

_QC_STATEMENTS = x509.ObjectIdentifier("1.3.6.1.5.5.7.1.3")
_QC_COMPLIANCE = "0.4.0.1862.1.1"  # ETSI EN 319 412-5: an EU qualified certificate
_QC_TYPE = "0.4.0.1862.1.6"
_QC_TYPE_ESEAL = "0.4.0.1862.1.6.2"


def _not_checked(reason: Msg) -> Check:
    return Check(ISSUER, SKIP, M("not checked: {reason}", reason=reason))


def organisation(cert: x509.Certificate) -> str:
    """Who a seal certificate names: its organisation, else its common name."""
    for oid in (NameOID.ORGANIZATION_NAME, NameOID.COMMON_NAME):
        attrs = cert.subject.get_attributes_for_oid(oid)
        if attrs:
            value = attrs[0].value
            return value if isinstance(value, str) else value.decode("utf-8", "replace")
    return cert.subject.rfc4514_string()


def _qc_statements(cert: x509.Certificate) -> set[str]:
    """The QC statement ids of a certificate (and its QcType values), read with asn1crypto."""
    try:
        ext = cert.extensions.get_extension_for_oid(_QC_STATEMENTS)
    except x509.ExtensionNotFound:
        return set()
    from asn1crypto import core  # type: ignore[import-untyped]  # no type information

    class Statement(core.Sequence):  # type: ignore[misc]
        _fields = [
            ("id", core.ObjectIdentifier),
            ("info", core.Any, {"optional": True}),
        ]

    class Statements(core.SequenceOf):  # type: ignore[misc]
        _child_spec = Statement

    class Oids(core.SequenceOf):  # type: ignore[misc]
        _child_spec = core.ObjectIdentifier

    found: set[str] = set()
    try:
        raw = ext.value.public_bytes()
        for st in Statements.load(raw):
            sid = st["id"].dotted
            found.add(sid)
            if sid == _QC_TYPE and st["info"].native is not None:
                found.update(o.dotted for o in Oids.load(st["info"].dump()))
    except (ValueError, TypeError, KeyError):
        return found
    return found


def _validity(cert: x509.Certificate, when: dt.datetime) -> Msg | None:
    start, end = cert.not_valid_before_utc, cert.not_valid_after_utc
    if start <= when <= end:
        return None
    return M(
        "the seal's certificate was not valid when the seal was made ({when}): "
        "it is valid from {start} to {end}",
        when=when,
        start=start.date(),
        end=end.date(),
    )


def _path(leaf: bytes, others: list[bytes], anchors: list[bytes], when: dt.datetime) -> list[bytes]:
    """The validated chain (DER, anchor first) from `leaf` to one of `anchors` at `when`.

    Path building and validation are pyhanko-certvalidator's: names, signatures, validity
    of every certificate at `when`, basic constraints, key usage of CAs. Raises its
    PathBuildingError (no chain to an anchor) or PathValidationError (a chain, but invalid).
    """
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator import CertificateValidator, ValidationContext

    vc = ValidationContext(
        trust_roots=[asn1_x509.Certificate.load(a) for a in anchors],
        moment=when,
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    validator = CertificateValidator(
        asn1_x509.Certificate.load(leaf),
        intermediate_certs=[asn1_x509.Certificate.load(c) for c in others],
        validation_context=vc,
    )
    path = asyncio.run(validator.async_validate_path())
    return [c.dump() for c in path.iter_certs(include_root=True)]


def _unchecked_chain(e: Exception) -> Msg:
    return M("the seal's certificate chain could not be checked: {problem}", problem=str(e))


def _proof(env: JadesEnvelope) -> tuple[Check, x509.Certificate | None]:
    problem = crit_problem(env) or certificate_thumbprint_problem(env)
    if problem is not None:
        return Check(PROOF, FAIL, problem), None
    if not env.certificates:
        return (
            Check(
                PROOF,
                UNKNOWN,
                M("the seal carries no certificate (x5c), so its signature cannot be checked"),
            ),
            None,
        )
    leaf = x509.load_der_x509_certificate(env.certificates[0])
    try:
        key = leaf.public_key()
    except (ValueError, UnsupportedAlgorithm) as e:
        unusable = M(
            "the seal's certificate holds a key the wallet cannot use: {problem}", problem=str(e)
        )
        return Check(PROOF, UNKNOWN, unusable), None
    if not verify_signature(env.alg, key, env.signature, env.signing_input):
        return (
            Check(
                PROOF,
                FAIL,
                M(
                    "the seal's signature does not match the sealed credential and the "
                    "certificate it names: the credential was changed or sealed by someone else"
                ),
            ),
            None,
        )
    return Check(PROOF, PASS, M("{alg} seal signature valid (JAdES)", alg=env.alg)), leaf


def _judge(
    env: JadesEnvelope,
    leaf: x509.Certificate,
    when: dt.datetime,
    snap: Snapshot | None,
    refresh_problem: Msg | None,
    ctx: VerifyContext,
) -> Check:
    """The ISSUER check: who sealed, and whether the lists call it a qualified seal."""
    org = organisation(leaf)
    problem = _validity(leaf, when)
    if problem is not None:
        return Check(ISSUER, FAIL, problem)
    from pyhanko_certvalidator.errors import PathBuildingError, PathError, ValidationError

    others = env.certificates[1:]
    if snap is None or not snap.services:
        if len(env.certificates) > 1:  # the chain the seal carries must at least hold together
            try:
                _path(env.certificates[0], others[:-1], [others[-1]], when)
            except (PathError, ValidationError) as e:
                return Check(
                    ISSUER,
                    FAIL,
                    M("the seal's certificate chain is not valid: {problem}", problem=str(e)),
                )
            except Exception as e:  # a certificate the validator cannot read
                return Check(ISSUER, UNKNOWN, _unchecked_chain(e))
        if refresh_problem is not None:
            return Check(
                ISSUER,
                WARN,
                M(
                    "sealed by {organisation} (certificate valid; qualified status not "
                    "checked: {problem})",
                    organisation=org,
                    problem=refresh_problem,
                ),
            )
        return Check(
            ISSUER,
            WARN,
            M(
                "sealed by {organisation} (certificate valid; qualified status not checked)",
                organisation=org,
            ),
        )

    seal_services = snap.seal_services()
    anchors = [c for s in seal_services for c in s.certificates]
    try:
        chain = _path(env.certificates[0], others, anchors, when) if anchors else []
    except PathBuildingError:
        chain = []
    except (PathError, ValidationError) as e:
        return Check(
            ISSUER, FAIL, M("the seal's certificate chain is not valid: {problem}", problem=str(e))
        )
    except Exception as e:  # a certificate the validator cannot read
        return Check(ISSUER, UNKNOWN, _unchecked_chain(e))
    service = next((s for s in seal_services if set(s.certificates) & set(chain)), None)
    lists_day = snap.lotl.issued.date() if snap.lotl.issued else day_of(snap.fetched_at)
    if service is None:
        return Check(
            ISSUER,
            WARN,
            M(
                "sealed by {organisation}, but its certificate authority is not listed for "
                "qualified seals on the EU trusted lists (lists of {day})",
                organisation=org,
                day=lists_day,
            ),
        )
    qc = _qc_statements(leaf)
    if _QC_COMPLIANCE not in qc or (
        any(q.startswith(_QC_TYPE + ".") for q in qc) and _QC_TYPE_ESEAL not in qc
    ):
        return Check(
            ISSUER,
            WARN,
            M(
                "sealed by {organisation}: its certificate authority is on the EU trusted "
                "lists, but the certificate does not say it is qualified for seals "
                "(trusted list of {day})",
                organisation=org,
                day=service.list_issued.date(),
            ),
        )
    info = snap.list_for(service.territory)
    due = info.next_update if info is not None else None
    if due is not None and ctx.at > due:
        return Check(
            ISSUER,
            WARN,
            M(
                "sealed by {organisation} (qualified seal by the trusted list of {day}, "
                "which was due to be replaced on {due}: refresh the lists to be sure)",
                organisation=org,
                day=service.list_issued.date(),
                due=due.date(),
            ),
        )
    return Check(
        ISSUER,
        PASS,
        M(
            "sealed by {organisation} (qualified seal, trusted list of {day})",
            organisation=org,
            day=service.list_issued.date(),
        ),
    )


def _issuing_ca(
    leaf: x509.Certificate, env: JadesEnvelope, snap: Snapshot | None
) -> x509.Certificate | None:
    """The CA certificate that issued the seal's certificate: one the seal carries, or a CA
    the trusted lists name for seals, whose key signed it; None when neither did."""
    candidates = list(env.certificates[1:])
    if snap is not None:
        candidates += [c for s in snap.seal_services() for c in s.certificates]
    for der in candidates:
        try:
            cert = x509.load_der_x509_certificate(der)
            if cert.subject != leaf.issuer:
                continue
            leaf.verify_directly_issued_by(cert)
        except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):
            continue
        return cert
    return None


def _with_revocation(
    check: Check, leaf: x509.Certificate, ca: x509.Certificate | None, ctx: VerifyContext
) -> Check:
    """The ISSUER check with the seal certificate's revocation status in it."""
    status = revocation_status(leaf, ca, ctx)
    if isinstance(status, Revoked):
        return Check(ISSUER, FAIL, status.sentence())
    if isinstance(status, Good):
        said = M("certificate not revoked, checked {day}", day=status.day)
        return Check(ISSUER, check.status, join([check.msg, said]))
    if check.status == PASS or ctx.online:
        return Check(ISSUER, WARN, join([check.msg, status.sentence()]))
    return check  # offline, already a warning: it stays the warning it was


def _issuer_id(doc: dict[str, Any]) -> str | None:
    issuer = doc.get("issuer")
    if isinstance(issuer, dict) and isinstance(issuer.get("id"), str):
        return str(issuer["id"])
    return issuer if isinstance(issuer, str) else None


def verify_jades(payload: bytes, ctx: VerifyContext) -> ProofOutcome:
    """Check a JAdES-sealed credential (`payload` is the sealed file as imported).

    The document the other checks read is the sealed ELM JSON itself, so dates and status
    come from signed data only. Not memoized: the answer depends on the lists and the time.
    """
    try:
        env = parse_jades(payload)
        doc = env.document()
    except FormatError as e:
        return ProofOutcome(
            [
                Check(PROOF, FAIL, M("the seal cannot be read: {problem}", problem=e.msg)),
                _not_checked(M("the seal cannot be read")),
            ]
        )
    if not isinstance(doc, dict):
        return ProofOutcome(
            [
                Check(PROOF, FAIL, M("the sealed document is not a JSON object")),
                _not_checked(M("the seal cannot be read")),
            ]
        )
    proof, leaf = _proof(env)
    if leaf is None:
        issuer = judged = _not_checked(M("the seal's signature was not verified"))
    else:
        when = env.signing_time or ctx.at
        snap, refresh_problem = snapshot_for_check(ctx)
        judged = _judge(env, leaf, when, snap, refresh_problem, ctx)
        issuer = judged
        if judged.status in (PASS, WARN):
            issuer = _with_revocation(judged, leaf, _issuing_ca(leaf, env, snap), ctx)
    # A qualified seal the EU trusted lists name is the issuer's confirmation a learner would
    # otherwise add by hand (who sealed it: that stands while the revocation is unknown, not
    # once the CA revoked the certificate).
    confirmed = (
        M("the EU trusted lists confirm the seal: {seal}", seal=judged.msg)
        if proof.status == PASS and judged.status == PASS and issuer.status != FAIL
        else None
    )
    return ProofOutcome(
        [proof, issuer], document=doc, issuer_id=_issuer_id(doc), issuer_confirmed=confirmed
    )
