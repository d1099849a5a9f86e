"""Issue 14, background operations: `ops.run_op` runs a use case on its own connection off the
GUI thread and hands its change set to the window, whose list shows just what changed (rows
inserted, removed, re-read) instead of reloading; a cancelled op shows nothing new, a failed
one says why, and a lock drops whatever an op still says."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from wallet import formats
from wallet.actions import backups, credentials, importing, verifying
from wallet.actions.changes import Changes
from wallet.errors import WalletError
from wallet.messages import M
from wallet.paths import resources
from wallet.store import WalletStore
from wallet.ui import icons
from wallet.ui.import_flow import ImportController
from wallet.ui.main_window import MainWindow
from wallet.ui.models import CredentialListModel, Filters
from wallet.ui.ops import run_op
from wallet.ui.qt import Qt, QtCore

from .samples import PASSPHRASE, message_boxes

DEMO = resources() / "demo" / "credentials"
JWT_FILE = next(DEMO.glob("09-*.jwt"))


class Signals:
    """What the list model told its view."""

    def __init__(self, model: QtCore.QAbstractItemModel) -> None:
        self.resets = 0
        self.layouts = 0
        self.inserted: list[tuple[int, int]] = []
        self.removed: list[tuple[int, int]] = []
        self.changed: list[tuple[int, int]] = []
        model.modelReset.connect(self._reset)
        model.layoutChanged.connect(self._layout)
        model.rowsInserted.connect(lambda _p, first, last: self.inserted.append((first, last)))
        model.rowsRemoved.connect(lambda _p, first, last: self.removed.append((first, last)))
        model.dataChanged.connect(lambda a, b, *_: self.changed.append((a.row(), b.row())))

    def _reset(self) -> None:
        self.resets += 1

    def _layout(self) -> None:
        self.layouts += 1


@pytest.fixture
def window(qtbot: Any, store: WalletStore) -> Iterator[MainWindow]:
    w = MainWindow(store)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w


def title_of(path: Path) -> str:
    title = formats.parse(path.read_bytes(), name=path.name).credential.title
    assert title
    return title


def wait_for_ops(qtbot: Any, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.ops, timeout=30_000)


def select(window: MainWindow, title: str) -> str:
    cid = next(s.id for s in window.model._all if s.title == title)
    assert window.select_credential(cid)
    assert window.detail.current_id == cid
    return cid


# ----- the window's commands --------------------------------------------------------------------


def test_file_import_of_one_credential_inserts_one_row_without_a_reload(
    qtbot: Any, window: MainWindow
) -> None:
    controller = ImportController(window, lambda: window.store)
    before = window.model.titles()
    signals = Signals(window.model)
    window.choose_import_files = lambda: [str(JWT_FILE)]  # type: ignore[method-assign]

    window.import_action.trigger()
    qtbot.waitUntil(
        lambda: controller.result_dialog is not None and controller.verify_task is None,
        timeout=30_000,
    )
    wait_for_ops(qtbot, window)

    assert signals.resets == 0
    assert len(signals.inserted) == 1 and signals.inserted[0][0] == signals.inserted[0][1]
    assert signals.removed == []
    titles = window.model.titles()
    assert sorted(titles) == sorted([*before, title_of(JWT_FILE)])
    assert window.count_label.text() == "4 credentials"
    new_id = controller.result_dialog.results[0].id
    assert window.selected_id() == new_id  # the new credential is shown, as before
    # Its check afterwards re-read just its row: the verdict shows, still without a reload.
    assert window.model.verdict(new_id) in {icons.VERIFIED, icons.WARNING}
    assert window.model.row_of(new_id) in {first for first, _last in signals.changed}
    controller.forget()


def test_an_import_keeps_the_selected_row_selected(qtbot: Any, window: MainWindow) -> None:
    cid = select(window, "Statistics I")
    row_before = window.model.row_of(cid)
    signals = Signals(window.model)

    task = run_op(
        window,
        lambda store, _p: importing.import_and_verify(store, [str(JWT_FILE)]),
        progress_text="Importing…",
    )
    assert task is not None and window.statusBar().currentMessage() == "Importing…"
    wait_for_ops(qtbot, window)

    assert signals.resets == 0 and len(signals.inserted) == 1
    assert window.selected_id() == cid and window.detail.current_id == cid
    # The row moved down one if the new one sorts above it; the selection went with it.
    assert window.model.row_of(cid) in {row_before, row_before + 1}
    assert window.table.selectionModel().isRowSelected(window.model.row_of(cid))
    assert window.statusBar().currentMessage() == ""


def test_a_delete_removes_just_that_row(qtbot: Any, window: MainWindow) -> None:
    shown = select(window, "Data Analysis with Python")
    gone = next(s.id for s in window.model._all if s.title == "First Aid at Work")
    signals = Signals(window.model)

    run_op(
        window,
        lambda store, _p: credentials.delete_credentials(store, [gone]),
        progress_text="Deleting…",
    )
    wait_for_ops(qtbot, window)

    assert signals.resets == 0 and signals.inserted == [] and len(signals.removed) == 1
    assert window.model.titles() == ["Data Analysis with Python", "Statistics I"]
    assert window.selected_id() == shown
    assert window.count_label.text() == "2 credentials"
    assert window.store is not None and window.store.credentials.count() == 2


def test_check_now_from_the_menu_updates_just_that_row(qtbot: Any, window: MainWindow) -> None:
    cid = select(window, "First Aid at Work")
    signals = Signals(window.model)
    window.check_action.trigger()
    assert window.check_task is not None
    qtbot.waitUntil(lambda: window.detail.busy.isHidden() and not window.ops, timeout=30_000)

    assert signals.resets == 0 and signals.inserted == [] and signals.removed == []
    row = window.model.row_of(cid)
    assert (row, row) in signals.changed
    assert window.model.verdict(cid) != icons.NOT_CHECKED
    assert window.detail.value_text("verdict") != "Not checked yet"


def test_a_restore_reads_everything_again(qtbot: Any, window: MainWindow, tmp_path: Path) -> None:
    out = tmp_path / "other.lwbackup"
    with WalletStore.create(tmp_path / "other.wallet", PASSPHRASE) as other:
        importing.import_and_verify(other, [str(JWT_FILE)])
        backups.back_up(other, out, "a long backup passphrase", log_n=10)
    signals = Signals(window.model)
    run_op(
        window,
        lambda store, _p: backups.restore_backup(store, out, "a long backup passphrase"),
        progress_text="Restoring…",
    )
    wait_for_ops(qtbot, window)
    assert signals.resets == 1
    assert title_of(JWT_FILE) in window.model.titles() and window.model.rowCount() == 4


def test_the_stacks_view_works_again_only_when_its_inputs_changed(
    qtbot: Any, window: MainWindow
) -> None:
    window.show_stacks_action.trigger()
    wait_for_ops(qtbot, window)
    asked: list[int] = []
    real = window.refresh_stacks

    def refresh_stacks() -> Any:
        asked.append(1)
        return real()

    window.refresh_stacks = refresh_stacks  # type: ignore[method-assign]
    window.apply_changes(Changes(settings_changed=True))
    assert asked == []
    for changes in (
        Changes(trust_changed=True),
        Changes(stacks_changed=True),
        Changes(updated=(window.model.credential_id(0) or "",)),
    ):
        window.apply_changes(changes)
    assert len(asked) == 3
    window.show_credentials()  # hidden: worked out when shown again
    window.apply_changes(Changes(stacks_changed=True))
    assert len(asked) == 3


# ----- cancel, errors, lock ---------------------------------------------------------------------


def blocked_delete(cid: str, started: threading.Event, go: threading.Event) -> Any:
    """An op that waits for the test before it deletes, polling for a cancel first."""

    def action(store: WalletStore, progress: Any) -> Any:
        started.set()
        go.wait(10)
        progress.check()
        return credentials.delete_credentials(store, [cid])

    return action


def test_a_cancelled_op_changes_nothing_visible(qtbot: Any, window: MainWindow) -> None:
    cid = window.model.credential_id(0)
    assert cid is not None
    titles = window.model.titles()
    signals = Signals(window.model)
    started, go = threading.Event(), threading.Event()
    heard: list[str] = []
    task = run_op(
        window,
        blocked_delete(cid, started, go),
        progress_text="Deleting…",
        on_done=lambda _r: heard.append("done"),
        on_cancelled=lambda: heard.append("cancelled"),
    )
    assert task is not None and started.wait(10)
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        task.cancel()
        go.set()
    wait_for_ops(qtbot, window)
    assert heard == ["cancelled"]
    assert window.model.titles() == titles and window.count_label.text() == "3 credentials"
    assert (signals.resets, signals.inserted, signals.removed, signals.changed) == (0, [], [], [])
    assert window.store is not None and window.store.credentials.count() == 3
    assert window.statusBar().currentMessage() == ""


def test_an_ops_error_is_shown_and_changes_nothing(qtbot: Any, window: MainWindow) -> None:
    titles = window.model.titles()

    def fails(_store: WalletStore, _progress: Any) -> Any:
        raise WalletError(M("the stack file is damaged"))

    run_op(window, fails, progress_text="Keeping…", error_title="Import stack")
    qtbot.waitUntil(lambda: bool(message_boxes()), timeout=10_000)
    box = message_boxes()[-1]
    assert box.windowTitle() == "Import stack" and box.text() == "the stack file is damaged"
    assert window.model.titles() == titles
    box.close()

    said: list[str] = []
    run_op(window, fails, progress_text="", on_failed=said.append)  # the caller's own path
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert said == ["the stack file is damaged"] and not message_boxes()


def test_a_lock_drops_what_a_running_op_says(qtbot: Any, window: MainWindow) -> None:
    cid = window.model.credential_id(0)
    assert cid is not None
    started, go = threading.Event(), threading.Event()
    heard: list[str] = []
    task = run_op(
        window,
        blocked_delete(cid, started, go),
        progress_text="Deleting…",
        on_done=lambda _r: heard.append("done"),
        on_failed=heard.append,
        on_cancelled=lambda: heard.append("cancelled"),
    )
    assert task is not None and started.wait(10)
    window.lock()
    go.set()
    assert task.wait(10)
    QtCore.QCoreApplication.processEvents()
    assert heard == [] and window.ops == [] and not message_boxes()
    assert run_op(window, blocked_delete(cid, started, go), progress_text="") is None


# ----- the list model on its own ----------------------------------------------------------------


def test_a_verdict_sorted_list_moves_a_checked_row_without_a_reset(store: WalletStore) -> None:
    model = CredentialListModel(
        store, sort=(CredentialListModel.TITLE, Qt.SortOrder.AscendingOrder)
    )
    model.sort(CredentialListModel.STATUS)
    last = model.credential_id(2)
    assert last is not None
    signals = Signals(model)
    persistent = QtCore.QPersistentModelIndex(model.index(2, 0))
    verified = verifying.verify_credentials(store, [last])
    model.apply(verified.changes)
    assert signals.resets == 0 and signals.layouts == 1
    assert model.verdict(last) != icons.NOT_CHECKED
    assert model.credential_id(persistent.row()) == last  # the view's indexes followed it


def test_rows_leave_and_join_a_filtered_list(store: WalletStore) -> None:
    model = CredentialListModel(store)
    model.set_filters(Filters(verdict=icons.NOT_CHECKED))
    assert model.rowCount() == 3
    signals = Signals(model)
    cid = model.credential_id(1)
    assert cid is not None
    model.apply(verifying.verify_credentials(store, [cid]).changes)
    assert signals.resets == 0 and signals.removed == [(1, 1)] and model.rowCount() == 2

    model.set_filters(Filters(text="literacy"))
    signals = Signals(model)
    imported = importing.import_and_verify(store, [str(JWT_FILE)])
    model.apply(imported.changes)
    assert signals.resets == 0 and signals.inserted == [(0, 0)]
    assert model.titles() == [title_of(JWT_FILE)] and model.total() == 4
