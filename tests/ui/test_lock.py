"""Auto-lock after idle time, the lock clearing what was shown, and changing the passphrase."""

from __future__ import annotations

import time

import pytest

from wallet.errors import WrongPassphrase
from wallet.store import WalletStore
from wallet.ui.app import Session
from wallet.ui.lock import AutoLock, ChangePassphraseDialog, auto_lock_minutes
from wallet.ui.qt import Qt, QtCore, QtWidgets

from .samples import PASSPHRASE


def shown_text(window: QtWidgets.QWidget) -> str:
    """Every label's text in the window (wherever the detail view puts the title)."""
    return "\n".join(label.text() for label in window.findChildren(QtWidgets.QLabel))


@pytest.fixture
def session(qtbot, wallet_file):
    made: list[Session] = []

    def start(**kwargs) -> Session:
        s = Session(wallet_file.path, **kwargs)
        made.append(s)
        s.start(PASSPHRASE)
        assert s.window is not None and s.window.isVisible()
        return s

    yield start
    for s in made:
        s.shutdown()


def test_idle_wallet_locks_itself_and_shows_nothing(qtbot, session, wallet_file) -> None:
    s = session(auto_lock_ms=1000)
    window = s.window
    assert window.select_credential(wallet_file.ids["Statistics I"])
    assert "Statistics I" in shown_text(window)
    s.show_settings()  # an open dialog with wallet contents goes too
    started = time.monotonic()
    qtbot.waitUntil(lambda: s.dialog is not None and s.dialog.isVisible(), timeout=5000)
    assert time.monotonic() - started >= 0.9
    assert not window.isVisible() and window.store is None
    assert window.model.rowCount() == 0 and window.model.titles() == []
    assert "Statistics I" not in shown_text(window)
    assert [d for d in window.findChildren(QtWidgets.QDialog) if d.isVisible()] == []

    # Unlocking starts the clock again.
    qtbot.keyClicks(s.dialog.passphrase, PASSPHRASE)
    qtbot.mouseClick(s.dialog.accept_button, Qt.MouseButton.LeftButton)
    assert window.isVisible() and window.model.rowCount() == 3
    assert s.autolock.is_running()


def test_input_keeps_the_wallet_open(qtbot, session) -> None:
    s = session(auto_lock_ms=800)
    window = s.window
    end = time.monotonic() + 1.6
    while time.monotonic() < end:  # someone reading and scrolling
        qtbot.keyClick(window.table, Qt.Key.Key_Down)
        qtbot.wait(200)
    assert window.isVisible() and window.store is not None and s.dialog is None
    qtbot.waitUntil(lambda: window.store is None, timeout=3000)  # then they walk away


def test_auto_lock_minutes_come_from_the_wallet(qtbot, session, wallet_file) -> None:
    with WalletStore.open(wallet_file.path, PASSPHRASE) as store:
        assert auto_lock_minutes(store) == 5
        store.settings.set("auto_lock_minutes", "0")
    s = session()
    assert s.autolock.timeout_ms == 0 and not s.autolock.is_running()
    s.window.store.settings.set("auto_lock_minutes", "7")
    s.window.lock_action.trigger()
    qtbot.keyClicks(s.dialog.passphrase, PASSPHRASE)
    qtbot.mouseClick(s.dialog.accept_button, Qt.MouseButton.LeftButton)
    assert s.autolock.timeout_ms == 7 * 60_000 and s.autolock.is_running()
    s.window.store.settings.set("auto_lock_minutes", "soon")
    assert auto_lock_minutes(s.window.store) == 5  # a damaged value falls back


def test_auto_lock_does_nothing_when_already_locked(qtbot) -> None:
    calls: list[int] = []
    lock = AutoLock(lambda: calls.append(1), lambda: False)
    lock.set_timeout_ms(100)
    lock.start()
    qtbot.wait(300)
    lock.stop()
    assert calls == []


def test_lock_on_demand_clears_the_view_before_asking(qtbot, session, wallet_file) -> None:
    s = session()
    window = s.window
    seen: dict[str, object] = {}
    window.select_credential(wallet_file.ids["First Aid at Work"])
    assert "First Aid at Work" in shown_text(window)

    original = s.ask_passphrase

    def spy(*args, **kwargs):
        seen["rows"] = window.model.rowCount()
        seen["title"] = shown_text(window)
        seen["visible"] = window.isVisible()
        return original(*args, **kwargs)

    s.ask_passphrase = spy
    window.lock_action.trigger()
    assert seen["rows"] == 0 and seen["visible"] is False
    assert "First Aid" not in str(seen["title"])


# ----- change passphrase --------------------------------------------------------------------


def change(qtbot, dialog: ChangePassphraseDialog, current: str, new: str, again: str) -> None:
    for field, text in ((dialog.current, current), (dialog.new, new), (dialog.confirmation, again)):
        field.clear()
        qtbot.keyClicks(field, text)
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)


def test_change_passphrase(qtbot, session, wallet_file) -> None:
    s = session()
    s.change_passphrase_action.trigger()
    dialog = s.window.findChild(ChangePassphraseDialog)
    assert dialog is not None and dialog.isVisible()
    for field in (dialog.current, dialog.new, dialog.confirmation):
        assert field.echoMode() == QtWidgets.QLineEdit.EchoMode.Password

    change(qtbot, dialog, "not it", "new secret words", "new secret words")
    assert dialog.isVisible() and dialog.error.text() == "The current passphrase is not right."
    assert dialog.current.text() == "" and dialog.new.text() == ""

    change(qtbot, dialog, PASSPHRASE, "new secret words", "new secret wordz")
    assert dialog.isVisible() and "do not match" in dialog.error.text()

    change(qtbot, dialog, PASSPHRASE, "new secret words", "new secret words")
    assert not dialog.isVisible()
    assert s.window.store.credentials.count() == 3  # the open wallet goes on working
    s.shutdown()
    with pytest.raises(WrongPassphrase):
        WalletStore.open(wallet_file.path, PASSPHRASE)
    with WalletStore.open(wallet_file.path, "new secret words") as again:
        assert again.credentials.count() == 3


def test_change_passphrase_is_in_the_file_menu(qtbot, session) -> None:
    s = session()
    file_menu = s.window.menuBar().actions()[0].menu()
    actions = file_menu.actions()
    assert s.change_passphrase_action in actions and s.settings_action in actions
    assert actions.index(s.change_passphrase_action) < actions.index(s.window.lock_action)


def test_lock_timer_survives_a_reused_qapplication(qtbot) -> None:
    lock = AutoLock(lambda: None, lambda: True)
    lock.start()
    assert lock.is_running()
    lock.stop()
    assert not lock.is_running()
    assert QtCore.QCoreApplication.instance() is not None
