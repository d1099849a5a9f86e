"""Settings → Trusted issuers, through the real window and dialog: trusting an issuer there (or
removing it) checks its credentials again in the background, as the one-click trust does, so
the list, the detail pane and the stored report say the new verdict without "Check now"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wallet import demo
from wallet.actions import trust as trust_actions
from wallet.actions.verifying import verify_credentials
from wallet.store import WalletStore
from wallet.ui.app import Session
from wallet.ui.main_window import MainWindow
from wallet.ui.qt import Qt
from wallet.ui.settings import SettingsDialog

LEFT = Qt.MouseButton.LeftButton
TITLE = "Data Analysis with Python"
UNCONFIRMED = "\u25cb Authentic \u00b7 issuer not confirmed"
WARNING, VERIFIED = "! Warning", "\u2713 Verified"


@pytest.fixture
def session(qtbot, tmp_path: Path) -> Iterator[Session]:
    """The demo wallet as a new learner has it (nobody trusted, every report kept), open."""
    path = demo.fresh_demo_wallet(tmp_path / "demo.wallet")
    with WalletStore.open(path, demo.DEMO_PASSPHRASE) as store:
        for issuer_id in list(store.trust.issuers()):
            trust_actions.distrust_issuer(store, issuer_id)
        verify_credentials(store)
    s = Session(path)
    s.start(demo.DEMO_PASSPHRASE)
    yield s
    s.shutdown()


def status_in_list(w: MainWindow, cid: str) -> str:
    return w.model.index(w.model.row_of(cid), w.model.STATUS).data()


def stored_verdict(w: MainWindow, cid: str) -> str:
    assert w.store is not None
    report = w.store.checks.last_report(cid)
    assert report is not None
    return report.verdict


def save_settings(qtbot, session: Session, change) -> None:
    """Open Settings from its menu command, `change(dialog)`, press Save, and wait until the
    background work Save started has ended."""
    w = session.window
    session.settings_action.trigger()
    dialog = w.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    change(dialog)
    qtbot.mouseClick(dialog.save_button, LEFT)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: not w.ops, timeout=30_000)


def test_trusting_and_distrusting_an_issuer_in_settings_checks_its_credentials_again(
    qtbot, session
) -> None:
    w = session.window
    cid = w.model.credential_id(w.model.titles().index(TITLE))
    assert cid is not None and w.select_credential(cid)
    assert status_in_list(w, cid) == UNCONFIRMED
    assert stored_verdict(w, cid) == "warning"
    assert w.detail.value_text("verdict") == UNCONFIRMED
    did, name = demo.demo_issuer()

    def trust(dialog: SettingsDialog) -> None:
        qtbot.keyClicks(dialog.new_issuer, did)
        dialog.new_issuer_name.setText(name)  # not typed: an em dash has no key
        qtbot.mouseClick(dialog.add_issuer_button, LEFT)

    save_settings(qtbot, session, trust)
    assert status_in_list(w, cid) == VERIFIED
    assert stored_verdict(w, cid) == "verified"
    assert w.detail.value_text("verdict") == VERIFIED
    # Its other credentials are judged again too: the expired one keeps its own warning.
    expired = w.model.credential_id(w.model.titles().index("First Aid Refresher (2024)"))
    assert expired is not None and status_in_list(w, expired) == WARNING

    def distrust(dialog: SettingsDialog) -> None:
        assert dialog.issuer_ids() == [did]
        dialog.issuers.item(0).setSelected(True)
        qtbot.mouseClick(dialog.remove_issuer_button, LEFT)

    save_settings(qtbot, session, distrust)
    assert status_in_list(w, cid) == UNCONFIRMED
    assert stored_verdict(w, cid) == "warning"
    assert w.detail.value_text("verdict") == UNCONFIRMED


def test_saving_without_a_trust_change_checks_nothing_again(qtbot, session) -> None:
    """Only a change of whom the learner trusts makes Save check credentials again."""
    w = session.window
    cid = w.model.credential_id(w.model.titles().index(TITLE))
    assert cid is not None
    before = w.store.checks.last_report(cid)

    def lock_later(dialog: SettingsDialog) -> None:
        dialog.auto_lock.setValue(9)

    save_settings(qtbot, session, lock_later)
    assert w.store.checks.last_report(cid) == before
    assert status_in_list(w, cid) == UNCONFIRMED
