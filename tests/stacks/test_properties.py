"""Property tests: the engine against a brute-force oracle on small random cases.

The oracle tries every way to give each credential to one of the leaves it matches (or to
none) and keeps the best root progress: exactly what "each credential counts once" means."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.stacks.helpers import AT, cred, held
from wallet.stacks.engine import Holdings, _State, evaluate
from wallet.stacks.model import Award, Requirement, Stack

TARGETS = ["t0", "t1", "t2", "t3"]


@st.composite
def trees(draw, depth=0):
    """all / any / n-of over achievement leaves (by alignment target), field leaves and
    credit leaves, up to 3 levels."""
    leaf_kind = draw(st.sampled_from(["ach", "ach", "ach", "credits", "field"]))
    if depth >= 2 or draw(st.booleans()) and depth > 0:
        if leaf_kind == "ach":
            return Requirement("achievement", alignment_target=draw(st.sampled_from(TARGETS)))
        if leaf_kind == "field":
            return Requirement(
                "field",
                field_of_study=draw(st.sampled_from(["alpha", "beta"])),
                count=draw(st.integers(1, 2)),
            )
        return Requirement(
            "credits",
            credits=draw(st.sampled_from([5, 10, 20])),
            unit="NZQF credits",
            framework="NZQF",
            min_level=draw(st.sampled_from([None, 4])),
            floors=draw(st.sampled_from([[], [{"credits": 5, "min_level": 5}]])),
        )
    kind = draw(st.sampled_from(["all", "any", "n-of"]))
    kids = draw(st.lists(trees(depth + 1), min_size=1, max_size=3))
    n = draw(st.integers(1, len(kids))) if kind == "n-of" else None
    return Requirement(kind, children=kids, n=n)


def number(r: Requirement, rid: str = "root") -> Requirement:
    r.id = rid
    for i, c in enumerate(r.children):
        number(c, f"{rid}/{i}")
    return r


@st.composite
def wallets(draw, max_size=5):
    out = []
    for i in range(draw(st.integers(0, max_size))):
        aligned = tuple(draw(st.lists(st.sampled_from(TARGETS), max_size=3, unique=True)))
        tags = tuple(draw(st.lists(st.sampled_from(["alpha", "beta"]), max_size=2, unique=True)))
        has_credits = draw(st.booleans())
        c = cred(
            f"C{i}",
            aligned=aligned,
            tags=tags,
            credits=draw(st.sampled_from([5, 10])) if has_credits else None,
            level=draw(st.sampled_from(["3", "4", "5"])) if has_credits else None,
        )
        verdict = draw(st.sampled_from(["verified", "verified", "verified", "failed", None]))
        out.append(held(f"c{i}", c, verdict))
    return out


def _oracle(s: Stack, hs: list) -> float:
    """Best root progress over every assignment (reuse off)."""
    # the engine's own leaf matching (tested on its own elsewhere); only the assignment differs
    from wallet.stacks.engine import _Ctx, _expand, _node_progress

    ctx = _Ctx(Holdings(hs), AT, False, {})
    root = _expand(s.root, s, ctx, None, (s.id,))
    owners: dict[int, list[int]] = {}
    for i, lf in enumerate(ctx.leaves):
        for p in lf.cands:
            owners.setdefault(p, []).append(i)
    creds = sorted(owners)
    best = 0.0
    for choice in itertools.product(*[[-1, *owners[p]] for p in creds]):
        state = _State(ctx.leaves)
        for p, i in zip(creds, choice, strict=True):
            if i >= 0:
                state.add(p, i)
        best = max(best, _node_progress(root, state))
    return best


def _stack(root: Requirement, reuse: bool = False) -> Stack:
    return Stack(id="p", name="P", award=Award(name="P"), root=number(root), allow_reuse=reuse)


@settings(max_examples=300, deadline=None)
@given(trees(), wallets())
def test_engine_matches_brute_force(tree, hs):
    s = _stack(tree)
    r = evaluate(s, hs, at=AT)
    best = _oracle(s, hs)
    assert abs(r.progress - best) < 1e-6
    assert r.satisfied == (best >= 1 - 1e-9)
    # and no credential counts at two leaves
    leaves = []

    def walk(n):
        if n.requirement.kind in ("achievement", "credits", "field"):
            leaves.append(n)
        for c in n.children:
            walk(c)

    walk(r.root)
    counted = [c for lf in leaves for c in lf.counted]
    assert len(counted) == len(set(counted))


@settings(max_examples=300, deadline=None)
@given(trees(), wallets(), st.booleans())
def test_progress_within_bounds_everywhere(tree, hs, reuse):
    r = evaluate(_stack(tree, reuse), hs, at=AT, include_unverified=True)

    def walk(n):
        assert 0.0 <= n.progress <= 1.0
        assert n.satisfied == (n.progress >= 1 - 1e-9)
        assert (n.missing == []) == n.satisfied
        for c in n.children:
            walk(c)

    walk(r.root)


@settings(max_examples=300, deadline=None)
@given(trees(), wallets(max_size=4), wallets(max_size=1), st.booleans())
def test_adding_a_valid_credential_never_lowers_progress(tree, hs, extra, reuse):
    s = _stack(tree, reuse)
    before = evaluate(s, hs, at=AT).progress
    for h in extra:
        h.id = "extra"
        h.verdict = "verified"
    after = evaluate(s, hs + extra, at=AT).progress
    assert after >= before - 1e-9
