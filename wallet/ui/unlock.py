"""The unlock dialog: the passphrase that opens a wallet file, or creates a new one.

It is also the app's first screen, where an employer who was handed a credential lands: so it
offers "Check a credential (no wallet needed)", which opens the verifier without a wallet
(`Session.show_verifier`) and creates or touches no file."""

from __future__ import annotations

from pathlib import Path

from wallet.errors import WalletError, WrongPassphrase
from wallet.store import WalletStore
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
                "There is no wallet file at this place yet. Choose a passphrase to "
                "create one; it encrypts everything the wallet holds."
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
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        if self.creating:
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
        layout.addLayout(form)
        if self.creating:
            note = plain_label(
                self.tr(
                    "Keep it safe: a forgotten passphrase cannot be "
                    "recovered, and nobody can open the wallet without it."
                )
            )
            layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self._check_without_wallet())
        layout.addWidget(self.buttons)

        if error:
            self.show_error(error)
        self.passphrase.setFocus()

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
        """Open (or create) the wallet with what was typed; on failure explain and stay open."""
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

    def _failed(self, message: str) -> None:
        self.show_error(message)
        self._clear_secrets()
        self.passphrase.setFocus()

    def _clear_secrets(self) -> None:
        self.passphrase.clear()
        if self.confirmation is not None:
            self.confirmation.clear()
