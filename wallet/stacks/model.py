"""Stacks: how credentials add up to larger awards. The shapes shared by engine, store and UI.

A stack (a "pathway" to a larger award) is an award plus a requirement tree. The engine
evaluates it against the wallet and returns, per node, whether it is satisfied, which
credentials count, credits counted, and what is missing. Format: docs/stacks.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wallet.errors import WalletError
from wallet.messages import Msg

# Requirement kinds.
ALL = "all"  # every child
ANY = "any"  # at least one child
N_OF = "n-of"  # at least n children
ACHIEVEMENT = "achievement"  # a specific achievement (by id, alignment target, or name+issuer)
CREDITS = "credits"  # a credit total, with unit, minimum level and optional sub-floors
FIELD = "field"  # credentials in a field of study or with a skill
STACK = "stack"  # another stack, nested
KINDS = (ALL, ANY, N_OF, ACHIEVEMENT, CREDITS, FIELD, STACK)
GROUPS = (ALL, ANY, N_OF)


@dataclass(frozen=True)
class Reason(Msg):
    """Why a credential that matches a requirement does not count here: a message (rendered in
    the reader's language; `str()` is the English) with a `code` saying which kind of reason it
    is, so a front end can tell a credential that only waits for its issuer to be confirmed
    from one that can never count. Values that came from a credential or a stack file are
    already bounded and printable."""

    code: str = ""

    @classmethod
    def of(cls, code: str, message: Msg) -> Reason:
        """The reason `message` (an `M(...)` at the call, so its template is found) as `code`."""
        return cls(message.text, message.args, code)


class StackError(WalletError):
    """A stack definition that cannot be read or evaluated (invalid, a cycle of nested stacks).

    The message is fit to show as it is and names where the problem is."""


@dataclass
class Award:
    name: str
    awarding_body: str | None = None
    credits: float | None = None
    credit_unit: str | None = None
    level: str | None = None
    framework: str | None = None


@dataclass
class Requirement:
    """One node of the tree. Which fields matter depends on `kind` (see docs/stacks.md)."""

    kind: str
    id: str = ""  # stable within the stack: "root", "core/2", ... (given or generated)
    label: str = ""
    children: list[Requirement] = field(default_factory=list)
    n: int | None = None  # N_OF
    # ACHIEVEMENT: match by any of these
    achievement_id: str | None = None
    alignment_target: str | None = None
    name: str | None = None
    issuer: str | None = None
    # CREDITS
    credits: float | None = None
    unit: str | None = None
    min_level: float | None = None
    framework: str | None = None
    floors: list[dict[str, Any]] = field(default_factory=list)  # [{"credits", "min_level"}]
    conversions: dict[str, float] = field(default_factory=dict)  # unit -> rate into `unit`
    # FIELD
    field_of_study: str | None = None
    skill: str | None = None
    count: int = 1  # FIELD: how many credentials in the field (or with the skill)
    # any node
    max_age_days: int | None = None
    stack_id: str | None = None  # STACK: the nested stack's id


@dataclass
class Stack:
    id: str
    name: str
    award: Award
    root: Requirement
    allow_reuse: bool = False  # may one credential count towards several nodes?
    allow_expired: bool = False
    source: str = "own"  # own / ctdl / badgr / derived
    description: str = ""


@dataclass
class NodeResult:
    """The evaluated requirement: satisfied or not, what counts, what is missing."""

    requirement: Requirement
    satisfied: bool
    progress: float  # 0..1
    counted: list[str] = field(default_factory=list)  # credential ids counting here
    credits_earned: float = 0.0
    floor_credits: list[float] = field(default_factory=list)  # CREDITS: earned per floor
    missing: list[Msg] = field(default_factory=list)  # what is still needed, as messages
    children: list[NodeResult] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)  # counted but not yet verified
    # credentials that match here but may not count, with the reason ("revoked", ...): a
    # `Reason` (a message with a code) when the engine made it
    excluded: dict[str, Msg] = field(default_factory=dict)
    # What would count if the learner confirmed (trusted) more issuers: the credentials, and
    # the progress then. Set only where that is further than `progress`; never "satisfied".
    unconfirmed: list[str] = field(default_factory=list)
    progress_if_confirmed: float | None = None
    credits_if_confirmed: float | None = None

    @property
    def satisfied_if_confirmed(self) -> bool:
        """Met, or would be met once the issuers in `unconfirmed` are confirmed."""
        return self.satisfied or (
            self.progress_if_confirmed is not None and self.progress_if_confirmed >= 1.0 - 1e-9
        )


@dataclass
class StackResult:
    stack: Stack
    root: NodeResult
    # issuer ids the progress in `root.progress_if_confirmed` rests on, not yet confirmed
    unconfirmed_issuers: list[str] = field(default_factory=list)
    # titles of the credentials named in `excluded` and `unconfirmed` anywhere in the tree
    titles: dict[str, str] = field(default_factory=dict)

    @property
    def satisfied(self) -> bool:
        return self.root.satisfied

    @property
    def progress(self) -> float:
        return self.root.progress

    @property
    def satisfied_if_confirmed(self) -> bool:
        return self.root.satisfied_if_confirmed

    @property
    def rests_on_unconfirmed(self) -> bool:
        """Part of the progress would come only from issuers the learner has not confirmed."""
        return self.root.progress_if_confirmed is not None

    def requirement_counts(self) -> tuple[int, int, int]:
        """(met, of how many, how many more would be met with the unconfirmed issuers) over
        the stack's top-level requirements (the root itself when it is a single one)."""
        top = self.root.children if self.root.requirement.kind in GROUPS else [self.root]
        met = sum(1 for n in top if n.satisfied)
        more = sum(1 for n in top if not n.satisfied and n.satisfied_if_confirmed)
        return met, len(top), more
