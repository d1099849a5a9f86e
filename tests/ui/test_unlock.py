"""The unlock dialog, driven with real key presses and clicks against real wallet files."""

from __future__ import annotations

import hashlib
from pathlib import Path

from wallet.store import WalletStore
from wallet.ui.qt import Qt, QtGui, QtWidgets
from wallet.ui.unlock import UnlockDialog

from .samples import PASSPHRASE


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def open_dialog(qtbot, path: Path) -> UnlockDialog:
    dialog = UnlockDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def submit(qtbot, dialog: UnlockDialog, passphrase: str, confirmation: str | None = None) -> None:
    qtbot.keyClicks(dialog.passphrase, passphrase)
    if confirmation is not None:
        assert dialog.confirmation is not None
        qtbot.keyClicks(dialog.confirmation, confirmation)
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)


def test_passphrase_field_is_hidden_and_named(qtbot, wallet_file) -> None:
    dialog = open_dialog(qtbot, wallet_file.path)
    assert dialog.passphrase.echoMode() == QtWidgets.QLineEdit.EchoMode.Password
    assert dialog.accept_button.text() == "Open"
    assert dialog.confirmation is None
    assert dialog.error.isHidden()
    for widget in (dialog.passphrase, dialog.accept_button):
        assert widget.accessibleName()


def test_wrong_passphrase_says_so_and_changes_nothing(qtbot, wallet_file) -> None:
    before = file_digest(wallet_file.path)
    dialog = open_dialog(qtbot, wallet_file.path)
    opened: list[object] = []
    dialog.unlocked.connect(opened.append)

    submit(qtbot, dialog, "not the passphrase")

    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert "wrong passphrase or not a wallet file" in dialog.error.text().lower()
    assert dialog.passphrase.text() == ""  # cleared for the next try
    assert dialog.store is None and opened == []
    assert file_digest(wallet_file.path) == before

    submit(qtbot, dialog, PASSPHRASE)  # then the right one, in the same dialog
    assert opened and dialog.store is opened[0]
    assert not dialog.isVisible()
    assert dialog.result() == QtWidgets.QDialog.DialogCode.Accepted
    assert dialog.store.credentials.count() == 3
    assert dialog.passphrase.text() == ""  # the secret does not linger in the widget
    dialog.store.close()


def test_not_a_wallet_file_is_the_same_plain_message(qtbot, tmp_path) -> None:
    junk = tmp_path / "photo.png"
    junk.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 4096)
    dialog = open_dialog(qtbot, junk)
    submit(qtbot, dialog, "anything")
    assert "wrong passphrase or not a wallet file" in dialog.error.text().lower()
    assert dialog.store is None


def test_empty_passphrase_is_refused_inline(qtbot, wallet_file) -> None:
    dialog = open_dialog(qtbot, wallet_file.path)
    qtbot.mouseClick(dialog.accept_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.error.text() == "Enter a passphrase."


def test_missing_file_offers_to_create_one(qtbot, tmp_path) -> None:
    path = tmp_path / "sub" / "new.wallet"
    dialog = open_dialog(qtbot, path)
    assert dialog.creating and dialog.accept_button.text() == "Create"
    assert dialog.confirmation is not None
    assert dialog.confirmation.echoMode() == QtWidgets.QLineEdit.EchoMode.Password

    submit(qtbot, dialog, "one passphrase", "another passphrase")
    assert "do not match" in dialog.error.text()
    assert dialog.passphrase.text() == dialog.confirmation.text() == ""
    assert not path.exists() and dialog.store is None

    submit(qtbot, dialog, "one passphrase", "one passphrase")
    assert dialog.store is not None and dialog.store.credentials.count() == 0
    dialog.store.close()
    with WalletStore.open(path, "one passphrase") as again:
        assert again.credentials.count() == 0


def test_error_given_up_front_is_shown(qtbot, wallet_file) -> None:
    dialog = UnlockDialog(wallet_file.path, error="Wrong passphrase or not a wallet file.")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.error.isVisible()


def test_error_stays_readable_after_a_switch_to_a_dark_theme(qtbot, wallet_file) -> None:
    dialog = open_dialog(qtbot, wallet_file.path)
    submit(qtbot, dialog, "not the passphrase")
    app = QtWidgets.QApplication.instance()
    light = app.palette()

    def text_colour() -> str:
        return dialog.error.palette().color(QtGui.QPalette.ColorRole.WindowText).name()

    assert text_colour() == "#b00020"  # deep red on a light window
    dark = QtGui.QPalette(light)
    dark.setColor(QtGui.QPalette.ColorRole.Window, QtGui.QColor("#202124"))
    dark.setColor(QtGui.QPalette.ColorRole.WindowText, QtGui.QColor("#e8eaed"))
    try:
        app.setPalette(dark)
        qtbot.waitUntil(lambda: text_colour() == "#ff8a80")  # light red on a dark one
    finally:
        app.setPalette(light)
    qtbot.waitUntil(lambda: text_colour() == "#b00020")
