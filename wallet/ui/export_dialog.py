"""File → Export Portfolio…: the learner chooses what goes in, the format and where it goes.

Why a dialog and not a one-click export: nothing private leaves unless the learner chose it, so
the set (the selected credentials, a collection, or a stack's credentials), the format and the
name shown on the portfolio are all visible choices, and the dialog states what will be
written before it is. The name and summary are remembered in the wallet (the settings
`portfolio_name` / `portfolio_summary`) only when the learner exports with them.

The work runs in a background `Task` on its own wallet connection, with progress and Cancel:
choosing, re-checking each credential offline, and writing HTML, JSON, CLR files or badge
images. The PDF too is laid out and written in the Task (QTextDocument, QImage and QPdfWriter
need no GUI thread). Errors are plain messages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wallet.messages import Msg
from wallet.store import WalletStore
from wallet.ui.messages import Icon, show_message, text_of
from wallet.ui.qt import QT_TRANSLATE_NOOP, Qt, QtCore, QtGui, QtWidgets
from wallet.ui.workers import Progress, Task

if TYPE_CHECKING:
    from wallet.ui.main_window import MainWindow

StoreGetter = Callable[[], WalletStore | None]

SELECTED, COLLECTION, STACK, EVERYTHING = "selected", "collection", "stack", "everything"
# (format id, label, file filter or None for a folder, default name)
# lupdate finds the words through this name and a literal context (see _tr for the rest).
translate = QtCore.QCoreApplication.translate

FORMAT_CHOICES = (
    (
        "html",
        QT_TRANSLATE_NOOP("ExportDialog", "Web page (HTML, opens offline in any browser)"),
        QT_TRANSLATE_NOOP("ExportDialog", "Web page (*.html)"),
        "portfolio.html",
    ),
    ("pdf", QT_TRANSLATE_NOOP("ExportDialog", "PDF document"), "PDF (*.pdf)", "portfolio.pdf"),
    (
        "json",
        QT_TRANSLATE_NOOP("ExportDialog", "Presentation signed by you (JSON)"),
        "JSON (*.json)",
        "presentation.json",
    ),
    (
        "clr",
        QT_TRANSLATE_NOOP(
            "ExportDialog", "CLR learner records, as the issuer signed them (folder)"
        ),
        None,
        "clr-records",
    ),
    (
        "images",
        QT_TRANSLATE_NOOP("ExportDialog", "Badge images with the credential baked in (folder)"),
        None,
        "badge-images",
    ),
)


def _tr(text: Msg | str) -> str:
    """Words not written here literally (format labels above, progress from the core): a
    message id of the core rendered, else its English looked up in our catalogue."""
    if isinstance(text, Msg):
        return text_of(text)
    return translate("ExportDialog", text)


class ExportDialog(QtWidgets.QDialog):
    """Choose a set, a format and a place; export in the background."""

    def __init__(
        self, store: WalletStore, selected: list[str], parent: QtWidgets.QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.selected = list(selected)
        self.task: Task | None = None
        self._running = False
        self.written: list[Path] = []
        self.setObjectName("export_dialog")
        self.setWindowTitle(translate("ExportDialog", "Export Portfolio"))
        self.setMinimumWidth(560)
        self._build()
        self._fill()
        self._update()

    # ----- widgets ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QtWidgets.QVBoxLayout(self)
        intro = QtWidgets.QLabel(
            translate(
                "ExportDialog",
                "Only what you choose here leaves the wallet. Each credential goes with its "
                "signed original, so whoever receives it can check it.",
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        what = QtWidgets.QGroupBox(translate("ExportDialog", "What to export"))
        grid = QtWidgets.QGridLayout(what)
        self.selected_radio = QtWidgets.QRadioButton()
        self.selected_radio.setObjectName("export_selected")
        self.collection_radio = QtWidgets.QRadioButton(translate("ExportDialog", "The collection"))
        self.collection_radio.setObjectName("export_collection")
        self.stack_radio = QtWidgets.QRadioButton(
            translate("ExportDialog", "What counts toward the stack")
        )
        self.stack_radio.setObjectName("export_stack")
        self.all_radio = QtWidgets.QRadioButton(
            translate("ExportDialog", "Everything in the wallet")
        )
        self.all_radio.setObjectName("export_all")
        self.collection_combo = QtWidgets.QComboBox()
        self.collection_combo.setObjectName("export_collection_combo")
        self.collection_combo.setAccessibleName(translate("ExportDialog", "Collection to export"))
        self.stack_combo = QtWidgets.QComboBox()
        self.stack_combo.setObjectName("export_stack_combo")
        self.stack_combo.setAccessibleName(translate("ExportDialog", "Stack to export"))
        grid.addWidget(self.selected_radio, 0, 0, 1, 2)
        grid.addWidget(self.collection_radio, 1, 0)
        grid.addWidget(self.collection_combo, 1, 1)
        grid.addWidget(self.stack_radio, 2, 0)
        grid.addWidget(self.stack_combo, 2, 1)
        grid.addWidget(self.all_radio, 3, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        layout.addWidget(what)

        form = QtWidgets.QFormLayout()
        self.format_combo = QtWidgets.QComboBox()
        self.format_combo.setObjectName("export_format")
        for fmt, label, _filter, _name in FORMAT_CHOICES:
            self.format_combo.addItem(_tr(label), fmt)
        form.addRow(translate("ExportDialog", "&Format:"), self.format_combo)
        self.name_edit = QtWidgets.QLineEdit()
        self.name_edit.setObjectName("export_name")
        self.name_edit.setPlaceholderText(
            translate("ExportDialog", "Shown as the portfolio's title (optional)")
        )
        form.addRow(translate("ExportDialog", "Your &name:"), self.name_edit)
        self.summary_edit = QtWidgets.QPlainTextEdit()
        self.summary_edit.setObjectName("export_summary")
        self.summary_edit.setPlaceholderText(
            translate("ExportDialog", "A line or two about you (optional)")
        )
        self.summary_edit.setTabChangesFocus(True)
        self.summary_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        form.addRow(translate("ExportDialog", "&Summary:"), self.summary_edit)
        where = QtWidgets.QHBoxLayout()
        self.path_edit = QtWidgets.QLineEdit()
        self.path_edit.setObjectName("export_path")
        self.path_edit.setAccessibleName(translate("ExportDialog", "Where to save"))
        self.browse_button = QtWidgets.QPushButton(translate("ExportDialog", "&Choose\u2026"))
        self.browse_button.setObjectName("export_browse")
        where.addWidget(self.path_edit, 1)
        where.addWidget(self.browse_button)
        where_label = QtWidgets.QLabel(translate("ExportDialog", "Save &to:"))
        where_label.setBuddy(self.path_edit)
        form.addRow(where_label, where)
        self.verify_check = QtWidgets.QCheckBox(
            translate("ExportDialog", "Check every credential again (offline) before exporting")
        )
        self.verify_check.setObjectName("export_verify")
        self.verify_check.setChecked(True)
        form.addRow("", self.verify_check)
        self.include_check = QtWidgets.QCheckBox(
            translate("ExportDialog", "Include failed and unchecked credentials (marked as such)")
        )
        self.include_check.setObjectName("export_include_unverified")
        self.include_check.setToolTip(
            translate(
                "ExportDialog",
                "Web page and PDF leave out credentials that failed verification or were not "
                "checked, unless you include them here.",
            )
        )
        form.addRow("", self.include_check)
        layout.addLayout(form)

        self.summary_label = QtWidgets.QLabel()
        self.summary_label.setObjectName("export_plan")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.summary_label)
        self.progress = QtWidgets.QProgressBar()
        self.progress.setObjectName("export_progress")
        self.progress.setVisible(False)
        layout.addWidget(self.progress)

        self.buttons = QtWidgets.QDialogButtonBox()
        self.export_button = self.buttons.addButton(
            translate("ExportDialog", "&Export"), QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setObjectName("export_button")
        self.close_button = self.buttons.addButton(QtWidgets.QDialogButtonBox.StandardButton.Close)
        layout.addWidget(self.buttons)

        for radio in (self.selected_radio, self.collection_radio, self.stack_radio, self.all_radio):
            radio.toggled.connect(lambda *_: self._update())
        self.collection_combo.activated.connect(lambda *_: self.collection_radio.setChecked(True))
        self.stack_combo.activated.connect(lambda *_: self.stack_radio.setChecked(True))
        self.format_combo.currentIndexChanged.connect(lambda *_: self._format_changed())
        self.path_edit.textChanged.connect(lambda *_: self._update())
        self.browse_button.clicked.connect(self.browse)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self._close_or_cancel)

    def _fill(self) -> None:
        from wallet.export.portfolio import NAME_SETTING, SUMMARY_SETTING

        n = len(self.selected)
        self.selected_radio.setText(
            translate("ExportDialog", "The selected credentials (%1)").replace("%1", str(n))
        )
        for c in self.store.tags.collections():
            self.collection_combo.addItem(f"{c.name} ({c.count})", c.name)
        for stack in self.store.stacks.all():
            self.stack_combo.addItem(stack.name, stack.id)
        self.selected_radio.setEnabled(n > 0)
        self.collection_radio.setEnabled(self.collection_combo.count() > 0)
        self.collection_combo.setEnabled(self.collection_combo.count() > 0)
        self.stack_radio.setEnabled(self.stack_combo.count() > 0)
        self.stack_combo.setEnabled(self.stack_combo.count() > 0)
        first = next(
            (
                r
                for r in (
                    self.selected_radio,
                    self.collection_radio,
                    self.stack_radio,
                    self.all_radio,
                )
                if r.isEnabled()
            ),
            None,
        )
        if first is not None:
            first.setChecked(True)
        self.name_edit.setText(self.store.settings.get(NAME_SETTING) or "")
        self.summary_edit.setPlainText(self.store.settings.get(SUMMARY_SETTING) or "")
        self.path_edit.setText(str(Path.home() / FORMAT_CHOICES[0][3]))

    # ----- choices ---------------------------------------------------------------------------

    def fmt(self) -> str:
        return str(self.format_combo.currentData())

    def _choice(self) -> tuple[str, Any]:
        if self.collection_radio.isChecked():
            return COLLECTION, self.collection_combo.currentData()
        if self.stack_radio.isChecked():
            return STACK, self.stack_combo.currentData()
        if self.all_radio.isChecked():
            return EVERYTHING, True
        return SELECTED, list(self.selected)

    def _format_changed(self) -> None:
        """Keep the folder of the path, and give it the new format's default name."""
        choice = FORMAT_CHOICES[self.format_combo.currentIndex()]
        current = Path(self.path_edit.text().strip() or str(Path.home() / choice[3]))
        self.path_edit.setText(str(current.parent / choice[3]))
        self._update()

    def _update(self) -> None:
        kind, value = self._choice()
        ready = (kind != SELECTED or bool(value)) and value is not None
        ready = ready and bool(self.path_edit.text().strip()) and not self.busy()
        self.export_button.setEnabled(ready)
        what = {
            SELECTED: translate("ExportDialog", "the selected credentials"),
            COLLECTION: translate("ExportDialog", "the collection “%1”").replace("%1", str(value)),
            STACK: translate(
                "ExportDialog", "the credentials counting toward the stack “%1”"
            ).replace("%1", self.stack_combo.currentText()),
            EVERYTHING: translate("ExportDialog", "every credential in the wallet"),
        }[kind]
        shape = self.format_combo.currentText().split(" (", 1)[0]
        self.summary_label.setText(
            translate("ExportDialog", "Exports %1 as: %2, to %3.")
            .replace("%1", what)
            .replace("%2", shape)
            .replace("%3", self.path_edit.text().strip())
        )

    def browse(self) -> QtWidgets.QFileDialog:
        """A file (or, for folder formats, folder) dialog; opened without blocking."""
        _fmt, _label, name_filter, _name = FORMAT_CHOICES[self.format_combo.currentIndex()]
        dialog = QtWidgets.QFileDialog(
            self, translate("ExportDialog", "Export to"), self.path_edit.text().strip()
        )
        dialog.setObjectName("export_file_dialog")
        if name_filter is None:
            dialog.setFileMode(QtWidgets.QFileDialog.FileMode.Directory)
            dialog.setOption(QtWidgets.QFileDialog.Option.ShowDirsOnly, True)
        else:
            dialog.setAcceptMode(QtWidgets.QFileDialog.AcceptMode.AcceptSave)
            dialog.setNameFilter(_tr(name_filter))
            dialog.setDefaultSuffix(name_filter.rsplit("*.", 1)[1].rstrip(")"))
            dialog.selectFile(self.path_edit.text().strip())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.path_edit.setText)
        dialog.open()
        return dialog

    # ----- exporting -------------------------------------------------------------------------

    def busy(self) -> bool:
        """An export is under way (until its result, error or cancel has been handled)."""
        return self._running

    def start_export(self) -> Task | None:
        """Export as chosen, in the background; None when the choice is not complete."""
        if not self.export_button.isEnabled():
            return None
        from wallet.export.portfolio import NAME_SETTING, SUMMARY_SETTING

        kind, value = self._choice()
        fmt = self.fmt()
        out = Path(self.path_edit.text().strip()).expanduser()
        name = self.name_edit.text().strip()
        summary = self.summary_edit.toPlainText().strip()
        verify = self.verify_check.isChecked()
        include = self.include_check.isChecked()
        self.store.settings.set(NAME_SETTING, name)
        self.store.settings.set(SUMMARY_SETTING, summary)
        main_store = self.store

        def work(progress: Progress) -> Any:
            from wallet.actions import exporting
            from wallet.export import ExportOptions

            store = main_store.another_connection()
            try:

                def report(done: int, total: int, text: str) -> None:
                    progress.check()
                    progress(done, total, _tr(text))

                def pdf(portfolio: Any, target: Path) -> None:
                    # QTextDocument, QImage and QPdfWriter are safe off the GUI thread (no
                    # QPixmap, no widgets): a 500-credential PDF does not freeze the window.
                    from wallet.ui.pdf_export import write_pdf

                    progress(0, 0, translate("ExportDialog", "Laying out the PDF"))
                    write_pdf(portfolio, target)

                options = ExportOptions(
                    fmt,
                    out,
                    name=name,
                    summary=summary,
                    verify=verify,
                    pdf_writer=pdf,
                    include_unverified=include,
                )
                return exporting.export(
                    store,
                    options,
                    collection=value if kind == COLLECTION else None,
                    stack=value if kind == STACK else None,
                    ids=value if kind == SELECTED else (),
                    everything=kind == EVERYTHING,
                    progress=report,
                    checkpoint=progress.check,
                )
            finally:
                store.close()

        self.task = Task(work, parent=self)
        self.task.progressed.connect(self._progressed)
        self.task.finished.connect(lambda result: self._done(result, out))
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(self._cancelled)
        self._running = True
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.close_button.setText(translate("ExportDialog", "Cancel"))
        self._update()
        return self.task.start()

    def _progressed(self, done: int, total: int, text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress.setFormat(f"{text} (%v/%m)")

    def _finish(self) -> None:
        self._running = False
        self.progress.setVisible(False)
        self.close_button.setText(translate("ExportDialog", "Close"))
        self._update()

    def _done(self, result: Any, out: Path) -> None:
        self._finish()
        self.written = list(result.written)
        lines = [
            translate("ExportDialog", "Exported %1 credential(s) to %2.")
            .replace("%1", str(result.count))
            .replace("%2", str(out))
        ]
        lines += [text_of(note) for note in result.notes]
        show_message(self, translate("ExportDialog", "Export Portfolio"), "\n\n".join(lines))

    def _failed(self, message: str) -> None:
        self._finish()
        show_message(
            self,
            translate("ExportDialog", "Export Portfolio"),
            translate("ExportDialog", "Nothing was exported: %1").replace("%1", message),
            icon=Icon.Warning,
        )

    def _cancelled(self) -> None:
        self._finish()

    def _close_or_cancel(self) -> None:
        if self.busy() and self.task is not None:
            self.task.cancel()
        else:
            self.reject()


def install_export_actions(window: MainWindow, store_getter: StoreGetter) -> QtGui.QAction:
    """Give File → Export Portfolio… (Ctrl+Shift+E, in `menus.MENUS`) its slot: enabled while
    a wallet is open; the dialog starts from the credentials selected in the list."""
    from wallet.ui import menus
    from wallet.ui.present_actions import selected_ids

    action = window.export_portfolio_action
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

    def open_dialog() -> ExportDialog | None:
        store = store_getter()
        if store is None:
            return None
        dialog = ExportDialog(store, selected_ids(window), window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    window.attach(menus.EXPORT, {"export_portfolio_action": lambda: open_dialog()})

    def update() -> None:
        action.setEnabled(store_getter() is not None)

    window.locked.connect(update)
    window.model.modelReset.connect(update)
    update()
    return action
