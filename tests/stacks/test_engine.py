"""The engine, one rule at a time: kinds, assignment, levels, conversions, verdicts, ages."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.stacks.helpers import (
    AT,
    ISSUER,
    ach,
    aligned,
    cred,
    credits,
    group,
    held,
    reasons,
    said,
    stack,
)
from wallet.credential import Issuer
from wallet.stacks.engine import Holdings, evaluate, evaluate_all, result_to_json
from wallet.stacks.model import Requirement, StackError


def ev(s, hs, **kw):
    return evaluate(s, hs, at=AT, **kw)


# ----- kinds ---------------------------------------------------------------------------------


def test_achievement_by_id_alignment_and_name_with_issuer():
    hs = [
        held("a", cred("Python", ach="https://x.test/py")),
        held("b", cred("Cloud", aligned=("https://fw.test/cloud",))),
        held("c", cred("Te Reo")),
    ]
    by_id = Requirement("achievement", id="r", achievement_id="https://x.test/py/")
    by_align = Requirement("achievement", id="r", alignment_target="https://fw.test/cloud")
    by_name = Requirement("achievement", id="r", name="te reo", issuer="Demo Polytechnic")
    wrong_issuer = Requirement("achievement", id="r", name="Te Reo", issuer="Other College")
    assert ev(stack(by_id), hs).root.counted == ["a"]
    assert ev(stack(by_align), hs).root.counted == ["b"]
    # an issuer named by name matches through the learner's trust list (issue 13)
    trusted = {ISSUER.id: "Demo Polytechnic"}
    assert ev(stack(by_name), hs, trusted=trusted).root.counted == ["c"]
    r = ev(stack(wrong_issuer), hs, trusted=trusted)
    assert not r.satisfied and said(r.root.missing) == ["Te Reo (from Other College)"]


def test_issuer_name_matches_without_the_bracketed_note_and_by_id():
    demo = Issuer(id="did:key:z6Mk", name="Demo Polytechnic (DEMO ISSUER — not a real one)")
    hs = [held("a", cred("Python", issuer=demo))]
    trusted = {"did:key:z6Mk": "Demo Polytechnic (DEMO ISSUER — not a real one)"}
    for issuer in ("Demo Polytechnic", "did:key:z6Mk"):
        req = Requirement("achievement", id="r", name="Python", issuer=issuer)
        assert ev(stack(req), hs, trusted=trusted).satisfied


def test_all_any_and_n_of_progress():
    hs = [held("a", cred("A")), held("b", cred("B"))]
    assert ev(stack(group("all", ach("A"), ach("C"))), hs).progress == 0.5
    assert ev(stack(group("any", ach("C"), ach("B"))), hs).satisfied
    r = ev(stack(group("n-of", ach("A"), ach("C"), ach("D"), n=2)), hs)
    assert not r.satisfied and r.progress == 0.5
    assert said(r.root.missing) == ["one more of: C, D"]
    r = ev(stack(group("any", ach("C"), ach("D"))), hs)
    assert r.progress == 0 and said(r.root.missing) == ["one of: C, D"]


def test_field_and_skill_count():
    hs = [
        held("a", cred("Intro to Data Science")),
        held("b", cred("Spreadsheets", tags=("data science",))),
        held("c", cred("Welding", outcomes=("Apply safe welding practice",))),
    ]
    f = Requirement("field", id="f", field_of_study="Data Science", count=3)
    r = ev(stack(f), hs)
    assert r.progress == pytest.approx(2 / 3)
    assert said(r.root.missing) == ["1 more credential in Data Science"]
    skill = Requirement("field", id="s", skill="safe welding")
    assert ev(stack(skill), hs).root.counted == ["c"]
    # a phrase, not a substring of another word
    assert not ev(stack(Requirement("field", id="x", field_of_study="weld")), hs).satisfied


# ----- credits, levels, conversions ----------------------------------------------------------


def test_credit_total_with_level_floor():
    hs = [
        held("l5", cred("A", credits=15, level="5")),
        held("l4", cred("B", credits=10, level="4")),
        held("l3", cred("C", credits=5, level="3")),
        held("eqf", cred("D", credits=5, unit="ECTS", level="6", framework="EQF")),
    ]
    req = credits(60, min_level=4, floors=[(15, 5)])
    r = ev(stack(req), hs)
    assert r.root.counted == ["l5", "l4"]  # level 3 and another framework never count
    assert r.root.credits_earned == 25
    assert said(r.root.missing) == ["35 more NZQF credits at level 4 or above"]
    req = credits(60, min_level=4, floors=[(30, 5)])
    r = ev(stack(req), hs)
    assert said(r.root.missing) == [
        "35 more NZQF credits at level 4 or above",
        "15 more NZQF credits at level 5 or above",
    ]
    assert r.progress == pytest.approx((60 - 35) / 60)  # 35 more to earn, 15 of them at 5


def test_floor_unmet_means_unsatisfied_even_with_the_total():
    hs = [held(str(i), cred(f"C{i}", credits=20, level="4")) for i in range(3)]
    r = ev(stack(credits(40, min_level=4, floors=[(15, 5)])), hs)
    assert not r.satisfied and r.progress < 1
    assert said(r.root.missing) == ["15 more NZQF credits at level 5 or above"]


def test_levels_compare_numerically_not_as_text():
    hs = [held("a", cred("A", credits=10, level="10")), held("b", cred("B", credits=10, level="9"))]
    assert ev(stack(credits(20, min_level=9)), hs).satisfied
    assert ev(stack(credits(10, min_level=10)), hs).root.counted == ["a"]


def test_conversions_only_with_a_given_rate():
    hs = [
        held("nz", cred("A", credits=15, level="5")),
        held("ects", cred("B", credits=5, unit="ECTS credits", level="6", framework="EQF")),
        held("hours", cred("C", credits=100, unit="hours")),
    ]
    assert ev(stack(credits(20, framework=None)), hs).root.credits_earned == 15
    r = ev(stack(credits(20, framework=None, conversions={"ECTS": 2})), hs)
    assert r.satisfied and r.root.credits_earned == 25
    assert sorted(r.root.counted) == ["ects", "nz"]


def test_ects_with_eqf_level_sentence():
    hs = [held("a", cred("A", credits=5, unit="ECTS", level="6", framework="EQF"))]
    r = ev(stack(credits(10, unit="ECTS", framework="EQF", min_level=6)), hs)
    assert said(r.root.missing) == ["5 more ECTS at EQF level 6 or above"]
    assert r.progress == 0.5


# ----- exclusive assignment and reuse --------------------------------------------------------


def test_credential_counts_once_unless_reuse():
    hs = [held("py", cred("Python", credits=15, level="5"))]
    tree = group("all", credits(15, min_level=4), ach("Python"))
    r = ev(stack(tree), hs)
    assert not r.satisfied and r.progress == 0.5
    r = ev(stack(tree, reuse=True), hs)
    assert r.satisfied and r.root.children[0].counted == ["py"] == r.root.children[1].counted


def test_n_of_with_overlapping_candidates_finds_the_assignment():
    # x matches t1 and t2, y only t1, z t2 and t3: the only full assignment is
    # y->t1, x->t2, z->t3 (x at its first leaf would leave t2 or t3 short)
    hs = [
        held("x", cred("X", aligned=("t1", "t2"))),
        held("y", cred("Y", aligned=("t1",))),
        held("z", cred("Z", aligned=("t2", "t3"))),
    ]
    tree = group("n-of", aligned("t1"), aligned("t2"), aligned("t3"), n=3)
    r = ev(stack(tree), hs)
    assert r.satisfied
    counted = [c.counted for c in r.root.children]
    assert counted == [["y"], ["x"], ["z"]]


def test_all_with_overlap_reports_what_is_really_missing():
    hs = [held("x", cred("X", aligned=("t1", "t2")))]
    r = ev(stack(group("all", aligned("t1"), aligned("t2"))), hs)
    assert r.progress == 0.5 and len(r.root.missing) == 1


def test_contested_credential_goes_where_it_is_needed_with_credits():
    # "A" is both a named requirement and credits; B alone gives the credits
    hs = [held("a", cred("A", credits=10, level="5")), held("b", cred("B", credits=10, level="5"))]
    r = ev(stack(group("all", credits(10, min_level=4), ach("A"))), hs)
    assert r.satisfied
    assert r.root.children[0].counted == ["b"] and r.root.children[1].counted == ["a"]


# ----- nested stacks -------------------------------------------------------------------------


def test_nested_stack_and_missing_stack():
    hs = [held("a", cred("A")), held("b", cred("B"))]
    inner = stack(group("all", ach("A"), ach("B")), sid="inner", name="Inner award")
    outer = stack(
        group("all", Requirement("stack", id="n", stack_id="inner"), ach("C")), sid="outer"
    )
    r = ev(outer, hs, stacks_by_id={"inner": inner})
    assert r.root.children[0].satisfied and r.progress == 0.5
    assert said(r.root.missing) == ["C"]
    r = ev(outer, hs)
    assert said(r.root.children[0].missing) == ["the stack inner (not in the wallet)"]


def test_nested_stack_shares_the_no_reuse_rule():
    hs = [held("a", cred("A"))]
    inner = stack(ach("A"), sid="inner", name="Inner")
    outer = stack(
        group("all", Requirement("stack", id="n", stack_id="inner"), ach("A", "again")), sid="outer"
    )
    assert ev(outer, hs, stacks_by_id={"inner": inner}).progress == 0.5


def test_cycle_is_a_plain_error():
    a = stack(Requirement("stack", id="r", stack_id="b"), sid="a")
    b = stack(group("all", Requirement("stack", id="x", stack_id="a")), sid="b")
    with pytest.raises(StackError, match="cycle: a -> b -> a"):
        ev(a, [], stacks_by_id={"a": a, "b": b})
    self_ref = stack(Requirement("stack", id="r", stack_id="s"), sid="s")
    with pytest.raises(StackError, match="cycle"):
        ev(self_ref, [], stacks_by_id={"s": self_ref})


# ----- verdicts, expiry, age ------------------------------------------------------------------


@pytest.mark.parametrize("verdict", ["failed", "unknown", "something-new"])
def test_failed_revoked_unknown_never_count(verdict):
    r = ev(stack(ach("A")), [held("a", cred("A"), verdict)])
    assert not r.satisfied and r.root.counted == [] and "a" in r.root.excluded
    r = ev(stack(ach("A")), [held("a", cred("A"), verdict)], include_unverified=True)
    assert not r.satisfied


def test_warning_counts_when_the_issuer_is_trusted():
    hs = [held("a", cred("A"), "warning")]
    assert ev(stack(ach("A")), hs, trusted={ISSUER.id: None}).satisfied
    # a warning from an issuer not on the trust list is only unconfirmed (issue 13)
    r = ev(stack(ach("A")), hs, trusted={})
    assert not r.satisfied and r.satisfied_if_confirmed


def test_unverified_only_when_asked_and_listed():
    hs = [held("a", cred("A"), None)]
    r = ev(stack(ach("A")), hs)
    assert not r.satisfied and reasons(r.root.excluded) == {"a": "not verified yet"}
    r = ev(stack(group("all", ach("A"))), hs, include_unverified=True)
    assert r.satisfied and r.root.unverified == ["a"] and r.root.children[0].unverified == ["a"]


def test_expired_counts_only_where_allowed():
    hs = [held("a", cred("A", valid_until="2025-06-01T00:00:00Z"), "warning")]
    trusted = {ISSUER.id: ISSUER.name}
    r = ev(stack(ach("A")), hs, trusted=trusted)
    assert not r.satisfied and reasons(r.root.excluded) == {"a": "expired on 1 June 2025"}
    assert ev(stack(ach("A"), expired=True), hs, trusted=trusted).satisfied
    # still valid at `at`: counts
    hs = [held("a", cred("A", valid_until="2027-01-01T00:00:00Z"))]
    assert ev(stack(ach("A")), hs).satisfied


def test_max_age_by_issued_date_inherited_by_children():
    hs = [
        held("old", cred("A", issued="2020-01-01T00:00:00Z")),
        held("new", cred("B", issued="2026-08-01T00:00:00Z")),
        held("nodate", cred("C", issued=None)),
    ]
    root = group("all", ach("A"), ach("B"), ach("C"))
    root.max_age_days = 365
    r = ev(stack(root), hs)
    assert [c.satisfied for c in r.root.children] == [False, True, False]
    assert reasons(r.root.children[0].excluded) == {"old": "issued more than 365 days ago"}
    r = evaluate(stack(root), hs, at=dt.datetime(2020, 6, 1, tzinfo=dt.UTC))
    assert r.root.children[0].satisfied


# ----- outputs --------------------------------------------------------------------------------


def test_result_to_json_shape():
    hs = [held("a", cred("A", credits=10, level="5"))]
    s = stack(group("all", ach("Python"), credits(40, min_level=4)))
    out = result_to_json(ev(s, hs))
    assert set(out) == {"id", "name", "satisfied", "progress", "credits", "missing", "tree"}
    assert out["credits"] == {"earned": 10.0, "required": 40.0, "unit": "NZQF credits"}
    assert out["tree"]["children"][1]["credits"]["earned"] == 10.0
    assert out["missing"] == ["Python", "30 more NZQF credits at level 4 or above"]
    none = result_to_json(ev(stack(ach("A")), hs))
    assert none["credits"] == {"earned": None, "required": None, "unit": None}
    assert none["satisfied"] is True and none["progress"] == 1.0


def test_evaluate_all_uses_one_index_and_nests():
    hs = Holdings([held("a", cred("A"))])
    inner = stack(ach("A"), sid="inner")
    outer = stack(Requirement("stack", id="r", stack_id="inner"), sid="outer")
    results = evaluate_all([inner, outer], hs, at=AT)
    assert [r.satisfied for r in results] == [True, True]
