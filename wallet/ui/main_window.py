"""The main window: search and filters over the credential list, the selected credential's
details and verification, tags and collections, and the File/Edit/Collections/Help menus."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from wallet import __version__
from wallet.actions import credentials as credential_actions
from wallet.actions import stacks as stack_actions
from wallet.actions.changes import Changes
from wallet.errors import WalletError
from wallet.store import StoredReport, WalletStore
from wallet.ui import menus
from wallet.ui.card_view import CardView, DropArea
from wallet.ui.filter_bar import FilterBar
from wallet.ui.messages import Icon, ask_yes_no, said_yes, show_message, text_of
from wallet.ui.models import (
    CredentialListModel,
    ListSnapshot,
    WrappedStatusDelegate,
    status_width,
)
from wallet.ui.ops import drop_ops, run_op
from wallet.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from wallet.ui.widgets import column, fitting_size, plain_label, push_button
from wallet.ui.workers import Task
from wallet.verify.report import Report

if TYPE_CHECKING:
    from wallet.ui.backup_actions import BackupActions
    from wallet.ui.import_flow import ImportController
    from wallet.ui.receive_dialog import ReceiveActions
    from wallet.ui.respond_dialog import RespondActions

ONLINE_SETTING = "online_checks"  # "off" keeps every check offline
LIST_VIEW_SETTING = "list_view"  # "cards" or "table": how View → Cards / Table left it
CARDS, TABLE = "cards", "table"

translate = QtCore.QCoreApplication.translate
R = TypeVar("R")

UNDO_SECONDS = 60  # how long a delete can be undone (what it took is held in memory only)

IMPORT_FILTERS = "Credentials (*.json *.jsonld *.jwt *.txt *.png *.svg *.zip);;All files (*)"


class MainWindow(QtWidgets.QMainWindow):
    """One open wallet. It does not open or unlock files itself: `app.run_app` does that.

    Its menus and commands are `menus.MENUS`; the extras (import flow, backup, Share, Export,
    Settings) give their commands' slots through `attach`. File → Import… runs the import
    flow (`imports`); without one it explains that importing is unavailable. `locked` is
    emitted after File → Lock closed the store; `closed` when the window closed for good (the
    store is closed then too).
    """

    locked = Signal()
    closed = Signal()

    # Built from `menus.MENUS` (tests/ui/test_menus.py keeps this list and the table equal).
    file_menu: QtWidgets.QMenu
    edit_menu: QtWidgets.QMenu
    collections_menu: QtWidgets.QMenu
    view_menu: QtWidgets.QMenu
    tools_menu: QtWidgets.QMenu
    help_menu: QtWidgets.QMenu
    selected_collections_menu: QtWidgets.QMenu
    import_action: QtGui.QAction
    import_folder_action: QtGui.QAction
    import_qr_action: QtGui.QAction
    receive_action: QtGui.QAction
    respond_action: QtGui.QAction
    import_stack_action: QtGui.QAction
    share_action: QtGui.QAction
    export_portfolio_action: QtGui.QAction
    settings_action: QtGui.QAction
    change_passphrase_action: QtGui.QAction
    backup_action: QtGui.QAction
    restore_action: QtGui.QAction
    lock_action: QtGui.QAction
    quit_action: QtGui.QAction
    find_action: QtGui.QAction
    clear_filters_action: QtGui.QAction
    check_action: QtGui.QAction
    delete_action: QtGui.QAction
    undo_delete_action: QtGui.QAction
    paste_action: QtGui.QAction
    new_collection_action: QtGui.QAction
    rename_collection_action: QtGui.QAction
    delete_collection_action: QtGui.QAction
    show_credentials_action: QtGui.QAction
    show_stacks_action: QtGui.QAction
    cards_action: QtGui.QAction
    table_action: QtGui.QAction
    shares_action: QtGui.QAction
    verify_qr_action: QtGui.QAction
    about_action: QtGui.QAction

    def __init__(
        self,
        store: WalletStore | None,
        *,
        demo: bool = False,
        parent: QtWidgets.QWidget | None = None,
        preloaded: ListSnapshot | None = None,
    ) -> None:
        """`preloaded`: the store's list already read (see `CredentialListModel`)."""
        super().__init__(parent)
        self.store = store
        self.demo = demo
        # The extras a Session adds (None in a window built alone, as tests do).
        self.imports: ImportController | None = None
        self.load_imports: Callable[[], ImportController | None] | None = None
        self.backup_actions: BackupActions | None = None
        self.receiver: ReceiveActions | None = None  # File → Receive from an Issuer…
        self.responder: RespondActions | None = None  # File → Answer a Verifier…
        self._wallet_name = store.path.name if store is not None else ""

        self.check_task: Task | None = None
        self._undo: credential_actions.Deleted | None = None  # the last delete, to put back
        self._undo_timer = QtCore.QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(self._forget_undo)
        self.ops: list[Task] = []  # running operations (wallet.ui.ops), dropped on lock
        # Ordered now as the header will show it (newest first), so it is not ordered twice.
        self.model = CredentialListModel(
            store,
            self,
            preloaded=preloaded,
            sort=(CredentialListModel.ISSUED, Qt.SortOrder.DescendingOrder),
        )
        self._build_widgets()
        self._build_menus()
        self._build_drop_area()
        self._restore_list_view()
        self._update_title()
        self.model.modelReset.connect(self._after_reset)
        self._populate_filters()
        self._after_reset()
        self._update_selection_actions()
        self.resize(*fitting_size(self, (1200, 760)))  # a 1024x600 netbook's screen too

    # ----- building ------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.banner = plain_label(
            self.tr(
                "DEMO WALLET \u2014 sample credentials signed by a demo issuer, "
                "not real achievements"
            ),
            "demo_banner",
            self.tr("Demo wallet notice"),
        )
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setStyleSheet(
            "QLabel#demo_banner { background: #ffe08a; color: #3d2e00; font-weight: bold;"
            " padding: 8px; border-bottom: 2px solid #c99a00; }"
        )
        self.banner.setVisible(self.demo)

        self.filter_bar = FilterBar()
        self.search_field = self.filter_bar.search_field
        self.filter_bar.search_changed.connect(self.model.set_search)
        self.filter_bar.filters_changed.connect(
            lambda: self.model.set_filters(self.filter_bar.filters())
        )

        self.table = QtWidgets.QTableView()
        self.table.setObjectName("credential_list")
        self.table.setAccessibleName(self.tr("Credentials"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        # Shift and Ctrl pick several: Share, Export and Delete act on all of them.
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(
            CredentialListModel.STATUS, WrappedStatusDelegate(self.table)
        )
        self.table.setTabKeyNavigation(False)  # Tab leaves the list, arrows move in it
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setIconSize(
            QtCore.QSize(CredentialListModel.ICON_SIZE, CredentialListModel.ICON_SIZE)
        )
        rows = self.table.verticalHeader()
        rows.hide()
        rows.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(CredentialListModel.ICON_SIZE + 8)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(
            CredentialListModel.TITLE, QtWidgets.QHeaderView.ResizeMode.Stretch
        )
        header.setMinimumSectionSize(60)
        # Fixed widths from the font, not ResizeToContents (which measures rows: slow at 10,000).
        metrics = self.table.fontMetrics()
        pad = 24
        widths = {
            CredentialListModel.ISSUED: metrics.horizontalAdvance("2026-12-31") + pad,
            CredentialListModel.CREDITS: metrics.horizontalAdvance("15 NZQF credits \u00b7 NZQF")
            + pad,
            CredentialListModel.KIND: metrics.horizontalAdvance(self.tr("Micro-credential")) + pad,
            CredentialListModel.STATUS: status_width(metrics, rows.defaultSectionSize() - 4) + pad,
        }
        for col, width in widths.items():
            header.resizeSection(col, width)
        self._column_widths = widths  # what each column needs; a narrow table gives less
        header.setSortIndicator(CredentialListModel.ISSUED, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        header.setSortIndicatorShown(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._list_menu)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.viewport().installEventFilter(self)

        # The badge wall: the same model and the same selection model as the table, so search,
        # filters, order and the selection are one (View → Cards / Table switches).
        self.cards = CardView(self.model)
        self.cards.setSelectionModel(self.table.selectionModel())
        self.cards.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.cards.customContextMenuRequested.connect(lambda pos: self._list_menu(pos, self.cards))
        self.cards.opened.connect(self._open_card)
        self.list_views = QtWidgets.QStackedWidget()
        self.list_views.addWidget(self.table)
        self.list_views.addWidget(self.cards)

        # The detail pane is built when first needed (a row selected): until then it is a
        # look-alike placeholder, so the first paint does not wait for the full form.
        self._detail: Any = None
        self.detail_slot = _detail_placeholder(
            QtCore.QCoreApplication.translate(
                "DetailView", "Select a credential to see its details."
            )
        )

        self.splitter = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.list_views)
        self.splitter.addWidget(self.detail_slot)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([880, 400])

        self.list_page, list_layout = column(spacing=0)
        list_layout.addWidget(self.filter_bar)
        list_layout.addWidget(self.splitter, 1)

        self.pages = QtWidgets.QStackedWidget()  # the empty wallet's drop area joins later
        self.pages.addWidget(self.list_page)

        # Credentials and Stacks are two views of the same wallet (View menu, Ctrl+1 / Ctrl+2).
        # The Stacks view is built when first shown: most starts never need it.
        self.views = QtWidgets.QStackedWidget()
        self.views.addWidget(self.pages)
        self.stacks_view: Any = None

        central, layout = column(spacing=0)
        layout.addWidget(self.banner)
        layout.addWidget(self.views, 1)
        self.setCentralWidget(central)

        self.count_label = QtWidgets.QLabel()
        self.count_label.setObjectName("credential_count")
        self.count_label.setAccessibleName(self.tr("Number of credentials"))
        self.statusBar().addWidget(self.count_label)
        self.undo_button = push_button(
            self.tr("Undo"), "undo_delete", self.tr("Undo the delete"), self.undo_delete
        )
        self.undo_button.hide()
        self.statusBar().addPermanentWidget(self.undo_button)

    def _build_drop_area(self) -> None:
        """What an empty wallet shows: a welcome and the window's own ways in (their buttons
        trigger File → Import…, Edit → Paste and File → Receive from an Issuer…)."""
        self.empty = DropArea(
            [
                (
                    self.import_action,
                    self.tr("Import\u2026"),
                    "empty_import",
                    self.tr("Import credential files"),
                ),
                (
                    self.paste_action,
                    self.tr("Paste a link"),
                    "empty_paste",
                    self.tr("Import the link or credential on the clipboard"),
                ),
                (
                    self.receive_action,
                    self.tr("Receive from an issuer\u2026"),
                    "empty_receive",
                    self.tr("Receive a credential from the issuer that offers it"),
                ),
            ]
        )
        self.pages.insertWidget(0, self.empty)

    # ----- cards or table ------------------------------------------------------------------

    def list_view_mode(self) -> str:
        """CARDS or TABLE: which of the two list views shows."""
        return CARDS if self.list_views.currentWidget() is self.cards else TABLE

    def set_list_view(self, mode: str, *, remember: bool = True) -> None:
        """View → Cards / View → Table: show that view (the same rows, order and selection),
        and keep the choice in the wallet so it opens that way next time."""
        had_focus = self.list_views.currentWidget().hasFocus()
        view: QtWidgets.QAbstractItemView = self.cards if mode == CARDS else self.table
        self.list_views.setCurrentWidget(view)
        self.cards_action.setChecked(mode == CARDS)
        self.table_action.setChecked(mode != CARDS)
        current = self.table.currentIndex()
        if current.isValid():
            view.scrollTo(current)
        if had_focus:
            view.setFocus()
        if remember and self.store is not None:
            self.store.settings.set(LIST_VIEW_SETTING, CARDS if mode == CARDS else TABLE)

    def _restore_list_view(self) -> None:
        saved = self.store.settings.get(LIST_VIEW_SETTING) if self.store is not None else None
        self.set_list_view(CARDS if saved == CARDS else TABLE, remember=False)

    def _open_card(self, cid: str) -> None:
        """Enter (or a double-click) on a card: its detail, with the keyboard there to read it."""
        if cid not in self.selected_ids():
            self.select_credential(cid)
        if self._shown_detail_id() != cid:
            self.show_details(cid)
        self.detail.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def detail(self) -> Any:
        """The detail pane (a DetailView), built on first use."""
        if self._detail is None:
            from wallet.ui import trust_dialog
            from wallet.ui.detail_view import DetailView

            detail = DetailView()
            detail.check_requested.connect(self.check_selected)
            detail.tags_edited.connect(self._save_tags)
            detail.trust_requested.connect(lambda: trust_dialog.offer_trust(self))
            detail.collections_button.setMenu(QtWidgets.QMenu(detail.collections_button))
            detail.collections_button.menu().aboutToShow.connect(
                lambda: self._fill_collections_menu(
                    detail.collections_button.menu(), detail.current_id
                )
            )
            for button, action in (
                (detail.share_button, self.share_action),
                (detail.export_button, self.export_portfolio_action),
                (detail.delete_button, self.delete_action),
            ):
                button.clicked.connect(lambda _c=False, a=action: self._act_on_shown(a))
                follow = lambda b=button, a=action: b.setVisible(a.isVisible())  # noqa: E731
                action.changed.connect(follow)
                follow()
            sizes = self.splitter.sizes()
            self.splitter.replaceWidget(self.splitter.indexOf(self.detail_slot), detail)
            self.splitter.setSizes(sizes)
            self.detail_slot.deleteLater()
            self._detail = detail
        return self._detail

    @property
    def panel(self) -> Any:
        """The name the first window used for the detail pane."""
        return self.detail

    def _shown_detail_id(self) -> str | None:
        """The credential the detail pane shows (None, also while it is not built yet)."""
        return self._detail.current_id if self._detail is not None else None

    def _build_menus(self) -> None:
        """The menu bar from `menus.MENUS`, the one table of menus and commands. The window's
        own commands are wired here; the extras' stay hidden until `attach` gives their slots."""
        self._slots: dict[str, Callable[[], object]] = {}
        self._commands: dict[str, QtGui.QAction] = {}
        self._menus: dict[str, QtWidgets.QMenu] = {}
        bar = self.menuBar()
        for spec in menus.MENUS:
            menu = bar.addMenu(translate(spec.context, spec.title))
            menu.setObjectName(spec.object_name)
            setattr(self, spec.key, menu)
            self._menus[spec.key] = menu
            for item in spec.items:
                if item is None:
                    menu.addSeparator()
                elif isinstance(item, menus.Submenu):
                    submenu = QtWidgets.QMenu(translate(item.context, item.text), self)
                    setattr(self, item.key, submenu)
                    menu.addMenu(submenu)
                else:
                    menu.addAction(self._make_action(item))
        selection = self.table.selectionModel()
        selection.selectionChanged.connect(lambda *_: self._update_selection_actions())
        selection.currentRowChanged.connect(lambda *_: self._update_selection_actions())
        self.selected_collections_menu.aboutToShow.connect(
            lambda: self._fill_collections_menu(self.selected_collections_menu, self.selected_id())
        )
        self.attach(
            menus.WINDOW,
            {
                "import_action": self.import_files,
                "import_stack_action": self.import_stack_interactively,
                "lock_action": self.lock,
                "quit_action": self.close,
                "find_action": self.filter_bar.focus_search,
                "clear_filters_action": self.filter_bar.reset,
                "check_action": lambda: self.check_selected(False),
                "delete_action": self.delete_selected,
                "undo_delete_action": self.undo_delete,
                "new_collection_action": lambda: self.new_collection(),
                "rename_collection_action": self.rename_collection,
                "delete_collection_action": self.delete_collection,
                "show_credentials_action": self.show_credentials,
                "show_stacks_action": self.show_stacks,
                "cards_action": lambda: self.set_list_view(CARDS),
                "table_action": lambda: self.set_list_view(TABLE),
                "shares_action": self.show_shares,
                "about_action": self.show_about,
            },
        )

    def _make_action(self, command: menus.Command) -> QtGui.QAction:
        action = QtGui.QAction(translate(command.context, command.text), self)
        if command.object_name:
            action.setObjectName(command.object_name)
        if isinstance(command.shortcut, str):
            action.setShortcut(QtGui.QKeySequence(translate(command.context, command.shortcut)))
        elif command.shortcut is not None:
            action.setShortcut(command.shortcut)
        if command.tip:
            action.setStatusTip(translate(command.context, command.tip))
        if command.role is not None:
            action.setMenuRole(command.role)
        action.setCheckable(command.checkable)
        # Through the table of slots, and without `checked` (which a slot would take as its
        # first argument, as Restore once took it for the backup's path).
        action.triggered.connect(lambda _checked=False, key=command.key: self._run(key))
        action.setVisible(command.owner == menus.WINDOW)
        setattr(self, command.key, action)
        self._commands[command.key] = action
        return action

    def attach(self, owner: str, slots: dict[str, Callable[[], object]]) -> None:
        """Give the slots of `owner`'s commands in `menus.MENUS` (all of them, no others) and
        show those commands. Attaching again replaces the slots."""
        expected = {c.key for c in menus.commands(owner)}
        if set(slots) != expected:
            raise ValueError(f"{owner} provides {sorted(slots)}, the table {sorted(expected)}")
        self._slots.update(slots)
        for key in slots:
            self._commands[key].setVisible(True)
        for menu in self._menus.values():  # a menu shows once one of its commands does
            menu.menuAction().setVisible(any(a.isVisible() for a in menu.actions()))

    def _run(self, key: str) -> None:
        slot = self._slots.get(key)
        if slot is not None:
            slot()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        """Share the table's width as it changes, so a narrow window still shows titles."""
        if watched is self.table.viewport() and event.type() == QtCore.QEvent.Type.Resize:
            self._share_columns()
        return super().eventFilter(watched, event)

    def _share_columns(self) -> None:
        """Title stretches and keeps at least a third of the table (160 px at least); the
        Issuer takes a fifth (100 to 220 px), the date and the verdict their whole width, and
        the other columns what their contents need, given up in proportion when that leaves
        too little."""
        header = self.table.horizontalHeader()
        width = self.table.viewport().width()
        wanted = dict(self._column_widths)
        wanted[CredentialListModel.ISSUER] = max(100, min(220, int(width * 0.2)))
        shown = {c: w for c, w in wanted.items() if not header.isSectionHidden(c)}
        whole = shown.pop(CredentialListModel.ISSUED, 0) + shown.pop(CredentialListModel.STATUS, 0)
        room = width - max(160, width // 3) - whole
        need = sum(shown.values())
        scale = min(1.0, max(room, 0) / need) if need else 1.0
        for col, w in shown.items():
            header.resizeSection(col, max(header.minimumSectionSize(), int(w * scale)))

    # ----- state ---------------------------------------------------------------------------

    def set_store(
        self,
        store: WalletStore,
        *,
        preloaded: ListSnapshot | None = None,
    ) -> None:
        """Show a (re)opened wallet, e.g. after unlocking again, or once the wallet that was
        opening while this window was built is open (`preloaded`: its list, already read)."""
        self.store = store
        self._wallet_name = store.path.name
        self._update_title()
        self.model.set_store(store, preloaded=preloaded)
        self._populate_filters()
        self._update_selection_actions()
        self._restore_list_view()

    def complete_list(self) -> bool:
        """Read the rest of a list that was started from its first screen (start-up shows
        those rows first); True if there was more to read."""
        if not self.model.complete():
            return False
        self._populate_filters()
        return True

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
        """After the list changed (search, filter, reload): counts, and the selection kept
        if its credential is still shown (without reading it again), else cleared."""
        total, shown = self.model.total(), self.model.rowCount()
        self.pages.setCurrentWidget(self.list_page if total else self.empty)
        if self.model.partial:
            text = self.tr("{n} credentials (reading the list…)").format(n=f"{total:,}")
        elif shown == total:
            text = (
                self.tr("1 credential")
                if total == 1
                else self.tr("{n} credentials").format(n=f"{total:,}")
            )
        else:
            text = self.tr("{shown} of {n} credentials").format(shown=f"{shown:,}", n=f"{total:,}")
        self.count_label.setText(text)
        keep = self._shown_detail_id()
        row = self.model.row_of(keep) if keep is not None else -1
        if row >= 0:
            index = self.model.index(row, 0)
            selection = self.table.selectionModel()
            selection.blockSignals(True)
            selection.setCurrentIndex(
                index,
                QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QtCore.QItemSelectionModel.SelectionFlag.Rows,
            )
            selection.blockSignals(False)
            self.table.viewport().update()
            self.cards.viewport().update()
        elif self._detail is not None:
            self._detail.clear()

    def _populate_filters(self) -> None:
        store = self.store
        self.filter_bar.populate(
            self.model.issuers(),
            self.model.years(),
            store.tags.names() if store is not None else [],
            store.tags.collections() if store is not None else [],
        )

    def select_credential(self, credential_id: str) -> bool:
        """Select the row of `credential_id` (and show it); False when it is not listed."""
        row = self.model.row_of(credential_id)
        if row < 0:
            return False
        # That row alone (selectRow would add to a selection while a modifier is held).
        self.table.selectionModel().setCurrentIndex(
            self.model.index(row, 0),
            QtCore.QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QtCore.QItemSelectionModel.SelectionFlag.Rows,
        )
        return True

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        return self.model.credential_id(index.row()) if index.isValid() else None

    def selected_ids(self) -> list[str]:
        """The credentials selected in the list, in list order (the current one if none)."""
        ids: list[str] = []
        for index in sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row()):
            cid = self.model.credential_id(index.row())
            if cid is not None:
                ids.append(cid)
        current = self.selected_id()
        return ids or ([current] if current is not None else [])

    def _update_selection_actions(self) -> None:
        """Delete only with credentials selected in an open wallet; Undo only while a delete
        can still be undone."""
        self.delete_action.setEnabled(self.store is not None and bool(self.selected_ids()))
        self.undo_delete_action.setEnabled(self.store is not None and self._undo is not None)

    def _act_on_shown(self, action: QtGui.QAction) -> None:
        """A button of the detail pane: its window command, for the credential shown there
        alone (even when several are selected in the list)."""
        shown = self._shown_detail_id()
        if shown is None or not self.select_credential(shown):
            return
        action.trigger()

    def _current_changed(self, current: QtCore.QModelIndex, _previous: QtCore.QModelIndex) -> None:
        cid = self.model.credential_id(current.row()) if current.isValid() else None
        if cid is None or self.store is None:
            if self._detail is not None:
                self._detail.clear()
            return
        if cid != self.detail.current_id:
            self.show_details(cid)

    def show_details(self, cid: str) -> None:
        """Read one credential in full (only now: the list holds summaries) and show it."""
        store = self.store
        if store is None:
            return
        try:
            stored = store.credentials.get(cid)
            last = store.checks.last_report(cid)
            collections = [c.name for c in store.tags.collections_of(cid)]
        except WalletError as e:
            self.detail.clear(text_of(e))
            return
        from wallet.ui.detail_view import Shown

        cred = stored.credential
        report, checked_at = _report_of(last)
        uri = cred.image if (cred.image or "")[:5].lower() == "data:" else None
        self.detail.show_item(
            Shown(
                id=stored.id,
                credential=cred,
                bundled=len(stored.children),
                in_bundle=stored.parent_id is not None,
                tags=stored.tags,
                collections=collections,
                image_uri=uri,
                baked=stored.original if cred.baked else None,
                report=report,
                checked_at=checked_at,
                source=stored.source,
            )
        )

    def apply_changes(self, changes: Changes) -> None:
        """Refresh what an operation changed (`ops.run_op` hands each result's changes here):
        the list's rows (inserted, removed, re-read: no reload), the filters' choices, the
        shown credential (report and record), and the stacks view when credentials, stacks or trust
        changed. A change of everything (a restore) reads it all again."""
        if self.store is None or not changes:
            return
        if changes.everything:
            self.refresh()
        elif changes.credentials_changed:
            self.model.apply(changes)
            self._populate_filters()
            self._after_reset()  # counts, and the shown credential kept selected
            shown = self._shown_detail_id()
            if shown is not None and shown in changes.updated:
                self.show_details(shown)  # the record too: a confirmed hosted badge's details
        stacks_shown = self.stacks_view is not None and self.views.currentWidget() is (
            self.stacks_view
        )
        if stacks_shown and (
            changes.credentials_changed or changes.stacks_changed or changes.trust_changed
        ):
            self.refresh_stacks()

    def refresh(self) -> None:
        """Re-read the list from the store (after imports), keeping the selection if it can."""
        keep = self.selected_id() or self._shown_detail_id()
        self.model.refresh()
        self._populate_filters()
        if keep is not None and self.model.row_of(keep) >= 0:
            self.select_credential(keep)
            self.show_details(keep)  # read it again: it may have changed

    # ----- verification --------------------------------------------------------------------

    def online_checks_allowed(self) -> bool:
        """Online checks run unless the learner turned them off in the settings."""
        return self.store is not None and self.store.settings.get(ONLINE_SETTING) != "off"

    def check_selected(self, online: bool = False) -> Task | None:
        """Verify the shown credential in the background (a worker connection of its own),
        then show the new report and the row's new verdict. Returns the running task."""
        cid = self.detail.current_id or self.selected_id()
        store = self.store
        if (
            cid is None
            or store is None
            or (self.check_task is not None and self.check_task.is_running())
        ):
            return None
        if online and not self.online_checks_allowed():
            self.detail.set_note(
                self.tr(
                    "Online checks are turned off in Settings, so nothing was fetched. Use "
                    "\u201cCheck now\u201d to check offline, or turn online checks on."
                )
            )
            return None

        def work(worker: WalletStore, _progress: Any) -> Any:
            from wallet.actions import verifying

            return verifying.verify_credentials(worker, [cid], online=online)

        self.detail.set_note(
            self.tr("Checking online\u2026") if online else self.tr("Checking\u2026")
        )
        self.detail.set_busy(True)
        self.check_task = run_op(
            self,
            work,
            progress_text="",
            on_done=lambda _verified: self._check_done(cid),
            on_failed=self._check_failed,
        )
        return self.check_task

    def _check_done(self, cid: str) -> None:
        """The new verdict and report are on screen already (`apply_changes`)."""
        self.detail.set_busy(False)
        if self.detail.current_id == cid:
            self.detail.set_note("")

    def _check_failed(self, message: str) -> None:
        self.detail.set_busy(False)
        self.detail.set_note(self.tr("The check could not run: {message}").format(message=message))

    # ----- tags and collections ------------------------------------------------------------

    def _save_tags(self, tags: list[str]) -> None:
        cid = self.detail.current_id
        if cid is None or self.store is None:
            return
        try:
            self.store.tags.set_tags(cid, tags)
        except WalletError as e:
            show_message(self, self.tr("Tags"), text_of(e), icon=Icon.Warning)
            return
        self._populate_filters()
        self.model.members_changed()

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        """Ask for one line of text (a seam tests replace; the dialog itself is Qt's)."""
        value, ok = QtWidgets.QInputDialog.getText(self, title, label, text=text)
        return value if ok else None

    def ask_choice(self, title: str, label: str, items: list[str]) -> str | None:
        """Ask to pick one of `items` (a seam tests replace)."""
        value, ok = QtWidgets.QInputDialog.getItem(self, title, label, items, 0, False)
        return value if ok else None

    def _collections_changed(self) -> None:
        self._populate_filters()
        self.model.members_changed()
        shown = self._shown_detail_id()
        if shown is not None and self.store is not None:
            self.show_details(shown)

    def new_collection(self, add: str | None = None) -> int | None:
        """Collections → New collection…; with `add`, that credential goes into it."""
        if self.store is None:
            return None
        name = self.ask_text(self.tr("New collection"), self.tr("Name of the collection:"))
        if not name or not name.strip():
            return None

        def create(store: WalletStore) -> int:
            new_id = store.tags.create_collection(name)
            if add is not None:
                store.tags.add_to_collection(new_id, add)
            return new_id

        return self._change_collections(create)

    def _change_collections(self, change: Callable[[WalletStore], R]) -> R | None:
        """Make one change to the collections and show it everywhere; where the store refuses
        it (a name already taken, say), explain why, leave the views alone and return None."""
        if self.store is None:
            return None
        try:
            result = change(self.store)
        except WalletError as e:
            show_message(self, self.tr("Collections"), text_of(e), icon=Icon.Warning)
            return None
        self._collections_changed()
        return result

    def _pick_collection(self, title: str) -> tuple[int, str] | None:
        """The collection chosen in the filter bar, else one the learner picks."""
        if self.store is None:
            return None
        chosen = self.filter_bar.filters().collection
        collections = self.store.tags.collections()
        if chosen is not None:
            return next(((c.id, c.name) for c in collections if c.id == chosen), None)
        if not collections:
            show_message(self, title, self.tr("There are no collections yet."))
            return None
        name = self.ask_choice(title, self.tr("Collection:"), [c.name for c in collections])
        return next(((c.id, c.name) for c in collections if c.name == name), None)

    def rename_collection(self) -> None:
        picked = self._pick_collection(self.tr("Rename collection"))
        if picked is None or self.store is None:
            return
        name = self.ask_text(self.tr("Rename collection"), self.tr("New name:"), picked[1])
        if name:
            self._change_collections(lambda store: store.tags.rename_collection(picked[0], name))

    def delete_collection(self) -> None:
        picked = self._pick_collection(self.tr("Delete collection"))
        if picked is None or self.store is None:
            return
        self.store.tags.delete_collection(picked[0])
        self._collections_changed()
        self.statusBar().showMessage(
            self.tr(
                "Collection \u201c{name}\u201d deleted; its credentials stay in the wallet"
            ).format(name=picked[1]),
            5000,
        )

    def _fill_collections_menu(self, menu: QtWidgets.QMenu, cid: str | None) -> None:
        """Checkable collections for one credential, and New collection…"""
        menu.clear()
        if cid is None or self.store is None:
            menu.addAction(self.tr("Select a credential first")).setEnabled(False)
            return
        member = {c.id for c in self.store.tags.collections_of(cid)}
        for c in self.store.tags.collections():
            action = menu.addAction(c.name.replace("&", "&&"))  # "R&D" is not a shortcut
            action.setCheckable(True)
            action.setChecked(c.id in member)
            action.toggled.connect(lambda on, coll=c.id: self._set_membership(coll, cid, on))
        if not menu.isEmpty():
            menu.addSeparator()
        menu.addAction(self.tr("New collection\u2026"), lambda: self.new_collection(add=cid))

    def _set_membership(self, collection_id: int, cid: str, member: bool) -> None:
        def change(store: WalletStore) -> None:
            if member:
                store.tags.add_to_collection(collection_id, cid)
            else:
                store.tags.remove_from_collection(collection_id, cid)

        self._change_collections(change)

    def collections_menu_for(self, cid: str) -> QtWidgets.QMenu:
        """The "Collections" submenu for one credential, as the list's context menu has it."""
        menu = QtWidgets.QMenu(self.tr("Collections"), self)
        self._fill_collections_menu(menu, cid)
        return menu

    def _list_menu(
        self, pos: QtCore.QPoint, view: QtWidgets.QAbstractItemView | None = None
    ) -> None:
        view = view or self.table
        index = view.indexAt(pos)
        cid = self.model.credential_id(index.row()) if index.isValid() else None
        if cid is None:
            return
        if cid not in self.selected_ids():  # a right-click inside a selection keeps it
            self.select_credential(cid)
        menu = QtWidgets.QMenu(self)
        menu.setAccessibleName(self.tr("Credential actions"))
        menu.addAction(self.tr("Check now"), lambda: self.check_selected(False))
        menu.addMenu(self.collections_menu_for(cid))
        menu.addSeparator()
        menu.addAction(self.delete_action)
        menu.popup(view.viewport().mapToGlobal(pos))

    # ----- deleting, and undoing it --------------------------------------------------------

    def delete_selected(self) -> QtWidgets.QMessageBox | None:
        """Edit → Delete… (the Delete key): ask, naming what goes, then delete the selected
        credentials (with what they bundle) as an op. Returns the question (tests answer it)."""
        store = self.store
        ids = self.selected_ids()
        if store is None or not ids:
            return None
        rows = store.credentials.summaries_of(ids)
        titles = {s.id: s.title for s in rows}
        bundled = len(rows) - len(ids)
        if len(ids) == 1:
            text = self.tr("Delete \u201c{title}\u201d from this wallet for good?").format(
                title=titles.get(ids[0], ids[0])
            )
        else:
            names = [f"\u2022 {titles.get(cid, cid)}" for cid in ids[:8]]
            if len(ids) > 8:
                names.append(self.tr("\u2026 and {n} more").format(n=len(ids) - 8))
            text = (
                self.tr("Delete these {n} credentials from this wallet for good?").format(
                    n=len(ids)
                )
                + "\n\n"
                + "\n".join(names)
            )
        if bundled > 0:
            text += "\n\n" + self.tr("The credentials they bundle go too ({n} more).").format(
                n=bundled
            )
        text += "\n\n" + self.tr(
            "Their tags, collections and checks go with them. You can undo this for a minute "
            "(Edit \u2192 Undo Delete)."
        )
        box = ask_yes_no(self, self.tr("Delete credentials"), text, "delete_confirmation")
        box.button(QtWidgets.QMessageBox.StandardButton.Yes).setText(self.tr("Delete"))
        box.button(QtWidgets.QMessageBox.StandardButton.No).setText(self.tr("Cancel"))
        box.finished.connect(lambda _r: self._delete(ids) if said_yes(box) else None)
        box.open()
        return box

    def _delete(self, ids: list[str]) -> Task | None:
        return run_op(
            self,
            lambda worker, _progress: credential_actions.delete_credentials(worker, ids),
            progress_text=self.tr("Deleting\u2026"),
            on_done=self._deleted,
            error_title=self.tr("Delete credentials"),
        )

    def _deleted(self, deleted: credential_actions.Deleted) -> None:
        """Offer Undo for a while: the status-bar button and Edit → Undo Delete."""
        self._undo = deleted
        self._undo_timer.start(UNDO_SECONDS * 1000)
        self.undo_button.show()
        self._update_selection_actions()
        titles = deleted.titles
        text = (
            self.tr("Deleted \u201c{title}\u201d").format(title=titles[0])
            if len(titles) == 1
            else self.tr("Deleted {n} credentials").format(n=len(titles))
        )
        self.statusBar().showMessage(text, UNDO_SECONDS * 1000)

    def _forget_undo(self) -> None:
        """The delete can no longer be undone: drop what it took from memory."""
        self._undo = None
        self._undo_timer.stop()
        self.undo_button.hide()
        self._update_selection_actions()

    def undo_delete(self) -> Task | None:
        """Put back exactly what the last delete took (ids, bytes, tags, collections)."""
        deleted = self._undo
        if deleted is None or self.store is None:
            return None
        self._forget_undo()
        self.statusBar().clearMessage()
        return run_op(
            self,
            lambda worker, _progress: credential_actions.undo_delete(worker, deleted),
            progress_text=self.tr("Putting them back\u2026"),
            on_done=lambda undone: self._undone(deleted, undone),
            error_title=self.tr("Undo Delete"),
        )

    def _undone(
        self, deleted: credential_actions.Deleted, undone: credential_actions.Undeleted
    ) -> None:
        n = len(undone.restored)
        title = dict(zip(deleted.removed, deleted.titles, strict=True)).get(
            undone.restored[0] if n else "", ""
        )
        text = (
            self.tr("Put back \u201c{title}\u201d").format(title=title)
            if n == 1
            else self.tr("Put back {n} credentials").format(n=n)
        )
        self.statusBar().showMessage(text, 5000)
        if undone.restored:
            self.select_credential(undone.restored[0])

    # ----- actions -------------------------------------------------------------------------

    def choose_import_files(self) -> list[str]:
        """Ask for files to import (a seam tests replace; the dialog itself is Qt's)."""
        paths, _filter = QtWidgets.QFileDialog.getOpenFileNames(
            self, self.tr("Import credentials"), "", self.tr(IMPORT_FILTERS)
        )
        return paths

    def import_files(self) -> None:
        """File → Import…: the background import flow's (`imports`, loaded now through
        `load_imports` if it has not come yet); without one, say importing is unavailable."""
        imports = self.imports
        if imports is None and self.load_imports is not None:
            imports = self.load_imports()
        if imports is None:
            show_message(
                self,
                self.tr("Import"),
                self.tr(
                    "Importing from this window is not available in this build. Use "
                    "`learner-wallet import FILE` and open the wallet again."
                ),
            )
            return
        imports.import_files_interactively()

    # ----- stacks --------------------------------------------------------------------------

    def show_credentials(self) -> None:
        self.views.setCurrentWidget(self.pages)

    def show_stacks(self) -> None:
        """Show progress toward larger awards, evaluated now from what the wallet holds."""
        if self.stacks_view is None:
            from wallet.ui.stacks_view import StacksView

            self.stacks_view = StacksView()
            self.stacks_view.credential_activated.connect(self._open_from_stacks)
            self.stacks_view.goal_created.connect(self._save_goal)
            self.views.addWidget(self.stacks_view)
        self.refresh_stacks()
        self.views.setCurrentWidget(self.stacks_view)

    def refresh_stacks(self) -> Task | None:
        """Evaluate every stack off the GUI thread (a large wallet takes about a second), on
        the task's own connection; the view fills in when it is done."""
        store = self.store
        if self.stacks_view is None or store is None:
            return None
        include_unverified = store.settings.get("stacks_include_unverified") == "on"

        def work(_progress: Any) -> tuple[list[Any], dict[str, str]]:
            from wallet.stacks.engine import evaluate_wallet

            other = store.another_connection()
            try:
                results = evaluate_wallet(other, include_unverified=include_unverified)
                return results, {s.id: s.title for s in other.credentials.summaries()}
            finally:
                other.close()

        self.statusBar().showMessage(self.tr("Working out progress toward each stack\u2026"))
        task = Task(work, parent=self)
        # Only the latest evaluation is shown (an op may ask again while one runs).
        task.finished.connect(
            lambda result: self._stacks_done(result) if task is self.stacks_task else None
        )
        task.failed.connect(
            lambda message: self._stacks_failed(message) if task is self.stacks_task else None
        )
        self.stacks_task = task
        return task.start()

    def _stacks_done(self, result: tuple[list[Any], dict[str, str]]) -> None:
        self.statusBar().clearMessage()
        if self.stacks_view is not None and self.store is not None:  # not locked meanwhile
            self.stacks_view.set_results(*result)

    def _stacks_failed(self, message: str) -> None:
        self.statusBar().clearMessage()
        show_message(self, self.tr("Stacks"), message, icon=Icon.Warning)

    def _open_from_stacks(self, cid: str) -> None:
        self.filter_bar.reset()
        self.show_credentials()
        self.select_credential(cid)

    def import_stack_interactively(self) -> None:
        path, _filter = QtWidgets.QFileDialog.getOpenFileName(
            self, self.tr("Import a stack"), "", self.tr("Stacks (*.json *.jsonld);;All files (*)")
        )
        if path:
            self.import_stack(path)

    def import_stack(self, path: str) -> Task | None:
        """Keep a stack file in any format we know, as an op (the use case the CLI's `stack
        import` runs; what is wrong with the file comes as a warning), and show the Stacks
        view, worked out again once the stack is kept. None when the file cannot be read."""
        if self.store is None:
            return None
        try:
            with open(path, "rb") as fh:
                data = fh.read(1024 * 1024 + 1)
        except OSError as e:
            show_message(
                self,
                self.tr("Import stack"),
                self.tr("Cannot read {path}: {why}").format(path=path, why=e.strerror),
                icon=Icon.Warning,
            )
            return None
        task = run_op(
            self,
            lambda worker, _progress: stack_actions.import_stack(worker, data),
            progress_text="",
            error_title=self.tr("Import stack"),
        )
        self.show_stacks()
        return task

    def _save_goal(self, definition: dict) -> None:
        """Keep a goal the learner built (checked like any imported stack first)."""
        from wallet.stacks.load import load_stack

        if self.store is None:
            return
        try:
            stack = load_stack(definition)
        except WalletError as e:
            show_message(self, self.tr("New goal"), text_of(e), icon=Icon.Warning)
            return
        run_op(  # the Stacks view, where goals are made, follows its changes
            self,
            lambda worker, _progress: stack_actions.keep_stack(worker, stack, source="own"),
            progress_text="",
            error_title=self.tr("New goal"),
        )

    def lock(self) -> None:
        """Close the store and hide the window; `locked` lets the app ask for the passphrase."""
        drop_ops(self)  # what they still say would show the wallet behind the lock
        self._forget_undo()  # what a delete took is not kept behind the lock
        if self.stacks_view is not None:  # nothing decrypted stays on screen
            self.stacks_view.set_results([], {})
            self.show_credentials()
        self.model.set_store(None)
        if self.store is not None:
            self.store.close()
            self.store = None
        self._populate_filters()  # the issuer, tag and collection names go too
        self.hide()
        self.locked.emit()

    def show_shares(self) -> QtWidgets.QDialog | None:
        """View → History of Sharing…: what went to which verifier (closed on lock)."""
        if self.store is None:
            return None
        from wallet.actions.shares import shared_history
        from wallet.ui.shares_dialog import SharesDialog

        dialog = SharesDialog(shared_history(self.store), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def show_about(self) -> QtWidgets.QMessageBox:
        return show_message(
            self,
            self.tr("About Learner Wallet"),
            self.tr(
                "Learner Wallet {version}\n\n"
                "Keep, verify, stack and present your badges and micro-credentials, offline. "
                "The wallet file is encrypted with your passphrase.\n\n"
                "Licensed under the Apache License 2.0."
            ).format(version=__version__),
        )

    def keyPressEvent(self, event: QtGui.QKeyEvent) -> None:
        """Esc anywhere in the window clears the search (the field handles it when focused)."""
        if event.key() == Qt.Key.Key_Escape and self.search_field.text():
            self.search_field.clear()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        drop_ops(self)
        self._forget_undo()
        if self.store is not None:
            self.model.set_store(None)
            self.store.close()
            self.store = None
        super().closeEvent(event)
        self.closed.emit()


def _report_of(last: StoredReport | None) -> tuple[Report | None, str | None]:
    """The stored last report as a Report (None if never checked or unreadable)."""
    if last is None:
        return None, None
    try:
        return Report.from_json(json.loads(last.report)), last.checked_at
    except (ValueError, KeyError, TypeError):
        return None, last.checked_at


def _detail_placeholder(text: str) -> QtWidgets.QScrollArea:
    """What the detail pane shows before anything is selected, drawn like DetailView's own
    empty state (same margins, width and words) so nothing moves when the real one arrives."""
    area = QtWidgets.QScrollArea()
    area.setObjectName("detail_placeholder")
    area.setAccessibleName(QtCore.QCoreApplication.translate("DetailView", "Credential details"))
    area.setMinimumWidth(340)
    area.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    body, layout = column(margins=(18, 14, 18, 18))
    label = plain_label(  # like DetailView's own
        text,
        "placeholder",
        QtCore.QCoreApplication.translate("DetailView", "No credential selected"),
    )
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    layout.addWidget(label)
    layout.addStretch(1)
    area.setWidget(body)
    return area
