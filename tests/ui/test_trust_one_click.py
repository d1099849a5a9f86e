"""Trust in one click, through the real window: a credential whose issuer is not on the trust
list reads "Authentic · issuer not confirmed" (no warning sign), "Trust this issuer…" shows who
the issuer is and how its identifier is confirmed, and Trust makes it Verified in the detail
pane and the list. Also: the detail pane leads with the reason, the checks folded away."""

from __future__ import annotations

from pathlib import Path

import pytest

from wallet import demo
from wallet.actions import trust as trust_actions
from wallet.actions.verifying import verify_credentials
from wallet.store import WalletStore
from wallet.ui.main_window import MainWindow
from wallet.ui.qt import QtCore
from wallet.ui.trust_dialog import TrustDialog

LEFT = QtCore.Qt.MouseButton.LeftButton


@pytest.fixture
def untrusting_demo(tmp_path: Path) -> Path:
    """The demo wallet as a new learner has it: nobody on the trust list, every report kept."""
    path = demo.fresh_demo_wallet(tmp_path / "demo.wallet")
    with WalletStore.open(path, demo.DEMO_PASSPHRASE) as store:
        for issuer_id in list(store.trust.issuers()):
            trust_actions.distrust_issuer(store, issuer_id)
        verify_credentials(store)
    return path


def open_window(qtbot, path: Path) -> MainWindow:
    w = MainWindow(WalletStore.open(path, demo.DEMO_PASSPHRASE))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def select(w: MainWindow, title: str) -> str:
    cid = w.model.credential_id(w.model.titles().index(title))
    assert cid is not None and w.select_credential(cid)
    return cid


def status_in_list(w: MainWindow, cid: str) -> str:
    return w.model.index(w.model.row_of(cid), w.model.STATUS).data()


def test_trusting_an_issuer_from_the_detail_pane_makes_its_credential_verified(
    qtbot, untrusting_demo
) -> None:
    w = open_window(qtbot, untrusting_demo)
    cid = select(w, "Data Analysis with Python")
    d = w.detail
    assert d.value_text("verdict") == "\u25cb Authentic \u00b7 issuer not confirmed"
    assert d.value_text("reason") == "Authentic, but its issuer is not on your trust list."
    assert d.value_text("advice") == "Trust this issuer if you know it."
    assert d.trust_button.isVisibleTo(d)

    qtbot.mouseClick(d.trust_button, LEFT)
    dialog = w.findChild(TrustDialog)
    assert dialog is not None and dialog.isVisible()
    did, name = demo.demo_issuer()
    assert dialog.id_field.text() == did
    assert dialog.name_label.text() == f"\u201c{name}\u201d (as the issuer calls itself)"
    assert dialog.confirmed.text() == (
        "The key is the identifier itself: only trust it if you got this credential from the "
        "issuer directly."
    )
    assert dialog.website.text() == "https://demo-polytechnic.example"
    assert w.store is not None and did not in w.store.trust.issuers()

    qtbot.mouseClick(dialog.trust_button, LEFT)
    assert dialog.task is not None
    qtbot.waitUntil(lambda: d.value_text("verdict") == "\u2713 Verified", timeout=30_000)
    assert status_in_list(w, cid) == "\u2713 Verified"
    assert not d.trust_button.isVisibleTo(d)
    assert w.store.trust.issuers()[did] == name
    # Its other credentials are judged again too: the expired one keeps its own warning.
    expired = select(w, "First Aid Refresher (2024)")
    assert status_in_list(w, expired) == "! Warning"
    assert d.value_text("reason") == "Expired on 1 June 2025."
    w.close()


def test_cancel_trusts_nobody(qtbot, untrusting_demo) -> None:
    w = open_window(qtbot, untrusting_demo)
    cid = select(w, "Data Analysis with Python")
    qtbot.mouseClick(w.detail.trust_button, LEFT)
    dialog = w.findChild(TrustDialog)
    assert dialog is not None
    qtbot.mouseClick(dialog.cancel_button, LEFT)
    assert dialog.task is None
    assert w.store is not None and w.store.trust.issuers() == {}
    assert status_in_list(w, cid) != "\u2713 Verified"
    w.close()


def test_expired_and_untrusted_is_a_warning_led_by_the_expiry(qtbot, untrusting_demo) -> None:
    """More than the issuer is wrong: the headline stays a warning, the reason is the date."""
    w = open_window(qtbot, untrusting_demo)
    select(w, "First Aid Refresher (2024)")
    d = w.detail
    assert d.value_text("verdict") == "! Authentic, with a warning"
    assert d.value_text("reason") == "Expired on 1 June 2025."
    assert d.value_text("advice") == "Ask the issuer for a new one."
    assert d.trust_button.isVisibleTo(d)  # authentic: its issuer may still be trusted
    w.close()


def test_a_revoked_credential_leads_with_the_reason_and_folds_the_checks(qtbot, tmp_path) -> None:
    w = open_window(qtbot, demo.fresh_demo_wallet(tmp_path / "demo.wallet"))
    select(w, "Library Induction")
    d = w.detail
    assert d.value_text("verdict") == "\u2717 Failed"
    assert d.value_text("reason").startswith("Revoked by Demo Polytechnic")
    assert d.value_text("advice") == "Ask the issuer for a new one."
    assert not d.trust_button.isVisibleTo(d)
    # The technical checks are there, folded away until asked for.
    assert not d.checks.isVisibleTo(d) and d.checks_toggle.isVisibleTo(d)
    assert "\u2717 Revocation: revoked by the issuer" in d.value_text("checks")
    qtbot.mouseClick(d.checks_toggle, LEFT)
    assert d.checks.isVisibleTo(d)
    # Another credential: folded again (nothing remembered).
    select(w, "Data Analysis with Python")
    assert not d.checks.isVisibleTo(d)
    w.close()
