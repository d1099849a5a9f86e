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
from wallet.proofs.jose import load_json_bytes
from wallet.verify.context import HOSTED, KEY_DOCUMENT, FetchRefused, VerifyContext, iso

# jose_proofs imports this module only inside verify_ob2_hosted, so it is loaded by then.
from wallet.verify.jose_proofs import _day, _ident, _is_url
from wallet.verify.outcome import ProofOutcome
from wallet.verify.report import FAIL, ISSUER, PASS, PROOF, SKIP, UNKNOWN, Check

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
    problem: str = ""  # why it is missing, or why the cached copy stands in
    gone: bool = False  # the server answered 410 Gone


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


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
    if value is _ABSENT:
        return "nothing"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    if len(text) > MAX_SHOWN_CHARS:
        text = text[: MAX_SHOWN_CHARS - 1] + "…"
    return f"“{text}”" if isinstance(value, str) else text


def _verification(assertion: dict[str, Any]) -> dict[str, Any]:
    for name in ("verification", "verify"):
        value = assertion.get(name)
        if isinstance(value, dict):
            return value
    return {}


def hosted_url(assertion: dict[str, Any]) -> str | None:
    """Where the issuer hosts the assertion: its `verify.url` (OB 1.x) or its `id`."""
    url = _verification(assertion).get("url")
    if _is_url(url):
        return str(url)
    ident = assertion.get("id")
    return ident if _is_url(ident) else None


# --- getting the issuer's copies -----------------------------------------------------------------


def _load(ctx: VerifyContext, kind: str, url: str) -> _Copy:
    """The document at `url`: fetched when online (the cache stands in if that fails), else the
    cached copy. A 410 Gone answer is remembered as a revoked assertion."""
    from wallet.sources import SourceError

    problem = ""
    hit: tuple[bytes, str] | None = None
    fresh = False
    if ctx.online:
        try:
            hit = ctx.fetch(kind, url)
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
            problem = f"could not reach {url} ({e})"
            hit = ctx.cached(kind, url)
    else:
        hit = ctx.cached(kind, url)
    if hit is None:
        return _Copy(url, None, problem=problem or "never fetched: an online check fetches it")
    data, fetched_at = hit
    try:
        doc = load_json_bytes(data)
    except FormatError:
        doc = None
    if not isinstance(doc, dict):
        return _Copy(url, None, fetched_at, fresh, f"the document at {url} is not a JSON object")
    return _Copy(url, doc, fetched_at, fresh, problem)


def _linked(
    ctx: VerifyContext, ref: Any, what: str, missing: list[str]
) -> tuple[dict[str, Any] | None, _Copy | None]:
    """A BadgeClass or Issuer the issuer's copy names: fetched at its own id when that is a web
    address (an embedded version in the issuer's copy stands only for a non-web id)."""
    ident = _ident(ref)
    if not _is_url(ident):
        if isinstance(ref, dict):
            return ref, None
        missing.append(f"the {what} has no web address to fetch it from")
        return None, None
    assert ident is not None
    got = _load(ctx, KEY_DOCUMENT, ident)
    if got.doc is None:
        missing.append(f"the {what} ({ident}) {got.problem}")
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


def _described(diffs: list[tuple[str, Any, Any]]) -> str:
    parts = []
    for name, mine, theirs in diffs[:MAX_NAMED]:
        if theirs is _ABSENT:
            parts.append(f"{name} (your copy says {_show(mine)}; not in the issuer's copy)")
        else:
            parts.append(
                f"{name} (your copy says {_show(mine)}; the issuer's says {_show(theirs)})"
            )
    more = len(diffs) - MAX_NAMED
    return "; ".join(parts) + (
        f"; and {more} more field{'s' if more != 1 else ''}" if more > 0 else ""
    )


# --- where the issuer allows its badges to be hosted ----------------------------------------------


def _scope_problem(
    assertion_url: str, badge_id: str | None, issuer_id: str, profile: dict[str, Any]
) -> str | None:
    """Why the assertion (or its BadgeClass) is not within the issuer's hosting scope."""
    rules = profile.get("verification")
    rules = rules if isinstance(rules, dict) else {}
    starts = _strings(rules.get("startsWith"))
    origins = [o.lower() for o in _strings(rules.get("allowedOrigins"))]
    here = _host(assertion_url)
    if starts and not any(assertion_url.startswith(s) for s in starts):
        return (
            f"the assertion's address {assertion_url[:100]} does not start with what the "
            f"issuer's profile allows ({', '.join(starts)[:200]})"
        )
    if origins and here not in origins:
        return (
            f"the assertion is hosted at {here}, which the issuer's profile does not allow "
            f"(it allows {', '.join(origins)[:200]})"
        )
    if not starts and not origins and _origin(assertion_url) != _origin(issuer_id):
        return (
            f"the assertion is hosted at {here}, not on the issuer's site "
            f"({_origin(issuer_id)[1]}), and the issuer's profile allows no other"
        )
    if _is_url(badge_id):
        assert badge_id is not None
        on_site = (
            _origin(badge_id) == _origin(issuer_id)
            or _host(badge_id) in origins
            or any(badge_id.startswith(s) for s in starts)
        )
        if not on_site:
            return (
                f"the badge class is hosted at {_host(badge_id)}, not on the issuer's site "
                f"({_origin(issuer_id)[1]}) or one its profile allows"
            )
    return None


def _issuer_check(
    url: str,
    badge: dict[str, Any] | None,
    issuer_id: str | None,
    issuer: dict[str, Any] | None,
    issuer_copy: _Copy | None,
) -> Check:
    if badge is None:
        return Check(
            ISSUER, UNKNOWN, "the badge class is not available, so the badge's issuer is not known"
        )
    if issuer_id is None:
        return Check(ISSUER, FAIL, "the issuer's badge class names no issuer")
    if not _is_url(issuer_id):
        return Check(
            ISSUER,
            UNKNOWN,
            f"the badge's issuer ({issuer_id[:100]}) has no web "
            "address, so where it allows its badges to be hosted is "
            "not known",
        )
    if issuer is None or issuer_copy is None:
        why = issuer_copy.problem if issuer_copy is not None else "is not available"
        return Check(
            ISSUER,
            UNKNOWN,
            f"the issuer's profile ({issuer_id}) {why}, so where it "
            "allows its badges to be hosted is not known",
        )
    named = issuer.get("id")
    if named is not None and named != issuer_id:
        return Check(ISSUER, FAIL, f"the issuer's profile at {issuer_id} says it is {_show(named)}")
    problem = _scope_problem(url, _ident(badge), issuer_id, issuer)
    if problem is not None:
        return Check(ISSUER, FAIL, f"{problem}: this is not the issuer's badge")
    rules = issuer.get("verification")
    where = (
        "where the issuer's profile allows"
        if isinstance(rules, dict) and (rules.get("startsWith") or rules.get("allowedOrigins"))
        else "on the issuer's own site"
    )
    return Check(
        ISSUER,
        PASS,
        f"the assertion is published {where} ({_host(url)}; profile "
        f"fetched {_day(issuer_copy.fetched_at)})",
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
    if url is None:
        return _outcome(
            Check(
                PROOF,
                FAIL,
                "a hosted assertion must have an https address (id) where the issuer publishes it",
            ),
            Check(ISSUER, SKIP, "not checked: the assertion has no address"),
            held,
            held_issuer_id,
        )
    got = _load(ctx, HOSTED, url)
    if got.doc is None:
        problem = f"{got.problem}; " if got.problem.startswith("could not") else ""
        return _outcome(
            Check(
                PROOF,
                UNKNOWN,
                f"{problem}hosted; never confirmed online: the issuer publishes it at {url}",
            ),
            Check(
                ISSUER, SKIP, "not checked: the issuer's copy of the assertion has not been fetched"
            ),
            held,
            held_issuer_id,
        )
    hosted = got.doc
    when = f"fetched {_day(got.fetched_at)}"
    if got.gone or hosted.get("revoked") is True:
        said = "answers 410 Gone" if got.gone else "marks it revoked"
        proof = Check(
            PROOF,
            PASS if got.fresh else UNKNOWN,
            f"the issuer's server {said} at {url} ({when}): the badge is revoked",
        )
        # Issuers often strip a revoked assertion to its id and `revoked`: mark it as OB 2.0 so
        # that the status check reads its `revoked` (and says so once, in the status line).
        revoked = {"@context": OB2_CONTEXT, "type": "Assertion", **hosted}
        return _outcome(
            proof,
            Check(ISSUER, SKIP, "not checked: the issuer has revoked the badge"),
            revoked,
            held_issuer_id,
        )
    if "badge" not in hosted:
        return _outcome(
            Check(PROOF, FAIL, f"the issuer's copy at {url} is not an assertion ({when})"),
            Check(ISSUER, SKIP, "not checked: the issuer's copy is not an assertion"),
            held,
            held_issuer_id,
        )
    missing: list[str] = []
    badge, badge_copy = _linked(ctx, hosted.get("badge"), "badge class", missing)
    issuer: dict[str, Any] | None = None
    issuer_copy: _Copy | None = None
    issuer_id = _ident(badge.get("issuer")) if badge is not None else None
    if badge is not None:
        issuer, issuer_copy = _linked(ctx, badge.get("issuer"), "issuer's profile", missing)
    document = copy.deepcopy(hosted)
    if badge is not None:
        document["badge"] = {
            **copy.deepcopy(badge),
            "issuer": copy.deepcopy(issuer) if issuer is not None else badge.get("issuer"),
        }
    issuer_check = _issuer_check(url, badge, issuer_id, issuer, issuer_copy)

    diffs = _differences(held, hosted, badge, issuer)
    if diffs:
        proof = Check(
            PROOF,
            FAIL,
            f"the issuer's copy differs from yours in "
            f"{_described(diffs)} ({when} from {url}): this is not the "
            "badge the issuer awarded",
        )
    elif missing:
        proof = Check(
            PROOF,
            UNKNOWN,
            f"the assertion is at {url}, but {'; '.join(missing)}, so "
            "what your copy says about the badge is not confirmed",
        )
    elif all(c.fresh and not c.problem for c in (got, badge_copy, issuer_copy) if c is not None):
        proof = Check(
            PROOF,
            PASS,
            f"hosted assertion confirmed at {url} on "
            f"{_day(got.fetched_at)}: your copy shows what the issuer "
            "hosts",
        )
    else:
        problem = f"{got.problem}; " if got.problem else ""
        proof = Check(
            PROOF,
            UNKNOWN,
            f"{problem}hosted, last confirmed on "
            f"{_day(got.fetched_at)} at {url}; an online check "
            "confirms it is still there",
        )
    return _outcome(proof, issuer_check, document, issuer_id or held_issuer_id)
