"""Open Badges 2.0 hosted assertions, judged on what the issuer hosts.

A hosted assertion carries no signature: only the issuer's server vouches for it. OB 2.0
("HostedBadge Verification") says a full assertion in hand "should only be trusted to identify
the URI of the hosted verification file"; the retrieved data is the assertion. So:

- the assertion is fetched at its address, its BadgeClass and its Issuer Profile at theirs
  (online; offline from the copies an earlier online check cached);
- the assertion must be hosted where the issuer's own profile allows: its `verification`
  `startsWith` prefixes and `allowedOrigins` host names, by default the profile's origin; the
  BadgeClass on the issuer's origin or an allowed one. Anything else is not the issuer's badge:
  the issuer check fails (OB 2.0 makes it invalid; we could check it, so it is not `unknown`);
- every field the learner's copy shows (of the assertion, its embedded BadgeClass and Issuer)
  must be what the issuer hosts: a difference fails the proof, naming the field and showing
  both values; fields the issuer hosts and the copy leaves out are no claim and not judged;
- the outcome's document is the issuer's copy (with the issuer's BadgeClass and Issuer inside),
  so the validity check reads the hosted `expires` and the status check the hosted `revoked` and
  the issuer's own `revocationList`; a server answering 410 Gone means revoked (OB 2.0).
"""

from __future__ import annotations

import copy
import datetime as _dt
import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from wallet.errors import FormatError, WalletError
from wallet.formats.ob2 import is_open_badges_0_5
from wallet.messages import Arg, M, Msg, join
from wallet.proofs.jose import load_json_bytes
from wallet.verify.context import (
    HOSTED,
    KEY_DOCUMENT,
    FetchRefused,
    VerifyContext,
    day_of,
    iso,
    problem_of,
)

# jose_proofs imports this module only inside verify_ob2_hosted, so it is loaded by then.
from wallet.verify.jose_proofs import _ident, _is_url, _ob2_verification
from wallet.verify.outcome import ProofOutcome
from wallet.verify.report import FAIL, ISSUER, PASS, PROOF, SKIP, UNKNOWN, WARN, Check

MAX_NAMED = 4  # differing fields spelled out in the message; the rest are counted
MAX_SHOWN_CHARS = 80  # of each value quoted from a copy
_GONE = 410
OB2_CONTEXT = "https://w3id.org/openbadges/v2"
_ABSENT = object()


@dataclass
class _Copy:
    """One of the issuer's documents, as fetched now or cached before."""

    url: str
    doc: dict[str, Any] | None
    fetched_at: str = ""
    fresh: bool = False  # fetched during this check
    problem: Msg | None = None  # why it is missing, or why the cached copy stands in
    unreachable: bool = False  # `problem` is a failed fetch (the cached copy may stand in)
    gone: bool = False  # the server answered 410 Gone


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def _unprotected(url: str) -> bool:
    """Plain http: an old issuer's address, fetched only in an online check the learner asked
    for, and never enough to call the badge verified (anyone on the way can change it)."""
    return _origin(url)[0] == "http"


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _strings(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


def _show(value: Any) -> str:
    """A value from a copy, as plain short text."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    if len(text) > MAX_SHOWN_CHARS:
        text = text[: MAX_SHOWN_CHARS - 1] + "…"
    return f"“{text}”" if isinstance(value, str) else text


def hosted_url(assertion: dict[str, Any]) -> str | None:
    """Where the issuer hosts the assertion: its `verify.url` (OB 1.x) or its `id`."""
    url = _ob2_verification(assertion).get("url")
    if _is_url(url):
        return str(url)
    ident = assertion.get("id")
    return ident if _is_url(ident) else None


# --- getting the issuer's copies -----------------------------------------------------------------


def _load(ctx: VerifyContext, kind: str, url: str) -> _Copy:
    """The document at `url`: fetched when online (the cache stands in if that fails), else the
    cached copy. A 410 Gone answer is remembered as a revoked assertion."""
    from wallet.sources import SourceError

    problem: Msg | None = None
    hit: tuple[bytes, str] | None = None
    fresh = False
    if ctx.online:
        try:
            hit = ctx.fetch(kind, url, plain_http=_unprotected(url))
            fresh = True
        except (FetchRefused, SourceError, OSError, WalletError) as e:
            if getattr(e, "status", None) == _GONE and kind == HOSTED:
                now = iso(_dt.datetime.now(_dt.UTC))
                gone = {
                    "@context": OB2_CONTEXT,
                    "type": "Assertion",
                    "id": url,
                    "revoked": True,
                    "revocationReason": "the issuer's server answers 410 Gone",
                }
                ctx.cache.cache_put(kind, url, json.dumps(gone).encode(), now)
                return _Copy(url, gone, now, fresh=True, gone=True)
            problem = M("could not reach {url} ({problem})", url=url, problem=problem_of(e))
            hit = ctx.cached(kind, url)
    else:
        hit = ctx.cached(kind, url)
    unreachable = problem is not None
    if hit is None:
        return _Copy(
            url,
            None,
            problem=problem or M("never fetched: an online check fetches it"),
            unreachable=unreachable,
        )
    data, fetched_at = hit
    try:
        doc = load_json_bytes(data)
    except FormatError:
        doc = None
    if not isinstance(doc, dict):
        return _Copy(
            url, None, fetched_at, fresh, M("the document at {url} is not a JSON object", url=url)
        )
    return _Copy(url, doc, fetched_at, fresh, problem, unreachable)


def _linked(
    ctx: VerifyContext, ref: Any, badge_class: bool, missing: list[Msg]
) -> tuple[dict[str, Any] | None, _Copy | None]:
    """A BadgeClass (else the Issuer) the issuer's copy names: fetched at its own id when that is
    a web address (an embedded version in the issuer's copy stands only for a non-web id)."""
    ident = _ident(ref)
    if not _is_url(ident):
        if isinstance(ref, dict):
            return ref, None
        missing.append(
            M("the badge class has no web address to fetch it from")
            if badge_class
            else M("the issuer's profile has no web address to fetch it from")
        )
        return None, None
    assert ident is not None
    got = _load(ctx, KEY_DOCUMENT, ident)
    if got.doc is None:
        problem = got.problem or M("is not available")
        missing.append(
            M("the badge class ({url}) {problem}", url=ident, problem=problem)
            if badge_class
            else M("the issuer's profile ({url}) {problem}", url=ident, problem=problem)
        )
        return None, got
    return got.doc, got


# --- comparing the learner's copy with the issuer's -----------------------------------------------


def _fields(
    held: dict[str, Any],
    hosted: dict[str, Any],
    prefix: str,
    out: list[tuple[str, Any, Any]],
    skip: tuple[str, ...] = (),
) -> None:
    for name, value in held.items():
        if name == "@context" or name in skip:
            continue
        theirs = hosted.get(name, _ABSENT)
        if theirs is _ABSENT or theirs != value:
            out.append((f"{prefix}{name}", value, theirs))


def _differences(
    held: dict[str, Any],
    assertion: dict[str, Any],
    badge: dict[str, Any] | None,
    issuer: dict[str, Any] | None,
) -> list[tuple[str, Any, Any]]:
    """(field, the learner's value, the issuer's value) for every field that differs."""
    out: list[tuple[str, Any, Any]] = []
    _fields(held, assertion, "", out, skip=("badge",))
    held_badge = held.get("badge", _ABSENT)
    hosted_badge_id = _ident(assertion.get("badge"))
    if not isinstance(held_badge, dict):
        if held_badge is not _ABSENT and held_badge != hosted_badge_id:
            out.append(("badge", held_badge, assertion.get("badge", _ABSENT)))
        return out
    if badge is None:  # the BadgeClass could not be had: at least its id must agree
        if held_badge.get("id") != hosted_badge_id:
            out.append(("badge.id", held_badge.get("id", _ABSENT), hosted_badge_id or _ABSENT))
        return out
    _fields(held_badge, badge, "badge.", out, skip=("issuer",))
    held_issuer = held_badge.get("issuer", _ABSENT)
    hosted_issuer_id = _ident(badge.get("issuer"))
    if isinstance(held_issuer, dict):
        if issuer is not None:
            _fields(held_issuer, issuer, "badge.issuer.", out)
        elif held_issuer.get("id") != hosted_issuer_id:
            out.append(
                ("badge.issuer.id", held_issuer.get("id", _ABSENT), hosted_issuer_id or _ABSENT)
            )
    elif held_issuer is not _ABSENT and held_issuer != hosted_issuer_id:
        out.append(("badge.issuer", held_issuer, badge.get("issuer", _ABSENT)))
    return out


def _shown(value: Any) -> Arg:
    """A value from a copy as a message argument; "nothing" where the copy has none."""
    return M("nothing") if value is _ABSENT else _show(value)


def _described(diffs: list[tuple[str, Any, Any]]) -> Msg:
    parts = []
    for name, mine, theirs in diffs[:MAX_NAMED]:
        if theirs is _ABSENT:
            parts.append(
                M(
                    "{field} (your copy says {mine}; not in the issuer's copy)",
                    field=name,
                    mine=_shown(mine),
                )
            )
        else:
            parts.append(
                M(
                    "{field} (your copy says {mine}; the issuer's says {theirs})",
                    field=name,
                    mine=_shown(mine),
                    theirs=_shown(theirs),
                )
            )
    more = len(diffs) - MAX_NAMED
    if more == 1:
        parts.append(M("and {count} more field", count=more))
    elif more > 1:
        parts.append(M("and {count} more fields", count=more))
    return join(parts)


# --- where the issuer allows its badges to be hosted ----------------------------------------------


def _scope_problem(
    assertion_url: str, badge_id: str | None, issuer_id: str, profile: dict[str, Any]
) -> Msg | None:
    """Why the assertion (or its BadgeClass) is not within the issuer's hosting scope."""
    rules = profile.get("verification")
    rules = rules if isinstance(rules, dict) else {}
    starts = _strings(rules.get("startsWith"))
    origins = [o.lower() for o in _strings(rules.get("allowedOrigins"))]
    here = _host(assertion_url)
    if starts and not any(assertion_url.startswith(s) for s in starts):
        return M(
            "the assertion's address {url} does not start with what the "
            "issuer's profile allows ({allowed})",
            url=assertion_url[:100],
            allowed=", ".join(starts)[:200],
        )
    if origins and here not in origins:
        return M(
            "the assertion is hosted at {host}, which the issuer's profile does not allow "
            "(it allows {allowed})",
            host=here,
            allowed=", ".join(origins)[:200],
        )
    if not starts and not origins and _origin(assertion_url) != _origin(issuer_id):
        return M(
            "the assertion is hosted at {host}, not on the issuer's site "
            "({site}), and the issuer's profile allows no other",
            host=here,
            site=_origin(issuer_id)[1],
        )
    if _is_url(badge_id):
        assert badge_id is not None
        on_site = (
            _origin(badge_id) == _origin(issuer_id)
            or _host(badge_id) in origins
            or any(badge_id.startswith(s) for s in starts)
        )
        if not on_site:
            return M(
                "the badge class is hosted at {host}, not on the issuer's site "
                "({site}) or one its profile allows",
                host=_host(badge_id),
                site=_origin(issuer_id)[1],
            )
    return None


def _issuer_verdict(
    url: str,
    badge: dict[str, Any] | None,
    issuer_id: str | None,
    issuer: dict[str, Any] | None,
    issuer_copy: _Copy | None,
) -> tuple[str, Msg]:
    """The status and message of the issuer check: is the assertion hosted where its issuer's
    profile allows?"""
    if badge is None:
        return UNKNOWN, M("the badge class is not available, so the badge's issuer is not known")
    if issuer_id is None:
        return FAIL, M("the issuer's badge class names no issuer")
    if not _is_url(issuer_id):
        return UNKNOWN, M(
            "the badge's issuer ({issuer}) has no web "
            "address, so where it allows its badges to be hosted is "
            "not known",
            issuer=issuer_id[:100],
        )
    if issuer is None or issuer_copy is None:
        why = (issuer_copy.problem if issuer_copy is not None else None) or M("is not available")
        return UNKNOWN, M(
            "the issuer's profile ({issuer}) {problem}, so where it "
            "allows its badges to be hosted is not known",
            issuer=issuer_id,
            problem=why,
        )
    named = issuer.get("id")
    if named is not None and named != issuer_id:
        return FAIL, M(
            "the issuer's profile at {issuer} says it is {named}",
            issuer=issuer_id,
            named=_show(named),
        )
    problem = _scope_problem(url, _ident(badge), issuer_id, issuer)
    if problem is not None:
        return FAIL, M("{problem}: this is not the issuer's badge", problem=problem)
    rules = issuer.get("verification")
    day = day_of(issuer_copy.fetched_at)
    if isinstance(rules, dict) and (rules.get("startsWith") or rules.get("allowedOrigins")):
        return PASS, M(
            "the assertion is published where the issuer's profile allows "
            "({host}; profile fetched {day})",
            host=_host(url),
            day=day,
        )
    return PASS, M(
        "the assertion is published on the issuer's own site ({host}; profile fetched {day})",
        host=_host(url),
        day=day,
    )


# --- the check ----------------------------------------------------------------------------------


def _outcome(
    proof: Check, issuer: Check, document: dict[str, Any] | None, issuer_id: str | None
) -> ProofOutcome:
    return ProofOutcome(checks=[proof, issuer], document=document, issuer_id=issuer_id)


def verify_hosted(held: dict[str, Any], ctx: VerifyContext) -> ProofOutcome:
    """Confirm an OB 2.0 hosted assertion against the issuer's copies (see the module text)."""
    held_badge = held.get("badge")
    held_issuer_id = _ident(held_badge.get("issuer")) if isinstance(held_badge, dict) else None
    url = hosted_url(held)
    if url is None and is_open_badges_0_5(held):  # not forged, only from before OB 1.0
        return _outcome(
            Check(
                PROOF,
                UNKNOWN,
                M(
                    "an Open Badges 0.5 assertion (the old Mozilla Backpack format) cannot be "
                    "verified: this format is not supported, and the badge names no address "
                    "where its issuer publishes it; ask the issuer for it in Open Badges 2.0 "
                    "or 3.0"
                ),
            ),
            Check(ISSUER, SKIP, M("not checked: the assertion has no address")),
            held,
            held_issuer_id,
        )
    if url is None:
        return _outcome(
            Check(
                PROOF,
                FAIL,
                M(
                    "a hosted assertion must have an https address (id) where the issuer "
                    "publishes it"
                ),
            ),
            Check(ISSUER, SKIP, M("not checked: the assertion has no address")),
            held,
            held_issuer_id,
        )
    got = _load(ctx, HOSTED, url)
    if got.doc is None:
        never = M("hosted; never confirmed online: the issuer publishes it at {url}", url=url)
        return _outcome(
            Check(
                PROOF,
                UNKNOWN,
                join([got.problem, never]) if got.unreachable and got.problem else never,
            ),
            Check(
                ISSUER,
                SKIP,
                M("not checked: the issuer's copy of the assertion has not been fetched"),
            ),
            held,
            held_issuer_id,
        )
    hosted = got.doc
    day = day_of(got.fetched_at)
    if got.gone or hosted.get("revoked") is True:
        proof = Check(
            PROOF,
            PASS if got.fresh else UNKNOWN,
            M(
                "the issuer's server answers 410 Gone at {url} (fetched {day}): "
                "the badge is revoked",
                url=url,
                day=day,
            )
            if got.gone
            else M(
                "the issuer's server marks it revoked at {url} (fetched {day}): "
                "the badge is revoked",
                url=url,
                day=day,
            ),
        )
        # Issuers often strip a revoked assertion to its id and `revoked`: mark it as OB 2.0 so
        # that the status check reads its `revoked` (and says so once, in the status line).
        revoked = {"@context": OB2_CONTEXT, "type": "Assertion", **hosted}
        return _outcome(
            proof,
            Check(ISSUER, SKIP, M("not checked: the issuer has revoked the badge")),
            revoked,
            held_issuer_id,
        )
    if "badge" not in hosted:
        return _outcome(
            Check(
                PROOF,
                FAIL,
                M(
                    "the issuer's copy at {url} is not an assertion (fetched {day})",
                    url=url,
                    day=day,
                ),
            ),
            Check(ISSUER, SKIP, M("not checked: the issuer's copy is not an assertion")),
            held,
            held_issuer_id,
        )
    missing: list[Msg] = []
    badge, badge_copy = _linked(ctx, hosted.get("badge"), True, missing)
    issuer: dict[str, Any] | None = None
    issuer_copy: _Copy | None = None
    issuer_id = _ident(badge.get("issuer")) if badge is not None else None
    if badge is not None:
        issuer, issuer_copy = _linked(ctx, badge.get("issuer"), False, missing)
    document = copy.deepcopy(hosted)
    if badge is not None:
        document["badge"] = {
            **copy.deepcopy(badge),
            "issuer": copy.deepcopy(issuer) if issuer is not None else badge.get("issuer"),
        }
    issuer_check = Check(ISSUER, *_issuer_verdict(url, badge, issuer_id, issuer, issuer_copy))

    diffs = _differences(held, hosted, badge, issuer)
    if diffs:
        proof = Check(
            PROOF,
            FAIL,
            M(
                "the issuer's copy differs from yours in {fields} (fetched {day} from {url}): "
                "this is not the badge the issuer awarded",
                fields=_described(diffs),
                day=day,
                url=url,
            ),
        )
    elif missing:
        proof = Check(
            PROOF,
            UNKNOWN,
            M(
                "the assertion is at {url}, but {problems}, so "
                "what your copy says about the badge is not confirmed",
                url=url,
                problems=join(missing),
            ),
        )
    elif all(c.fresh and not c.problem for c in (got, badge_copy, issuer_copy) if c is not None):
        copies = [c for c in (got, badge_copy, issuer_copy) if c is not None]
        plain = next((c.url for c in copies if _unprotected(c.url)), None)
        if plain is not None and issuer_check.status == PASS:
            # Whether the issuer sent it is what plain http cannot tell: a warning at best.
            issuer_check = Check(
                ISSUER,
                WARN,
                M(
                    "checked over an unprotected connection: {url} came over plain http, so "
                    "anyone on the way could have changed what the issuer's site sent",
                    url=plain,
                ),
            )
        proof = (
            Check(
                PROOF,
                PASS,
                M(
                    "your copy shows what the issuer's site sent from {url} on {day} "
                    "(over plain http)",
                    url=url,
                    day=day,
                ),
            )
            if plain is not None
            else Check(
                PROOF,
                PASS,
                M(
                    "hosted assertion confirmed at {url} on {day}: your copy shows what the "
                    "issuer hosts",
                    url=url,
                    day=day,
                ),
            )
        )
    else:
        last = M(
            "hosted, last confirmed on {day} at {url}; an online check confirms it is still there",
            day=day,
            url=url,
        )
        proof = Check(PROOF, UNKNOWN, join([got.problem, last]) if got.problem else last)
    return _outcome(proof, issuer_check, document, issuer_id or held_issuer_id)
