"""The welcome (issue 17): a first start offers Create a wallet, Restore from a backup and Try
the demo, each through the real start screen of a `Session`; new passphrases follow one rule,
said before typing, with a strength meter that follows what is typed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wallet import formats, paths
from wallet.actions import backups
from wallet.store import WalletStore
from wallet.ui import backup_actions
from wallet.ui.app import Session
from wallet.ui.lock import ChangePassphraseDialog
from wallet.ui.qt import Qt
from wallet.ui.unlock import UnlockDialog

from .samples import PASSPHRASE

RULE = "At least 10 characters; a few unrelated words work well."
NEW_PW = "lantern orchard pebble"
BACKUP_PW = "an old backup passphrase"


@pytest.fixture
def first_start(tmp_path: Path, qtbot) -> Iterator[Session]:
    """The app on a wallet path with no file yet: the welcome is on the screen."""
    session = Session(tmp_path / "mine.lwallet")
    session.start(None)
    try:
        assert session.dialog is not None and session.dialog.isVisible()
        yield session
    finally:
        session.shutdown()


def _click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _type(qtbot, field, text: str) -> None:
    field.clear()
    qtbot.keyClicks(field, text)


def _welcome(session: Session) -> UnlockDialog:
    dialog = session.dialog
    assert dialog is not None
    return dialog


def test_the_welcome_offers_three_paths_and_the_check(first_start: Session) -> None:
    dialog = _welcome(first_start)
    assert [b.text() for b in dialog.path_buttons] == [
        "Create a wallet",
        "Restore from a backup",
        "Try the demo",
    ]
    assert dialog.check_button.isVisible()
    assert dialog.accept_button.text() == "Create"
    assert dialog.rule is not None
    assert dialog.rule.isVisible() and dialog.rule.text() == RULE  # said before typing


def test_create_opens_the_main_window_on_the_new_wallet(first_start: Session, qtbot) -> None:
    dialog = _welcome(first_start)
    path = first_start.path
    _click(qtbot, dialog.path_buttons[UnlockDialog.CREATE])
    _type(qtbot, dialog.passphrase, NEW_PW)
    assert dialog.confirmation is not None
    _type(qtbot, dialog.confirmation, NEW_PW)
    _click(qtbot, dialog.accept_button)
    window = first_start.window
    assert window is not None and window.isVisible() and not dialog.isVisible()
    assert window.store is not None and Path(window.store.path) == path
    with WalletStore.open(path, NEW_PW) as again:
        assert again.credentials.count() == 0


def test_create_refuses_abc_with_the_rule(first_start: Session, qtbot) -> None:
    dialog = _welcome(first_start)
    _type(qtbot, dialog.passphrase, "abc")
    assert dialog.confirmation is not None
    _type(qtbot, dialog.confirmation, "abc")
    _click(qtbot, dialog.accept_button)
    assert dialog.isVisible() and dialog.error.isVisible()
    assert dialog.error.text() == RULE
    assert not first_start.path.exists() and first_start.window is None


def test_the_meter_follows_what_is_typed(first_start: Session, qtbot) -> None:
    dialog = _welcome(first_start)
    meter = dialog.meter
    assert meter is not None
    assert meter.level.text() == "Strength: nothing typed yet"
    qtbot.keyClicks(dialog.passphrase, "abc")
    assert meter.level.text() == "Strength: weak"
    assert meter.advice.isVisible()
    assert "easy to guess" in meter.advice.text()
    qtbot.keyClicks(dialog.passphrase, " lantern orchard pebble")
    assert meter.level.text() == "Strength: strong"
    assert not meter.advice.isVisible()


def _real_backup(tmp_path: Path) -> tuple[Path, list[str]]:
    """A backup of two signed demo credentials (a restore checks them again)."""
    folder = paths.resources() / "demo" / "credentials"
    source = tmp_path / "old-laptop.lwallet"
    with WalletStore.create(source, PASSPHRASE) as store:
        for name in ("01-data-analysis-with-python.json", "03-cloud-security-fundamentals.json"):
            store.credentials.add(formats.parse((folder / name).read_bytes()), name)
        titles = sorted(s.title for s in store.credentials.summaries())
        out = tmp_path / "old.lwbackup"
        backups.back_up(store, out, BACKUP_PW, log_n=10)
    return out, titles


def test_restore_lists_the_backups_credentials(
    first_start: Session, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup, titles = _real_backup(tmp_path)
    monkeypatch.setattr(backup_actions, "ask_open_path", lambda _parent: backup)
    dialog = _welcome(first_start)
    _click(qtbot, dialog.path_buttons[UnlockDialog.RESTORE])
    assert dialog.accept_button.text() == "Restore"
    _click(qtbot, dialog.choose_backup)
    assert dialog.backup_file.text() == str(backup)
    _type(qtbot, dialog.backup_passphrase, BACKUP_PW)
    _type(qtbot, dialog.new_passphrase, "abc")
    _type(qtbot, dialog.new_confirmation, "abc")
    _click(qtbot, dialog.accept_button)
    assert dialog.error.text() == RULE and not first_start.path.exists()
    _type(qtbot, dialog.new_passphrase, NEW_PW)
    _type(qtbot, dialog.new_confirmation, NEW_PW)
    _click(qtbot, dialog.accept_button)
    window = first_start.window
    assert window is not None and window.isVisible()
    window.complete_list()
    shown = sorted(
        window.model.index(row, 0).data() or "" for row in range(window.model.rowCount())
    )
    assert shown == titles
    with WalletStore.open(first_start.path, NEW_PW) as again:
        assert again.credentials.count() == 2


def test_restore_with_a_wrong_backup_passphrase_makes_no_wallet(
    first_start: Session, qtbot, tmp_path: Path
) -> None:
    backup, _titles = _real_backup(tmp_path)
    dialog = _welcome(first_start)
    _click(qtbot, dialog.path_buttons[UnlockDialog.RESTORE])
    _type(qtbot, dialog.backup_file, str(backup))
    _type(qtbot, dialog.backup_passphrase, "not the backup passphrase")
    _type(qtbot, dialog.new_passphrase, NEW_PW)
    _type(qtbot, dialog.new_confirmation, NEW_PW)
    _click(qtbot, dialog.accept_button)
    assert dialog.isVisible() and dialog.error.isVisible() and dialog.error.text()
    assert not first_start.path.exists() and first_start.window is None


def test_try_the_demo_opens_the_demo_wallet(first_start: Session, qtbot) -> None:
    dialog = _welcome(first_start)
    _click(qtbot, dialog.path_buttons[UnlockDialog.DEMO])
    assert dialog.accept_button.text() == "Open the demo"
    _click(qtbot, dialog.accept_button)
    window = first_start.window
    assert window is not None and window.isVisible()
    assert window.store is not None and Path(window.store.path) == paths.demo_wallet()
    assert window.demo and window.model.total() > 0
    assert not first_start.path.exists()  # the learner's own wallet is not made


def test_change_passphrase_refuses_abc_and_shows_the_meter(qtbot, store) -> None:
    dialog = ChangePassphraseDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.current, PASSPHRASE)
    qtbot.keyClicks(dialog.new, "abc")
    assert dialog.meter.level.text() == "Strength: weak"
    qtbot.keyClicks(dialog.confirmation, "abc")
    _click(qtbot, dialog.accept_button)
    assert dialog.error.text() == RULE and dialog.isVisible()
