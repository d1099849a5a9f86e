"""Issue 17, actions where they are needed: several credentials selected in the real window,
deleted (Edit → Delete…, the Delete key, the detail pane's Delete) after a question naming
them, gone from the list and the search, put back by Undo with their tags and collections;
File → Export… and Share… act on every selected credential."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from wallet.store import WalletStore
from wallet.ui.app import Session
from wallet.ui.export_dialog import ExportDialog
from wallet.ui.main_window import MainWindow
from wallet.ui.qt import QtCore, QtWidgets

from .samples import PASSPHRASE, message_boxes, shown_window


@pytest.fixture
def session(wallet_file) -> Iterator[Session]:
    """The real window with every extra (Share, Export...), on three credentials: two tagged
    with a word nothing else holds, one of them in a collection."""
    with WalletStore.open(wallet_file.path, PASSPHRASE) as store:
        ids = wallet_file.ids
        store.tags.set_tags(ids["Data Analysis with Python"], ["wombat", "data"])
        store.tags.set_tags(ids["First Aid at Work"], ["wombat"])
        jobs = store.tags.create_collection("Job applications")
        store.tags.add_to_collection(jobs, ids["First Aid at Work"])
    s = Session(wallet_file.path, imports=True)
    s.start(PASSPHRASE)
    try:
        yield s
    finally:
        s.shutdown()


def select(qtbot: Any, window: MainWindow, *titles: str) -> list[str]:
    """Click the first row, Ctrl+click the others, as a person picks several."""
    ids = [next(s.id for s in window.model._all if s.title == t) for t in titles]
    for i, cid in enumerate(ids):
        index = window.model.index(window.model.row_of(cid), 0)
        modifier = (
            QtCore.Qt.KeyboardModifier.ControlModifier
            if i
            else QtCore.Qt.KeyboardModifier.NoModifier
        )
        qtbot.mouseClick(
            window.table.viewport(),
            QtCore.Qt.MouseButton.LeftButton,
            modifier,
            window.table.visualRect(index).center(),
        )
    assert sorted(window.selected_ids()) == sorted(ids)
    return ids


def question(qtbot: Any) -> QtWidgets.QMessageBox:
    qtbot.waitUntil(lambda: any(b.objectName() == "delete_confirmation" for b in message_boxes()))
    (box,) = [b for b in message_boxes() if b.objectName() == "delete_confirmation"]
    return box


def answer(box: QtWidgets.QMessageBox, yes: bool) -> None:
    button = (
        QtWidgets.QMessageBox.StandardButton.Yes if yes else QtWidgets.QMessageBox.StandardButton.No
    )
    box.button(button).click()


def wait_for_ops(qtbot: Any, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.ops, timeout=30_000)


TWO = ("Data Analysis with Python", "First Aid at Work")


def test_delete_two_then_undo_through_the_window(qtbot: Any, session: Session) -> None:
    window = shown_window(qtbot, session)
    store = window.store
    assert store is not None
    ids = select(qtbot, window, *TWO)
    window.search_field.setText("wombat")
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    select(qtbot, window, *TWO)  # the search kept one of them selected: pick both again
    assert window.selected_ids() == sorted(ids, key=window.model.row_of)
    assert window.delete_action.isEnabled() and not window.undo_delete_action.isEnabled()

    window.delete_action.trigger()
    box = question(qtbot)
    assert "Delete these 2 credentials from this wallet for good?" in box.text()
    assert "\u2022 Data Analysis with Python" in box.text()
    assert "\u2022 First Aid at Work" in box.text()
    assert box.button(QtWidgets.QMessageBox.StandardButton.Yes).text() == "Delete"
    answer(box, yes=False)  # No deletes nothing
    assert window.model.total() == 3

    window.delete_action.trigger()
    answer(question(qtbot), yes=True)
    wait_for_ops(qtbot, window)

    assert window.model.rowCount() == 0  # gone from the search
    window.search_field.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert window.model.titles() == ["Statistics I"]
    assert store.credentials.search("wombat") == []
    assert window.undo_button.isVisible() and window.undo_delete_action.isEnabled()
    assert window.statusBar().currentMessage() == "Deleted 2 credentials"

    window.undo_button.click()
    wait_for_ops(qtbot, window)

    assert sorted(window.model.titles()) == sorted([*TWO, "Statistics I"])
    assert not window.undo_button.isVisible() and not window.undo_delete_action.isEnabled()
    assert sorted(store.credentials.search("wombat")) == sorted(ids)
    assert store.tags.by_credential() == {ids[0]: ("data", "wombat"), ids[1]: ("wombat",)}
    assert [c.name for c in store.tags.collections_of(ids[1])] == ["Job applications"]
    window.search_field.setText("wombat")
    qtbot.waitUntil(lambda: sorted(window.model.titles()) == sorted(TWO))


def test_the_undo_action_and_the_delete_key(qtbot: Any, session: Session) -> None:
    window = shown_window(qtbot, session)
    (cid,) = select(qtbot, window, "Statistics I")
    window.table.setFocus()
    qtbot.keyClick(window.table, QtCore.Qt.Key.Key_Delete)
    box = question(qtbot)
    assert "Delete \u201cStatistics I\u201d from this wallet for good?" in box.text()
    answer(box, yes=True)
    wait_for_ops(qtbot, window)
    assert "Statistics I" not in window.model.titles()

    window.undo_delete_action.trigger()  # Edit → Undo Delete (Ctrl+Z)
    wait_for_ops(qtbot, window)
    assert "Statistics I" in window.model.titles()
    assert window.selected_id() == cid


def test_a_lock_forgets_what_could_be_undone(qtbot: Any, session: Session) -> None:
    window = shown_window(qtbot, session)
    select(qtbot, window, "Statistics I")
    window.delete_action.trigger()
    answer(question(qtbot), yes=True)
    wait_for_ops(qtbot, window)
    assert window.undo_delete_action.isEnabled()

    window.lock()

    assert window._undo is None and not window.undo_delete_action.isEnabled()


def test_the_detail_bar_deletes_the_credential_shown(qtbot: Any, session: Session) -> None:
    window = shown_window(qtbot, session)
    select(qtbot, window, *TWO)  # two selected, the first one shown
    detail = window.detail
    assert detail.current_id is not None
    shown = window.model.summary(detail.current_id)
    assert shown is not None
    for button in (detail.share_button, detail.export_button, detail.delete_button):
        assert button.isVisible()

    detail.delete_button.click()
    box = question(qtbot)
    assert f"Delete \u201c{shown.title}\u201d from this wallet for good?" in box.text()
    answer(box, yes=True)
    wait_for_ops(qtbot, window)

    assert sorted(window.model.titles()) == sorted({*TWO, "Statistics I"} - {shown.title})


def test_multi_select_then_export_offers_all_selected(qtbot: Any, session: Session) -> None:
    window = shown_window(qtbot, session)
    select(qtbot, window, "Data Analysis with Python", "First Aid at Work", "Statistics I")
    assert len(window.selected_ids()) == 3

    window.export_portfolio_action.trigger()

    (dialog,) = [
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if isinstance(w, ExportDialog) and w.isVisible()
    ]
    assert dialog.selected_radio.text() == "The selected credentials (3)"
    assert sorted(dialog.selected) == sorted(window.selected_ids())
    dialog.close()


def test_the_detail_bar_exports_just_the_credential_shown(qtbot: Any, session: Session) -> None:
    window = shown_window(qtbot, session)
    select(qtbot, window, *TWO)

    window.detail.export_button.click()

    (dialog,) = [
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if isinstance(w, ExportDialog) and w.isVisible()
    ]
    assert dialog.selected_radio.text() == "The selected credentials (1)"
    assert dialog.selected == [window.detail.current_id]
    dialog.close()
