"""File → Share… and Tools → Verify a QR…, added to the main window from outside.

Why from outside: the window knows nothing of presentations (and its start-up must not load the
signing and QR stacks); `app.Session` installs these like its other extras. The dialogs and
their modules are imported when first opened.
"""

from __future__ import annotations

from collections.abc import Callable

from wallet.store import WalletStore
from wallet.ui.main_window import MainWindow, find_menu, window_menu
from wallet.ui.qt import Qt, QtCore, QtGui, QtWidgets

StoreGetter = Callable[[], WalletStore | None]
translate = QtCore.QCoreApplication.translate  # lupdate finds the words through this name


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
    """Add File → Share… (Ctrl+Shift+S, for the selected credentials) and Tools → Verify a
    QR… to `window`. Share is enabled only while credentials are selected in an open wallet."""

    share = QtGui.QAction(translate("PresentActions", "&Share\u2026"), window)
    share.setObjectName("share_action")
    share.setShortcut(QtGui.QKeySequence(translate("PresentActions", "Ctrl+Shift+S")))
    share.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    share.setStatusTip(
        translate(
            "PresentActions",
            "Show the selected credentials to an employer as a QR code, choosing what to reveal",
        )
    )
    verify = QtGui.QAction(translate("PresentActions", "&Verify a QR\u2026"), window)
    verify.setObjectName("verify_qr_action")
    verify.setStatusTip(
        translate("PresentActions", "Check a learner's presentation QR code, offline")
    )

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

    share.triggered.connect(lambda: open_share())
    verify.triggered.connect(lambda: open_verify())

    file_menu = window_menu(window, "file_menu")
    if file_menu is not None:
        separator = next((a for a in file_menu.actions() if a.isSeparator()), None)
        before = separator or (
            window.lock_action if window.lock_action in file_menu.actions() else None
        )
        if before is not None:
            file_menu.insertSeparator(before)
            file_menu.insertAction(before, share)
        else:
            file_menu.addSeparator()
            file_menu.addAction(share)
    else:
        window.addAction(share)
    find_menu(
        window,
        "tools_menu",
        translate("PresentActions", "&Tools"),
        None,
        create_before=window_menu(window, "help_menu"),
    ).addAction(verify)

    selection = window.table.selectionModel()
    if selection is not None:
        selection.selectionChanged.connect(lambda *_: update())
        selection.currentRowChanged.connect(lambda *_: update())
    window.model.modelReset.connect(update)
    window.locked.connect(update)
    update()
