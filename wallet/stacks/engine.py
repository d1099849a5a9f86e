"""Evaluating a stack against the credentials a learner holds.

The hard part is that one credential may match several requirements ("Data Analysis with
Python" is both a named course and 15 credits at level 5) but, unless the stack allows reuse,
counts for only one of them. The engine therefore *assigns* credentials to the leaves of the
requirement tree and looks for the assignment that satisfies the stack, or gets it furthest:

1. Each leaf gets its candidates (credentials that match it and may count: verdict, expiry,
   age). A credential only one leaf wants goes there.
2. A leaf that is already complete needs nothing more, so a contested credential whose other
   leaves are all complete goes to the one still open; repeat until nothing changes.
3. What is still contested is searched exactly (branch and bound over each credential's open
   leaves; the bound gives every remaining credential to every leaf it matches, which can only
   overstate progress, so a branch that cannot beat the best found is cut). A greedy pass gives
   the first best. Past `SEARCH_BUDGET` steps, or with more than `EXACT_LIMIT` contested
   credentials after step 2, the greedy answer is kept: on a real wallet step 2 leaves a few
   at most, and tests check the search against brute force on small cases.

What the search maximises is the root's progress, then the leaves' mean progress (so partial
credit shows where it can). Progress only ever grows when a credential is added to a leaf,
which is what makes steps 2 and 3 sound.

Issuers. A credential's `issuer.name` (and `url`) is whatever its signer wrote, so it never
decides anything: a requirement naming an issuer by identifier (DID or URL) matches the
credential's issuer id; one naming it by name matches only an issuer the learner's trust list,
or an issuer registry the learner subscribed to, gives that name. A credential counts as earned
only when its issuer is confirmed (on the trust list, or listed by a subscribed registry, as
verification judges it). One from an unconfirmed issuer is "unconfirmed": the assignment is
solved twice, with and without such credentials, and the second answer is reported beside the
first (`NodeResult.progress_if_confirmed`), never as the stack's progress.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from wallet.credential import Credential
from wallet.formats.details import normalize_unit
from wallet.messages import M, Msg, join, plain
from wallet.stacks.model import (
    ACHIEVEMENT,
    ALL,
    ANY,
    CREDITS,
    FIELD,
    N_OF,
    STACK,
    NodeResult,
    Reason,
    Requirement,
    Stack,
    StackError,
    StackResult,
)

if TYPE_CHECKING:
    from wallet.store import WalletStore

# Authentic: the signature holds. `warning` may still mean an untrusted issuer; whether the
# issuer is confirmed is judged separately, against the trust list (`Holdings.confirmed`).
OK_VERDICTS = frozenset({"verified", "warning"})
EXACT_LIMIT = 40
SEARCH_BUDGET = 50_000
MAX_EXCLUDED_SHOWN = 20
MAX_SHOWN_CHARS = 120  # issuer ids and names quoted in a reason
_EPS = 1e-9

_OK, _UNVERIFIED, _NEVER = 0, 1, 2
_FIT, _MAYBE, _NO = 0, 1, 2  # how a credential's issuer fits a requirement's issuer
_MISSING = object()
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+")
_CTID = re.compile(r"ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


@dataclass(slots=True)
class Held:
    """One credential as the engine sees it: the record and the verdict of its last check.

    `verdict` is None when it was never checked. `tags` are the learner's own tags, matched by
    field requirements like the issuer's keywords."""

    id: str
    credential: Credential
    verdict: str | None
    tags: tuple[str, ...] = ()
    parent_id: str | None = None


def held_from_store(store: WalletStore) -> list[Held]:
    """Every credential in the wallet with its last verdict, for `evaluate`.

    Reads the records in bulk (id -> Credential): one query for 10,000 credentials instead of
    one `get` each, which would also decompress the original bytes."""
    verdicts = store.checks.verdicts()
    records = store.credentials.records()
    tags = store.tags.by_credential()
    return [
        Held(s.id, records[s.id], verdicts.get(s.id), tags.get(s.id, ()), s.parent_id)
        for s in store.credentials.summaries()
        if s.id in records
    ]


def store_holdings(store: WalletStore, held: Iterable[Held]) -> Holdings:
    """`held` indexed against the issuers this wallet knows: the learner's trust list and the
    issuers the registries they subscribed to list (each under that registry's name). The one
    place the wallet's stack readers get them from (`evaluate_wallet`: the CLI, the Stacks view,
    the export's selection; and the portfolio), so all count the issuers verification knows."""
    listed = {iid: listing.entry.name for iid, listing in store.registries.listings().items()}
    return Holdings(held, store.trust.issuers(), listed)


# ----- the index over what is held -------------------------------------------------------------


def _key(s: str | None) -> str:
    return (s or "").strip().rstrip("/").casefold()


def _name_key(s: str | None) -> str:
    """Names compared without case, spacing or a trailing note in brackets:
    "Demo Polytechnic (DEMO ISSUER — not a real institution)" matches "Demo Polytechnic"."""
    s = re.sub(r"\s*\([^()]*\)\s*$", "", s or "")
    return " ".join(s.split()).casefold()


def is_identifier(issuer: str) -> bool:
    """A requirement's issuer given as an identifier (DID, URL, URN) rather than a name."""
    return bool(_IDENTIFIER.fullmatch(issuer.strip()))


def issuer_key(ident: str | None) -> str | None:
    """An issuer identifier as compared: without a fragment or a trailing slash; a URL's
    scheme and host without case. Everything else (a DID's key) keeps its case."""
    text = (ident or "").strip().split("#", 1)[0].rstrip("/")
    if not text:
        return None
    scheme = text.split(":", 1)[0].casefold()
    if scheme in ("http", "https"):
        try:
            parts = urlsplit(text)
        except ValueError:
            return text
        path = parts.path.rstrip("/")
        query = f"?{parts.query}" if parts.query else ""
        return f"{scheme}://{parts.netloc.casefold()}{path}{query}"
    if scheme in ("did", "urn"):
        rest = text.split(":", 1)[1]
        method, sep, tail = rest.partition(":")
        return f"{scheme}:{method.casefold()}{sep}{tail}"
    return text


def shown(text: str | None, fallback: str = "") -> str:
    """Text from a credential or a stack file as a reason quotes it: printable, bounded."""
    out = "".join(
        ch if ch.isprintable() else "\ufffd" for ch in (text or "").strip()[: MAX_SHOWN_CHARS + 1]
    )
    if len(out) > MAX_SHOWN_CHARS:
        out = out[: MAX_SHOWN_CHARS - 1] + "\u2026"
    return out or fallback


def unit_key(unit: str | None) -> str:
    """'ECTS credits' and 'ects' compare equal; so do 'NZQA credits' and 'NZQF credits'."""
    return normalize_unit(unit or "").casefold()


def framework_key(framework: str | None) -> str:
    f = (framework or "").strip().casefold()
    if "nzq" in f or "new zealand" in f:
        return "nzqf"
    if f == "eqf" or "european qualifications" in f:
        return "eqf"
    return f


def _level_number(value: str | None) -> float | None:
    m = re.search(r"\d+(?:\.\d+)?", value or "")
    return float(m.group()) if m else None


def _parse_time(value: str | None) -> _dt.datetime | None:
    if not value:
        return None
    try:
        t = _dt.datetime.fromisoformat(value.strip().replace("z", "Z"))
    except ValueError:
        return None
    return t if t.tzinfo else t.replace(tzinfo=_dt.UTC)


class Holdings:
    """What is held, indexed once so that 50 stacks over 10,000 credentials stay quick.

    Build it once (`Holdings(held, trusted, listed)`, or `store_holdings` for a wallet) and
    pass it to `evaluate` for every stack; `evaluate` builds one itself when given a plain list.

    `trusted` is the learner's trust list (issuer id -> the name they gave it, or None). A
    credential's issuer is confirmed when its id is on the list. Without a list (None) only a
    `verified` verdict confirms it (the check found the issuer trusted then); names can then
    never be confirmed. `listed` is what the issuer registries the learner subscribed to list
    (issuer id -> the registry's name for it, or None): a listed id is confirmed too, and known
    by the registry's name, as verification treats it."""

    def __init__(
        self,
        held: Iterable[Held],
        trusted: Mapping[str, str | None] | None = None,
        listed: Mapping[str, str | None] | None = None,
    ) -> None:
        self.held: list[Held] = list(held)
        self.trusted: dict[str, str | None] | None = None
        self.listed: dict[str, str | None] = {}
        self.trusted_names: dict[str, set[str]] = {}  # name key -> issuer keys with that name
        if trusted is not None:
            self.trusted = {}
            for trusted_id, name in trusted.items():
                k = issuer_key(trusted_id)
                if k is not None:
                    self.trusted[k] = name
                    if name and _name_key(name):
                        self.trusted_names.setdefault(_name_key(name), set()).add(k)
        for listed_id, name in (listed or {}).items():
            k = issuer_key(listed_id)
            if k is not None:
                self.listed[k] = name
                if name and _name_key(name):
                    self.trusted_names.setdefault(_name_key(name), set()).add(k)
        self.issuer: list[str | None] = []  # issuer key of each credential
        keys: dict[str, Any] = {}  # issuer id -> key: a wallet has few issuers
        self.confirmed: list[bool] = []
        self.status: list[int] = []
        self.by_achievement: dict[str, list[int]] = {}
        self.by_alignment: dict[str, list[int]] = {}
        self.by_title: dict[str, list[int]] = {}
        self.by_unit: dict[str, list[int]] = {}
        self.level: list[tuple[str, float | None] | None] = []
        self.credit: list[float] = []  # credits value (0 when none)
        self._times: list[tuple[_dt.datetime | None, _dt.datetime | None] | None] = [None] * len(
            self.held
        )
        self._hay: list[tuple[str, frozenset[str]]] | None = None
        self._stamps: tuple[list[float], list[float]] | None = None
        self._by_id: dict[str, Held] | None = None
        self.leaf_cache: dict[tuple[Any, ...], Any] = {}
        self._terms: dict[str, list[int]] = {}
        add = self._add
        for p, h in enumerate(self.held):
            c = h.credential
            v = h.verdict
            self.status.append(_UNVERIFIED if v is None else _OK if v in OK_VERDICTS else _NEVER)
            ik = keys.get(c.issuer.id or "", _MISSING)
            if ik is _MISSING:
                ik = keys[c.issuer.id or ""] = issuer_key(c.issuer.id)
            self.issuer.append(ik)
            self.confirmed.append(
                (ik is not None and ik in self.listed)
                or (
                    v in (None, "verified")
                    if self.trusted is None
                    else ik is not None and ik in self.trusted
                )
            )
            for ident in (c.achievement_id, c.credential_id):
                if ident:
                    add(self.by_achievement, _key(ident), p)
                    for ctid in _CTID.findall(ident):
                        add(self.by_achievement, "ctid:" + ctid.casefold(), p)
            for a in c.alignments:
                for ident in (a.target_url, a.target_code):
                    if ident:
                        add(self.by_alignment, _key(ident), p)
                        for ctid in _CTID.findall(ident):
                            add(self.by_alignment, "ctid:" + ctid.casefold(), p)
                            add(self.by_achievement, "ctid:" + ctid.casefold(), p)
            add(self.by_title, _name_key(c.title), p)
            if c.credits is not None and c.credits.value > 0:
                add(self.by_unit, unit_key(c.credits.unit), p)
                self.credit.append(float(c.credits.value))
            else:
                self.credit.append(0.0)
            self.level.append(
                (framework_key(c.level.framework), _level_number(c.level.value))
                if c.level
                else None
            )

    @staticmethod
    def _add(index: dict[str, list[int]], key: str, p: int) -> None:
        bucket = index.get(key)
        if bucket is None:
            index[key] = [p]
        elif bucket[-1] != p:
            bucket.append(p)

    def get(self, cid: str) -> Held | None:
        """The credential with this id (an index built on first use)."""
        if self._by_id is None:
            self._by_id = {h.id: h for h in self.held}
        return self._by_id.get(cid)

    def times(self, p: int) -> tuple[_dt.datetime | None, _dt.datetime | None]:
        """(issued, valid_until) parsed on first use: most credentials never need them."""
        t = self._times[p]
        if t is None:
            c = self.held[p].credential
            t = self._times[p] = (_parse_time(c.issued or c.valid_from), _parse_time(c.valid_until))
        return t

    def stamps(self) -> tuple[list[float], list[float]]:
        """(issued, valid_until) of every credential as POSIX seconds, parsed once on first
        use: -inf when there is no date of issue, +inf when it never expires."""
        if self._stamps is None:
            issued, until = [], []
            for p in range(len(self.held)):
                i, u = self.times(p)
                issued.append(i.timestamp() if i else -math.inf)
                until.append(u.timestamp() if u else math.inf)
            self._stamps = (issued, until)
        return self._stamps

    def with_term(self, term: str) -> list[int]:
        """Credentials in a field or with a skill: a tag or alignment equal to the term, or
        the term as a phrase in the title, learning outcomes or alignment names."""
        k = " ".join(term.split()).casefold()
        found = self._terms.get(k)
        if found is not None:
            return found
        if self._hay is None:
            self._hay = []
            for h in self.held:
                c = h.credential
                exact = {_key(t) for t in (*c.tags, *h.tags)}
                texts = [c.title, *c.learning_outcomes, *c.tags, *h.tags]
                for a in c.alignments:
                    exact.update(_key(x) for x in (a.target_name, a.target_code, a.target_url) if x)
                    texts.append(a.target_name or "")
                self._hay.append(("\n".join(t for t in texts if t).casefold(), frozenset(exact)))
        phrase = re.compile(r"(?<!\w)" + re.escape(k) + r"(?!\w)")
        found = [
            p
            for p, (hay, exact) in enumerate(self._hay)
            if k in exact or (k in hay and phrase.search(hay))
        ]
        self._terms[k] = found
        return found


# ----- the tree to solve ---------------------------------------------------------------------


@dataclass
class _Leaf:
    req: Requirement
    kind: str
    cands: list[int]
    demand: float  # count leaves: credentials needed; credit leaves: credits
    value: dict[int, float] = field(default_factory=dict)  # credit leaves: converted credits
    floor_ok: list[set[int]] = field(default_factory=list)  # credit leaves: per floor
    floors: list[float] = field(default_factory=list)
    excluded: dict[str, Msg] = field(default_factory=dict)
    unknown_stack: str | None = None
    maybe: list[int] = field(default_factory=list)  # would count, issuer not confirmed


@dataclass
class _Node:
    req: Requirement
    kind: str
    children: list[_Node] = field(default_factory=list)
    leaf: int = -1
    stack: Stack | None = None  # STACK nodes: the nested stack


class _State:
    """How far each leaf is under one assignment; add/remove are O(floors)."""

    def __init__(self, leaves: list[_Leaf]) -> None:
        self.leaves = leaves
        self.count = [0] * len(leaves)
        self.total = [0.0] * len(leaves)
        self.floor = [[0.0] * len(lf.floors) for lf in leaves]

    def add(self, p: int, i: int, sign: int = 1) -> None:
        lf = self.leaves[i]
        self.count[i] += sign
        if lf.kind == CREDITS:
            v = lf.value[p] * sign
            self.total[i] += v
            for j, ok in enumerate(lf.floor_ok):
                if p in ok:
                    self.floor[i][j] += v

    def add_many(self, ps: list[int], i: int) -> None:
        lf = self.leaves[i]
        self.count[i] += len(ps)
        if lf.kind == CREDITS:
            value = lf.value
            self.total[i] += sum(value[p] for p in ps)
            for j, ok in enumerate(lf.floor_ok):
                self.floor[i][j] += sum(value[p] for p in ps if p in ok)

    def progress(self, i: int) -> float:
        lf = self.leaves[i]
        if lf.unknown_stack is not None:
            return 0.0
        if lf.kind == CREDITS:
            # The credits still to earn: a credit at the highest floor's level counts towards
            # the total and every floor, so the fewest more that meet it all is the largest
            # shortfall. Two learners who must earn the same more read the same percent.
            whole = max(lf.demand, *lf.floors) if lf.floors else lf.demand
            short = max(
                lf.demand - self.total[i],
                *(f - a for a, f in zip(self.floor[i], lf.floors, strict=True)),
                0.0,
            )
            return max(0.0, min(1.0, 1.0 - short / whole)) if whole > 0 else 1.0
        return min(1.0, self.count[i] / lf.demand) if lf.demand > 0 else 1.0

    def saturated(self, i: int) -> bool:
        return self.progress(i) >= 1.0 - _EPS


def _node_progress(n: _Node, st: _State) -> float:
    if n.leaf >= 0:
        return st.progress(n.leaf)
    if n.kind == STACK:
        return _node_progress(n.children[0], st)
    kids = [_node_progress(c, st) for c in n.children]
    if n.kind == ALL:
        return sum(kids) / len(kids)
    if n.kind == ANY:
        return max(kids)
    # n of: the average of the n furthest along, as "all" averages all and "any" takes the
    # furthest; partly done parts count here as they do there.
    need = max(1, min(n.req.n or 1, len(kids)))
    return sum(sorted(kids, reverse=True)[:need]) / need


def _score(root: _Node, st: _State) -> tuple[float, float]:
    leaves = len(st.leaves)
    mean = sum(st.progress(i) for i in range(leaves)) / leaves if leaves else 1.0
    return (round(_node_progress(root, st), 9), round(mean, 9))


# ----- building -------------------------------------------------------------------------------


@dataclass
class _Ctx:
    holdings: Holdings
    at: _dt.datetime
    include_unverified: bool
    stacks_by_id: dict[str, Stack]
    leaves: list[_Leaf] = field(default_factory=list)
    # the assignment with unconfirmed issuers' credentials too (None: there are none)
    opt: tuple[_State, list[list[int]]] | None = None


def _expand(
    req: Requirement, stack: Stack, ctx: _Ctx, max_age: int | None, path: tuple[str, ...]
) -> _Node:
    if req.max_age_days is not None:
        max_age = req.max_age_days if max_age is None else min(max_age, req.max_age_days)
    if req.kind in (ALL, ANY, N_OF):
        if not req.children:
            raise StackError(
                M(
                    "stack {stack}: requirement {id} has no children",
                    stack=repr(stack.name),
                    id=repr(req.id),
                )
            )
        return _Node(req, req.kind, [_expand(c, stack, ctx, max_age, path) for c in req.children])
    if req.kind == STACK:
        sid = req.stack_id or ""
        if sid in path:
            chain = " -> ".join((*path[path.index(sid) :], sid))
            raise StackError(M("stacks contain each other in a cycle: {chain}", chain=chain))
        nested = ctx.stacks_by_id.get(sid)
        if nested is None:
            ctx.leaves.append(_Leaf(req, STACK, [], 1, unknown_stack=sid))
            return _Node(req, STACK, leaf=len(ctx.leaves) - 1)
        inner = _expand(nested.root, nested, ctx, max_age, (*path, sid))
        return _Node(req, STACK, [inner], stack=nested)
    if req.kind not in (ACHIEVEMENT, CREDITS, FIELD):
        raise StackError(
            M(
                "stack {stack}: unknown requirement type {kind}",
                stack=repr(stack.name),
                kind=repr(req.kind),
            )
        )
    ctx.leaves.append(_leaf(req, stack, ctx, max_age))
    return _Node(req, req.kind, leaf=len(ctx.leaves) - 1)


def _matches(req: Requirement, h: Holdings) -> list[int]:
    if req.kind == ACHIEVEMENT:
        found: set[int] = set()
        if req.achievement_id:
            found.update(h.by_achievement.get(_key(req.achievement_id), ()))
            for ctid in _CTID.findall(req.achievement_id):
                found.update(h.by_achievement.get("ctid:" + ctid.casefold(), ()))
        if req.alignment_target:
            found.update(h.by_alignment.get(_key(req.alignment_target), ()))
            for ctid in _CTID.findall(req.alignment_target):
                found.update(h.by_alignment.get("ctid:" + ctid.casefold(), ()))
        if req.name:  # the issuer, when the requirement names one, is judged in `_build_leaf`
            found.update(h.by_title.get(_name_key(req.name), ()))
        return sorted(found)
    if req.kind == FIELD:
        found = set()
        for term in (req.field_of_study, req.skill):
            if term:
                found.update(h.with_term(term))
        return sorted(found)
    # CREDITS
    found = set()
    for u in _rates(req):
        found.update(h.by_unit.get(u, ()))
    for term in (req.field_of_study, req.skill):
        if term:
            found &= set(h.with_term(term))
    return sorted(found)


def _issuer_fit(want: str, p: int, h: Holdings) -> tuple[int, Reason | None]:
    """Does credential `p`'s issuer fit a requirement naming issuer `want`?

    By identifier: its issuer id must be that identifier. By name: the trust list, or a
    subscribed registry listing its issuer id, must give it that name (`_FIT`); when neither
    names anybody so, a credential whose issuer calls itself that is `_MAYBE` (it would fit
    once the learner confirms that issuer under the name); anything else is `_NO`, with the
    reason. The credential's own name, URL or claims never make it fit."""
    key = h.issuer[p]
    who = shown(h.held[p].credential.issuer.id, "an issuer with no identifier")
    wanted = shown(want)
    if is_identifier(want):
        if key is not None and key == issuer_key(want):
            return _FIT, None
        return _NO, _mismatch(who, wanted)
    name = _name_key(want)
    own = h.trusted.get(key) if h.trusted is not None and key is not None else None
    registry = h.listed.get(key) if key is not None else None
    if any(given and _name_key(given) == name for given in (own, registry)):
        return _FIT, None
    if own:
        return _NO, Reason.of(
            "issuer-other-name",
            M(
                "issued by {issuer} ({name} on your list of trusted issuers), not by {required}",
                issuer=who,
                name=shown(own),
                required=wanted,
            ),
        )
    if registry:
        return _NO, Reason.of(
            "issuer-other-name",
            M(
                "issued by {issuer} ({name} in an issuer registry you subscribed to), "
                "not by {required}",
                issuer=who,
                name=shown(registry),
                required=wanted,
            ),
        )
    if (
        name not in h.trusted_names
        and key is not None
        and _name_key(h.held[p].credential.issuer.name) == name
    ):
        return _MAYBE, Reason.of(
            "issuer-unnamed",
            M(
                "issuer not confirmed: {issuer} calls itself {required}, but your "
                "list of trusted issuers does not name it so",
                issuer=who,
                required=wanted,
            ),
        )
    return _NO, _mismatch(who, wanted)


def _mismatch(who: str, wanted: str) -> Reason:
    return Reason.of(
        "issuer-mismatch",
        M("issued by {issuer}, not by {required}", issuer=who, required=wanted),
    )


def _unconfirmed(p: int, h: Holdings) -> Reason:
    """Why an authentic credential from an issuer the learner has not confirmed waits."""
    who = shown(h.held[p].credential.issuer.id, "an issuer with no identifier")
    if h.trusted is None and h.held[p].verdict is not None:
        return Reason.of(
            "issuer-unconfirmed-check",
            M(
                "issuer not confirmed: its last check did not find the issuer on your "
                "list of trusted issuers"
            ),
        )
    return Reason.of(
        "issuer-unconfirmed",
        M("issuer not confirmed: {issuer} is not on your list of trusted issuers", issuer=who),
    )


def _rates(req: Requirement) -> dict[str, float]:
    """Unit key -> rate into the requirement's unit: its own unit at 1, and only the
    conversions the definition gives (no rate, no counting)."""
    rates = {unit_key(given): rate for given, rate in req.conversions.items()}
    rates[unit_key(req.unit)] = 1.0
    return rates


def _leaf(req: Requirement, stack: Stack, ctx: _Ctx, max_age: int | None) -> _Leaf:
    """The leaf with its candidates. Many stacks ask the same thing ("NZQF credits at level 4
    or above"), so what matched is kept on the Holdings for the next stack asking it."""
    key = (
        req.kind,
        req.achievement_id,
        req.alignment_target,
        req.name,
        req.issuer,
        tuple(sorted(_rates(req).items())) if req.kind == CREDITS else None,
        req.min_level,
        framework_key(req.framework),
        req.field_of_study,
        req.skill,
        tuple(f["min_level"] for f in req.floors),
        stack.allow_expired,
        ctx.include_unverified,
        max_age,
        ctx.at,
    )
    cached = ctx.holdings.leaf_cache.get(key)
    if cached is None:
        cached = ctx.holdings.leaf_cache[key] = _build_leaf(req, stack, ctx, max_age)
    demand = (
        (req.credits or 0.0)
        if req.kind == CREDITS
        else float(req.count if req.kind == FIELD else 1)
    )
    return _Leaf(
        req,
        cached.kind,
        cached.cands,
        demand,
        cached.value,
        cached.floor_ok,
        [f["credits"] for f in req.floors],
        cached.excluded,
        maybe=cached.maybe,
    )


def _build_leaf(req: Requirement, stack: Stack, ctx: _Ctx, max_age: int | None) -> _Leaf:
    h = ctx.holdings
    at = ctx.at
    oldest = at - _dt.timedelta(days=max_age) if max_age is not None else None
    fw = framework_key(req.framework)
    cands: list[int] = []
    maybe: list[int] = []
    excluded: dict[str, Msg] = {}
    value: dict[int, float] = {}
    low: list[tuple[int, Reason]] = []  # in the unit, below the level: said after the rest
    if req.kind == CREDITS:
        matched = []
        levels = h.level
        for u, rate in _rates(req).items():
            for p in h.by_unit.get(u, ()):
                if req.min_level is not None:
                    lvl = levels[p]
                    if lvl is None or lvl[0] != fw or lvl[1] is None or lvl[1] < req.min_level:
                        if len(low) < MAX_EXCLUDED_SHOWN:
                            low.append((p, _level_reason(lvl, req)))
                        continue  # below the level (or in another framework): no match
                value[p] = h.credit[p] * rate
                matched.append(p)
        if req.field_of_study or req.skill:
            allowed = set(_matches(req, h))
            matched = [p for p in matched if p in allowed]
            low = [(p, why) for p, why in low if p in allowed]
        matched.sort()
    else:
        matched = _matches(req, h)
    status = h.status
    confirmed = h.confirmed
    issued_ts, until_ts = h.stamps()
    at_ts = at.timestamp()
    oldest_ts = oldest.timestamp() if oldest is not None else -math.inf
    allow_expired = stack.allow_expired
    want = (req.issuer or "").strip() if req.kind == ACHIEVEMENT else ""
    for p in matched:
        fit, fit_why = _issuer_fit(want, p, h) if want else (_FIT, None)
        if fit == _NO:  # someone else's: it can never count here, whatever its checks say
            excluded[h.held[p].id] = fit_why or _mismatch("", want)
            value.pop(p, None)
            continue
        # the common case in one test; the reasons are worked out only for the others
        if (
            fit == _FIT
            and confirmed[p]
            and status[p] == _OK
            and (allow_expired or until_ts[p] >= at_ts)
            and (oldest is None or issued_ts[p] >= oldest_ts)
        ):
            cands.append(p)
            continue
        why = _why_not(p, h, at, stack.allow_expired, ctx.include_unverified, oldest, max_age)
        if why:
            excluded[h.held[p].id] = why
            value.pop(p, None)
        elif fit == _MAYBE or not confirmed[p]:
            maybe.append(p)
            excluded[h.held[p].id] = fit_why or _unconfirmed(p, h)
        else:
            cands.append(p)
    for p, why in low:
        if len(excluded) >= MAX_EXCLUDED_SHOWN:
            break
        excluded.setdefault(h.held[p].id, why)
    if req.kind == CREDITS:
        floors = [f["credits"] for f in req.floors]
        floor_ok = []
        for f in req.floors:
            ok = set()
            for p in (*cands, *maybe):
                lvl = h.level[p]
                if (
                    lvl is not None
                    and lvl[0] == fw
                    and lvl[1] is not None
                    and lvl[1] >= f["min_level"]
                ):
                    ok.add(p)
            floor_ok.append(ok)
        return _Leaf(
            req, CREDITS, cands, req.credits or 0.0, value, floor_ok, floors, excluded, maybe=maybe
        )
    demand = float(req.count if req.kind == FIELD else 1)
    return _Leaf(req, req.kind, cands, demand, excluded=excluded, maybe=maybe)


def _level_reason(lvl: tuple[str, float | None] | None, req: Requirement) -> Reason:
    """Why a credential in the right unit does not count toward a credit total with a level."""
    wanted = _num(req.min_level or 0)
    framework = shown(req.framework)
    if lvl is None or lvl[1] is None:
        return Reason.of(
            "level-none",
            M(
                "has no {framework} level; this asks for level {level} or above",
                framework=framework,
                level=wanted,
            ),
        )
    if lvl[0] != framework_key(req.framework):
        return Reason.of(
            "level-framework",
            M("its level is in another framework than {framework}", framework=framework),
        )
    return Reason.of(
        "level-low",
        M("level {got} is below the level {level} this asks for", got=_num(lvl[1]), level=wanted),
    )


def _why_not(
    p: int,
    h: Holdings,
    at: _dt.datetime,
    allow_expired: bool,
    include_unverified: bool,
    oldest: _dt.datetime | None,
    max_age: int | None,
) -> Reason | None:
    """The plain reason a matching credential may not count here (its checks, dates and age;
    not its issuer), or None if it may."""
    st = h.status[p]
    if st == _NEVER:
        if h.held[p].verdict == "failed":
            return Reason.of(
                "failed", M("failed verification (revoked, altered or otherwise invalid)")
            )
        return Reason.of("unknown", M("could not be verified"))
    if st == _UNVERIFIED and not include_unverified:
        return Reason.of("unverified", M("not verified yet"))
    issued, until = h.times(p)
    if until is not None and until < at and not allow_expired:
        return Reason.of("expired", M("expired on {day}", day=until.date()))
    if oldest is not None:
        if issued is None:
            return Reason.of(
                "no-date", M("has no date of issue, and this requirement limits its age")
            )
        if issued < oldest:
            return Reason.of("too-old", M("issued more than {days} days ago", days=max_age or 0))
    return None


# ----- assigning credentials to leaves -------------------------------------------------------


def _solve(root: _Node, leaves: list[_Leaf], reuse: bool) -> list[list[int]]:
    """Credential positions counted at each leaf (see the module docstring)."""
    if reuse:
        return [list(lf.cands) for lf in leaves]
    multi = Counter(itertools.chain.from_iterable(lf.cands for lf in leaves))
    contested = {p for p, k in multi.items() if k > 1}
    owners: dict[int, list[int]] = {p: [] for p in contested}
    st = _State(leaves)
    out: list[list[int]] = [[] for _ in leaves]
    for i, lf in enumerate(leaves):
        mine = [p for p in lf.cands if p not in contested] if contested else list(lf.cands)
        st.add_many(mine, i)
        out[i] = mine
        for p in lf.cands:
            if p in owners:
                owners[p].append(i)
    chosen: dict[int, int] = {}

    def give(p: int, i: int) -> None:
        st.add(p, i)
        chosen[p] = i

    pending = sorted(contested)
    leftover: list[int] = []
    changed = True
    while changed and pending:
        changed = False
        rest = []
        for p in pending:
            open_ = [i for i in owners[p] if not st.saturated(i)]
            if not open_:
                leftover.append(p)
            elif len(open_) == 1:
                give(p, open_[0])
                changed = True
            else:
                rest.append(p)
        pending = rest
    if pending:
        pending.sort(key=lambda p: (len(owners[p]), p))
        for p, i in _search(root, st, pending, owners).items():
            give(p, i)
    for p in leftover:  # every leaf it matches is complete: it counts at the first, harmlessly
        give(p, owners[p][0])
    for p in sorted(chosen):
        out[chosen[p]].append(p)
    for ps in out:
        ps.sort()
    return out


def _search(
    root: _Node, st: _State, pending: list[int], owners: dict[int, list[int]]
) -> dict[int, int]:
    """The best assignment of the still-contested credentials (greedy, then branch and bound
    when there are few enough). `st` is left as it was given."""
    greedy: dict[int, int] = {}
    for p in pending:
        open_ = [i for i in owners[p] if not st.saturated(i)]
        if not open_:
            continue
        best_i, best_s = open_[0], None
        if len(pending) <= 200:
            for i in open_:
                st.add(p, i)
                s = _score(root, st)
                st.add(p, i, -1)
                if best_s is None or s > best_s:
                    best_i, best_s = i, s
        else:  # many: the open leaf with the fewest candidates left is the scarcest
            best_i = min(open_, key=lambda i: (len(st.leaves[i].cands), i))
        st.add(p, best_i)
        greedy[p] = best_i
    best_score, best_pick = _score(root, st), dict(greedy)
    for p, i in greedy.items():
        st.add(p, i, -1)
    if len(pending) > EXACT_LIMIT or best_score[0] >= 1.0 - _EPS:
        return best_pick
    current: dict[int, int] = {}
    steps = [0]
    n = len(pending)

    def bound(k: int) -> tuple[float, float]:
        added = []
        for p in pending[k:]:
            for i in owners[p]:
                st.add(p, i)
                added.append((p, i))
        s = _score(root, st)
        for p, i in added:
            st.add(p, i, -1)
        return s

    def rec(k: int) -> bool:
        """False when the budget is spent or the stack is complete (stop searching)."""
        nonlocal best_score, best_pick
        steps[0] += 1
        if steps[0] > SEARCH_BUDGET:
            return False
        if k == n:
            s = _score(root, st)
            if s > best_score:
                best_score, best_pick = s, dict(current)
            return best_score[0] < 1.0 - _EPS
        if bound(k) <= best_score:
            return True
        p = pending[k]
        open_ = [i for i in owners[p] if not st.saturated(i)]
        if not open_:
            return rec(k + 1)
        for i in open_:
            st.add(p, i)
            current[p] = i
            go_on = rec(k + 1)
            st.add(p, i, -1)
            del current[p]
            if not go_on:
                return False
        return True

    rec(0)
    return best_pick


# ----- results --------------------------------------------------------------------------------


def _num(x: float) -> str:
    return f"{x:g}" if abs(x - round(x)) > 1e-9 else str(int(round(x)))


def _credits_text(
    amount: float,
    req: Requirement,
    level: float | None,
    *,
    more: bool,
) -> Msg:
    """ "35 more NZQF credits at level 4 or above": a credit total (or what is left of it), in
    one whole sentence for each shape (more or not, in a field or not, a level in a named
    framework or not), so each can be translated as a whole."""
    unit_words = req.unit or "credits"
    unit: str | Msg = req.unit or M("credits")
    credits = _num(amount)
    where = req.field_of_study or req.skill
    fw = (req.framework or "").strip()
    named = bool(fw) and fw.casefold() in unit_words.casefold()
    if level is None:
        if where:
            if more:
                return M(
                    "{credits} more {unit} in {field}", credits=credits, unit=unit, field=where
                )
            return M("{credits} {unit} in {field}", credits=credits, unit=unit, field=where)
        if more:
            return M("{credits} more {unit}", credits=credits, unit=unit)
        return M("{credits} {unit}", credits=credits, unit=unit)
    lvl = _num(level)
    if named or not fw:
        if where:
            if more:
                return M(
                    "{credits} more {unit} in {field} at level {level} or above",
                    credits=credits,
                    unit=unit,
                    field=where,
                    level=lvl,
                )
            return M(
                "{credits} {unit} in {field} at level {level} or above",
                credits=credits,
                unit=unit,
                field=where,
                level=lvl,
            )
        if more:
            return M(
                "{credits} more {unit} at level {level} or above",
                credits=credits,
                unit=unit,
                level=lvl,
            )
        return M(
            "{credits} {unit} at level {level} or above", credits=credits, unit=unit, level=lvl
        )
    if where:
        if more:
            return M(
                "{credits} more {unit} in {field} at {framework} level {level} or above",
                credits=credits,
                unit=unit,
                field=where,
                framework=fw,
                level=lvl,
            )
        return M(
            "{credits} {unit} in {field} at {framework} level {level} or above",
            credits=credits,
            unit=unit,
            field=where,
            framework=fw,
            level=lvl,
        )
    if more:
        return M(
            "{credits} more {unit} at {framework} level {level} or above",
            credits=credits,
            unit=unit,
            framework=fw,
            level=lvl,
        )
    return M(
        "{credits} {unit} at {framework} level {level} or above",
        credits=credits,
        unit=unit,
        framework=fw,
        level=lvl,
    )


def describe(
    req: Requirement, *, short: bool = False, stacks_by_id: dict[str, Stack] | None = None
) -> Msg:
    """A requirement in a few words, as the missing list and the UI name it.

    `short` leaves out the issuer ("one of: A, B" lists)."""
    if req.kind == ACHIEVEMENT:
        name = req.name or req.label
        if name:
            if req.issuer and not short:
                return M("{name} (from {issuer})", name=name, issuer=req.issuer)
            return plain(name)
        if req.alignment_target:
            return M("a credential aligned to {target}", target=req.alignment_target)
        return M("the achievement {id}", id=str(req.achievement_id))
    if req.label:
        return plain(req.label)
    if req.kind == CREDITS:
        return _credits_text(req.credits or 0, req, req.min_level, more=False)
    if req.kind == FIELD:
        return _field_phrase(req, req.count)
    if req.kind == STACK:
        nested = (stacks_by_id or {}).get(req.stack_id or "")
        return plain(nested.name) if nested else M("the stack {id}", id=str(req.stack_id))
    kids = join([describe(c, short=True, stacks_by_id=stacks_by_id) for c in req.children], ", ")
    if req.kind == ANY:
        return M("one of ({items})", items=kids)
    if req.kind == N_OF:
        return M("{n} of ({items})", n=req.n if req.n is not None else 1, items=kids)
    return M("all of ({items})", items=kids)


def _field_phrase(req: Requirement, k: int) -> Msg:
    if req.field_of_study:
        if k == 1:
            return M("a credential in {field}", field=req.field_of_study)
        return M("{n} credentials in {field}", n=k, field=req.field_of_study)
    if k == 1:
        return M("a credential showing the skill {skill}", skill=str(req.skill))
    return M("{n} credentials showing the skill {skill}", n=k, skill=str(req.skill))


def _result(n: _Node, st: _State, assigned: list[list[int]], ctx: _Ctx) -> NodeResult:
    h = ctx.holdings
    if n.leaf >= 0:
        lf = ctx.leaves[n.leaf]
        got = assigned[n.leaf]
        prog = st.progress(n.leaf)
        res = NodeResult(
            n.req,
            prog >= 1.0 - _EPS,
            prog,
            counted=[h.held[p].id for p in got],
            unverified=[h.held[p].id for p in got if h.status[p] == _UNVERIFIED],
            excluded=dict(list(lf.excluded.items())[:MAX_EXCLUDED_SHOWN]),
        )
        if lf.kind == CREDITS:
            res.credits_earned = round(st.total[n.leaf], 6)
            res.floor_credits = [round(a, 6) for a in st.floor[n.leaf]]
        if ctx.opt is not None and lf.maybe:
            ost, oassigned = ctx.opt
            better = ost.progress(n.leaf)
            if better > prog + _EPS:
                maybe = set(lf.maybe)
                res.progress_if_confirmed = better
                res.unconfirmed = [h.held[p].id for p in oassigned[n.leaf] if p in maybe]
                if lf.kind == CREDITS:
                    res.credits_if_confirmed = round(ost.total[n.leaf], 6)
        if not res.satisfied:
            res.missing = _leaf_missing(lf, st, n.leaf, ctx)
        return res
    kids = [_result(c, st, assigned, ctx) for c in n.children]
    prog = _node_progress(n, st)
    counted = list(dict.fromkeys(c for k in kids for c in k.counted))
    unverified = list(dict.fromkeys(c for k in kids for c in k.unverified))
    res = NodeResult(
        n.req, prog >= 1.0 - _EPS, prog, counted=counted, children=kids, unverified=unverified
    )
    if ctx.opt is not None:
        better = _node_progress(n, ctx.opt[0])
        if better > prog + _EPS:
            res.progress_if_confirmed = better
            res.unconfirmed = list(dict.fromkeys(c for k in kids for c in k.unconfirmed))
    if res.satisfied:
        return res
    if n.kind == STACK:
        res.missing = (
            [M("{stack}: {missing}", stack=n.stack.name, missing=m) for m in kids[0].missing]
            if n.stack
            else list(kids[0].missing)
        )
    elif n.kind == ALL:
        res.missing = [m for k in kids for m in k.missing]
    elif n.kind == ANY:
        items = join(
            [describe(c.requirement, short=True, stacks_by_id=ctx.stacks_by_id) for c in kids],
            ", ",
        )
        res.missing = [M("one of: {items}", items=items)]
    else:
        need = (n.req.n or 1) - sum(1 for k in kids if k.satisfied)
        items = join(
            [
                describe(k.requirement, short=True, stacks_by_id=ctx.stacks_by_id)
                for k in kids
                if not k.satisfied
            ],
            ", ",
        )
        res.missing = [
            M("one more of: {items}", items=items)
            if need == 1
            else M("{n} more of: {items}", n=need, items=items)
        ]
    return res


def _leaf_missing(lf: _Leaf, st: _State, i: int, ctx: _Ctx) -> list[Msg]:
    req = lf.req
    if lf.unknown_stack is not None:
        return [M("the stack {id} (not in the wallet)", id=lf.unknown_stack)]
    if lf.kind == ACHIEVEMENT:
        return [describe(req)]
    if lf.kind == FIELD:
        left = int(lf.demand) - st.count[i]
        if st.count[i] == 0:
            return [_field_phrase(req, left)]
        if req.field_of_study:
            if left == 1:
                return [M("1 more credential in {field}", field=req.field_of_study)]
            return [M("{n} more credentials in {field}", n=left, field=req.field_of_study)]
        if left == 1:
            return [M("1 more credential showing the skill {skill}", skill=str(req.skill))]
        return [M("{n} more credentials showing the skill {skill}", n=left, skill=str(req.skill))]
    out = []
    if st.total[i] < lf.demand - _EPS:
        out.append(_credits_text(lf.demand - st.total[i], req, req.min_level, more=True))
    for f, got in zip(req.floors, st.floor[i], strict=True):
        if got < f["credits"] - _EPS:
            out.append(_credits_text(f["credits"] - got, req, f["min_level"], more=True))
    return out


# ----- public entry points -----------------------------------------------------------------


def _holdings(
    credentials: Sequence[Held] | Holdings, trusted: Mapping[str, str | None] | None
) -> Holdings:
    if isinstance(credentials, Holdings):
        if trusted is not None:
            raise ValueError("give the trust list to Holdings(), not beside one")
        return credentials
    return Holdings(credentials, trusted)


def _assign(root: _Node, leaves: list[_Leaf], reuse: bool) -> tuple[_State, list[list[int]]]:
    assigned = _solve(root, leaves, reuse)
    st = _State(leaves)
    for i, ps in enumerate(assigned):
        st.add_many(ps, i)
    return st, assigned


def evaluate(
    stack: Stack,
    credentials: Sequence[Held] | Holdings,
    *,
    stacks_by_id: dict[str, Stack] | None = None,
    at: _dt.datetime,
    include_unverified: bool = False,
    trusted: Mapping[str, str | None] | None = None,
) -> StackResult:
    """How far the held credentials go towards `stack` at time `at`.

    Failed, revoked and unknown verdicts never count; expired credentials count only when the
    stack allows it; unchecked ones (verdict None) only with `include_unverified`, and are then
    listed in `NodeResult.unverified`. Credentials whose issuer is not confirmed (`trusted`:
    the learner's trust list, issuer id -> name; see `Holdings`) do not count: how far they
    would go is in `progress_if_confirmed` and `unconfirmed`. Nested stacks are looked up in
    `stacks_by_id`; a cycle raises `StackError`. The outermost stack's reuse option applies to
    the whole tree."""
    holdings = _holdings(credentials, trusted)
    if at.tzinfo is None:
        at = at.replace(tzinfo=_dt.UTC)
    ctx = _Ctx(holdings, at, include_unverified, dict(stacks_by_id or {}))
    root = _expand(stack.root, stack, ctx, None, (stack.id,))
    st, assigned = _assign(root, ctx.leaves, stack.allow_reuse)
    # Solved again with the unconfirmed issuers' credentials only when one could fill a gap:
    # a leaf they match that is still open (a complete leaf gains nothing from them; that
    # they could free a contested credential for another leaf is left unsaid, which only
    # ever understates what rests on unconfirmed issuers).
    if any(lf.maybe and not st.saturated(i) for i, lf in enumerate(ctx.leaves)):
        ctx.opt = _assign(
            root,
            [
                replace(lf, cands=sorted((*lf.cands, *lf.maybe))) if lf.maybe else lf
                for lf in ctx.leaves
            ],
            stack.allow_reuse,
        )
    node = _result(root, st, assigned, ctx)
    issuers = [
        hd.credential.issuer.id for cid in node.unconfirmed if (hd := holdings.get(cid)) is not None
    ]
    return StackResult(
        stack,
        node,
        unconfirmed_issuers=list(dict.fromkeys(i for i in issuers if i)),
        titles={
            cid: hd.credential.title
            for cid in _named_ids(node)
            if (hd := holdings.get(cid)) is not None
        },
    )


def _named_ids(node: NodeResult) -> list[str]:
    """The credentials a result names as excluded or unconfirmed, in tree order."""
    out = [*node.excluded, *node.unconfirmed]
    for c in node.children:
        out.extend(_named_ids(c))
    return list(dict.fromkeys(out))


def evaluate_all(
    stacks: Sequence[Stack],
    credentials: Sequence[Held] | Holdings,
    *,
    at: _dt.datetime,
    include_unverified: bool = False,
    trusted: Mapping[str, str | None] | None = None,
) -> list[StackResult]:
    """Every stack against the same holdings (indexed once); stacks may nest each other."""
    holdings = _holdings(credentials, trusted)
    by_id = {s.id: s for s in stacks}
    return [
        evaluate(s, holdings, stacks_by_id=by_id, at=at, include_unverified=include_unverified)
        for s in stacks
    ]


# ----- JSON for the CLI -------------------------------------------------------------------


def _first_credits(node: NodeResult) -> NodeResult | None:
    if node.requirement.kind == CREDITS:
        return node
    for c in node.children:
        found = _first_credits(c)
        if found is not None:
            return found
    return None


def _node_json(n: NodeResult) -> dict[str, Any]:
    r = n.requirement
    out: dict[str, Any] = {
        "id": r.id,
        "kind": r.kind,
        "label": str(describe(r)),
        "satisfied": n.satisfied,
        "progress": round(n.progress, 4),
        "counted": n.counted,
        "unverified": n.unverified,
        "missing": [str(m) for m in n.missing],
    }
    if n.excluded:
        out["excluded"] = {k: str(v) for k, v in n.excluded.items()}
    if n.progress_if_confirmed is not None:
        out["if_confirmed"] = {
            "satisfied": n.satisfied_if_confirmed,
            "progress": round(n.progress_if_confirmed, 4),
            "credentials": n.unconfirmed,
        }
    if r.kind == CREDITS:
        out["credits"] = {"earned": n.credits_earned, "required": r.credits, "unit": r.unit}
        if n.credits_if_confirmed is not None:
            out["credits"]["earned_if_confirmed"] = n.credits_if_confirmed
    if r.kind == STACK:
        out["stack"] = r.stack_id
    if n.children:
        out["children"] = [_node_json(c) for c in n.children]
    return out


def result_to_json(result: StackResult) -> dict[str, Any]:
    """The shape `stacks --json` prints: one object per stack (docs/stacks.md).

    `satisfied` and `progress` count confirmed issuers only; when more would count once the
    learner confirms other issuers, `if_confirmed` says how far and on whom it rests."""
    cn = _first_credits(result.root)
    credits = (
        {
            "earned": cn.credits_earned,
            "required": cn.requirement.credits,
            "unit": cn.requirement.unit,
        }
        if cn is not None
        else {"earned": None, "required": None, "unit": None}
    )
    out = {
        "id": result.stack.id,
        "name": result.stack.name,
        "satisfied": result.satisfied,
        "progress": round(result.progress, 4),
        "credits": credits,
        "missing": [str(m) for m in result.root.missing],
        "tree": _node_json(result.root),
    }
    root = result.root
    if root.progress_if_confirmed is not None:
        out["if_confirmed"] = {
            "satisfied": root.satisfied_if_confirmed,
            "progress": round(root.progress_if_confirmed, 4),
            "credentials": root.unconfirmed,
            "issuers": result.unconfirmed_issuers,
        }
    return out


def unconfirmed_sentence(result: StackResult) -> Msg | None:
    """ "0 of 2 requirements met; 1 more requirement rests on issuers you have not confirmed
    (did:key:…)", or None when no progress rests on unconfirmed issuers."""
    if not result.rests_on_unconfirmed:
        return None
    met, total, more = result.requirement_counts()
    issuers = ", ".join(shown(i) for i in result.unconfirmed_issuers[:3])
    who = (
        M("{issuers} and {n} more", issuers=issuers, n=len(result.unconfirmed_issuers) - 3)
        if len(result.unconfirmed_issuers) > 3
        else plain(issuers)
    )
    if more == 1:
        return M(
            "{met} of {total} requirements met; 1 more requirement rests on issuers you have "
            "not confirmed ({issuers})",
            met=met,
            total=total,
            issuers=who,
        )
    if more:
        return M(
            "{met} of {total} requirements met; {more} more requirements rest on issuers you "
            "have not confirmed ({issuers})",
            met=met,
            total=total,
            more=more,
            issuers=who,
        )
    from wallet.stacks.progress import percent  # rounded as every shown percentage is

    pct = percent(result.root.progress_if_confirmed or 0)
    return M(
        "{pct}% of the way with what rests on issuers you have not confirmed ({issuers})",
        pct=pct,
        issuers=who,
    )


def explain(result: StackResult) -> list[Msg]:
    """Lines for the CLI: what rests on unconfirmed issuers, and each credential that
    matches a requirement but does not count, with why (its title and id, then the reason)."""
    lines: list[Msg] = []
    sentence = unconfirmed_sentence(result)
    if sentence:
        lines.append(
            M(
                "{sentence}; to confirm one: `learner-wallet trust add ISSUER_ID --name NAME`",
                sentence=sentence,
            )
        )
    seen: set[str] = set()

    def walk(n: NodeResult) -> None:
        for cid, why in n.excluded.items():
            if cid not in seen:
                seen.add(cid)
                title = shown(result.titles.get(cid))
                lines.append(
                    M("not counted: {title} ({id}): {reason}", title=title, id=cid, reason=why)
                    if title
                    else M("not counted: a credential ({id}): {reason}", id=cid, reason=why)
                )
        for c in n.children:
            walk(c)

    walk(result.root)
    return lines


def evaluate_wallet(
    store: WalletStore, *, include_unverified: bool = False, at: _dt.datetime | None = None
) -> list[StackResult]:
    """Every stack the wallet keeps, plus those its credentials imply, against what it holds
    and the issuers the learner knows (`store_holdings`).

    Shared by the CLI (`stacks`) and the Stacks view, so both show the same progress.
    """
    from wallet.stacks.derive import derive_stacks
    from wallet.stacks.load import load_stack

    held = held_from_store(store)
    stacks = [load_stack(kept.definition) for kept in store.stacks.all()]
    known = {s.id for s in stacks}
    bundles = store.credentials.payloads_of_format("clr2")
    stacks += [s for s in derive_stacks(held, bundles) if s.id not in known]
    return evaluate_all(
        stacks,
        store_holdings(store, held),
        at=at or _dt.datetime.now(_dt.UTC),
        include_unverified=include_unverified,
    )
