"""Micro-credential details (credits, level, learning outcomes, assessment, ...) and where we look.

Open Badges 3.0 only standardises some of these, so issuers put the rest in extensions. The
heuristics below are deliberately simple and predictable; each looks in a fixed order and the
first hit wins. "Places" are: the achievement, the credential subject, the credential itself,
and any object inside them that is an extension (its key or `type` contains "extension").
Keys are compared case-insensitively with `_`, `-` and spaces ignored.

Credits (value and unit):
  1. `creditsAvailable` on the achievement (OB 3.0), else `creditsEarned` on the subject.
     Unit, in order: an explicit unit key in the places (`creditUnit`, `creditsUnit`,
     `creditType`, `creditSystem`); else any framework/name text in the achievement's
     alignments or extension keys naming ECTS, NZQF/NZQA, or hours; else the level's framework
     (EQF implies ECTS, NZQF implies NZQF credits); else plain "credits".
  2. Extension keys: a key containing `ects` with a number (ECTS), `nzqfCredits` (NZQF
     credits), `credits`/`credit`/`creditValue`/`workload`/`studyLoad`/`volumeOfLearning`
     holding a number or `{value|amount, unit|type|system}`, and `hours`/`notionalHours`/
     `learningHours`/`workloadHours` holding a number (hours).
  3. Results: a `result` whose `value` is a number and whose result description (matched by
     id) or alignment names ECTS/NZQF/credits/hours.
  Units are normalised to "ECTS", "NZQF credits", "hours"; anything else is kept as written.

Level: an alignment (achievement, then its result descriptions, then the credential) whose
  framework, name or URL names EQF / European Qualifications Framework / europa.eu, or NZQF /
  New Zealand Qualifications / nzqa.govt.nz. The value is the numeric `targetCode`, else the
  first number in `targetName`. Then extension keys `eqfLevel`, `nzqfLevel`, `level`,
  `educationalLevel`, `qualificationLevel` (a number, "EQF 6", or `{value, framework}`), then
  `fieldOfStudy` text such as "EQF level 6". Other alignments whose name reads "Level N" give
  a level in their own framework.

Learning outcomes: extension keys `learningOutcomes`/`learningOutcome`/`outcomes` (strings or
  objects with name/description), else the names of competency-like alignments (targetType
  CFItem, ceasn:Competency, or any type or framework naming competency/skill/outcome/ESCO) on
  the achievement and on its result descriptions. Result description names themselves are
  not used: they name graded items ("Final Project Grade"), not outcomes.

Assessment / participation / quality assurance: extension keys
  `assessment`, `assessmentType`, `typeOfAssessment`, `formOfAssessment`, `assessmentMethod`;
  `participation`, `modeOfParticipation`, `formOfParticipation`, `participationMode`,
  `deliveryMode`, `modeOfDelivery`; `qualityAssurance`, `qualityAssuranceBody`,
  `accreditation`, `accreditedBy`. A string is taken as is; an object gives its name /
  description / id.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from wallet.credential import Alignment, Credential, Credits, Level
from wallet.formats.common import as_list, ident, obj, text, types

_MAX_WALK = 4


def _norm(key: str) -> str:
    return re.sub(r"[\s_\-]+", "", key).lower()


def _places(*nodes: Any) -> Iterator[dict[str, Any]]:
    """The given objects and the extension objects nested inside them (a few levels deep)."""

    def walk(node: dict[str, Any], depth: int) -> Iterator[dict[str, Any]]:
        yield node
        if depth >= _MAX_WALK:
            return
        for k, v in node.items():
            for item in as_list(v):
                if not isinstance(item, dict):
                    continue
                is_ext = "extension" in k.lower() or any(
                    "extension" in t.lower() for t in types(item)
                )
                if is_ext:
                    yield from walk(item, depth + 1)

    for n in nodes:
        if isinstance(n, dict) and n:
            yield from walk(n, 0)


def _lookup(keys: tuple[str, ...], *nodes: Any) -> Any:
    wanted = {_norm(k) for k in keys}
    for place in _places(*nodes):
        for k, v in place.items():
            if _norm(k) in wanted and v not in (None, "", [], {}):
                return v
    return None


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d+(?:[.,]\d+)?)\s*", value)
        if m:
            return float(m.group(1).replace(",", "."))
    return None


def normalize_unit(unit: str) -> str:
    """'ECTS credits' -> 'ECTS', 'NZQA credits' -> 'NZQF credits', 'notional hours' -> 'hours'."""
    u = unit.strip()
    low = u.lower()
    if "ects" in low or "european credit" in low:
        return "ECTS"
    if "nzqf" in low or "nzqa" in low or "new zealand" in low:
        return "NZQF credits"
    if "hour" in low:
        return "hours"
    return u or "credits"


def _unit_in_text(*texts: str | None) -> str | None:
    joined = " ".join(t for t in texts if t).lower()
    if re.search(r"\bects\b|european credit", joined):
        return "ECTS"
    if re.search(r"nzqf|nzqa|new zealand qualifications", joined):
        return "NZQF credits"
    if re.search(r"\bhours?\b", joined):
        return "hours"
    return None


def _describe(value: Any) -> str | None:
    if isinstance(value, dict):
        return (
            text(value.get("name"))
            or text(value.get("description"))
            or text(value.get("id"))
            or text(value)
        )
    if isinstance(value, list):
        parts = [p for p in (_describe(v) for v in value) if p]
        return "; ".join(parts) or None
    return text(value)


# --- alignments ----------------------------------------------------------------------------


def alignments(raw: Any) -> list[Alignment]:
    """Alignment objects (OB 2.0 and OB 3.0 use the same field names)."""
    out = []
    for a in as_list(raw):
        if not isinstance(a, dict):
            continue
        out.append(
            Alignment(
                target_name=text(a.get("targetName")),
                target_url=text(a.get("targetUrl")),
                target_code=text(a.get("targetCode")),
                target_framework=text(a.get("targetFramework")),
                target_type=text(a.get("targetType")),
            )
        )
    return out


def _all_alignments(achievement: dict[str, Any], credential: dict[str, Any]) -> list[Alignment]:
    found = alignments(achievement.get("alignment"))
    for rd in as_list(achievement.get("resultDescription")):
        if isinstance(rd, dict):
            found += alignments(rd.get("alignment"))
    found += alignments(credential.get("alignment"))
    return found


# --- level ---------------------------------------------------------------------------------

_EQF = re.compile(r"\beqf\b|european qualifications? framework|europa\.eu", re.I)
_NZQF = re.compile(r"\bnzqf\b|new zealand qualifications|nzqa\.govt\.nz|\bnzqcf\b", re.I)


def _framework_of(*texts: str | None) -> str | None:
    joined = " ".join(t for t in texts if t)
    if _NZQF.search(joined):
        return "NZQF"
    if _EQF.search(joined):
        return "EQF"
    return None


def _first_number(s: str | None) -> str | None:
    m = re.search(r"\d+", s or "")
    return m.group() if m else None


def _level_from_value(value: Any, framework_hint: str | None) -> Level | None:
    if isinstance(value, dict):
        v = text(value.get("value") or value.get("level") or value.get("code"))
        fw = text(value.get("framework") or value.get("targetFramework"))
        if v:
            return Level(
                _first_number(v) or v, _framework_of(fw, v) or fw or framework_hint or "unknown"
            )
        return None
    s = text(value)
    if not s:
        return None
    fw = _framework_of(s) or framework_hint
    num = _first_number(s)
    if num and (fw or re.fullmatch(r"\s*\d+\s*", s)):
        return Level(num, fw or "unknown")
    return None


def find_level(achievement: dict[str, Any], credential: dict[str, Any]) -> Level | None:
    """The qualification level (EQF / NZQF or a named framework); see the module docstring."""
    aligned = _all_alignments(achievement, credential)
    for a in aligned:
        fw = _framework_of(a.target_framework, a.target_name, a.target_url)
        if fw:
            value = a.target_code if _number(a.target_code) is not None else None
            value = value or _first_number(a.target_name) or _first_number(a.target_code)
            if value:
                return Level(value, fw)
    for keys, hint in (
        (("eqfLevel", "eqf"), "EQF"),
        (("nzqfLevel", "nzqf"), "NZQF"),
        (("level", "educationalLevel", "qualificationLevel", "qualificationsFrameworkLevel"), None),
    ):
        found = _lookup(keys, achievement, credential)
        if found is not None:
            level = _level_from_value(found, hint)
            if level:
                return level
    fos = text(achievement.get("fieldOfStudy"))
    if fos and _framework_of(fos) and _first_number(fos):
        return Level(_first_number(fos) or "", _framework_of(fos) or "unknown")
    for a in aligned:
        m = re.search(r"\blevel\s*(\d+)", a.target_name or "", re.I)
        if m:
            return Level(m.group(1), a.target_framework or "unknown")
    return None


# --- credits -------------------------------------------------------------------------------

_UNIT_KEYS = ("creditUnit", "creditsUnit", "creditType", "creditSystem", "creditsType")


def _credit_unit(
    achievement: dict[str, Any], credential: dict[str, Any], level: Level | None
) -> str:
    explicit = _lookup(_UNIT_KEYS, achievement, credential)
    if text(explicit):
        return normalize_unit(text(explicit) or "")
    texts: list[str | None] = []
    for a in alignments(achievement.get("alignment")):
        texts += [a.target_framework, a.target_name]
    for place in _places(achievement):
        texts += [
            k
            for k in place
            if "credit" in k.lower() and k not in ("creditsAvailable", "creditsEarned")
        ]
    unit = _unit_in_text(*texts)
    if unit:
        return unit
    if level and level.framework == "EQF":
        return "ECTS"
    if level and level.framework == "NZQF":
        return "NZQF credits"
    return "credits"


def find_credits(
    achievement: dict[str, Any],
    subject: dict[str, Any],
    credential: dict[str, Any],
    level: Level | None = None,
) -> Credits | None:
    """Workload / credit value; see the module docstring for the order of places."""
    value = _number(achievement.get("creditsAvailable"))
    if value is None:
        value = _number(subject.get("creditsEarned"))
    if value is not None:
        return Credits(value, _credit_unit(achievement, credential, level))
    places = list(_places(achievement, subject, credential))
    for place in places:
        for k, v in place.items():
            nk = _norm(k)
            if "ects" in nk and _number(v) is not None:
                return Credits(_number(v) or 0.0, "ECTS")
            if "nzqf" in nk and "credit" in nk and _number(v) is not None:
                return Credits(_number(v) or 0.0, "NZQF credits")
    for place in places:
        for k, v in place.items():
            nk = _norm(k)
            if nk in (
                "credits",
                "credit",
                "creditvalue",
                "workload",
                "studyload",
                "volumeoflearning",
            ):
                if isinstance(v, dict):
                    n = _number(v.get("value", v.get("amount", v.get("credits"))))
                    unit = text(v.get("unit") or v.get("type") or v.get("system"))
                    if n is not None:
                        return Credits(
                            n, normalize_unit(unit or _credit_unit(achievement, credential, level))
                        )
                elif _number(v) is not None:
                    return Credits(_number(v) or 0.0, _credit_unit(achievement, credential, level))
            if (
                nk in ("hours", "notionalhours", "learninghours", "workloadhours", "durationhours")
                and _number(v) is not None
            ):
                return Credits(_number(v) or 0.0, "hours")
    descriptions = {
        rd.get("id"): rd
        for rd in as_list(achievement.get("resultDescription"))
        if isinstance(rd, dict)
    }
    for result in as_list(subject.get("result")):
        if not isinstance(result, dict) or _number(result.get("value")) is None:
            continue
        rd = obj(descriptions.get(result.get("resultDescription")))
        names = [text(rd.get("name")), text(rd.get("resultType"))]
        names += [a.target_name for a in alignments(result.get("alignment"))]
        joined = " ".join(n for n in names if n).lower()
        if re.search(r"ects|nzqf|credit|hour", joined):
            unit = _unit_in_text(joined) or "credits"
            return Credits(_number(result.get("value")) or 0.0, unit)
    return None


# --- outcomes and other elements --------------------------------------------------------------


def _competency_like(a: Alignment) -> bool:
    t = (a.target_type or "").lower()
    fw = (a.target_framework or "").lower()
    if t in ("cfitem", "ceasn:competency", "ceterms:competency"):
        return True
    return any(w in t or w in fw for w in ("competen", "skill", "outcome", "esco"))


def learning_outcomes(achievement: dict[str, Any], credential: dict[str, Any]) -> list[str]:
    """Learning outcomes as short texts; see the module docstring."""
    found = _lookup(("learningOutcomes", "learningOutcome", "outcomes"), achievement, credential)
    out: list[str] = []
    if found is not None:
        for item in as_list(found):
            t = _describe(item)
            if t and t not in out:
                out.append(t)
        if out:
            return out
    aligned = alignments(achievement.get("alignment"))
    for rd in as_list(achievement.get("resultDescription")):
        if isinstance(rd, dict):
            aligned += alignments(rd.get("alignment"))
    for a in aligned:
        if _competency_like(a) and not _framework_of(a.target_framework, a.target_url):
            t = a.target_name or a.target_code
            if t and t not in out:
                out.append(t)
    return out


def element(kind: str, achievement: dict[str, Any], credential: dict[str, Any]) -> str | None:
    """Assessment, participation or quality assurance text from the extension keys."""
    keys = {
        "assessment": (
            "assessment",
            "assessmentType",
            "typeOfAssessment",
            "formOfAssessment",
            "assessmentMethod",
        ),
        "participation": (
            "participation",
            "modeOfParticipation",
            "formOfParticipation",
            "participationMode",
            "deliveryMode",
            "modeOfDelivery",
        ),
        "quality_assurance": (
            "qualityAssurance",
            "qualityAssuranceBody",
            "accreditation",
            "accreditedBy",
        ),
    }[kind]
    return _describe(_lookup(keys, achievement, credential))


def tags(value: Any) -> list[str]:
    """Tags/keywords as a clean list of strings."""
    out: list[str] = []
    for t in as_list(value):
        s = text(t)
        if s and s not in out:
            out.append(s)
    return out


def criteria(value: Any) -> str | None:
    """What the criteria say: an object's narrative (else its id, the criteria page), or the
    text given."""
    if isinstance(value, dict):
        return text(value.get("narrative")) or ident(value)
    return text(value)


def with_education(
    cred: Credential,
    achievement: dict[str, Any],
    subject: dict[str, Any],
    credential: dict[str, Any],
) -> Credential:
    """`cred` with the details every format reads the same way (criteria, level, credits,
    learning outcomes, assessment, participation, quality assurance) from its achievement (an
    OB 2.0 badge class), subject and the credential itself."""
    cred.criteria = criteria(achievement.get("criteria"))
    cred.level = find_level(achievement, credential)
    cred.credits = find_credits(achievement, subject, credential, cred.level)
    cred.learning_outcomes = learning_outcomes(achievement, credential)
    cred.assessment = element("assessment", achievement, credential)
    cred.participation = element("participation", achievement, credential)
    cred.quality_assurance = element("quality_assurance", achievement, credential)
    return cred
