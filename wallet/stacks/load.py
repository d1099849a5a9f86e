"""Reading stack definitions: our own JSON format, CTDL pathways and Badgr-style pathway exports.

Everything ends up as a `model.Stack`, so the engine, the store and the UI only know one shape.
Imported pathways are converted to our format (`dump_stack`) before they are kept, so a stack in
the wallet always reads back the same way whatever it came from. Every problem is a
`StackError` whose message names where in the document it is (docs/stacks.md).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from wallet.errors import FormatError
from wallet.messages import M, Msg, plain
from wallet.paths import resources
from wallet.proofs.jose import load_json_bytes
from wallet.stacks.model import (
    ACHIEVEMENT,
    ALL,
    ANY,
    CREDITS,
    FIELD,
    GROUPS,
    N_OF,
    STACK,
    Award,
    Requirement,
    Stack,
    StackError,
)

FORMAT = "learner-wallet-stack/1"
MAX_BYTES = 2_000_000  # a pathway is a few kilobytes; refuse anything absurd before parsing
MAX_NODES = 5_000


# ----- own format ----------------------------------------------------------------------------


@cache
def _schema() -> dict[str, Any]:
    path = resources() / "schemas" / "stack.schema.json"
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))  # a shipped object
    return schema


@cache
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft7Validator(_schema())


def _where(path: Any) -> Msg:
    """`requirement.of[1].n` from a jsonschema path: what a person can find in the file."""
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return plain(out) if out else M("the top level")


def _plain(error: Any) -> Msg:
    """One sentence for a schema error: the deepest useful one, named by its path. (A
    jsonschema message we have no words of our own for is shown as the library says it.)"""
    best = error
    # an if/then branch failing says little by itself; its own cause names the field. An
    # anyOf is kept whole: its branches are alternatives, so none of them alone is the fault.
    while best.context and best.validator != "anyOf":
        best = max(best.context, key=lambda e: len(list(e.absolute_path)))
    msg: Msg = plain(best.message)
    if best.validator == "additionalProperties":
        extra = re.findall(r"'([^']+)'", best.message)
        if extra:
            msg = M("unknown key {keys}", keys=", ".join(repr(e) for e in extra))
    elif best.validator == "anyOf":
        names = [s.get("required", ["?"])[0] for s in best.validator_value]
        kind = best.instance.get("type") if isinstance(best.instance, dict) else None
        if len(names) > 1:
            some, last = ", ".join(names[:-1]), names[-1]
            msg = (
                M("an achievement needs {names} or {last}", names=some, last=last)
                if kind == "achievement"
                else M("it needs {names} or {last}", names=some, last=last)
            )
    elif best.validator == "enum" and list(best.path)[-1:] == ["type"]:
        msg = M(
            "{value} is not a requirement type (all, any, n-of, achievement, "
            "credits, field, stack)",
            value=repr(best.instance),
        )
    return M(
        "stack definition: at {where}: {problem}",
        where=_where(best.absolute_path),
        problem=msg,
    )


def _decode(data: bytes | str | dict[str, Any]) -> dict[str, Any]:
    if isinstance(data, dict):
        return data
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise StackError(M("stack definition is larger than {mb} MB", mb=MAX_BYTES // 1_000_000))
    try:
        doc = load_json_bytes(data)
    except FormatError as e:
        raise StackError(M("stack definition: {problem}", problem=e.msg)) from None
    if not isinstance(doc, dict):
        raise StackError(M("stack definition must be a JSON object"))
    return doc


def load_stack(data: bytes | str | dict[str, Any]) -> Stack:
    """Read our own format, validated against resources/schemas/stack.schema.json.

    Schema errors come back as one plain sentence naming the path ("at requirement.of[1]: 'n'
    is a required property"), then the checks a schema cannot say (n no larger than the number
    of choices, floors no larger than the total, ids unique)."""
    doc = _decode(data)
    errors = sorted(
        _validator().iter_errors(doc), key=lambda e: (len(list(e.path)), list(map(str, e.path)))
    )
    if errors:
        raise StackError(_plain(errors[0]))
    award_doc = doc.get("award") or {"name": doc["name"]}
    credits = award_doc.get("credits") or {}
    level = award_doc.get("level") or {}
    award = Award(
        name=award_doc["name"],
        awarding_body=award_doc.get("awardingBody"),
        credits=credits.get("value"),
        credit_unit=credits.get("unit"),
        level=str(level["value"]) if level else None,
        framework=level.get("framework") if level else None,
    )
    options = doc.get("options") or {}
    root = _requirement(doc["requirement"], "requirement", "root")
    _check_ids(root)
    return Stack(
        id=doc["id"],
        name=doc["name"],
        award=award,
        root=root,
        allow_reuse=bool(options.get("reuse", False)),
        allow_expired=bool(options.get("expired", False)),
        source=doc.get("source", "own"),
        description=doc.get("description", ""),
    )


def _requirement(d: dict[str, Any], where: str, default_id: str) -> Requirement:
    kind = d["type"]
    r = Requirement(
        kind=kind,
        id=d.get("id") or default_id,
        label=d.get("label", ""),
        max_age_days=d.get("maxAgeDays"),
    )
    if kind in GROUPS:
        r.children = [
            _requirement(c, f"{where}.of[{i}]", f"{r.id}/{i}") for i, c in enumerate(d["of"])
        ]
        if kind == N_OF:
            r.n = d["n"]
            if r.n > len(r.children):
                raise StackError(
                    M(
                        "stack definition: at {where}: n is {n} but there are only "
                        "{count} requirements to choose from",
                        where=where,
                        n=r.n,
                        count=len(r.children),
                    )
                )
    elif kind == ACHIEVEMENT:
        r.achievement_id = d.get("achievementId")
        r.alignment_target = d.get("alignment")
        r.name = d.get("name")
        r.issuer = d.get("issuer")
    elif kind == CREDITS:
        r.credits = float(d["credits"])
        r.unit = d["unit"]
        r.min_level = d.get("minLevel")
        r.framework = d.get("framework")
        r.floors = [
            {"credits": float(f["credits"]), "min_level": float(f["minLevel"])}
            for f in d.get("floors") or []
        ]
        r.conversions = {k: float(v) for k, v in (d.get("conversions") or {}).items()}
        r.field_of_study = d.get("field")
        r.skill = d.get("skill")
        for i, f in enumerate(r.floors):
            if f["credits"] > r.credits:
                raise StackError(
                    M(
                        "stack definition: at {where}: {credits} credits at level {level} "
                        "is more than the {total} credits required in all",
                        where=f"{where}.floors[{i}]",
                        credits=f"{f['credits']:g}",
                        level=f"{f['min_level']:g}",
                        total=f"{r.credits:g}",
                    )
                )
        if (r.floors or r.min_level is not None) and not r.framework:
            raise StackError(
                M(
                    "stack definition: at {where}: a minimum level needs the "
                    'framework it is in ("framework": "NZQF")',
                    where=where,
                )
            )
    elif kind == FIELD:
        r.field_of_study = d.get("field")
        r.skill = d.get("skill")
        r.count = d.get("count", 1)
    elif kind == STACK:
        r.stack_id = d["stack"]
    return r


def _check_ids(root: Requirement) -> None:
    seen: set[str] = set()
    count = 0
    stack = [root]
    while stack:
        r = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise StackError(M("stack definition has more than {n} requirements", n=MAX_NODES))
        if r.id in seen:
            raise StackError(
                M("stack definition: requirement id {id} is used twice", id=repr(r.id))
            )
        seen.add(r.id)
        stack.extend(r.children)


def dump_stack(stack: Stack) -> dict[str, Any]:
    """Our own format for a stack (what the store keeps); `load_stack(dump_stack(s))` gives
    back an equal stack, whatever format `s` was read from."""
    award: dict[str, Any] = {"name": stack.award.name}
    if stack.award.awarding_body:
        award["awardingBody"] = stack.award.awarding_body
    if stack.award.credits is not None and stack.award.credit_unit:
        award["credits"] = {"value": stack.award.credits, "unit": stack.award.credit_unit}
    if stack.award.level is not None and stack.award.framework:
        award["level"] = {"value": stack.award.level, "framework": stack.award.framework}
    out: dict[str, Any] = {"format": FORMAT, "id": stack.id, "name": stack.name}
    if stack.description:
        out["description"] = stack.description
    out["source"] = stack.source
    out["award"] = award
    out["options"] = {"reuse": stack.allow_reuse, "expired": stack.allow_expired}
    out["requirement"] = _dump_req(stack.root)
    return out


def _dump_req(r: Requirement) -> dict[str, Any]:
    d: dict[str, Any] = {"type": r.kind, "id": r.id}
    if r.label:
        d["label"] = r.label
    if r.max_age_days is not None:
        d["maxAgeDays"] = r.max_age_days
    if r.kind == N_OF:
        d["n"] = r.n
    if r.kind in GROUPS:
        d["of"] = [_dump_req(c) for c in r.children]
    elif r.kind == ACHIEVEMENT:
        for key, value in (
            ("achievementId", r.achievement_id),
            ("alignment", r.alignment_target),
            ("name", r.name),
            ("issuer", r.issuer),
        ):
            if value:
                d[key] = value
    elif r.kind == CREDITS:
        d["credits"] = r.credits
        d["unit"] = r.unit
        if r.min_level is not None:
            d["minLevel"] = r.min_level
        if r.framework:
            d["framework"] = r.framework
        if r.floors:
            d["floors"] = [{"credits": f["credits"], "minLevel": f["min_level"]} for f in r.floors]
        if r.conversions:
            d["conversions"] = dict(r.conversions)
        if r.field_of_study:
            d["field"] = r.field_of_study
        if r.skill:
            d["skill"] = r.skill
    elif r.kind == FIELD:
        if r.field_of_study:
            d["field"] = r.field_of_study
        if r.skill:
            d["skill"] = r.skill
        d["count"] = r.count
    elif r.kind == STACK:
        d["stack"] = r.stack_id
    return d


# ----- detection -----------------------------------------------------------------------------


def load_any(data: bytes | str | dict[str, Any]) -> Stack:
    """Read a stack in whichever format it is (`stack import FILE`): ours, CTDL or Badgr."""
    doc = _decode(data)
    if "requirement" in doc and "@context" not in doc:
        return load_stack(doc)
    if _ctdl_nodes(doc):
        return load_ctdl(doc)
    if _looks_badgr(doc):
        return load_badgr(doc)
    raise StackError(
        M(
            "not a stack definition: expected our stack format, a CTDL pathway "
            "(ceterms:Pathway) or a Badgr pathway export"
        )
    )


# ----- CTDL pathways ---------------------------------------------------------------------------

_CE_RESOURCE = "https://credentialengineregistry.org/resources/"


def _lk(d: dict[str, Any]) -> dict[str, Any]:
    """CTDL keys without prefix, lower-cased: 'ceterms:RequiredNumber' and
    'ceterms:requiredNumber' both become 'requirednumber'."""
    return {k.split(":", 1)[-1].lower(): v for k, v in d.items()}


def _as_list(v: Any) -> list[Any]:
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def _lang(v: Any) -> str:
    """A CTDL language map ({"en-US": "..."}) or plain string, as one string."""
    if isinstance(v, list):
        v = v[0] if v else ""
    if isinstance(v, dict):
        for key in ("en-US", "en", "en-GB", "en-NZ"):
            text = v.get(key)
            if isinstance(text, str):
                return text
        return next((x for x in v.values() if isinstance(x, str)), "")
    return v if isinstance(v, str) else ""


def _ref(v: Any) -> str | None:
    if isinstance(v, str):
        return v
    ref = v.get("@id") if isinstance(v, dict) else None
    return ref if isinstance(ref, str) else None


def _types(d: dict[str, Any]) -> set[str]:
    return {t.split(":", 1)[-1] for t in _as_list(d.get("@type")) if isinstance(t, str)}


def _ctdl_nodes(doc: dict[str, Any]) -> list[dict[str, Any]]:
    if isinstance(doc.get("@graph"), list):
        nodes = [n for n in doc["@graph"] if isinstance(n, dict)]
    else:
        nodes = [doc] + [
            n
            for key in ("components", "ceterms:hasPart", "hasPart")
            for n in _as_list(doc.get(key))
            if isinstance(n, dict)
        ]
    return nodes if any("Pathway" in _types(n) for n in nodes) else []


def load_ctdl(data: bytes | str | dict[str, Any]) -> Stack:
    """A CTDL pathway (JSON-LD, a `@graph` of the Pathway, its components and conditions).

    The destination component is the award; its `hasCondition` tree becomes the requirement
    tree: a ComponentCondition with RequiredNumber n over k targets (components and nested
    conditions) is n-of (all when n = k or n is missing, any when n = 1). A credential component
    becomes an achievement matched by its registry id / CTID, its subject webpage and its name;
    a component with a credit value becomes a credit total; a component that has conditions of
    its own becomes those conditions (or the credential it stands for)."""
    doc = _decode(data)
    nodes = _ctdl_nodes(doc)
    if not nodes:
        raise StackError(M("CTDL: no ceterms:Pathway in the document"))
    by_id: dict[str, dict[str, Any]] = {}
    for n in nodes:
        if isinstance(n.get("@id"), str):
            by_id[n["@id"]] = n
        ctid = _lk(n).get("ctid")
        if isinstance(ctid, str):
            by_id.setdefault(ctid, n)
            by_id.setdefault(_CE_RESOURCE + ctid, n)
    pathway = next(n for n in nodes if "Pathway" in _types(n))
    p = _lk(pathway)
    name = _lang(p.get("name")) or "CTDL pathway"
    dest_refs = [_ref(x) for x in _as_list(p.get("hasdestinationcomponent"))]
    dest = next((by_id[r] for r in dest_refs if r and r in by_id), None)
    if dest is None:
        raise StackError(
            M(
                "CTDL: the pathway names no destination component found in the "
                "document (ceterms:hasDestinationComponent)"
            )
        )
    root = _number(_ctdl_component(dest, "root", set(), _Walk(by_id), top=True))
    _check_ids(root)
    d = _lk(dest)
    award = Award(
        name=_lang(d.get("name")) or name, awarding_body=_ctdl_org(p, by_id) or _ctdl_org(d, by_id)
    )
    value = _ctdl_credit(d)
    if value:
        award.credits, award.credit_unit = value
    ident = p.get("ctid") or pathway.get("@id") or name
    return Stack(
        id=f"ctdl:{ident}",
        name=name,
        award=award,
        root=root,
        source="ctdl",
        description=_lang(p.get("description")),
    )


def _ctdl_org(d: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> str | None:
    for key in ("offeredby", "ownedby"):
        for ref in _as_list(d.get(key)):
            org = by_id.get(_ref(ref) or "")
            if org is not None:
                return _lang(_lk(org).get("name")) or None
            if isinstance(ref, dict) and ref.get("ceterms:name"):
                return _lang(ref["ceterms:name"])
    return None


_UNIT_NAMES = {
    "semesterhour": "semester hours",
    "quarterhour": "quarter hours",
    "continuingeducationunit": "CEU",
    "clockhour": "hours",
    "degreecredit": "credits",
    "ects": "ECTS",
    "europeancredit": "ECTS",
}


def _ctdl_credit(d: dict[str, Any]) -> tuple[float, str] | None:
    for cv in _as_list(d.get("creditvalue")):
        if not isinstance(cv, dict):
            continue
        c = _lk(cv)
        value = c.get("value", c.get("minvalue"))
        if not isinstance(value, int | float) or isinstance(value, bool) or value <= 0:
            continue
        unit = "credits"
        for u in _as_list(c.get("creditunittype")):
            raw = (
                u
                if isinstance(u, str)
                else _lk(u).get("targetnode") or _lang(_lk(u).get("targetnodename"))
                if isinstance(u, dict)
                else None
            )
            if isinstance(raw, str) and raw:
                tail = raw.split(":", 1)[-1].split("/")[-1]
                unit = _UNIT_NAMES.get(tail.lower(), tail)
                break
        return float(value), unit
    return None


@dataclass
class _Walk:
    """One pathway's walk: the documents it refers to by id, and how many nodes it has built
    so far (a pathway larger than MAX_NODES is refused rather than built)."""

    index: dict[str, dict[str, Any]]
    nodes: int = 0

    def count(self, too_many: Msg) -> None:
        """One more node; `too_many` is the error once there are more than MAX_NODES."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise StackError(too_many)


def _group(rid: str, label: str, kids: list[Requirement], n: int) -> Requirement:
    """At least `n` of `kids` (at most all of them): all, any or n of them."""
    n = min(n, len(kids))
    if n == len(kids):
        return Requirement(ALL, id=rid, label=label, children=kids)
    if n == 1:
        return Requirement(ANY, id=rid, label=label, children=kids)
    return Requirement(N_OF, id=rid, label=label, children=kids, n=n)


def _ctdl_component(
    comp: dict[str, Any], rid: str, seen: set[str], walk: _Walk, top: bool = False
) -> Requirement:
    c = _lk(comp)
    key = comp.get("@id") or c.get("ctid") or id(comp)
    if key in seen:
        raise StackError(
            M("CTDL: component {name} requires itself", name=repr(_lang(c.get("name")) or key))
        )
    walk.count(M("CTDL: the pathway has more than {n} components", n=MAX_NODES))
    seen = seen | {str(key)}
    label = _lang(c.get("name"))
    conditions = _resolved(c.get("hascondition"), walk)
    if conditions:
        kids = [_ctdl_condition(x, f"{rid}/{i}", seen, walk) for i, x in enumerate(conditions)]
        tree = kids[0] if len(kids) == 1 else Requirement(ALL, id=rid, children=kids)
        if top or not _is_credential(comp):
            tree.label = tree.label or label
            return tree
        # holding the credential itself, or meeting its conditions, both complete it
        return Requirement(ANY, id=rid, label=label, children=[_ctdl_leaf(comp, rid), tree])
    return _ctdl_leaf(comp, rid)


def _number(r: Requirement, rid: str = "root") -> Requirement:
    """Ids by position ("root", "root/0", "root/0/1"): unique and stable for one definition."""
    r.id = rid
    for i, ch in enumerate(r.children):
        _number(ch, f"{rid}/{i}")
    return r


def _resolve(x: Any, by_id: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
    if isinstance(x, dict) and len(x) > 1:
        return x
    ref = _ref(x)
    return by_id.get(ref) if ref else None


def _resolved(value: Any, walk: _Walk) -> list[dict[str, Any]]:
    """The nodes `value` embeds or refers to (one or a list), leaving out unknown references."""
    return [t for t in (_resolve(x, walk.index) for x in _as_list(value)) if t is not None]


def _is_credential(comp: dict[str, Any]) -> bool:
    return bool(_types(comp) & {"CredentialComponent", "Badge", "Certificate", "Credential"})


def _ctdl_condition(cond: dict[str, Any], rid: str, seen: set[str], walk: _Walk) -> Requirement:
    c = _lk(cond)
    targets = _resolved(c.get("targetcomponent"), walk)
    nested = _resolved(c.get("hascondition"), walk)
    kids = [_ctdl_component(t, f"{rid}/{i}", seen, walk) for i, t in enumerate(targets)]
    kids += [
        _ctdl_condition(t, f"{rid}/{len(targets) + i}", seen, walk) for i, t in enumerate(nested)
    ]
    label = _lang(c.get("name")) or _lang(c.get("description"))
    if not kids:
        raise StackError(
            M("CTDL: condition {name} has no target components", name=repr(label or rid))
        )
    n = c.get("requirednumber")
    op = str(c.get("logicaloperator") or "").lower()
    if not isinstance(n, int) or isinstance(n, bool) or n <= 0:
        n = 1 if op.endswith("or") else len(kids)
    return _group(rid, label, kids, n)


def _ctdl_leaf(comp: dict[str, Any], rid: str) -> Requirement:
    c = _lk(comp)
    label = _lang(c.get("name"))
    credit = _ctdl_credit(c)
    if credit and not _is_credential(comp):
        return Requirement(CREDITS, id=rid, label=label, credits=credit[0], unit=credit[1])
    ctid = c.get("ctid") if isinstance(c.get("ctid"), str) else None
    proxy = _ref(c.get("proxyfor"))
    target = proxy or (_CE_RESOURCE + ctid if ctid else None) or comp.get("@id")
    webpage = _ref(c.get("subjectwebpage"))
    return Requirement(
        ACHIEVEMENT,
        id=rid,
        label=label,
        achievement_id=target,
        alignment_target=webpage,
        name=label or None,
    )


# ----- Badgr pathways --------------------------------------------------------------------------


def _looks_badgr(doc: dict[str, Any]) -> bool:
    keys = set(doc)
    return bool(
        keys & {"rootElement", "elements", "completionBadge", "children", "requirements", "root"}
    )


def load_badgr(data: bytes | str | dict[str, Any]) -> Stack:
    """A Badgr-style pathway export: elements nested as `children` (or listed in `elements`
    and referred to by id), each with an optional `completionBadge` and `requirements`
    (a BadgeJunction over badge class ids or an ElementJunction over elements, with
    `junctionConfig` {type conjunction|disjunction, requiredNumber}).

    An element is complete when its completion badge is held, or its requirements are met
    (all of its children when it has children but no requirements)."""
    doc = _decode(data)
    elements: dict[str, dict[str, Any]] = {}

    def collect(e: Any) -> None:
        if isinstance(e, dict):
            for key in ("@id", "id", "slug"):
                if isinstance(e.get(key), str):
                    elements.setdefault(e[key], e)
            for ch in _as_list(e.get("children")):
                collect(ch)

    for e in _as_list(doc.get("elements")):
        collect(e)
    root_doc = doc.get("rootElement", doc.get("root"))
    if isinstance(root_doc, str):
        root_doc = elements.get(root_doc)
    if not isinstance(root_doc, dict):
        root_doc = doc
    collect(root_doc)
    root = _number(_badgr_element(root_doc, "root", set(), _Walk(elements)))
    _check_ids(root)
    name = str(doc.get("name") or root_doc.get("name") or "Badgr pathway")
    ident = doc.get("slug") or doc.get("@id") or doc.get("id") or name
    issuer = doc.get("issuer")
    body = issuer.get("name") if isinstance(issuer, dict) else None
    return Stack(
        id=f"badgr:{ident}",
        name=name,
        award=Award(name=name, awarding_body=body),
        root=root,
        source="badgr",
        description=str(doc.get("description") or ""),
    )


def _junction(cfg: Any) -> tuple[str, int | None]:
    if not isinstance(cfg, dict):
        return "conjunction", None
    kind = cfg.get("@type") or cfg.get("junctionType") or cfg.get("mintype") or cfg.get("type")
    n = cfg.get("requiredNumber")
    if isinstance(n, str) and n.isdigit():
        n = int(n)
    return (
        str(kind or "conjunction").lower(),
        n if isinstance(n, int) and not isinstance(n, bool) and n > 0 else None,
    )


def _badge_leaf(badge: Any, rid: str) -> Requirement:
    if isinstance(badge, dict):
        ref = badge.get("id") or badge.get("@id") or badge.get("entityId")
        name = badge.get("name")
        return Requirement(ACHIEVEMENT, id=rid, label=name or "", achievement_id=ref, name=name)
    return Requirement(ACHIEVEMENT, id=rid, achievement_id=str(badge))


def _badgr_element(e: dict[str, Any], rid: str, seen: set[int], walk: _Walk) -> Requirement:
    if id(e) in seen:
        raise StackError(
            M("Badgr: element {name} requires itself", name=repr(e.get("name") or rid))
        )
    walk.count(M("Badgr: the pathway has more than {n} elements", n=MAX_NODES))
    seen = seen | {id(e)}
    label = str(e.get("name") or "")
    reqs = e.get("requirements")
    if isinstance(reqs, str):
        try:
            reqs = load_json_bytes(reqs.encode("utf-8", "replace"))
        except FormatError:
            raise StackError(
                M("Badgr: element {name}: requirements are not JSON", name=repr(label or rid))
            ) from None
    tree: Requirement | None = None
    if isinstance(reqs, dict):
        kind, n = _junction(reqs.get("junctionConfig"))
        if "badges" in reqs:
            kids = [_badge_leaf(b, f"{rid}/r/{i}") for i, b in enumerate(_as_list(reqs["badges"]))]
        else:
            kids = []
            for i, ref in enumerate(_as_list(reqs.get("elements"))):
                el = ref if isinstance(ref, dict) else walk.index.get(str(ref))
                if el is None:
                    raise StackError(
                        M(
                            "Badgr: element {name} requires element {ref}, which is not in "
                            "the export",
                            name=repr(label or rid),
                            ref=repr(ref),
                        )
                    )
                kids.append(_badgr_element(el, f"{rid}/r/{i}", seen, walk))
        if kids:
            tree = _group(
                f"{rid}/r", label, kids, (n or 1) if kind.startswith("dis") else len(kids)
            )
    elif e.get("children"):
        kids = [
            _badgr_element(ch, f"{rid}/c/{i}", seen, walk)
            for i, ch in enumerate(_as_list(e["children"]))
            if isinstance(ch, dict)
        ]
        if kids:
            tree = Requirement(ALL, id=f"{rid}/c", label=label, children=kids)
    badge = e.get("completionBadge")
    if badge:
        leaf = _badge_leaf(badge, f"{rid}/badge")
        leaf.label = leaf.label or label
        if tree is None:
            leaf.id = rid
            return leaf
        return Requirement(ANY, id=rid, label=label, children=[leaf, tree])
    if tree is None:
        url = e.get("alignmentUrl")
        return Requirement(
            ACHIEVEMENT,
            id=rid,
            label=label,
            alignment_target=url or None,
            name=None if url else (label or rid),
        )
    return tree
