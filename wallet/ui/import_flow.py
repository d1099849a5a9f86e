"""Getting credentials into the window: drop, paste, File → Import…, and QR code images.

Every way in ends in one `ImportRequest` that a background `Task` carries out through the same
core importer as `learner-wallet import`, on its own wallet connection, so the window stays
responsive and the person can cancel. Each item gets a result line (imported, already there,
failed with the plain reason); bad input never becomes a traceback. New credentials are then
verified offline in the background so their badges appear without waiting for a click.

QR images are decoded with `zxing-cpp` (imported only when used: the rest of the window works
without it). A web address found in a QR code, or pasted from the clipboard, is fetched only
after the person answered a plain question naming the host (default No): choosing a picture of
a poster is not choosing to tell a stranger's server that it was opened. The result line names
what was fetched, or that it was not.

An issuer's credential offer (a link pasted, dropped or found in a QR code) is not imported:
it goes to the receive dialog (`receive_dialog`), which shows the issuer before anything is sent.
A verifier's request (`openid4vp://`) goes to the respond dialog (`respond_dialog`) the same way.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from wallet.actions import importing
from wallet.actions.importing import Imported, ImportRequest, QrImage
from wallet.actions.verifying import Verified
from wallet.importer import DUPLICATE, FAILED, IMPORTED, ItemResult
from wallet.messages import plain
from wallet.sources import display_name, is_url
from wallet.store import WalletStore
from wallet.ui import menus
from wallet.ui.crash import log_line
from wallet.ui.main_window import MainWindow
from wallet.ui.messages import Icon, ask_yes_no, said_yes, show_message, text_of
from wallet.ui.ops import run_op
from wallet.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from wallet.ui.receive_dialog import is_offer
from wallet.ui.respond_dialog import is_request
from wallet.ui.result_list import ResultList
from wallet.ui.widgets import plain_label, push_button
from wallet.ui.workers import Progress, Task

StoreGetter = Callable[[], WalletStore | None]


# ----- what to import (no Qt below this line until the widgets; the rest is in
# wallet.actions.importing) ------------------------------------------------------------------


def request_from_text(text: str, label: str) -> ImportRequest:
    """Pasted or dropped text: https URLs (one per line), a path to a file, or credential text."""
    stripped = text.strip()
    if not stripped:
        return ImportRequest()
    lines = [line.strip() for line in stripped.splitlines() if line.strip()]
    if all(is_url(line) for line in lines):
        return ImportRequest(specs=lines)
    if (
        len(lines) == 1
        and os.path.isabs(lines[0])
        and len(lines[0]) < 4096
        and os.path.exists(lines[0])
    ):
        return ImportRequest(specs=[lines[0]])
    return ImportRequest(texts=[(label, stripped)])


MAX_ASKED_URLS = 8  # addresses listed in one question; the rest are "…"


def _shortened(text: str, limit: int = 90) -> str:
    """A stranger's address cut in the middle to fit a dialog (host and end stay visible)."""
    return text if len(text) <= limit else text[: limit * 2 // 3] + "\u2026" + text[-limit // 3 :]


def host_of(url: str) -> str:
    """The host a fetch of `url` connects to, as the fetch itself reads it."""
    try:
        return urlsplit(url).hostname or url
    except ValueError:
        return url


def run_request(
    store: WalletStore,
    request: ImportRequest,
    progress: Progress,
    results: list[ItemResult],
    found: list[tuple[str, str]] | None = None,
) -> Imported:
    """Carry out `request` on `store` (the op's own connection), appending to `results` as it
    goes so that a cancelled run still tells what it already did; what it returns says what
    went in (`changes`).

    Web addresses in QR codes are not fetched here: they go into `found` (url, where) for the
    person to decide about (without `found`, each is a line saying it was not fetched).
    `request.addresses` are the ones already agreed to."""
    total = request.estimated_items()

    def note(result: ItemResult) -> None:
        results.append(result)
        progress(len(results), max(total, len(results)), display_name(result.source))

    def stop() -> bool:
        return progress.cancelled

    imported = importing.import_request(
        store,
        request,
        progress=note,
        cancelled=stop,
        status=lambda text: progress(len(results), total, text_of(text)),
        found=found,
        where_found=lambda where: QtCore.QCoreApplication.translate(
            "ImportController", "the QR code in {name}"
        ).format(name=where),
        unfetched=not_fetched,
    )
    progress.check()
    return imported


def not_fetched(url: str) -> ItemResult:
    """The line for an address the person chose not to fetch (or was not asked about)."""
    return ItemResult(
        url,
        FAILED,
        plain(  # the window's own words, already translated
            QtCore.QCoreApplication.translate(
                "ImportController", "not fetched: you chose not to connect to {host}"
            ).format(host=host_of(url))
        ),
    )


def result_text(result: ItemResult) -> str:
    """What the import said about one item, in the window's language."""
    return text_of(result.msg)


def verify_new(
    store: WalletStore, ids: list[str], progress: Progress, log: Callable[[str], None] | None = None
) -> Verified:
    """The window's background check of what it just imported: the same use case the CLI
    runs (wallet.actions.importing), on the op's own connection."""
    from wallet.actions import importing

    def step(done: int, total: int) -> None:
        progress.check()  # raises when the task was cancelled
        progress(done, total, "")

    return importing.verify_new(store, ids, log=log, step=step)


# ----- widgets ------------------------------------------------------------------------------


class ImportProgress(QtWidgets.QWidget):
    """Progress of the running import in the status bar, with its Cancel button."""

    cancel_requested = Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("import_progress")
        self.label = QtWidgets.QLabel()
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setMaximumWidth(360)
        self.bar = QtWidgets.QProgressBar()
        self.bar.setAccessibleName(self.tr("Import progress"))
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(True)
        self.cancel_button = push_button(
            self.tr("Cancel"), "cancel_import", self.tr("Cancel import"), self.cancel_requested.emit
        )
        self.cancel_button.setSizePolicy(
            QtWidgets.QSizePolicy.Policy.Fixed, QtWidgets.QSizePolicy.Policy.Fixed
        )
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.hide()

    def begin(self, text: str) -> None:
        self.label.setText(text)
        self.bar.setRange(0, 0)  # busy until the first item is done
        self.cancel_button.setEnabled(True)
        self.cancel_button.setText(self.tr("Cancel"))
        self.show()

    def advance(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        if text:
            metrics = self.label.fontMetrics()
            self.label.setText(metrics.elidedText(text, Qt.TextElideMode.ElideMiddle, 340))

    def stopping(self) -> None:
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Stopping\u2026"))


class ImportResultDialog(QtWidgets.QDialog):
    """One line per item: what it was, and whether it went in. Double-click shows it."""

    show_credential = Signal(str)

    def __init__(
        self,
        results: list[ItemResult],
        *,
        cancelled: bool = False,
        parent: QtWidgets.QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("import_results")
        self.setWindowTitle(self.tr("Import results"))
        self.results = list(results)
        counts = {
            s: sum(1 for r in results if r.status == s) for s in (IMPORTED, DUPLICATE, FAILED)
        }
        summary = self.tr(
            "{imported} imported, {duplicate} already in the wallet, {failed} failed."
        ).format(imported=counts[IMPORTED], duplicate=counts[DUPLICATE], failed=counts[FAILED])
        if cancelled:
            summary = self.tr(
                "Import cancelled. What was done before stays in the wallet: {summary}"
            ).format(summary=summary)
        if not results:
            summary = (
                self.tr("Nothing was imported.")
                if not cancelled
                else self.tr("Import cancelled before anything was imported.")
            )
        self.summary = plain_label(summary, "import_summary")

        self.table = ResultList("import_result_list", self.tr("Import results"), show_source=True)
        for r in results:
            self.table.add(r)
        self.table.credential_activated.connect(self.show_credential)

        self.hint = QtWidgets.QLabel(self.tr("Double-click a credential to show it."))
        self.hint.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
        self.hint.setVisible(any(r.id for r in results))
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Close)

        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.resize(760, 380)

    def lines(self) -> list[tuple[str, str, str]]:
        """The rows as shown (for tests and accessibility checks)."""
        return self.table.lines()


# ----- the controller -----------------------------------------------------------------------


class ImportController(QtCore.QObject):
    """Installs every way of importing on a MainWindow and runs the imports in the background.

    `store_getter` returns the window's open store (None while locked); each import opens its
    own connection from it. Signals: `imported(results)` after the list was refreshed,
    `verified(ids)` after the background check of new credentials.
    """

    imported = Signal(object)  # list[ItemResult]
    verified = Signal(object)  # list[str]

    def __init__(
        self,
        window: MainWindow,
        store_getter: StoreGetter | None = None,
        *,
        enabled: bool = True,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.store_getter: StoreGetter = store_getter or (lambda: window.store)
        self.enabled = enabled
        self.task: Task | None = None
        self.verify_task: Task | None = None
        self.results: list[ItemResult] = []
        self.result_dialog: ImportResultDialog | None = None
        # "Fetch from this host?", open while the person decides; `_on_answer` continues.
        self.question: QtWidgets.QMessageBox | None = None
        self._on_answer: Callable[[bool], None] | None = None
        self._found: list[tuple[str, str]] = []  # addresses the running import's QR codes hold

        self.progress = ImportProgress(window)
        window.statusBar().addPermanentWidget(self.progress)
        self.progress.cancel_requested.connect(self.cancel)

        window.setAcceptDrops(True)
        window.installEventFilter(self)
        self._install_actions()
        window.locked.connect(self.forget)

    # ----- menus ----------------------------------------------------------------------------

    def _install_actions(self) -> None:
        """The commands `menus.MENUS` gives the import flow (File → Import… is the window's
        own: it calls `import_files_interactively` through `window.imports`)."""
        w = self.window
        self.import_action = w.import_action
        self.import_folder_action = w.import_folder_action
        self.qr_action = w.import_qr_action
        self.paste_action = w.paste_action
        self.paste_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        w.attach(
            menus.IMPORTS,
            {
                "import_folder_action": self.import_folder_interactively,
                "import_qr_action": self.import_qr_interactively,
                "paste_action": self.paste,
            },
        )
        w.imports = self
        self.set_enabled(self.enabled)

    def set_enabled(self, enabled: bool) -> None:
        """Imports on or off (off when the app was started without an importer)."""
        self.enabled = enabled
        for action in (self.import_folder_action, self.qr_action, self.paste_action):
            action.setEnabled(enabled)

    # ----- ways in --------------------------------------------------------------------------

    def import_files_interactively(self) -> None:
        """File → Import…: choose files (through the window's seam), import in the background."""
        if not self._available():
            return
        paths = self.window.choose_import_files()
        if paths:
            self.start(ImportRequest(specs=list(paths)))

    def choose_folder(self) -> str:
        """Ask for a folder (a seam tests replace)."""
        return QtWidgets.QFileDialog.getExistingDirectory(
            self.window, self.tr("Import every credential in a folder")
        )

    def import_folder_interactively(self) -> None:
        if not self._available():
            return
        folder = self.choose_folder()
        if folder:
            self.start(ImportRequest(specs=[folder]))

    def choose_qr_image(self) -> str:
        """Ask for an image holding a QR code (a seam tests replace)."""
        path, _ = QtWidgets.QFileDialog.getOpenFileName(
            self.window,
            self.tr("Import from a QR code image"),
            "",
            self.tr("Images (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff);;All files (*)"),
        )
        return path

    def import_qr_interactively(self) -> None:
        if not self._available():
            return
        path = self.choose_qr_image()
        if path:
            self.start(ImportRequest(images=[QrImage(Path(path).name, path=path)]))

    def paste(self) -> Task | None:
        """Edit → Paste: JSON, JWT/SD-JWT text, https URLs, copied files, or a QR screenshot."""
        if not self._available():
            return None
        mime = QtGui.QGuiApplication.clipboard().mimeData()
        if self._receive(offer_in(mime)):
            return None
        request = request_from_mime(mime, self.tr("pasted text"), self.tr("pasted image"))
        if request.is_empty():
            self._say(
                self.tr(
                    "The clipboard holds nothing to import. Copy a credential's "
                    "text, a JWT, or an https address first."
                )
            )
            return None
        urls = [s for s in request.specs if is_url(s)]
        if not urls:
            return self.start(request)
        if self.is_busy() or self.store_getter() is None:
            return self.start(request)  # says why it cannot start, or does nothing if locked

        def answered(yes: bool) -> None:
            if not yes:
                request.specs = [s for s in request.specs if not is_url(s)]
                request.refused += [not_fetched(url) for url in urls]
            self.start(request)

        self.ask_to_fetch(urls, self.tr("The clipboard"), answered)
        return None

    def drop(self, mime: QtCore.QMimeData) -> Task | None:
        """Files, folders, https URLs or credential text dropped on the window."""
        if not self._available():
            return None
        if self._receive(offer_in(mime)):
            return None
        request = request_from_mime(mime, self.tr("dropped text"), self.tr("dropped image"))
        if request.is_empty():
            return None
        return self.start(request)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if watched is self.window:
            kind = event.type()
            if kind in (QtCore.QEvent.Type.DragEnter, QtCore.QEvent.Type.DragMove):
                assert isinstance(event, QtGui.QDropEvent)
                if (
                    self.enabled
                    and self.store_getter() is not None
                    and _importable(event.mimeData())
                ):
                    event.acceptProposedAction()
                    return True
            elif kind == QtCore.QEvent.Type.Drop:
                assert isinstance(event, QtGui.QDropEvent)
                event.acceptProposedAction()
                # Copy the data: the drag's own object goes away when this event returns.
                QtCore.QTimer.singleShot(0, lambda m=_copy_mime(event.mimeData()): self.drop(m))
                return True
        return super().eventFilter(watched, event)

    # ----- running --------------------------------------------------------------------------

    def is_busy(self) -> bool:
        """An import runs, or waits for the answer to its question."""
        return self.task is not None or self.question is not None

    def start(self, request: ImportRequest, earlier: list[ItemResult] | None = None) -> Task | None:
        """Run `request` in the background; None (and a message) when it cannot start now.
        `earlier`: result lines of the same import so far (before its question)."""
        store = self.store_getter()
        if store is None or not self.enabled:
            return None
        if self.is_busy():
            self._say(self.tr("An import is still running. Wait for it to finish or cancel it."))
            return None
        self.results = list(earlier or [])
        results = self.results
        found: list[tuple[str, str]] = []
        self._found = found
        mine: list[Task] = []  # the op's task, once run_op returned it (signals come later)
        # An op on its own connection (a file gone, a lock meanwhile: the plain message is
        # `_failed`'s); the list shows what went in from the change set it hands back.
        task = run_op(
            self.window,
            lambda worker, progress: run_request(worker, request, progress, results, found),
            progress_text="",
            on_progress=lambda d, t, text: (
                self.progress.advance(d, t, text) if mine[0] is self.task else None
            ),
            on_done=lambda _imported: self._done(mine[0], list(results), cancelled=False),
            on_cancelled=lambda: self._done(mine[0], list(results), cancelled=True),
            on_failed=lambda message: self._failed(mine[0], message),
            log=log_line,
            owner=self,
        )
        if task is None:
            return None
        mine.append(task)
        self.task = task
        what = (
            self.tr("Downloading and importing\u2026")
            if any(is_url(s) for s in request.specs) or request.addresses
            else self.tr("Importing\u2026")
        )
        self.progress.begin(what)
        return task

    def cancel(self) -> None:
        """Stop after the item being imported; what went in before stays in."""
        if self.task is not None:
            self.task.cancel()
            self.progress.stopping()

    def forget(self) -> None:
        """The wallet was locked: stop background work and close what shows its contents."""
        for task in (self.task, self.verify_task):
            if task is not None:
                task.cancel()  # its late signals find it is no longer ours and are dropped
        self.task = None
        self.verify_task = None
        self._found = []
        question, self.question, self._on_answer = self.question, None, None
        if question is not None:  # unanswered: nothing is fetched
            question.close()
        self.progress.hide()
        if self.result_dialog is not None:
            self.result_dialog.close()
            self.result_dialog.deleteLater()
            self.result_dialog = None

    def _done(self, task: Task, results: list[ItemResult], *, cancelled: bool) -> None:
        if task is not self.task:
            return
        self.task = None
        self.progress.hide()
        if cancelled:  # what went in before the cancel stays in: show it
            self._show_what_went_in(results)
        found, self._found = self._found, []
        # An issuer's offer in a QR code goes to the receive dialog, a verifier's request to
        # the respond dialog (each asks before connecting).
        offers = [(text, where) for text, where in found if self._handled(text)]
        found = [item for item in found if item not in offers]
        if offers and not cancelled:
            results = results + [not_fetched(text) for text, _where in offers[1:]]
            if not results and not found:
                self._receive(*offers[0])
                self.imported.emit(results)
                return
            QtCore.QTimer.singleShot(0, lambda: self._receive(*offers[0]))
        if found and not cancelled:
            self._ask_about(found, results)
            return
        self._finish(results, cancelled=cancelled)

    def _ask_about(self, found: list[tuple[str, str]], results: list[ItemResult]) -> None:
        """The QR codes held web addresses: fetch them only if the person says yes (what
        the codes held besides is in the list already)."""

        def answered(yes: bool) -> None:
            if yes and self.start(ImportRequest(addresses=found), earlier=results) is not None:
                return
            self._finish(results + [not_fetched(url) for url, _where in found], cancelled=False)

        wheres = list(dict.fromkeys(where for _url, where in found))
        where = (
            wheres[0][:1].upper() + wheres[0][1:] if len(wheres) == 1 else self.tr("The QR codes")
        )
        self.ask_to_fetch([url for url, _where in found], where, answered)

    def ask_to_fetch(
        self, urls: list[str], where: str, answered: Callable[[bool], None]
    ) -> QtWidgets.QMessageBox:
        """Ask (without blocking) whether to connect to the hosts of `urls`; No is the
        default and what Esc or closing answers. `answered(yes)` runs once it is answered."""
        hosts = list(dict.fromkeys(host_of(url) for url in urls))
        text = self.tr(
            "{where} holds a web address:\n\n{urls}\n\nConnect to {hosts} and "
            "import what is there? That site learns that this address was opened "
            "from your computer. Nothing is fetched unless you answer Yes."
        ).format(
            where=where,
            urls="\n".join(_shortened(url) for url in urls[:MAX_ASKED_URLS])
            + ("\n\u2026" if len(urls) > MAX_ASKED_URLS else ""),
            hosts=", ".join(_shortened(h, 60) for h in hosts[:MAX_ASKED_URLS]),
        )
        box = ask_yes_no(
            self.window,
            self.tr("Fetch from {host}?").format(host=", ".join(hosts)),
            text,  # plain text: the addresses are a stranger's
            "fetch_question",
        )
        box.finished.connect(lambda _result, b=box: self._answered(b))
        self.question = box
        self._on_answer = answered
        box.open()
        return box

    def _answered(self, box: QtWidgets.QMessageBox) -> None:
        if box is not self.question:
            return  # dropped meanwhile (locked): nothing is fetched
        answered, self.question, self._on_answer = self._on_answer, None, None
        yes = said_yes(box)
        if answered is not None:
            answered(yes)

    def _finish(self, results: list[ItemResult], *, cancelled: bool) -> None:
        """Show the import's result lines, then check what it added."""
        self.show_results(results, cancelled=cancelled)
        self.imported.emit(results)
        new_ids = [r.id for r in results if r.status == IMPORTED and r.id]
        if new_ids:
            self._show_credential(new_ids[0])
            self.verify_in_background(new_ids)

    def _failed(self, task: Task, message: str) -> None:
        if task is not self.task:
            return
        self.task = None
        self.progress.hide()
        self._show_what_went_in(self.results)
        show_message(self.window, self.tr("Import"), message, icon=Icon.Warning)

    def show_results(
        self, results: list[ItemResult], *, cancelled: bool = False
    ) -> ImportResultDialog:
        """The per-item result list (non-blocking, like every box in the app)."""
        if self.result_dialog is not None:
            self.result_dialog.close()
            self.result_dialog.deleteLater()
        dialog = ImportResultDialog(results, cancelled=cancelled, parent=self.window)
        dialog.show_credential.connect(self._show_credential)
        self.result_dialog = dialog
        dialog.open()
        return dialog

    def _show_credential(self, cid: str) -> None:
        self.window.select_credential(cid)

    def verify_in_background(self, ids: list[str]) -> Task | None:
        """Check new credentials offline so their badges show: an op whose change set
        re-reads just their rows. A failure is only logged (they stay "not checked yet")."""
        store = self.store_getter()
        if store is None or self.verify_task is not None:
            return None
        mine: list[Task] = []

        def finished(verified: Verified) -> None:
            if mine[0] is self.verify_task:
                self.verify_task = None
                if self.result_dialog is not None:
                    self.result_dialog.table.set_verdicts(verified.verdicts)
                self.verified.emit(list(verified.verdicts))

        def ended(*_args: object) -> None:
            if mine and mine[0] is self.verify_task:
                self.verify_task = None

        task = run_op(
            self.window,
            lambda worker, progress: verify_new(worker, ids, progress, log_line),
            progress_text="",
            on_done=finished,
            on_failed=ended,
            on_cancelled=ended,
            log=log_line,
            owner=self,
        )
        if task is not None:
            mine.append(task)
            self.verify_task = task
        return task

    def _show_what_went_in(self, results: list[ItemResult]) -> None:
        """An import that stopped early (cancelled, or failed part-way) hands back no change
        set: the list shows what its lines say went in."""
        store = self.store_getter()
        if store is not None:
            self.window.apply_changes(importing.changes_of(store, results))

    def _handled(self, text: str) -> bool:
        """Whether a dialog of this window takes `text`: an offer, or a verifier's request."""
        return (self.window.receiver is not None and is_offer(text)) or (
            self.window.responder is not None and is_request(text)
        )

    def _receive(self, offer: str | None, where: str = "") -> bool:
        """Hand an issuer's offer to the receive dialog, a verifier's request to the respond
        dialog (`where`: the QR picture it was in); False when there is none, or no dialog for
        it in this window."""
        if offer is None or not self._handled(offer):
            return False
        if self.window.receiver is not None and is_offer(offer):
            self.window.receiver.open_offer(offer, where=where)
        elif self.window.responder is not None:
            self.window.responder.open_request(offer, where=where)
        return True

    def _available(self) -> bool:
        if not self.enabled:
            show_message(
                self.window,
                self.tr("Import"),
                self.tr(
                    "Importing from this window is not available in this build. Use "
                    "`learner-wallet import FILE` and open the wallet again."
                ),
            )
            return False
        return self.store_getter() is not None

    def _say(self, text: str, *, warning: bool = False) -> None:
        show_message(
            self.window, self.tr("Import"), text, icon=Icon.Warning if warning else Icon.Information
        )


# ----- helpers ------------------------------------------------------------------------------


def request_from_mime(
    mime: QtCore.QMimeData | None, text_label: str, image_label: str
) -> ImportRequest:
    """What a drop or the clipboard offers: local files and folders, https URLs (as URLs),
    text (credential JSON, a JWT, addresses), or an image that may hold a QR code."""
    if mime is None:
        return ImportRequest()
    if mime.hasUrls():
        request = ImportRequest()
        for url in mime.urls():
            if url.isLocalFile():
                request.specs.append(url.toLocalFile())
            elif url.scheme().lower() in ("http", "https"):
                request.specs.append(url.toString())
            else:
                shown = url.toDisplayString()
                request.refused.append(
                    ItemResult(
                        shown,
                        FAILED,
                        plain(
                            QtCore.QCoreApplication.translate(
                                "ImportController",
                                "only files and https addresses can be imported; nothing was fetched",  # noqa: E501 - one literal for lupdate
                            )
                        ),
                    )
                )
        return request
    if mime.hasText() and mime.text().strip():
        return request_from_text(mime.text(), text_label)
    if mime.hasImage():
        data = png_bytes(mime.imageData())
        if data:
            return ImportRequest(images=[QrImage(image_label, data=data)])
    return ImportRequest()


def offer_in(mime: QtCore.QMimeData | None) -> str | None:
    """The issuer's offer link or verifier's request pasted or dropped (one link, as text or as
    a URL), else None."""
    if mime is None:
        return None
    if mime.hasText() and mime.text().strip():
        texts = [mime.text().strip()]
    elif mime.hasUrls():
        texts = [bytes(url.toEncoded().data()).decode("utf-8", "replace") for url in mime.urls()]
    else:
        return None
    text = texts[0] if len(texts) == 1 else ""
    if len(text.split()) == 1 and (is_offer(text) or is_request(text)):
        return text
    return None


def _importable(mime: QtCore.QMimeData | None) -> bool:
    return mime is not None and (mime.hasUrls() or mime.hasText() or mime.hasImage())


def _copy_mime(mime: QtCore.QMimeData) -> QtCore.QMimeData:
    copy = QtCore.QMimeData()
    for fmt in mime.formats():
        copy.setData(fmt, mime.data(fmt))
    if mime.hasUrls():
        copy.setUrls(mime.urls())
    if mime.hasText():
        copy.setText(mime.text())
    if mime.hasImage():
        copy.setImageData(mime.imageData())
    return copy


def png_bytes(image: object) -> bytes:
    """A pasted QImage or QPixmap as PNG bytes (b"" when it holds no picture)."""
    qimage = (
        image
        if isinstance(image, QtGui.QImage)
        else image.toImage()
        if isinstance(image, QtGui.QPixmap)
        else None
    )
    if qimage is None or qimage.isNull():
        return b""
    buffer = QtCore.QBuffer()
    buffer.open(QtCore.QIODevice.OpenModeFlag.WriteOnly)
    qimage.save(buffer, "PNG")
    return bytes(buffer.data())
