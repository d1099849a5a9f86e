"""Reading stacks: our format and its schema errors, CTDL and Badgr pathways, round trips."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.stacks.helpers import AT, cred, held
from wallet import paths
from wallet.stacks.engine import evaluate
from wallet.stacks.load import dump_stack, load_any, load_badgr, load_ctdl, load_stack
from wallet.stacks.model import StackError

FIXTURES = Path(__file__).parent / "fixtures"
DEMO_STACKS = sorted((paths.resources() / "demo" / "stacks").glob("*.json"))


def minimal(**requirement):
    return {"id": "s1", "name": "Stack", "requirement": requirement}


def test_own_format_every_kind():
    doc = {
        "id": "s1",
        "name": "Every kind",
        "description": "d",
        "award": {
            "name": "Award",
            "awardingBody": "Body",
            "credits": {"value": 60, "unit": "NZQF credits"},
            "level": {"value": 5, "framework": "NZQF"},
        },
        "options": {"reuse": True, "expired": True},
        "requirement": {
            "type": "all",
            "maxAgeDays": 1000,
            "of": [
                {
                    "type": "any",
                    "of": [
                        {"type": "achievement", "achievementId": "urn:a"},
                        {"type": "achievement", "alignment": "https://t"},
                    ],
                },
                {
                    "type": "n-of",
                    "n": 1,
                    "label": "pick",
                    "of": [{"type": "achievement", "name": "X", "issuer": "Y"}],
                },
                {
                    "type": "credits",
                    "id": "cr",
                    "credits": 60,
                    "unit": "NZQF credits",
                    "framework": "NZQF",
                    "minLevel": 4,
                    "floors": [{"credits": 15, "minLevel": 5}],
                    "conversions": {"ECTS": 2},
                },
                {"type": "field", "field": "data science", "count": 2},
                {"type": "stack", "stack": "other"},
            ],
        },
    }
    s = load_stack(json.dumps(doc).encode())
    assert s.allow_reuse and s.allow_expired and s.award.level == "5"
    assert s.award.credits == 60 and s.award.credit_unit == "NZQF credits"
    kinds = [c.kind for c in s.root.children]
    assert kinds == ["all", "any", "n-of", "credits", "field", "stack"][1:]
    cr = s.root.children[2]
    assert cr.id == "cr" and cr.floors == [{"credits": 15.0, "min_level": 5.0}]
    assert cr.conversions == {"ECTS": 2.0}
    assert s.root.children[0].children[1].id == "root/0/1"  # generated ids by position
    assert s.root.max_age_days == 1000
    again = load_stack(dump_stack(s))
    assert again == s


@pytest.mark.parametrize(
    ("doc", "message"),
    [
        (
            minimal(type="n-of", of=[{"type": "achievement", "name": "A"}]),
            "at requirement: 'n' is a required property",
        ),
        (
            minimal(type="all", of=[{"type": "credits", "credits": 10}]),
            "at requirement.of[0]: 'unit' is a required property",
        ),
        (
            minimal(
                type="all",
                of=[{"type": "achievement", "name": "A"}, {"type": "achievement", "issuer": "B"}],
            ),
            "at requirement.of[1]: an achievement needs achievementId, alignment or name",
        ),
        (minimal(type="bogus"), "at requirement.type: 'bogus' is not a requirement type"),
        (
            minimal(type="all", of=[{"type": "credits", "credits": -5, "unit": "ECTS"}]),
            "at requirement.of[0].credits: -5 is less than or equal to the minimum of 0",
        ),
        (
            minimal(type="achievement", name="A", colour="red"),
            "at requirement: unknown key 'colour'",
        ),
        (
            {"name": "x", "requirement": {"type": "achievement", "name": "A"}},
            "at the top level: 'id' is a required property",
        ),
        (
            minimal(type="n-of", n=3, of=[{"type": "achievement", "name": "A"}]),
            "at requirement: n is 3 but there are only 1 requirements to choose from",
        ),
        (
            minimal(
                type="credits",
                credits=10,
                unit="ECTS",
                floors=[{"credits": 20, "minLevel": 5}],
                framework="EQF",
            ),
            "at requirement.floors[0]: 20 credits at level 5 is more",
        ),
        (
            minimal(type="credits", credits=10, unit="ECTS", minLevel=5),
            "a minimum level needs the framework",
        ),
        (
            minimal(
                type="all",
                of=[
                    {"type": "achievement", "name": "A", "id": "x"},
                    {"type": "achievement", "name": "B", "id": "x"},
                ],
            ),
            "requirement id 'x' is used twice",
        ),
    ],
)
def test_schema_and_semantic_errors_are_plain_and_name_the_path(doc, message):
    with pytest.raises(StackError) as e:
        load_stack(doc)
    assert message in str(e.value)


def test_not_json_and_not_an_object():
    with pytest.raises(StackError, match="not JSON"):
        load_stack(b"{nope")
    with pytest.raises(StackError, match="JSON object"):
        load_stack(b"[]")
    with pytest.raises(StackError, match="not a stack definition"):
        load_any(b'{"hello": 1}')


@pytest.mark.parametrize("path", DEMO_STACKS, ids=lambda p: p.name)
def test_demo_stacks_are_valid_and_marked_demo(path):
    s = load_any(path.read_bytes())
    assert "DEMO" in s.name and "DEMO" in s.description
    assert load_stack(dump_stack(s)) == s


def test_ctdl_pathway():
    s = load_ctdl((FIXTURES / "ctdl-pathway.json").read_bytes())
    assert s.source == "ctdl" and s.name == "Cyber Technician Pathway (test fixture)"
    assert s.award.name == "Certificate in Cyber Technology"
    assert s.award.awarding_body == "Example Institute"
    root = s.root
    assert root.kind == "all" and [c.kind for c in root.children] == ["n-of", "all"]
    core, electives = root.children
    assert core.n == 2 and core.label == "Core"
    cloud, network, python = core.children
    assert cloud.achievement_id.endswith("ce-11111111-1111-4111-8111-111111111111")
    assert cloud.alignment_target.endswith("/cloud-security-fundamentals")
    assert network.name == "Network Basics" and python.name == "Data Analysis with Python"
    assert electives.children[0].kind == "credits"
    assert electives.children[0].credits == 10 and electives.children[0].unit == "NZQF credits"
    assert load_any((FIXTURES / "ctdl-pathway.json").read_bytes()) == s
    assert load_stack(dump_stack(s)) == s
    # a credential held by CTID alignment, one by name, and 10 credits: satisfied
    hs = [
        held(
            "c",
            cred(
                "Cloud security",
                aligned=(
                    "https://credentialengineregistry.org/resources/"
                    "ce-11111111-1111-4111-8111-111111111111",
                ),
            ),
        ),
        held("p", cred("Data Analysis with Python")),
        held("e", cred("Elective", credits=5, level="3")),
    ]
    r = evaluate(s, hs, at=AT)
    assert r.root.children[0].satisfied and not r.root.children[1].satisfied
    assert [str(m) for m in r.root.missing] == ["5 more NZQF credits"]
    # one credential that is both a core course and the elective credits counts once: the
    # engine puts it where it moves the pathway furthest (credits: 1/2 core + all electives)
    hs = [hs[0], held("p", cred("Data Analysis with Python", credits=10, level="5"))]
    r = evaluate(s, hs, at=AT)
    assert r.progress == 0.75 and r.root.children[1].counted == ["p"]


def test_ctdl_errors():
    with pytest.raises(StackError, match="destination"):
        load_ctdl({"@graph": [{"@type": "ceterms:Pathway", "ceterms:name": "P"}]})
    with pytest.raises(StackError, match="no ceterms:Pathway"):
        load_ctdl({"@graph": [{"@type": "ceterms:Course"}]})


def test_badgr_pathway():
    s = load_badgr((FIXTURES / "badgr-pathway.json").read_bytes())
    assert s.source == "badgr" and s.award.awarding_body == "Example Trades Institute"
    root = s.root
    assert root.kind == "any"  # the completion badge, or the requirements
    badge, reqs = root.children
    assert badge.achievement_id == "https://badgr.example.test/public/badges/plumber"
    assert reqs.kind == "all" and len(reqs.children) == 2
    intro, advanced = reqs.children
    assert intro.kind == "all" and intro.children[0].achievement_id.endswith("intro-plumbing")
    assert advanced.kind == "any" and len(advanced.children) == 2
    assert load_any((FIXTURES / "badgr-pathway.json").read_bytes()) == s
    hs = [held("i", cred("Intro", ach="https://badgr.example.test/public/badges/intro-plumbing"))]
    r = evaluate(s, hs, at=AT)
    assert not r.satisfied and r.progress == 0.5
    hs.append(held("a", cred("Adv", ach="https://badgr.example.test/public/badges/adv-2")))
    assert evaluate(s, hs, at=AT).satisfied
    assert evaluate(
        s, [held("p", cred("P", ach="https://badgr.example.test/public/badges/plumber"))], at=AT
    ).satisfied


def test_badgr_n_of_disjunction_and_missing_element():
    doc = {
        "name": "P",
        "rootElement": {
            "name": "Root",
            "requirements": {
                "junctionConfig": {"@type": "Disjunction", "requiredNumber": 2},
                "badges": ["urn:a", "urn:b", "urn:c"],
            },
        },
    }
    s = load_badgr(doc)
    assert s.root.kind == "n-of" and s.root.n == 2
    bad = {
        "name": "P",
        "rootElement": {
            "name": "Root",
            "requirements": {
                "junctionConfig": {"@type": "Conjunction"},
                "elements": ["urn:nowhere"],
            },
        },
    }
    with pytest.raises(StackError, match="not in the export"):
        load_badgr(bad)


def _ctdl(*components):
    """A CTDL graph whose destination is the first of `components`."""
    pathway = {
        "@id": "urn:pathway",
        "@type": "ceterms:Pathway",
        "ceterms:name": "P",
        "ceterms:hasDestinationComponent": {"@id": components[0]["@id"]},
    }
    return {"@graph": [pathway, *components]}


def _component(cid, *conditions, name=None):
    node = {"@id": cid, "@type": "ceterms:CourseComponent", "ceterms:name": name or cid}
    if conditions:
        node["ceterms:hasCondition"] = list(conditions)
    return node


def _condition(*targets, **extra):
    return {
        "@type": "ceterms:ComponentCondition",
        "ceterms:targetComponent": list(targets),
        **extra,
    }


def test_ctdl_condition_required_number_and_operator_choose_all_any_or_n_of():
    leaves = [_component(f"urn:c{i}") for i in range(3)]
    targets = [c["@id"] for c in leaves]

    def root(**extra):
        return load_ctdl(_ctdl(_component("urn:d", _condition(*targets, **extra)), *leaves)).root

    assert root().kind == "all"
    assert root(**{"ceterms:requiredNumber": 1}).kind == "any"
    two = root(**{"ceterms:requiredNumber": 2})
    assert two.kind == "n-of" and two.n == 2 and len(two.children) == 3
    assert root(**{"ceterms:requiredNumber": 9}).kind == "all"  # more than there are: all
    assert root(**{"ceterms:logicalOperator": "ceterms:Or"}).kind == "any"


def test_ctdl_component_requiring_itself_is_refused():
    loop = _component("urn:d", _condition("urn:x"), name="Destination")
    again = _component("urn:x", _condition("urn:d"), name="X")
    with pytest.raises(StackError, match="CTDL: component 'Destination' requires itself"):
        load_ctdl(_ctdl(loop, again))


def test_pathways_larger_than_the_node_limit_are_refused():
    from wallet.stacks.load import MAX_NODES

    leaves = [_component(f"urn:c{i}") for i in range(MAX_NODES)]
    wide = _component("urn:d", _condition(*(c["@id"] for c in leaves)))
    with pytest.raises(StackError, match=f"CTDL: the pathway has more than {MAX_NODES} comp"):
        load_ctdl(_ctdl(wide, *leaves))
    children = [{"name": f"E{i}", "completionBadge": f"urn:b{i}"} for i in range(MAX_NODES)]
    with pytest.raises(StackError, match=f"Badgr: the pathway has more than {MAX_NODES} elem"):
        load_badgr({"name": "P", "rootElement": {"name": "Root", "children": children}})
    # at the limit (the root and one child fewer) it is a pathway like any other
    fits = load_badgr({"name": "P", "rootElement": {"name": "Root", "children": children[1:]}})
    assert fits.root.kind == "all" and len(fits.root.children) == MAX_NODES - 1


def test_badgr_element_requiring_itself_is_refused():
    element = {"id": "urn:e", "name": "Loop", "requirements": {"elements": ["urn:e"]}}
    with pytest.raises(StackError, match="Badgr: element 'Loop' requires itself"):
        load_badgr({"name": "P", "elements": [element], "rootElement": "urn:e"})


def test_badgr_conjunction_over_elements_needs_all_of_them():
    elements = [
        {"id": f"urn:e{i}", "name": f"E{i}", "completionBadge": f"urn:b{i}"} for i in (1, 2)
    ]
    root = {"name": "Root", "requirements": {"elements": ["urn:e1", "urn:e2"]}}
    s = load_badgr({"name": "P", "elements": elements, "rootElement": root})
    assert s.root.kind == "all" and s.root.n is None
    assert [c.achievement_id for c in s.root.children] == ["urn:b1", "urn:b2"]
