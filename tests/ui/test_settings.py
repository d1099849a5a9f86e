"""The Settings dialog: what it shows, what Save keeps (in the wallet, or QSettings for the
language), and Open Another Wallet… restarting the session on another file."""

from __future__ import annotations

import pytest

from wallet.store import WalletStore
from wallet.ui import i18n
from wallet.ui.app import Session
from wallet.ui.qt import Qt, QtGui
from wallet.ui.settings import SettingsDialog, online_checks_allowed

from .samples import PASSPHRASE


def open_settings(qtbot, store: WalletStore) -> SettingsDialog:
    dialog = SettingsDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_defaults_are_shown(qtbot, store) -> None:
    dialog = open_settings(qtbot, store)
    assert dialog.location.text() == str(store.path)
    assert dialog.auto_lock.value() == 5
    assert dialog.online.isChecked() and online_checks_allowed(store)
    assert dialog.issuer_ids() == []
    assert dialog.language.currentData() == ""
    dialog.auto_lock.setValue(0)
    assert dialog.auto_lock.text() == "Never"


def test_save_keeps_everything(qtbot, store, wallet_file) -> None:
    store.trust.add("did:web:old.example", "Old College")
    dialog = open_settings(qtbot, store)
    assert dialog.issuers.item(0).text() == "Old College \u2014 did:web:old.example"

    dialog.auto_lock.clear()
    qtbot.keyClicks(dialog.auto_lock, "12")
    dialog.online.setChecked(False)
    dialog.issuers.item(0).setSelected(True)
    qtbot.mouseClick(dialog.remove_issuer_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.new_issuer, "did:web:university.example")
    qtbot.mouseClick(dialog.add_issuer_button, Qt.MouseButton.LeftButton)
    dialog.language.setCurrentIndex(dialog.language.findData("de"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()

    store.close()
    with WalletStore.open(wallet_file.path, PASSPHRASE) as again:
        assert again.settings.get("auto_lock_minutes") == "12"
        assert again.settings.get("online_checks") == "off"
        assert not online_checks_allowed(again)
        assert again.trust.issuers() == {"did:web:university.example": None}
    assert i18n.language_setting() == "de"
    assert i18n.settings_path().is_file()  # in the platform's config folder, not the wallet


def test_an_issuer_is_trusted_under_the_name_typed_and_a_stack_then_counts_it(qtbot, store) -> None:
    """A stack that names its issuer only by name counts a credential once the learner has
    trusted the issuer's id under that name: Settings is where the window lets them."""
    dialog = open_settings(qtbot, store)
    qtbot.keyClicks(dialog.new_issuer, "did:web:pukeko.example")
    qtbot.keyClicks(dialog.new_issuer_name, "  Pukeko   Polytechnic ")
    qtbot.mouseClick(dialog.add_issuer_button, Qt.MouseButton.LeftButton)
    assert dialog.issuers.item(0).text() == "Pukeko Polytechnic \u2014 did:web:pukeko.example"
    assert dialog.new_issuer_name.text() == ""
    # the same id again with another name replaces the first, it is not listed twice
    qtbot.keyClicks(dialog.new_issuer, "did:web:pukeko.example")
    qtbot.keyClicks(dialog.new_issuer_name, "Pukeko Poly")
    qtbot.keyClick(dialog.new_issuer_name, Qt.Key.Key_Return)
    assert [dialog.issuers.item(i).text() for i in range(dialog.issuers.count())] == [
        "Pukeko Poly \u2014 did:web:pukeko.example"
    ]
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert store.trust.issuers() == {"did:web:pukeko.example": "Pukeko Poly"}


def test_cancel_changes_nothing(qtbot, store) -> None:
    dialog = open_settings(qtbot, store)
    dialog.auto_lock.setValue(60)
    qtbot.keyClicks(dialog.new_issuer, "did:key:z6Mkabc")
    qtbot.mouseClick(dialog.add_issuer_button, Qt.MouseButton.LeftButton)
    dialog.reject()
    assert store.settings.get("auto_lock_minutes") is None
    assert store.trust.issuers() == {}


def test_a_malformed_issuer_id_is_refused(qtbot, store) -> None:
    dialog = open_settings(qtbot, store)
    qtbot.keyClicks(dialog.new_issuer, "University of Somewhere")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.issuer_error.isVisible()
    assert "did:" in dialog.issuer_error.text()
    assert store.trust.issuers() == {}


@pytest.fixture
def session(qtbot, wallet_file):
    s = Session(wallet_file.path)
    s.start(PASSPHRASE)
    yield s
    s.shutdown()


def test_settings_action_uses_the_platform_shortcut(qtbot, session) -> None:
    action = session.settings_action
    assert action.menuRole() == QtGui.QAction.MenuRole.PreferencesRole
    assert action.shortcut() == QtGui.QKeySequence(QtGui.QKeySequence.StandardKey.Preferences)
    action.trigger()
    dialog = session.window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()


def test_saved_auto_lock_applies_at_once(qtbot, session) -> None:
    dialog = session.show_settings()
    dialog.auto_lock.setValue(9)
    dialog.save()
    assert session.autolock.timeout_ms == 9 * 60_000


def test_open_another_wallet_restarts_the_session(qtbot, session, tmp_path) -> None:
    other = tmp_path / "work" / "second.wallet"
    window = session.window
    dialog = session.show_settings()
    dialog.choose_wallet_file = lambda: str(other)
    qtbot.mouseClick(dialog.open_other_button, Qt.MouseButton.LeftButton)

    assert not window.isVisible() and window.store is None and window.model.rowCount() == 0
    unlock = session.dialog
    assert unlock is not None and unlock.isVisible() and unlock.creating
    assert unlock.location.text() == str(other)
    qtbot.keyClicks(unlock.passphrase, "second one")
    qtbot.keyClicks(unlock.confirmation, "second one")
    qtbot.mouseClick(unlock.accept_button, Qt.MouseButton.LeftButton)
    assert session.window is window and window.isVisible()
    assert window.store.path == other and window.model.rowCount() == 0
    assert "second.wallet" in window.windowTitle()


def test_trusting_an_issuer_in_settings_updates_the_stacks_page_at_once(qtbot, tmp_path) -> None:
    """Saving a trusted issuer changes what counts toward a stack: the open Stacks page says
    so without the learner having to reopen anything."""
    from tests.stacks.helpers import (
        PUKEKO,
        add_checked,
        clinical_stack,
        new_issuer_key,
        save_stack,
        signed_credential,
    )

    key, did = new_issuer_key()
    path = tmp_path / "stacks.wallet"
    with WalletStore.create(path, PASSPHRASE) as store:
        add_checked(store, signed_credential(key))
        save_stack(store, clinical_stack(PUKEKO))
    session = Session(path)
    session.start(PASSPHRASE)
    try:
        window = session.window
        window.show_stacks_action.trigger()
        qtbot.waitUntil(lambda: bool(window.stacks_view.rows()), timeout=10_000)
        [row] = window.stacks_view.rows()
        assert not row["satisfied"] and "unconfirmed" in row["status"]

        session.settings_action.trigger()
        dialog = window.findChild(SettingsDialog)
        qtbot.keyClicks(dialog.new_issuer, did)
        qtbot.keyClicks(dialog.new_issuer_name, PUKEKO)
        qtbot.mouseClick(dialog.add_issuer_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

        qtbot.waitUntil(lambda: window.stacks_view.rows()[0]["satisfied"], timeout=10_000)
    finally:
        session.shutdown()


def test_the_blockcerts_explorer_is_chosen_in_settings_and_a_bad_one_is_refused(
    qtbot, store
) -> None:
    """Blockcerts anchors are looked up through an explorer the learner chooses (issue 18):
    Settings shows the default, keeps a valid https template and refuses one without {txid}."""
    dialog = open_settings(qtbot, store)
    assert dialog.explorer.text() == ""
    assert "blockstream.info" in dialog.explorer.placeholderText()
    qtbot.keyClicks(dialog.explorer, "https://mempool.example/api/tx")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.explorer_error.isVisible()
    assert "{txid}" in dialog.explorer_error.text()
    assert store.settings.get("blockcerts_explorer") is None

    dialog.explorer.setText("https://mempool.example/{net}api/tx/{txid}")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert store.settings.get("blockcerts_explorer") == "https://mempool.example/{net}api/tx/{txid}"
