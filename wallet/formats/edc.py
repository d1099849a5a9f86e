"""Europass European Digital Credentials (EDC): the European Learning Model v3 (ELM) read into
our record, as plain JSON-LD or sealed with JAdES.

ELM says what Open Badges says in other words, and says more. Where each EU micro-credential
element comes from (the main claim is the first `credentialSubject.hasClaim`; its
specification is the claim's `specifiedBy`):

  title               the claim's title, else its specification's, else the display title
  awarding body       claim.awardedBy.awardingBody (legalName, homepage, address country),
                      else the credential's `issuer`
  date of issue       claim.awardedBy.awardingDate, else issuanceDate / issued, else validFrom
  learning outcomes   specification.learningOutcome titles (else learningOutcomeSummary); their
                      ESCO skills are kept as alignments, as are the ISCED-F thematic areas
  credits             claim.creditReceived, else specification.creditPoint (point, framework:
                      the ECTS concept or a label naming it gives "ECTS")
  level               specification.eqfLevel (http://data.europa.eu/snb/eqf/N) as EQF, else
                      the first nqfLevel, named by its label ("RQF Level 6" -> RQF 6); national
                      levels are also kept as alignments
  volume of learning  specification.volumeOfLearning, else an activity's workload, as hours
                      when the ISO 8601 duration is hours and minutes ("PT60H"); months or days
                      of calendar time are not hours of learning and are left out. It becomes
                      the credits ("60 hours") when no credit points are given.
  participation       the specification's mode (online, blended, in person), else the mode of
                      the learning activity that led to it
  assessment          claim.provenBy (or the claim itself when it is an assessment): its title
                      (type, mode); supervision and identity verification
  grade               the assessment's grade
  entry requirements  specification.entryRequirement
  quality assurance   accreditations of the specification or the awarding body
  validity            validFrom, validUntil / expirationDate

Everything is a stranger's text: language maps give the reader's language, then English, then
any; text is plain (control characters dropped) and bounded; lists are read to a fixed number
of items. ELM organisations and people carry document-local ids (`urn:epass:org:1` in every
EDC ever issued), which identify nothing: they are not taken as the issuer's or learner's id.
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterable
from typing import Any, TypeVar

from wallet.credential import (
    DATA_INTEGRITY,
    JADES,
    UNSIGNED,
    VC,
    Alignment,
    Credential,
    Credits,
    Issuer,
    Level,
)
from wallet.errors import FormatError
from wallet.formats import vc
from wallet.formats.common import as_list, ident, obj, types
from wallet.formats.details import normalize_unit
from wallet.messages import M, current_language

EDC_TYPE = "EuropeanDigitalCredential"
ELM_CONTEXT = "http://data.europa.eu/snb/model/context/"
ECTS_CONCEPT = "http://data.europa.eu/snb/education-credit/6fcec5c5af"
_EQF_CONCEPT = re.compile(r"^https?://data\.europa\.eu/snb/eqf/(\d{1,2})$")
_LOCAL_ID = re.compile(r"^urn:epass:", re.I)  # ids the EDC builder numbers per document

MAX_ITEMS = 100  # items read from any one list (outcomes, skills, credit points, ...)
MAX_TEXT = 4000  # characters kept of any one text
MAX_LOGO_BYTES = 512 * 1024  # an organisation's logo kept as the card's picture
_LOGO_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "JPG": "image/jpeg"}
_T = TypeVar("_T")
_B64 = re.compile(r"^[A-Za-z0-9+/\s]*={0,2}\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


# --- recognising ELM ---------------------------------------------------------------------------


def is_edc(doc: Any) -> bool:
    """An ELM v3 credential: typed EuropeanDigitalCredential or using the ELM context."""
    if not isinstance(doc, dict):
        return False
    if EDC_TYPE in types(doc):
        return True
    contexts = [c for c in as_list(doc.get("@context")) if isinstance(c, str)]
    return "credentialSubject" in doc and any(c.startswith(ELM_CONTEXT) for c in contexts)


_PROLOG = ((b"<?", b"?>"), (b"<!--", b"-->"), (b"<!", b">"))
_SPACE = re.compile(rb"\s*")
_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")


def europass_xml_problem(data: bytes) -> FormatError | None:
    """The error for a Europass credential in the XML form of the older model (EDCI, ELM 2),
    which the wallet does not read; None for any other XML. Only the root element's name is
    looked at (first 64 KiB, no XML parser: the bytes are a stranger's)."""
    head = data[: 64 * 1024].removeprefix(b"\xef\xbb\xbf")
    pos = 0
    while True:  # past the XML declaration, comments, processing instructions, DOCTYPE
        space = _SPACE.match(head, pos)
        pos = space.end() if space else pos
        closer = next((c for o, c in _PROLOG if head.startswith(o, pos)), None)
        if closer is None:
            break
        end = head.find(closer, pos)
        if end < 0:
            return None
        pos = end + len(closer)
    root = _ROOT.match(head, pos)
    if root is None:
        return None
    name = root.group(1).decode("ascii", "replace")
    if name in ("europassCredential", "europassPresentation"):
        return FormatError(
            M(
                "a Europass credential in the older XML format: the wallet reads European "
                "Digital Credentials in their JSON-LD form (ELM 3), sealed or not"
            )
        )
    return None


# --- text --------------------------------------------------------------------------------------


def _clean(value: str) -> str | None:
    """Plain, bounded text: control and direction-changing characters dropped."""
    text = _CONTROL.sub("", value.replace("\t", " ")).strip()
    if len(text) > MAX_TEXT:
        text = text[: MAX_TEXT - 1].rstrip() + "\u2026"
    return text or None


def _from_map(value: dict[str, Any]) -> str | None:
    """A language map's text: the reader's language, then English, then any."""
    wanted = (current_language().lower(), "en")
    for code in wanted:
        for key, v in value.items():
            k = key.lower()
            if k == code or k.startswith(code + "-"):
                found = _words(v, maps=False)
                if found:
                    return found
    for n, v in enumerate(value.values()):
        if n >= MAX_ITEMS:
            break
        found = _words(v, maps=False)
        if found:
            return found
    return None


_NODE_TEXT = ("noteLiteral", "prefLabel", "title", "legalName", "altLabel", "fullName")


def _words(value: Any, maps: bool = True) -> str | None:
    """Text from a string, a language map, a list of either, or an ELM node that carries its
    words in a Note (`noteLiteral`) or a label."""
    if isinstance(value, str):
        return _clean(value)
    if isinstance(value, list):
        for item in value[:MAX_ITEMS]:
            found = _words(item, maps)
            if found:
                return found
        return None
    if not isinstance(value, dict) or not maps:
        return None
    if "@value" in value:
        return _words(value["@value"], maps=False)
    if "id" in value or "type" in value or any(k in value for k in _NODE_TEXT):
        for key in _NODE_TEXT:
            if key in value:
                found = _words(value[key])
                if found:
                    return found
        return None
    return _from_map(value)


def _english(value: Any) -> str | None:
    """A language map's English text only (to recognise a concept by its label)."""
    if isinstance(value, dict):
        for key, v in value.items():
            if key.lower() == "en" or key.lower().startswith("en-"):
                return _words(v, maps=False)
    return None


def _label(concept: Any) -> str | None:
    """A concept's name: its preferred label, else its notation, else its id's last part."""
    if isinstance(concept, dict):
        found = _words(concept.get("prefLabel")) or _words(concept.get("notation"))
        if found:
            return found
        cid = ident(concept)
        return _clean(re.split(r"[/#]", cid.rstrip("/"))[-1]) if cid else None
    return _words(concept)


def _nodes(value: Any) -> list[dict[str, Any]]:
    """The objects of one value or a list, to a bounded number."""
    return [v for v in as_list(value)[:MAX_ITEMS] if isinstance(v, dict)]


def _global_id(value: Any) -> str | None:
    """An id that names something beyond this document (not `urn:epass:...`)."""
    found = ident(value)
    if not found or _LOCAL_ID.match(found):
        return None
    return _clean(found)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if value >= 0 else None
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{1,9}(?:[.,]\d{1,6})?)\s*", value)
        if m:
            return float(m.group(1).replace(",", "."))
    return None


def _unique(items: list[str]) -> list[str]:
    out: list[str] = []
    for item in items:
        if item and item not in out:
            out.append(item)
    return out


# --- the elements ------------------------------------------------------------------------------


def _first(found: Iterable[_T | None]) -> _T | None:
    """The first of `found` that is something (an empty text or 0 is nothing); the rest are
    not looked at."""
    return next((f for f in found if f), None)


def _country(org: dict[str, Any]) -> str | None:
    places = (a for loc in _nodes(org.get("location")) for a in _nodes(loc.get("address")))
    return _first(_label(address.get("countryCode")) for address in places)


def _homepage(org: dict[str, Any]) -> str | None:
    for page in as_list(org.get("homepage"))[:MAX_ITEMS]:
        url = page.get("contentURL") if isinstance(page, dict) else page
        if isinstance(url, str) and re.match(r"^https?://\S+$", url.strip()):
            return _clean(url)
    return None


def organisation(org: dict[str, Any]) -> Issuer:
    """Our issuer record of an ELM Organisation."""
    return Issuer(
        id=_global_id(org),
        name=_words(org.get("legalName")) or _words(org.get("altLabel")),
        url=_homepage(org),
        country=_country(org),
    )


def _logo(org: dict[str, Any]) -> str | None:
    """The organisation's logo as a data: URI (PNG or JPEG, bounded); the window opens it
    through its own image checks."""
    media = obj(org.get("logo"))
    content = media.get("content")
    if not isinstance(content, str) or len(content) > MAX_LOGO_BYTES * 4 // 3 + 4:
        return None
    kind = (ident(media.get("contentType")) or "").rsplit("/", 1)[-1].upper()
    if kind not in _LOGO_TYPES or not _B64.match(content):
        return None
    try:
        base64.b64decode(content, validate=False)
    except ValueError:
        return None
    return f"data:{_LOGO_TYPES[kind]};base64,{''.join(content.split())}"


def _is_ects(framework: Any) -> bool:
    if ident(framework) == ECTS_CONCEPT:
        return True
    english = _english(obj(framework).get("prefLabel")) if isinstance(framework, dict) else None
    return normalize_unit(english or _label(framework) or "") == "ECTS"


def _credits(value: Any) -> Credits | None:
    """Credit points: ECTS first when several frameworks are given."""
    first: Credits | None = None
    for point in _nodes(value):
        amount = _number(point.get("point"))
        if amount is None:
            continue
        framework = point.get("framework")
        if _is_ects(framework):
            return Credits(amount, "ECTS")
        first = first or Credits(amount, normalize_unit(_label(framework) or "credits"))
    return first


_HOURS = re.compile(
    r"^P(?:0+D)?T(?=\d)(?:(\d{1,6}(?:[.,]\d{1,6})?)H)?(?:(\d{1,6}(?:[.,]\d{1,6})?)M)?"
    r"(?:(\d{1,9}(?:[.,]\d{1,6})?)S)?$"
)


def hours(duration: Any) -> float | None:
    """Hours of an ISO 8601 duration made of hours, minutes and seconds ("PT60H", "PT1H30M");
    None for calendar spans (months, days): those say how long, not how much learning."""
    if not isinstance(duration, str):
        return None
    m = _HOURS.match(duration.strip().upper())
    if not m:
        return None
    h, mins, secs = (float((g or "0").replace(",", ".")) for g in m.groups())
    total = round(h + mins / 60 + secs / 3600, 2)
    return total or None


def _level(spec: dict[str, Any]) -> Level | None:
    for concept in as_list(spec.get("eqfLevel"))[:MAX_ITEMS]:
        m = _EQF_CONCEPT.match(ident(concept) or "")
        number = m.group(1) if m else _first_number(_label(concept))
        if number:
            return Level(number, "EQF")
    for concept in as_list(spec.get("nqfLevel"))[:MAX_ITEMS]:
        label = _english(obj(concept).get("prefLabel")) or _label(concept)
        number = _first_number(label)
        if number:
            return Level(number, _framework_name(label or ""))
    return None


def _first_number(text: str | None) -> str | None:
    m = re.search(r"\d+", text or "")
    return m.group() if m else None


def _framework_name(label: str) -> str:
    """ "RQF Level 6" -> "RQF"; a label that is only "Level 6" -> "NQF"."""
    name = re.sub(
        r"\b(?:level|niveau|stufe|nivel|livello|taso|poziom)\b|\d+",
        " ",
        label,
        flags=re.I,
    )
    name = " ".join(name.split()).strip(" -:,")
    return name[:40] or "NQF"


def _concept(concept: dict[str, Any], framework: str, kind: str | None = None) -> Alignment:
    """A concept of a framework (an NQF level, an ESCO skill) as an alignment: its label and id."""
    return Alignment(
        target_name=_label(concept),
        target_url=_global_id(concept),
        target_framework=framework,
        target_type=kind,
    )


def _alignments(spec: dict[str, Any]) -> list[Alignment]:
    """National levels, ISCED-F fields and the outcomes' ESCO skills, kept for stacks and search."""
    out = [_concept(c, "NQF") for c in _nodes(spec.get("nqfLevel"))]
    for concept in _nodes(spec.get("thematicArea")):
        cid = _global_id(concept) or ""
        out.append(
            Alignment(
                target_name=_label(concept),
                target_url=cid or None,
                target_code=_words(concept.get("notation"))
                or (cid.rsplit("/", 1)[-1] if "/isced-f/" in cid else None),
                target_framework="ISCED-F" if "/isced-f/" in cid else None,
            )
        )
    for outcome in _nodes(spec.get("learningOutcome")):
        out += [_concept(s, "ESCO", "Skill") for s in _nodes(outcome.get("relatedESCOSkill"))]
    seen: set[tuple[str | None, str | None]] = set()
    unique = []
    for a in out:
        key = (a.target_name, a.target_url)
        if key not in seen and (a.target_name or a.target_url):
            seen.add(key)
            unique.append(a)
    return unique[:MAX_ITEMS]


def _outcomes(spec: dict[str, Any]) -> list[str]:
    found = [
        _words(o.get("title")) or _words(o.get("description"))
        for o in _nodes(spec.get("learningOutcome"))
    ]
    out = _unique([f for f in found if f])
    if not out:
        summary = _words(spec.get("learningOutcomeSummary"))
        out = [summary] if summary else []
    return out


def _assessments(claim: dict[str, Any]) -> list[dict[str, Any]]:
    if "LearningAssessment" in types(claim):
        return [claim]
    return _nodes(claim.get("provenBy"))


def _assessment(assessments: list[dict[str, Any]]) -> str | None:
    """Each assessment as "title (type, mode); supervision", joined by "; "."""
    parts = []
    for a in assessments[:10]:
        spec = obj(a.get("specifiedBy"))
        title = _words(a.get("title")) or _words(spec.get("title"))
        kinds = _unique([k for k in (_label(spec.get("dcType")), _label(spec.get("mode"))) if k])
        text = f"{title} ({', '.join(kinds)})" if title and kinds else title or ", ".join(kinds)
        supervision = _label(a.get("idVerification"))
        if supervision:
            text = f"{text}; {supervision}" if text else supervision
        if text:
            parts.append(text)
    return "; ".join(_unique(parts)) or None


def _grade(assessments: list[dict[str, Any]]) -> str | None:
    for a in assessments:
        found = _words(a.get("grade"))
        if found:
            return found
    return None


def _participation(claim: dict[str, Any], spec: dict[str, Any]) -> str | None:
    found = _label(spec.get("mode")) if spec.get("mode") else None
    if found:
        return found
    for activity in _nodes(claim.get("influencedBy")):
        mode = obj(activity.get("specifiedBy")).get("mode")
        if mode:
            return _label(mode)
    return None


def _quality_assurance(spec: dict[str, Any], org: dict[str, Any]) -> str | None:
    parts = []
    for acc in _nodes(spec.get("accreditation")) + _nodes(org.get("accreditation")):
        what = _words(acc.get("title")) or _label(acc.get("dcType"))
        agent = _words(obj(acc.get("accreditingAgent")).get("legalName"))
        text = f"{what} ({agent})" if what and agent else what or agent
        if text:
            parts.append(text)
    return "; ".join(_unique(parts)[:10]) or None


def _volume(claim: dict[str, Any], spec: dict[str, Any]) -> float | None:
    """The specification's volume of learning, else the claim's workload, else the first
    workload of the activities it was influenced by."""
    activities = (a.get("workload") for a in _nodes(claim.get("influencedBy")))
    given = (spec.get("volumeOfLearning"), claim.get("workload"), *activities)
    return _first(hours(duration) for duration in given)


def _learner(subject: dict[str, Any]) -> str | None:
    name = _words(subject.get("fullName"))
    if name:
        return name
    parts = [_words(subject.get("givenName")), _words(subject.get("familyName"))]
    return " ".join(p for p in parts if p) or None


def read_edc(doc: dict[str, Any], proof_form: str | None = None) -> Credential:
    """Our record of an ELM v3 credential (see the module docstring for where each element
    comes from). `proof_form` is JADES for a sealed one; else read from `proof`."""
    subject = obj(doc.get("credentialSubject"))
    claim = obj(subject.get("hasClaim"))
    spec = obj(claim.get("specifiedBy"))
    display = obj(doc.get("displayParameter"))
    awarding = obj(claim.get("awardedBy"))
    sealer = obj(doc.get("issuer"))
    body = obj(awarding.get("awardingBody")) or sealer
    issuer = organisation(body)
    if not issuer.name and sealer and body is not sealer:
        issuer = organisation(sealer)
    if proof_form is None:
        proof_form = DATA_INTEGRITY if doc.get("proof") else UNSIGNED

    credits = _credits(claim.get("creditReceived")) or _credits(spec.get("creditPoint"))
    volume = _volume(claim, spec)
    if credits is None and volume:
        credits, volume = Credits(volume, "hours"), None
    assessments = _assessments(claim)
    valid_from = _words(doc.get("validFrom"))
    issued = (
        _words(awarding.get("awardingDate"))
        or _words(doc.get("issuanceDate"))
        or _words(doc.get("issued"))
        or valid_from
    )
    kind = _label(spec.get("dcType")) if spec.get("dcType") else None
    if not kind and "Qualification" in types(spec):
        kind = "Qualification"
    return Credential(
        format=VC,
        proof_form=proof_form,
        title=_words(claim.get("title"))
        or _words(spec.get("title"))
        or _words(display.get("title"))
        or "European Digital Credential",
        description=_words(claim.get("description"))
        or _words(spec.get("description"))
        or _words(display.get("description")),
        image=_logo(body),
        issuer=issuer,
        subject_id=_global_id(subject),
        subject_name=_learner(subject),
        issued=issued,
        valid_from=valid_from,
        valid_until=_words(doc.get("validUntil")) or _words(doc.get("expirationDate")),
        credential_id=_global_id(doc),
        achievement_id=_global_id(spec),
        achievement_type=kind,
        criteria=None,
        credits=credits,
        level=_level(spec),
        learning_outcomes=_outcomes(spec)[:MAX_ITEMS],
        assessment=_assessment(assessments),
        participation=_participation(claim, spec),
        quality_assurance=_quality_assurance(spec, body),
        grade=_grade(assessments),
        entry_requirements=_words(spec.get("entryRequirement")),
        volume_of_learning=Credits(volume, "hours") if volume else None,
        alignments=_alignments(spec),
    )


# --- the JAdES-sealed form ---------------------------------------------------------------------


def looks_sealed(doc: dict[str, Any]) -> bool:
    """A JAdES seal: a JWS JSON serialization whose payload is unencoded JSON (`b64: false`, as
    EDC seals are written), or whose protected header carries JAdES's signing time (`sigT`).
    The SD-JWT JSON serialization has neither: it goes to the SD-JWT reader."""
    from wallet.proofs.jades import looks_like_jades
    from wallet.proofs.jose import b64url_decode, load_json_bytes

    if not looks_like_jades(doc):
        return False
    payload = doc.get("payload")
    if isinstance(payload, str) and payload.lstrip()[:1] == "{":
        return True
    signatures = doc.get("signatures")
    first = signatures[0] if isinstance(signatures, list) else doc
    protected = first.get("protected") if isinstance(first, dict) else None
    if not isinstance(protected, str):
        return False
    try:
        header = load_json_bytes(b64url_decode(protected, "header"))
    except FormatError:
        return False
    return isinstance(header, dict) and ("sigT" in header or header.get("b64") is False)


def read_sealed(data: bytes) -> Credential:
    """Our record of the document inside a JAdES seal (the seal itself is judged when the
    credential is verified, not here)."""
    from wallet.proofs.jades import parse_jades  # here: cryptography's x509 loads on first use

    envelope = parse_jades(data)
    doc = envelope.document()
    if not isinstance(doc, dict):
        raise FormatError(M("not a credential: the sealed document is not a JSON object"))
    if is_edc(doc):
        return read_edc(doc, proof_form=JADES)
    if vc.kind_of(doc):
        return vc.read_credential(doc, proof_form=JADES)
    raise FormatError(M("not a credential: the sealed document has no recognised @context or type"))
