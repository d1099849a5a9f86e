"""Issue 13, item 6, on the Stacks page: an impostor's credential never completes a stack, the
page says why a credential does not count, and progress that rests on an issuer the learner
has not confirmed is shown as that, never as "Satisfied"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.stacks.helpers import (
    CLINICAL,
    PUKEKO,
    add_checked,
    clinical_stack,
    new_issuer_key,
    save_stack,
    signed_credential,
)
from wallet import messages
from wallet.messages import M
from wallet.stacks.engine import evaluate_wallet
from wallet.stacks.model import Reason
from wallet.store import WalletStore
from wallet.ui.stacks_view import StacksView

CROSS, WARN = "\u2717", "!"


@pytest.fixture(scope="module")
def pukeko() -> tuple[Any, str]:
    return new_issuer_key()


@pytest.fixture
def wallet(tmp_path: Path) -> Iterator[WalletStore]:
    with WalletStore.create(tmp_path / "w.lwallet", "pw") as store:
        yield store


@pytest.fixture
def view(qtbot) -> StacksView:
    v = StacksView()
    qtbot.addWidget(v)
    v.resize(1280, 800)
    v.show()
    qtbot.waitExposed(v)
    return v


def show(view: StacksView, store: WalletStore) -> None:
    view.set_results(evaluate_wallet(store), {s.id: s.title for s in store.credentials.summaries()})


@pytest.mark.parametrize("named_by", ["did", "name"])
def test_impostor_is_not_counted_and_the_page_says_why(view, wallet, pukeko, named_by):
    wallet.trust.add(pukeko[1], PUKEKO)
    attacker_key, attacker_did = new_issuer_key()
    fake = add_checked(wallet, signed_credential(attacker_key))  # "Pukeko Polytechnic"
    save_stack(wallet, clinical_stack(pukeko[1] if named_by == "did" else PUKEKO))
    show(view, wallet)
    [row] = view.rows()
    assert row["satisfied"] is False and row["status"] == "0%"
    wanted = pukeko[1] if named_by == "did" else PUKEKO
    lines = view.tree_lines()
    at = lines.index((2, "excluded", CLINICAL, f"{CROSS} does not count"))
    # the whole reason on the row below, across both columns
    assert lines[at + 1] == (
        3,
        "reason",
        f"\u21b3 does not count: issued by {attacker_did}, not by {wanted}",
        "",
    )
    item = view.find_credential_item(fake)
    assert item is not None and item.font(0).strikeOut()
    assert "Satisfied" not in view.summary.text()


def test_untrusted_college_is_shown_as_unconfirmed_progress(view, wallet, pukeko):
    key, did = pukeko
    real = add_checked(wallet, signed_credential(key))
    definition = clinical_stack(PUKEKO)
    definition["requirement"]["of"].append({"type": "achievement", "name": "Wound Care"})
    save_stack(wallet, definition)
    show(view, wallet)
    [row] = view.rows()
    assert row["satisfied"] is False
    assert row["status"] == f"0% \u00b7 {WARN} unconfirmed"
    assert view.summary.text() == (
        "0% of the way; 2 requirements still open. 0 of 2 requirements met; 1 more rests on "
        "an issuer you have not confirmed."
    )
    lines = view.tree_lines()
    assert (
        1,
        "node",
        f"\u25cb {CLINICAL} from {PUKEKO}",
        f"{WARN} Not yet: rests on an issuer you have not confirmed",
    ) in lines
    at = lines.index((2, "unconfirmed", CLINICAL, f"{WARN} waits for its issuer"))
    assert lines[at + 1] == (
        3,
        "reason",
        f"\u21b3 does not count yet: issuer not confirmed: {did} calls itself {PUKEKO}, "
        "but your list of trusted issuers does not name it so",
        "",
    )
    item = view.find_credential_item(real)
    assert item is not None and not item.font(0).strikeOut()
    # the learner confirms the college under its name: complete
    wallet.trust.add(did, PUKEKO)
    show(view, wallet)
    lines = view.tree_lines()
    assert (1, "node", f"\u2713 {CLINICAL} from {PUKEKO}", "\u2713 Done") in lines
    assert not [line for line in lines if line[1] in ("excluded", "unconfirmed")]


def test_reasons_are_rendered_in_the_window_language(view) -> None:
    """The engine's reason is a message id (with its code); the view renders it in the
    window's language, the issuer's words substituted as written; plain text stays as it is."""
    why = Reason.of(
        "issuer-mismatch",
        M(
            "issued by {issuer}, not by {required}",
            issuer="did:key:z6MkX",
            required="Pukeko Polytechnic",
        ),
    )
    assert view.reason_text(why) == "issued by did:key:z6MkX, not by Pukeko Polytechnic"
    expired = Reason.of("expired", M("expired on {day}", day=dt.date(2025, 6, 1)))
    assert view.reason_text(expired) == "expired on 1 June 2025"
    messages.set_language("de")
    try:
        assert view.reason_text(expired) == "abgelaufen am 1. Juni 2025"
    finally:
        messages.set_language("en")
    assert view.reason_text("revoked by its issuer") == "revoked by its issuer"


def test_a_long_reason_is_shown_whole_on_a_small_screen(view, wallet, pukeko, qtbot):
    """At 1024 px the reason naming an impostor's did:key does not fit one line: its row is
    as tall as its wrapped lines, so the issuer id is not cut off."""
    wallet.trust.add(pukeko[1], PUKEKO)
    attacker_key, _attacker_did = new_issuer_key()
    add_checked(wallet, signed_credential(attacker_key))
    save_stack(wallet, clinical_stack(PUKEKO))
    view.resize(1024, 600)
    show(view, wallet)
    qtbot.wait(10)
    from wallet.ui.qt import QtWidgets

    it = QtWidgets.QTreeWidgetItemIterator(view.tree)
    reasons = []
    while (item := it.value()) is not None:
        if item.data(0, view.KindRole) == "reason":
            reasons.append(item)
        it += 1
    [reason] = reasons
    rect = view.tree.visualItemRect(reason)
    line = view.tree.fontMetrics().lineSpacing()
    assert view.tree.fontMetrics().horizontalAdvance(reason.text(0)) > rect.width()
    assert rect.height() >= 2 * line
