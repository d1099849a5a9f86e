"""How a stack's percentage comes about, in one sentence the learner can check.

A percentage beside "25 of 40 credits; 1 of 2 done" means nothing unless the rule behind it is
said. The rule (the engine's, docs/stacks.md): a credit total is as far along as the credits
still to earn allow, level floors included; every group is the average of the parts it needs
(all of them; for "any one" the furthest; for "n of" the n furthest). This module says that
for one result, naming each part with its own percentage, as a message: the CLI and the
Stacks view show the same words, in the reader's language.
"""

from __future__ import annotations

import math

from wallet.messages import M, Msg, join
from wallet.stacks import model
from wallet.stacks.engine import _credits_text, _num, describe
from wallet.stacks.model import NodeResult, StackResult

_EPS = 1e-9


def percent(progress: float) -> int:
    """0..1 as a whole percent, halves rounded up as a reader would (25 of 40 is 63%); only a
    met requirement reads 100 (99.6% still has a gap)."""
    value = max(0.0, min(1.0, progress)) * 100
    return 99 if 99 < value < 100 else math.floor(value + 0.5 + _EPS)


def progress_sentence(result: StackResult) -> Msg | None:
    """ "81% is the average of its 2 requirements: 40 NZQF credits at level 4 or above: 63%
    (25 of 40 NZQF credits); Data Analysis with Python: 100% (done)." None once the stack is
    met (there is nothing to work out)."""
    if result.satisfied:
        return None
    root = result.root
    while root.requirement.kind == model.STACK and root.children:  # a stack that is another stack
        root = root.children[0]
    pct = percent(result.progress)
    kind = root.requirement.kind
    kids = root.children
    if kind in (model.ALL, model.ANY, model.N_OF) and len(kids) == 1:
        return M("{pct}%: {how}.", pct=pct, how=_part(kids[0]))
    if kind == model.N_OF and (root.requirement.n or 1) >= len(kids):
        kind = model.ALL  # every one of them: an average of all, said as such
    if kind == model.ALL and kids:
        return M(
            "{pct}% is the average of its {n} requirements: {parts}.",
            pct=pct,
            n=len(kids),
            parts=join([_part(k) for k in kids]),
        )
    if kind == model.ANY and kids:
        return M(
            "{pct}%: any one of its {n} options is enough, so the one furthest along counts: "
            "{part}.",
            pct=pct,
            n=len(kids),
            part=_part(max(kids, key=lambda k: k.progress)),
        )
    if kind == model.N_OF and kids:
        n = min(root.requirement.n or 1, len(kids))
        furthest = sorted(kids, key=lambda k: -k.progress)[:n]
        return M(
            "{pct}% is the average of the {n} furthest along of its {total} requirements "
            "(any {n} are enough): {parts}.",
            pct=pct,
            n=n,
            total=len(kids),
            parts=join([_part(k) for k in furthest]),
        )
    how = _how(root)
    return M("{pct}%: {how}.", pct=pct, how=how) if how is not None else None


def _part(node: NodeResult) -> Msg:
    """One part of the average: what it asks, its own percentage and, where it helps, how."""
    what = describe(node.requirement, short=True)
    how = _how(node)
    if how is None:
        return M("{what}: {pct}%", what=what, pct=percent(node.progress))
    return M("{what}: {pct}% ({how})", what=what, pct=percent(node.progress), how=how)


def _how(node: NodeResult) -> Msg | None:
    """How far one requirement is, in its own terms ("25 of 40 NZQF credits")."""
    req = node.requirement
    if node.satisfied:
        return M("done")
    if req.kind == model.CREDITS:
        return _credits_how(node)
    if req.kind == model.ACHIEVEMENT:
        return M("not yet earned")
    if req.kind == model.FIELD:
        return M("{got} of {n} credentials", got=len(node.counted), n=req.count or 1)
    if req.kind == model.STACK:
        return M("not in the wallet") if not node.children else None
    n = len(node.children)
    if req.kind == model.ALL:
        return M("the average of its {n} parts", n=n)
    if req.kind == model.ANY:
        return M("the furthest along of its {n} options", n=n)
    if req.kind == model.N_OF:
        return M(
            "the average of the {n} furthest along of its {total} parts",
            n=min(req.n or 1, n),
            total=n,
        )
    return None


def _credits_how(node: NodeResult) -> Msg:
    """ "25 of 40 NZQF credits"; when a level floor is what holds it back, that floor too."""
    req = node.requirement
    required = req.credits or 0.0
    earned = node.credits_earned
    unit: str | Msg = req.unit or M("credits")
    short_total = max(0.0, required - earned)
    got = node.floor_credits or [0.0] * len(req.floors)
    worst, worst_short = None, short_total
    for floor, have in zip(req.floors, got, strict=False):
        short = float(floor["credits"]) - have
        if short > worst_short + _EPS:
            worst, worst_short = floor, short
    if worst is None:
        return M(
            "{earned} of {required} {unit}",
            earned=_num(earned),
            required=_num(required),
            unit=unit,
        )
    return M(
        "{earned} of {required} {unit}, but {missing} are still needed, so it stands at "
        "{done} of {required}",
        earned=_num(earned),
        required=_num(required),
        unit=unit,
        missing=_credits_text(worst_short, req, worst["min_level"], more=True),
        done=_num(max(0.0, required - worst_short)),
    )
