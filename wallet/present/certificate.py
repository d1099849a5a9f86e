"""What a presented credential proves, as a certificate a stranger can read.

Why: an employer reads "Awarded to Ada Lovelace by Example University on 20 February 2026:
Data Analysis (5 ECTS credits, EQF level 5)", not "Achievement › Alignment 1 › Target Type:
ext:QualificationsFrameworkLevel". One Qt-free reading serves the share preview, the verify
window and the portfolio, so the learner sees what the employer will see.

The reading starts from the record `wallet.formats.parse` makes (the importer's entry point),
so every format is read the one way the wallet reads it; only the results (grades) are read
from the document itself, as the record does not keep them. Every line is a message id; dates
are `datetime.date` arguments, so they render in the reader's language. Identifiers (`urn:uuid:`,
DIDs, type IRIs) and timestamps as written never appear in the summary or its lines: they go
to `technical`, the "Technical details". All of it is a stranger's text: cleaned of control
characters and cut to a bounded length, never markup.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from wallet.credential import CLR2, OB2, OB3, SD_JWT_VC, VC, Credential, Credits, Parsed
from wallet.errors import WalletError
from wallet.messages import M, Msg, join, plain, render
from wallet.verify.report import FAIL, PASS, TRUST, WARN, Report

# Bounds on a stranger's text (characters), so no credential can flood a window.
MAX_NAME = 160
MAX_TITLE = 200
MAX_DESCRIPTION = 320
MAX_ELEMENT = 400
MAX_OUTCOME = 240
MAX_OUTCOMES = 12
MAX_RESULTS = 8
MAX_INCLUDED = 12
MAX_TECHNICAL = 400
MAX_TECHNICAL_LINES = 40

_FORMAT_NAMES = {
    OB2: "Open Badges 2.0",
    OB3: "Open Badges 3.0",
    CLR2: "CLR 2.0",
    VC: "W3C Verifiable Credential",
    SD_JWT_VC: "SD-JWT VC",
}
# Bidirectional overrides and isolates: they can make a name read as something else.
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F)}
# A bare identifier: a scheme, a colon and no spaces (urn:uuid:…, did:key:…, https://…,
# ext:QualificationsFrameworkLevel).
_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$")
_EMAIL = re.compile(r"^[^@\s:/]+@[^@\s:/]+\.[^@\s:/]+$")
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")


# ----- the certificate -------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One labelled line. `label` is None on a list's later items (learning outcomes);
    `secondary` lines (the issuer's identifier) are shown smaller, after what they belong to."""

    label: Msg | None
    value: Msg
    secondary: bool = False


@dataclass(frozen=True)
class Result:
    """One result the issuer recorded (a grade, a score, a status), in words."""

    label: Msg  # our word for its kind: Grade, Score, Status, Result
    value: Msg  # the value, with the issuer's name for it where it adds something


@dataclass(frozen=True)
class Certificate:
    """What one presented credential proves, read for a person (see the module docstring).

    Text fields are the credential's own words, cleaned and bounded; None where the
    credential does not say (or the learner did not reveal it)."""

    title: Msg
    awarded_to: str | None = None  # the learner's name (or e-mail) as far as revealed
    learner_id: str | None = None  # an identifier only: in the technical details
    description: str | None = None
    issuer_name: str | None = None
    issuer_id: str | None = None
    issuer_host: str | None = None  # the web address an unnamed issuer's identifier names
    issuer_trusted: bool | None = None  # None: not judged (the share preview)
    awarded: _dt.date | None = None
    valid_from: _dt.date | None = None
    valid_until: _dt.date | None = None
    level: Msg | None = None  # "EQF level 5 (European Qualifications Framework)"
    level_short: Msg | None = None  # "EQF level 5", for the summary sentence
    credits: Msg | None = None  # "5 ECTS credits"
    volume_of_learning: Msg | None = None  # "60 hours": a Europass credential's workload
    grade: str | None = None  # the record's grade (Europass), when no result gives one
    entry_requirements: str | None = None  # what a learner needed before enrolling
    learning_outcomes: tuple[str, ...] = ()
    more_outcomes: int = 0  # outcomes beyond MAX_OUTCOMES, counted, not shown
    results: tuple[Result, ...] = ()
    assessment: str | None = None
    criteria: str | None = None
    participation: str | None = None
    quality_assurance: str | None = None
    includes: tuple[str, ...] = ()  # a CLR's credentials, by title
    verdict: str | None = None  # the credential's own verdict, when it was checked
    problem: Msg | None = None  # why it could not be read (then little else is set)
    technical: tuple[tuple[Msg, str], ...] = field(default_factory=tuple)

    @property
    def summary(self) -> Msg:
        """The one sentence: who, by whom, when, what (with credits and level)."""
        if self.problem is not None:
            return M("This credential could not be read: {problem}", problem=self.problem)
        who = plain(self.awarded_to) if self.awarded_to else M("a learner whose name is not shown")
        issuer = self._issuer()
        details = [m for m in (self.credits, self.level_short) if m is not None]
        what = M("{title} ({details})", title=self.title, details=join(details, ", "))
        what = what if details else self.title
        if self.awarded is not None:
            return M(
                "Awarded to {who} by {issuer} on {day}: {what}.",
                who=who,
                issuer=issuer,
                day=self.awarded,
                what=what,
            )
        return M("Awarded to {who} by {issuer}: {what}.", who=who, issuer=issuer, what=what)

    def lines(self) -> list[Line]:
        """The labelled lines, in the order a reader wants them."""
        if self.problem is not None:
            return []
        out = [Line(M("Awarded to"), self._awarded_to())]
        out.append(Line(M("Issued by"), self._issuer()))
        if self.issuer_trusted is not None:
            out.append(
                Line(
                    M("Trusted issuer"),
                    M("yes, on your list of trusted issuers")
                    if self.issuer_trusted
                    else M("no, not on your list of trusted issuers"),
                )
            )
        if self.issuer_id:
            out.append(Line(M("Issuer's identifier"), plain(self.issuer_id), secondary=True))
        if self.awarded is not None:
            out.append(Line(M("Date awarded"), _day(self.awarded)))
        if self.valid_from is not None and self.valid_from != self.awarded:
            out.append(Line(M("Valid from"), _day(self.valid_from)))
        out.append(
            Line(
                M("Valid until"),
                _day(self.valid_until) if self.valid_until is not None else M("no end date"),
            )
        )
        if self.level is not None:
            out.append(Line(M("Level"), self.level))
        if self.credits is not None:
            out.append(Line(M("Credits"), self.credits))
        if self.volume_of_learning is not None:
            out.append(Line(M("Workload"), self.volume_of_learning))
        if self.grade:
            out.append(Line(M("Grade"), plain(self.grade)))
        out += [Line(r.label, r.value) for r in self.results]
        if self.description:
            out.append(Line(M("About"), plain(self.description)))
        for n, outcome in enumerate(self.learning_outcomes):
            out.append(Line(M("Learning outcomes") if n == 0 else None, plain(outcome)))
        if self.more_outcomes:
            out.append(Line(None, M("and {count} more", count=self.more_outcomes)))
        if self.entry_requirements:
            out.append(Line(M("Prerequisites"), plain(self.entry_requirements)))
        if self.assessment:
            out.append(Line(M("Assessment"), plain(self.assessment)))
        elif self.criteria:
            out.append(Line(M("Criteria"), plain(self.criteria)))
        if self.participation:
            out.append(Line(M("Participation"), plain(self.participation)))
        if self.quality_assurance:
            out.append(Line(M("Quality assurance"), plain(self.quality_assurance)))
        for n, title in enumerate(self.includes):
            out.append(Line(M("Includes") if n == 0 else None, plain(title)))
        return out

    def _issuer(self) -> Msg:
        if self.issuer_name:
            return plain(self.issuer_name)
        if self.issuer_host:
            return M("the issuer at {host}", host=self.issuer_host)
        return M("an issuer that gives no name")

    def _awarded_to(self) -> Msg:
        if self.awarded_to:
            return plain(self.awarded_to)
        if self.learner_id:
            return M("name not revealed (only an identifier, in the technical details)")
        return M("not revealed")

    def text(self, code: str | None = None) -> str:
        """The certificate as plain text lines in a language (tests, copy, screen readers)."""
        rows = [render(self.title, code), render(self.summary, code)]
        for line in self.lines():
            label = render(line.label, code) if line.label is not None else ""
            value = render(line.value, code)
            rows.append(f"{label}: {value}" if label else value)
        return "\n".join(rows)


def _day(day: _dt.date) -> Msg:
    return M("{day}", day=day)


# ----- cleaning a stranger's text ---------------------------------------------------------------


def clean(value: Any, limit: int) -> str | None:
    """A stranger's text as one plain line: control and direction-override characters
    become spaces, runs of space one, cut at `limit` characters with an ellipsis."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    text = text[: limit * 4]  # a huge value: no need to look at all of it
    text = "".join(
        " " if (unicodedata.category(ch) == "Cc" or ch in _BIDI or ch in "\u2028\u2029") else ch
        for ch in text
    )
    text = " ".join(text.split())
    if not text:
        return None
    if len(text) > limit:
        cut = text[: limit - 1]
        space = cut.rfind(" ")
        text = (cut[:space] if space > limit * 2 // 3 else cut).rstrip(" ,;:.") + "\u2026"
    return text


def is_identifier(text: str) -> bool:
    """An IRI, URN, DID or prefixed name rather than words for a person."""
    return bool(_IDENTIFIER.match(text.strip()))


def _words(value: Any, limit: int) -> str | None:
    """Cleaned text that is words for a person, else None (identifiers go to the details)."""
    text = clean(value, limit)
    return text if text and not is_identifier(text) else None


def day_of(value: str | None) -> _dt.date | None:
    """The calendar day an ISO date or timestamp names, as the issuer wrote it."""
    m = _ISO_DAY.match(value or "")
    if not m:
        return None
    try:
        return _dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


# ----- level and credits ------------------------------------------------------------------------


def _level(credential: Credential) -> tuple[Msg | None, Msg | None]:
    """(the level with its framework in words, the short form for the summary)."""
    level = credential.level
    if level is None:
        return None, None
    value = clean(level.value, 12)
    if not value:
        return None, None
    framework = level.framework
    if framework == "EQF":
        return (
            M("EQF level {level} (European Qualifications Framework)", level=value),
            M("EQF level {level}", level=value),
        )
    if framework == "NZQF":
        return (
            M(
                "NZQF level {level} (New Zealand Qualifications and Credentials Framework)",
                level=value,
            ),
            M("NZQF level {level}", level=value),
        )
    named = _words(framework, 120) if framework != "unknown" else None
    if named:
        return (
            M("level {level} ({framework})", level=value, framework=named),
            M("level {level}", level=value),
        )
    return M("level {level}", level=value), M("level {level}", level=value)


def _count(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 2)


def _credits(credential: Credential) -> Msg | None:
    return _amount(credential.credits)


def _volume(credential: Credential) -> Msg | None:
    """A Europass credential's volume of learning: "60 hours" (beside its credits, so the
    words say plain hours, not "hours of learning" as credits given in hours do)."""
    volume = credential.volume_of_learning
    if volume is not None and volume.unit == "hours" and 0 <= volume.value < 1e6:
        n = _count(volume.value)
        return M("{n} hour", n=n) if n == 1 else M("{n} hours", n=n)
    return _amount(volume)


def _amount(credits: Credits | None) -> Msg | None:
    """Credits (or hours) in words: "5 ECTS credits", "40 hours of learning"."""
    if credits is None or credits.value < 0 or credits.value >= 1e6:
        return None
    count = _count(credits.value)
    if credits.unit == "ECTS":
        return M("{count} ECTS credits", count=count)
    if credits.unit == "NZQF credits":
        return M("{count} NZQF credits", count=count)
    if credits.unit == "hours":
        return M("{count} hours of learning", count=count)
    unit = _words(credits.unit, 40)
    if unit and unit.lower() not in ("credit", "credits"):
        return M("{count} {unit}", count=count, unit=unit)
    return M("{count} credits", count=count)


# ----- results ------------------------------------------------------------------------------------

_GRADES = {"lettergrade", "gradepointaverage", "percent"}
_SCORES = {"rawscore", "scaledscore", "rubricscore", "predictedscore", "pointsearned"}
_LEVELS = {"performancelevel", "rubriccriterionlevel", "rubriccriterion"}
_STATUSES = {
    "completed": M("completed"),
    "enrolled": M("enrolled"),
    "failed": M("not passed"),
    "inprogress": M("in progress"),
    "onhold": M("on hold"),
    "provisional": M("provisional"),
    "withdrew": M("withdrawn"),
}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [] if value is None else [value]


def _obj(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _plain_text(value: Any) -> str | None:
    """A value that is text or a number (a language map's English, else its first)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str | int | float):
        return str(value)
    if isinstance(value, dict):
        for key in ("@value", "en", "name", "value"):
            if key in value:
                return _plain_text(value[key])
        return next((v for v in value.values() if isinstance(v, str)), None)
    if isinstance(value, list) and value:
        return _plain_text(value[0])
    return None


def _kind(result_type: str, name: str) -> Msg:
    key = re.sub(r"[^a-z]", "", result_type.lower())
    if key in _GRADES or (not key and "grade" in name.lower()):
        return M("Grade")
    if key in _SCORES:
        return M("Score")
    if key in _LEVELS:
        return M("Performance level")
    if key == "status":
        return M("Status")
    return M("Result")


def results_of(subject: dict[str, Any], achievement: dict[str, Any]) -> tuple[Result, ...]:
    """The subject's OB 3.0 `result`s, each named by its `resultDescription`: "Grade: A-"."""
    descriptions = {
        str(rd.get("id")): rd
        for rd in _as_list(achievement.get("resultDescription"))
        if isinstance(rd, dict) and rd.get("id")
    }
    out: list[Result] = []
    for result in _as_list(subject.get("result"))[: MAX_RESULTS * 4]:
        if not isinstance(result, dict):
            continue
        rd = _obj(descriptions.get(str(result.get("resultDescription"))))
        name = clean(_plain_text(rd.get("name")), 80) or ""
        result_type = clean(_plain_text(result.get("resultType") or rd.get("resultType")), 60)
        result_type = result_type or ""
        if re.search(r"ects|credit|hour", f"{name} {result_type}", re.I):
            continue  # read as the credits
        found = _result_value(result, rd)
        if found is None:
            continue
        value, is_status = found
        label = M("Status") if is_status else _kind(result_type, name)
        shown = (
            M("{value} ({name})", value=value, name=name)
            if name and not is_identifier(name) and not _generic(name, label)
            else value
        )
        out.append(Result(label, shown))
        if len(out) >= MAX_RESULTS:
            break
    return tuple(out)


def _generic(name: str, label: Msg) -> bool:
    """The issuer's name says no more than our label ("Final grade" for a grade)."""
    word = label.text.lower()
    plain_name = " ".join(name.lower().split())
    return plain_name in (word, f"final {word}", f"overall {word}", "result", "results")


def _result_value(result: dict[str, Any], rd: dict[str, Any]) -> tuple[Msg, bool] | None:
    """The result's value in words, and whether it is a status (completed, enrolled...)."""
    value = _words(_plain_text(result.get("value")), 60)
    if value:
        return plain(value), False
    achieved = result.get("achievedLevel")
    if achieved is not None:
        for level in _as_list(rd.get("rubricCriterionLevel")):
            if isinstance(level, dict) and level.get("id") == achieved:
                named = _words(_plain_text(level.get("name") or level.get("level")), 60)
                if named:
                    return plain(named), False
    status = _plain_text(result.get("status"))
    if status:
        known = _STATUSES.get(re.sub(r"[^a-z]", "", status.lower()))
        if known is not None:
            return known, True
        words = _words(status, 60)
        return (plain(words), True) if words else None
    return None


# ----- the document behind a record ---------------------------------------------------------------


def _document(parsed: Parsed) -> dict[str, Any]:
    """The credential's claims as presented (a VC object, an SD-JWT's disclosed claims), for
    the parts the record does not keep; an empty dict when unreadable."""
    from wallet.formats import vc
    from wallet.proofs import jose

    payload = parsed.payload
    try:
        if payload.lstrip()[:1] == b"{":
            doc = jose.load_json_bytes(payload)
        else:
            token = payload.decode("ascii", "replace").strip()
            if "~" in token:
                doc = jose.sd_jwt_processed(token, strict=False)[1]
            else:
                doc = jose.decode_compact_json(token)[1]
            if isinstance(doc, dict) and "vc" in doc:
                doc = vc.from_jwt_claims(doc)
    except (WalletError, ValueError, UnicodeError):
        return {}
    return doc if isinstance(doc, dict) else {}


def _subject_and_achievement(doc: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    subjects = [s for s in _as_list(doc.get("credentialSubject")) if isinstance(s, dict)]
    subject = subjects[0] if subjects else doc  # a flat SD-JWT VC: its claims are the subject
    return subject, _obj(subject.get("achievement") or doc.get("achievement"))


# ----- building ---------------------------------------------------------------------------------


def trusted_in(report: Report | None) -> bool | None:
    """Whether a report found the issuer on the trust list (None: not judged)."""
    check = report.check(TRUST) if report is not None else None
    if check is None:
        return None
    if check.status == PASS:
        return True
    if check.status in (WARN, FAIL):
        return False
    return None


def certificate_of(
    parsed: Parsed,
    *,
    report: Report | None = None,
    trusted: bool | None = None,
) -> Certificate:
    """The certificate of one credential as presented (`formats.parse` output), with its
    verification report and the trust answer for its issuer when there are any (`trusted`
    defaults to the report's trust check)."""
    cred = parsed.credential
    doc = _document(parsed)
    subject, achievement = _subject_and_achievement(doc)
    name = clean(cred.subject_name, MAX_NAME)
    learner = clean(cred.subject_id, MAX_TECHNICAL)
    if not name and learner and _EMAIL.match(learner):
        name = learner  # an e-mail address is how an OB 2.0 badge names its earner
    title_text = clean(cred.title, MAX_TITLE)
    title = (
        plain(title_text)
        if title_text and not is_identifier(title_text)
        else M("Credential without a title")
    )
    level, level_short = _level(cred)
    description = _words(cred.description, MAX_DESCRIPTION)
    outcomes = [o for o in (_words(o, MAX_OUTCOME) for o in cred.learning_outcomes) if o]
    includes = [t for t in (_words(c.credential.title, MAX_TITLE) for c in parsed.children) if t]
    results = results_of(subject, achievement)
    graded = any(r.label.text == "Grade" for r in results)  # the document's own, in full
    return Certificate(
        title=title,
        awarded_to=name if name and not is_identifier(name) else None,
        learner_id=learner,
        description=description if description != title_text else None,
        issuer_name=_words(cred.issuer.name, MAX_NAME),
        issuer_id=clean(cred.issuer.id, MAX_TECHNICAL),
        issuer_host=_host(cred.issuer.id),
        issuer_trusted=trusted if trusted is not None else trusted_in(report),
        awarded=day_of(cred.issued),
        valid_from=day_of(cred.valid_from),
        valid_until=day_of(cred.valid_until),
        level=level,
        level_short=level_short,
        credits=_credits(cred),
        volume_of_learning=_volume(cred),
        grade=None if graded else _words(cred.grade, 60),
        entry_requirements=_words(cred.entry_requirements, MAX_ELEMENT),
        learning_outcomes=tuple(outcomes[:MAX_OUTCOMES]),
        more_outcomes=max(0, len(outcomes) - MAX_OUTCOMES),
        results=results,
        assessment=_words(cred.assessment, MAX_ELEMENT),
        criteria=_words(cred.criteria, MAX_ELEMENT),
        participation=_words(cred.participation, MAX_ELEMENT),
        quality_assurance=_words(cred.quality_assurance, MAX_ELEMENT),
        includes=tuple(includes[:MAX_INCLUDED]),
        verdict=report.verdict if report is not None else None,
        technical=_technical(cred, title_text),
    )


def _host(identifier: str | None) -> str | None:
    """The host an https URL or a did:web names (where an unnamed issuer can be looked up)."""
    text = clean(identifier, MAX_TECHNICAL) or ""
    m = re.match(r"^(?:https://|did:web:)([A-Za-z0-9.\-]+(?:%3A\d+)?)", text)
    return m[1].replace("%3A", ":").lower() if m else None


def _technical(cred: Credential, title: str | None) -> tuple[tuple[Msg, str], ...]:
    """Identifiers, types and dates as written: what a specialist may want to compare."""
    rows: list[tuple[Msg, str | None]] = [
        (M("Credential format"), _FORMAT_NAMES.get(cred.format, cred.format)),
        (M("Credential ID"), cred.credential_id),
        (M("Credential type"), title if title and is_identifier(title) else None),
        (M("Achievement ID"), cred.achievement_id),
        (M("Achievement type"), cred.achievement_type),
        (M("Issuer's identifier"), cred.issuer.id),
        (M("Issuer's website"), cred.issuer.url),
        (M("Learner's identifier"), cred.subject_id),
        (M("Issued (as written)"), cred.issued),
        (M("Valid from (as written)"), cred.valid_from),
        (M("Valid until (as written)"), cred.valid_until),
    ]
    if cred.level is not None and cred.level.framework not in ("EQF", "NZQF", "unknown"):
        rows.append((M("Level framework"), cred.level.framework))
    for n, a in enumerate(cred.alignments, 1):
        parts = [a.target_name, a.target_framework, a.target_code, a.target_type, a.target_url]
        rows.append((M("Alignment {n}", n=n), " \u00b7 ".join(p for p in parts if p)))
    out: list[tuple[Msg, str]] = []
    for label, value in rows:
        text = clean(value, MAX_TECHNICAL)
        if text:
            out.append((label, text))
    return tuple(out[:MAX_TECHNICAL_LINES])


def unreadable(problem: Msg) -> Certificate:
    """The certificate of a presented credential that could not be read."""
    return Certificate(title=M("Unreadable credential"), problem=problem)


# ----- a whole presentation ---------------------------------------------------------------------


def parse_presented(item: Any) -> Parsed:
    """One credential of a presentation (a VC object, an enveloped JWT or SD-JWT, or an SD-JWT
    presentation's text) through the importer's parser; raises WalletError."""
    from wallet import formats

    if isinstance(item, str):
        return formats.parse(item.encode("utf-8", "replace"))
    if not isinstance(item, dict):
        raise WalletError(M("a presented credential is not a JSON object"))
    uri = item.get("id")
    types = _as_list(item.get("type"))
    if "EnvelopedVerifiableCredential" in types and isinstance(uri, str) and "," in uri:
        return formats.parse(uri.split(",", 1)[1].encode("ascii", "replace"))
    data = json.dumps(item, ensure_ascii=False).encode("utf-8", "replace")
    return formats.parse(data)


def certificates_of(presentation: Any, report: Report | None = None) -> list[Certificate]:
    """A certificate per credential of a presentation (a VP object or an SD-JWT presentation
    text), judged by its verification report when there is one (the nested report of each)."""
    if isinstance(presentation, str):
        try:
            return [certificate_of(parse_presented(presentation), report=report)]
        except WalletError as e:
            return [unreadable(e.msg)]
    if not isinstance(presentation, dict):
        return []
    items = _as_list(presentation.get("verifiableCredential"))
    nested = report.nested if report is not None else []
    out: list[Certificate] = []
    for n, item in enumerate(items):
        own = nested[n] if n < len(nested) else None
        try:
            out.append(certificate_of(parse_presented(item), report=own))
        except WalletError as e:
            out.append(unreadable(e.msg))
    return out
