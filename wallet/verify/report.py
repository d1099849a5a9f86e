"""The verification report: separate checks, one verdict, in words a learner understands.

Each check says pass / fail / warn / unknown / skip with a plain message. The verdict follows
from the checks, strictest first: anything that proves the credential wrong makes it `failed`;
anything we could not check makes it `unknown` (never `verified`); an authentic credential with
something to note (expired, unknown issuer, status unknown) is a `warning`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wallet.messages import Msg

PASS, FAIL, WARN, UNKNOWN, SKIP = "pass", "fail", "warn", "unknown", "skip"
STATUSES = (PASS, FAIL, WARN, UNKNOWN, SKIP)

VERIFIED, WARNING, FAILED, UNKNOWN_VERDICT = "verified", "warning", "failed", "unknown"
VERDICTS = (VERIFIED, WARNING, FAILED, UNKNOWN_VERDICT)

# Check ids, in the order a report lists them.
PROOF = "proof"  # the signature over the content
ISSUER = "issuer"  # the signing key belongs to the issuer
VALIDITY = "validity"  # dates
STATUS = "status"  # revocation / suspension
SCHEMA = "schema"
TRUST = "trust"  # the user trusts this issuer
CONTEXT = "context"  # JSON-LD contexts known and every term defined (safe mode)
HOLDER = "holder"  # a presentation is bound to the holder's key (SD-JWT key binding)
CHECK_IDS = (PROOF, ISSUER, HOLDER, VALIDITY, STATUS, SCHEMA, TRUST, CONTEXT)

# How each check's status bears on the verdict.
_FAILS = {PROOF, ISSUER, HOLDER, STATUS, CONTEXT}  # a fail here: not to be believed
_UNKNOWNS = {PROOF, ISSUER, CONTEXT}  # unknown here: authenticity not established


@dataclass
class Check:
    """One check's outcome; `msg` is rendered in the reader's language, `message` is English."""

    id: str
    status: str
    msg: Msg

    @property
    def message(self) -> str:
        return str(self.msg)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "status": self.status,
            "message": self.message,
            "msg": self.msg.to_json(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Check:
        msg = (
            Msg.from_json(data["msg"]) if "msg" in data else Msg.from_json(data.get("message", ""))
        )
        return cls(data["id"], data["status"], msg)


@dataclass
class Report:
    """The outcome of verifying one credential (a bundle carries its members' reports)."""

    source: str
    format: str
    checks: list[Check] = field(default_factory=list)
    elements: dict[str, bool] = field(default_factory=dict)
    checked_at: str = ""  # when the check ran
    as_of: str = ""  # the moment the credential was judged at (`verify --at`), usually the same
    nested: list[Report] = field(default_factory=list)
    holder_can_derive: bool | None = None  # ecdsa-sd-2023 base proof held by the learner

    @property
    def verdict(self) -> str:
        return verdict_of(self.checks)

    def check(self, check_id: str) -> Check | None:
        return next((c for c in self.checks if c.id == check_id), None)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "source": self.source,
            "format": self.format,
            "verdict": self.verdict,
            "checks": [c.to_json() for c in sorted(self.checks, key=_order)],
            "elements": dict(self.elements),
            "checked_at": self.checked_at,
            "as_of": self.as_of,
        }
        if self.holder_can_derive is not None:
            out["holder_can_derive"] = self.holder_can_derive
        if self.nested:
            out["nested"] = [n.to_json() for n in self.nested]
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Report:
        return cls(
            source=data["source"],
            format=data["format"],
            checks=[Check.from_json(c) for c in data["checks"]],
            elements=dict(data.get("elements", {})),
            checked_at=data.get("checked_at", ""),
            as_of=data.get("as_of", ""),
            nested=[cls.from_json(n) for n in data.get("nested", [])],
            holder_can_derive=data.get("holder_can_derive"),
        )


def _order(c: Check) -> int:
    return CHECK_IDS.index(c.id) if c.id in CHECK_IDS else len(CHECK_IDS)


def verdict_of(checks: list[Check]) -> str:
    """failed > unknown > warning > verified; a credential with no proof check is unknown."""
    if any(c.status == FAIL and c.id in _FAILS for c in checks):
        return FAILED
    if not any(c.id == PROOF and c.status == PASS for c in checks):
        return UNKNOWN_VERDICT
    if any(c.status == UNKNOWN and c.id in _UNKNOWNS for c in checks):
        return UNKNOWN_VERDICT
    if any(c.status in (WARN, UNKNOWN, FAIL) for c in checks):
        return WARNING
    return VERIFIED
