"""File → Back Up Wallet… and File → Restore from Backup…, added to the main window from outside.

Both run `wallet.backup` on a task with its own connection (scrypt alone takes about half a
second; a large wallet's document a few more), while a busy dialog says what is happening. A
restore merges into the open wallet and refreshes the list; a wrong passphrase or a damaged file
is a plain message and the wallet is untouched (`wallet.store.transfer.merge` checks the whole
backup before its one transaction).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wallet.paths import append_log
from wallet.store import WalletStore
from wallet.ui import menus
from wallet.ui.crash import LOG_NAME, default_log_dir
from wallet.ui.lock import PassphraseMeter, rule_label, rule_problem
from wallet.ui.messages import Icon, ask_yes_no, said_yes, show_message, text_of
from wallet.ui.ops import run_op
from wallet.ui.qt import QtCore, QtWidgets
from wallet.ui.widgets import secret_field
from wallet.ui.workers import Task

if TYPE_CHECKING:
    from wallet.backup import TrustOffer
    from wallet.ui.main_window import MainWindow

# lupdate finds the words through this name and a literal context.
translate = QtCore.QCoreApplication.translate


class BackupPassphraseDialog(QtWidgets.QDialog):
    """Asks for the backup's passphrase (twice when making a backup: a typo would lose it)."""

    def __init__(self, parent: QtWidgets.QWidget | None, *, confirm: bool) -> None:
        super().__init__(parent)
        self.setObjectName("backup_passphrase_dialog")
        self.setMinimumWidth(440)  # the warning reads as two lines, not a narrow column
        self.setWindowTitle(translate("BackupActions", "Backup passphrase"))
        self.confirm = confirm
        layout = QtWidgets.QFormLayout(self)
        intro = QtWidgets.QLabel(
            translate(
                "BackupActions",
                "Choose a passphrase for this backup. Without it the backup cannot be "
                "restored: nobody can recover it for you.",
            )
            if confirm
            else translate("BackupActions", "The passphrase this backup was made with.")
        )
        intro.setWordWrap(True)
        layout.addRow(intro)
        self.passphrase = secret_field(
            translate("BackupActions", "Backup passphrase"), "backup_passphrase"
        )
        self.meter: PassphraseMeter | None = None
        if confirm:  # a new backup passphrase: the one rule, said first, and the meter
            layout.addRow(rule_label())
        layout.addRow(translate("BackupActions", "&Passphrase:"), self.passphrase)
        if confirm:
            self.meter = PassphraseMeter(self.passphrase)
            layout.addRow("", self.meter)
        self.again = secret_field(
            translate("BackupActions", "Backup passphrase again"), "backup_passphrase_again"
        )
        if confirm:
            layout.addRow(translate("BackupActions", "&Again:"), self.again)
        self.error = QtWidgets.QLabel()
        self.error.setObjectName("backup_passphrase_error")
        self.error.setAccessibleName(translate("BackupActions", "Problem with the passphrase"))
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")
        layout.addRow(self.error)
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)

    def problem(self) -> str:
        """Why the passphrase as typed cannot be used ("" when it can)."""
        text = self.passphrase.text()
        if not text:
            return translate("BackupActions", "Type a passphrase.")
        if self.confirm and rule_problem(text):
            return rule_problem(text)
        if self.confirm and self.again.text() != text:
            return translate("BackupActions", "The two passphrases differ.")
        return ""

    def _accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        self.accept()


# Seams the tests replace: the file pickers and the passphrase prompt.
def ask_save_path(parent: QtWidgets.QWidget) -> Path | None:
    name = f"learner-wallet-{_dt.date.today().isoformat()}.lwbackup"
    path, _filter = QtWidgets.QFileDialog.getSaveFileName(
        parent,
        translate("BackupActions", "Back up wallet"),
        str(Path.home() / name),
        translate("BackupActions", "Learner Wallet backups (*.lwbackup)"),
    )
    return Path(path) if path else None


def ask_open_path(parent: QtWidgets.QWidget) -> Path | None:
    path, _filter = QtWidgets.QFileDialog.getOpenFileName(
        parent,
        translate("BackupActions", "Restore from backup"),
        str(Path.home()),
        translate("BackupActions", "Learner Wallet backups (*.lwbackup);;All files (*)"),
    )
    return Path(path) if path else None


def ask_passphrase(parent: QtWidgets.QWidget, *, confirm: bool) -> str | None:
    dialog = BackupPassphraseDialog(parent, confirm=confirm)
    return dialog.passphrase.text() if dialog.exec() else None


class BackupActions(QtCore.QObject):
    """The two actions and the task running behind them (one at a time)."""

    done = QtCore.Signal(str)  # the message shown when a backup or restore finished

    def __init__(self, window: MainWindow, store_getter: Callable[[], WalletStore | None]) -> None:
        super().__init__(window)
        self.window = window
        self.store_getter = store_getter
        self.task: Task | None = None
        self.busy: QtWidgets.QProgressDialog | None = None
        self.trust_box: QtWidgets.QMessageBox | None = None  # the last trust question
        # The commands are the window's (`menus.MENUS`); through lambdas: `restore` takes a
        # path, and no command hands it `checked` in its place.
        window.locked.connect(self._close_busy)  # its op's late result is dropped then
        self.backup_action = window.backup_action
        self.restore_action = window.restore_action
        window.attach(
            menus.BACKUP,
            {"backup_action": lambda: self.back_up(), "restore_action": lambda: self.restore()},
        )

    def back_up(self) -> Task | None:
        store = self.store_getter()
        if store is None or self._running():
            return None
        path = ask_save_path(self.window)
        if path is None:
            return None
        if path.suffix != ".lwbackup":
            path = path.with_name(path.name + ".lwbackup")
        passphrase = ask_passphrase(self.window, confirm=True)
        if passphrase is None:
            return None
        from wallet.actions import backups

        return self._run(
            lambda worker: backups.back_up(worker, path, passphrase).count,
            translate("BackupActions", "Writing the backup\u2026"),
            lambda count: (
                translate(
                    "BackupActions",
                    "Backed up 1 credential into {path}. Keep the passphrase safe: without it "
                    "the backup cannot be restored.",
                ).format(path=path)
                if count == 1
                else translate(
                    "BackupActions",
                    "Backed up {n} credentials into {path}. Keep the passphrase safe: without "
                    "it the backup cannot be restored.",
                ).format(n=count, path=path)
            ),
        )

    def restore(self, path: Path | str | None = None) -> Task | None:
        """Restore from `path` (a backup file opened with the app), else from a file the
        learner picks; None when nothing started (cancelled, locked, or one is running)."""
        store = self.store_getter()
        if store is None or self._running():
            return None
        path = Path(path) if isinstance(path, str | Path) else ask_open_path(self.window)
        if path is None:
            return None
        passphrase = ask_passphrase(self.window, confirm=False)
        if passphrase is None:
            return None
        from wallet.actions import backups

        def finished(counts: Any) -> str:
            # The list and the stacks read everything again already (`changes.everything`).
            if counts.offer:  # after the summary, which lists them too
                QtCore.QTimer.singleShot(0, lambda: self.offer_trust(counts.offer))
            return translate("BackupActions", "Restored from {path}: {summary}.").format(
                path=path.name, summary=text_of(counts.line())
            )

        return self._run(
            lambda worker: backups.restore_backup(worker, path, passphrase),
            translate("BackupActions", "Restoring\u2026"),
            finished,
        )

    def offer_trust(self, offer: TrustOffer) -> QtWidgets.QMessageBox | None:
        """Ask whether to trust the issuers a restored backup trusted and to subscribe to its
        issuer registries (one question, default No): a backup is a file anyone could have
        edited, so what it would make trusted or known is the learner's to accept. A yes adds
        both (each registry with the backup's copy: nothing is fetched) and checks their
        credentials again."""
        from wallet.backup import LISTED_ISSUERS  # not on the start-up path

        store = self.store_getter()
        if store is None or not offer:
            return None

        def listed(lines: list[str]) -> list[str]:  # the first few, then "…" for the rest
            return lines[:LISTED_ISSUERS] + ["\u2026"] * (len(lines) > LISTED_ISSUERS)

        issuers = listed([f"{name} <{iid}>" if name else iid for iid, name in offer.issuers])
        registries = listed([text_of(r.line()) for r in offer.registries])
        if not registries:
            title = translate("BackupActions", "Trust the backup's issuers?")
            text = translate(
                "BackupActions",
                "The backup trusted issuers that your wallet does not trust:\n\n{issuers}"
                "\n\nTrust them too? Say yes only if you recognise every one: a trusted issuer's "
                "credentials count as verified and toward your stacks.",
            ).format(issuers="\n".join(issuers))
        elif not issuers:
            title = translate("BackupActions", "Subscribe to the backup's issuer registries?")
            text = translate(
                "BackupActions",
                "The backup subscribed to issuer registries that your wallet does not:"
                "\n\n{registries}\n\nSubscribe to them too? Say yes only if you recognise "
                "every one: the credentials of the issuers a registry lists count as verified "
                "and toward your stacks. Each registry is added with the copy the backup keeps "
                "of it: nothing is fetched until you press Refresh in Settings.",
            ).format(registries="\n".join(registries))
        else:
            title = translate("BackupActions", "Trust the backup's issuers and registries?")
            text = translate(
                "BackupActions",
                "The backup trusted issuers and subscribed to issuer registries that your "
                "wallet does not:\n\nIssuers:\n{issuers}\n\nIssuer registries:\n{registries}"
                "\n\nAdd them all? Say yes only if you recognise every one: the credentials of a "
                "trusted issuer, and of the issuers a registry lists, count as verified and "
                "toward your stacks. Each registry is added with the copy the backup keeps of "
                "it: nothing is fetched until you press Refresh in Settings.",
            ).format(issuers="\n".join(issuers), registries="\n".join(registries))
        box = ask_yes_no(self.window, title, text, "trust_offer")

        def answered() -> None:
            current = self.store_getter()
            if said_yes(box) and current is not None:
                from wallet.actions.backups import accept_offer

                run_op(  # its changes: the trust, and those issuers' credentials checked again
                    self.window,
                    lambda worker, _progress: accept_offer(worker, offer),
                    progress_text="",
                    error_title=translate("BackupActions", "Learner Wallet"),
                    owner=self,
                )

        box.finished.connect(lambda _result: answered())
        self.trust_box = box
        box.open()
        return box

    def _running(self) -> bool:
        return self.task is not None and self.task.is_running()

    def _run(
        self,
        job: Callable[[WalletStore], Any],
        label: str,
        message: Callable[[Any], str],
    ) -> Task | None:
        """Run `job` as an op (`ops.run_op`: its own connection to the wallet, its changes
        shown in the window), a busy dialog meanwhile."""
        self.busy = QtWidgets.QProgressDialog(label, "", 0, 0, self.window)
        self.busy.setObjectName("backup_busy")
        self.busy.setCancelButton(None)  # the transaction is all or nothing; no half stop
        self.busy.setMinimumDuration(300)
        logged: list[str] = []  # where a bug's traceback went (or why it could not)

        def log(text: str) -> None:
            stamp = _dt.datetime.now(_dt.UTC).replace(microsecond=0).isoformat()
            try:
                logged.append(
                    str(append_log(default_log_dir() / LOG_NAME, f"--- {stamp}\n{text}\n"))
                )
            except OSError as e:
                logged.append(
                    translate("BackupActions", "the log could not be written: {why}").format(
                        why=e.strerror or e
                    )
                )

        def ok(result: object) -> None:
            self._close_busy()
            text = message(result)
            show_message(self.window, translate("BackupActions", "Learner Wallet"), text)
            self.done.emit(text)

        def failed(text: str) -> None:
            self._close_busy()
            if logged:  # the task's "details are in the log": say which one
                text = translate("BackupActions", "{problem} Log: {log}").format(
                    problem=text, log=logged[-1]
                )
            show_message(
                self.window, translate("BackupActions", "Learner Wallet"), text, icon=Icon.Warning
            )
            self.done.emit(text)

        self.task = run_op(
            self.window,
            lambda worker, _progress: job(worker),
            progress_text="",
            on_done=ok,
            on_failed=failed,
            log=log,
            owner=self,
        )
        if self.task is None:
            self._close_busy()
        return self.task

    def _close_busy(self) -> None:
        if self.busy is not None:
            self.busy.reset()
            self.busy.deleteLater()
            self.busy = None


def install_backup_actions(
    window: MainWindow, store_getter: Callable[[], WalletStore | None]
) -> BackupActions:
    """Give File → Back Up Wallet… and File → Restore from Backup… their slots."""
    actions = BackupActions(window, store_getter)
    window.backup_actions = actions
    return actions
