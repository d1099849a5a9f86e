"""Stacks derived from CLR 2.0 associations and OB 3.0 ceterms:Credential alignments."""

from __future__ import annotations

import json

from tests.stacks.helpers import AT, cred, held
from wallet.credential import Alignment
from wallet.stacks.derive import derive_stacks, stacks_from_alignments, stacks_from_clr
from wallet.stacks.engine import evaluate


def _achievement_vc(ach_id: str, name: str) -> dict:
    return {
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "credentialSubject": {
            "achievement": {"id": ach_id, "name": name, "creator": {"name": "Demo Polytechnic"}}
        },
    }


def clr() -> dict:
    return {
        "type": ["VerifiableCredential", "ClrCredential"],
        "credentialSubject": {
            "type": "ClrSubject",
            "verifiableCredential": [
                _achievement_vc("urn:ach:diploma", "Diploma of Things"),
                _achievement_vc("urn:ach:unit1", "Unit One"),
                _achievement_vc("urn:ach:unit2", "Unit Two"),
            ],
            "association": [
                {
                    "type": "Association",
                    "associationType": "isChildOf",
                    "sourceId": "urn:ach:unit1",
                    "targetId": "urn:ach:diploma",
                },
                {
                    "type": "Association",
                    "associationType": "isPartOf",
                    "sourceId": "urn:ach:unit2",
                    "targetId": "urn:ach:diploma",
                },
                {
                    "type": "Association",
                    "associationType": "isParentOf",
                    "sourceId": "urn:ach:unit2",
                    "targetId": "urn:ach:unit3",
                },
                {
                    "type": "Association",
                    "associationType": "exactMatchOf",
                    "sourceId": "urn:ach:unit1",
                    "targetId": "urn:ach:other",
                },
            ],
        },
    }


def test_clr_parent_becomes_a_stack_of_its_children():
    stacks = {s.id: s for s in stacks_from_clr(json.dumps(clr()).encode())}
    assert set(stacks) == {"derived:clr:urn:ach:diploma", "derived:clr:urn:ach:unit2"}
    diploma = stacks["derived:clr:urn:ach:diploma"]
    assert diploma.name == "Diploma of Things" and diploma.source == "derived"
    assert diploma.award.awarding_body == "Demo Polytechnic"
    assert [c.achievement_id for c in diploma.root.children] == ["urn:ach:unit1", "urn:ach:unit2"]
    assert [c.label for c in diploma.root.children] == ["Unit One", "Unit Two"]
    hs = [held("u1", cred("Unit One", ach="urn:ach:unit1"))]
    r = evaluate(diploma, hs, at=AT)
    assert r.progress == 0.5 and [str(m) for m in r.root.missing] == ["Unit Two"]


def test_clr_without_associations_or_not_json_gives_nothing():
    doc = clr()
    del doc["credentialSubject"]["association"]
    assert stacks_from_clr(doc) == []
    assert stacks_from_clr(b"not a credential") == []


def test_alignments_to_a_ctdl_credential_form_a_stack():
    target = (
        "https://credentialengineregistry.org/resources/ce-aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
    )
    a = cred("Unit A", ach="urn:a")
    b = cred("Unit B", ach="urn:b")
    other = cred("Unrelated", ach="urn:c", aligned=("https://elsewhere",))
    for c in (a, b):
        c.alignments.append(
            Alignment(
                target_name="Certificate X", target_url=target, target_type="ceterms:Credential"
            )
        )
    stacks = stacks_from_alignments([held("a", a), held("b", b), held("c", other)])
    assert len(stacks) == 1
    s = stacks[0]
    assert s.id == f"derived:alignment:{target}" and s.name == "Certificate X"
    assert [c.achievement_id for c in s.root.children] == ["urn:a", "urn:b"]
    assert evaluate(s, [held("a", a), held("b", b)], at=AT).satisfied
    assert evaluate(s, [held("a", a)], at=AT).progress == 0.5
    both = derive_stacks([held("a", a), held("b", b)], [clr()])
    assert len(both) == 3
