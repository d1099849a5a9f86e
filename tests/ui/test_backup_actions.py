"""File → Back Up Wallet… / Restore from Backup… (issue 7) in the real window: the backup made
in the app restores in another wallet's window; a wrong passphrase is a plain message and the
list stays as it was."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wallet import backup
from wallet.store import WalletStore
from wallet.ui import backup_actions
from wallet.ui.app import Session
from wallet.ui.backup_actions import BackupPassphraseDialog
from wallet.ui.qt import Qt, QtWidgets

from .conftest import WalletFile
from .samples import PASSPHRASE, message_boxes

BACKUP_PW = "a long backup passphrase"


def _session(path: Path) -> Iterator[Session]:
    session = Session(path)
    session.start(PASSPHRASE)
    try:
        yield session
    finally:
        session.shutdown()


@pytest.fixture
def session(wallet_file: WalletFile) -> Iterator[Session]:
    yield from _session(wallet_file.path)


@pytest.fixture
def real_session(tmp_path: Path) -> Iterator[Session]:
    """Three signed demo credentials: a restore reads each again from its original bytes, so
    the made-up samples of `session` would not restore (issue 13)."""
    from wallet import formats, paths

    path = tmp_path / "real.wallet"
    folder = paths.resources() / "demo" / "credentials"
    with WalletStore.create(path, PASSPHRASE) as store:
        for name in (
            "01-data-analysis-with-python.json",
            "03-cloud-security-fundamentals.json",
            "04-te-reo-maori-in-the-workplace.json",
        ):
            store.credentials.add(formats.parse((folder / name).read_bytes()), name)
    yield from _session(path)


@pytest.fixture
def empty_session(tmp_path: Path) -> Iterator[Session]:
    path = tmp_path / "new-laptop.wallet"
    WalletStore.create(path, PASSPHRASE).close()
    yield from _session(path)


def _answer(
    monkeypatch: pytest.MonkeyPatch,
    *,
    save: Path | None = None,
    open_: Path | None = None,
    passphrase: str | None = BACKUP_PW,
) -> None:
    monkeypatch.setattr(backup_actions, "ask_save_path", lambda _parent: save)
    monkeypatch.setattr(backup_actions, "ask_open_path", lambda _parent: open_)
    monkeypatch.setattr(backup_actions, "ask_passphrase", lambda _parent, confirm: passphrase)


def test_the_file_menu_offers_backup_and_restore(session: Session) -> None:
    window = session.window
    assert window is not None
    file_menu = next(
        a.menu()
        for a in window.menuBar().actions()
        if a.menu() is not None and window.lock_action in a.menu().actions()
    )
    actions = file_menu.actions()
    backup_at = actions.index(window.backup_actions.backup_action)
    restore_at = actions.index(window.backup_actions.restore_action)
    assert backup_at < restore_at < actions.index(window.lock_action)


def test_back_up_in_one_window_restore_in_another(
    qtbot,
    real_session: Session,
    empty_session: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    window, other = real_session.window, empty_session.window
    assert window is not None and other is not None
    titles = sorted(window.model.titles())
    _answer(monkeypatch, save=tmp_path / "mine")  # the suffix is added
    actions = window.backup_actions
    with qtbot.waitSignal(actions.done, timeout=20000) as done:
        assert actions.back_up() is not None
    assert done.args[0].startswith("Backed up 3 credentials into ")
    out = tmp_path / "mine.lwbackup"
    assert len(backup.read_backup(out, BACKUP_PW)["credentials"]) == 3
    assert "Backed up 3 credentials" in message_boxes()[-1].text()
    message_boxes()[-1].close()

    assert other.model.titles() == []
    _answer(monkeypatch, open_=out)
    with qtbot.waitSignal(other.backup_actions.done, timeout=20000) as done:
        assert other.backup_actions.restore() is not None
    assert "3 credentials added (0 already there)" in done.args[0]
    assert sorted(other.model.titles()) == titles
    assert other.count_label.text() == "3 credentials"


@pytest.mark.parametrize("answer", ["yes", "no"])
def test_a_restored_backups_trusted_issuers_are_the_learners_to_accept(
    qtbot,
    real_session: Session,
    empty_session: Session,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
) -> None:
    """Issue 13 item 10: the backup's trust list is only offered; nothing is trusted unless
    the learner says yes to a question naming each issuer (No is the default)."""
    window, other = real_session.window, empty_session.window
    assert window is not None and other is not None and window.store is not None
    window.store.trust.add("did:key:z6MkBackupFriend", "Friendly <b>Poly</b>", "user")
    _answer(monkeypatch, save=tmp_path / "t")
    with qtbot.waitSignal(window.backup_actions.done, timeout=20000):
        window.backup_actions.back_up()
    for box in message_boxes():
        box.close()
    _answer(monkeypatch, open_=tmp_path / "t.lwbackup")
    actions = other.backup_actions
    with qtbot.waitSignal(actions.done, timeout=20000) as done:
        actions.restore()
    assert "did:key:z6MkBackupFriend" in done.args[0]
    qtbot.waitUntil(lambda: actions.trust_box is not None and actions.trust_box.isVisible())
    box = actions.trust_box
    assert "Friendly <b>Poly</b> <did:key:z6MkBackupFriend>" in box.text()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.defaultButton() is box.button(QtWidgets.QMessageBox.StandardButton.No)
    assert other.store is not None and other.store.trust.issuers() == {}
    button = (
        QtWidgets.QMessageBox.StandardButton.Yes
        if answer == "yes"
        else QtWidgets.QMessageBox.StandardButton.No
    )
    box.button(button).click()
    expected = {"did:key:z6MkBackupFriend": "Friendly <b>Poly</b>"} if answer == "yes" else {}
    qtbot.waitUntil(lambda: other.store.trust.issuers() == expected)


def test_wrong_passphrase_is_a_plain_message_and_nothing_changes(
    qtbot, session: Session, empty_session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, other = session.window, empty_session.window
    assert window is not None and other is not None
    _answer(monkeypatch, save=tmp_path / "b.lwbackup")
    with qtbot.waitSignal(window.backup_actions.done, timeout=20000):
        window.backup_actions.back_up()
    for box in message_boxes():
        box.close()
    _answer(monkeypatch, open_=tmp_path / "b.lwbackup", passphrase="not it at all")
    with qtbot.waitSignal(other.backup_actions.done, timeout=20000) as done:
        other.backup_actions.restore()
    assert done.args[0].startswith("wrong passphrase for this backup")
    assert [box.text() for box in message_boxes()] == [done.args[0]]
    assert "Traceback" not in done.args[0]
    assert other.model.titles() == []
    assert other.store is not None and other.store.credentials.count() == 0


def test_cancelling_a_picker_or_the_passphrase_does_nothing(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = session.window
    assert window is not None
    _answer(monkeypatch, save=None)
    assert window.backup_actions.back_up() is None
    _answer(monkeypatch, save=tmp_path / "x.lwbackup", passphrase=None)
    assert window.backup_actions.back_up() is None
    assert not list(tmp_path.glob("*.lwbackup"))


def test_the_passphrase_dialog_insists_on_a_confirmed_long_passphrase(qtbot) -> None:
    dialog = BackupPassphraseDialog(None, confirm=True)
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("short")
    dialog.again.setText("short")
    dialog._accept()
    assert dialog.error.text() == "At least 10 characters; a few unrelated words work well."
    dialog.passphrase.setText("long enough phrase")
    dialog.again.setText("long enough phrasE")
    dialog._accept()
    assert dialog.error.text() == "The two passphrases differ."
    dialog.again.setText("long enough phrase")
    dialog._accept()
    assert dialog.result() == BackupPassphraseDialog.DialogCode.Accepted
    for field in (dialog.passphrase, dialog.again):
        assert field.echoMode() == field.EchoMode.Password and field.accessibleName()
