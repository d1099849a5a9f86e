"""The main window: the credential list, the selected credential, and the File/Help menus."""

from __future__ import annotations

from collections.abc import Callable

from wallet import __version__
from wallet.errors import WalletError
from wallet.store import WalletStore
from wallet.ui.credential_panel import CredentialPanel
from wallet.ui.messages import Icon, show_message
from wallet.ui.models import CredentialListModel
from wallet.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal

Importer = Callable[[list[str]], list[str]]
"""Imports the files at the given paths into the open wallet; returns one result line per item."""

IMPORT_FILTERS = ("Credentials (*.json *.jsonld *.jwt *.txt *.png *.svg *.zip);;"
                  "All files (*)")


class MainWindow(QtWidgets.QMainWindow):
    """One open wallet. It does not open or unlock files itself: `app.run_app` does that.

    `importer` is injected (the window knows nothing of formats); without one, File → Import…
    explains that importing is unavailable. `locked` is emitted after File → Lock closed the
    store; `closed` when the window closed for good (the store is closed then too).
    """

    locked = Signal()
    closed = Signal()

    def __init__(self, store: WalletStore | None, *, demo: bool = False,
                 importer: Importer | None = None,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.demo = demo
        self.importer = importer
        self._wallet_name = store.path.name if store is not None else ""

        self.model = CredentialListModel(store, self)
        self._build_widgets()
        self._build_menus()
        self._update_title()
        self.model.modelReset.connect(self._after_reset)
        self._after_reset()
        self.resize(1100, 700)

    # ----- building ------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.banner = QtWidgets.QLabel(self.tr(
            "DEMO WALLET \u2014 sample credentials signed by a demo issuer, "
            "not real achievements"))
        self.banner.setObjectName("demo_banner")
        self.banner.setAccessibleName(self.tr("Demo wallet notice"))
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setStyleSheet(
            "QLabel#demo_banner { background: #ffe08a; color: #3d2e00; font-weight: bold;"
            " padding: 8px; border-bottom: 2px solid #c99a00; }")
        self.banner.setVisible(self.demo)

        self.table = QtWidgets.QTableView()
        self.table.setObjectName("credential_list")
        self.table.setAccessibleName(self.tr("Credentials"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the list, arrows move in it
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(CredentialListModel.TITLE,
                                    QtWidgets.QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(CredentialListModel.ISSUER,
                                    QtWidgets.QHeaderView.ResizeMode.Interactive)
        for col in (CredentialListModel.ISSUED, CredentialListModel.FORMAT):
            header.setSectionResizeMode(col, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.viewport().installEventFilter(self)

        self.panel = CredentialPanel()

        self.splitter = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([680, 420])

        self.empty = QtWidgets.QLabel(self.tr(
            "No credentials yet. Import a badge file with File \u2192 Import\u2026 "
            "or `learner-wallet import FILE`"))
        self.empty.setObjectName("empty_state")
        self.empty.setAccessibleName(self.tr("No credentials yet"))
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setMargin(32)
        font = self.empty.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.empty.setFont(font)

        self.pages = QtWidgets.QStackedWidget()
        self.pages.addWidget(self.empty)
        self.pages.addWidget(self.splitter)

        central = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

        self.count_label = QtWidgets.QLabel()
        self.count_label.setObjectName("credential_count")
        self.count_label.setAccessibleName(self.tr("Number of credentials"))
        self.statusBar().addWidget(self.count_label)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.import_action = QtGui.QAction(self.tr("&Import\u2026"), self)
        self.import_action.setShortcut(QtGui.QKeySequence(self.tr("Ctrl+I")))
        self.import_action.setStatusTip(self.tr("Add badge or credential files to the wallet"))
        self.import_action.triggered.connect(self.import_interactively)
        file_menu.addAction(self.import_action)

        self.lock_action = QtGui.QAction(self.tr("&Lock"), self)
        self.lock_action.setShortcut(QtGui.QKeySequence(self.tr("Ctrl+L")))
        self.lock_action.setStatusTip(self.tr("Close the wallet until the passphrase is given"))
        self.lock_action.triggered.connect(self.lock)
        file_menu.addAction(self.lock_action)
        file_menu.addSeparator()

        self.quit_action = QtGui.QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QtGui.QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QtGui.QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.about_action = QtGui.QAction(self.tr("&About Learner Wallet"), self)
        self.about_action.setMenuRole(QtGui.QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        """Keep the Issuer column in proportion, so a narrow window still shows titles."""
        if watched is self.table.viewport() and event.type() == QtCore.QEvent.Type.Resize:
            width = self.table.viewport().width()
            self.table.horizontalHeader().resizeSection(
                CredentialListModel.ISSUER, max(110, min(240, int(width * 0.27))))
        return super().eventFilter(watched, event)

    # ----- state ---------------------------------------------------------------------------

    def set_store(self, store: WalletStore, importer: Importer | None = None) -> None:
        """Show a (re)opened wallet, e.g. after unlocking again."""
        self.store = store
        self.importer = importer
        self._wallet_name = store.path.name
        self._update_title()
        self.model.set_store(store)

    def set_demo(self, demo: bool) -> None:
        """Mark (or unmark) the window as showing a demo wallet: banner and title."""
        self.demo = demo
        self.banner.setVisible(demo)
        self._update_title()

    def _update_title(self) -> None:
        title = self.tr("Learner Wallet \u2014 {name}").format(name=self._wallet_name)
        if self.demo:
            title = self.tr("[DEMO] {title}").format(title=title)
        self.setWindowTitle(title)

    def _after_reset(self) -> None:
        n = self.model.rowCount()
        self.pages.setCurrentWidget(self.splitter if n else self.empty)
        self.count_label.setText(self.tr("1 credential") if n == 1
                                 else self.tr("{n} credentials").format(n=n))
        self.panel.clear()

    def select_credential(self, credential_id: str) -> bool:
        """Select the row of `credential_id` (and show it); False when it is not listed."""
        row = self.model.row_of(credential_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        return True

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.credential_id(index.row()) if index.isValid() else None

    def _current_changed(self, current: QtCore.QModelIndex, _previous: QtCore.QModelIndex) -> None:
        cid = self.model.credential_id(current.row()) if current.isValid() else None
        if cid is None or self.store is None:
            self.panel.clear()
            return
        try:
            stored = self.store.get(cid)
        except WalletError as e:
            self.panel.clear(str(e))
            return
        self.panel.show_credential(stored.credential, bundled=len(stored.children),
                                   in_bundle=stored.parent_id is not None)

    def refresh(self) -> None:
        """Re-read the list from the store, keeping the selection where it can."""
        keep = self.selected_id()
        self.model.refresh()
        if keep is not None:
            self.select_credential(keep)

    # ----- actions -------------------------------------------------------------------------

    def choose_import_files(self) -> list[str]:
        """Ask for files to import (a seam tests replace; the dialog itself is Qt's)."""
        paths, _filter = QtWidgets.QFileDialog.getOpenFileNames(
            self, self.tr("Import credentials"), "", self.tr(IMPORT_FILTERS))
        return paths

    def import_interactively(self) -> None:
        """File → Import…: choose files, import them, report each item."""
        if self.importer is None:
            show_message(self, self.tr("Import"), self.tr(
                "Importing from this window is not available in this build. Use "
                "`learner-wallet import FILE` and open the wallet again."))
            return
        paths = self.choose_import_files()
        if paths:
            self.import_paths(paths)

    def import_paths(self, paths: list[str]) -> QtWidgets.QMessageBox | None:
        """Run the injected importer on `paths`, refresh the list and show its result lines."""
        if self.importer is None or self.store is None:
            return None
        problem: str | None = None
        lines: list[str] = []
        QtWidgets.QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            lines = self.importer(list(paths))
        except WalletError as e:
            problem = str(e)
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
            self.refresh()  # even a failed batch may have kept some items
        if problem is not None:
            return show_message(self, self.tr("Import"), problem, icon=Icon.Warning)
        text = "\n".join(lines) if lines else self.tr("Nothing was imported.")
        return show_message(self, self.tr("Import"), text)

    def lock(self) -> None:
        """Close the store and hide the window; `locked` lets the app ask for the passphrase."""
        self.model.set_store(None)
        if self.store is not None:
            self.store.close()
            self.store = None
        self.importer = None
        self.hide()
        self.locked.emit()

    def show_about(self) -> QtWidgets.QMessageBox:
        return show_message(self, self.tr("About Learner Wallet"), self.tr(
            "Learner Wallet {version}\n\n"
            "Keep, verify, stack and present your badges and micro-credentials, offline. "
            "The wallet file is encrypted with your passphrase.\n\n"
            "Licensed under the Apache License 2.0.").format(version=__version__))

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        if self.store is not None:
            self.model.set_store(None)
            self.store.close()
            self.store = None
        super().closeEvent(event)
        self.closed.emit()
