"""Small builders for stack tests: credentials as wallet.credential records, Held, stacks."""

from __future__ import annotations

import datetime as dt

from wallet.credential import OB3, Alignment, Credential, Credits, Issuer, Level
from wallet.stacks.engine import Held
from wallet.stacks.model import Award, Requirement, Stack

AT = dt.datetime(2026, 9, 1, tzinfo=dt.UTC)
ISSUER = Issuer(id="did:example:poly", name="Demo Polytechnic")


def cred(title: str, *, ach: str | None = None, credits: float | None = None,
         unit: str = "NZQF credits", level: str | None = None, framework: str = "NZQF",
         issued: str = "2026-01-10T00:00:00Z", valid_until: str | None = None,
         aligned: tuple[str, ...] = (), tags: tuple[str, ...] = (),
         outcomes: tuple[str, ...] = (), issuer: Issuer = ISSUER) -> Credential:
    return Credential(
        format=OB3, proof_form="data-integrity", title=title, issuer=issuer, issued=issued,
        valid_until=valid_until, achievement_id=ach or f"https://ex.test/ach/{title}",
        credits=Credits(credits, unit) if credits is not None else None,
        level=Level(level, framework) if level is not None else None,
        alignments=[Alignment(target_url=a, target_type="ceasn:Competency") for a in aligned],
        tags=list(tags), learning_outcomes=list(outcomes))


def held(cid: str, c: Credential, verdict: str | None = "verified") -> Held:
    return Held(cid, c, verdict)


def ach(title: str, rid: str = "") -> Requirement:
    return Requirement("achievement", id=rid or title, achievement_id=f"https://ex.test/ach/{title}",
                       name=title)


def aligned(target: str, rid: str = "") -> Requirement:
    return Requirement("achievement", id=rid or target, alignment_target=target, label=target)


def group(kind: str, *children: Requirement, n: int | None = None, rid: str = "root",
          label: str = "") -> Requirement:
    return Requirement(kind, id=rid, children=list(children), n=n, label=label)


def credits(amount: float, *, unit: str = "NZQF credits", min_level: float | None = None,
            framework: str | None = "NZQF", floors: list[tuple[float, float]] = (),
            conversions: dict[str, float] | None = None, rid: str = "credits",
            field: str | None = None) -> Requirement:
    return Requirement("credits", id=rid, credits=amount, unit=unit, min_level=min_level,
                       framework=framework,
                       floors=[{"credits": c, "min_level": lv} for c, lv in floors],
                       conversions=conversions or {}, field_of_study=field)


def stack(root: Requirement, *, sid: str = "s", reuse: bool = False, expired: bool = False,
          name: str = "Test stack") -> Stack:
    return Stack(id=sid, name=name, award=Award(name=name), root=root, allow_reuse=reuse,
                 allow_expired=expired)
