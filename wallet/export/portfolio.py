"""The portfolio model: what every export format shows, read once from the wallet.

Why one model: the HTML page, the PDF and the tests must show the same credentials with the
same verification status and stack progress. Nothing here is invented: the learner's name and
summary come from what the learner typed (options, or the `portfolio_name` /
`portfolio_summary` wallet settings the Export dialog remembers), else they are left out.

Verification status is the one at export time: by default each credential is checked again
offline first (cheap: unchanged proofs are memoized; dates and revocation are judged now),
otherwise the last stored report is used. Stack progress is computed from the exported
credentials only, so the page never claims progress that its reader cannot see proved; what
rests on issuers the learner has not confirmed (trusted) is shown as that, never as complete,
and a credential that matches a requirement but does not count is named with the reason.
Images are only ever what the credential itself holds (a data: URI, or the image it came baked
into); a remote image address is never used, so opening the page fetches nothing.
"""

from __future__ import annotations

import base64
import datetime as _dt
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from wallet.credential import BAKED_PNG, BAKED_SVG, Credential
from wallet.messages import M, Msg, plain
from wallet.stacks.progress import percent

NAME_SETTING = "portfolio_name"
SUMMARY_SETTING = "portfolio_summary"
# How long a portfolio's presentations (the PDF's QR codes, the signed JSON) stay valid unless
# the learner chooses: a portfolio is read for weeks, so the longest validity the wallet signs.
PORTFOLIO_MINUTES = 30 * 24 * 60
NOT_CHECKED = "not checked"
_IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml")
_NOTE_STATUSES = ("fail", "warn", "unknown")
# verdicts an employer cannot rely on: left out of HTML and PDF unless the learner includes them
UNVERIFIED = ("failed", "unknown", NOT_CHECKED)

ProgressFn = Callable[[int, int, str], None]


@dataclass
class PortfolioItem:
    """One exported credential: our reading, its exact signed bytes, and its status now."""

    id: str
    credential: Credential
    payload: bytes  # the signed credential itself (JSON, JWT or SD-JWT text)
    original: bytes  # the file it came in (a baked PNG, or the same as payload)
    media_type: str  # of `original`
    kind: str  # micro / badge / clr
    verdict: str  # verified / warning / failed / unknown / NOT_CHECKED
    checked_at: str | None = None
    notes: list[Msg] = field(default_factory=list)  # what a check found wrong
    image: str | None = None  # a data:image/... URI, never a remote address
    parent_id: str | None = None
    children: list[str] = field(default_factory=list)
    # the reading a stranger gets (wallet.present.certificate): credits, level, grades in words
    certificate: Any = None
    # a holder-signed presentation of this credential as QR texts (the PDF draws them), or why
    # there are none (too big for a few codes)
    qr_texts: tuple[str, ...] = ()
    qr_problem: Msg | None = None
    qr_until: _dt.date | None = None  # the last day its code verifies


@dataclass
class StackProgress:
    """How far the exported credentials go toward one stack."""

    id: str
    name: str
    award: str
    progress: float
    satisfied: bool
    counted: list[str]  # ids of exported credentials that count
    missing: list[Msg]
    credits_earned: float | None = None
    credits_required: float | None = None
    credits_unit: str | None = None
    # what would count only if the learner confirmed more issuers (never "complete")
    unconfirmed: list[str] = field(default_factory=list)
    unconfirmed_issuers: list[str] = field(default_factory=list)
    progress_if_confirmed: float | None = None
    satisfied_if_confirmed: bool = False
    requirements: tuple[int, int, int] = (0, 0, 0)  # met, of how many, more if confirmed
    # exported credentials that match a requirement but do not count: (id, reason)
    not_counted: list[tuple[str, Msg]] = field(default_factory=list)


@dataclass
class Portfolio:
    name: str | None
    summary: str | None
    generated_at: str  # ISO 8601, UTC
    items: list[PortfolioItem]
    stacks: list[StackProgress]
    demo: bool = False  # made from the demo wallet: nothing in it is a real achievement
    left_out: int = 0  # failed or unchecked credentials left out (the learner did not ask)

    def item(self, cid: str) -> PortfolioItem | None:
        return next((i for i in self.items if i.id == cid), None)


def _iso(t: _dt.datetime) -> str:
    return t.astimezone(_dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def image_uri(credential: Credential, original: bytes, media_type: str) -> str | None:
    """What the page may draw for a credential: its own data: image, or the image it was
    baked into, as a data: URI. A remote URL gives None (the page shows a placeholder)."""
    image = (credential.image or "").strip()
    head = image[:40].lower()
    if head.startswith("data:") and any(head.startswith(f"data:{t}") for t in _IMAGE_TYPES):
        return image
    if credential.baked in (BAKED_PNG, BAKED_SVG) and media_type in _IMAGE_TYPES:
        return f"data:{media_type};base64,{base64.b64encode(original).decode('ascii')}"
    return None


def _notes(report: dict[str, Any]) -> list[Msg]:
    """What the checks found wrong, each once, as messages (a report kept before messages
    had ids gives its English text)."""
    out: dict[str, Msg] = {}
    for c in report.get("checks", []):
        if c.get("status") not in _NOTE_STATUSES or not c.get("message"):
            continue
        msg = Msg.from_json(c["msg"]) if "msg" in c else plain(str(c["message"]))
        out.setdefault(str(msg), msg)
    return list(out.values())


def _status(store: Any, cid: str, ctx: Any) -> tuple[str, str | None, list[Msg]]:
    """(verdict, when checked, notes): checked now when `ctx` is given, else as last stored."""
    if ctx is not None:
        from wallet.verify.verifier import verify_stored

        report = verify_stored(store, cid, ctx).to_json()
        return report["verdict"], report.get("checked_at"), _notes(report)
    last = store.checks.last_report(cid)
    if last is None:
        return NOT_CHECKED, None, []
    try:
        report = json.loads(last.report)
    except ValueError:
        report = {}
    return last.verdict, last.checked_at, _notes(report if isinstance(report, dict) else {})


def learner_text(store: Any, given: str | None, setting: str) -> str | None:
    """What the learner gave (an option or the dialog), else what they saved before."""
    text = given if given is not None else store.settings.get(setting)
    text = (text or "").strip()
    return text or None


def build_portfolio(
    store: Any,
    ids: list[str],
    *,
    name: str | None = None,
    summary: str | None = None,
    verify: bool = True,
    progress: ProgressFn | None = None,
    now: _dt.datetime | None = None,
    include_unverified: bool = True,
) -> Portfolio:
    """Read the chosen credentials (full ids, as `select_ids` gives them) into a Portfolio.
    Without `include_unverified`, failed and unchecked ones are left out (and counted): a page
    for employers shows what holds up unless the learner asks for the rest."""
    from wallet.store import credential_kind

    now = now or _dt.datetime.now(_dt.UTC)
    ctx = None
    if verify:
        from wallet.verify.verifier import context_for_store

        ctx = context_for_store(store, at=now)
    items: list[PortfolioItem] = []
    left_out = 0
    total = len(ids)
    for n, cid in enumerate(ids):
        if progress is not None:
            progress(n, total, "Reading and checking credentials")
        stored = store.credentials.get(cid)
        verdict, checked_at, notes = _status(store, stored.id, ctx)
        cred = stored.credential
        if not include_unverified and verdict in UNVERIFIED:
            left_out += 1
            continue
        items.append(
            PortfolioItem(
                id=stored.id,
                credential=cred,
                payload=stored.payload,
                original=stored.original,
                media_type=stored.media_type,
                kind=credential_kind(cred),
                verdict=verdict,
                checked_at=checked_at,
                notes=notes,
                image=image_uri(cred, stored.original, stored.media_type),
                parent_id=stored.parent_id,
                children=list(stored.children),
                certificate=_certificate(stored),
            )
        )
    if progress is not None:
        progress(total, total, "Working out stack progress")
    return Portfolio(
        name=learner_text(store, name, NAME_SETTING),
        summary=learner_text(store, summary, SUMMARY_SETTING),
        generated_at=_iso(now),
        items=items,
        stacks=stacks_progress(store, items, now),
        demo=store.settings.get("demo") == "1",
        left_out=left_out,
    )


def _certificate(stored: Any) -> Any:
    """The certificate reading of a stored credential (its credits, level and grades in the
    words the share preview and the verify window use)."""
    from wallet.credential import Parsed
    from wallet.present.certificate import certificate_of

    return certificate_of(
        Parsed(stored.credential, stored.original, stored.payload, stored.media_type)
    )


def stacks_progress(
    store: Any, items: list[PortfolioItem], now: _dt.datetime
) -> list[StackProgress]:
    """Progress toward every stack the exported credentials count for, from them alone."""
    from wallet.credential import CLR2
    from wallet.export.select import counted_ids
    from wallet.stacks.derive import derive_stacks
    from wallet.stacks.engine import Held, evaluate_all, result_to_json, store_holdings
    from wallet.stacks.load import load_stack

    tags = store.tags.by_credential()
    held = [
        Held(
            i.id,
            i.credential,
            None if i.verdict == NOT_CHECKED else i.verdict,
            tags.get(i.id, ()),
            i.parent_id,
        )
        for i in items
    ]
    stacks = [load_stack(kept.definition) for kept in store.stacks.all()]
    known = {s.id for s in stacks}
    clr_payloads = [i.payload for i in items if i.credential.format == CLR2]
    stacks += [s for s in derive_stacks(held, clr_payloads) if s.id not in known]
    out: list[StackProgress] = []
    for result in evaluate_all(stacks, store_holdings(store, held), at=now):
        counted = counted_ids(result.root)
        unconfirmed = set(result.root.unconfirmed)
        not_counted = _not_counted(result.root)
        # a stack is shown when something counts or would, or an exported credential claims
        # to be from the issuer it asks for and is not (the reader should see that)
        if (
            not counted
            and not unconfirmed
            and not any(getattr(why, "code", "").startswith("issuer-") for _cid, why in not_counted)
        ):
            continue
        credits = result_to_json(result)["credits"]
        out.append(
            StackProgress(
                id=result.stack.id,
                name=result.stack.name,
                award=result.stack.award.name,
                progress=result.progress,
                satisfied=result.satisfied,
                counted=[i.id for i in items if i.id in counted],
                missing=list(result.root.missing),
                credits_earned=credits["earned"],
                credits_required=credits["required"],
                credits_unit=credits["unit"],
                unconfirmed=[i.id for i in items if i.id in unconfirmed],
                unconfirmed_issuers=list(result.unconfirmed_issuers),
                progress_if_confirmed=result.root.progress_if_confirmed,
                satisfied_if_confirmed=result.satisfied_if_confirmed,
                requirements=result.requirement_counts(),
                not_counted=[(cid, _third_person(why)) for cid, why in not_counted],
            )
        )
    return out


def _not_counted(node: Any) -> list[tuple[str, Any]]:
    """(id, reason) of every credential excluded anywhere in the tree, each once."""
    out: dict[str, Any] = {}

    def walk(n: Any) -> None:
        for cid, why in n.excluded.items():
            out.setdefault(cid, why)
        for child in n.children:
            walk(child)

    walk(node)
    return list(out.items())


def _third_person(reason: Msg) -> Msg:
    """The engine speaks to the learner ("your list"); a portfolio is read by someone else.
    Keeps the reason's code and arguments (a `Reason` is a message with a code)."""
    said = _THIRD_PERSON.get(reason.text)
    if said is None:
        return reason
    from wallet.stacks.model import Reason

    return Reason(said.text, reason.args, getattr(reason, "code", ""))


# The engine's reasons that address the learner, as a reader of the portfolio is told them.
_THIRD_PERSON = {
    "issued by {issuer} ({name} on your list of trusted issuers), not by {required}": M(
        "issued by {issuer} ({name} on the learner's list of trusted issuers), not by {required}"
    ),
    "issuer not confirmed: {issuer} calls itself {required}, but your list of trusted issuers "
    "does not name it so": M(
        "issuer not confirmed: {issuer} calls itself {required}, but the learner's list of "
        "trusted issuers does not name it so"
    ),
    "issuer not confirmed: {issuer} is not on your list of trusted issuers": M(
        "issuer not confirmed: {issuer} is not on the learner's list of trusted issuers"
    ),
    "issuer not confirmed: its last check did not find the issuer on your list of trusted "
    "issuers": M(
        "issuer not confirmed: its last check did not find the issuer on the learner's list "
        "of trusted issuers"
    ),
}


# ----- names and words every format shares ------------------------------------------------

FORMAT_NAMES = {
    "ob2": "Open Badges 2.0",
    "ob3": "Open Badges 3.0",
    "clr2": "CLR 2.0",
    "vc": "W3C Verifiable Credential",
    "sd-jwt-vc": "SD-JWT VC",
}
PROOF_NAMES = {
    "data-integrity": M("Data Integrity proof"),
    "jwt": M("JWT signature"),
    "jws": M("signed (JWS)"),
    "sd-jwt": M("SD-JWT signature"),
    "hosted": M("hosted by the issuer (no signature)"),
    "none": M("unsigned"),
    "blockcerts": M("Blockcerts Merkle proof anchored in a blockchain"),
    "jades": M("JAdES electronic seal"),
}
VERDICT_WORDS = {
    "verified": M("Verified"),
    "warning": M("Authentic, with a warning"),
    "failed": M("Failed verification"),
    "unknown": M("Could not be checked"),
    NOT_CHECKED: M("Not checked"),
}
_EXTENSIONS = {
    "application/json": "json",
    "application/jwt": "jwt",
    "application/vc+sd-jwt": "sd-jwt",
    "image/png": "png",
    "image/svg+xml": "svg",
}


# Open Badges 3.0 achievement types, in words (a raw type name is never shown)
TYPE_WORDS = {
    "Achievement": M("Achievement"),
    "ApprenticeshipCertificate": M("Apprenticeship certificate"),
    "Assessment": M("Assessment"),
    "Assignment": M("Assignment"),
    "AssociateDegree": M("Associate degree"),
    "Award": M("Award"),
    "BachelorDegree": M("Bachelor's degree"),
    "Certificate": M("Certificate"),
    "CertificateOfCompletion": M("Certificate of completion"),
    "Certification": M("Certification"),
    "CommunityService": M("Community service"),
    "Competency": M("Competency"),
    "Course": M("Course"),
    "CoCurricular": M("Co-curricular activity"),
    "Degree": M("Degree"),
    "Diploma": M("Diploma"),
    "DoctoralDegree": M("Doctoral degree"),
    "Fieldwork": M("Fieldwork"),
    "GeneralEducationDevelopment": M("General education development (GED)"),
    "JourneymanCertificate": M("Journeyman certificate"),
    "LearningProgram": M("Learning programme"),
    "License": M("Licence"),
    "Membership": M("Membership"),
    "MicroCredential": M("Micro-credential"),
    "ProfessionalDoctorate": M("Professional doctorate"),
    "QualityAssuranceCredential": M("Quality assurance credential"),
    "MasterCertificate": M("Master certificate"),
    "MasterDegree": M("Master's degree"),
    "ResearchDoctorate": M("Research doctorate"),
    "SecondarySchoolDiploma": M("Secondary school diploma"),
}


def type_words(achievement_type: str | None) -> Msg | None:
    """An achievement type in words: ours for the Open Badges names, else the issuer's own
    name with its words spaced out (`ext:MyType` -> `My type`); None when there is none."""
    raw = (achievement_type or "").strip()
    if not raw:
        return None
    known = TYPE_WORDS.get(raw)
    if known is not None:
        return known
    name = raw.rsplit(":", 1)[-1].rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    spaced = "".join(
        f" {ch.lower()}" if ch.isupper() and n and not name[n - 1].isupper() else ch
        for n, ch in enumerate(name)
    ).strip()
    return plain(spaced[:1].upper() + spaced[1:]) if spaced else None


def verdict_words(verdict: str) -> Msg:
    return VERDICT_WORDS.get(verdict) or plain(verdict.capitalize())


def slug(text: str, limit: int = 48) -> str:
    """A file-name-safe form of a title (letters and digits of any script, dashes)."""
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    out = "-".join(part for part in out.split("-") if part)
    return out[:limit].rstrip("-") or "credential"


def extension(media_type: str, data: bytes) -> str:
    ext = _EXTENSIONS.get(media_type)
    if ext is None:
        ext = "json" if data.lstrip()[:1] in (b"{", b"[") else "txt"
    return ext


def payload_extension(payload: bytes) -> str:
    """`json`, `sd-jwt` or `jwt`: what a signed credential's own text is."""
    if payload.lstrip()[:1] == b"{":
        return "json"
    return "sd-jwt" if b"~" in payload else "jwt"


def file_name(item: PortfolioItem, ext: str | None = None) -> str:
    """`title-id.ext`; the extension of the item's original file unless one is given."""
    ext = ext or extension(item.media_type, item.original)
    return f"{slug(item.credential.title)}-{item.id}.{ext}"


def short_date(value: str | None) -> str:
    """The date part of an ISO 8601 time as written (`2025-03-14`), else the text itself."""
    text = (value or "").strip()
    return text[:10] if len(text) >= 10 and text[4:5] == "-" and text[7:8] == "-" else text


def number(value: float) -> str:
    return f"{value:g}"


def facts(item: PortfolioItem) -> list[tuple[Msg, Msg]]:
    """(label, text) rows describing a credential, in the order every format shows them;
    the issuer's own words are shown as written (`plain`)."""
    c = item.credential
    issuer = c.issuer.name or c.issuer.id
    rows: list[tuple[Msg, Msg]] = [(M("Issuer"), plain(issuer) if issuer else M("not named"))]
    kind = type_words(c.achievement_type)
    if kind is not None:
        rows.append((M("Achievement type"), kind))
    if c.issued:
        rows.append((M("Issued"), plain(short_date(c.issued))))
    if c.valid_from and short_date(c.valid_from) != short_date(c.issued):
        rows.append((M("Valid from"), plain(short_date(c.valid_from))))
    if c.valid_until:
        rows.append((M("Expires"), plain(short_date(c.valid_until))))
    cert = item.certificate
    if cert is not None and cert.credits is not None:
        rows.append((M("Credits"), cert.credits))
    elif c.credits is not None:
        rows.append((M("Credits"), plain(f"{number(c.credits.value)} {c.credits.unit}".strip())))
    if cert is not None and cert.volume_of_learning is not None:
        rows.append((M("Workload"), cert.volume_of_learning))  # "60 hours", in the reader's words
    elif c.volume_of_learning is not None:
        hours = c.volume_of_learning
        rows.append((M("Workload"), plain(f"{number(hours.value)} {hours.unit}".strip())))
    if cert is not None and cert.level is not None:
        rows.append((M("Level"), cert.level))
    elif c.level is not None:
        rows.append(
            (
                M("Level"),
                M("{framework} level {level}", framework=c.level.framework, level=c.level.value)
                if c.level.framework
                else M("level {level}", level=c.level.value),
            )
        )
    if cert is not None:
        rows += [(r.label, r.value) for r in cert.results]
    for label, value in (
        (M("Assessment"), c.assessment),
        (M("Participation"), c.participation),
        (M("Quality assurance"), c.quality_assurance),
        (M("Grade"), c.grade),
        (M("Prerequisites"), c.entry_requirements),
        (M("Awarded to"), c.subject_name),
    ):
        if value:
            rows.append((label, plain(value)))
    skills = [a.target_name for a in c.alignments if a.target_name]
    if skills:
        rows.append((M("Skills and frameworks"), plain("; ".join(dict.fromkeys(skills)))))
    if c.tags:
        rows.append((M("Keywords"), plain(", ".join(c.tags))))
    rows.append(
        (
            M("Format"),
            M(
                "{format}, {proof}",
                format=FORMAT_NAMES.get(c.format, c.format),
                proof=PROOF_NAMES.get(c.proof_form) or plain(c.proof_form),
            ),
        )
    )
    return rows


def status_line(item: PortfolioItem) -> Msg:
    """`Verified (checked offline 2026-03-01)`: the status words a reader sees."""
    words = verdict_words(item.verdict)
    if item.checked_at:
        return M(
            "{verdict} (checked offline {day})", verdict=words, day=short_date(item.checked_at)
        )
    return words


def progress_line(stack: StackProgress) -> Msg:
    """`75% complete; 15 of 20 NZQF credits`, or `Complete`: confirmed issuers only."""
    pct = str(percent(stack.progress))  # rounded as the window and the CLI round it
    if not stack.credits_required:
        return M("Complete") if stack.satisfied else M("{pct}% complete", pct=pct)
    earned, required = number(stack.credits_earned or 0), number(stack.credits_required)
    unit: str | Msg = stack.credits_unit or M("credits")
    if stack.satisfied:
        return M(
            "Complete; {earned} of {required} {unit}", earned=earned, required=required, unit=unit
        )
    return M(
        "{pct}% complete; {earned} of {required} {unit}",
        pct=pct,
        earned=earned,
        required=required,
        unit=unit,
    )


def unconfirmed_line(stack: StackProgress) -> Msg | None:
    """What rests on issuers the learner has not confirmed, said as not complete: `Not
    complete: 1 more requirement rests on issuers the learner has not confirmed (did:…)`."""
    from wallet.stacks.engine import shown

    if stack.progress_if_confirmed is None or stack.satisfied:
        return None
    _met, _total, more = stack.requirements
    issuers = stack.unconfirmed_issuers
    named = ", ".join(shown(i) for i in issuers[:3])
    who = (
        M("{issuers} and {n} more", issuers=named, n=len(issuers) - 3)
        if len(issuers) > 3
        else plain(named)
    )
    if more == 1:
        return M(
            "Not complete: 1 more requirement rests on issuers the learner has not confirmed "
            "({issuers})",
            issuers=who,
        )
    if more:
        return M(
            "Not complete: {more} more requirements rest on issuers the learner has not "
            "confirmed ({issuers})",
            more=more,
            issuers=who,
        )
    return M(
        "Not complete: {pct}% of the way rests on issuers the learner has not confirmed "
        "({issuers})",
        pct=str(percent(stack.progress_if_confirmed)),
        issuers=who,
    )
