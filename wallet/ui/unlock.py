"""The unlock dialog: the passphrase that opens a wallet file, or creates a new one."""

from __future__ import annotations

from pathlib import Path

from wallet.errors import WalletError, WrongPassphrase
from wallet.store import WalletStore
from wallet.ui.messages import text_of
from wallet.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal


class UnlockDialog(QtWidgets.QDialog):
    """Asks for the passphrase and opens the store itself, so a wrong one is reported inline.

    When the file does not exist yet the dialog creates it instead, asking for the passphrase
    twice. On success it emits `unlocked(store)` before it closes; `store` holds it afterwards.
    """

    unlocked = Signal(object)  # the open WalletStore

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
        self.location = plain_label(str(self.path))
        self.location.setObjectName("location")
        self.location.setAccessibleName(self.tr("Wallet file"))
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.location.font()
        font.setPointSizeF(font.pointSizeF() * 0.9)
        self.location.setFont(font)
        self.location.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)

        self.passphrase = self._secret_field(self.tr("Passphrase"))
        self.confirmation: QtWidgets.QLineEdit | None = None
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("&Passphrase:"), self.passphrase)
        if self.creating:
            self.confirmation = self._secret_field(self.tr("Repeat passphrase"))
            form.addRow(self.tr("&Repeat:"), self.confirmation)

        self.error = plain_label("")
        self.error.setObjectName("error")
        self.error.setAccessibleName(self.tr("Error message"))
        style_error_label(self.error)
        self.error.hide()

        self.buttons = QtWidgets.QDialogButtonBox()
        self.accept_button = self.buttons.addButton(
            self.tr("Create") if self.creating else self.tr("Open"),
            QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.accept_button.setDefault(True)
        self.accept_button.setAccessibleName(self.accept_button.text())
        cancel = self.buttons.addButton(QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName(self.tr("Cancel"))
        self.buttons.accepted.connect(self.try_unlock)
        self.buttons.rejected.connect(self.reject)

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
        layout.addWidget(self.buttons)

        if error:
            self.show_error(error)
        self.passphrase.setFocus()

    def changeEvent(self, event: QtCore.QEvent) -> None:
        """Follow a light/dark switch of the system palette."""
        if event.type() == QtCore.QEvent.Type.PaletteChange:
            style_error_label(self.error)
        super().changeEvent(event)

    def _secret_field(self, name: str) -> QtWidgets.QLineEdit:
        field = QtWidgets.QLineEdit()
        field.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        field.setObjectName(name.lower().replace(" ", "_"))
        return field

    def show_error(self, message: str) -> None:
        """Say what went wrong inside the dialog, where the person is looking."""
        self.error.setText(message)
        self.error.show()

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


def plain_label(text: str) -> QtWidgets.QLabel:
    """A wrapped label that never interprets its text as rich text (it may quote a file)."""
    label = QtWidgets.QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    return label


def is_dark(palette: QtGui.QPalette) -> bool:
    """Whether the palette is a dark theme (light text on a dark window)."""
    return palette.color(QtGui.QPalette.ColorRole.Window).lightness() < 128


def style_error_label(label: QtWidgets.QLabel) -> None:
    """Error red that stays readable: a deep red on light themes, a light red on dark ones."""
    color = "#ff8a80" if is_dark(label.palette()) else "#b00020"
    label.setStyleSheet(f"color: {color}; font-weight: bold;")
