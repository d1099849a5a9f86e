"""A report in two plain sentences: what the check found, and what the learner can do about it.

The detail pane leads with these before the technical checks, which fold away below them. The
verdict vocabulary stays the report's own (verified / warning / failed / unknown); this only
says it in words, picking the one finding that matters most.
"""

from __future__ import annotations

import datetime as _dt
from urllib.parse import unquote, urlsplit

from wallet.messages import M, Msg
from wallet.verify.checks import OWN_LIST
from wallet.verify.report import (
    CONTEXT,
    FAIL,
    FAILED,
    HOLDER,
    ISSUER,
    PASS,
    PROOF,
    SCHEMA,
    SKIP,
    STATUS,
    TRUST,
    UNKNOWN,
    UNKNOWN_VERDICT,
    VALIDITY,
    VERIFIED,
    WARN,
    Check,
    Report,
)

ASK_FOR_NEW = M("Ask the issuer for a new one.")
CHECK_ONLINE = M("Check online to see whether it was revoked.")
TRUST_IF_KNOWN = M("Trust this issuer if you know it.")


def issuer_unconfirmed(report: Report | None) -> bool:
    """Authentic, and its only shortfall is an issuer not on the learner's trust list: the
    window says "Authentic · issuer not confirmed" rather than showing a warning sign."""
    if report is None or report.verdict != "warning":
        return False
    open_checks = [c for c in report.checks if c.status not in (PASS, SKIP)]
    return [c.id for c in open_checks] == [TRUST]


def reason(report: Report, issuer: str | None = None) -> tuple[Msg, Msg | None]:
    """The one sentence that leads the verification part of the detail pane, and one on what
    the learner can do (None when there is nothing to do). `issuer` is the issuer's name as
    the credential gives it, used in "Revoked by …"."""
    verdict = report.verdict
    if verdict == VERIFIED:
        trust = report.check(TRUST)
        if trust is not None and trust.msg.text not in OWN_LIST:  # a registry, a seal
            return M("Authentic and unchanged; {confirmed}.", confirmed=trust.msg), None
        return M("Authentic, unchanged and from an issuer you trust."), None
    if verdict == FAILED:
        return _failed(report, issuer)
    if verdict == UNKNOWN_VERDICT:
        return _unknown(report)
    return _warning(report, issuer)


def _failed(report: Report, issuer: str | None) -> tuple[Msg, Msg | None]:
    status = _bad(report, STATUS, FAIL)
    if status is not None:
        words = _inner(status.msg).text
        if words.startswith("revoked"):
            if issuer:
                return M("Revoked by {issuer}.", issuer=issuer), ASK_FOR_NEW
            return M("Revoked by its issuer."), ASK_FOR_NEW
        if words.startswith("suspended"):
            if issuer:
                return M("Suspended by {issuer}.", issuer=issuer), M(
                    "Ask the issuer whether it will be reinstated."
                )
            return M("Suspended by its issuer."), M("Ask the issuer whether it will be reinstated.")
        return M("Its revocation status does not check out."), CHECK_ONLINE
    if _bad(report, PROOF, FAIL) is not None:
        return M("Changed after it was signed."), M(
            "Import the copy the issuer sent you, or ask the issuer for a new one."
        )
    if _bad(report, ISSUER, FAIL) is not None:
        return M("Not signed by the issuer it names."), ASK_FOR_NEW
    if _bad(report, HOLDER, FAIL) is not None:
        return M("It is not bound to the key of the person presenting it."), ASK_FOR_NEW
    if _bad(report, CONTEXT, FAIL) is not None:
        return M("Its content cannot be read unambiguously."), ASK_FOR_NEW
    return M("It did not pass the check."), ASK_FOR_NEW


def _unknown(report: Report) -> tuple[Msg, Msg | None]:
    proof = report.check(PROOF)
    if proof is None or proof.status == SKIP:
        return M("The wallet cannot check this kind of credential."), M(
            "Ask the issuer for a signed copy."
        )
    return M("Its signature could not be checked yet."), M(
        "Check online to fetch what the check needs."
    )


def _warning(report: Report, issuer_name: str | None) -> tuple[Msg, Msg | None]:
    validity = _bad(report, VALIDITY, WARN)
    if validity is not None:
        day = _day_of(validity.msg)
        if validity.msg.text == "expired on {day}" and day is not None:
            return M("Expired on {day}.", day=day), ASK_FOR_NEW
        if validity.msg.text == "not valid yet: valid from {day}" and day is not None:
            return M("Not valid yet: valid from {day}.", day=day), None
        return M("Authentic, but its dates cannot be read."), None
    status = report.check(STATUS)
    if status is not None and status.status in (UNKNOWN, WARN):
        return M("Authentic, but whether it was revoked is not known."), CHECK_ONLINE
    issuer = _bad(report, ISSUER, WARN)
    trust = report.check(TRUST)
    if issuer is not None and trust is not None and trust.status == PASS:
        from wallet.verify.revocation import said_unknown  # cryptography: not at start-up

        unknown, online_helps = said_unknown(issuer.msg)
        if unknown:  # who sealed it is confirmed; only the CA's word on the certificate lacks
            return _revocation_unknown(issuer_name), CHECK_ONLINE if online_helps else None
    if issuer is not None:  # e.g. a seal whose qualified status was not checked
        return M(
            "Authentic, but who issued it is not fully confirmed: {why}.", why=issuer.msg
        ), None
    if trust is not None and trust.status != PASS:
        return M("Authentic, but its issuer is not on your trust list."), TRUST_IF_KNOWN
    if _bad(report, SCHEMA, FAIL) or _bad(report, SCHEMA, WARN):
        return M("Authentic, but it lacks fields Open Badges 3.0 requires."), None
    return M("Authentic, with a warning: see the checks below."), None


def how_confirmed(issuer_id: str) -> Msg:
    """How the issuer's identifier ties its key to it, for the learner deciding to trust it."""
    if issuer_id.startswith("did:web:"):
        return M("Its key is published at the web domain {domain}.", domain=web_domain(issuer_id))
    if issuer_id.startswith(("did:key:", "did:jwk:")):
        return M(
            "The key is the identifier itself: only trust it if you got this credential "
            "from the issuer directly."
        )
    parts = urlsplit(issuer_id)
    if parts.scheme == "https" and parts.hostname:
        return M("Its profile and keys are published at {host}.", host=parts.hostname)
    return M("The wallet cannot tell how this identifier is confirmed.")


def web_domain(did: str) -> str:
    """The domain of a did:web (a port is written %3A in it)."""
    return unquote(did.split("#", 1)[0].split(":")[2]) if did.count(":") >= 2 else ""


def _revocation_unknown(issuer: str | None) -> Msg:
    if issuer:
        return M(
            "Authentic and sealed by {issuer} with a qualified seal, but whether the seal's "
            "certificate was revoked is not known.",
            issuer=issuer,
        )
    return M(
        "Authentic and sealed with a qualified seal, but whether the seal's certificate was "
        "revoked is not known."
    )


def _bad(report: Report, check_id: str, status: str) -> Check | None:
    check = report.check(check_id)
    return check if check is not None and check.status == status else None


def _inner(msg: Msg) -> Msg:
    """A status message's own words, without the "(as of the list …)" it was finished with."""
    inner = msg.args.get("status")
    return inner if msg.text == "{status} ({when})" and isinstance(inner, Msg) else msg


def _day_of(msg: Msg) -> _dt.date | None:
    day = msg.args.get("day")
    return day if isinstance(day, _dt.date) else None
