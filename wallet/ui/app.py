"""Starting the desktop app: the QApplication, the unlock dialog, then the main window.

`Session` owns the life of one wallet in the GUI and is where the window gets its extras from
outside: the background import flow (`import_flow.ImportController`), auto-lock
(`lock.AutoLock`), Settings and Change Passphrase, backup, Share, Export and Receive. Their
commands are in the window's one table (`menus.MENUS`); each extra only gives their slots
(`attach`).

Start-up (issue 4): only what the first window needs is imported here. The import flow pulls in
the whole parsing stack (formats, JOSE, cryptography: ~70 ms), so it is imported and installed
just after the window has painted its rows; Settings is imported when opened. The wallet may
arrive already opening on a helper thread (`PendingOpen`, started by the CLI before Qt is
imported), so SQLCipher's key derivation runs while Qt starts. `tests/ui/test_startup.py`
keeps the verification and parsing stacks out of this module's imports.

The verifier (issue 16) needs no wallet: the unlock dialog's "Check a credential" opens it from
the session (`Session.show_verifier`; closing it returns to the dialog), and `run_verifier`
runs it on its own (`learner-wallet verifier`, the "Learner Wallet Verifier" desktop entry).
Neither asks for a passphrase or opens, creates or touches a wallet file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from wallet import __version__, paths
from wallet.errors import WalletError, WrongPassphrase
from wallet.store import WalletStore
from wallet.store.db import PendingOpen
from wallet.ui import i18n, menus
from wallet.ui.backup_actions import install_backup_actions
from wallet.ui.crash import install_excepthook, make_excepthook
from wallet.ui.export_dialog import install_export_actions
from wallet.ui.lock import AutoLock, ChangePassphraseDialog, auto_lock_minutes
from wallet.ui.main_window import MainWindow
from wallet.ui.messages import show_message, text_of
from wallet.ui.models import ListSnapshot
from wallet.ui.ops import run_op
from wallet.ui.present_actions import install_present_actions
from wallet.ui.qt import Qt, QtCore, QtGui, QtWidgets
from wallet.ui.receive_dialog import install_receive_actions
from wallet.ui.respond_dialog import install_respond_actions
from wallet.ui.unlock import UnlockDialog

if TYPE_CHECKING:
    from wallet.actions.backups import Restored
    from wallet.actions.receiving import Received
    from wallet.ui.import_flow import ImportController
    from wallet.ui.settings import SettingsDialog
    from wallet.ui.verify_qr_window import VerifyQrWindow
    from wallet.ui.workers import Progress, Task

APP_NAME = "Learner Wallet"
ORGANIZATION = "Learner Wallet"

DESKTOP_ID = "org.learnerwallet.LearnerWallet"  # packaging/linux/<this>.desktop
VERIFIER_DESKTOP_ID = "org.learnerwallet.LearnerWallet.Verifier"  # the verifier's own entry
VERIFIER_SHOT_SIZE = (1000, 720)  # the verifier window's own size, for --screenshot
DEMO_SETTING = "demo"  # `learner-wallet init --demo` marks a demo wallet with demo = "1"


def run_app(
    wallet_path: Path,
    *,
    passphrase: str | None = None,
    demo: bool = False,
    argv: list[str] | None = None,
    imports: bool = True,
    log_dir: Path | None = None,
    screenshot: Path | None = None,
    language: str | None = None,
    opening: PendingOpen | None = None,
    exit_when_shown: bool = False,
    open_files: list[str] | None = None,
) -> int:
    """Run the GUI on one wallet file until the person quits; returns the exit code.

    Without `passphrase` (or with a wrong one) the unlock dialog asks for it; a missing file is
    offered for creation. `demo` marks the window as a demo wallet (so does the wallet's own
    demo setting). `imports` turns the window's ways of importing on (File → Import…, drop,
    paste, QR; False leaves them unavailable). `log_dir` is where unexpected errors are logged
    (default: the per-user log folder). An existing QApplication is reused. With `screenshot`,
    the main window is drawn at 1280x800 into that PNG as soon as it is shown, and the app
    quits (for headless machines and the README's pictures). `language` overrides the saved
    language preference (default: the preference, else the system's language).

    `opening` is `wallet_path` already being opened with `passphrase` on a helper thread (see
    `PendingOpen`): the window takes that store (and the list it prefetched) instead of
    opening again. With `exit_when_shown`, the app prints "shown N" and quits as soon as the
    window has painted its list (start-up benchmarks and smoke tests).

    `open_files` (the CLI's `gui`, even when empty) makes this the one app on this wallet:
    those files are imported once it is unlocked, and later launches hand theirs over
    (`single_instance.attach`).
    """
    app = _application(argv, DESKTOP_ID)
    # The app quits when the person quits, not when the unlock dialog hands over to the window.
    quit_on_last = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    restore_hook = install_excepthook(log_dir)
    _language, remove_translators = i18n.install_translators(language)
    session = Session(Path(wallet_path), demo=demo, imports=imports)
    if screenshot is not None:
        session.window_shown.connect(lambda w: _grab_and_quit(w, Path(screenshot)))
    if exit_when_shown:
        session.first_painted.connect(_report_painted)
    opener = None
    if open_files is not None:
        from wallet.ui.single_instance import attach

        opener = attach(session, Path(wallet_path), open_files)
    try:
        try:
            session.start(passphrase, opening=opening)
        except Exception as e:  # shown as a plain dialog like any other error
            make_excepthook(log_dir)(type(e), e, e.__traceback__)
            box = _last_message_box()
            if box is None:
                return 1
            box.finished.connect(lambda _r: app.exit(1))
        return app.exec()
    finally:
        if opening is not None:
            opening.discard()  # closes it only if the session never took it
        if opener is not None:
            opener.close()
        session.shutdown()
        restore_hook()
        remove_translators()
        app.setQuitOnLastWindowClosed(quit_on_last)


def _application(argv: list[str] | None, desktop_id: str) -> QtWidgets.QApplication:
    """The QApplication (an existing one reused), named, with its icon and desktop entry."""
    app = QtWidgets.QApplication.instance()
    if app is None:
        app = QtWidgets.QApplication(list(argv) if argv is not None else sys.argv[:1])
    assert isinstance(app, QtWidgets.QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(desktop_id)  # Wayland matches the window to the .desktop file
    app.setWindowIcon(QtGui.QIcon(str(paths.resources() / "icons" / "learner-wallet.svg")))
    return app


def run_verifier(
    files: list[str] | None = None,
    *,
    argv: list[str] | None = None,
    log_dir: Path | None = None,
    screenshot: Path | None = None,
    language: str | None = None,
) -> int:
    """Run the verifier window on its own, with no wallet, until it is closed; returns the
    exit code. For an employer: no passphrase is asked and no wallet file is opened or made;
    nothing is written but an error log. `files` (QR pictures, proof sheets, credential
    files) are checked as soon as it opens. With `screenshot`, the window is drawn into that
    PNG once shown (after the files' check, when there are files), and the app quits."""
    from wallet.ui.verify_qr_window import VerifyQrWindow

    app = _application(argv, VERIFIER_DESKTOP_ID)
    quit_on_last = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)  # the window's own `closed` ends it
    restore_hook = install_excepthook(log_dir)
    _language, remove_translators = i18n.install_translators(language)
    window = VerifyQrWindow()  # no store getter: no wallet
    window.closed.connect(lambda: QtWidgets.QApplication.exit(0))
    if screenshot is not None:
        shoot = _shooter(window, Path(screenshot))
        if files:
            window.checked.connect(shoot)
        else:
            QtCore.QTimer.singleShot(200, shoot)
    try:
        window.show()
        if files:
            window.open_files(list(files))
        return app.exec()
    finally:
        if window.task is not None:
            window.task.cancel()
        window.hide()
        window.deleteLater()
        restore_hook()
        remove_translators()
        app.setQuitOnLastWindowClosed(quit_on_last)


def _shooter(window: QtWidgets.QWidget, path: Path) -> Callable[[], None]:
    """Draw the verifier into `path` once (at its own size), then quit."""
    done: list[bool] = []

    def shoot() -> None:
        if done:
            return
        done.append(True)
        from wallet.ui.screenshot import grab

        grab(window, path, size=VERIFIER_SHOT_SIZE)
        print(f"window drawn into {path}", flush=True)
        QtWidgets.QApplication.exit(0)

    return shoot


def _grab_and_quit(window: QtWidgets.QWidget, path: Path) -> None:
    from wallet.ui.screenshot import grab

    def shoot() -> None:
        assert isinstance(window, MainWindow)
        window.complete_list()  # the picture shows the whole list, however it started
        grab(window, path, size=(1280, 800))
        print(f"window drawn into {path}")
        QtWidgets.QApplication.exit(0)

    QtCore.QTimer.singleShot(200, shoot)


class _AfterPaint(QtCore.QObject):
    """Calls `callback` once, from the event loop, just after the first paint of one of the
    watched widgets for which its `ready()` says that what it painted was worth waiting for."""

    def __init__(
        self,
        parent: QtCore.QObject,
        callback: Callable[[], None],
        watched: list[tuple[QtWidgets.QWidget, Callable[[], bool]]],
    ) -> None:
        super().__init__(parent)
        self.callback = callback
        self.watched = watched
        for widget, _ready in watched:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() == QtCore.QEvent.Type.Paint and self.watched:
            ready = next((r for w, r in self.watched if w is watched), None)
            if ready is not None and ready():
                for widget, _ready in self.watched:
                    widget.removeEventFilter(self)
                self.watched = []
                QtCore.QTimer.singleShot(0, self.callback)  # after this paint has finished
                self.deleteLater()
        return False


def after_first_paint(window: MainWindow, callback: Callable[[], None]) -> None:
    """Run `callback` once the window has painted what a person opened it for: the list with
    its rows, or the empty-wallet page (decided when it paints: the list may still be
    arriving when this is called). This is the moment start-up ends for them."""
    _AfterPaint(
        window,
        callback,
        [
            (window.table.viewport(), lambda: window.model.rowCount() > 0),
            (window.empty, lambda: window.model.total() == 0),
        ],
    )


def _report_painted(window: QtWidgets.QWidget) -> None:
    """For `--exit-when-shown`: "shown N" when the first rows have painted (N rows loaded),
    then "complete N" once the whole list is loaded and painted, and quit."""
    assert isinstance(window, MainWindow)
    print(f"shown {window.model.rowCount()}", flush=True)

    def complete() -> None:
        window.complete_list()  # a no-op when the session already read the rest
        window.table.viewport().repaint()
        print(f"complete {window.model.rowCount()}", flush=True)
        QtWidgets.QApplication.exit(0)

    QtCore.QTimer.singleShot(0, complete)


def _last_message_box() -> QtWidgets.QMessageBox | None:
    boxes = [
        w
        for w in QtWidgets.QApplication.topLevelWidgets()
        if isinstance(w, QtWidgets.QMessageBox) and w.isVisible()
    ]
    return boxes[-1] if boxes else None


class Session(QtCore.QObject):
    """The life of one wallet in the GUI: unlock → window → (lock → unlock →) quit.

    `auto_lock_ms` overrides the wallet's `auto_lock_minutes` setting (tests use a second).
    Settings → Open Another Wallet… locks this wallet and asks for the other one's passphrase.
    """

    window_shown = QtCore.Signal(QtWidgets.QWidget)
    first_painted = QtCore.Signal(QtWidgets.QWidget)  # its first rows are on the screen

    def __init__(
        self,
        path: Path,
        *,
        demo: bool = False,
        imports: bool = False,
        auto_lock_ms: int | None = None,
    ) -> None:
        super().__init__()
        self.path = path
        self.demo = demo
        self.imports_enabled = imports
        self.auto_lock_ms = auto_lock_ms
        self.window: MainWindow | None = None
        self.dialog: UnlockDialog | None = None
        self.imports: ImportController | None = None
        self.autolock: AutoLock | None = None
        self.settings_action: QtGui.QAction | None = None
        self.change_passphrase_action: QtGui.QAction | None = None
        self.verifier: VerifyQrWindow | None = None

    def start(self, passphrase: str | None, *, opening: PendingOpen | None = None) -> None:
        """Open straight away with a given passphrase, else (or if it fails) ask for one.

        With `opening` (this wallet already being opened on a helper thread), wait for it
        rather than open a second connection: the key derivation then ran while Qt started."""
        if opening is not None and opening.path == self.path:
            if self.window is None and not opening.done():
                self._make_window(None)  # built while the key derivation finishes
            try:
                store = opening.result()
            except WrongPassphrase:
                self.ask_passphrase(self.tr("Wrong passphrase or not a wallet file."))
            except WalletError as e:
                self.ask_passphrase(text_of(e))
            else:
                self.show_wallet(store, preloaded=opening.prefetched)
            return
        if passphrase and self.path.exists():
            try:
                store = WalletStore.open(self.path, passphrase)
            except WrongPassphrase:
                self.ask_passphrase(self.tr("Wrong passphrase or not a wallet file."))
            except WalletError as e:
                self.ask_passphrase(text_of(e))
            else:
                self.show_wallet(store)
            return
        self.ask_passphrase()

    def ask_passphrase(self, error: str | None = None) -> UnlockDialog:
        """Show the unlock (or create) dialog; cancelling it quits the app."""
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = UnlockDialog(self.path, error=error)
        self.dialog.unlocked.connect(self.show_wallet)
        self.dialog.rejected.connect(self._cancelled)
        self.dialog.check_requested.connect(self.show_verifier)
        self.dialog.restored.connect(self._restored_on_welcome)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog

    def _restored_on_welcome(self, summary: Restored) -> None:
        """The welcome restored a backup into a new wallet (now shown): say what came back,
        and ask about the backup's issuers as File → Restore does."""
        window = self.window
        if window is None:
            return
        window.statusBar().showMessage(text_of(summary.line()), 15_000)
        actions = getattr(window, "backup_actions", None)
        if summary.offer and actions is not None:
            offer = summary.offer  # its issuers and registries, asked about together
            QtCore.QTimer.singleShot(0, lambda: actions.offer_trust(offer))

    def show_verifier(self) -> VerifyQrWindow:
        """The start screen's "Check a credential": the verifier with no wallet behind it (no
        passphrase, no file). The start screen steps aside and comes back when it closes."""
        from wallet.ui.verify_qr_window import VerifyQrWindow

        if self.verifier is not None:
            self.verifier.show()
            self.verifier.raise_()
            self.verifier.activateWindow()
            return self.verifier
        if self.dialog is not None:
            self.dialog.hide()
        verifier = VerifyQrWindow()  # no store getter: no wallet
        verifier.closed.connect(self._verifier_closed)
        self.verifier = verifier
        verifier.show()
        verifier.raise_()
        verifier.activateWindow()
        return verifier

    def _verifier_closed(self) -> None:
        verifier, self.verifier = self.verifier, None
        if verifier is not None:
            verifier.deleteLater()
        if self.dialog is not None and (self.window is None or self.window.store is None):
            self.dialog.show()
            self.dialog.raise_()
            self.dialog.activateWindow()

    def show_wallet(
        self, store: WalletStore, *, preloaded: ListSnapshot | None = None
    ) -> MainWindow:
        """Show the main window on `store` (reusing it after a lock). `preloaded` is the
        store's list already read (by the thread that opened it)."""
        # A wallet filled with demo credentials says so however it was opened.
        demo = self.demo or store.settings.get(DEMO_SETTING) == "1"
        if self.window is None:
            self._make_window(store, demo=demo, preloaded=preloaded)
        else:
            self.window.set_store(store, preloaded=preloaded)
            self.window.set_demo(demo)
        self._apply_auto_lock()
        self.window.show()
        self.window.raise_()
        self.window.activateWindow()
        self.window_shown.emit(self.window)
        self.collect_pending()
        return self.window

    def collect_pending(self) -> Task | None:
        """Ask the issuers again, in the background, for the credentials they promised to
        deliver later and whose waiting time has passed; what arrived joins the list (the op's
        changes) and the status bar says so. Only when some are pending: otherwise nothing is
        imported or started, so opening a wallet costs one indexed look."""
        window = self.window
        store = window.store if window is not None else None
        if window is None or store is None or not store.pending.waiting():
            return None

        def collect(worker: WalletStore, progress: Progress) -> Received:
            from wallet.actions.receiving import collect_pending

            return collect_pending(worker, due_only=True, progress=lambda _line: progress.check())

        def arrived(result: Received) -> None:
            count = len(result.changes.added)
            if count == 1:
                window.statusBar().showMessage(
                    self.tr("1 credential an issuer promised has arrived"), 10_000
                )
            elif count:
                window.statusBar().showMessage(
                    self.tr("{n} credentials issuers promised have arrived").format(n=count),
                    10_000,
                )

        def failed(message: str) -> None:
            # Never a dialog over a wallet just opened: the records stay, the next open asks.
            window.statusBar().showMessage(
                self.tr(
                    "Could not ask issuers for the credentials they promised: {problem}"
                ).format(problem=message),
                10_000,
            )

        return run_op(
            window,
            collect,
            progress_text=self.tr("Asking issuers for the credentials they promised\u2026"),
            on_done=arrived,
            on_failed=failed,
        )

    def _make_window(
        self,
        store: WalletStore | None,
        *,
        demo: bool = False,
        preloaded: ListSnapshot | None = None,
    ) -> MainWindow:
        window = MainWindow(store, demo=demo, preloaded=preloaded)
        window.locked.connect(self._locked)
        window.closed.connect(self._closed)
        self.window = window
        self._install_extras(window)
        return window

    # ----- the window's extras ---------------------------------------------------------------

    def _install_extras(self, window: MainWindow) -> None:
        """Import flow, auto-lock, Settings and Change Passphrase, added from outside.

        Once the window has painted its first rows, the rest of the list is read (start-up
        may have brought only the first screen), then the import flow comes
        (`install_imports`): its module loads the parsers and cryptography, which the first
        window does not need."""
        after_first_paint(window, self._after_first_paint)
        self.autolock = AutoLock(
            window.lock, lambda: window.store is not None and window.isVisible(), self
        )

        window.attach(
            menus.SESSION,
            {
                "settings_action": self.show_settings,
                "change_passphrase_action": self.show_change_passphrase,
            },
        )
        self.settings_action = window.settings_action
        self.change_passphrase_action = window.change_passphrase_action
        window.load_imports = self.install_imports
        install_backup_actions(window, lambda: window.store)
        install_present_actions(window, lambda: window.store)
        install_export_actions(window, lambda: window.store)
        install_receive_actions(window, lambda: window.store)
        install_respond_actions(window, lambda: window.store)

    def _after_first_paint(self) -> None:
        window = self.window
        if window is None:
            return
        self.first_painted.emit(window)
        window.complete_list()
        QtCore.QTimer.singleShot(0, self.install_imports)

    def install_imports(self) -> ImportController | None:
        """Drop, paste, QR and background File → Import… on the window (once)."""
        if self.imports is None and self.window is not None:
            from wallet.ui.import_flow import ImportController

            window = self.window
            self.imports = ImportController(
                window, lambda: window.store, enabled=self.imports_enabled
            )
        return self.imports

    def _apply_auto_lock(self) -> None:
        if self.autolock is None or self.window is None:
            return
        if self.auto_lock_ms is not None:
            self.autolock.set_timeout_ms(self.auto_lock_ms)
        else:
            self.autolock.set_minutes(auto_lock_minutes(self.window.store))
        self.autolock.start()

    def show_settings(self) -> SettingsDialog | None:
        """File → Settings…: non-blocking, saved into the open wallet."""
        from wallet.ui.settings import SettingsDialog, check_again_after_save

        window = self.window
        if window is None or window.store is None:
            return None
        existing = window.findChild(SettingsDialog)
        if existing is not None and existing.isVisible():
            existing.raise_()
            existing.activateWindow()
            return existing
        dialog = SettingsDialog(window.store, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._apply_auto_lock)
        # A trust change: its issuers' credentials are checked again in the background.
        dialog.changed.connect(lambda changes: check_again_after_save(window, changes))
        dialog.open_other_wallet.connect(self.open_other_wallet)
        dialog.open()
        return dialog

    def show_change_passphrase(self) -> ChangePassphraseDialog | None:
        """File → Change Passphrase…; refused while an import holds its own connection."""
        window = self.window
        if window is None or window.store is None:
            return None
        if self.imports is not None and (
            self.imports.is_busy() or self.imports.verify_task is not None
        ):
            show_message(
                window,
                self.tr("Change passphrase"),
                self.tr("Wait until the import has finished, then change the passphrase."),
            )
            return None
        dialog = ChangePassphraseDialog(window.store, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(
            lambda: show_message(
                window,
                self.tr("Change passphrase"),
                self.tr("The passphrase was changed. Use the new one from now on."),
            )
        )
        dialog.open()
        return dialog

    def open_other_wallet(self, path: Path) -> None:
        """Lock this wallet, then ask for the passphrase of the one at `path` (or create it)."""
        self.path = Path(path)
        self.demo = False  # a demo wallet still says so through its own setting
        if self.window is not None and self.window.store is not None:
            self.window.lock()  # → _locked → the unlock dialog for the new path
        else:
            self.ask_passphrase()

    def _stop_watching(self) -> None:
        """No auto-lock timer and no import left running for a wallet that is going away."""
        if self.autolock is not None:
            self.autolock.stop()
        if self.imports is not None:
            self.imports.forget()

    def _locked(self) -> None:
        """Everything that showed the wallet's contents is gone before the dialog appears."""
        self._stop_watching()
        if self.window is not None:
            for dialog in self.window.findChildren(QtWidgets.QDialog):
                if dialog.isVisible():
                    dialog.close()
        self.ask_passphrase()

    def _cancelled(self) -> None:
        QtWidgets.QApplication.exit(0)

    def _closed(self) -> None:
        QtWidgets.QApplication.exit(0)

    def shutdown(self) -> None:
        """Close whatever is still open (the store first), e.g. when the app is told to quit."""
        self._stop_watching()
        if self.verifier is not None:
            verifier, self.verifier = self.verifier, None
            verifier.closed.disconnect(self._verifier_closed)
            verifier.close()
            verifier.deleteLater()
        if self.window is not None:
            if self.window.store is not None:
                self.window.store.close()
                self.window.store = None
            self.window.hide()
            self.window.deleteLater()
            self.window = None
        if self.dialog is not None:
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None
