"""Locking: the wallet closes itself after a quiet spell, and the passphrase can be changed.

A wallet left open on a shared or stolen laptop shows every achievement and the raw credentials;
so after `auto_lock_minutes` (a wallet setting, default 5, 0 = never) with no key press or mouse
input anywhere in the app, the window locks exactly as File → Lock does: the store is closed and
the list and detail view are emptied before the unlock dialog appears.
"""

from __future__ import annotations

from collections.abc import Callable

from wallet.actions import passphrase as passphrase_actions
from wallet.errors import WalletError, WrongPassphrase
from wallet.store import WalletStore
from wallet.ui.messages import text_of
from wallet.ui.qt import Qt, QtCore, QtWidgets, Signal
from wallet.ui.widgets import ErrorLabel, action_buttons, plain_label, secret_field

AUTO_LOCK_SETTING = "auto_lock_minutes"
DEFAULT_AUTO_LOCK_MINUTES = 5
MAX_AUTO_LOCK_MINUTES = 24 * 60


def auto_lock_minutes(store: WalletStore | None) -> int:
    """The wallet's auto-lock time in minutes (0 = never); a damaged value means the default."""
    if store is None:
        return DEFAULT_AUTO_LOCK_MINUTES
    raw = store.settings.get(AUTO_LOCK_SETTING)
    if raw is None:
        return DEFAULT_AUTO_LOCK_MINUTES
    try:
        value = int(raw.strip())
    except ValueError:
        return DEFAULT_AUTO_LOCK_MINUTES
    return value if 0 <= value <= MAX_AUTO_LOCK_MINUTES else DEFAULT_AUTO_LOCK_MINUTES


_INPUT = frozenset(
    {
        QtCore.QEvent.Type.KeyPress,
        QtCore.QEvent.Type.KeyRelease,
        QtCore.QEvent.Type.MouseButtonPress,
        QtCore.QEvent.Type.MouseButtonRelease,
        QtCore.QEvent.Type.MouseButtonDblClick,
        QtCore.QEvent.Type.MouseMove,
        QtCore.QEvent.Type.Wheel,
        QtCore.QEvent.Type.TouchBegin,
        QtCore.QEvent.Type.TouchUpdate,
        QtCore.QEvent.Type.TabletPress,
        QtCore.QEvent.Type.InputMethod,
    }
)


class AutoLock(QtCore.QObject):
    """Calls `lock` once the app has had no keyboard or mouse input for the timeout.

    An application-wide event filter notes the time of each input; a single-shot timer wakes at
    the earliest moment the timeout could have passed and locks only if it truly has, so mouse
    movement costs a clock read, not a timer restart. `is_open` says whether there is anything
    to lock (nothing happens while the unlock dialog is up).
    """

    fired = Signal()

    def __init__(
        self,
        lock: Callable[[], None],
        is_open: Callable[[], bool],
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._lock = lock
        self._is_open = is_open
        self._timeout_ms = DEFAULT_AUTO_LOCK_MINUTES * 60_000
        self._clock = QtCore.QElapsedTimer()
        self._clock.start()
        self._last_input_ms = 0
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._check)
        self._filtering = False

    @property
    def timeout_ms(self) -> int:
        return self._timeout_ms

    def set_minutes(self, minutes: int) -> None:
        """Idle time before locking, in minutes; 0 turns auto-lock off."""
        self.set_timeout_ms(max(0, int(minutes)) * 60_000)

    def set_timeout_ms(self, ms: int) -> None:
        """The same in milliseconds (tests use a second)."""
        self._timeout_ms = max(0, int(ms))
        if self._timer.isActive() or self._filtering:
            self.start()

    def start(self) -> None:
        """Begin counting idle time from now (after an unlock)."""
        app = QtCore.QCoreApplication.instance()
        if app is not None and not self._filtering:
            app.installEventFilter(self)
            self._filtering = True
        self._last_input_ms = self._clock.elapsed()
        self._timer.stop()
        if self._timeout_ms > 0:
            self._timer.start(self._timeout_ms)

    def stop(self) -> None:
        """Stop watching (locked, or closing)."""
        self._timer.stop()
        app = QtCore.QCoreApplication.instance()
        if app is not None and self._filtering:
            app.removeEventFilter(self)
        self._filtering = False

    def is_running(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        if event.type() in _INPUT:
            self._last_input_ms = self._clock.elapsed()
        return False

    def _check(self) -> None:
        if self._timeout_ms <= 0:
            return
        idle = self._clock.elapsed() - self._last_input_ms
        if idle + 5 < self._timeout_ms:  # input came in meanwhile: wake when it could be due
            self._timer.start(self._timeout_ms - idle)
            return
        if not self._is_open():
            return
        self.stop()
        self.fired.emit()
        self._lock()


_METER_COLOURS = {  # the bar's colour by level: red, amber, green, deep green
    passphrase_actions.WEAK: "#c62828",
    passphrase_actions.FAIR: "#ef8f00",
    passphrase_actions.GOOD: "#2e7d32",
    passphrase_actions.STRONG: "#1b5e20",
}


class PassphraseMeter(QtWidgets.QWidget):
    """How strong the new passphrase typed into `field` is, updated as it is typed: a bar, the
    level's word ("Strength: fair") and, for a weak or fair one, what makes it easy to guess and
    a plain warning. The words are the core's (`actions.passphrase`), in the window's language.
    The rule itself is `rule_label()`, which a dialog shows before the field."""

    def __init__(self, field: QtWidgets.QLineEdit, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("passphrase_meter")
        self.bar = QtWidgets.QProgressBar()
        self.bar.setObjectName("strength_bar")
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(8)
        self.bar.setAccessibleName(self.tr("Passphrase strength"))
        self.level = plain_label("", "strength", self.tr("Passphrase strength"))
        self.level.setWordWrap(False)
        self.advice = plain_label("", "strength_advice", self.tr("Passphrase advice"))
        row = QtWidgets.QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.bar, 1)
        row.addWidget(self.level)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.advice)
        field.textChanged.connect(self.show_for)
        self.show_for(field.text())

    def show_for(self, text: str) -> None:
        """Measure `text` and show the result (nothing said for an empty field)."""
        if not text:
            self.bar.setValue(0)
            self.level.setText(self.tr("Strength: nothing typed yet"))
            self.advice.hide()
            return
        found = passphrase_actions.strength(text)
        self.bar.setValue(max(1, found.score))
        self.bar.setStyleSheet(
            f"QProgressBar::chunk {{ background: {_METER_COLOURS[found.level]}; }}"
        )
        self.level.setText(text_of(found.label))
        words = [text_of(m) for m in (found.warning, found.hint) if m is not None]
        if not found.weak and found.level != passphrase_actions.FAIR:
            words = []
        self.advice.setText(" ".join(words))
        self.advice.setVisible(bool(words))


def rule_text() -> str:
    """The passphrase rule in the window's language (the core's one rule)."""
    return text_of(passphrase_actions.rule())


def rule_label() -> QtWidgets.QLabel:
    """The passphrase rule, said before anyone types."""
    return plain_label(rule_text(), "passphrase_rule")


def rule_problem(text: str) -> str:
    """The rule's sentence when `text` breaks it (a new passphrase), else ""."""
    return text_of(passphrase_actions.problem(text))


class ChangePassphraseDialog(QtWidgets.QDialog):
    """Current passphrase, new one twice; re-keys the whole file on success.

    The current passphrase is checked by opening the file with it on a second connection, so a
    person who walked up to an unlocked wallet cannot lock its owner out.
    """

    changed = Signal()

    def __init__(self, store: WalletStore, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("change_passphrase")
        self.setWindowTitle(self.tr("Change passphrase"))
        self.setMinimumWidth(460)

        self.intro = plain_label(
            self.tr(
                "The new passphrase re-encrypts the whole wallet file. Afterwards only the new "
                "passphrase opens it; a forgotten passphrase cannot be recovered."
            )
        )
        self.current = secret_field(self.tr("Current passphrase"), "current")
        self.new = secret_field(self.tr("New passphrase"), "new")
        self.confirmation = secret_field(self.tr("Repeat new passphrase"), "confirmation")
        form = QtWidgets.QFormLayout()
        form.addRow(self.tr("&Current passphrase:"), self.current)
        form.addRow(rule_label())
        form.addRow(self.tr("&New passphrase:"), self.new)
        self.meter = PassphraseMeter(self.new)
        form.addRow("", self.meter)
        form.addRow(self.tr("&Repeat new passphrase:"), self.confirmation)

        self.error = ErrorLabel("error", self.tr("Error message"))
        self.buttons, self.accept_button, _cancel = action_buttons(
            self, self.tr("Change passphrase"), self.try_change
        )

        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.current.setFocus()

    def show_error(self, message: str) -> None:
        self.error.say(message)

    def try_change(self) -> bool:
        """Check what was typed, re-key on success; otherwise explain and stay open."""
        current, new, again = self.current.text(), self.new.text(), self.confirmation.text()
        if not current or not new:
            self.show_error(self.tr("Enter the current passphrase and a new one."))
            return False
        if new != again:
            self.show_error(self.tr("The two new passphrases do not match. Type them again."))
            self.new.clear()
            self.confirmation.clear()
            self.new.setFocus()
            return False
        if new == current:
            self.show_error(self.tr("The new passphrase is the same as the current one."))
            return False
        broken = rule_problem(new)
        if broken:
            self.show_error(broken)
            self.new.setFocus()
            return False
        QtWidgets.QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            try:
                passphrase_actions.check_passphrase(self.store, current)
            except WrongPassphrase:
                self.show_error(self.tr("The current passphrase is not right."))
                self._clear()
                self.current.setFocus()
                return False
            try:
                passphrase_actions.change_passphrase(self.store, new)
            except WalletError as e:
                self.show_error(text_of(e))
                return False
            except Exception as e:  # e.g. the file is busy: nothing was changed, say so
                self.show_error(
                    self.tr(
                        "The passphrase could not be changed ({reason}). "
                        "The old one still opens the wallet."
                    ).format(reason=type(e).__name__)
                )
                return False
        finally:
            QtWidgets.QApplication.restoreOverrideCursor()
        self._clear()
        self.error.hide()
        self.changed.emit()
        self.accept()
        return True

    def _clear(self) -> None:
        for field in (self.current, self.new, self.confirmation):
            field.clear()
