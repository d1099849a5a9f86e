"""Stacks: how credentials add up to larger awards. The shapes shared by engine, store and UI.

A stack (a "pathway" to a larger award) is an award plus a requirement tree. The engine
evaluates it against the wallet and returns, per node, whether it is satisfied, which
credentials count, credits counted, and what is missing. Format: docs/stacks.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from wallet.errors import WalletError

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
    missing: list[str] = field(default_factory=list)  # plain sentences
    children: list[NodeResult] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)  # counted but not yet verified
    # credentials that match here but may not count, with the plain reason ("revoked", ...)
    excluded: dict[str, str] = field(default_factory=dict)


@dataclass
class StackResult:
    stack: Stack
    root: NodeResult

    @property
    def satisfied(self) -> bool:
        return self.root.satisfied

    @property
    def progress(self) -> float:
        return self.root.progress
