"""Issue 17, the badge wall: View → Cards shows the credentials as cards over the same list as
the table (search, filters, selection shared), remembered for the wallet; Enter on a card opens
its detail; an empty wallet shows a drop area with its three ways in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wallet.store import WalletStore
from wallet.ui.app import Session
from wallet.ui.main_window import CARDS, TABLE, MainWindow
from wallet.ui.models import CredentialListModel
from wallet.ui.qt import Qt, QtCore

from .samples import PASSPHRASE, shown_window


def start(path: Path) -> Session:
    s = Session(path, imports=True)
    s.start(PASSPHRASE)
    return s


@pytest.fixture
def session(wallet_file) -> Iterator[Session]:
    s = start(wallet_file.path)
    try:
        yield s
    finally:
        s.shutdown()


def card_titles(window: MainWindow) -> list[str]:
    """The titles of the cards the wall shows, in its order (each laid out on the wall)."""
    view = window.cards
    model = view.model()
    out = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if not view.isRowHidden(row) and view.visualRect(index).isValid():
            out.append(index.data(CredentialListModel.TitleRole))
    return out


def table_titles(window: MainWindow) -> list[str]:
    return [
        window.model.index(r, 0).data(CredentialListModel.TitleRole)
        for r in range(window.model.rowCount())
        if not window.table.isRowHidden(r)
    ]


def test_view_cards_is_remembered_for_the_wallet(qtbot, wallet_file) -> None:
    first = start(wallet_file.path)
    try:
        window = shown_window(qtbot, first)
        assert window.list_view_mode() == TABLE and window.table.isVisible()
        window.cards_action.trigger()
        assert window.cards.isVisible() and not window.table.isVisible()
        assert window.cards_action.isChecked() and not window.table_action.isChecked()
        assert len(card_titles(window)) == 3
    finally:
        first.shutdown()
    again = start(wallet_file.path)
    try:
        window = shown_window(qtbot, again)
        assert window.list_view_mode() == CARDS and window.cards.isVisible()
        assert window.cards_action.isChecked()
        window.table_action.trigger()
        assert window.table.isVisible() and not window.cards.isVisible()
    finally:
        again.shutdown()
    with WalletStore.open(wallet_file.path, PASSPHRASE) as store:
        assert store.settings.get("list_view") == TABLE


def test_search_and_filters_hide_the_same_cards_as_rows(qtbot, session) -> None:
    window = shown_window(qtbot, session)
    window.cards_action.trigger()
    qtbot.keyClicks(window.search_field, "first aid")
    qtbot.waitUntil(lambda: window.model.rowCount() == 1)
    assert card_titles(window) == table_titles(window) == ["First Aid at Work"]
    window.search_field.clear()
    qtbot.waitUntil(lambda: window.model.rowCount() == 3)
    assert sorted(card_titles(window)) == sorted(table_titles(window))
    assert len(card_titles(window)) == 3


def test_two_cards_selected_are_shared(qtbot, session) -> None:
    window = shown_window(qtbot, session)
    window.cards_action.trigger()
    view = window.cards
    picked = []
    for i, row in enumerate((0, 2)):
        index = window.model.index(row, 0)
        picked.append(index.data(CredentialListModel.IdRole))
        qtbot.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.ControlModifier if i else Qt.KeyboardModifier.NoModifier,
            view.visualRect(index).center(),
        )
    assert window.selected_ids() == picked
    window.share_action.trigger()
    from wallet.ui.share_dialog import ShareDialog

    qtbot.waitUntil(lambda: window.findChild(ShareDialog) is not None)
    dialog = window.findChild(ShareDialog)
    assert [p.stored.id for p in dialog.pickers] == picked
    dialog.close()
    window.table_action.trigger()  # the table shows the same two selected
    rows = sorted(i.row() for i in window.table.selectionModel().selectedRows())
    assert rows == [0, 2]


def test_enter_on_a_card_opens_its_detail(qtbot, session) -> None:
    window = shown_window(qtbot, session)
    window.cards_action.trigger()
    view = window.cards
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    second = window.model.index(1, 0).data(CredentialListModel.IdRole)
    assert view.currentIndex().row() == 1
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert window.detail.current_id == second
    focus = window.focusWidget()
    assert focus is window.detail or window.detail.isAncestorOf(focus)


def test_an_empty_wallet_shows_a_drop_area_with_three_ways_in(qtbot, tmp_path) -> None:
    path = tmp_path / "empty.wallet"
    WalletStore.create(path, PASSPHRASE).close()
    s = start(path)
    try:
        window = shown_window(qtbot, s)
        assert s.install_imports() is not None
        assert window.pages.currentWidget() is window.empty and window.empty.isVisible()
        assert not window.table.isVisible() and not window.cards.isVisible()
        buttons = window.empty.buttons
        texts = [buttons[n].text() for n in ("empty_import", "empty_paste", "empty_receive")]
        assert texts == ["Import\u2026", "Paste a link", "Receive from an issuer\u2026"]
        assert all(b.isVisible() for b in buttons.values())
        fired: list[str] = []
        window.import_action.triggered.connect(lambda *_: fired.append("import"))
        window.choose_import_files = lambda: []  # type: ignore[method-assign]
        buttons["empty_import"].click()
        assert fired == ["import"]
        assert window.acceptDrops()  # files dropped on it go the window's import path
    finally:
        s.shutdown()


def test_cards_follow_the_table_order(qtbot, session) -> None:
    window = shown_window(qtbot, session)
    window.table.sortByColumn(CredentialListModel.TITLE, QtCore.Qt.SortOrder.AscendingOrder)
    window.cards_action.trigger()
    assert card_titles(window) == sorted(card_titles(window))
