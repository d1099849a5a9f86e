"""The Settings dialog: where the wallet is, auto-lock, online checks, trusted issuers, language.

Everything about a wallet is saved inside that wallet (encrypted, and it travels with the file):
auto-lock minutes, whether online checks are allowed, and the issuers the person trusts. The
language is a preference of this computer (see `wallet.ui.i18n`) and applies on the next start.

Trusting or removing an issuer takes effect with Save; the credentials of those issuers are
then verified again in the background (`check_again_after_save`), so their verdicts say so.

Issuer registries (the DCC issuer registry format) are subscribed to, refreshed and removed at
once, in the background, from the same Trusted issuers section (`RegistriesSection`): they
fetch, so they do not wait for Save, and the window re-reads the credentials they check again.

Online checks: `online_checks` is "on" by default, which only means the explicit "Check online
now" button may fetch status lists and issuer keys when the person presses it; nothing is ever
fetched automatically. "off" makes the wallet strictly offline: the button explains why it is
unavailable instead of fetching.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from wallet.actions import registries as registry_actions
from wallet.actions import trust as trust_actions
from wallet.actions.changes import Changes
from wallet.store import Subscription, WalletStore
from wallet.ui import i18n
from wallet.ui.lock import (
    AUTO_LOCK_SETTING,
    MAX_AUTO_LOCK_MINUTES,
    auto_lock_minutes,
)
from wallet.ui.messages import Icon, show_message, text_of
from wallet.ui.plaintext import plain_tip
from wallet.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from wallet.ui.widgets import ErrorLabel, fitting_size, line_edit, plain_label, set_font
from wallet.verify.blockcerts import DEFAULT_EXPLORER, EXPLORER_SETTING, explorer_problem

if TYPE_CHECKING:
    from wallet.ui.main_window import MainWindow
    from wallet.ui.workers import Task

ONLINE_SETTING = "online_checks"
DEFAULT_ONLINE_CHECKS = "on"

translate = QtCore.QCoreApplication.translate  # lupdate finds the words through this name


def online_checks_allowed(store: WalletStore | None) -> bool:
    """Whether the person's explicit "Check online now" may go online (never automatic)."""
    if store is None:
        return False
    return (store.settings.get(ONLINE_SETTING, DEFAULT_ONLINE_CHECKS) or "").strip() != "off"


def check_again_after_save(window: MainWindow, changes: Changes) -> Task | None:
    """Save changed whom the learner trusts (`changes`, the credentials of those issuers as
    `updated`): verify those credentials again off the GUI thread, as the one-click trust and
    the registries do, so the list, the cards and the detail pane show their new verdicts; the
    window applies the trust change with the new reports when the op is done. With nothing to
    check again the change is applied at once (None)."""
    from wallet.actions import verifying
    from wallet.ui.ops import run_op
    from wallet.ui.trust_dialog import TrustedAndChecked

    if not changes.updated:
        window.apply_changes(changes)
        return None
    return run_op(
        window,
        lambda worker, _progress: TrustedAndChecked(verifying.check_again(worker, changes)),
        progress_text=translate(
            "SettingsDialog", "Checking the credentials of those issuers again\u2026"
        ),
        error_title=translate("SettingsDialog", "Settings"),
    )


class SettingsDialog(QtWidgets.QDialog):
    """Shows the current settings; Save writes them, Cancel leaves everything as it was.

    `open_other_wallet(path)` asks the app to lock this wallet and open (or create) another;
    `saved` follows a successful save so the app can apply the new auto-lock time; `changed`
    hands what Save did to the trust list to `check_again_after_save`.
    """

    saved = Signal()
    changed = Signal(object)  # the Changes of what Save did (trusted issuers), to check again
    open_other_wallet = Signal(object)  # Path

    def __init__(self, store: WalletStore, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.setObjectName("settings")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(560)

        # --- the wallet file
        self.location = plain_label(str(store.path), "wallet_location", self.tr("Wallet file"))
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_other_button = QtWidgets.QPushButton(self.tr("Open Another Wallet\u2026"))
        self.open_other_button.setObjectName("open_other_wallet")
        self.open_other_button.clicked.connect(self._choose_other)
        wallet_box = QtWidgets.QGroupBox(self.tr("Wallet"))
        wallet_layout = QtWidgets.QVBoxLayout(wallet_box)
        wallet_layout.addWidget(self.location)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.open_other_button)
        row.addStretch(1)
        wallet_layout.addLayout(row)

        # --- security and privacy
        self.auto_lock = QtWidgets.QSpinBox()
        self.auto_lock.setObjectName("auto_lock_minutes")
        self.auto_lock.setAccessibleName(self.tr("Lock after minutes without use"))
        self.auto_lock.setRange(0, MAX_AUTO_LOCK_MINUTES)
        self.auto_lock.setSpecialValueText(self.tr("Never"))
        self.auto_lock.setSuffix(self.tr(" min"))
        self.auto_lock.setValue(auto_lock_minutes(store))
        self.auto_lock.setMinimumWidth(110)
        self.online = QtWidgets.QCheckBox(
            self.tr("Allow \u201cCheck online now\u201d to fetch status lists and issuer keys")
        )
        self.online.setObjectName("online_checks")
        self.online.setChecked(online_checks_allowed(store))
        online_note = plain_label(
            self.tr(
                "The wallet never goes online by itself. Verification uses what it already "
                "holds unless you press \u201cCheck online now\u201d."
            )
        )
        online_note.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
        privacy_box = QtWidgets.QGroupBox(self.tr("Security and privacy"))
        privacy = QtWidgets.QFormLayout(privacy_box)
        privacy.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        privacy.addRow(self.tr("&Lock after:"), self.auto_lock)
        privacy.addRow(self.online)
        privacy.addRow(online_note)
        # Blockcerts anchors are read from a blockchain explorer: the learner may choose which.
        self.explorer = line_edit(
            "blockcerts_explorer",
            self.tr("Blockchain explorer for Blockcerts"),
            DEFAULT_EXPLORER,
            clear_button=True,
        )
        self.explorer.setText(store.settings.get(EXPLORER_SETTING) or "")
        self.explorer.setToolTip(
            self.tr(
                "Where an online check looks up the transaction a Blockcerts certificate is "
                "anchored in: an https address with {txid} (and {net} for the network). "
                "Empty: the default shown."
            )
        )
        self.explorer.setMinimumWidth(280)
        self.explorer_error = ErrorLabel("explorer_error")
        privacy.addRow(self.tr("&Blockchain explorer:"), self.explorer)
        privacy.addRow(self.explorer_error)

        # --- trusted issuers
        self.issuers = QtWidgets.QListWidget()
        self.issuers.setObjectName("trusted_issuers")
        self.issuers.setAccessibleName(self.tr("Trusted issuers"))
        self.issuers.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
        for issuer_id, name in sorted(store.trust.issuers().items()):
            self._add_issuer_item(issuer_id, name)
        self.remove_issuer_button = QtWidgets.QPushButton(self.tr("&Remove"))
        self.remove_issuer_button.setObjectName("remove_issuer")
        self.remove_issuer_button.clicked.connect(self.remove_selected_issuers)
        self.remove_issuer_button.setEnabled(False)
        self.issuers.itemSelectionChanged.connect(
            lambda: self.remove_issuer_button.setEnabled(bool(self.issuers.selectedItems()))
        )
        self.new_issuer = line_edit(
            "new_issuer",
            self.tr("Issuer id to trust"),
            self.tr("Issuer id, e.g. did:web:university.example"),
        )
        self.new_issuer_name = line_edit(
            "new_issuer_name",
            self.tr("Name of the issuer (optional)"),
            self.tr("Its name, e.g. Pukeko Polytechnic"),
        )
        self.new_issuer_name.setToolTip(
            self.tr(
                "Stacks that name an issuer only by name count its credentials once you have "
                "trusted its id under that name."
            )
        )
        self.new_issuer_name.returnPressed.connect(self.add_issuer_from_field)
        self.add_issuer_button = QtWidgets.QPushButton(self.tr("&Add"))
        self.add_issuer_button.setObjectName("add_issuer")
        self.add_issuer_button.clicked.connect(self.add_issuer_from_field)
        self.new_issuer.returnPressed.connect(self.add_issuer_from_field)
        self.issuer_error = ErrorLabel()
        trust_box = QtWidgets.QGroupBox(self.tr("Trusted issuers"))
        trust = QtWidgets.QVBoxLayout(trust_box)
        trust.addWidget(
            plain_label(
                self.tr("Credentials from these issuers are marked as from a trusted issuer.")
            )
        )
        trust.addWidget(self.issuers, 1)
        trust.addWidget(self.new_issuer)  # ids are long: a line of their own
        add_row = QtWidgets.QHBoxLayout()
        add_row.addWidget(self.new_issuer_name, 1)
        add_row.addWidget(self.add_issuer_button)
        add_row.addWidget(self.remove_issuer_button)
        trust.addLayout(add_row)
        trust.addWidget(self.issuer_error)
        self.registries = RegistriesSection(store, parent)
        trust.addWidget(self.registries)

        # --- language
        self.language = QtWidgets.QComboBox()
        self.language.setObjectName("language")
        self.language.setAccessibleName(self.tr("Language"))
        self.language.addItem(self.tr("System default"), "")
        for code in i18n.available_languages():
            self.language.addItem(i18n.LANGUAGE_NAMES.get(code, code), code)
        index = self.language.findData(i18n.language_setting())
        self.language.setCurrentIndex(max(0, index))
        language_note = plain_label(self.tr("A new language applies the next time the app starts."))
        language_note.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
        language_box = QtWidgets.QGroupBox(self.tr("Language"))
        language_form = QtWidgets.QFormLayout(language_box)
        language_form.setFieldGrowthPolicy(
            QtWidgets.QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint
        )
        language_form.addRow(self.tr("&Language:"), self.language)
        language_form.addRow(language_note)

        self.buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Save
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        # Everything but Save and Cancel scrolls, so that a small screen (1024x600) reaches all
        # of it while the buttons stay in sight; a larger one shows it whole.
        content = QtWidgets.QWidget()
        content.setObjectName("settings_content")
        sections = QtWidgets.QVBoxLayout(content)
        sections.setContentsMargins(0, 0, 0, 0)
        sections.addWidget(wallet_box)
        sections.addWidget(privacy_box)
        sections.addWidget(trust_box, 1)
        sections.addWidget(language_box)
        scroll = QtWidgets.QScrollArea()
        scroll.setObjectName("settings_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        whole = content.sizeHint()
        bar = scroll.verticalScrollBar().sizeHint().width()
        room = layout.contentsMargins()
        self.resize(
            *fitting_size(
                self,
                (
                    max(self.minimumWidth(), whole.width() + bar + room.left() + room.right()),
                    whole.height() + self.buttons.sizeHint().height() + 3 * room.top(),
                ),
            )
        )

    # ----- trusted issuers ------------------------------------------------------------------

    def _add_issuer_item(self, issuer_id: str, name: str | None) -> None:
        text = f"{name} \u2014 {issuer_id}" if name else issuer_id
        item = QtWidgets.QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, issuer_id)
        item.setData(self.NameRole, name)
        item.setToolTip(plain_tip(issuer_id))
        self.issuers.addItem(item)

    NameRole = Qt.ItemDataRole.UserRole + 1

    def issuer_names(self) -> dict[str, str | None]:
        """Issuer id -> the name the learner trusts it under, as the list shows them now."""
        return {
            self.issuers.item(i).data(Qt.ItemDataRole.UserRole): self.issuers.item(i).data(
                self.NameRole
            )
            or None
            for i in range(self.issuers.count())
        }

    def issuer_ids(self) -> list[str]:
        """The issuers as the list shows them now (saved only with Save)."""
        return [
            self.issuers.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.issuers.count())
        ]

    def add_issuer_from_field(self) -> bool:
        """Trust the id typed in the field; it must look like an id (a DID or a URL)."""
        value = self.new_issuer.text().strip()
        if not value:
            return False
        if any(c.isspace() for c in value) or not (
            value.startswith("did:")
            or value.lower().startswith(("https://", "http://"))
            or value.startswith("urn:")
        ):
            self.issuer_error.say(
                self.tr("An issuer id is a DID (did:\u2026) or an address (https://\u2026).")
            )
            return False
        self.issuer_error.hide()
        name = " ".join(self.new_issuer_name.text().split()) or None
        for i in range(self.issuers.count()):  # a new name for an id already listed
            if self.issuers.item(i).data(Qt.ItemDataRole.UserRole) == value:
                self.issuers.takeItem(i)
                break
        self._add_issuer_item(value, name)
        self.new_issuer.clear()
        self.new_issuer_name.clear()
        return True

    def remove_selected_issuers(self) -> None:
        for item in self.issuers.selectedItems():
            self.issuers.takeItem(self.issuers.row(item))

    # ----- saving ---------------------------------------------------------------------------

    def save(self) -> None:
        """Write every setting, then close."""
        if self.new_issuer.text().strip() and not self.add_issuer_from_field():
            return  # a half-typed, malformed id: say so rather than drop it silently
        explorer = self.explorer.text().strip()
        problem = explorer_problem(explorer) if explorer else None
        if problem is not None:
            self.explorer_error.say(text_of(problem))
            self.explorer.setFocus()
            return
        self.explorer_error.hide()
        store = self.store
        if explorer or store.settings.get(EXPLORER_SETTING) is not None:
            store.settings.set(EXPLORER_SETTING, explorer)  # empty: back to the default
        store.settings.set(AUTO_LOCK_SETTING, str(self.auto_lock.value()))
        store.settings.set(ONLINE_SETTING, "on" if self.online.isChecked() else "off")
        trusted = trust_actions.set_trusted(store, self.issuer_names(), source="user")
        i18n.set_language_setting(str(self.language.currentData() or ""))
        self.saved.emit()
        self.changed.emit(trusted.changes)
        self.accept()

    # ----- another wallet -------------------------------------------------------------------

    def choose_wallet_file(self) -> str:
        """Ask for a wallet file; a new name creates a wallet there (a seam tests replace)."""
        path, _ = QtWidgets.QFileDialog.getSaveFileName(
            self,
            self.tr("Open or create a wallet"),
            str(self.store.path.parent),
            self.tr("Wallets (*.lwallet *.wallet);;All files (*)"),
            options=QtWidgets.QFileDialog.Option.DontConfirmOverwrite,
        )
        return path

    def _choose_other(self) -> None:
        path = self.choose_wallet_file()
        if path and Path(path) != self.store.path:
            self.reject()
            self.open_other_wallet.emit(Path(path))


class RegistriesSection(QtWidgets.QWidget):
    """Settings → Trusted issuers → Issuer registries: the registries the learner subscribes
    to (their issuers count as known), with Add…, Remove and Refresh. Each runs at once, off
    the GUI thread, as an op of the window (`ops.run_op`), which re-reads the credentials it
    checked again; it needs that window (`window`), so without one the buttons stay off."""

    def __init__(self, store: WalletStore, window: Any = None) -> None:
        super().__init__()
        self.setObjectName("issuer_registries_section")
        self.store = store
        self.window_ = window if window is not None and hasattr(window, "ops") else None
        self.task: Task | None = None  # the running registry op, if any (tests wait on it)
        self.url_dialog: QtWidgets.QInputDialog | None = None  # Add…'s question, while open

        heading = plain_label(self.tr("Issuer registries"), "issuer_registries_heading")
        set_font(heading, bold=True)
        note = plain_label(
            self.tr(
                "Issuers a registry lists count as known. The wallet fetches a registry only "
                "when you add or refresh it; changes here apply at once."
            )
        )
        note.setForegroundRole(QtGui.QPalette.ColorRole.PlaceholderText)
        self.list = QtWidgets.QListWidget()
        self.list.setObjectName("issuer_registries")
        self.list.setAccessibleName(self.tr("Issuer registries"))
        self.list.setMaximumHeight(self.list.fontMetrics().lineSpacing() * 4 + 8)
        self.list.itemSelectionChanged.connect(self._enable)
        self.add_button = QtWidgets.QPushButton(self.tr("Add\u2026"))
        self.add_button.setObjectName("add_registry")
        self.add_button.clicked.connect(self.ask_url)
        self.remove_button = QtWidgets.QPushButton(self.tr("Remove"))
        self.remove_button.setObjectName("remove_registry")
        self.remove_button.clicked.connect(self.remove_selected)
        self.refresh_button = QtWidgets.QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("refresh_registries")
        self.refresh_button.setToolTip(self.tr("Fetch every registry again now"))
        self.refresh_button.clicked.connect(self.refresh)
        self.status = plain_label("", "registry_status")
        self.error = ErrorLabel("registry_error")

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(note)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.list, 1)
        buttons = QtWidgets.QVBoxLayout()
        for button in (self.add_button, self.remove_button, self.refresh_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        self.reload()

    # ----- what is shown ----------------------------------------------------------------------

    def reload(self) -> None:
        """The subscriptions as the wallet keeps them now."""
        self.list.clear()
        for sub in registry_actions.subscriptions(self.store):
            self.list.addItem(self._item(sub))
        self._enable()

    def _item(self, sub: Subscription) -> QtWidgets.QListWidgetItem:
        summary = text_of(registry_actions.summary(sub))
        item = QtWidgets.QListWidgetItem(f"{sub.name} \u2014 {summary}")
        item.setData(Qt.ItemDataRole.UserRole, sub.url)
        item.setToolTip(plain_tip(f"{sub.url}\n{summary}"))
        return item

    def urls(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def _busy(self) -> bool:
        return self.task is not None and self.task.is_running()

    def _enable(self) -> None:
        usable = self.window_ is not None and not self._busy()
        self.add_button.setEnabled(usable)
        self.remove_button.setEnabled(usable and bool(self.list.selectedItems()))
        self.refresh_button.setEnabled(usable and self.list.count() > 0)

    # ----- Add…, Remove, Refresh --------------------------------------------------------------

    def ask_url(self) -> QtWidgets.QInputDialog:
        """Add…: ask for the registry's address (non-blocking); OK subscribes."""
        dialog = QtWidgets.QInputDialog(self)
        dialog.setObjectName("registry_url_dialog")
        dialog.setWindowTitle(self.tr("Add an issuer registry"))
        dialog.setLabelText(
            self.tr("Address of the registry (a JSON list of issuers, https://\u2026):")
        )
        dialog.setInputMode(QtWidgets.QInputDialog.InputMode.TextInput)
        dialog.textValueSelected.connect(self.subscribe)
        dialog.finished.connect(dialog.deleteLater)
        dialog.finished.connect(lambda _r: setattr(self, "url_dialog", None))
        self.url_dialog = dialog
        dialog.open()
        return dialog

    def subscribe(self, url: str) -> Task | None:
        """Fetch the registry at `url` and subscribe (in the background)."""
        address = url.strip()
        if not address:
            return None
        return self._run(
            lambda worker, _progress: registry_actions.subscribe(worker, address),
            self.tr("Fetching the issuer registry\u2026"),
            lambda result: self.tr("Subscribed to {name}.").format(name=result.subscription.name),
        )

    def remove_selected(self) -> Task | None:
        """Unsubscribe from the selected registry (its issuers are no longer known by it)."""
        items = self.list.selectedItems()
        if not items:
            return None
        url = items[0].data(Qt.ItemDataRole.UserRole)
        return self._run(
            lambda worker, _progress: registry_actions.unsubscribe(worker, url),
            self.tr("Removing the issuer registry\u2026"),
            lambda result: self.tr("Unsubscribed from {name}.").format(
                name=result.subscription.name
            ),
        )

    def refresh(self) -> Task | None:
        """Fetch every subscribed registry again; one that fails keeps its last good copy."""
        return self._run(
            lambda worker, _progress: registry_actions.refresh(worker),
            self.tr("Refreshing the issuer registries\u2026"),
            self._refreshed,
        )

    def _refreshed(self, result: registry_actions.Refreshed) -> str:
        if result.failed:
            return self.tr(
                "{count} of {total} registries could not be refreshed; their last copy is kept."
            ).format(count=len(result.failed), total=len(result.failed) + len(result.refreshed))
        return self.tr("Every registry was refreshed.")

    def _run(self, action: Any, progress: str, done: Any) -> Task | None:
        from wallet.ui.ops import run_op

        if self.window_ is None or self._busy():
            return None
        self.error.hide()
        self.status.setText(progress)

        # The op belongs to the window (its changes reach the list even when Settings was
        # closed meanwhile); what it says here is said only while this section is still there.
        alive = [True]
        self.destroyed.connect(lambda *_: alive.__setitem__(0, False))

        def finished(result: Any) -> None:
            if alive[0]:
                self.task = None
                self.reload()
                self.status.setText(done(result))

        window, title = self.window_, self.tr("Issuer registries")

        def failed(message: str) -> None:
            if not alive[0]:  # Settings was closed: say it over the window
                show_message(window, title, message, icon=Icon.Warning)
                return
            self.task = None
            self.status.clear()
            self.error.say(message)
            self._enable()

        self.task = run_op(
            window, action, progress_text=progress, on_done=finished, on_failed=failed
        )
        self._enable()
        return self.task
