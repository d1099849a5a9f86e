"""File → Restore from Backup… (and the welcome's restore) offer the backup's issuer registry
subscriptions with its trusted issuers, in one question after the summary: yes subscribes with
the copy the backup carries (nothing fetched), Settings lists the registry, and the credentials
of the issuers it lists are checked again at once; no leaves the wallet as it was."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_restore_recheck import BACKUP_PW, WALLET_PW, wallet
from tests.test_restore_registries import FRIEND, REGISTRY, registry_backup
from tests.verify.localweb import block_sockets
from wallet.store import WalletStore
from wallet.ui import backup_actions
from wallet.ui.app import Session
from wallet.ui.backup_actions import BackupActions
from wallet.ui.qt import Qt, QtWidgets
from wallet.ui.settings import SettingsDialog
from wallet.ui.unlock import UnlockDialog

__all__ = ["wallet"]  # the fixture, shared with test_restore_recheck

YES, NO = QtWidgets.QMessageBox.StandardButton.Yes, QtWidgets.QMessageBox.StandardButton.No
UNCONFIRMED = "\u25cb Authentic \u00b7 issuer not confirmed"
VERIFIED = "\u2713 Verified"


@pytest.fixture
def session(wallet: tuple[Path, str]) -> Iterator[Session]:
    s = Session(wallet[0])
    s.start(WALLET_PW)
    try:
        yield s
    finally:
        s.shutdown()


def status_in_list(session: Session, cid: str) -> str:
    w = session.window
    assert w is not None
    return w.model.index(w.model.row_of(cid), w.model.STATUS).data()


def restore_from_menu(
    qtbot, session: Session, out: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[BackupActions, QtWidgets.QMessageBox]:
    """File → Restore from Backup… on `out`; the summary closed; the question it then asks."""
    monkeypatch.setattr(backup_actions, "ask_open_path", lambda _parent: out)
    monkeypatch.setattr(backup_actions, "ask_passphrase", lambda _parent, confirm: BACKUP_PW)
    window = session.window
    assert window is not None
    actions = window.backup_actions
    with qtbot.waitSignal(actions.done, timeout=20000):
        window.restore_action.trigger()
    qtbot.waitUntil(lambda: actions.trust_box is not None and actions.trust_box.isVisible())
    box = actions.trust_box
    assert box is not None
    return actions, box


def registries_in_settings(session: Session) -> list[str]:
    """The rows of Settings → Trusted issuers → Issuer registries, opened from its command."""
    window = session.window
    assert window is not None and session.settings_action is not None
    session.settings_action.trigger()
    (dialog,) = [d for d in window.findChildren(SettingsDialog) if d.isVisible()]
    section = dialog.registries
    rows = [section.list.item(i).text() for i in range(section.list.count())]
    dialog.reject()
    dialog.deleteLater()
    return rows


def test_the_windows_restore_offers_registries_and_a_yes_subscribes_and_checks_again(
    qtbot,
    session: Session,
    wallet: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cid = wallet[1]
    assert status_in_list(session, cid) == UNCONFIRMED
    _actions, box = restore_from_menu(qtbot, session, registry_backup(tmp_path), monkeypatch)
    attempts = block_sockets(monkeypatch)  # the backup's copy is used: nothing fetched

    assert box.windowTitle() == "Subscribe to the backup's issuer registries?"
    assert f"Demo Consortium <{REGISTRY}>: 2 issuers, fetched 1 March 2026" in box.text()
    assert "nothing is fetched until you press Refresh in Settings" in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.defaultButton() is box.button(NO)
    assert registries_in_settings(session) == []
    box.button(YES).click()

    window = session.window
    assert window is not None
    qtbot.waitUntil(lambda: window.store is not None and bool(window.store.registries.all()))
    qtbot.waitUntil(lambda: not window.ops)
    assert registries_in_settings(session) == [
        "Demo Consortium \u2014 2 issuers, fetched 1 March 2026"
    ]
    assert status_in_list(session, cid) == VERIFIED  # checked again, without Check now
    assert window.model.verdict(cid) == "verified"
    assert attempts == []


def test_one_question_names_issuers_and_registries_and_no_changes_nothing(
    qtbot,
    session: Session,
    wallet: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    cid = wallet[1]
    out = registry_backup(tmp_path, trust=True)
    _actions, box = restore_from_menu(qtbot, session, out, monkeypatch)

    assert box.windowTitle() == "Trust the backup's issuers and registries?"
    text = box.text()
    assert f"Friendly Poly <{FRIEND}>" in text and f"Demo Consortium <{REGISTRY}>" in text
    box.button(NO).click()

    window = session.window
    assert window is not None
    qtbot.waitUntil(lambda: not window.ops)
    assert registries_in_settings(session) == []
    assert window.store is not None and window.store.trust.issuers() == {}
    assert status_in_list(session, cid) == UNCONFIRMED


def test_the_welcomes_restore_offers_the_registries_too(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Restoring into a new wallet from the start screen asks the same question."""
    out = registry_backup(tmp_path)
    session = Session(tmp_path / "new.lwallet")
    session.start(None)
    try:
        dialog = session.dialog
        assert isinstance(dialog, UnlockDialog)
        qtbot.mouseClick(dialog.path_buttons[UnlockDialog.RESTORE], Qt.MouseButton.LeftButton)
        dialog.backup_file.setText(str(out))
        dialog.backup_passphrase.setText(BACKUP_PW)
        dialog.new_passphrase.setText(WALLET_PW)
        dialog.new_confirmation.setText(WALLET_PW)
        qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
        window = session.window
        assert window is not None
        actions = window.backup_actions
        qtbot.waitUntil(lambda: actions.trust_box is not None and actions.trust_box.isVisible())
        box = actions.trust_box
        assert box is not None and f"<{REGISTRY}>" in box.text()
        box.button(YES).click()
        qtbot.waitUntil(lambda: window.store is not None and bool(window.store.registries.all()))
        qtbot.waitUntil(lambda: not window.ops)
        assert [row.split(" \u2014 ")[0] for row in registries_in_settings(session)] == [
            "Demo Consortium"
        ]
    finally:
        session.shutdown()
    with WalletStore.open(tmp_path / "new.lwallet", WALLET_PW) as store:
        assert [s.url for s in store.registries.all()] == [REGISTRY]
