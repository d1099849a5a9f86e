"""Stacks the credentials describe themselves, without anyone importing a pathway.

Two sources:
- CLR 2.0: a ClrCredential may say how its achievements relate (`credentialSubject.
  association`: isChildOf / isParentOf / isPartOf between achievement ids). A parent
  achievement becomes a stack requiring all of its children, which is what the issuer said the
  parent is made of.
- OB 3.0: an achievement aligned to a credential described elsewhere (an Alignment whose
  targetType is ceterms:Credential) is a step toward it; the credentials aligned to the same
  target form a stack toward that target. Only the steps the wallet has seen are known, so it
  says "these add up toward X"; the target's own pathway, when imported, says the real rule.

Derived stacks are recomputed from the credentials each time, never edited; they use ids
prefixed `derived:` so they cannot clash with imported ones.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from wallet.credential import Credential
from wallet.stacks.model import ACHIEVEMENT, ALL, Award, Requirement, Stack

_CHILD_OF = {"ischildof", "ispartof"}  # source is below target
_PARENT_OF = {"isparentof"}  # source is above target
MAX_CHILDREN = 500


def _as_list(v: Any) -> list[Any]:
    if v is None:
        return []
    return v if isinstance(v, list) else [v]


def _clr_document(clr: dict[str, Any] | bytes | str) -> dict[str, Any] | None:
    """The ClrCredential JSON, from a dict, JSON text or a VC-JWT (its `vc` claim)."""
    if isinstance(clr, dict):
        doc: Any = clr
    else:
        text = clr.decode("utf-8", "replace") if isinstance(clr, bytes) else clr
        text = text.strip()
        if text.startswith("{"):
            try:
                doc = json.loads(text)
            except json.JSONDecodeError:
                return None
        else:
            from wallet.proofs.jose import decode_compact_json

            try:
                _, doc = decode_compact_json(text.split("~", 1)[0])
            except Exception:  # not a JWT: nothing to derive, never an error for the user
                return None
            if isinstance(doc, dict) and isinstance(doc.get("vc"), dict):
                doc = doc["vc"]
    return doc if isinstance(doc, dict) else None


def _achievements(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Achievement id -> achievement object, from every credential the CLR carries."""
    out: dict[str, dict[str, Any]] = {}
    subject = doc.get("credentialSubject")
    for s in _as_list(subject):
        if not isinstance(s, dict):
            continue
        for vc in _as_list(s.get("verifiableCredential")):
            inner = _clr_document(vc) if not isinstance(vc, dict) else vc
            if not inner:
                continue
            for sub in _as_list(inner.get("credentialSubject")):
                ach = sub.get("achievement") if isinstance(sub, dict) else None
                if isinstance(ach, dict) and isinstance(ach.get("id"), str):
                    out.setdefault(ach["id"], ach)
        for ach in _as_list(s.get("achievement")):
            if isinstance(ach, dict) and isinstance(ach.get("id"), str):
                out.setdefault(ach["id"], ach)
    return out


def _issuer_name(ach: dict[str, Any]) -> str | None:
    creator = ach.get("creator")
    name = creator.get("name") if isinstance(creator, dict) else None
    return name if isinstance(name, str) else None


def stacks_from_clr(clr: dict[str, Any] | bytes | str) -> list[Stack]:
    """One stack per parent achievement named in the CLR's associations (all its children)."""
    doc = _clr_document(clr)
    if doc is None:
        return []
    achievements = _achievements(doc)
    children: dict[str, list[str]] = {}
    for s in _as_list(doc.get("credentialSubject")):
        if not isinstance(s, dict):
            continue
        for a in _as_list(s.get("association")):
            if not isinstance(a, dict):
                continue
            kind = str(a.get("associationType") or "").casefold()
            src, dst = a.get("sourceId"), a.get("targetId")
            if not (isinstance(src, str) and isinstance(dst, str)) or src == dst:
                continue
            if kind in _CHILD_OF:
                parent, child = dst, src
            elif kind in _PARENT_OF:
                parent, child = src, dst
            else:
                continue
            kids = children.setdefault(parent, [])
            if child not in kids and len(kids) < MAX_CHILDREN:
                kids.append(child)
    stacks = []
    for parent, kids in children.items():
        ach = achievements.get(parent, {})
        own_name = ach.get("name")
        name = own_name if isinstance(own_name, str) else parent
        leaves = []
        for i, kid in enumerate(kids):
            kid_ach = achievements.get(kid, {})
            kid_name = kid_ach.get("name") if isinstance(kid_ach.get("name"), str) else None
            leaves.append(
                Requirement(
                    ACHIEVEMENT, id=f"root/{i}", label=kid_name or "", achievement_id=kid, name=None
                )
            )
        stacks.append(
            Stack(
                id=f"derived:clr:{parent}",
                name=name,
                award=Award(name=name, awarding_body=_issuer_name(ach)),
                root=Requirement(ALL, id="root", children=leaves),
                source="derived",
                description="From a CLR: the issuer says this achievement is made of these.",
            )
        )
    return stacks


def _is_credential_target(target_type: str | None) -> bool:
    t = (target_type or "").strip().casefold()
    return t in ("ceterms:credential", "https://purl.org/ctdl/terms/credential") or (
        t.startswith("ceterms:") and t.endswith("credential")
    )


def stacks_from_alignments(credentials: Iterable[Credential | Any]) -> list[Stack]:
    """A stack toward each ceterms:Credential target that held credentials align to.

    Accepts Credential records or anything with a `.credential` (the engine's Held)."""
    by_target: dict[str, tuple[str, list[Credential]]] = {}
    for item in credentials:
        cred: Credential = getattr(item, "credential", item)
        for a in cred.alignments:
            if not _is_credential_target(a.target_type):
                continue
            target = a.target_url or a.target_code
            if not target:
                continue
            name, creds = by_target.setdefault(target, (a.target_name or target, []))
            if cred not in creds:
                creds.append(cred)
    stacks = []
    for target, (name, creds) in by_target.items():
        leaves: list[Requirement] = []
        seen: set[str] = set()
        for cred in creds:
            key = cred.achievement_id or f"{cred.title}\n{cred.issuer.name}"
            if key in seen:
                continue
            seen.add(key)
            leaves.append(
                Requirement(
                    ACHIEVEMENT,
                    id=f"root/{len(leaves)}",
                    label=cred.title,
                    achievement_id=cred.achievement_id,
                    name=None if cred.achievement_id else cred.title,
                    # by identifier: a name would match only through the trust list
                    issuer=None if cred.achievement_id else (cred.issuer.id or cred.issuer.name),
                )
            )
        stacks.append(
            Stack(
                id=f"derived:alignment:{target}",
                name=name,
                award=Award(name=name),
                root=Requirement(ALL, id="root", children=leaves),
                source="derived",
                description="From the credentials' own alignments: these are steps toward "
                f"{name}. Import its pathway for the full requirements.",
            )
        )
    return stacks


def derive_stacks(
    held: Sequence[Any], clr_payloads: Iterable[dict[str, Any] | bytes | str] = ()
) -> list[Stack]:
    """Every derived stack: from the given CLR payloads and from the held credentials'
    alignments (a stack with the same id from two CLRs is kept once)."""
    out: dict[str, Stack] = {}
    for payload in clr_payloads:
        for s in stacks_from_clr(payload):
            out.setdefault(s.id, s)
    for s in stacks_from_alignments(held):
        out.setdefault(s.id, s)
    return list(out.values())
