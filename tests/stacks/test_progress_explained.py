"""Issue 17: a stack's percentage can be worked out from what the learner is shown.

The rule (docs/stacks.md): a credit total is as far along as the credits still to earn allow
(level floors included); every group is the average of the parts it needs (all of them; for
"any one" the furthest; for "n of" the n furthest). The sentence that says so is one message,
shared by the CLI and the Stacks view."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.stacks.helpers import AT, ach, cred, credits, group, held, stack
from wallet import cli
from wallet.messages import render
from wallet.stacks.engine import evaluate
from wallet.stacks.progress import percent, progress_sentence


def ev(s, hs):
    return evaluate(s, hs, at=AT)


def nz_certificate():
    """The demo certificate's shape: 40 credits at level 4+, 15 of them at level 5+, and a
    compulsory course."""
    return stack(
        group(
            "all",
            credits(40, min_level=4, floors=[(15, 5)]),
            ach("Data Analysis with Python"),
        ),
        reuse=True,
    )


def test_same_credits_still_to_earn_read_the_same_percent():
    # Both learners need exactly 15 more credits at level 5; the old pooled rule said 73%
    # for one ((25 + 15) / 55) and 55% for the other ((30 + 0) / 55).
    with_floor = [
        held("a", cred("A", credits=15, level="5")),
        held("b", cred("B", credits=10, level="4")),
    ]
    without = [held("c", cred("C", credits=30, level="4"))]
    req = credits(40, min_level=4, floors=[(15, 5)])
    assert ev(stack(req), with_floor).progress == pytest.approx(25 / 40)
    assert ev(stack(req), without).progress == pytest.approx(25 / 40)


def test_n_of_counts_partial_progress_like_all():
    # any 2 of 3: one course done, half the credits of another part; "all of" those two reads
    # 75%, and so must "2 of 3" (it used to read 50%, ignoring the credits)
    hs = [held("a", cred("A")), held("c", cred("C", credits=5, level="4"))]
    parts = (ach("A"), credits(10, min_level=4), ach("D"))
    assert ev(stack(group("all", parts[0], parts[1])), hs).progress == pytest.approx(0.75)
    r = ev(stack(group("n-of", *parts, n=2)), hs)
    assert r.progress == pytest.approx(0.75) and not r.satisfied


def test_the_sentence_adds_up_to_the_percent_shown():
    hs = [
        held("dap", cred("Data Analysis with Python", credits=15, level="5")),
        held("b", cred("B", credits=10, level="4")),
    ]
    r = ev(nz_certificate(), hs)
    assert percent(r.progress) == 81  # (25/40 + 1) / 2
    sentence = progress_sentence(r)
    assert sentence is not None
    assert str(sentence) == (
        "81% is the average of its 2 requirements: 40 NZQF credits at level 4 or above: 63% "
        "(25 of 40 NZQF credits); Data Analysis with Python: 100% (done)."
    )
    german = render(sentence, "de")
    assert german.startswith("81 % ist der Durchschnitt seiner 2 Anforderungen:")
    assert "25 von 40 NZQF credits" in german and "erledigt" in german


def test_a_short_floor_is_named_in_the_sentence():
    hs = [held("c", cred("C", credits=30, level="4"))]
    r = ev(stack(credits(40, min_level=4, floors=[(15, 5)])), hs)
    assert str(progress_sentence(r)) == (
        "63%: 30 of 40 NZQF credits, but 15 more NZQF credits at level 5 or above are still "
        "needed, so it stands at 25 of 40."
    )


def test_n_of_and_any_say_which_parts_count():
    hs = [held("a", cred("A")), held("c", cred("C", credits=5, level="4"))]
    r = ev(stack(group("n-of", ach("A"), credits(10, min_level=4), ach("D"), n=2)), hs)
    assert str(progress_sentence(r)) == (
        "75% is the average of the 2 furthest along of its 3 requirements (any 2 are enough): "
        "A: 100% (done); 10 NZQF credits at level 4 or above: 50% (5 of 10 NZQF credits)."
    )
    r = ev(stack(group("any", ach("D"), credits(10, min_level=4))), hs)
    assert str(progress_sentence(r)) == (
        "50%: any one of its 2 options is enough, so the one furthest along counts: "
        "10 NZQF credits at level 4 or above: 50% (5 of 10 NZQF credits)."
    )


def test_a_met_stack_needs_no_explanation_and_only_a_met_one_reads_100():
    r = ev(stack(ach("A")), [held("a", cred("A"))])
    assert r.satisfied and progress_sentence(r) is None
    assert percent(0.996) == 99 and percent(1.0) == 100 and percent(0.004) == 0


def test_cli_prints_the_same_sentence(tmp_path: Path) -> None:
    pw = tmp_path / "pass.txt"
    pw.write_text("correct horse battery\n")
    base = ["--wallet", str(tmp_path / "w.lwallet"), "--passphrase-file", str(pw)]
    assert cli.main([*base, "init", "--demo"], out=io.StringIO()) == 0
    out = io.StringIO()
    assert cli.main([*base, "stacks"], out=out) == 0
    lines = out.getvalue().splitlines()
    head = next(i for i, t in enumerate(lines) if "Applied Digital Skills" in t)
    assert lines[head].endswith(": 81%")
    assert (
        "  81% is the average of its 2 requirements: 40 NZQF credits at level 4 or above: "
        "63% (25 of 40 NZQF credits); Data Analysis with Python: 100% (done)."
    ) in lines[head : head + 6]


def test_one_part_and_n_of_all_are_said_plainly():
    hs = [held("c", cred("C", credits=5, level="4"))]
    one = ev(stack(group("all", credits(10, min_level=4))), hs)
    assert str(progress_sentence(one)) == (
        "50%: 10 NZQF credits at level 4 or above: 50% (5 of 10 NZQF credits)."
    )
    every = ev(stack(group("n-of", ach("A"), credits(10, min_level=4), n=2)), hs)
    assert str(progress_sentence(every)).startswith("25% is the average of its 2 requirements:")
