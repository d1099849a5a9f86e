"""The checks that need no key: dates, trust, OB 3.0 shape, and the EU micro-credential elements.

They read the document as its proof covers it (so an unsigned addition cannot change them),
falling back to our normalized record where a format has no such document.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from wallet.credential import Credential
from wallet.messages import M, Msg
from wallet.paths import resources
from wallet.verify.report import FAIL, PASS, SCHEMA, SKIP, TRUST, VALIDITY, WARN, Check

if TYPE_CHECKING:
    from wallet.store.registries import Listing

# --- dates -----------------------------------------------------------------------------------


def parse_time(value: Any) -> _dt.datetime | None:
    """An ISO 8601 date-time (or a JWT NumericDate) as an aware UTC datetime, else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            return _dt.datetime.fromtimestamp(value, _dt.UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("z", "Z")
    try:
        moment = _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:  # a date or local time: read as UTC, as verifiers commonly do
        moment = moment.replace(tzinfo=_dt.UTC)
    return moment.astimezone(_dt.UTC)


def _window(doc: dict[str, Any] | None, cred: Credential) -> tuple[Any, Any]:
    d = doc or {}
    start = d.get("validFrom") or d.get("issuanceDate") or d.get("nbf") or d.get("issuedOn")
    end = d.get("validUntil") or d.get("expirationDate") or d.get("exp") or d.get("expires")
    return (
        start if start is not None else cred.valid_from or cred.issued,
        end if end is not None else cred.valid_until,
    )


def check_validity(doc: dict[str, Any] | None, cred: Credential, at: _dt.datetime) -> Check:
    """Is the credential inside its validity window at `at`?"""
    start_raw, end_raw = _window(doc, cred)
    start, end = parse_time(start_raw), parse_time(end_raw)
    if start_raw is not None and start is None:
        return Check(
            VALIDITY, WARN, M("the start date {value} cannot be read", value=repr(start_raw))
        )
    if end_raw is not None and end is None:
        return Check(VALIDITY, WARN, M("the end date {value} cannot be read", value=repr(end_raw)))
    if start is not None and at < start:
        return Check(VALIDITY, WARN, M("not valid yet: valid from {day}", day=start.date()))
    if end is not None and at >= end:
        return Check(VALIDITY, WARN, M("expired on {day}", day=end.date()))
    if end is not None:
        return Check(VALIDITY, PASS, M("valid until {day}", day=end.date()))
    if start is not None:
        return Check(VALIDITY, PASS, M("valid since {day}, no end date", day=start.date()))
    return Check(VALIDITY, PASS, M("valid, no end date"))


# --- trust -----------------------------------------------------------------------------------


# How check_trust says the learner's own trust list names the issuer (as opposed to a
# registry the learner subscribed to, or a qualified seal): explain.reason words them apart.
OWN_LIST = (
    "{issuer} is on your list of trusted issuers",
    "the issuer is on your list of trusted issuers",
)


def check_trust(
    issuer_id: str | None,
    issuer_name: str | None,
    trusted: frozenset[str],
    listed: Mapping[str, Listing] | None = None,
    *,
    confirmed: Msg | None = None,
) -> Check:
    """Issuers the learner trusts (or an imported trust list names), then issuers a registry
    the learner subscribed to lists (`listed`, saying which registry and how fresh its copy
    is), then an issuer its proof confirms (`confirmed`: a qualified seal, saying so); others
    are a warning."""
    who = issuer_name or issuer_id
    key = issuer_id.split("#", 1)[0] if issuer_id else ""
    on_list = bool(key and key in trusted)
    listing = None if on_list or not key or not listed else listed.get(key)
    if listing is not None:
        return Check(TRUST, PASS, _listed(who, listing))
    if confirmed is not None and not on_list:
        return Check(TRUST, PASS, confirmed)
    if who is None:
        if on_list:
            return Check(TRUST, PASS, M("the issuer is on your list of trusted issuers"))
        return Check(TRUST, WARN, M("the issuer is not on your list of trusted issuers"))
    if on_list:
        return Check(TRUST, PASS, M("{issuer} is on your list of trusted issuers", issuer=who))
    return Check(TRUST, WARN, M("{issuer} is not on your list of trusted issuers", issuer=who))


def _listed(who: str | None, listing: Listing) -> Msg:
    """How a registry confirms the issuer: its name and the day of the copy the wallet keeps."""
    registry = listing.registry
    moment = parse_time(registry.fetched_at)
    day: _dt.date | str = moment.date() if moment is not None else registry.fetched_at[:10]
    if who is None:
        return M(
            "the issuer is listed in {registry}'s issuer registry, fetched {day}",
            registry=registry.name,
            day=day,
        )
    return M(
        "{issuer} is listed in {registry}'s issuer registry, fetched {day}",
        issuer=who,
        registry=registry.name,
        day=day,
    )


# --- OB 3.0 shape ----------------------------------------------------------------------------

OB3_TYPES = {"OpenBadgeCredential", "AchievementCredential"}


@functools.cache
def _ob3_schema() -> dict[str, Any]:
    path = resources() / "schemas" / "ob-v3p0-achievementcredential.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))  # a shipped object
    return schema


@functools.cache
def _ob3_fast() -> Any:
    """The schema compiled to Python (fastjsonschema): about 15x quicker on the common, valid
    case, which matters when a wallet of thousands is checked."""
    import fastjsonschema

    return fastjsonschema.compile(_ob3_schema())


@functools.cache
def _ob3_explainer() -> Any:
    """jsonschema, only to explain an invalid credential: it lists every error with its path."""
    import jsonschema

    return jsonschema.Draft7Validator(_ob3_schema())


def check_schema(doc: dict[str, Any] | None, cred: Credential) -> Check:
    """OB 3.0 credentials against our schema of the spec's required fields; others skip."""
    if doc is None:
        return Check(SCHEMA, SKIP, M("no structured document to check"))
    declared = doc.get("type")
    types = {
        t for t in (declared if isinstance(declared, list) else [declared]) if isinstance(t, str)
    }  # a stranger's "type" may be an object or hold lists
    if not types & OB3_TYPES:
        return Check(SCHEMA, SKIP, M("not an Open Badges 3.0 credential"))
    import fastjsonschema

    try:
        _ob3_fast()(doc)
    except fastjsonschema.JsonSchemaException:
        pass
    else:
        return Check(SCHEMA, PASS, M("has every field Open Badges 3.0 requires"))
    errors = sorted(_ob3_explainer().iter_errors(doc), key=lambda e: list(e.absolute_path))
    if not errors:  # the two validators disagree: say so rather than guess
        return Check(SCHEMA, WARN, M("the Open Badges 3.0 shape could not be judged"))
    first = errors[0]
    where = ".".join(str(p) for p in first.absolute_path) or "the credential"
    if len(errors) > 1:
        return Check(
            SCHEMA,
            FAIL,
            M(
                "not valid Open Badges 3.0: {where}: {problem} (and {count} more)",
                where=where,
                problem=first.message,
                count=len(errors) - 1,
            ),
        )
    return Check(
        SCHEMA,
        FAIL,
        M("not valid Open Badges 3.0: {where}: {problem}", where=where, problem=first.message),
    )


# --- EU micro-credential elements ------------------------------------------------------------

ELEMENTS = (
    "learner",
    "title",
    "country",
    "awarding_body",
    "date",
    "learning_outcomes",
    "workload",
    "level",
    "assessment",
    "participation",
    "quality_assurance",
)

ELEMENT_LABELS: dict[str, Msg] = {  # shown by the window's detail pane and the CLI
    "learner": M("Learner"),
    "title": M("Title"),
    "country": M("Country of the awarding body"),
    "awarding_body": M("Awarding body"),
    "date": M("Date of issue"),
    "learning_outcomes": M("Learning outcomes"),
    "workload": M("Workload (credits or hours)"),
    "level": M("Level (EQF or national framework)"),
    "assessment": M("Type of assessment"),
    "participation": M("Form of participation"),
    "quality_assurance": M("Quality assurance"),
}


def eu_elements(cred: Credential) -> dict[str, bool]:
    """Which of the EU Council Recommendation's mandatory elements the credential carries.

    All present: a micro-credential in the EU sense; a few: a badge.
    """
    return {
        "learner": bool(cred.subject_name or cred.subject_id),
        "title": bool(cred.title),
        "country": bool(cred.issuer.country),
        "awarding_body": bool(cred.issuer.name or cred.issuer.id),
        "date": bool(cred.issued or cred.valid_from),
        "learning_outcomes": bool(cred.learning_outcomes),
        "workload": cred.credits is not None,
        "level": cred.level is not None,
        "assessment": bool(cred.assessment),
        "participation": bool(cred.participation),
        "quality_assurance": bool(cred.quality_assurance),
    }
