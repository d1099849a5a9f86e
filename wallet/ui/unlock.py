"""The unlock dialog: the passphrase that opens a wallet file, or creates a new one.

It is also the app's first screen, where an employer who was handed a credential lands: so it
offers "Check a credential (no wallet needed)", which opens the verifier without a wallet
(`Session.show_verifier`) and creates or touches no file.

On a first start (no wallet file) it is the welcome: three paths, each a page of the dialog.
Create a wallet (the default, so Enter still creates); Restore from a backup (a .lwbackup file,
its passphrase, and the new wallet's passphrase: the backup is read and checked before the new
wallet file is made, as `learner-wallet restore` does); Try the demo (a fresh demo wallet, as
`learner-wallet demo` opens). Every new passphrase is held to the one rule, stated before it is
typed, with a strength meter (`lock.PassphraseMeter`)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from wallet.errors import WalletError, WrongPassphrase
from wallet.store import WalletStore
from wallet.ui.lock import PassphraseMeter, rule_label, rule_problem, rule_text
from wallet.ui.messages import text_of
from wallet.ui.qt import Qt, QtGui, QtWidgets, Signal
from wallet.ui.widgets import ErrorLabel, action_buttons, plain_label, secret_field, set_font


class UnlockDialog(QtWidgets.QDialog):
    """Asks for the passphrase and opens the store itself, so a wrong one is reported inline.

    When the file does not exist yet the dialog creates it instead, asking for the passphrase
    twice. On success it emits `unlocked(store)` before it closes; `store` holds it afterwards.
    """

    unlocked = Signal(object)  # the open WalletStore
    check_requested = Signal()  # the person wants to check a credential, with no wallet
    restored = Signal(object)  # after `unlocked`: the welcome's restore summary (`Restored`)

    CREATE, RESTORE, DEMO = 0, 1, 2  # the welcome's paths, in the order shown

    def __init__(
        self, path: Path, parent: QtWidgets.QWidget | None = None, *, error: str | None = None
    ) -> None:
        super().__init__(parent)
        self.path = Path(path)
        self.creating = not self.path.exists()
        self.store: WalletStore | None = None

        self.setWindowTitle(
            self.tr("Create a wallet") if self.creating else self.tr("Unlock wallet")
        )
        self.setMinimumWidth(440)

        if self.creating:
            intro = self.tr(
                "Welcome to Learner Wallet. It keeps your badges and micro-credentials on this "
                "computer, encrypted with a passphrase only you know. How would you like to start?"
            )
        else:
            intro = self.tr("Enter the passphrase of this wallet.")
        self.intro = plain_label(intro)
        self.location = plain_label(str(self.path), "location", self.tr("Wallet file"))
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        set_font(self.location, scale=0.9)
        self.location.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)

        self.passphrase = secret_field(self.tr("Passphrase"), "passphrase")
        self.confirmation: QtWidgets.QLineEdit | None = None
        self.meter: PassphraseMeter | None = None
        self.rule: QtWidgets.QLabel | None = None
        form = QtWidgets.QFormLayout()
        if self.creating:
            self.rule = rule_label()
            form.addRow(self.rule)
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        if self.creating:
            self.meter = PassphraseMeter(self.passphrase)
            form.addRow("", self.meter)
            self.confirmation = secret_field(self.tr("Repeat passphrase"), "repeat_passphrase")
            form.addRow(self.tr("&Repeat:"), self.confirmation)

        self.error = ErrorLabel("error", self.tr("Error message"))
        self.buttons, self.accept_button, cancel = action_buttons(
            self, self.tr("Create") if self.creating else self.tr("Open"), self.try_unlock
        )
        self.accept_button.setAccessibleName(self.accept_button.text())
        cancel.setAccessibleName(self.tr("Cancel"))

        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.location)
        layout.addSpacing(6)
        self.pages: QtWidgets.QStackedWidget | None = None
        if self.creating:
            note = plain_label(
                self.tr(
                    "Keep it safe: a forgotten passphrase cannot be "
                    "recovered, and nobody can open the wallet without it."
                )
            )
            create = QtWidgets.QWidget()
            create_layout = QtWidgets.QVBoxLayout(create)
            create_layout.setContentsMargins(0, 0, 0, 0)
            create_layout.addLayout(form)
            create_layout.addWidget(note)
            create_layout.addStretch(1)
            self.pages = QtWidgets.QStackedWidget()
            self.pages.addWidget(create)
            self.pages.addWidget(self._restore_page())
            self.pages.addWidget(self._demo_page())
            layout.addWidget(self._paths())
            layout.addWidget(self.pages)
        else:
            layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self._check_without_wallet())
        layout.addWidget(self.buttons)

        if error:
            self.show_error(error)
        self.passphrase.setFocus()

    # ----- the welcome (first start) ----------------------------------------------------------

    def _paths(self) -> QtWidgets.QWidget:
        """The three ways to start, as one row of choices; the page below follows the choice."""
        box = QtWidgets.QWidget()
        box.setObjectName("welcome_paths")
        row = QtWidgets.QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.path_group = QtWidgets.QButtonGroup(self)
        self.path_group.setExclusive(True)
        self.path_buttons: list[QtWidgets.QPushButton] = []
        for index, (text, name, tip) in enumerate(
            (
                (
                    self.tr("Create a wallet"),
                    "path_create",
                    self.tr("Start an empty wallet protected by a new passphrase"),
                ),
                (
                    self.tr("Restore from a backup"),
                    "path_restore",
                    self.tr("Bring back the credentials of a .lwbackup file into a new wallet"),
                ),
                (
                    self.tr("Try the demo"),
                    "path_demo",
                    self.tr("Look around a wallet of sample credentials; nothing is saved here"),
                ),
            )
        ):
            button = QtWidgets.QPushButton(text)
            button.setObjectName(name)
            button.setAccessibleName(text)
            button.setToolTip(tip)
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setMinimumHeight(36)
            self.path_group.addButton(button, index)
            self.path_buttons.append(button)
            row.addWidget(button, 1)
        self.path_buttons[self.CREATE].setChecked(True)
        self.path_group.idClicked.connect(self.choose_path)
        return box

    def _restore_page(self) -> QtWidgets.QWidget:
        page = QtWidgets.QWidget()
        form = QtWidgets.QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        self.backup_file = QtWidgets.QLineEdit()
        self.backup_file.setObjectName("backup_file")
        self.backup_file.setAccessibleName(self.tr("Backup file"))
        self.backup_file.setPlaceholderText(self.tr("A .lwbackup file"))
        self.choose_backup = QtWidgets.QPushButton(self.tr("C&hoose…"))
        self.choose_backup.setObjectName("choose_backup")
        self.choose_backup.setAccessibleName(self.tr("Choose the backup file"))
        self.choose_backup.setAutoDefault(False)
        self.choose_backup.clicked.connect(self._pick_backup)
        file_box = QtWidgets.QWidget()  # a widget, so the label's shortcut has a buddy
        file_row = QtWidgets.QHBoxLayout(file_box)
        file_row.setContentsMargins(0, 0, 0, 0)
        file_row.addWidget(self.backup_file, 1)
        file_row.addWidget(self.choose_backup)
        form.addRow(self.tr("&Backup file:"), file_box)
        self.backup_passphrase = secret_field(self.tr("Backup passphrase"), "backup_passphrase")
        form.addRow(self.tr("Backup &passphrase:"), self.backup_passphrase)
        form.addRow(
            plain_label(
                self.tr("The new wallet gets its own passphrase: {rule}").format(rule=rule_text()),
                "restore_rule",
            )
        )
        self.new_passphrase = secret_field(self.tr("New wallet passphrase"), "new_passphrase")
        form.addRow(self.tr("&New wallet passphrase:"), self.new_passphrase)
        self.new_meter = PassphraseMeter(self.new_passphrase)
        form.addRow("", self.new_meter)
        self.new_confirmation = secret_field(
            self.tr("Repeat new wallet passphrase"), "repeat_new_passphrase"
        )
        form.addRow(self.tr("&Repeat:"), self.new_confirmation)
        return page

    def _demo_page(self) -> QtWidgets.QWidget:
        page = QtWidgets.QWidget()
        layout = QtWidgets.QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            plain_label(
                self.tr(
                    "The demo opens a separate wallet filled with sample credentials, signed by "
                    "a demo issuer: look around, share, export and check them. Nothing you do "
                    "there reaches a wallet of your own, and the demo starts afresh each time."
                ),
                "demo_note",
            )
        )
        layout.addStretch(1)
        return page

    def choose_path(self, index: int) -> None:
        """Show the page of the chosen path; the dialog's action is named after it."""
        if self.pages is None:
            return
        self.path_buttons[index].setChecked(True)
        self.pages.setCurrentIndex(index)
        self.accept_button.setText(
            (self.tr("Create"), self.tr("Restore"), self.tr("Open the demo"))[index]
        )
        self.accept_button.setAccessibleName(self.accept_button.text())
        self.error.hide()
        focus = (self.passphrase, self.backup_file, self.accept_button)[index]
        focus.setFocus()

    def chosen_path(self) -> int:
        """The welcome's chosen path (CREATE when there is no welcome)."""
        return self.pages.currentIndex() if self.pages is not None else self.CREATE

    def _pick_backup(self) -> None:
        from wallet.ui import backup_actions  # its file picker, the seam the tests replace

        chosen = backup_actions.ask_open_path(self)
        if chosen is not None:
            self.backup_file.setText(str(chosen))
            self.backup_passphrase.setFocus()

    def _check_without_wallet(self) -> QtWidgets.QWidget:
        """The way in for someone who only wants to check a credential: below a line, apart
        from the passphrase, and never the default button (Enter still opens the wallet)."""
        box = QtWidgets.QWidget()
        box.setObjectName("check_without_wallet")
        line = QtWidgets.QFrame()
        line.setFrameShape(QtWidgets.QFrame.Shape.HLine)
        line.setFrameShadow(QtWidgets.QFrame.Shadow.Sunken)
        hint = plain_label(
            self.tr(
                "Were you given a QR code, a proof sheet or a credential file to check? "
                "You do not need a wallet for that."
            ),
            "check_hint",
            self.tr("Checking without a wallet"),
        )
        self.check_button = QtWidgets.QPushButton(self.tr("Check a credential (no wallet needed)"))
        self.check_button.setObjectName("check_credential")
        self.check_button.setAccessibleName(self.tr("Check a credential (no wallet needed)"))
        self.check_button.setToolTip(
            self.tr("Verify someone else's credential or presentation; no passphrase is asked")
        )
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(lambda: self.check_requested.emit())
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.check_button)
        row.addStretch(1)
        layout = QtWidgets.QVBoxLayout(box)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.addWidget(line)
        layout.addWidget(hint)
        layout.addLayout(row)
        return box

    def show_error(self, message: str) -> None:
        """Say what went wrong inside the dialog, where the person is looking."""
        self.error.say(message)

    def try_unlock(self) -> None:
        """Open (or create) the wallet with what was typed; on failure explain and stay open.
        On the welcome, the chosen path's action: create, restore, or open the demo."""
        if self.chosen_path() == self.RESTORE:
            self._restore()
            return
        if self.chosen_path() == self.DEMO:
            self._open_demo()
            return
        secret = self.passphrase.text()
        if not secret:
            self.show_error(self.tr("Enter a passphrase."))
            self.passphrase.setFocus()
            return
        if self.confirmation is not None and self.confirmation.text() != secret:
            self.show_error(self.tr("The two passphrases do not match. Type them again."))
            self.passphrase.clear()
            self.confirmation.clear()
            self.passphrase.setFocus()
            return
        if self.creating and rule_problem(secret):
            self.show_error(rule_problem(secret))
            self.passphrase.setFocus()
            return
        QtWidgets.QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            if self.creating:
                store = WalletStore.create(self.path, secret)
            else:
                store = WalletStore.open(self.path, secret)
        except WrongPassphrase:
            self._failed(self.tr("Wrong passphrase or not a wallet file."))
            return
        except WalletError as e:
            self._failed(text_of(e))
            return
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
        self._clear_secrets()
        self.error.hide()
        self.store = store
        self.unlocked.emit(store)
        self.accept()

    def _restore(self) -> None:
        """Read and check the backup first (wrong passphrase, damage), then make the new wallet
        and merge the backup into it; if that fails, the new file is removed again. The backup's
        trusted issuers are not taken on here: the window asks about them (`restored`)."""
        from wallet.actions import backups

        source = self.backup_file.text().strip()
        backup_secret = self.backup_passphrase.text()
        new, again = self.new_passphrase.text(), self.new_confirmation.text()
        if not source:
            self.show_error(self.tr("Choose the backup file to restore."))
            self.backup_file.setFocus()
            return
        if not backup_secret:
            self.show_error(self.tr("Enter the backup's passphrase."))
            self.backup_passphrase.setFocus()
            return
        if rule_problem(new):
            self.show_error(rule_problem(new))
            self.new_passphrase.setFocus()
            return
        if new != again:
            self.show_error(self.tr("The two passphrases do not match. Type them again."))
            self.new_passphrase.clear()
            self.new_confirmation.clear()
            self.new_passphrase.setFocus()
            return
        QtWidgets.QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            try:
                checked = backups.read_backup(Path(source), backup_secret)
            except WalletError as e:
                self.show_error(text_of(e))
                self.backup_passphrase.clear()
                self.backup_passphrase.setFocus()
                return
            except OSError as e:
                self.show_error(
                    self.tr("The backup file could not be read: {problem}").format(
                        problem=e.strerror or type(e).__name__
                    )
                )
                return
            try:
                store = WalletStore.create(self.path, new)
            except WalletError as e:
                self.show_error(text_of(e))
                return
            try:
                summary = backups.restore_backup(store, checked, accept_trust=False)
            except WalletError as e:
                self._remove_new_wallet(store)
                self.show_error(text_of(e))
                return
            except BaseException:
                self._remove_new_wallet(store)
                raise
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
        for field in (self.backup_passphrase, self.new_passphrase, self.new_confirmation):
            field.clear()
        self.error.hide()
        self.store = store
        self.unlocked.emit(store)
        self.restored.emit(summary)
        self.accept()

    def _remove_new_wallet(self, store: WalletStore) -> None:
        """A wallet made for a restore that failed leaves no file behind."""
        store.close()
        for leftover in ("", "-wal", "-shm", ".lock"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{leftover}").unlink()

    def _open_demo(self) -> None:
        """A fresh demo wallet, as `learner-wallet demo` opens it; the window marks it a demo
        (its own setting says so)."""
        from wallet import demo

        QtWidgets.QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            try:
                store = WalletStore.open(demo.fresh_demo_wallet(), demo.DEMO_PASSPHRASE)
            except WalletError as e:
                self.show_error(text_of(e))
                return
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
        self.error.hide()
        self.store = store
        self.unlocked.emit(store)
        self.accept()

    def _failed(self, message: str) -> None:
        self.show_error(message)
        self._clear_secrets()
        self.passphrase.setFocus()

    def _clear_secrets(self) -> None:
        self.passphrase.clear()
        if self.confirmation is not None:
            self.confirmation.clear()
