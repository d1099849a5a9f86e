"""What File → Share… and Tools → Verify a QR… do (the commands are in `menus.MENUS`).

Why from outside: the window knows nothing of presentations (and its start-up must not load the
signing and QR stacks); `app.Session` installs these like its other extras. The dialogs and
their modules are imported when first opened.
"""

from __future__ import annotations

from collections.abc import Callable

from wallet.store import WalletStore
from wallet.ui import menus
from wallet.ui.main_window import MainWindow
from wallet.ui.qt import Qt, QtWidgets

StoreGetter = Callable[[], WalletStore | None]


def selected_ids(window: MainWindow) -> list[str]:
    """The credentials selected in the list, in list order (the current one if none)."""
    ids: list[str] = []
    selection = window.table.selectionModel()
    if selection is not None:
        for index in sorted(selection.selectedRows(), key=lambda i: i.row()):
            cid = window.model.credential_id(index.row())
            if cid is not None and cid not in ids:
                ids.append(cid)
    if not ids:
        current = window.selected_id()
        if current is not None:
            ids.append(current)
    return ids


def install_present_actions(window: MainWindow, store_getter: StoreGetter) -> None:
    """Give File → Share… (Ctrl+Shift+S, for the selected credentials) and Tools → Verify a
    QR… their slots. Share is enabled only while credentials are selected in an open wallet."""
    share = window.share_action
    share.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def open_share() -> QtWidgets.QDialog | None:
        store = store_getter()
        ids = selected_ids(window)
        if store is None or not ids:
            return None
        from wallet.ui.share_dialog import ShareDialog

        dialog = ShareDialog(store, ids, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_verify() -> QtWidgets.QWidget:
        from wallet.ui.verify_qr_window import open_verify_window

        return open_verify_window(window, store_getter)

    def update() -> None:
        share.setEnabled(store_getter() is not None and bool(selected_ids(window)))

    window.attach(
        menus.PRESENT,
        {"share_action": lambda: open_share(), "verify_qr_action": lambda: open_verify()},
    )

    selection = window.table.selectionModel()
    if selection is not None:
        selection.selectionChanged.connect(lambda *_: update())
        selection.currentRowChanged.connect(lambda *_: update())
    window.model.modelReset.connect(update)
    window.locked.connect(update)
    update()
