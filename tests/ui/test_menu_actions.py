"""Issue 13, item 17: every menu command of the real window, triggered the way a click does
(`QAction.trigger()`), does what its name says.

File → Restore from Backup… always failed: `triggered` hands the slot `checked=False`, which
`restore(path=None)` took as the backup's path, and the task had no log although the message
said "details are in the log". Here the standard dialogs are answered through Qt's own static
functions (QFileDialog, QInputDialog) and the passphrase dialog's `exec`, so the code behind
each command runs as it does for a person; a command found in the menus that this test does not
know fails it, so a new command comes with its check.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import qrcode

from wallet import __version__, backup, formats
from wallet.paths import resources
from wallet.store import WalletStore
from wallet.ui import crash
from wallet.ui.app import Session
from wallet.ui.backup_actions import BackupPassphraseDialog
from wallet.ui.export_dialog import ExportDialog
from wallet.ui.import_flow import ImportController
from wallet.ui.lock import ChangePassphraseDialog
from wallet.ui.main_window import MainWindow
from wallet.ui.qt import QtGui, QtWidgets
from wallet.ui.receive_dialog import ReceiveDialog
from wallet.ui.respond_dialog import RespondDialog
from wallet.ui.settings import SettingsDialog
from wallet.ui.share_dialog import ShareDialog
from wallet.ui.shares_dialog import SharesDialog
from wallet.ui.unlock import UnlockDialog
from wallet.ui.verify_qr_window import VerifyQrWindow

from .samples import PASSPHRASE, message_boxes

DEMO = resources() / "demo"
JSON_FILE = next(DEMO.glob("credentials/01-*.json"))
PASTED_FILE = next(DEMO.glob("credentials/02-*.json"))
HELD_FILES = [next(DEMO.glob(f"credentials/{n}-*.json")) for n in ("03", "04", "05")]
RESTORED_FILE = next(DEMO.glob("credentials/06-*.json"))
JWT_FILE = next(DEMO.glob("credentials/09-*.jwt"))
SD_JWT_FILE = next(DEMO.glob("credentials/10-*.sd-jwt"))
STACK_FILE = next(DEMO.glob("stacks/*.json"))
BACKUP_PW = "a long backup passphrase"


def title_of(path: Path) -> str:
    title = formats.parse(path.read_bytes(), name=path.name).credential.title
    assert title
    return title


class Answers:
    """What the standard dialogs answer, by their caption; an unexpected dialog fails."""

    def __init__(self) -> None:
        self.by_caption: dict[str, Any] = {}
        self.asked: list[str] = []

    def __call__(self, caption: str) -> Any:
        self.asked.append(caption)
        assert caption in self.by_caption, f"unexpected dialog {caption!r}"
        return self.by_caption.pop(caption)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    """Qt's static dialog functions and the backup passphrase dialog, answered by `Answers`."""
    answer = Answers()
    dialog = QtWidgets.QFileDialog
    monkeypatch.setattr(
        dialog,
        "getOpenFileName",
        staticmethod(lambda parent, caption, *a, **k: (str(answer(caption)), "")),
    )
    monkeypatch.setattr(
        dialog,
        "getOpenFileNames",
        staticmethod(lambda parent, caption, *a, **k: ([str(p) for p in answer(caption)], "")),
    )
    monkeypatch.setattr(
        dialog,
        "getSaveFileName",
        staticmethod(lambda parent, caption, *a, **k: (str(answer(caption)), "")),
    )
    monkeypatch.setattr(
        dialog,
        "getExistingDirectory",
        staticmethod(lambda parent, caption, *a, **k: str(answer(caption))),
    )
    monkeypatch.setattr(
        QtWidgets.QInputDialog,
        "getText",
        staticmethod(lambda parent, title, label, *a, **k: (answer(f"{title}: {label}"), True)),
    )
    monkeypatch.setattr(
        QtWidgets.QInputDialog,
        "getItem",
        staticmethod(
            lambda parent, title, label, items, *a, **k: (answer(f"{title}: {label}"), True)
        ),
    )

    def typed(self: BackupPassphraseDialog) -> int:
        self.passphrase.setText(answer("Backup passphrase"))
        self.again.setText(self.passphrase.text())
        self._accept()
        return self.result()

    monkeypatch.setattr(BackupPassphraseDialog, "exec", typed)
    return answer


def wallet_of(path: Path, files: list[Path]) -> Path:
    """A wallet holding these signed demo credentials (a backup re-reads every one)."""
    with WalletStore.create(path, PASSPHRASE) as store:
        for file in files:
            store.credentials.add(formats.parse(file.read_bytes(), name=file.name), "test")
    return path


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    s = Session(wallet_of(tmp_path / "maria.wallet", HELD_FILES), imports=True)
    s.start(PASSPHRASE)
    try:
        yield s
    finally:
        close_windows(s)
        s.shutdown()


def close_windows(session: Session) -> None:
    for widget in QtWidgets.QApplication.topLevelWidgets():
        if widget.isVisible() and widget is not session.window:
            widget.close()


def other_backup(tmp_path: Path) -> Path:
    """A backup of another wallet, holding one credential this wallet does not have."""
    out = tmp_path / "old-laptop.lwbackup"
    with WalletStore.open(
        wallet_of(tmp_path / "old-laptop.wallet", [RESTORED_FILE]), PASSPHRASE
    ) as other:
        backup.write_backup(other, out, BACKUP_PW, log_n=10)
    return out


def menu_actions(window: MainWindow) -> dict[str, QtGui.QAction]:
    """Every command in the menu bar as "Menu › Command" (mnemonics and dots dropped),
    submenus filled as when they open."""
    found: dict[str, QtGui.QAction] = {}

    def name(text: str) -> str:
        return text.replace("&", "").replace("\u2026", "").strip()

    def walk(menu: QtWidgets.QMenu, prefix: str) -> None:
        menu.aboutToShow.emit()
        for action in menu.actions():
            if action.isSeparator():
                continue
            if action.menu() is not None:
                walk(action.menu(), f"{prefix} \u203a {name(action.text())}")
            else:
                found[f"{prefix} \u203a {name(action.text())}"] = action

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), name(top.text()))
    return found


def visible(kind: type) -> list[Any]:
    return [
        w for w in QtWidgets.QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()
    ]


def test_every_menu_command_does_what_it_says(
    qtbot, session: Session, answers: Answers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = session.window
    assert window is not None
    imports = session.install_imports()
    assert isinstance(imports, ImportController)
    assert window.store is not None

    def results() -> Any:
        qtbot.waitUntil(
            lambda: imports.result_dialog is not None and not imports.is_busy(), timeout=20_000
        )
        dialog = imports.result_dialog
        imports.result_dialog = None
        dialog.close()
        return dialog

    def select_first() -> str:
        cid = window.model.credential_id(0)
        assert cid is not None and window.select_credential(cid)
        return cid

    # --- File
    def import_files() -> None:
        answers.by_caption["Import credentials"] = [JSON_FILE]
        trigger()
        assert [r.status for r in results().results] == ["imported"]
        assert title_of(JSON_FILE) in window.model.titles()

    def import_folder() -> None:
        folder = tmp_path / "inbox"
        folder.mkdir()
        (folder / JWT_FILE.name).write_bytes(JWT_FILE.read_bytes())
        answers.by_caption["Import every credential in a folder"] = folder
        trigger()
        assert [r.status for r in results().results] == ["imported"]
        assert title_of(JWT_FILE) in window.model.titles()

    def import_qr() -> None:
        image = tmp_path / "badge-qr.png"
        qrcode.make(
            SD_JWT_FILE.read_text().strip(), error_correction=qrcode.constants.ERROR_CORRECT_L
        ).save(str(image))
        answers.by_caption["Import from a QR code image"] = image
        trigger()
        assert [r.status for r in results().results] == ["imported"]
        assert title_of(SD_JWT_FILE) in window.model.titles()

    def receive() -> None:
        trigger()
        (dialog,) = visible(ReceiveDialog)
        assert dialog.page() == "link"  # the issuer's link first; nothing is fetched yet
        dialog.close()

    def respond() -> None:
        trigger()
        (dialog,) = visible(RespondDialog)
        assert dialog.page() == "link"  # the verifier's link first; nothing is fetched yet
        dialog.close()

    def import_stack() -> None:
        answers.by_caption["Import a stack"] = STACK_FILE
        trigger()
        assert window.views.currentWidget() is window.stacks_view
        name = json.loads(STACK_FILE.read_text())["name"]
        qtbot.waitUntil(
            lambda: name in [r["name"] for r in window.stacks_view.rows()], timeout=20_000
        )
        window.show_credentials()

    def share() -> None:
        select_first()
        trigger()
        (dialog,) = visible(ShareDialog)
        assert dialog.pickers  # the selected credential is offered
        qtbot.waitUntil(dialog.is_settled, timeout=30_000)
        dialog.close()

    def export() -> None:
        trigger()
        (dialog,) = visible(ExportDialog)
        dialog.close()

    def settings() -> None:
        trigger()
        (dialog,) = visible(SettingsDialog)
        assert dialog.location.text() == str(session.path)
        dialog.close()

    def change_passphrase() -> None:
        qtbot.waitUntil(lambda: imports.verify_task is None, timeout=20_000)
        trigger()
        (dialog,) = visible(ChangePassphraseDialog)
        dialog.close()

    def back_up() -> None:
        out = tmp_path / "mine.lwbackup"
        answers.by_caption["Back up wallet"] = out
        answers.by_caption["Backup passphrase"] = BACKUP_PW
        with qtbot.waitSignal(window.backup_actions.done, timeout=30_000) as done:
            trigger()
        assert done.args[0].startswith(f"Backed up {len(window.model.titles())} credentials")
        assert len(backup.read_backup(out, BACKUP_PW)["credentials"]) == len(window.model.titles())
        close_boxes()

    def restore() -> None:
        answers.by_caption["Restore from backup"] = other_backup(tmp_path)
        answers.by_caption["Backup passphrase"] = BACKUP_PW
        with qtbot.waitSignal(window.backup_actions.done, timeout=30_000) as done:
            trigger()
        assert done.args[0].startswith("Restored from old-laptop.lwbackup: "), done.args[0]
        assert title_of(RESTORED_FILE) in window.model.titles()
        close_boxes()

    def lock() -> None:
        trigger()
        assert not window.isVisible() and window.store is None
        (dialog,) = visible(UnlockDialog)
        dialog.passphrase.setText(PASSPHRASE)
        dialog.try_unlock()
        qtbot.waitUntil(lambda: window.isVisible() and window.store is not None)
        assert title_of(RESTORED_FILE) in window.model.titles()

    def quit_() -> None:
        # Recorded, not run: once QApplication.exit ran, every later wait returns at once.
        exits: list[int] = []
        monkeypatch.setattr(
            QtWidgets.QApplication, "exit", staticmethod(lambda code=0: exits.append(code))
        )
        trigger()
        assert exits == [0] and not window.isVisible() and window.store is None

    # --- Edit
    def find() -> None:
        window.activateWindow()
        trigger()
        qtbot.waitUntil(lambda: window.search_field.hasFocus())

    def show_all() -> None:
        window.search_field.setText("zzzz-nothing")
        assert window.model.rowCount() == 0
        trigger()
        assert window.search_field.text() == ""
        assert window.model.rowCount() == window.model.total()

    def check_selected() -> None:
        select_first()
        trigger()
        task = window.check_task
        assert task is not None
        qtbot.waitUntil(
            lambda: not task.is_running() and window.detail.busy.isHidden(), timeout=30_000
        )
        assert window.detail.value_text("verdict") != "Not checked yet"

    def delete() -> None:
        cid = select_first()
        trigger()
        (box,) = [b for b in message_boxes() if b.objectName() == "delete_confirmation"]
        box.button(QtWidgets.QMessageBox.StandardButton.Yes).click()
        qtbot.waitUntil(lambda: not window.ops, timeout=30_000)
        assert window.model.row_of(cid) < 0 and window.undo_button.isVisible()
        deleted.append(cid)

    def undo_delete() -> None:
        trigger()
        qtbot.waitUntil(lambda: not window.ops, timeout=30_000)
        assert window.model.row_of(deleted[-1]) >= 0

    def paste() -> None:
        QtGui.QGuiApplication.clipboard().setText(PASTED_FILE.read_text())
        trigger()
        assert [r.status for r in results().results] == ["imported"]
        assert title_of(PASTED_FILE) in window.model.titles()

    # --- Collections
    def new_collection() -> None:
        answers.by_caption["New collection: Name of the collection:"] = "Job hunt"
        trigger()
        assert [c.name for c in window.store.tags.collections()] == ["Job hunt"]

    def rename_collection() -> None:
        answers.by_caption["Rename collection: Collection:"] = "Job hunt"
        answers.by_caption["Rename collection: New name:"] = "Applications"
        trigger()
        assert [c.name for c in window.store.tags.collections()] == ["Applications"]

    def delete_collection() -> None:
        answers.by_caption["Delete collection: Collection:"] = "Applications"
        trigger()
        assert window.store.tags.collections() == []

    def new_collection_for_selected() -> None:
        cid = select_first()
        answers.by_caption["New collection: Name of the collection:"] = "Favourites"
        trigger()
        (favourites,) = window.store.tags.collections()
        assert favourites.name == "Favourites"
        assert window.store.tags.collection_members(favourites.id) == {cid}

    # --- View, Tools, Help
    def show_credentials() -> None:
        window.show_stacks()
        trigger()
        assert window.views.currentWidget() is window.pages

    def show_stacks() -> None:
        trigger()
        assert window.views.currentWidget() is window.stacks_view
        window.show_credentials()

    def show_cards() -> None:
        trigger()
        assert window.list_views.currentWidget() is window.cards

    def show_table() -> None:
        trigger()
        assert window.list_views.currentWidget() is window.table

    def history_of_sharing() -> None:
        trigger()
        (dialog,) = visible(SharesDialog)
        assert dialog.empty.isVisible()  # this wallet has shown nothing to a verifier yet
        dialog.close()

    def verify_qr() -> None:
        trigger()
        (verifier,) = visible(VerifyQrWindow)
        verifier.close()

    def about() -> None:
        trigger()
        assert f"Learner Wallet {__version__}" in message_boxes()[-1].text()
        close_boxes()

    deleted: list[str] = []

    def close_boxes() -> None:
        for box in message_boxes():
            box.close()

    plan: list[tuple[str, Callable[[], None]]] = [
        ("File \u203a Import", import_files),
        ("File \u203a Import Folder", import_folder),
        ("File \u203a Import from QR Code Image", import_qr),
        ("File \u203a Receive from an Issuer", receive),
        ("File \u203a Answer a Verifier", respond),
        ("File \u203a Import Stack", import_stack),
        ("Edit \u203a Paste", paste),
        ("Edit \u203a Find", find),
        ("Edit \u203a Show all credentials", show_all),
        ("Edit \u203a Check selected credential", check_selected),
        ("Edit \u203a Delete", delete),
        ("Edit \u203a Undo Delete", undo_delete),
        ("Collections \u203a New collection", new_collection),
        ("Collections \u203a Rename collection", rename_collection),
        ("Collections \u203a Delete collection", delete_collection),
        (
            "Collections \u203a Selected credential \u203a New collection",
            new_collection_for_selected,
        ),
        ("View \u203a Credentials", show_credentials),
        ("View \u203a Stacks (progress toward awards)", show_stacks),
        ("View \u203a Cards", show_cards),
        ("View \u203a Table", show_table),
        ("View \u203a History of Sharing", history_of_sharing),
        ("Tools \u203a Verify a QR", verify_qr),
        ("Help \u203a About Learner Wallet", about),
        ("File \u203a Share", share),
        ("File \u203a Export Portfolio", export),
        ("File \u203a Settings", settings),
        ("File \u203a Change Passphrase", change_passphrase),
        ("File \u203a Back Up Wallet", back_up),
        ("File \u203a Restore from Backup", restore),
        ("File \u203a Lock", lock),
        ("File \u203a Quit", quit_),
    ]
    window.show()
    qtbot.waitExposed(window)
    found = menu_actions(window)
    # "Selected credential" lists one's collections (none yet) and "New collection", or, with
    # nothing selected, says to select one first: the test selects one when it gets there.
    selected = "Collections \u203a Selected credential \u203a "
    commands = {k for k in found if not k.startswith(selected)}
    assert {k for k in found if k.startswith(selected)} <= {
        selected + "New collection",
        selected + "Select a credential first",
    }
    assert commands | {selected + "New collection"} == {name for name, _check in plan}

    current: list[QtGui.QAction] = []

    def trigger() -> None:
        """Trigger the command being checked, as a click on it does."""
        current[-1].trigger()

    for name, check in plan:
        actions = menu_actions(window)  # submenus are filled for the current selection
        action = actions[name]
        assert action.isEnabled(), name
        current.append(action)
        check()
        assert not answers.by_caption, f"{name} did not ask {sorted(answers.by_caption)}"


def test_a_failed_restore_names_a_log_that_exists(
    qtbot, session: Session, answers: Answers, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug behind Restore is logged with its traceback, and the message says where."""
    window = session.window
    assert window is not None

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a bug in the restore")

    monkeypatch.setattr(backup, "restore_checked", broken)  # after the file was read
    answers.by_caption["Restore from backup"] = other_backup(tmp_path)
    answers.by_caption["Backup passphrase"] = BACKUP_PW
    with qtbot.waitSignal(window.backup_actions.done, timeout=30_000) as done:
        window.backup_actions.restore_action.trigger()
    log = crash.default_log_dir() / crash.LOG_NAME
    assert str(log) in done.args[0]
    assert "RuntimeError: a bug in the restore" in log.read_text()
    assert message_boxes()[-1].text() == done.args[0]
